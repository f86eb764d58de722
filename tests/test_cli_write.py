"""The write commands through CliRunner: record, import, export, correct, retract, schema."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import Result
from conftest import count_stored_events, make_announcement

from mxt.cli.main import cli
from mxt.cli.write import example
from mxt.events.announcements import parse_announcement, with_id
from mxt.events.kinds import KIND_NAMES

Run = Callable[..., Result]

COMMON = ["--company", "Xiaomi", "--announced-on", "2025-07-01", "--source", "Test source"]

# `mxt record KIND` options for each kind, and the fields they must record.
RECORD_OPTIONS: dict[str, tuple[list[str], dict[str, Any]]] = {
    "launch": (
        ["--model", "YU7", "--market", "cn", "--launched-on", "2025-06-26", "--segment", "SUV",
         "--competitor", "Tesla Model Y", "--status", "launched"],
        {"model": "YU7", "market": "CN", "launched_on": "2025-06-26", "segment": "SUV",
         "competitor": "Tesla Model Y", "status": "launched"},
    ),
    "orders": (
        ["--model", "YU7", "--stage", "locked", "--count", "240k", "--within", "18h"],
        {"model": "YU7", "stage": "locked", "count": 240000, "within": "18h"},
    ),
    "wait-time": (
        ["--model", "YU7", "--trim", "Max", "--max-months", "12"],
        {"model": "YU7", "trim": "Max", "max_months": 12},
    ),
    "target": (
        ["--metric", "production", "--period", "2025", "--value", "350,000", "--previous", "300k"],
        {"metric": "production", "period": "2025", "value": 350000, "previous": 300000},
    ),
    "deliveries": (
        ["--period", "2025-06", "--units", "28000"],
        {"period": "2025-06", "units": 28000},
    ),
    "factory": (
        ["--site", "Beijing Yizhuang", "--phase", "3", "--status", "land-acquired",
         "--effective-on", "2025-06-19", "--capacity", "1.5m", "--market", "cn",
         "--assembly", "full"],
        {"site": "Beijing Yizhuang", "phase": 3, "status": "land-acquired",
         "effective_on": "2025-06-19", "capacity": 1500000, "market": "CN", "assembly": "full"},
    ),
    "policy": (
        ["--markets", "*", "--except", "CN", "--not-before", "2027-01-01"],
        {"markets": ["*"], "except": ["CN"], "not_before": "2027-01-01"},
    ),
    "showcase": (
        ["--model", "SU7", "--market", "ES", "--venue", "MWC 2024, Barcelona"],
        {"model": "SU7", "market": "ES", "venue": "MWC 2024, Barcelona"},
    ),
    "expected-entry": (
        ["--market", "EU", "--expected", "2027", "--certainty", "expected"],
        {"market": "EU", "expected": "2027", "certainty": "expected"},
    ),
    "statement": (
        ["--topic", "hiring", "--text", "Active hiring for manufacturing", "--market", "CN"],
        {"topic": "hiring", "text": "Active hiring for manufacturing", "market": "CN"},
    ),
    "exit": (
        ["--markets", "GB,DE", "--except", "DE", "--model", "SU7", "--effective-on", "2025-H2",
         "--temporary"],
        {"markets": ["GB", "DE"], "except": ["DE"], "model": "SU7", "effective_on": "2025-H2",
         "temporary": True},
    ),
}  # fmt: skip


def exported(run: Run) -> list[dict[str, Any]]:
    result = run("export")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_bad_input(result: Result, *words: str) -> None:
    """Exit 2, one line on stderr containing `words`, nothing on stdout, no traceback."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("mxt: error: ")
    assert result.stderr.count("\n") == 1 and result.stderr.endswith("\n"), result.stderr
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    for word in words:
        assert word in result.stderr, (word, result.stderr)


# -- record ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(RECORD_OPTIONS))
def test_record_every_kind(run: Run, kind: str) -> None:
    options, fields = RECORD_OPTIONS[kind]
    result = run("record", kind, *COMMON, *options)
    assert result.exit_code == 0, result.output
    new_id = result.stdout.strip()
    [line] = exported(run)
    assert line["id"] == new_id
    assert line["kind"] == kind
    assert line["company"] == "Xiaomi"
    assert line["announced_on"] == "2025-07-01"
    assert line["source"] == {"title": "Test source"}
    for field, value in fields.items():
        assert line[field] == value, field
    # The command line and a JSON line spell the same announcement: the same derived id.
    data = {"kind": kind, "company": "Xiaomi", "announced_on": "2025-07-01",
            "source": {"title": "Test source"}, **fields}  # fmt: skip
    assert with_id(parse_announcement(data))["id"] == new_id


def test_record_takes_every_common_option(run: Run) -> None:
    result = run(
        "record", "target", "--company", "Xiaomi", "--announced-on", "2025-03-18",
        "--source", "Weibo post", "--url", "https://weibo.com/x", "--publisher", "Weibo",
        "--quote", "raised to 350,000", "--speaker", "Lei Jun (CEO)", "--certainty", "reported",
        "--note", "the day of the Q4 results", "--id", "xiaomi-2025-target-350k",
        "--metric", "production", "--period", "2025", "--value", "350k", "--previous", "300k",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "xiaomi-2025-target-350k\n"
    [line] = exported(run)
    assert line["source"] == {
        "title": "Weibo post",
        "url": "https://weibo.com/x",
        "publisher": "Weibo",
        "quote": "raised to 350,000",
    }
    assert line["speaker"] == "Lei Jun (CEO)"
    assert line["certainty"] == "reported"
    assert line["note"] == "the day of the Q4 results"


def test_record_list_options_repeat_or_take_commas(run: Run) -> None:
    result = run(
        "record", "policy", *COMMON, "--markets", "DE", "--markets", "fr,ES", "--except", "EU",
        "--not-before", "2026-01-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [line] = exported(run)
    assert line["markets"] == ["DE", "FR", "ES"]
    assert line["except"] == ["EU"]


def test_record_json_says_whether_it_was_created(run: Run, store_path: Path) -> None:
    options = ["record", "orders", *COMMON, *RECORD_OPTIONS["orders"][0], "--json"]
    first = run(*options)
    assert first.exit_code == 0, first.output
    body = json.loads(first.stdout)
    assert set(body) == {"id", "created"}
    assert body["created"] is True and isinstance(body["id"], str)
    again = run(*options)
    assert again.exit_code == 0
    assert json.loads(again.stdout) == {"id": body["id"], "created": False}
    assert count_stored_events(store_path) == 1
    # Without --json, the id on stdout and a note on stderr.
    plain = run(*options[:-1])
    assert plain.stdout == body["id"] + "\n"
    assert "already recorded" in plain.stderr


# -- bad input: exit 2, one line naming the field, nothing written -----------------------


def with_option(kind: str, name: str, value: str | None) -> list[str]:
    """`record KIND` arguments with option `name` replaced by `value` (None: left out)."""
    args = [*COMMON, *RECORD_OPTIONS[kind][0]]
    if name in args:
        at = args.index(name)
        del args[at : at + 2]
    return args if value is None else [*args, name, value]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["lunch", *COMMON, "--model", "YU7"], ["kind", "lunch"]),
        (["orders", *with_option("orders", "--model", None)], ["model", "missing"]),
        (["orders", *with_option("orders", "--company", None)], ["company", "missing"]),
        (["orders", *with_option("orders", "--source", None)], ["source", "missing"]),
        (["orders", *with_option("orders", "--announced-on", "2025-13-01")], ["announced_on"]),
        (["orders", *with_option("orders", "--announced-on", "1 July 2025")], ["announced_on"]),
        (["orders", *with_option("orders", "--count", "-5")], ["count", ">= 0"]),
        (["orders", *with_option("orders", "--count", "lots")], ["count"]),
        (["orders", *with_option("orders", "--stage", "maybe")], ["stage"]),
        (["orders", *with_option("orders", "--within", "3 months")], ["within"]),
        (["orders", *with_option("orders", "--certainty", "rumour")], ["certainty"]),
        (["orders", *with_option("orders", "--id", "has space")], ["id"]),
        (["orders", *with_option("orders", "--url", "not a url")], ["source.url"]),
        (["orders", *with_option("orders", "--venue", "MWC")], ["venue", "unknown field"]),
        (["launch", *with_option("launch", "--market", "XX")], ["market", "XX"]),
        (["launch", *with_option("launch", "--launched-on", "2025-6")], ["launched_on"]),
        (["target", *with_option("target", "--period", "2025-Q5")], ["period"]),
        (["target", *with_option("target", "--value", "-1")], ["value"]),
        (["deliveries", *with_option("deliveries", "--period", "2025-H3")], ["period"]),
        (["wait-time", *with_option("wait-time", "--max-months", "0")], ["max_months"]),
        (["wait-time", *with_option("wait-time", "--max-months", "a year")], ["max_months"]),
        (["factory", *with_option("factory", "--phase", "0")], ["phase"]),
        (["factory", *with_option("factory", "--status", "done")], ["status"]),
        (["policy", *with_option("policy", "--except", "XX")], ["except"]),
        (["policy", *with_option("policy", "--markets", None)], ["markets", "missing"]),
        (["expected-entry", *with_option("expected-entry", "--expected", "soon")], ["expected"]),
        (["statement", *with_option("statement", "--company", "Xiao\x07mi")], ["company"]),
    ],
)
def test_record_bad_input_is_refused_with_one_line_naming_the_field(
    run: Run, store_path: Path, args: list[str], words: list[str]
) -> None:
    run("record", "showcase", *COMMON, *RECORD_OPTIONS["showcase"][0])
    before = count_stored_events(store_path)
    assert_bad_input(run("record", *args), *words)
    assert count_stored_events(store_path) == before == 1


def test_a_recorded_id_with_other_content_is_refused(run: Run, store_path: Path) -> None:
    assert run("record", "orders", *with_option("orders", "--id", "o1")).exit_code == 0
    assert_bad_input(
        run("record", "orders", *with_option("orders", "--id", "o1"), "--note", "x"), "id", "o1"
    )
    assert count_stored_events(store_path) == 1


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("{bad json", ["line 2", "malformed JSON"]),
        (json.dumps(make_announcement("orders", kind="lunch")), ["line 2", "kind", "lunch"]),
        (json.dumps(make_announcement("orders", model=None)), ["line 2", "model: missing"]),
        (json.dumps(make_announcement("orders", announced_on="2025-02-30")),
         ["line 2", "announced_on"]),
        (json.dumps(make_announcement("orders", count=-3)), ["line 2", "count: must be >= 0"]),
        (json.dumps(make_announcement("orders", announced_on=None, anounced_on="2025-07-01")),
         ["line 2", "anounced_on: unknown field"]),
        (json.dumps({"kind": "correction", "id": "nobody", "set": {"count": 1}, "reason": "r"}),
         ["line 2", "id", "nobody"]),
        ('"\\ud800"', ["line 2"]),
        (b"\xff\xfe{}", ["line 2"]),
    ],
)  # fmt: skip
def test_import_bad_input_names_the_line_and_writes_nothing(
    run: Run, store_path: Path, tmp_path: Path, line: str | bytes, words: list[str]
) -> None:
    good = json.dumps(make_announcement("launch")).encode()
    bad = line.encode() if isinstance(line, str) else line
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        good + b"\n" + bad + b"\n" + json.dumps(make_announcement("showcase")).encode()
    )
    assert_bad_input(run("import", str(path)), *words)
    assert count_stored_events(store_path) == 0
    result = run("import", "-", "--json", input=path.read_bytes())
    assert_bad_input(result, *words)
    assert count_stored_events(store_path) == 0


def test_import_of_several_files_names_the_file_of_the_bad_line(
    run: Run, store_path: Path, tmp_path: Path
) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps(make_announcement("launch")) + "\n")
    second = tmp_path / "second.jsonl"
    second.write_text(
        json.dumps(make_announcement("showcase"))
        + "\n"
        + json.dumps({"kind": "retraction", "id": "nobody", "reason": "r"})
        + "\n"
    )
    assert_bad_input(run("import", str(first), str(second)), "second.jsonl line 2", "id")
    assert count_stored_events(store_path) == 0


def test_import_of_a_missing_file_is_bad_input(run: Run, tmp_path: Path) -> None:
    assert_bad_input(run("import", str(tmp_path / "nowhere.jsonl")), "nowhere.jsonl")


def test_import_from_stdin_and_its_counts(
    run: Run, store_path: Path, seed_lines: list[str]
) -> None:
    text = "\n".join(seed_lines) + "\n"
    first = run("import", "-", "--json", input=text)
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout) == {"recorded": len(seed_lines), "already_present": 0}
    again = run("import", "-", input=text)
    assert again.exit_code == 0
    assert again.stdout == f"recorded 0, already present {len(seed_lines)}\n"
    assert count_stored_events(store_path) == len(seed_lines)


def test_import_progress_goes_to_stderr_only(
    run: Run, tmp_path: Path, seed_lines: list[str]
) -> None:
    path = tmp_path / "seed.jsonl"
    path.write_text("\n".join(seed_lines) + "\n")
    result = run("import", "--progress", "--json", str(path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"recorded": len(seed_lines), "already_present": 0}
    assert "importing" in result.stderr


def test_export_company_filter(run: Run) -> None:
    run("record", "orders", *COMMON, *RECORD_OPTIONS["orders"][0])
    other = ["--company", "Land Rover", "--announced-on", "2025-07-01", "--source", "S"]
    run("record", "launch", *other, "--model", "Defender", "--market", "IN")
    assert len(exported(run)) == 2
    result = run("export", "--company", "xiaomi")
    assert result.exit_code == 0
    assert [json.loads(line)["company"] for line in result.stdout.splitlines()] == ["Xiaomi"]


# -- correct and retract ---------------------------------------------------------------


def test_correct_and_retract(run: Run, store_path: Path) -> None:
    run("record", "orders", *with_option("orders", "--id", "o1"), "--note", "n")
    result = run(
        "correct", "o1", "--set", "count=250k", "--set", "note=", "--set", "source.url=https://e.com",
        "--reason", "misread",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == "o1\n"
    result = run("retract", "o1", "--reason", "duplicate")
    assert result.exit_code == 0, result.output
    assert result.stdout == "o1\n"
    lines = exported(run)
    assert lines[0]["count"] == 240000 and lines[0]["note"] == "n"  # the record as made
    assert lines[1:] == [
        {"kind": "correction", "id": "o1", "reason": "misread",
         "set": {"count": 250000, "note": None, "source.url": "https://e.com"}},
        {"kind": "retraction", "id": "o1", "reason": "duplicate"},
    ]  # fmt: skip
    assert count_stored_events(store_path) == 3


def test_correct_a_list_field(run: Run) -> None:
    run("record", "policy", *with_option("policy", "--id", "p1"))
    result = run("correct", "p1", "--set", "markets=de,FR", "--reason", "narrower")
    assert result.exit_code == 0, result.output
    assert exported(run)[-1]["set"] == {"markets": ["DE", "FR"]}


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["correct", "nobody", "--set", "count=1", "--reason", "r"], ["id", "nobody"]),
        (["correct", "o1", "--set", "count=-5", "--reason", "r"], ["count", ">= 0"]),
        (["correct", "o1", "--set", "count=", "--reason", "r"], ["count", "missing"]),
        (["correct", "o1", "--set", "stage=maybe", "--reason", "r"], ["stage"]),
        (["correct", "o1", "--set", "colour=red", "--reason", "r"], ["colour", "unknown field"]),
        (["correct", "o1", "--set", "id=o2", "--reason", "r"], ["id", "cannot be corrected"]),
        (["correct", "o1", "--set", "recorded_at=2025-01-01", "--reason", "r"], ["recorded_at"]),
        (["correct", "o1", "--set", "count", "--reason", "r"], ["set", "field=value"]),
        (["correct", "o1", "--set", "count=5", "--set", "count=6", "--reason", "r"],
         ["set", "count", "more than once"]),
        (["correct", "o1", "--set", "count=240k", "--reason", "r"], ["set", "changes nothing"]),
        (["retract", "nobody", "--reason", "r"], ["id", "nobody"]),
    ],
)  # fmt: skip
def test_bad_corrections_and_retractions_write_nothing(
    run: Run, store_path: Path, args: list[str], words: list[str]
) -> None:
    run("record", "orders", *with_option("orders", "--id", "o1"))
    assert_bad_input(run(*args), *words)
    assert count_stored_events(store_path) == 1


def test_retract_twice_is_bad_input(run: Run, store_path: Path) -> None:
    run("record", "orders", *with_option("orders", "--id", "o1"))
    assert run("retract", "o1", "--reason", "dup").exit_code == 0
    assert_bad_input(run("retract", "o1", "--reason", "again"), "id", "retracted")
    assert_bad_input(run("correct", "o1", "--set", "count=1", "--reason", "r"), "retracted")
    assert count_stored_events(store_path) == 2


@pytest.mark.parametrize("command", ["correct", "retract"])
def test_correct_and_retract_need_a_reason(run: Run, store_path: Path, command: str) -> None:
    run("record", "orders", *with_option("orders", "--id", "o1"))
    args = [command, "o1"] + (["--set", "count=1"] if command == "correct" else [])
    result = run(*args)
    assert result.exit_code == 2
    assert "--reason" in result.stderr
    assert count_stored_events(store_path) == 1


# -- schema and help ---------------------------------------------------------------------


def test_schema_prints_a_valid_json_schema(run: Run, store_path: Path) -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(make_announcement("orders"))
    assert validator.is_valid({"kind": "retraction", "id": "o1", "reason": "r"})
    region = {"kind": "region", "name": "EUROPE-JATO", "markets": ["EU", "*"], "reason": "r"}
    assert validator.is_valid(region) and validator.is_valid({**region, "except": ["CN"]})
    assert not validator.is_valid({**region, "name": "X"})
    assert not validator.is_valid({**region, "markets": []})
    assert not validator.is_valid(make_announcement("orders", recorded_at="2025-07-01T00:00:00Z"))
    assert not validator.is_valid(make_announcement("orders", count=-1))
    assert not store_path.exists()  # printing the schema opens no store


def all_commands() -> list[list[str]]:
    """Every command path of the CLI: `record`, `state model`, ..."""
    paths: list[list[str]] = []

    def walk(group: click.Group, prefix: list[str]) -> None:
        context = click.Context(group)
        for name in group.list_commands(context):
            command = group.get_command(context, name)
            assert command is not None, name
            paths.append([*prefix, name])
            if isinstance(command, click.Group):
                walk(command, [*prefix, name])

    walk(cli, [])
    return paths


def test_the_cli_offers_every_command_of_the_spec() -> None:
    names = {path[0] for path in all_commands()}
    assert names >= {
        "record", "import", "export", "log", "state", "audit", "correct", "retract", "show",
        "diff", "verify", "rebuild", "copy", "schema", "demo", "extract", "review",
    }  # fmt: skip


@pytest.mark.parametrize("path", [[], *all_commands()], ids=lambda p: " ".join(p) or "mxt")
def test_every_command_has_help(run: Run, path: list[str], store_path: Path) -> None:
    result = run(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage: ")
    assert "Example: mxt" in result.stdout or path in ([], ["state"], ["audit"])
    assert not store_path.exists()


# -- per-kind help -------------------------------------------------------------------------


def test_record_kind_help_lists_only_that_kinds_options(run: Run, store_path: Path) -> None:
    launch = run("record", "launch", "--help").stdout
    assert "--launched-on" in launch and "--market " in launch
    assert "--count" not in launch and "--max-months" not in launch
    orders = run("record", "orders", "--help").stdout
    assert "[required] Order stage. One of: pre-booking, locked, confirmed." in " ".join(
        orders.split()
    )
    assert "200k+" in orders and "~28k" in orders and "38.5k-39.5k" in orders
    assert "--venue" not in orders
    assert "confirmed|reported|expected" in orders
    deliveries = " ".join(run("record", "deliveries", "--help").stdout.split())
    assert (
        "One of: production, wholesale, deliveries, sales, retail, registrations, exports, "
        "bookings." in deliveries
    )
    assert "--model" in deliveries and "[required] YYYY" in deliveries
    assert not store_path.exists()


@pytest.mark.parametrize("kind", sorted(KIND_NAMES))
def test_the_example_of_every_kind_records(kind: str, run: Run) -> None:
    import shlex

    help_text = run("record", kind, "--help").stdout
    assert f"Example: mxt record {kind}" in help_text
    result = run("record", kind, *shlex.split(example(kind)), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["created"] is True


def test_the_json_schema_accepts_counts_with_their_bounds(run: Run) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(json.loads(run("schema").stdout))
    for spelled in ("200k+", ">200,000", "<1m", "~28k", "38.5k-39.5k", "38,500–39,500"):
        assert validator.is_valid(make_announcement("orders", count=spelled)), spelled
        assert parse_announcement(make_announcement("orders", count=spelled))
    assert not validator.is_valid(make_announcement("orders", count="lots+"))
