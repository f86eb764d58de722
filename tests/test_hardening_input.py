"""Issue 9: text, names and counts that can always round-trip; nothing reaches the terminal raw;
messages stay short; files name their byte-order mark."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import KIND_FIELDS, examples, invoke, make_announcement
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mxt.events.announcements import parse_line, with_id
from mxt.events.errors import InputError
from mxt.projections.opening import open_store
from mxt.storage.store import Store

from backends import count_events, store_location

STATEMENT = ["statement", "--company", "Xiaomi", "--announced-on", "2025-07-01", "--source",
             "Weibo", "--topic", "hiring"]  # fmt: skip


def refused(result: Result, field: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("mxt: error: ") and f"{field}:" in result.stderr
    assert len(result.stderr.strip()) <= 200 + len("mxt: error: ")


# -- 6. text: trimmed before every check, never empty ----------------------------------------


@pytest.mark.parametrize("field", ["text", "note", "quote"])
def test_whitespace_only_text_is_refused(field: str, store_path: Path) -> None:
    base = {"text": "hiring"}
    base[field] = "   \n\t "
    args = [f"--{name}={value}" for name, value in base.items()]
    refused(invoke("--store", str(store_path), "record", *STATEMENT, *args), field)
    assert count_events(store_path) == 0


def test_whitespace_only_reasons_are_refused(store_path: Path) -> None:
    assert invoke("--store", str(store_path), "record", *STATEMENT, "--text", "t").exit_code == 0
    [entry] = json.loads(invoke("--store", str(store_path), "log", "--json").stdout)
    announcement_id = entry["id"]
    for verb in (["correct", announcement_id, "--set", "text=u"], ["retract", announcement_id]):
        for reason in ("", "   "):
            refused(invoke("--store", str(store_path), *verb, "--reason", reason), "reason")
    assert count_events(store_path) == 1


def test_text_is_trimmed_before_its_length_is_checked() -> None:
    text = " " * 50 + "x" * 10_000 + " " * 50
    line = parse_line(make_announcement("statement", text=text))
    assert line.text == "x" * 10_000  # type: ignore[union-attr]
    name = " " * 10 + "N" * 200 + " " * 10
    assert parse_line(make_announcement("launch", model=name)).model == "N" * 200  # type: ignore[union-attr]


# A property: whatever is accepted, export writes and import reads back identically.
TEXTS = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
    | st.text(st.sampled_from(" \t\nAé\u200b\u00a0ﬁＸ\u0301"), max_size=6)
    | st.text(st.sampled_from(" \t\n\u3000"), min_size=1, max_size=4)  # blank, but not empty
)


def _variants(kind: str, draw: Any) -> dict[str, Any]:
    """An announcement of `kind` whose names and texts are drawn (an empty draw leaves an
    optional field out)."""
    data = make_announcement(kind)
    drawn = {"note": draw(TEXTS), "speaker": draw(TEXTS), "company": draw(TEXTS)}
    source = {"title": draw(TEXTS), "quote": draw(TEXTS)}
    for name in ("model", "text", "topic", "site", "trim", "venue"):
        if name in KIND_FIELDS[kind]:
            drawn[name] = draw(TEXTS)
    data.update({name: value for name, value in drawn.items() if value})
    data["source"] = {name: value for name, value in source.items() if value} or {"title": "t"}
    return data


@settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_whatever_is_accepted_exports_and_imports_back_identically(data: Any) -> None:
    kind = data.draw(st.sampled_from([*sorted(KIND_FIELDS), "statement", "statement"]))
    candidate = _variants(kind, data.draw)
    try:
        line = parse_line(candidate)
    except InputError:
        line = None
    assume(line is not None)  # refused input has nothing to round-trip
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "a.sqlite", Path(folder) / "b.sqlite"
        jsonl = json.dumps(candidate, ensure_ascii=False) + "\n"
        imported = invoke("--store", str(first), "import", "-", input=jsonl.encode())
        assert imported.exit_code == 0, imported.output
        exported = invoke("--store", str(first), "export").stdout
        assert json.loads(exported) == with_id(line)  # type: ignore[arg-type]
        again = invoke("--store", str(second), "import", "-", input=exported.encode())
        assert again.exit_code == 0, again.output
        assert invoke("--store", str(second), "export").stdout == exported


# -- 7. counts: exact up to 2^53, never rounded ----------------------------------------------


@pytest.mark.parametrize("count", [10**28, 2**53 + 1, 1e30, 1e308, "1e30"])
def test_counts_beyond_2_to_the_53_are_bad_input(count: Any, store_path: Path) -> None:
    line = json.dumps(make_announcement("orders", count=count))
    refused(invoke("--store", str(store_path), "import", "-", input=line), "count")
    assert count_events(store_path) == 0


def test_a_29_digit_count_on_the_command_line_is_refused_and_2_to_the_53_kept(
    store_path: Path,
) -> None:
    args = ["orders", "--company", "X", "--announced-on", "2025-01-01", "--source", "s",
            "--model", "M", "--stage", "locked", "--count"]  # fmt: skip
    refused(invoke("--store", str(store_path), "record", *args, "1" * 29), "count")
    assert invoke("--store", str(store_path), "record", *args, str(2**53)).exit_code == 0
    [entry] = json.loads(invoke("--store", str(store_path), "log", "--json").stdout)
    assert entry["count"] == 2**53


@pytest.mark.parametrize("value", ["1e310", "9e307", "1e300"])
def test_audit_after_a_value_near_1e310_is_refused(value: str, store_path: Path) -> None:
    line = '{"kind":"target","company":"X","announced_on":"2025-01-01","source":{"title":"t"},'
    line += f'"metric":"sales","period":"2025","value":{value}}}'
    refused(invoke("--store", str(store_path), "import", "-", input=line), "value")
    assert invoke("--store", str(store_path), "record", *STATEMENT, "--text", "t").exit_code == 0
    result = invoke("--store", str(store_path), "audit", "targets", "--period", "1e310")
    assert result.exit_code == 0 and result.stdout.endswith("(none)\n")


# -- 8. terminal injection -------------------------------------------------------------------


ESCAPES = ["\x1b]0;pwned\x07", "\x1b[2J", "\r2025-01-01  forged row", "\x9b31m", "\x00"]


@pytest.mark.parametrize("option", ["--note", "--text", "--quote", "--source"])
@pytest.mark.parametrize("escape", ESCAPES)
def test_control_characters_in_text_are_refused(option: str, escape: str, tmp_path: Path) -> None:
    location = str(tmp_path / "s.sqlite")
    args = {"--text": "ok", option: f"before{escape}after"}
    flat = [part for pair in args.items() for part in pair]
    base = [arg for arg in STATEMENT if option != "--source" or arg != "Weibo"]
    if option == "--source":
        base.remove("--source")
    result = invoke("--store", location, "record", *base, *flat)
    field = {"--source": "source.title", "--note": "note", "--text": "text", "--quote": "quote"}
    refused(result, field[option].split(".")[-1])


def test_newlines_and_tabs_are_kept_in_text(store_path: Path) -> None:
    result = invoke("--store", str(store_path), "record", *STATEMENT, "--text", "one\n\ttwo")
    assert result.exit_code == 0
    [entry] = json.loads(invoke("--store", str(store_path), "log", "--json").stdout)
    assert entry["text"] == "one\n\ttwo"


def test_stored_control_characters_are_shown_escaped(store_location: str) -> None:
    """A store written before these rules (or by another tool through mxt's own write path)."""
    from mxt.domain.model import aggregate_id, recorded_event

    content = {**make_announcement("statement"), "id": "old-one"}
    content["text"] = "\x1b]0;title\x07\x1b[2Jcleared\r\nforged\u202eevil"
    content["note"] = "\x1b[31mred"
    with open_store(store_location, "create") as store, store.write() as transaction:
        event, state = recorded_event(
            aggregate_id("old-one"), content, transaction.recorded_at_json
        )
        transaction.append_stored([event], [state])
    for command in (["show", "old-one"], ["log"], ["log", "--kind", "statement"]):
        result = invoke("--store", store_location, *command)
        assert result.exit_code == 0, result.output
        for raw in ("\x1b", "\x07", "\r", "\u202e"):
            assert raw not in result.output
    shown = invoke("--store", store_location, "show", "old-one").stdout
    assert "\\x1b[2Jcleared\\r\\nforged\\u202eevil" in shown
    as_json = json.loads(invoke("--store", store_location, "show", "old-one", "--json").stdout)
    assert as_json["text"] == content["text"]  # machine output keeps the data as stored


# -- 9. names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["Xia\u200bomi", "\u202eimoaiX", "\ufeffXiaomi", "Xiao\u200dmi", "Xiao\x1bmi",
             "Xiao\u2028mi", "Xia\u061comi"],
)  # fmt: skip
@pytest.mark.parametrize("option", ["--company", "--model"])
def test_invisible_and_format_characters_in_names_are_refused(
    name: str, option: str, store_path: Path
) -> None:
    args = ["launch", "--company", "Xiaomi", "--announced-on", "2025-07-01", "--source", "s",
            "--model", "SU7", "--market", "CN"]  # fmt: skip
    args[args.index(option) + 1] = name
    refused(invoke("--store", str(store_path), "record", *args), option.lstrip("-"))
    assert not store_path.exists() or count_events(store_path) == 0


def test_names_are_nfkc_normalised_and_match_as_one_company(store_path: Path) -> None:
    args = ["launch", "--announced-on", "2025-07-01", "--source", "s", "--model", "SU7",
            "--market", "CN"]  # fmt: skip
    assert invoke("--store", str(store_path), "record", *args, "--company", "Xiaomi").exit_code == 0
    wide = "Ｘｉａｏｍｉ"
    result = invoke("--store", str(store_path), "record", *args, "--company", wide)
    assert result.exit_code == 0
    assert "already recorded" in result.stderr  # the same announcement, not a second company
    state = invoke("--store", str(store_path), "state", "company", wide, "--json")
    assert json.loads(state.stdout)["company"] == "Xiaomi"


# -- 12. messages, BOM, --kind, ids ----------------------------------------------------------


def test_a_megabyte_id_is_not_echoed_whole(store_path: Path) -> None:
    assert invoke("--store", str(store_path), "record", *STATEMENT, "--text", "t").exit_code == 0
    result = invoke("--store", str(store_path), "retract", "x" * 1_000_000, "--reason", "r")
    assert result.exit_code == 2
    assert len(result.stderr.rstrip("\n")) <= 200 + len("mxt: error: ")


def test_a_byte_order_mark_is_named_as_such(store_path: Path, tmp_path: Path) -> None:
    line = json.dumps(make_announcement("statement")).encode()
    bom = tmp_path / "bom.jsonl"
    bom.write_bytes(b"\xef\xbb\xbf" + line + b"\n")
    result = invoke("--store", str(store_path), "import", str(bom))
    assert result.exit_code == 2 and "byte-order mark" in result.stderr
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(line.replace(b"hiring", b"h\xe9ring") + b"\n")
    result = invoke("--store", str(store_path), "import", str(latin))
    assert result.exit_code == 2 and "not UTF-8" in result.stderr
    assert count_events(store_path) == 0


def test_log_with_an_unknown_kind_is_an_error(store_path: Path) -> None:
    assert invoke("--store", str(store_path), "record", *STATEMENT, "--text", "t").exit_code == 0
    refused(invoke("--store", str(store_path), "log", "--kind", "bogus"), "kind")


def test_a_bad_id_to_retract_is_bad_input(store_path: Path) -> None:
    assert invoke("--store", str(store_path), "record", *STATEMENT, "--text", "t").exit_code == 0
    refused(invoke("--store", str(store_path), "retract", "bad id!", "--reason", "r"), "id")
