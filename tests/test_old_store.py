"""A store written by the mxt before bounds, ranks and scopes (commit df4fe6f) still works.

`tests/data/written-by-mxt-df4fe6f.sqlite` holds that mxt's import of its seed file (with
`within: "3m"`, minutes then) and a correction `within=20m`. Read by today's mxt, it answers
from a replay of its log and is left as it was; the first write (or `mxt rebuild`) stores
today's read model. The old spellings read with today's meaning, and every answer where the
new rules do not apply is what it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke, run_ok

from backends import store_location

OLD = Path(__file__).parent / "data" / "written-by-mxt-df4fe6f.sqlite"


@pytest.fixture
def old_store(tmp_path: Path) -> str:
    copy = tmp_path / "old.sqlite"
    shutil.copy(OLD, copy)
    return str(copy)


def test_old_durations_read_as_minutes_and_are_written_unambiguously(old_store: str) -> None:
    yu7 = run_ok(old_store, "state", "model", "Xiaomi/YU7", "--as-of", "2025-07-10", "--json")
    assert yu7["orders"]["pre-booking"]["within"] == "3min"
    assert yu7["orders"]["locked"]["within"] == "20min"  # the correction's `20m`
    # No bound was recorded then: the counts are exact, as they were.
    assert (yu7["orders"]["pre-booking"]["count"], yu7["orders"]["pre-booking"]["bound"]) == (
        200_000,
        "exact",
    )
    exported = [json.loads(line) for line in run_ok(old_store, "export").splitlines()]
    prebooking = next(e for e in exported if e.get("id") == "xiaomi-yu7-prebookings-3m")
    assert prebooking["within"] == "3min"
    correction = next(e for e in exported if e["kind"] == "correction")
    assert correction["set"] == {"within": "20min"}


def test_an_old_store_still_verifies(old_store: str) -> None:
    assert run_ok(old_store, "verify").startswith("ok: 22 events")
    report = run_ok(old_store, "verify", "--json")
    assert report["intact"] and report["first_formula"] == 22


def test_reading_an_old_store_writes_nothing_and_a_write_upgrades_it(old_store: str) -> None:
    before = Path(old_store).read_bytes()
    page = str(Path(old_store).with_suffix(".html"))
    for args in (
        ["state", "company", "Xiaomi"],
        ["verify"],
        ["log", "--json"],
        ["report", "-o", page],
    ):
        result = invoke("--store", old_store, *args)
        assert result.exit_code in (0, 1), result.output  # report: 1 without its extra
        if args[0] == "state":
            assert "answered from a replay of the log, nothing written" in result.stderr
    assert Path(old_store).read_bytes() == before
    replayed = run_ok(old_store, "state", "company", "Xiaomi", "--json")
    record_one(old_store)  # a write stores today's read model
    with sqlite3.connect(old_store) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert not {name for name in names if name.startswith("rm_")}  # its tables: renamed
    assert {"mxt_rm_versions", "mxt_rm_groups", "mxt_rm_entities", "mxt_rm_meta"} <= names
    result = invoke("--store", old_store, "state", "company", "Xiaomi", "--json")
    assert "replay" not in result.stderr
    stored = json.loads(result.stdout)
    assert {**stored, "known_at": None} == {**replayed, "known_at": None}
    assert run_ok(old_store, "verify").startswith("ok: 23 events")


def record_one(store: str, text: str = "new") -> None:
    run_ok(store, "record", "statement", "--company", "Xiaomi", "--announced-on", "2025-08-01",
        "--source", "Weibo", "--topic", "hiring", "--text", text)  # fmt: skip


def old_chain(store: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(store) as connection:
        return connection.execute("SELECT * FROM mxt_chain ORDER BY position").fetchall()


def test_an_old_store_keeps_its_head_and_new_entries_cover_recorded_at(old_store: str) -> None:
    kept = run_ok(old_store, "verify", "--json")["head"]
    record_one(old_store)
    report = run_ok(old_store, "verify", "--expect", kept, "--json")
    assert report["intact"] and report["events"] == 23 and report["first_formula"] == 22
    # The new entry's recorded_at is covered: editing it is damage.
    with sqlite3.connect(old_store) as connection:
        connection.execute(
            "UPDATE mxt_chain SET recorded_at='2020-01-01T00:00:00.000000Z' WHERE position=23"
        )
    result = invoke("--store", old_store, "verify", "--json")
    assert result.exit_code == 1
    assert [d["position"] for d in json.loads(result.stdout)["damaged"]] == [23]


def test_an_old_formula_entry_after_a_new_one_is_damage(old_store: str) -> None:
    from mxt.domain.integrity import first_chain_hash

    record_one(old_store)
    record_one(old_store, "newer")
    chain = old_chain(old_store)
    # Rewrite the second new entry in the old formula (recorded_at no longer covered): an
    # old entry after a new one is refused.
    with sqlite3.connect(old_store) as connection:
        connection.execute(
            "UPDATE mxt_chain SET chain_hash=? WHERE position=24",
            (first_chain_hash(chain[22][3], chain[23][2]),),
        )
    result = invoke("--store", old_store, "verify", "--json")
    assert result.exit_code == 1
    assert [d["position"] for d in json.loads(result.stdout)["damaged"]] == [24]


def test_old_answers_stand_where_the_new_rules_do_not_apply(old_store: str) -> None:
    company = run_ok(old_store, "state", "company", "Xiaomi", "--as-of", "2025-07-10", "--json")
    assert [(t["period"], t["value"], t["id"]) for t in company["targets"]] == [
        ("2025", 350_000, "xiaomi-2025-target-350k")
    ]
    assert [(d["period"], d["units"], d["certainty"]) for d in company["deliveries"]] == [
        ("2025-06", 28_000, "reported")
    ]
    de = run_ok(old_store, "state", "market", "DE", "--as-of", "2025-07-10", "--json")
    assert {m["model"]: m["status"] for m in de["models"] if m["model"]} == {
        "SU7": "blocked",
        "YU7": "blocked",
    }
    audit = run_ok(old_store, "audit", "targets", "--json")
    assert [(r["value"], r["previous"], r["status"]) for r in audit] == [
        (300_000, None, "superseded"),
        (350_000, 300_000, "in-force"),
    ]


def test_today_spelling_of_an_old_line_is_already_present(old_store: str, tmp_path: Path) -> None:
    exported = run_ok(old_store, "export").splitlines()
    again = tmp_path / "again.jsonl"
    again.write_text("\n".join(line for line in exported if '"correction"' not in line) + "\n")
    result = invoke("--store", old_store, "import", str(again), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"recorded": 0, "already_present": 21}


def test_an_old_file_without_ids_derives_the_ids_it_derived_before() -> None:
    from mxt.events.announcements import parse_announcement, with_id

    line = {
        "kind": "orders",
        "company": "Xiaomi",
        "announced_on": "2025-06-26",
        "model": "YU7",
        "stage": "pre-booking",
        "count": 200000,
        "within": "3m",
        "source": {"title": "t"},
    }
    old = with_id(parse_announcement(line))
    new = with_id(parse_announcement({**line, "within": "3min"}))
    assert old["within"] == new["within"] == "3min"
    # df4fe6f derived ids as a digest of the content as it spelled it then: `3m`.
    then = {key: value for key, value in old.items() if key != "id"} | {"within": "3m"}
    text = json.dumps(then, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert old["id"] == new["id"] == "a-" + hashlib.sha256(text.encode()).hexdigest()[:16]


def test_a_log_written_without_a_read_model_answers_from_a_replay_on_each_backend(
    store_location: str, old_store: str
) -> None:
    """A log with no read-model tables (here: copied by eventsourcing's store alone, no
    projector) answers as the store it came from, from a replay held for the whole command,
    and a read leaves it without tables."""
    from mxt.domain.copying import copy_log
    from mxt.projections.opening import open_store
    from mxt.storage.store import Store

    with open_store(old_store, "read") as source, Store(store_location) as bare:
        copy_log(source, bare)
    for args in (["state", "company", "Xiaomi"], ["state", "market", "DE"], ["audit", "targets"]):
        asked = [*args, "--as-of", "2025-07-10", "--known-at", "2030-01-01", "--json"]
        replayed = invoke("--store", store_location, *asked)
        assert replayed.exit_code == 0, replayed.output
        assert "answered from a replay of the log" in replayed.stderr
        assert json.loads(replayed.stdout) == run_ok(old_store, *asked)
    with Store(store_location) as bare:
        assert not bare.tables_exist(("mxt_rm_meta",))
