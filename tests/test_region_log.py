"""Regions of one's own in the log (`mxt region define|list|show`), on SQLite and PostgreSQL:
recorded, chained and verified like every event, known from the moment they are recorded,
exported, imported, copied and rebuilt."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mxt.cli.demo import seed_path
from mxt.cli.main import cli
from mxt.events.regions import members
from mxt.projections.readmodel.tables import READ_MODEL_VERSION

from backends import BACKENDS, count_events, is_postgres, new_store, sql, store_location

JATO = ("region", "define", "EUROPE-JATO", "--markets", "EU", "--markets", "EFTA,GB",
        "--reason", "JATO Dynamics' Europe: EU, EFTA and the UK")  # fmt: skip


def invoke(store: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--store", store, *args], input=input)


def ok(store: str, *args: str, input: str | None = None) -> Any:
    result = invoke(store, *args, input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def refused(store: str, *args: str) -> str:
    """The one line of a command refused as bad input (exit 2, no traceback)."""
    result = invoke(store, *args)
    assert result.exit_code == 2, result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("mxt: error: ") and "Traceback" not in result.output
    return line.removeprefix("mxt: error: ")


def asked(store: str, *args: str) -> Any:
    """A JSON answer without its `known_at` (the moment a default question is answered at)."""
    answer = ok(store, *args, "--json")
    answer.pop("known_at", None)
    return answer


def codes(shown: dict[str, Any]) -> list[str]:
    return [member["market"] for member in shown["members"]]


def test_a_region_is_defined_once_and_shown_with_the_members_of_the_day(
    store_location: str,
) -> None:
    assert ok(store_location, *JATO, "--json") == {"name": "EUROPE-JATO", "created": True}
    assert ok(store_location, *JATO, "--json") == {"name": "EUROPE-JATO", "created": False}
    assert "unchanged" in ok(store_location, *JATO)
    assert count_events(store_location) == 1
    then = ok(store_location, "region", "show", "europe-jato", "--as-of", "2019-06-01", "--json")
    now = ok(store_location, "region", "show", "EUROPE-JATO", "--json")
    assert then["defined_by"] == now["defined_by"] == "log"
    assert (then["markets"], then["except"]) == (["EFTA", "EU", "GB"], [])
    assert then["reason"] == "JATO Dynamics' Europe: EU, EFTA and the UK"
    assert codes(then) == sorted(members("EU", "2019-06-01") | members("EFTA") | {"GB"})
    assert codes(now) == sorted(members("EU") | members("EFTA") | {"GB"})
    assert then["member_count"] == len(codes(then)) == 32 and now["recorded_at"]
    listed = {row["name"]: row for row in ok(store_location, "region", "list", "--json")}
    assert listed["EUROPE-JATO"]["member_count"] == now["member_count"]
    assert listed["EU"]["defined_by"] == "built-in" and listed["EU"]["member_count"] == 27
    assert listed["*"]["member_count"] == 249 and "MIDDLE-EAST" in listed


def test_a_later_definition_replaces_from_the_moment_it_is_recorded(store_location: str) -> None:
    ok(store_location, *JATO)
    first = ok(store_location, "region", "show", "EUROPE-JATO", "--json")["recorded_at"]
    time.sleep(0.01)
    ok(store_location, "region", "define", "EUROPE-JATO", "--markets", "EU", "--markets", "GB",
       "--reason", "without EFTA")  # fmt: skip
    before = ok(store_location, "region", "show", "EUROPE-JATO", "--known-at", first, "--json")
    after = ok(store_location, "region", "show", "EUROPE-JATO", "--json")
    assert before["markets"] == ["EFTA", "EU", "GB"] and "CH" in codes(before)
    assert after["markets"] == ["EU", "GB"] and "CH" not in codes(after)
    assert after["recorded_at"] > first
    earlier = invoke(store_location, "region", "show", "EUROPE-JATO", "--known-at",
                     "2000-01-01", "--json")  # fmt: skip
    assert earlier.exit_code == 0 and json.loads(earlier.stdout)["defined_by"] is None
    assert json.loads(earlier.stdout)["members"] == []
    assert "nothing is known about region EUROPE-JATO" in earlier.stderr
    assert "recording began" in earlier.stderr
    names = [row["name"] for row in ok(store_location, "region", "list", "--known-at",
                                       "2000-01-01", "--json")]  # fmt: skip
    assert "EUROPE-JATO" not in names and "EU" in names


def test_a_region_may_name_another_and_never_itself(store_location: str) -> None:
    ok(store_location, *JATO)
    ok(store_location, "region", "define", "WIDER-EUROPE", "--markets", "EUROPE-JATO,TR",
       "--except", "CH", "--reason", "with Turkey, without Switzerland")  # fmt: skip
    shown = ok(store_location, "region", "show", "WIDER-EUROPE", "--as-of", "2010-01-01", "--json")
    assert "TR" in codes(shown) and "CH" not in codes(shown) and "HR" not in codes(shown)
    assert "GB" in codes(shown) and shown["except"] == ["CH"]
    events = count_events(store_location)
    assert refused(store_location, "region", "define", "EUROPE-JATO", "--markets",
                   "WIDER-EUROPE", "--reason", "loop") == (
        "markets: EUROPE-JATO would contain itself (through WIDER-EUROPE)"
    )  # fmt: skip
    assert refused(store_location, "region", "define", "OTHER", "--markets", "NOT-DEFINED",
                   "--reason", "x").startswith("markets: NOT-DEFINED is no region")  # fmt: skip
    assert refused(
        store_location,
        "region",
        "define",
        "OTHER",
        "--markets",
        "DE",
        "--except",
        "NOPE",
        "--reason",
        "x",
    ).startswith("except: NOPE is no region")
    assert count_events(store_location) == events


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("EU", "--markets", "DE", "--reason", "x"),
         "name: EU is a built-in region and cannot be redefined"),
        (("ASIA", "--markets", "CN", "--reason", "x"),
         "name: ASIA is a built-in region and cannot be redefined"),
        (("DEU", "--markets", "DE", "--reason", "x"), "name: DEU is a country code"),
        (("DE", "--markets", "DE", "--reason", "x"), "name: 'DE': a region's name is 3 to 24"),
        (("MINE", "--reason", "x"), "markets: must not be empty"),
        (("MINE", "--markets", "DE"), "reason: missing"),
        (("MINE", "--markets", "DE", "--reason", " "), "reason: must not be empty"),
        (("MINE", "--markets", "ZZ", "--reason", "x"), "markets.0: 'ZZ' is not an ISO"),
        (("MINE", "--markets", "DE", "--except", "*", "--reason", "x"), "except: * would"),
        (("MINE", "--markets", "DE,FR", "--except", "FR", "--reason", "x"),
         "except: FR is also one of the markets"),
        (("MINE", "--markets", "MINE", "--reason", "x"), "markets: MINE cannot name itself"),
    ],
)  # fmt: skip
def test_bad_definitions_are_one_line_naming_the_field_and_write_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    store = str(tmp_path / "store.sqlite")
    assert refused(store, "region", "define", *args).startswith(message)
    assert not Path(store).exists()


def test_region_show_refuses_what_can_be_no_region_and_knows_every_built_in(
    tmp_path: Path,
) -> None:
    store = str(tmp_path / "store.sqlite")
    ok(store, "import", str(seed_path()))
    assert refused(store, "region", "show", "de").startswith("name: DE is a country code")
    assert refused(store, "region", "show", "x y").startswith("name: 'x y' is not a region")
    shown = ok(store, "region", "show", "eu", "--as-of", "2021-01-01", "--json")
    assert shown["defined_by"] == "built-in" and shown["member_count"] == 27
    assert shown["source"]["publisher"] == "European Union" and shown["source"]["as_of"]
    assert shown["former"] == [{"market": "GB", "name": "United Kingdom",
                                "joined": "1973-01-01", "left": "2020-02-01"}]  # fmt: skip
    assert {"market": "HR", "name": "Croatia", "joined": "2013-07-01"} in shown["members"]
    before = ok(store, "region", "show", "EU", "--as-of", "2019-06-01", "--json")
    assert "GB" in codes(before) and before["former"] == []
    star = ok(store, "region", "show", "*", "--json")
    assert star["member_count"] == 249 and star["former"] == []
    m49 = ok(store, "region", "show", "EUROPE", "--as-of", "1990-01-01", "--json")
    assert m49["source"]["publisher"] == "United Nations Statistics Division"
    assert {member["joined"] for member in m49["members"]} == {None}


@pytest.mark.parametrize("form", ["table", "json", "jsonl", "csv"])
def test_region_list_and_show_answer_in_every_read_format(tmp_path: Path, form: str) -> None:
    store = str(tmp_path / "store.sqlite")
    ok(store, *JATO)
    listed = ok(store, "region", "list", "--format", form)
    section = () if form in ("table", "json") else ("--section", "members")
    shown = ok(store, "region", "show", "EUROPE-JATO", "--as-of", "2019-06-01", "--format", form,
               *section)  # fmt: skip
    if form == "json":
        assert {row["name"] for row in json.loads(listed)} >= {"EU", "EUROPE-JATO"}
        assert json.loads(shown)["member_count"] == 32
    elif form == "jsonl":
        rows = [json.loads(line) for line in listed.splitlines()]
        assert any(row["name"] == "EUROPE-JATO" and row["markets"] == ["EFTA", "EU", "GB"]
                   for row in rows)  # fmt: skip
        assert [json.loads(line)["market"] for line in shown.splitlines()][:2] == ["AT", "BE"]
    elif form == "csv":
        assert listed.splitlines()[0].startswith("name,defined_by,title,source,markets")
        assert '"[""EFTA"", ""EU"", ""GB""]"' in listed
        assert shown.splitlines()[:2] == ["market,name,joined", "AT,Austria,"]
    else:
        assert re.search(r"EUROPE-JATO +log +32 +EFTA, EU, GB", listed)
        assert "members      32" in shown and "GB      United Kingdom" in shown
    assert ok(store, "region", "show", "EU", "--format", form, *section)


def test_export_import_round_trip_and_repeats_record_nothing(
    store_location: str, tmp_path: Path
) -> None:
    ok(store_location, "import", str(seed_path()))
    ok(store_location, *JATO)
    ok(store_location, "region", "define", "EUROPE-JATO", "--markets", "EU,GB", "--reason", "v2")
    ok(store_location, "region", "define", "OVERSEAS", "--markets", "*", "--except", "CN",
       "--reason", "BYD's overseas sales")  # fmt: skip
    exported = ok(store_location, "export")
    lines = [json.loads(line) for line in exported.splitlines()]
    assert lines[:3] == [
        {"kind": "region", "name": "EUROPE-JATO", "markets": ["EFTA", "EU", "GB"], "except": [],
         "reason": "JATO Dynamics' Europe: EU, EFTA and the UK"},
        {"kind": "region", "name": "EUROPE-JATO", "markets": ["EU", "GB"], "except": [],
         "reason": "v2"},
        {"kind": "region", "name": "OVERSEAS", "markets": ["*"], "except": ["CN"],
         "reason": "BYD's overseas sales"},
    ]  # fmt: skip
    assert all(line["kind"] != "region" for line in lines[3:])
    assert (
        ok(store_location, "export", "--company", "Xiaomi").splitlines()[:3]
        == (exported.splitlines()[:3])
    )
    again = ok(store_location, "import", "-", "--json", input=exported)
    assert again == {"recorded": 0, "already_present": len(lines)}
    empty = str(tmp_path / "empty.sqlite")
    assert ok(empty, "import", "-", "--json", input=exported)["recorded"] == len(lines)
    assert ok(empty, "export") == exported
    shown = ok(empty, "region", "show", "EUROPE-JATO", "--json")
    assert shown["markets"] == ["EU", "GB"] and shown["reason"] == "v2"
    # a later different line replaces; the first definition again is a definition anew
    first = exported.splitlines()[0] + "\n"
    assert ok(empty, "import", "-", "--json", input=first)["recorded"] == 0  # in its history
    changed = first.replace('"EFTA",', "")
    assert ok(empty, "import", "-", "--json", input=changed) == {
        "recorded": 1,
        "already_present": 0,
    }
    assert ok(empty, "region", "show", "EUROPE-JATO", "--json")["reason"].startswith("JATO")


def test_an_import_checks_regions_in_order_all_or_nothing(tmp_path: Path) -> None:
    store = str(tmp_path / "store.sqlite")
    nested = (
        '{"kind": "region", "name": "INNER", "markets": ["DE", "FR"], "reason": "inner"}\n'
        '{"kind": "region", "name": "OUTER", "markets": ["INNER", "IT"], "reason": "outer"}\n'
    )
    dry = ok(store, "import", "--dry-run", "-", input=nested)
    assert "line 1: region INNER" in dry and "line 2: region OUTER" in dry
    assert not Path(store).exists()
    backwards = "".join(reversed(nested.splitlines(keepends=True)))
    result = invoke(store, "import", "-", input=backwards)
    assert result.exit_code == 2 and "line 1: markets: INNER is no region" in result.stderr
    assert count_events(store) == 0
    bad = nested + '{"kind": "region", "name": "EU", "markets": ["DE"], "reason": "x"}\n'
    result = invoke(store, "import", "-", input=bad)
    assert result.exit_code == 2
    assert "line 3: name: EU is a built-in region" in result.stderr
    assert count_events(store) == 0
    assert ok(store, "import", "-", "--json", input=nested)["recorded"] == 2
    assert codes(ok(store, "region", "show", "OUTER", "--json")) == ["DE", "FR", "IT"]


def test_region_events_are_chained_verified_copied_and_rebuilt(
    store_location: str, tmp_path: Path
) -> None:
    ok(store_location, "import", str(seed_path()))
    ok(store_location, *JATO)
    ok(
        store_location,
        "record",
        "statement",
        "--company",
        "Xiaomi",
        "--announced-on",
        "2025-07-05",
        "--source",
        "notes",
        "--topic",
        "strategy",
        "--text",
        "Europe first",
    )
    ok(store_location, "region", "define", "EUROPE-JATO", "--markets", "EU,GB", "--reason", "v2")
    head = ok(store_location, "verify", "--json")["head"]
    shown = asked(store_location, "region", "show", "EUROPE-JATO")
    listed = ok(store_location, "region", "list", "--json")
    for backend in BACKENDS:
        with new_store(backend, tmp_path, f"copy-{backend}.sqlite") as there:
            ok(store_location, "copy", "--to", there)
            assert ok(there, "verify", "--json")["head"] == head
            assert asked(there, "region", "show", "EUROPE-JATO") == shown
            assert ok(there, "region", "list", "--json") == listed
            assert ok(there, "export") == ok(store_location, "export")
    assert ok(store_location, "rebuild")
    assert asked(store_location, "region", "show", "EUROPE-JATO") == shown
    assert ok(store_location, "verify").startswith("ok")


def test_verify_names_an_edited_region_event_and_reads_refuse_an_edited_row(
    store_location: str,
) -> None:
    ok(store_location, *JATO)
    row = sql(store_location, "SELECT markets FROM mxt_rm_regions")
    assert row == [('["EFTA", "EU", "GB"]',)]
    sql(store_location, "UPDATE mxt_rm_regions SET markets='[\"DE\"]'")
    result = invoke(store_location, "region", "show", "EUROPE-JATO", "--json")
    assert result.exit_code == 1 and "changed behind mxt's back" in result.stderr
    checked = invoke(store_location, "verify")
    assert checked.exit_code == 1 and "mxt_rm_regions does not hold" in checked.output
    ok(store_location, "rebuild")
    assert codes(ok(store_location, "region", "show", "EUROPE-JATO", "--json"))[0] == "AT"
    state = sql(store_location, "SELECT state FROM stored_events")[0][0]
    forged = bytes(state).replace(b'"GB"', b'"US"')
    sql(store_location, "UPDATE stored_events SET state=?", forged)
    checked = invoke(store_location, "verify")
    assert checked.exit_code == 1 and "content changed since it was recorded" in checked.output
    exported = invoke(store_location, "export")
    assert exported.exit_code == 1 and "export refuses a damaged log" in exported.stderr


@pytest.mark.parametrize("older", ["11", "12"])
def test_a_read_model_of_another_version_answers_regions_from_a_replay(
    store_location: str, older: str
) -> None:
    ok(store_location, *JATO)
    shown = ok(store_location, "region", "show", "EUROPE-JATO", "--json")
    sql(store_location, "UPDATE mxt_rm_meta SET value=? WHERE name='version'", older)
    result = invoke(store_location, "region", "show", "EUROPE-JATO", "--json", "--known-at",
                    shown["known_at"])  # fmt: skip
    assert result.exit_code == 0 and "answered from a replay of the log" in result.stderr
    assert json.loads(result.stdout) == shown
    if not is_postgres(store_location):
        ok(store_location, *JATO[:3], "--markets", "DE", "--reason", "a write upgrades it")
        assert sql(store_location, "SELECT value FROM mxt_rm_meta WHERE name='version'") == [
            (READ_MODEL_VERSION,)
        ]
        assert len(sql(store_location, "SELECT * FROM mxt_rm_regions")) == 2
