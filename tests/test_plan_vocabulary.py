"""The vocabulary of SPEC §4 for plans (issue 23): dates said as a day or a period, a launch's
status, a factory's country, assembly and stop statuses, and the `exit` kind — through the
schemas, `mxt record`, `import`/`export`, `mxt schema` and every read command."""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import make_announcement

from mxt.cli.main import cli
from mxt.events.announcements import parse_line, with_id
from mxt.events.dates import first_day, month_end, parse_day_or_period
from mxt.events.errors import InputError

from backends import store_location

Run = Callable[..., Result]
STORY = Path(__file__).parent / "data" / "plans-story.jsonl"


def dumped(data: dict[str, Any]) -> dict[str, Any]:
    line = parse_line(data)
    return line.dump()  # type: ignore[union-attr]


def refused(data: dict[str, Any]) -> InputError:
    with pytest.raises(InputError) as caught:
        parse_line(data)
    return caught.value


@pytest.mark.parametrize(
    ("kind", "field"),
    [("launch", "launched_on"), ("factory", "effective_on"), ("expected-entry", "expected"),
     ("exit", "effective_on")],
)  # fmt: skip
@pytest.mark.parametrize("said", ["2026-01-31", "2026", "2026-H2", "2026-Q4", "2026-12"])
def test_every_plan_date_takes_a_day_or_a_period_and_keeps_it_as_said(
    kind: str, field: str, said: str
) -> None:
    data = make_announcement(kind, **{field: said})
    if kind == "launch":
        data["announced_on"] = "2027-01-05"  # (a launch that happened, in the past)
    assert dumped(data)[field] == said


@pytest.mark.parametrize(
    ("kind", "field"),
    [("launch", "launched_on"), ("factory", "effective_on"), ("expected-entry", "expected"),
     ("exit", "effective_on")],
)  # fmt: skip
@pytest.mark.parametrize("said", ["2026-H3", "2026-13", "2026-02-30", "0000", "H2 2026", 2026])
def test_a_date_that_is_neither_is_refused_naming_its_field(
    kind: str, field: str, said: Any
) -> None:
    assert refused(make_announcement(kind, **{field: said})).field == field


def test_a_launch_that_happened_cannot_be_dated_after_its_announcement() -> None:
    error = refused(make_announcement("launch", launched_on="2025-08-01", status="launched"))
    assert str(error).startswith("launched_on: 2025-08-01 is after announced_on 2025-07-01")
    assert "status planned" in str(error)
    kept = dumped(make_announcement("launch", launched_on="2025-H2", status="launched"))
    assert kept["status"] == "launched"  # the half it happened in has begun
    assert dumped(make_announcement("launch", launched_on="2025-06-01", status="planned"))


def test_a_factory_stands_in_one_country() -> None:
    assert dumped(make_announcement("factory", market="mx"))["market"] == "MX"
    assert refused(make_announcement("factory", market="EU")).field == "market"


def test_an_exit_names_markets_and_temporary_is_a_true_boolean() -> None:
    content = dumped(make_announcement("exit", markets=["*"], **{"except": ["cn"]}))
    assert (content["markets"], content["except"]) == (["*"], ["CN"])
    assert refused(make_announcement("exit", markets=[])).field == "markets"
    assert refused(make_announcement("exit", markets=["XX"])).field == "markets.0"
    assert refused(make_announcement("exit", temporary="yes")).field == "temporary"
    assert refused(make_announcement("exit", temporary=1)).field == "temporary"
    assert "temporary" not in dumped(make_announcement("exit", temporary=None))


# Announcements as an older mxt read them, and the ids it derived for them (computed by mxt
# before issue 23).
OLDER = [
    ({"kind": "launch", "model": "SU7", "market": "CN", "launched_on": "2024-03-28"},
     "a-af6731963bc651e7"),
    ({"kind": "factory", "site": "Beijing", "phase": 2, "status": "completed",
      "effective_on": "2024-03-01", "certainty": None}, "a-00a8b8c695082f6c"),
    ({"kind": "expected-entry", "market": "EU", "expected": "2027-03", "certainty": None},
     "a-7064fde8fac2b5bf"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "derived"), OLDER)
def test_what_an_older_mxt_stored_reads_the_same(fields: dict[str, Any], derived: str) -> None:
    """No status is added to a launch or a factory stored before, no date is respelled: the
    stored content, and the id derived from it, stay what they were."""
    data = {"company": "Xiaomi", "announced_on": "2024-03-28", "source": {"title": "t"}, **fields}
    data = {key: value for key, value in data.items() if value is not None}
    content = with_id(parse_line(data))  # type: ignore[arg-type]
    assert content["id"] == derived
    assert with_id(parse_line(content)) == content  # type: ignore[arg-type]


def test_a_period_is_compared_by_its_first_day_where_a_day_is_needed() -> None:
    said = ("2025-H2", "2025-Q4", "2025", "2025-12", "2025-06-26")
    assert [first_day(text) for text in said] == [
        "2025-07-01", "2025-10-01", "2025-01-01", "2025-12-01", "2025-06-26"
    ]  # fmt: skip


# -- through the command line -----------------------------------------------------------------


def test_record_exit_help_lists_its_fields(run: Run, store_path: Path) -> None:
    shown = " ".join(run("record", "exit", "--help").stdout.split())
    assert "--markets VALUE [required] Codes, regions, or * (all)." in shown
    assert "--temporary A suspension (a stop-sale), not a withdrawal." in shown
    assert "--effective-on" in shown and "--except" in shown and "--model" in shown
    assert "Example: mxt record exit" in shown
    launch = " ".join(run("record", "launch", "--help").stdout.split())
    assert "One of: launched, planned, paused, cancelled." in launch
    factory = " ".join(run("record", "factory", "--help").stdout.split())
    assert "paused, cancelled, closed" in factory and "One of: full, ckd, skd." in factory
    assert not store_path.exists()


def test_an_exit_recorded_without_temporary_stores_none(run: Run) -> None:
    common = ["--company", "Smart", "--announced-on", "2025-04-01", "--source", "Reuters"]
    assert run("record", "exit", *common, "--markets", "GB").exit_code == 0
    assert run("record", "exit", *common, "--markets", "DE", "--temporary").exit_code == 0
    lines = [json.loads(line) for line in run("export").stdout.splitlines()]
    assert ["temporary" in line for line in lines] == [False, True]
    assert lines[1]["temporary"] is True


def mxt(store: str, *args: str, input: str | None = None) -> Result:
    """`mxt --store STORE ARGS...` through click's CliRunner."""
    return CliRunner().invoke(cli, ["--store", store, *args], input=input)


def test_an_exit_is_corrected_into_a_suspension_and_back(run: Run) -> None:
    recorded = run("record", "exit", "--company", "Smart", "--announced-on", "2025-04-01",
                   "--source", "Reuters", "--markets", "GB", "--id", "smart-gb")  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    for value, stored in (("true", True), ("false", False), ("", None)):
        result = run("correct", "smart-gb", "--set", f"temporary={value}", "--reason", "misread")
        assert result.exit_code == 0, result.output
        corrections = [json.loads(line) for line in run("export").stdout.splitlines()][1:]
        assert corrections[-1]["set"] == {"temporary": stored}
    refused = run("correct", "smart-gb", "--set", "temporary=yes", "--reason", "misread")
    assert refused.exit_code == 2
    assert "temporary" in refused.stderr


def test_the_story_exports_and_imports_back_identically(
    store_location: str, tmp_path: Path
) -> None:
    assert mxt(store_location, "import", str(STORY)).exit_code == 0
    first = mxt(store_location, "export").stdout
    assert [json.loads(line)["id"] for line in first.splitlines()] == [
        json.loads(line)["id"] for line in STORY.read_text(encoding="utf-8").splitlines()
    ]
    again = str(tmp_path / "again.sqlite")
    copy = mxt(again, "import", "-", input=first)
    assert copy.exit_code == 0, copy.output
    assert mxt(again, "export").stdout == first


def test_the_json_schema_knows_the_plan_vocabulary(run: Run) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(run("schema").stdout))
    for line in STORY.read_text(encoding="utf-8").splitlines():
        assert not list(validator.iter_errors(json.loads(line))), line
    for bad in (
        make_announcement("exit", markets=[]),
        make_announcement("exit", temporary="yes"),
        make_announcement("launch", launched_on="2025-H3"),
        make_announcement("launch", status="soon"),
        make_announcement("factory", assembly="kits"),
        make_announcement("expected-entry", expected="0000"),
    ):
        assert not validator.is_valid(bad), bad


def test_a_log_entry_spells_a_launchs_own_status_apart_from_the_records(run: Run) -> None:
    assert run("import", str(STORY)).exit_code == 0
    entries = json.loads(run("log", "--json").stdout)
    by_id = {entry["id"]: entry for entry in entries}
    assert by_id["volta-arc-us-plan-2"]["launch_status"] == "planned"
    assert by_id["volta-arc-us-plan-2"]["status"] == "active"
    assert by_id["volta-mty-halt"]["factory_status"] == "paused"
    csv_header = run("log", "--format", "csv").stdout.splitlines()[0].split(",")
    assert {"launch_status", "factory_status", "temporary", "assembly"} <= set(csv_header)


READS = [
    ["log"], ["log", "--json"], ["log", "--market", "CA"], ["state", "model", "Volta Motors/Arc"],
    ["state", "market", "US", "--all"], ["state", "market", "EU"],
    ["state", "company", "Volta Motors", "--json"], ["audit", "targets"], ["progress"],
    ["conflicts", "--json"], ["check"], ["diff", "--from", "2023-01-01", "--to", "2026-12-31"],
    ["show", "volta-ca-exit"], ["show", "volta-mty-plan-4", "--json"], ["verify"],
]  # fmt: skip


def test_every_read_command_answers_on_the_story(store_location: str) -> None:
    """Periods, statuses and exits break no answer (phase B of issue 23 wires them in)."""
    assert mxt(store_location, "import", str(STORY)).exit_code == 0
    for as_of in ("2024-01-05", "2025-07-01", "2027-01-05"):
        for args in READS:
            dated = [*args, "--as-of", as_of] if args[0] not in ("diff", "verify") else args
            result = mxt(store_location, *dated)
            assert result.exit_code == 0, (args, result.output)
            assert "Traceback" not in result.output


def test_the_report_draws_the_story(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    assert run("import", str(STORY)).exit_code == 0
    page = tmp_path / "report.html"
    result = run("report", "-o", str(page), "--as-of", "2026-07-01")
    assert result.exit_code == 0, result.output
    assert "Volta Motors" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("year", [1, 1900, 2000, 2023, 2024, 2100, 9999])
def test_a_period_ends_on_its_last_day_as_calendar_says(year: int) -> None:
    """`month_end` (dates import no calendar) says what `calendar.monthrange` says, leap
    years and centuries too; a period, a half and a year end on it."""
    for month in range(1, 13):
        assert month_end(year, month).day == calendar.monthrange(year, month)[1]
    assert parse_day_or_period(f"{year:04d}-02").last == month_end(year, 2)
    assert parse_day_or_period(f"{year:04d}-H1").last.isoformat() == f"{year:04d}-06-30"
    assert parse_day_or_period(f"{year:04d}").last.isoformat() == f"{year:04d}-12-31"
