"""`mxt extract` and `mxt import --dry-run` through the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import invoke_on

from mxt.events.codes import check_market, parse_iso_date
from mxt.events.dates import parse_day_or_period

from backends import count_events, store_location

Run = Callable[..., Result]
ARTICLE = Path(
    str(resources.files("mxt.cli").joinpath("data", "xiaomi-evs-outside-china-2027.txt"))
)
TEXT = ARTICLE.read_text(encoding="utf-8")

# The interchange fields of each kind (docs/formats.md), written out here so that a draft is checked
# against the contract itself: the fields every announcement may have, then each kind's own
# (required ones first, then `|`).
COMMON = {"kind", "company", "announced_on", "source", "speaker", "certainty", "note"}
SCOPE = {"markets", "except"}
KIND_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    "launch": ({"model", "market"}, {"launched_on", "status", "segment", "competitor"}),
    "orders": ({"model", "stage", "count"}, {"bound", "high", "within", *SCOPE}),
    "wait-time": ({"model", "max_months"}, {"trim"}),
    "target": (
        {"metric", "period", "value"},
        {"bound", "high", "previous", "previous_high", *SCOPE},
    ),
    "deliveries": ({"period", "units"}, {"bound", "high", "metric", "model", *SCOPE}),
    "factory": ({"site", "phase", "status"}, {"effective_on", "capacity", "market", "assembly"}),
    "policy": ({"markets", "not_before"}, {"except"}),
    "showcase": ({"model", "venue"}, {"market"}),
    "expected-entry": ({"market", "expected"}, {"model"}),
    "exit": ({"markets"}, {"except", "model", "effective_on", "temporary"}),
    "statement": ({"topic", "text"}, {"model", "market"}),
}
# A date said as a day or a period (SPEC §5.2).
DATE_SAID = r"\d{4}(-H[12]|-Q[1-4]|-\d{2}(-\d{2})?)?"
PATTERNS = {
    "period": r"\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?",
    "within": r"\d+(\.\d+)?(min|h|d|w|mo)",
    "expected": DATE_SAID,
    "launched_on": DATE_SAID,
    "effective_on": DATE_SAID,
    "bound": r"exact|at-least|at-most|about|range",
    "certainty": r"confirmed|reported|expected",
    "stage": r"pre-booking|locked|confirmed",
    "metric": r"production|deliveries|sales",
    # a factory's status, or a launch's (SPEC §5.2)
    "status": r"land-acquired|under-construction|completed|operational|paused|cancelled|closed"
    r"|launched|planned",
}


def assert_spec_shape(draft: dict[str, Any]) -> None:
    """A draft has exactly the fields the interchange format gives its kind, each in its form."""
    required, optional = KIND_FIELDS[draft["kind"]]
    assert required <= draft.keys(), draft
    assert draft.keys() <= COMMON | required | optional, draft
    for field, pattern in PATTERNS.items():
        if field in draft:
            assert re.fullmatch(pattern, str(draft[field])), (field, draft)
    for field in ("announced_on", "not_before"):
        if field in draft:
            parse_iso_date(draft[field])
    for field in ("launched_on", "effective_on", "expected"):  # a day, or a period as said
        if field in draft:
            parse_day_or_period(draft[field])
    for field in ("market", "markets", "except"):
        for code in [draft[field]] if isinstance(draft.get(field), str) else draft.get(field, []):
            assert code == "*" or check_market(code) == code, (field, draft)
    for field in ("count", "units", "value", "previous", "high", "phase"):
        if field in draft:
            assert isinstance(draft[field], int) and draft[field] >= 0, (field, draft)
    if draft.get("bound") == "range":
        assert draft["high"] >= next(draft[f] for f in ("count", "units", "value") if f in draft)
    assert draft["source"]["title"] and draft["source"]["quote"]
    assert draft["note"].startswith("Extracted by mxt extract")


def drafts_of(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("mxt: error: ") and result.stderr.count("\n") == 1
    assert len(result.stderr) <= 200
    for word in words:
        assert word in result.stderr, result.stderr


def test_extract_the_seed_article(run: Run, store_path: Path) -> None:
    drafts = drafts_of(run("extract", str(ARTICLE), "--published", "2025-07-04"))
    for draft in drafts:
        assert_spec_shape(draft)
        assert draft["source"]["quote"] in TEXT  # verbatim: grep -F finds it
        assert draft["source"]["title"] == TEXT.splitlines()[0]
    kinds = Counter(d["kind"] for d in drafts)
    assert {k: kinds[k] for k in ("orders", "wait-time", "factory", "launch")} == {
        "orders": 2, "wait-time": 2, "factory": 3, "launch": 2,
    }  # fmt: skip
    (policy,) = [d for d in drafts if d["kind"] == "policy"]
    assert (policy["markets"], policy["except"], policy["not_before"]) == (
        ["*"], ["CN"], "2027-01-01",
    )  # fmt: skip
    assert policy["certainty"] == "confirmed" and policy["speaker"] == "Lei Jun (CEO)"
    (target,) = [d for d in drafts if d["kind"] == "target"]
    assert (target["value"], target["previous"], target["period"]) == (350000, 300000, "2025")
    orders = {d["count"]: d for d in drafts if d["kind"] == "orders"}
    assert orders[200000]["within"] == "3min" and orders[200000]["bound"] == "at-least"
    assert orders[240000]["within"] == "18h" and orders[240000]["stage"] == "locked"
    assert not store_path.exists()  # never opens the store


def test_extract_reads_stdin_and_takes_the_source_options(run: Run) -> None:
    text = "NIO Update\n\nNIO delivered 23,231 vehicles in May, the company said on Sunday.\n"
    drafts = drafts_of(
        run("extract", "-", "--published", "2025-06-03", "--source", "NIO release",
            "--url", "https://example.org/nio", "--publisher", "NIO", input=text)
    )  # fmt: skip
    assert drafts == [
        {
            "kind": "deliveries", "company": "NIO", "announced_on": "2025-06-01",
            "period": "2025-05", "units": 23231, "certainty": "confirmed",
            "source": {"title": "NIO release", "url": "https://example.org/nio",
                       "publisher": "NIO",
                       "quote": "NIO delivered 23,231 vehicles in May, the company said on "
                                "Sunday."},
            "note": "Extracted by mxt extract (a draft to review). Guessed: year of the period "
                    "2025-05; announced_on 2025-06-01 read from the sentence.",
        }
    ]  # fmt: skip


def test_extract_company_option_names_a_company_it_does_not_know(run: Run) -> None:
    text = "Acme Motors sold 1,200 cars in March, the company said.\n"
    drafts = drafts_of(
        run("extract", "-", "--published", "2025-04-02", "--company", "Acme Motors", input=text)
    )
    assert [(d["kind"], d["company"], d["units"]) for d in drafts] == [
        ("deliveries", "Acme Motors", 1200)
    ]


def test_extract_facts_of_no_kind_become_statements(run: Run) -> None:
    text = "Xiaomi says its priority is to scale up at home before going abroad.\n"
    (draft,) = drafts_of(run("extract", "-", "--published", "2025-07-04", input=text))
    assert (draft["kind"], draft["text"], draft["certainty"]) == (
        "statement", text.strip(), "confirmed",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "stdin", "words"),
    [
        (["missing.txt", "--published", "2025-07-04"], None, ["file", "missing.txt"]),
        (["-", "--published", "2025-02-30"], "Tesla sold cars.", ["published", "not a valid"]),
        (["-", "--published", "July 4"], "Tesla sold cars.", ["published", "YYYY-MM-DD"]),
        (["-", "--published", "2025-07-04"], b"\xff\xfe bad", ["file", "UTF-8"]),
        (["-", "--published", "2025-07-04"], "  \n", ["file", "no text"]),
    ],
)
def test_extract_bad_input_is_one_line(
    run: Run, args: list[str], stdin: str | bytes | None, words: list[str]
) -> None:
    assert_one_line_error(run("extract", *args, input=stdin), *words)


# -- import --dry-run ------------------------------------------------------------------------


def seed_file() -> str:
    return str(resources.files("mxt.cli").joinpath("data", "xiaomi-seed.jsonl"))


def seed_count() -> int:
    """How many announcements the demo data set holds."""
    return sum(1 for line in Path(seed_file()).read_text(encoding="utf-8").splitlines() if line)


def test_dry_run_creates_no_store_and_counts_what_would_be_recorded(
    run: Run, store_path: Path
) -> None:
    result = run("import", "--dry-run", seed_file())
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("line 1: showcase Xiaomi 2024-02-26 xiaomi-su7-showcase-mwc2024")
    assert lines[-1] == f"dry run: would record {seed_count()}, already present 0; nothing written"
    assert not store_path.exists()


def test_dry_run_checks_against_the_store_and_writes_nothing(
    run: Run, store_path: Path, stored_events: Callable[[], int]
) -> None:
    assert run("import", seed_file()).exit_code == 0
    before = stored_events()
    result = run("import", "--dry-run", "--json", seed_file())
    assert json.loads(result.stdout) == {
        "recorded": 0, "already_present": seed_count(), "dry_run": True,
    }  # fmt: skip
    correction = {"kind": "correction", "id": "xiaomi-2025-target-350k", "set": {"value": 360000},
                  "reason": "typo"}  # fmt: skip
    result = run("import", "--dry-run", "--json", "-", input=json.dumps(correction))
    assert json.loads(result.stdout)["recorded"] == 1
    assert stored_events() == before


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"kind": "launch"}', ["line 2", "company"]),
        ('{"kind": "retraction", "id": "nope", "reason": "x"}', ["line 2", "nope"]),
        ("not json", ["line 2", "malformed JSON"]),
    ],
)
def test_dry_run_names_the_bad_line(
    run: Run, store_path: Path, line: str, words: list[str]
) -> None:
    good = json.dumps(
        {"kind": "statement", "company": "Xiaomi", "announced_on": "2025-07-04",
         "topic": "hiring", "text": "Hiring.", "source": {"title": "T"}}
    )  # fmt: skip
    assert_one_line_error(run("import", "--dry-run", "-", input=f"{good}\n{line}\n"), *words)
    assert not store_path.exists()


def test_the_demo_ends_with_the_article_extracted_beside_the_seed(run: Run) -> None:
    result = run("demo")
    assert result.exit_code == 0, result.output
    tail = result.stdout[result.stdout.index("From the article to drafts") :]
    rows = dict(re.findall(r"^(orders|policy|factory)\s+(\d+\s+\d+)$", tail, re.MULTILINE))
    assert {kind: row.split() for kind, row in rows.items()} == {
        "orders": ["2", "2"], "policy": ["1", "1"], "factory": ["3", "3"],
    }  # fmt: skip
    assert re.search(r"quotes found verbatim in the article: (\d+) of \1\n", tail)
    # then reviewed against the hand-made data set, its typed drafts accepted into the store
    review = tail[tail.index("== Review") :]
    assert re.search(r"^line \d+: accepted target Xiaomi production 2025: 350,000 .*"
                     r"id xiaomi-2025-target-350k\): a repeat$", review, re.MULTILINE)  # fmt: skip
    assert re.search(r"^line \d+: skipped  statement ", review, re.MULTILINE)
    verdicts = re.search(r"^against the store: repeat (\d+), contradiction (\d+)", review, re.M)
    assert verdicts and int(verdicts.group(1)) >= 8, review
    assert re.search(r"^accepted (\d+) \(edited 0\), rejected 0, skipped \d+; recorded \1, ",
                     review, re.MULTILINE)  # fmt: skip


def test_dry_run_writes_nothing_on_either_backend(store_location: str) -> None:

    assert invoke_on(store_location, "import", seed_file()).exit_code == 0
    before = count_events(store_location)
    retraction = {"kind": "retraction", "id": "xiaomi-su7-wait-8m", "reason": "unsourced"}
    result = invoke_on(
        store_location, "import", "--dry-run", "--json", "-", input=json.dumps(retraction)
    )
    assert json.loads(result.stdout) == {"recorded": 1, "already_present": 0, "dry_run": True}
    assert count_events(store_location) == before
    assert '"retraction"' not in invoke_on(store_location, "export").stdout


def test_the_default_title_drops_invisible_characters(run: Run) -> None:
    text = "\ufeffBYD\u200b Update\n\nBYD sold 382,585 cars in June, the company said.\n"
    (draft,) = drafts_of(run("extract", "-", "--published", "2025-07-02", input=text))
    assert draft["source"]["title"] == "BYD Update"


def test_the_seed_article_piped_into_a_dry_run_passes_then_imports(tmp_path: Path) -> None:
    """Issue 14's pipeline as a shell runs it: every draft of the seed article passes every
    rule of `import` (the vocabulary of today's schemas), and once imported reads back."""
    store = tmp_path / "drafts.sqlite"
    mxt = Path(sys.executable).parent / "mxt"
    pipeline = f"'{mxt}' extract '{ARTICLE}' --published 2025-07-04 | '{mxt}' --store '{store}'"
    dry = subprocess.run(["bash", "-o", "pipefail", "-c", f"{pipeline} import --dry-run -"],
                         capture_output=True, text=True, check=False)  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    drafts = dry.stdout.splitlines()[:-1]
    assert len(drafts) >= 20 and dry.stdout.endswith(
        f"dry run: would record {len(drafts)}, already present 0; nothing written\n"
    )
    assert not store.exists()
    real = subprocess.run(["bash", "-o", "pipefail", "-c", f"{pipeline} import --json -"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert json.loads(real.stdout) == {"recorded": len(drafts), "already_present": 0}
    state = subprocess.run([str(mxt), "--store", str(store), "state", "company", "Xiaomi",
                            "--as-of", "2025-07-04", "--json"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    targets = json.loads(state.stdout)["targets"]
    assert [(t["period"], t["value"]) for t in targets] == [("2025", 350000)]


STORY = (
    "Turai EV News\n\n"
    "Turai EV delivered 12,500 cars in June, the company said on Tuesday. "
    "The Nibaon 8 went on sale in Thailand last month.\n"
)
KNOWN = {"kind": "launch", "company": "Turai EV", "announced_on": "2025-01-02",
         "model": "Nibaon 8", "market": "CN", "source": {"title": "t"}}  # fmt: skip


def test_extract_knows_the_names_the_store_holds_and_only_reads_it(store_location: str) -> None:
    from click.testing import CliRunner

    from mxt.cli.main import cli

    def mxt(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, ["--store", store_location, *args], input=input)

    def typed() -> list[tuple[str, str]]:
        found = drafts_of(mxt("extract", "-", "--published", "2025-07-04", input=STORY))
        return [(d["kind"], d["company"]) for d in found if d["kind"] != "statement"]

    assert typed() == []  # a company mxt does not know, and no store: nothing typed
    assert mxt("import", "-", input=json.dumps(KNOWN)).exit_code == 0
    before = count_events(store_location), mxt("export").stdout
    assert typed() == [("deliveries", "Turai EV"), ("launch", "Turai EV")]
    assert (count_events(store_location), mxt("export").stdout) == before


def test_extract_creates_no_store_and_refuses_another_programs_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from mxt.cli.main import cli

    missing, other = tmp_path / "none" / "mxt.sqlite", tmp_path / "other.sqlite"
    args = ["extract", "-", "--published", "2025-07-04"]
    result = CliRunner().invoke(cli, ["--store", str(missing), *args], input=STORY)
    assert result.exit_code == 0 and not missing.exists() and not missing.parent.exists()
    import sqlite3

    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    size = other.stat().st_size
    result = CliRunner().invoke(cli, ["--store", str(other), *args], input=STORY)
    assert result.exit_code == 1 and "another program's tables" in result.stderr
    assert other.stat().st_size == size
