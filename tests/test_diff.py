"""`mxt diff`: what changed in the state between two as-of dates, across the seed story."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke

from mxt.cli.demo import seed_path

POLICY = "xiaomi-policy-no-sales-outside-cn-until-2027"
SOURCE = {"title": "Acme press release"}


def diff(store: str, *args: str) -> list[dict[str, Any]]:
    result = invoke("--store", store, "diff", *args, "--json")
    assert result.exit_code == 0, result.output
    changes: list[dict[str, Any]] = json.loads(result.stdout)
    return changes


def find(changes: list[dict[str, Any]], **subject: Any) -> list[dict[str, Any]]:
    return [c for c in changes if all(c.get(name) == value for name, value in subject.items())]


def one(changes: list[dict[str, Any]], **subject: Any) -> dict[str, Any]:
    found = find(changes, **subject)
    assert len(found) == 1, (subject, changes)
    return found[0]


def test_yu7_launch_orders_and_policy_between_june_and_july_2025(seeded: str) -> None:
    changes = diff(seeded, "--from", "2025-06-01", "--to", "2025-07-10", "--company", "xiaomi")
    launch = one(changes, area="launch", model="YU7")
    assert (launch["market"], launch["from"], launch["to"]) == ("CN", None, "2025-06-26")
    assert (launch["from_status"], launch["to_status"]) == (None, "available")
    assert (launch["id"], launch["announced_on"]) == ("xiaomi-yu7-launch-cn", "2025-06-26")
    pre = one(changes, area="orders", model="YU7", stage="pre-booking")
    assert (pre["from"], pre["to"], pre["id"]) == (None, 200_000, "xiaomi-yu7-prebookings-3m")
    locked = one(changes, area="orders", model="YU7", stage="locked")
    assert (locked["from"], locked["to"], locked["id"]) == (None, 240_000, "xiaomi-yu7-locked-18h")
    policy = one(changes, area="policy")
    assert (policy["from"], policy["to"], policy["id"]) == (None, "in-force", POLICY)
    assert (policy["markets"], policy["except"], policy["not_before"]) == (
        ["*"],
        ["CN"],
        "2027-01-01",
    )
    in_cn = one(changes, area="market-status", model="YU7", market="CN")
    assert (in_cn["from"], in_cn["to"], in_cn["id"]) == (
        "unknown",
        "available",
        "xiaomi-yu7-launch-cn",
    )
    # Spain (the MWC showcase) and the EU (Europe expected) are mentioned, so watched
    for market in ("ES", "EU"):
        for model in ("SU7", "YU7", None):
            status = one(changes, area="market-status", model=model, market=market)
            shown = "showcased" if (model, market) == ("SU7", "ES") else "unknown"
            assert (status["from"], status["to"], status["id"]) == (shown, "blocked", POLICY)
    totals = one(changes, area="deliveries", period="2025-06")
    assert (totals["from"], totals["to"], totals["to_bound"], totals["id"]) == (
        None,
        25_000,
        "at-least",
        "xiaomi-deliveries-2025-06-over-25k",
    )
    assert (totals["metric"], totals["markets"], totals["except"]) == ("deliveries", ["*"], [])
    wait = one(changes, area="wait-time", model="YU7")
    assert (wait["from"], wait["to"], wait["id"]) == (None, 12, "xiaomi-yu7-wait-12m")
    entry = one(changes, area="expected-entry", market="EU")
    assert (entry["model"], entry["to"], entry["id"]) == (
        None,
        "2027",
        "xiaomi-expected-entry-eu-2027",
    )
    land = one(changes, area="factory", phase=3)
    assert (land["from"], land["to"], land["id"]) == (
        None,
        "land-acquired",
        "xiaomi-beijing-phase3-land",
    )
    # SU7 was launched in China long before: no change; and no other company's rows
    assert not find(changes, area="market-status", model="SU7", market="CN")
    assert not find(changes, area="launch", model="SU7")
    assert {c["company"] for c in changes} == {"Xiaomi"}


def test_without_company_every_company_known_at_the_later_date_is_compared(seeded: str) -> None:
    changes = diff(seeded, "--from", "2025-06-01", "--to", "2025-07-10")
    defender = one(changes, company="Land Rover", area="market-status")
    assert (defender["area"], defender["market"], defender["from"], defender["to"]) == (
        "market-status",
        "IN",
        "unknown",
        "expected",
    )
    assert one(changes, company="Land Rover", area="expected-entry")["to"] == "2025"
    assert defender["id"] == "landrover-defender-octa-black-expected-in"
    assert one(changes, area="launch", model="YU7")["id"] == "xiaomi-yu7-launch-cn"


def test_market_filter_keeps_only_what_concerns_germany(seeded: str) -> None:
    changes = diff(
        seeded,
        "--from",
        "2025-06-01",
        "--to",
        "2025-07-10",
        "--company",
        "Xiaomi",
        "--market",
        "de",
    )
    assert [(c["area"], c.get("model"), c.get("market"), c["from"], c["to"]) for c in changes] == [
        ("market-status", None, "DE", "unknown", "blocked"),
        ("market-status", "SU7", "DE", "unknown", "blocked"),
        ("market-status", "YU7", "DE", "unknown", "blocked"),
        ("policy", None, None, None, "in-force"),
        ("expected-entry", None, "EU", None, "2027"),
    ]
    assert {c["id"] for c in changes} == {POLICY, "xiaomi-expected-entry-eu-2027"}
    in_cn = diff(seeded, "--from", "2025-06-01", "--to", "2025-07-10", "--market", "CN")
    assert {c["area"] for c in in_cn} == {"launch", "market-status"}  # the policy excepts CN


def test_target_raise_old_to_new(seeded: str) -> None:
    # the 300,000 goal was announced on 2024-12-31, the raise to 350,000 on 2025-03-18
    changes = diff(seeded, "--from", "2025-01-01", "--to", "2025-04-01", "--company", "Xiaomi")
    assert find(changes, area="target") == [
        {
            "area": "target",
            "company": "Xiaomi",
            "metric": "production",
            "period": "2025",
            "markets": ["*"],
            "except": [],
            "from": 300_000,
            "to": 350_000,
            "id": "xiaomi-2025-target-350k",
            "from_bound": "exact",
            "to_bound": "exact",
            "from_high": None,
            "to_high": None,
            "announced_on": "2025-03-18",
        }
    ]
    # from before the first goal, the state goes from no target straight to the one in force
    earlier = find(diff(seeded, "--from", "2024-12-01", "--to", "2025-04-01"), area="target")
    assert [(c["from"], c["to"], c["id"]) for c in earlier] == [
        (None, 350_000, "xiaomi-2025-target-350k")
    ]


def test_the_policy_lapses_at_the_start_of_2027(seeded: str) -> None:
    changes = diff(seeded, "--from", "2026-12-01", "--to", "2027-02-01", "--company", "Xiaomi")
    policy = one(changes, area="policy")
    assert (policy["from"], policy["to"]) == ("in-force", "lapsed")
    assert (policy["id"], policy["announced_on"]) == (POLICY, "2025-07-02")
    in_de = diff(seeded, "--from", "2026-12-01", "--to", "2027-02-01", "--market", "DE")
    status = one(in_de, area="market-status", model="YU7")
    # no longer blocked; the EU entry expected in 2027 now shows
    assert (status["from"], status["to"], status["id"]) == (
        "blocked",
        "expected",
        "xiaomi-expected-entry-eu-2027",
    )
    assert one(in_de, area="policy")["to"] == "lapsed"
    # India has no expected entry: the lapse itself is the reason, so the policy's id
    in_india = one(
        diff(seeded, "--from", "2026-12-01", "--to", "2027-02-01", "--market", "IN"),
        area="market-status",
        model="SU7",
    )
    assert (in_india["from"], in_india["to"], in_india["id"]) == ("blocked", "unknown", POLICY)
    assert not find(changes, area="orders") and not find(changes, area="target")
    assert not find(changes, market="IN")  # only Land Rover names India: not Xiaomi's market


def test_json_shape_and_order(seeded: str) -> None:
    result = invoke(
        "--store",
        seeded,
        "diff",
        "--from",
        "2025-06-01",
        "--to",
        "2025-07-10",
        "--json",
    )
    assert result.exit_code == 0
    changes = json.loads(result.stdout)  # nothing else on stdout
    # the target's pace among them, and the factory's plan (overdue by then)
    assert isinstance(changes, list) and len(changes) == 23
    counted = {"from_bound", "to_bound", "from_high", "to_high"}
    planned = {"from_status", "to_status"}
    subject_keys = {
        "launch": {"model", "market"} | planned,
        "market-status": {"model", "market"},
        "orders": {"model", "stage"} | counted,
        "target": {"metric", "period", "markets", "except"} | counted,
        "policy": {"markets", "except", "not_before"},
        "deliveries": {"metric", "period", "markets", "except"} | counted,
        "wait-time": {"model", "trim"},
        "expected-entry": {"model", "market"} | planned,
        "showcase": {"model", "market"},
        "pace": {"metric", "period"},
        "claim": {"claim_type"},
    }
    for change in changes:
        keys = subject_keys.get(change["area"]) or (
            {"site", "phase", "plan"} | planned if "plan" in change else {"site", "phase"}
        )  # a factory's status reached, or its plan
        assert set(change) == {"area", "company", "from", "to", "id", "announced_on"} | keys, change
        assert change["id"] and change["announced_on"]
    keys = [
        (c["announced_on"], c["area"], c["company"], c.get("model") or "", c.get("market") or "")
        for c in changes
    ]
    assert keys == sorted(keys)
    assert keys[0][:2] == ("2025-06-19", "factory")
    assert changes[-1]["area"] == "wait-time"  # the article's SU7 wait, 2025-07-04


def test_human_output_is_a_table_with_ids(seeded: str) -> None:
    result = invoke("--store", seeded, "diff", "--from", "2025-06-01", "--to", "2025-07-10",
              "--company", "Xiaomi", "--market", "DE")  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("changes from 2025-06-01 to 2025-07-10 (known at ")
    assert lines[1].split() == ["ANNOUNCED_ON", "AREA", "COMPANY", "SUBJECT", "FROM", "TO", "ID"]
    assert lines[3].split() == [
        "2025-07-02", "market-status", "Xiaomi", "SU7", "in", "DE", "unknown", "blocked",
        POLICY,
    ]  # fmt: skip
    assert "(all models) in DE" in lines[2]
    assert "not before 2027-01-01 in * except CN  -" in lines[5]
    assert len(lines) == 7


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["--from", "2025-13-01", "--to", "2025-07-10"], "--from"),
        (["--from", "2025-06-01", "--to", "10/07/2025"], "--to"),
        (["--from", "2025-07-10", "--to", "2025-06-01"], "--to"),
        (["--from", "2025-06-01", "--to", "2025-07-10", "--market", "XX"], "--market"),
    ],
)
def test_bad_input_is_one_line_naming_the_option(seeded: str, args: list[str], option: str) -> None:
    result = invoke("--store", seeded, "diff", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(f"mxt: error: {option}:"), message


def test_as_of_is_not_an_option_of_diff(seeded: str) -> None:
    result = invoke("--store", seeded, "diff", "--from", "2025-06-01", "--as-of", "2025-07-01")
    assert result.exit_code == 2
    assert "--as-of" in result.output


def test_unknown_company_is_an_empty_diff_with_a_note(seeded: str) -> None:
    result = invoke("--store", seeded, "diff", "--from", "2025-06-01", "--to", "2025-07-10",
              "--company", "Xiaomy", "--json")  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "nothing is known about Xiaomy" in result.stderr


def test_known_at_shows_the_diff_before_a_correction(tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    assert invoke("--store", store, "import", str(seed_path())).exit_code == 0
    log = json.loads(invoke("--store", store, "log", "--kind", "target", "--json").stdout)
    imported_at = log[-1]["recorded_at"]
    fixed = invoke("--store", store, "correct", "xiaomi-2025-target-350k", "--set", "value=360000",
              "--reason", "misread")  # fmt: skip
    assert fixed.exit_code == 0, fixed.output
    span = ["--from", "2025-01-01", "--to", "2025-04-01"]
    assert [c["to"] for c in find(diff(store, *span), area="target")] == [360_000]
    before_fix = diff(store, *span, "--known-at", imported_at)
    assert [c["to"] for c in find(before_fix, area="target")] == [350_000]


def test_a_planned_launch_that_moves_then_happens(tmp_path: Path) -> None:
    lines = [
        {"id": "acme-eu-june", "kind": "launch", "company": "Acme", "announced_on": "2025-01-10",
         "model": "Roadster", "market": "EU", "launched_on": "2025-06-01", "source": SOURCE},
        {"id": "acme-eu-september", "kind": "launch", "company": "Acme",
         "announced_on": "2025-03-01", "model": "Roadster", "market": "EU",
         "launched_on": "2025-09-01", "source": SOURCE},
    ]  # fmt: skip
    data = tmp_path / "acme.jsonl"
    data.write_text("".join(json.dumps(line) + "\n" for line in lines))
    store = str(tmp_path / "s.sqlite")
    assert invoke("--store", store, "import", str(data)).exit_code == 0

    moved = diff(store, "--from", "2025-02-01", "--to", "2025-04-01")
    assert [
        (c["area"], c["market"], c["from"], c["to"], c["to_status"], c["id"]) for c in moved
    ] == [
        ("launch", "EU", "2025-06-01", "2025-09-01", "announced", "acme-eu-september")
    ]  # fmt: skip (still `announced` in the EU: no status change)
    # its date passes with nothing recorded: overdue, never launched (SPEC §5.2)
    passed = diff(store, "--from", "2025-04-01", "--to", "2025-10-01", "--market", "DE")
    assert [
        (c["area"], c["market"], c["from"], c["to"], c.get("to_status"), c["id"]) for c in passed
    ] == [
        ("launch", "EU", "2025-09-01", "2025-09-01", "overdue", "acme-eu-september"),
        ("market-status", "DE", "announced", "overdue", None, "acme-eu-september"),
    ]  # fmt: skip (a plan in the EU covers Germany)
    launched = {"id": "acme-eu-launch", "kind": "launch", "company": "Acme",
                "announced_on": "2025-10-03", "model": "Roadster", "market": "EU",
                "launched_on": "2025-10-02", "source": SOURCE}  # fmt: skip
    data.write_text(json.dumps(launched) + "\n")
    assert invoke("--store", store, "import", str(data)).exit_code == 0
    happened = diff(store, "--from", "2025-10-01", "--to", "2025-10-05", "--market", "DE")
    assert [(c["area"], c["from"], c["to"], c.get("to_status"), c["id"]) for c in happened] == [
        ("launch", "2025-09-01", "2025-10-02", "available", "acme-eu-launch"),
        ("market-status", "overdue", "available", None, "acme-eu-launch"),
    ]
    assert diff(store, "--from", "2025-04-01", "--to", "2025-10-01", "--market", "CN") == []
    appeared = one(diff(store, "--from", "2025-01-01", "--to", "2025-02-01"), area="launch")
    assert (appeared["from"], appeared["to"], appeared["to_status"]) == (
        None, "2025-06-01", "announced"
    )  # fmt: skip


def test_a_policy_replaced_everywhere_is_superseded_not_lapsed(tmp_path: Path) -> None:
    lines = [
        {"id": "acme-not-before-2028", "kind": "policy", "company": "Acme",
         "announced_on": "2025-01-10", "markets": ["*"], "not_before": "2028-01-01",
         "source": SOURCE},
        {"id": "acme-not-before-2027", "kind": "policy", "company": "Acme",
         "announced_on": "2025-05-01", "markets": ["*"], "not_before": "2027-01-01",
         "source": SOURCE},
    ]  # fmt: skip
    data = tmp_path / "acme.jsonl"
    data.write_text("".join(json.dumps(line) + "\n" for line in lines))
    store = str(tmp_path / "s.sqlite")
    assert invoke("--store", store, "import", str(data)).exit_code == 0
    changes = diff(store, "--from", "2025-02-01", "--to", "2025-06-01", "--market", "FR")
    assert [(c["area"], c["from"], c["to"], c["id"]) for c in changes] == [
        ("policy", "in-force", "superseded", "acme-not-before-2028"),
        ("policy", None, "in-force", "acme-not-before-2027"),
    ]  # sorted by the announcement behind each; FR stays blocked
