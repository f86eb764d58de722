"""`mxt verify`: tampering with stored events in the database itself is detected and named."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import Result
from conftest import invoke

from mxt.cli.demo import seed_path

from backends import sql, store_location


@pytest.fixture
def store(seeded_store: str) -> str:
    """The seed story, on each backend."""
    return seeded_store


def verify(store: str, *args: str) -> Result:
    return invoke("--store", store, "verify", *args)


def head(store: str) -> str:
    result = verify(store, "--json")
    assert result.exit_code == 0, result.output
    value: str = json.loads(result.stdout)["head"]
    return value


def damaged(result: Result) -> list[int]:
    return [d["notification_id"] for d in json.loads(result.stdout)["damaged"]]


def test_an_intact_log_prints_its_head_and_exits_0(store: str) -> None:
    result = verify(store)
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: 33 events, head ")
    assert head(store) == head(store)  # stable
    assert len(head(store)) == 32


def test_an_edited_payload_is_named(store: str) -> None:
    [(state,)] = sql(store, "SELECT state FROM stored_events WHERE rowid=4")
    sql(
        store, "UPDATE stored_events SET state=? WHERE rowid=4", state.replace(b"350000", b"360000")
    )
    result = verify(store, "--json")
    assert result.exit_code == 1
    assert damaged(result) == [4]
    human = verify(store)
    assert "damaged: event #4: content changed since it was recorded" in human.stderr


def test_a_deleted_event_is_named(store: str) -> None:
    sql(store, "DELETE FROM stored_events WHERE rowid=7")
    result = verify(store, "--json")
    assert result.exit_code == 1
    assert damaged(result) == [7]
    assert "deleted" in json.loads(result.stdout)["damaged"][0]["problem"]


def test_two_swapped_events_are_both_named(store: str) -> None:
    sql(store, "UPDATE stored_events SET rowid=1000 WHERE rowid=2")
    sql(store, "UPDATE stored_events SET rowid=2 WHERE rowid=3")
    sql(store, "UPDATE stored_events SET rowid=3 WHERE rowid=1000")
    result = verify(store, "--json")
    assert result.exit_code == 1
    assert damaged(result) == [2, 3]


def test_a_changed_recorded_at_is_named(store: str) -> None:
    [(raw,)] = sql(store, "SELECT state FROM stored_events WHERE rowid=5")
    state = json.loads(raw)
    state["timestamp"] = "2020-01-01T00:00:00Z"
    sql(store, "UPDATE stored_events SET state=? WHERE rowid=5", json.dumps(state).encode())
    result = verify(store, "--json")
    assert result.exit_code == 1
    assert damaged(result) == [5]


def test_an_event_slipped_in_behind_mxt_is_named(store: str) -> None:
    [row] = sql(store, "SELECT originator_id, topic, state FROM stored_events WHERE rowid=1")
    sql(store, "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
        "VALUES (?,?,?,?)", row[0], 99, row[1], row[2])  # fmt: skip
    result = verify(store, "--json")
    assert result.exit_code == 1
    assert damaged(result) == [34]


def test_corrections_and_retractions_keep_the_log_valid_and_old_heads_provable(
    store: str,
) -> None:
    kept = head(store)
    fix = ["--store", store, "correct", "xiaomi-yu7-wait-12m", "--set", "max_months=11",
           "--reason", "misread"]  # fmt: skip
    assert invoke(*fix).exit_code == 0
    assert (
        invoke("--store", store, "retract", "xiaomi-su7-wait-8m", "--reason", "duplicate").exit_code
        == 0
    )
    assert head(store) != kept
    assert verify(store, "--expect", kept).exit_code == 0
    assert verify(store, "--expect", "0123456789abcdef").exit_code == 1


def test_a_rewritten_history_fails_the_kept_head(store: str) -> None:
    """Someone edits an event and recomputes the whole chain: only the kept head shows it."""
    from mxt.storage.chain import GENESIS, chain_hash, event_digest
    from mxt.storage.store import Store

    kept = head(store)
    [(state,)] = sql(store, "SELECT state FROM stored_events WHERE rowid=4")
    sql(
        store, "UPDATE stored_events SET state=? WHERE rowid=4", state.replace(b"350000", b"360000")
    )
    with Store(store) as opened:
        events = list(opened.notifications())
    stamps = dict(sql(store, "SELECT position, recorded_at FROM mxt_chain"))
    previous = GENESIS
    for position, event in enumerate(events, start=1):
        digest = event_digest(event)
        previous = chain_hash(previous, digest, stamps[position])
        sql(store, "UPDATE mxt_chain SET digest=?, chain_hash=? WHERE position=?", digest,
            previous, position)  # fmt: skip
    assert verify(store).exit_code == 0  # self-consistent again...
    assert verify(store, "--expect", kept).exit_code == 1  # ...but not the history we kept


@pytest.mark.parametrize("expect", [None, "0123456789abcdef", "head"])
def test_the_one_walk_of_an_intact_log_reports_what_the_merge_walk_does(
    store: str, expect: str | None
) -> None:
    """`verify_log` judges an intact log in one walk of the chain joined to its events; its
    report is the one the walk that names damage (`verify`, given the events) makes."""
    from mxt.domain.integrity import intact_report, verify_log
    from mxt.storage.store import Store

    fix = ["--store", store, "correct", "xiaomi-yu7-wait-12m", "--set", "max_months=11",
           "--reason", "misread"]  # fmt: skip
    assert invoke(*fix).exit_code == 0
    if expect == "head":
        expect = head(store)[:20]
    with Store(store) as opened, opened.read() as cursor:
        cursor.execute("SELECT rowid, originator_id, originator_version, topic, state "
                       "FROM stored_events ORDER BY rowid")  # fmt: skip
        events = [tuple(row) for row in cursor.fetchall()]
        one_walk = verify_log(cursor, expect)
        assert one_walk == verify_log(cursor, expect, events=events)
        assert one_walk == intact_report(cursor, 34, expect, "9999")  # it was the one walk's
    assert one_walk.events == 34
    assert one_walk.expected_found is (None if expect is None else expect != "0123456789abcdef")


def test_chain_entries_naming_their_events_out_of_order_are_damage(store: str) -> None:
    """Entries 2 and 3 swapped with their events: every digest still matches its event, but
    the chain no longer follows the log's order."""
    sql(store, "UPDATE stored_events SET rowid=1000 WHERE rowid=2")
    sql(store, "UPDATE stored_events SET rowid=2 WHERE rowid=3")
    sql(store, "UPDATE stored_events SET rowid=3 WHERE rowid=1000")
    sql(store, "UPDATE mxt_chain SET notification_id=1000 WHERE notification_id=2")
    sql(store, "UPDATE mxt_chain SET notification_id=2 WHERE notification_id=3")
    sql(store, "UPDATE mxt_chain SET notification_id=3 WHERE notification_id=1000")
    result = verify(store, "--json")
    assert result.exit_code == 1
    assert damaged(result)
