"""`mxt progress` and `mxt check` (docs/concepts.md, Progress and Claims) on a story of our own, on
SQLite and PostgreSQL: Volta targets 120,000 deliveries in 2025 and reports them month by month; one
streak claim holds, another fails by a month."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import invoke_on

from backends import count_events, store_location

__all__ = ["store_location"]

SOURCE = {"title": "Volta monthly report"}
MONTHLY = {"2024-12": 9_500, "2025-01": 9_000, "2025-02": 10_500, "2025-03": 11_000,
           "2025-04": 12_000, "2025-05": 12_500, "2025-06": 13_000}  # fmt: skip


def next_month_first(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + 1}-01-01" if number == 12 else f"{year}-{number + 1:02d}-01"


def announcement(kind: str, day: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "company": "Volta", "announced_on": day, "source": SOURCE, **fields}


def streak(months: int, exact: bool = False) -> dict[str, Any]:
    claim: dict[str, Any] = {"type": "streak", "metric": "deliveries", "at_least": 10_000,
                             "months": months, "ending": "2025-06"}  # fmt: skip
    if exact:
        claim["exact"] = True
    return claim


STORY = [
    announcement(
        "target", "2025-01-05", id="volta-2025", metric="deliveries", period="2025", value=120_000
    ),  # fmt: skip
    *(
        announcement(
            "deliveries", next_month_first(month), id=f"volta-{month}", period=month, units=units
        )  # fmt: skip
        for month, units in MONTHLY.items()
    ),
    # the company's own first-quarter total, a little above its months: it counts instead
    announcement("deliveries", "2025-04-20", id="volta-2025-q1", period="2025-Q1", units=30_600),
    # a model's figure under the company total never counts on top of it
    announcement(
        "deliveries", "2025-07-01", id="volta-v1-2025-06", period="2025-06", units=8_000, model="V1"
    ),  # fmt: skip
    # an overseas target and figure: a scope of their own
    announcement(
        "target",
        "2025-01-05",
        id="volta-overseas-2025",
        metric="deliveries",
        period="2025",
        value=20_000,
        markets=["*"],
        **{"except": ["CN"]},
    ),  # fmt: skip
    announcement(
        "deliveries",
        "2025-07-03",
        id="volta-overseas-2025-h1",
        period="2025-H1",
        units=6_000,
        markets=["*"],
        **{"except": ["CN"]},
    ),  # fmt: skip
    announcement("claim", "2025-07-02", id="fifth-straight-month", claim=streak(5, exact=True)),
    announcement("claim", "2025-07-02", id="six-months-over-10k", claim=streak(6)),
]


@pytest.fixture
def story(store_location: str, tmp_path: Path) -> str:
    lines = tmp_path / "volta.jsonl"
    lines.write_text("".join(json.dumps(line) + "\n" for line in STORY))
    result = invoke_on(store_location, "import", str(lines))
    assert result.exit_code == 0, result.output
    return store_location


def progress(store: str, *args: str) -> list[dict[str, Any]]:
    result = invoke_on(store, "progress", "--json", *args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.stdout)
    return rows


def test_progress_midway_through_the_year(story: str) -> None:
    [row, overseas] = progress(story, "--company", "volta", "--as-of", "2025-07-05")
    assert row == {
        "company": "Volta", "metric": "deliveries", "period": "2025", "markets": [],
        "except": [], "target": 120_000, "target_bound": "exact", "target_high": None,
        "target_id": "volta-2025", "actual": 68_100, "actual_bound": "exact",
        "actual_metric": "deliveries", "covered_until": "2025-06-30", "share_pct": 56.75,
        "elapsed_pct": 49.59, "needed_per_month": 8_650, "pace": "ahead",
        "sources": ["volta-2025-q1", "volta-2025-04", "volta-2025-05", "volta-2025-06"],
    }  # fmt: skip
    assert (overseas["markets"], overseas["except"]) == (["*"], ["CN"])
    assert (overseas["actual"], overseas["sources"]) == (6_000, ["volta-overseas-2025-h1"])
    assert (overseas["share_pct"], overseas["pace"]) == (30, "behind")
    assert overseas["needed_per_month"] == round(14_000 / 6, 2)


def test_progress_counts_only_what_was_announced_and_known(story: str) -> None:
    [row, _] = progress(story, "--as-of", "2025-03-15")
    assert (row["actual"], row["covered_until"], row["pace"]) == (19_500, "2025-02-28", "on-track")
    assert row["needed_per_month"] == 10_050
    [early, _] = progress(story, "--as-of", "2025-01-20")
    assert (early["actual"], early["pace"]) == (None, "unknown")
    assert progress(story, "--as-of", "2024-12-31") == []
    assert progress(story, "--metric", "production") == []


def test_exceptions_without_markets_are_the_scope_of_every_market_less_them(
    store_location: str, tmp_path: Path
) -> None:
    """Absent markets mean every market (SPEC §4, Scope): a target `except: [CN]` and a later
    one `markets: ["*"], except: [CN]` are one slot, so one row, the later in force, as
    `state company` shows it; and a figure of either spelling counts for it."""
    overseas: dict[str, Any] = {"except": ["CN"]}
    lines = [
        announcement("target", "2025-01-02", id="bare", metric="deliveries", period="2025",
                     value=1_000, **overseas),
        announcement("target", "2025-01-03", id="starred", metric="deliveries", period="2025",
                     value=2_000, markets=["*"], **overseas),
        announcement("deliveries", "2025-02-03", id="jan", period="2025-01", units=100,
                     **overseas),
        announcement("deliveries", "2025-03-03", id="feb", period="2025-02", units=200,
                     markets=["*"], **overseas),
    ]  # fmt: skip
    file = tmp_path / "overseas.jsonl"
    file.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert invoke_on(store_location, "import", str(file)).exit_code == 0
    [row] = progress(store_location, "--as-of", "2025-03-05")
    assert (row["markets"], row["except"], row["target_id"]) == (["*"], ["CN"], "starred")
    assert (row["actual"], row["sources"]) == (300, ["jan", "feb"])
    company = invoke_on(
        store_location, "state", "company", "Volta", "--json", "--as-of", "2025-03-05"
    )
    [target] = json.loads(company.stdout)["targets"]
    assert target["id"] == row["target_id"]


def test_progress_table_shows_counts_with_their_pace(story: str) -> None:
    result = invoke_on(story, "progress", "--as-of", "2025-07-05")
    assert result.exit_code == 0
    assert "120,000" in result.stdout and "68,100" in result.stdout
    assert "* except CN" in result.stdout
    assert "ahead" in result.stdout and "56.75%" in result.stdout


def test_progress_refuses_a_bad_period(story: str) -> None:
    result = invoke_on(story, "progress", "--period", "2025-Q7")
    assert result.exit_code == 2
    assert result.stderr.startswith("mxt: error: period:")


def check(store: str, *args: str, stdin: str | None = None) -> tuple[int, list[dict[str, Any]]]:
    result = invoke_on(store, "check", "--json", *args, input=stdin)
    assert result.exit_code in (0, 1), result.output
    answer: list[dict[str, Any]] = json.loads(result.stdout)
    return result.exit_code, answer


def test_recorded_claims_are_checked_as_of_their_own_day(story: str) -> None:
    code, answer = check(story)
    assert code == 1  # one claim fails
    verdicts = {row["id"]: row["verdict"] for row in answer}
    assert verdicts == {"fifth-straight-month": "holds", "six-months-over-10k": "fails"}
    failed = next(row for row in answer if row["verdict"] == "fails")
    assert "2025-01: 9,000" in failed["why"]
    assert failed["evidence"] == [f"volta-2025-{m:02d}" for m in range(1, 7)]
    assert failed["company"] == "Volta" and failed["claim"] == streak(6)
    held = next(row for row in answer if row["verdict"] == "holds")
    assert held["evidence"][0] == "volta-2025-01"  # the month before the streak fell short


def test_a_claim_made_before_its_evidence_is_undetermined(store_location: str) -> None:
    early = announcement("claim", "2025-06-15", id="early", claim=streak(5, exact=True))
    lines = [json.dumps(line) for line in (*STORY[:-2], early)]
    assert invoke_on(store_location, "import", "-", input="\n".join(lines)).exit_code == 0
    code, answer = check(store_location)
    assert (code, answer[0]["verdict"]) == (0, "undetermined")
    assert "2025-06: not announced" in answer[0]["why"]
    strict = invoke_on(store_location, "check", "--strict")
    assert strict.exit_code == 1 and "undetermined" in strict.stdout


def test_claims_in_a_file_are_checked_as_of_as_of_and_never_recorded(
    story: str, tmp_path: Path
) -> None:
    before = count_events(story)
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        json.dumps({"company": "VOLTA", "claim": streak(5, exact=True)}) + "\n\n"
        + json.dumps(announcement("claim", "2025-07-02", claim=streak(4))) + "\n"
    )  # fmt: skip
    code, answer = check(story, str(claims), "--as-of", "2025-07-05")
    assert code == 0
    assert [row["verdict"] for row in answer] == ["holds", "holds"]
    assert answer[0]["id"] == f"{claims}:1" and answer[0]["company"] == "Volta"
    code, answer = check(story, str(claims), "--as-of", "2025-05-05")
    assert [row["verdict"] for row in answer] == ["undetermined", "undetermined"]
    assert count_events(story) == before
    code, answer = check(story, "-", stdin=json.dumps({"company": "Volta", "claim": streak(6)}))
    assert (code, answer[0]["verdict"], answer[0]["id"]) == (1, "fails", "stdin:1")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"company": "Volta"}\n', "claims.jsonl line 1: claim: missing"),
        ('\n{"claim": {"type": "streak"}, "company": "V"}\n', "claims.jsonl line 2: claim."),
        ("{oops\n", "claims.jsonl line 1: malformed JSON"),
        ('{"kind": "target"}\n', "claims.jsonl line 1: "),
        ('\ufeff{"company": "Volta"}\n', "claims.jsonl line 1: starts with a byte-order mark"),
    ],
)
def test_bad_claim_files_exit_2_naming_the_line(
    story: str, tmp_path: Path, content: str, message: str
) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text(content)
    result = invoke_on(story, "check", str(claims))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"mxt: error: {claims.parent}/{message}")
    assert len(result.stderr.strip()) <= 200 and "Traceback" not in result.stderr


def test_a_missing_claims_file_is_bad_input(story: str, tmp_path: Path) -> None:
    result = invoke_on(story, "check", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2 and "FILE" in result.stderr


def test_known_at_hides_claims_recorded_later(story: str) -> None:
    code, answer = check(story, "--known-at", "2000-01-01")
    assert (code, answer) == (0, [])


def test_the_claim_kind_is_recorded_from_the_command_line(story: str) -> None:
    result = invoke_on(
        story, "record", "claim", "--company", "Volta", "--announced-on", "2025-07-03",
        "--source", "interview", "--claim", json.dumps(streak(6, exact=True)),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    code, answer = check(story)
    assert code == 1 and len(answer) == 3


def test_state_company_lists_the_claims_with_their_verdicts(story: str) -> None:
    result = invoke_on(story, "state", "company", "Volta", "--as-of", "2025-07-05", "--json")
    assert result.exit_code == 0, result.output
    claims = json.loads(result.stdout)["claims"]
    assert [(c["id"], c["announced_on"], c["verdict"]) for c in claims] == [
        ("fifth-straight-month", "2025-07-02", "holds"),
        ("six-months-over-10k", "2025-07-02", "fails"),
    ]
    early = invoke_on(story, "state", "company", "Volta", "--as-of", "2025-07-01", "--json")
    assert json.loads(early.stdout)["claims"] == []
    table = invoke_on(story, "state", "company", "Volta", "--as-of", "2025-07-05")
    assert "six-months-over-10k" in table.stdout and "fails" in table.stdout


def test_diff_shows_the_pace_and_new_claims(story: str) -> None:
    result = invoke_on(story, "diff", "--from", "2025-06-01", "--to", "2025-07-10", "--json")
    assert result.exit_code == 0, result.output
    measured = [c for c in json.loads(result.stdout) if c["area"] in ("pace", "claim")]
    assert measured == [
        {"area": "pace", "company": "Volta", "metric": "deliveries", "period": "2025",
         "from": "on-track", "to": "ahead", "id": "volta-2025-06", "announced_on": "2025-07-01"},
        {"area": "claim", "company": "Volta", "claim_type": "streak", "from": None,
         "to": "holds", "id": "fifth-straight-month", "announced_on": "2025-07-02"},
        {"area": "claim", "company": "Volta", "claim_type": "streak", "from": None,
         "to": "fails", "id": "six-months-over-10k", "announced_on": "2025-07-02"},
        {"area": "pace", "company": "Volta", "metric": "deliveries", "period": "2025",
         "from": "unknown", "to": "behind", "id": "volta-overseas-2025-h1",
         "announced_on": "2025-07-03"},
    ]  # fmt: skip
    quiet = invoke_on(story, "diff", "--from", "2025-07-05", "--to", "2025-07-10", "--json")
    assert json.loads(quiet.stdout) == []


def test_show_names_the_progress_and_claims_an_announcement_takes_part_in(story: str) -> None:
    result = invoke_on(story, "show", "volta-2025-01", "--as-of", "2025-07-05", "--json")
    assert result.exit_code == 0, result.output
    paths = [item["path"] for item in json.loads(result.stdout)["supports"]]
    assert "claim fifth-straight-month" in paths and "claim six-months-over-10k" in paths
    assert "progress Volta deliveries 2025" not in paths  # the first quarter's total counts
    quarter = invoke_on(story, "show", "volta-2025-q1", "--as-of", "2025-07-05", "--json")
    [counted] = [i for i in json.loads(quarter.stdout)["supports"] if i["path"].startswith("pr")]
    assert counted["path"] == "progress Volta deliveries 2025"
    assert counted["value"]["target_id"] == "volta-2025"
    claim = invoke_on(story, "show", "six-months-over-10k", "--as-of", "2025-07-05", "--json")
    [supported] = json.loads(claim.stdout)["supports"]
    assert supported["value"]["verdict"] == "fails"
    late = invoke_on(story, "show", "volta-2024-12", "--as-of", "2025-07-05", "--json")
    paths = [item["path"] for item in json.loads(late.stdout)["supports"]]
    assert not any(path.startswith(("progress", "claim")) for path in paths)


# -- the seed story -------------------------------------------------------------------------


def test_the_seed_2025_target_against_xiaomis_deliveries(seeded_store: str) -> None:
    # the seed's target counts units built, and no production figure is recorded: deliveries
    # never stand in for production (SPEC 5.3), so it has no actual and its pace is unknown
    [made] = progress(
        seeded_store, "--company", "Xiaomi", "--period", "2025", "--as-of", "2025-07-05"
    )
    assert (made["target"], made["target_id"]) == (350_000, "xiaomi-2025-target-350k")
    assert (made["actual"], made["actual_metric"], made["pace"]) == (None, None, "unknown")
    # a sales target of the same year is measured by the deliveries, its stand-in
    recorded = invoke_on(
        seeded_store, "record", "target", "--company", "Xiaomi", "--announced-on", "2025-03-18",
        "--source", "a sales target", "--metric", "sales", "--period", "2025", "--value", "350k",
    )  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    [row] = progress(seeded_store, "--company", "Xiaomi", "--metric", "sales", "--as-of",
                     "2025-07-05")  # fmt: skip
    assert (row["actual_metric"], row["covered_until"]) == ("deliveries", "2025-06-30")
    # Q1 as a quarter (75,869), then April and May (28,000+ each), June (Xiaomi's 25,000+)
    assert (row["actual"], row["actual_bound"]) == (75_869 + 28_000 + 28_000 + 25_000, "at-least")
    assert row["sources"] == [
        "xiaomi-deliveries-2025-q1",
        "xiaomi-deliveries-2025-04",
        "xiaomi-deliveries-2025-05",
        "xiaomi-deliveries-2025-06-over-25k",
    ]
    assert row["needed_per_month"] == round((350_000 - 156_869) / 6, 2)
    [before] = progress(seeded_store, "--company", "Xiaomi", "--metric", "sales", "--as-of",
                        "2025-05-05")  # fmt: skip
    assert before["actual"] == 20_000 + 20_000 + 29_000 + 28_000  # January to April
    assert before["sources"][0] == "xiaomi-deliveries-2025-01"


def test_the_seed_streak_claim_is_checked_with_its_reason(seeded_store: str) -> None:
    code, [answer] = check(seeded_store)
    assert answer["id"] == "xiaomi-claim-eighth-straight-month"
    # Xiaomi passed 20,000 in October 2024: by June 2025 the streak was nine months long.
    assert (code, answer["verdict"]) == (1, "fails")
    assert "2024-10: 20,000+, the month before, also reached 20,000" in answer["why"]
    assert answer["evidence"][0] == "xiaomi-deliveries-2024-10"
    assert answer["evidence"][-1] == "xiaomi-deliveries-2025-06-over-25k"
    may = {**answer["claim"], "ending": "2025-05"}  # the eighth, by Xiaomi's count
    code, [eighth] = check(seeded_store, "-", "--as-of", "2025-06-01",
                           stdin=json.dumps({"company": "Xiaomi", "claim": may}))  # fmt: skip
    assert (code, eighth["verdict"]) == (0, "undetermined")  # September 2024 is not recorded
    assert "2024-09 (the month before): not announced" in eighth["why"]
    lines = json.dumps({"company": "Xiaomi", "claim": {**may, "exact": False}})
    code, [streak] = check(seeded_store, "-", "--as-of", "2025-06-01", stdin=lines)
    assert (code, streak["verdict"]) == (0, "holds")


def test_the_log_says_what_a_claim_claims(story: str) -> None:
    result = invoke_on(story, "log", "--kind", "claim")
    assert "claims deliveries >= 10,000, 6 months to 2025-06" in result.stdout
    assert "5 months to 2025-06 (and not the month before)" in result.stdout


def test_the_installed_mxt_check_exits_1_when_a_claim_fails(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess

    executable = shutil.which("mxt")
    assert executable is not None
    store = str(tmp_path / "s.sqlite")
    lines = "".join(json.dumps(line) + "\n" for line in STORY)
    environment = {k: v for k, v in os.environ.items() if k != "MXT_STORE"}

    def mxt(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([executable, "--store", store, *args], input=stdin, text=True,
                              capture_output=True, env=environment, timeout=60)  # fmt: skip

    assert mxt("import", "-", stdin=lines).returncode == 0
    failing = mxt("check", "--json")
    assert failing.returncode == 1 and failing.stderr == ""
    assert {row["verdict"] for row in json.loads(failing.stdout)} == {"holds", "fails"}
    holding = mxt("check", "-", stdin=json.dumps({"company": "Volta", "claim": streak(5)}))
    assert (holding.returncode, holding.stderr) == (0, "")
    bad = mxt("check", "-", stdin="{}\n")
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == "mxt: error: stdin line 1: company: missing\n"


def test_range_guidance_and_bounded_months_from_the_command_line(store_location: str) -> None:
    common = ["--company", "NIO", "--source", "guidance"]
    assert invoke_on(store_location, "record", "target", *common, "--announced-on", "2025-09-02",
               "--metric", "deliveries", "--period", "2025-Q4",
               "--value", "38.5k-39.5k").exit_code == 0  # fmt: skip
    for month, units in (("2025-10", "13k+"), ("2025-11", "~14k")):
        result = invoke_on(store_location, "record", "deliveries", *common, "--announced-on",
                     f"{month}-28", "--period", month, "--units", units)  # fmt: skip
        assert result.exit_code == 0, result.output
    [row] = progress(store_location, "--as-of", "2025-12-01")
    assert (row["target"], row["target_bound"], row["target_high"]) == (38_500, "range", 39_500)
    assert (row["actual"], row["actual_bound"]) == (27_000, "about")
    assert row["needed_per_month"] == 11_500  # from the range's low end, December left
    table = invoke_on(store_location, "progress", "--as-of", "2025-12-01").stdout
    assert "38,500–39,500" in table and "~27,000" in table
    claim = {"type": "total", "metric": "deliveries", "period": "2025-Q4", "op": ">=",
             "value": 26_000}  # fmt: skip
    code, [answer] = check(store_location, "-", "--as-of", "2025-12-01",
                           stdin=json.dumps({"company": "nio", "claim": claim}))  # fmt: skip
    assert (code, answer["verdict"]) == (0, "holds")  # 13,000 + 13,300 at the least
    code, [answer] = check(store_location, "-", "--as-of", "2025-12-01",
                           stdin=json.dumps({"company": "nio",
                                             "claim": {**claim, "value": 27_000}}))  # fmt: skip
    assert (code, answer["verdict"]) == (0, "undetermined")
