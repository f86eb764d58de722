"""Output formats of the read commands (docs/formats.md): table, json, jsonl and csv, one case per
format and command, as sqlite-utils tests its `output_options`."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import Result
from conftest import KIND_FIELDS, import_seed, invoke_on, make_announcement
from hypothesis import given, settings
from hypothesis import strategies as st

from mxt.cli.demo import seed_path
from mxt.cli.main import cli
from mxt.cli.options import make_query
from mxt.cli.render import emit_json, json_document
from mxt.projections.questions.read_side import ReadSide
from mxt.projections.rules.log import log_columns
from mxt.storage.store import Store

from backends import store_location

# Every read command, asked something the seed answers with at least one row.
COMMANDS = {
    "log": ["log"],
    "log-filtered": ["log", "--company", "Xiaomi", "--kind", "target"],
    "state-model": ["state", "model", "Xiaomi/YU7", "--as-of", "2025-07-01", "--section", "orders"],
    "state-market": ["state", "market", "DE", "--as-of", "2025-07-05", "--section", "models"],
    "state-market-region": [
        "state",
        "market",
        "EU",
        "--as-of",
        "2025-07-05",
        "--section",
        "models",
    ],  # fmt: skip
    "region-list": ["region", "list"],
    "region-show": ["region", "show", "EU", "--as-of", "2019-06-01", "--section", "members"],
    "state-company": ["state", "company", "Xiaomi", "--as-of", "2025-07-10", "--section=targets"],
    "audit": ["audit", "targets", "--company", "Xiaomi"],
    "audit-plans": ["audit", "plans", "--company", "Xiaomi"],
    "show": ["show", "xiaomi-2025-target-350k"],
    "diff": ["diff", "--from", "2025-01-01", "--to", "2025-07-10"],
    "conflicts": ["conflicts", "--as-of", "2025-07-10"],
    "progress": ["progress", "--company", "Xiaomi", "--as-of", "2025-07-05"],
    "check": ["check"],  # the seed's one claim fails: exit 1
    "compare": ["compare", "Xiaomi", "Land Rover", "--as-of", "2025-07-05", "--section", "figures"],
    "changes-events": ["changes", "--since", "2000-01-01", "--section", "events"],
    "changes-answers": [
        "changes",
        "--since",
        "2000-01-01",
        "--as-of",
        "2025-07-10",
        "--section",
        "changes",
    ],  # fmt: skip
    "changes-alerts": ["changes", "--since", "2000-01-01", "--section", "alerts"],
    "watch-list": ["watch", "list"],
    # the watch was added after the seed: no event is new, every alert stands (--all)
    "watch-run": ["watch", "run", "--peek", "--all", "--section", "alerts"],
}
EXIT = {"check": 1}
FORMATS = ["table", "json", "jsonl", "csv"]
SEED_SIZE = sum(1 for line in seed_path().read_text(encoding="utf-8").splitlines() if line)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed story in a store of this module's own, with a watch (`seed`) that
    `watch list` and `watch run` answer about."""
    location = import_seed(tmp_path_factory.mktemp("formats") / "seed.sqlite")
    assert invoke_on(location, "watch", "add", "seed").exit_code == 0
    return location


def rows_of(fmt: str, text: str) -> list[dict[str, Any]]:
    """The rows a machine format wrote, parsed by the standard library."""
    if fmt == "json":
        parsed = json.loads(text)
        return parsed if isinstance(parsed, list) else [parsed]
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
def test_every_read_command_writes_every_format(seeded: str, command: str, fmt: str) -> None:
    result = invoke_on(seeded, *COMMANDS[command], "--format", fmt)
    assert result.exit_code == EXIT.get(command, 0), result.output
    assert result.stdout.strip()
    if fmt == "table":
        with pytest.raises(ValueError):
            json.loads(result.stdout)
        return
    rows = rows_of(fmt, result.stdout)  # nothing but the format on stdout
    assert rows and all(isinstance(row, dict) for row in rows)
    if fmt != "json":  # row formats: nested values flattened to dotted columns
        assert not any(isinstance(value, dict) for row in rows for value in row.values())


@pytest.mark.parametrize("command", COMMANDS, ids=list(COMMANDS))
def test_json_flag_is_format_json(seeded: str, command: str) -> None:
    flag = invoke_on(seeded, *COMMANDS[command], "--json")
    named = invoke_on(seeded, *COMMANDS[command], "--format", "json")
    assert flag.exit_code == named.exit_code == EXIT.get(command, 0)
    assert _without_clock(flag.stdout) == _without_clock(named.stdout)


def _without_clock(text: str) -> str:
    """The output without the default --known-at (now), which moves between two runs."""
    return re.sub(r'"known_at": "[^"]*"', '"known_at": ""', text)


def test_json_flag_contradicting_format_is_bad_input(seeded: str) -> None:
    result = invoke_on(seeded, "log", "--json", "--format", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "format" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_log_rows_match_the_json_answer_with_dotted_source(seeded: str, fmt: str) -> None:
    whole = json.loads(invoke_on(seeded, "log", "--json").stdout)
    rows = rows_of(fmt, invoke_on(seeded, "log", "--format", fmt).stdout)
    assert len(rows) == len(whole) == SEED_SIZE
    for row, entry in zip(rows, whole, strict=True):
        assert row["id"] == entry["id"]
        assert row["source.title"] == entry["source"]["title"]
        quote = entry["source"].get("quote")
        assert row.get("source.quote") == (quote or "" if fmt == "csv" else quote)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["announced_on"])


def test_log_csv_has_one_header_row_with_every_field_of_every_kind(run: Any) -> None:
    for kind in KIND_FIELDS:
        data = json.dumps(make_announcement(kind, source={"title": "T", "quote": "q"}))
        assert run("import", "-", input=data).exit_code == 0
    result = run("log", "--format", "csv")
    assert result.exit_code == 0, result.output
    reader = csv.reader(io.StringIO(result.stdout, newline=""))
    header = next(reader)
    assert header == log_columns()
    assert [row[1] for row in reader] == sorted(KIND_FIELDS, key=list(KIND_FIELDS).index)
    for kind, own in KIND_FIELDS.items():
        for name in own:
            shown = name if name != "status" else "factory_status"
            assert shown in header or any(h.startswith(f"{shown}.") for h in header), kind


def test_csv_keeps_text_intact_through_a_spreadsheet_reader(run: Any) -> None:
    awkward = 'Lei Jun said, "über 350,000"\nthen: 小米 — done'
    data = make_announcement("statement", text=awkward, note="tab\there")
    assert run("import", "-", input=json.dumps(data)).exit_code == 0
    result = run("log", "--format", "csv")
    raw = result.stdout_bytes
    assert raw.decode("utf-8") and not raw.startswith(b"\xef\xbb\xbf")
    (row,) = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert row["text"] == awkward
    assert row["note"] == "tab\there"
    assert row["markets"] == ""  # a null is an empty cell


def test_lists_are_json_in_csv_and_native_in_jsonl(run: Any) -> None:
    data = make_announcement("policy")
    assert run("import", "-", input=json.dumps(data)).exit_code == 0
    (row,) = rows_of("csv", run("log", "--format", "csv").stdout)
    assert json.loads(row["markets"]) == ["*"] and json.loads(row["except"]) == ["CN"]
    (line,) = rows_of("jsonl", run("log", "--format", "jsonl").stdout)
    assert line["markets"] == ["*"] and line["except"] == ["CN"]


def test_an_empty_answer_is_a_header_or_nothing(seeded: str) -> None:
    args = ("log", "--company", "Nobody")
    csv_out = invoke_on(seeded, *args, "--format", "csv")
    assert csv_out.exit_code == 0
    assert csv_out.stdout.splitlines() == [",".join(log_columns())]
    assert "nothing is known" in csv_out.stderr
    assert invoke_on(seeded, *args, "--format", "jsonl").stdout == ""
    assert json.loads(invoke_on(seeded, *args, "--json").stdout) == []


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize(
    ("command", "sections"),
    [
        (["state", "company", "Xiaomi"], "summary targets deliveries factories models"),
        (["state", "model", "Xiaomi/YU7"], "summary markets market_statuses orders"),
        (["state", "market", "DE"], "summary models policies"),
    ],
)
def test_several_lists_need_a_section_named_among_the_valid_ones(
    seeded: str, command: list[str], sections: str, fmt: str
) -> None:
    for extra in ([], ["--section", "nope"]):
        result = invoke_on(seeded, *command, "--format", fmt, *extra)
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        named = result.stderr.split("one of: ")[1].rstrip(")\n").split(", ")
        assert set(sections.split()) <= set(named)
        assert len(result.stderr.strip().splitlines()) == 1


def test_a_section_chooses_one_list_in_every_format(seeded: str) -> None:
    args = ("state", "company", "Xiaomi", "--as-of", "2025-07-10", "--known-at", "2100-01-01")
    whole = json.loads(invoke_on(seeded, *args, "--json").stdout)
    assert isinstance(whole, dict)  # without --section, json is the whole answer
    for fmt in ("json", "jsonl", "csv"):
        rows = rows_of(
            fmt, invoke_on(seeded, *args, "--section", "targets", "--format", fmt).stdout
        )
        assert [row["id"] for row in rows] == [t["id"] for t in whole["targets"]]
    summary = rows_of(
        "csv", invoke_on(seeded, *args, "--section", "summary", "--format", "csv").stdout
    )
    assert summary == [{"company": "Xiaomi", "as_of": "2025-07-10", "known_at": whole["known_at"]}]
    table = invoke_on(seeded, *args, "--section", "factories")
    assert table.exit_code == 0
    assert "Beijing Yizhuang" in table.stdout and "TARGETS" not in table.stdout.upper()[:20]


def test_mappings_become_rows_with_their_key_as_a_column(seeded: str) -> None:
    args = ("state", "model", "Xiaomi/YU7", "--as-of", "2025-07-01", "--format", "jsonl")
    orders = rows_of("jsonl", invoke_on(seeded, *args, "--section", "orders").stdout)
    assert {row["stage"]: row["count"] for row in orders} == {
        "pre-booking": 200000,
        "locked": 240000,
    }
    markets = rows_of("jsonl", invoke_on(seeded, *args, "--section", "markets").stdout)
    assert markets == [{"market": "CN"}]
    statuses = rows_of("csv", invoke_on(seeded, *args[:-2], "--format", "csv", "--section",
                                  "market_statuses").stdout)  # fmt: skip
    assert {row["market"]: row["status"] for row in statuses}["CN"] == "available"
    (wait,) = rows_of("jsonl", invoke_on(seeded, *args, "--section", "wait_times").stdout)
    assert wait["max_months"] == 12 and wait["id"] == "xiaomi-yu7-wait-12m"


def test_the_log_is_streamed_not_built_whole(seeded: str) -> None:
    with Store(seeded) as store:
        answer = ReadSide(store).log(make_query())
        assert isinstance(answer.data, Iterator) and not isinstance(answer.data, list)
        first = next(answer.data)
        assert first["id"] == "xiaomi-su7-showcase-mwc2024"
        assert answer.data.count == 1 and answer.known
        assert sum(1 for _ in answer.data) == SEED_SIZE - 1  # the rest, one at a time


def test_a_long_streamed_json_array_is_valid(run: Any) -> None:
    lines = "\n".join(
        json.dumps(make_announcement("statement", id=f"s-{n:04d}", text=f"say {n}"))
        for n in range(1200)  # more than one page of rows
    )
    assert run("import", "-", input=lines).exit_code == 0
    assert [e["id"] for e in json.loads(run("log", "--json").stdout)] == [
        f"s-{n:04d}" for n in range(1200)
    ]
    table = run("log").stdout.splitlines()
    assert len(table) == 1201 and table[0].split() == [
        "ANNOUNCED_ON", "ID", "KIND", "COMPANY", "SUBJECT", "STATUS"
    ]  # fmt: skip


def read_commands() -> dict[str, click.Command]:
    """Every command of `mxt` that takes the output options (`--format`), by its path
    (`state model`): what this module calls a read command."""
    context = click.Context(cli)
    found: dict[str, click.Command] = {}

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        if isinstance(command, click.Group):
            for name in command.list_commands(context):
                walk(command.get_command(context, name), (*path, name))  # type: ignore[arg-type]
        elif any(param.name == "output_format" for param in command.params):
            found[" ".join(path)] = command

    walk(cli, ())
    return found


def test_every_read_command_is_in_the_format_cases() -> None:
    """A new read command fails here until `COMMANDS` asks it something."""
    asked = {" ".join(args[: len(path.split())]) for args in COMMANDS.values()
             for path in read_commands() if args[: len(path.split())] == path.split()}  # fmt: skip
    assert set(read_commands()) == asked
    assert len(asked) >= 10  # log, state x3, audit, show, diff, conflicts, progress, check


def test_format_help_is_on_every_read_command(seeded: str) -> None:
    for path in read_commands():
        result = invoke_on(seeded, *path.split(), "--help")
        assert re.search(r"--format \[table\|json\|jsonl\|csv(\|markdown\|html)?\]",
                         result.stdout), path  # fmt: skip
        assert "--json" in result.stdout


def test_written_csv_file_opens_with_its_header(seeded: str, tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_bytes(invoke_on(seeded, "log", "--format", "csv").stdout_bytes)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == SEED_SIZE
    assert {row["kind"] for row in rows} >= {"launch", "target", "policy", "deliveries"}


def test_the_streamed_log_reads_the_same_on_every_backend(store_location: str) -> None:
    lines = "\n".join(
        json.dumps(make_announcement("statement", id=f"s-{n}", announced_on=f"2025-07-{n:02d}"))
        for n in range(1, 11)
    )
    assert invoke_on(store_location, "import", "-", input=lines).exit_code == 0
    for fmt in ("csv", "jsonl", "json"):
        result = invoke_on(store_location, "log", "--format", fmt, "--since", "2025-07-03")
        assert result.exit_code == 0, result.output
        assert [row["id"] for row in rows_of(fmt, result.stdout)] == [
            f"s-{n}" for n in range(3, 11)
        ]


def test_an_object_null_in_some_rows_is_only_its_dotted_columns_in_csv(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mxt.cli.render import emit_csv
    from mxt.projections.rules.records import flatten

    rows = [{"a": 1, "unconfirmed": None}, {"a": 2, "unconfirmed": {"value": 3}}]
    emit_csv(iter([flatten(row) for row in rows]))
    assert capsys.readouterr().out.splitlines() == ["a,unconfirmed.value", "1,", "2,3"]
    emit_csv(iter([{"a": 1, "unconfirmed": None}]))  # null everywhere: the one column
    assert capsys.readouterr().out.splitlines() == ["a,unconfirmed", "1,"]


# JSON's own values, nested, with text keys (and now and then another key, or a subclass of
# a plain type, which `json_document` leaves to json).
_PLAIN_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
        | st.dictionaries(st.integers() | st.none() | st.booleans(), inner, max_size=2)
    ),
    max_leaves=30,
)


@given(_PLAIN_JSON)
@settings(max_examples=400, deadline=None)
def test_json_document_is_json_dumps_byte_for_byte(value: Any) -> None:
    """`--json` is written by render's own encoder (json's with `indent` is pure Python):
    what json.dumps(indent=2, ensure_ascii=False) writes, byte for byte, whatever the
    value; and an array's items streamed one by one (`emit_json_array`) as in the whole."""
    assert json_document(value) == json.dumps(value, indent=2, ensure_ascii=False)
    whole = json.dumps([value, value], indent=2, ensure_ascii=False)
    with click.Context(click.Command("x")):
        runner_out = io.StringIO()
        with contextlib.redirect_stdout(runner_out):
            emit_json(iter([value, value]))
    assert runner_out.getvalue() == whole + "\n"
