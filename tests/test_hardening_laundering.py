"""Issue 21: damage is never laundered. A log that fails the chain check is refused by every
command that reads it whole (`export`, `copy`, replays), a copy re-verifies what it wrote, an
edited read-model row is refused like an edited event, `recorded_at` never goes backwards
along the chain, and `verify` asks SQLite whether its file is sound before it trusts an index.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mxt.cli.demo import seed_path
from mxt.cli.main import cli
from mxt.projections.readmodel.tables import READ_MODEL_VERSION

from backends import BACKENDS, count_events, new_store, postgres_database, sql, store_location  # noqa: F401

RECORD = ["record", "statement", "--company", "Xiaomi", "--announced-on", "2025-07-01",
          "--source", "Weibo", "--topic", "hiring", "--text", "hiring again"]  # fmt: skip


def mxt(location: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", location, *args])


def refused(result: Result, *words: str) -> None:
    """Exit 1 with one line on stderr naming the damage (each of `words` in it), no
    traceback, nothing on stdout."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("mxt: error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[-1], lines[-1]
    assert result.stdout == ""


@pytest.fixture
def seeded(store_location: str) -> str:
    assert mxt(store_location, "import", str(seed_path())).exit_code == 0
    fix = ["correct", "xiaomi-yu7-wait-12m", "--set", "max_months=11", "--reason", "misread"]
    assert mxt(store_location, *fix).exit_code == 0
    assert mxt(store_location, "retract", "xiaomi-su7-wait-8m", "--reason", "dup").exit_code == 0
    return store_location


def head(location: str) -> str:
    result = mxt(location, "verify", "--json")
    assert result.exit_code == 0, result.output
    value: str = json.loads(result.stdout)["head"]
    return value


# -- 5. recorded_at never goes backwards along the chain ---------------------------------------


def test_a_backdated_append_fails_verify_even_with_a_kept_head(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer whose clock was patched appends a record stamped before the log's last one:
    the chain is well formed, and the kept head is still a prefix, but `--known-at` would
    show it known before the records it follows were."""
    from mxt.storage.store import Store

    kept = head(seeded)
    monkeypatch.setattr(
        Store, "_next_recorded_at", lambda self, cursor: datetime(2020, 1, 1, tzinfo=UTC)
    )
    assert mxt(seeded, *RECORD).exit_code == 0
    monkeypatch.undo()
    for args in (["verify"], ["verify", "--expect", kept]):
        result = mxt(seeded, *args)
        assert result.exit_code == 1, result.output
        assert "recorded_at 2020-01-01T00:00:00.000000Z goes back before" in result.stderr
    damaged = json.loads(mxt(seeded, "verify", "--json").stdout)["damaged"]
    assert [d["notification_id"] for d in damaged] == [36]


@pytest.mark.parametrize("garbage", ["garbage", "", "2025-13-45T99:00:00.000000Z"])
def test_a_garbage_recorded_at_in_the_chain_is_named_as_damage(seeded: str, garbage: str) -> None:
    sql(seeded, "UPDATE mxt_chain SET recorded_at=? WHERE position=35", garbage)
    result = mxt(seeded, "verify")
    assert result.exit_code == 1
    assert "damaged: event #35: chain entry was altered; " in result.stderr
    assert f"recorded_at {garbage!r} is not a timestamp" in result.stderr
    assert "warning" not in result.stderr  # not counted as a record stamped in the future
    refused(mxt(seeded, "state", "company", "Xiaomi"), "is not a timestamp")
    refused(mxt(seeded, *RECORD), "recorded_at", "is not a timestamp")


# -- 3. a log that fails the chain check is never carried on -----------------------------------


def edit_event(location: str, rowid: int = 4) -> None:
    """The 2025 production target's recording (#4) says 360,000 instead of 350,000."""
    [(state,)] = sql(location, "SELECT state FROM stored_events WHERE rowid=?", rowid)
    sql(location, "UPDATE stored_events SET state=? WHERE rowid=?",
        bytes(state).replace(b"350000", b"360000"), rowid)  # fmt: skip


DAMAGE = {
    "edited": (edit_event, "event #4: content changed since it was recorded"),
    "deleted": (lambda location: sql(location, "DELETE FROM stored_events WHERE rowid=4"),
                "event #4: deleted from the log"),
}  # fmt: skip


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_export_refuses_a_damaged_log(seeded: str, damage: str) -> None:
    tamper, named = DAMAGE[damage]
    tamper(seeded)
    refused(mxt(seeded, "export"), named, "export refuses a damaged log")
    refused(mxt(seeded, "export", "--company", "Xiaomi"), named)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_copy_refuses_a_damaged_log_and_writes_nothing(
    seeded: str, damage: str, tmp_path: Path
) -> None:
    tamper, named = DAMAGE[damage]
    tamper(seeded)
    target = tmp_path / "copy.sqlite"
    refused(mxt(seeded, "copy", "--to", str(target)), named, "copy refuses a damaged log")
    assert count_events(target) == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_copy_that_does_not_verify_as_its_source_is_rolled_back(
    tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The destination stores other bytes than it was handed (a driver, a disk, a bug): the
    copy's own verify, inside its transaction, refuses it, and nothing is committed."""
    from eventsourcing.persistence import StoredEvent

    from mxt.storage.store import Store

    origin = str(tmp_path / "origin.sqlite")
    assert mxt(origin, "import", str(seed_path())).exit_code == 0
    insert_stored = Store.insert_stored

    def garbling(self: Store, cursor: Any, stored: Any) -> list[int]:
        if self.location == origin:
            return insert_stored(self, cursor, stored)
        changed = [
            StoredEvent(s.originator_id, s.originator_version, s.topic,
                        s.state.replace(b"350000", b"360000"))
            for s in stored
        ]  # fmt: skip
        return insert_stored(self, cursor, changed)

    monkeypatch.setattr(Store, "insert_stored", garbling)
    with new_store(backend, tmp_path, "copy.sqlite") as target:
        result = mxt(origin, "copy", "--to", target)
        assert result.exit_code == 1, result.output
        assert "copy: nothing was written: what it wrote does not verify" in result.stderr
        assert count_events(target) == 0  # (the copy took back the store it made)


def test_reads_refuse_a_row_whose_event_was_deleted(seeded: str) -> None:
    """Event #4 (the 350,000 target) deleted from the log, its row left: answers would show
    the 300,000 it replaced as in force; they refuse."""
    DAMAGE["deleted"][0](seeded)
    for command in (["state", "company", "Xiaomi"], ["audit", "targets"], ["log"],
                    ["progress", "--company", "Xiaomi"]):  # fmt: skip
        result = mxt(seeded, *command)
        assert result.exit_code == 1, (command, result.output)
        assert "stored event #4 is gone from the log" in result.stderr
        assert "300,000" not in result.stdout or command == ["log"]  # (log streams earlier rows)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_read_from_a_replay_refuses_a_damaged_log(seeded: str, damage: str) -> None:
    """A read model of another version (or none) is replayed from the log for the read: a
    damaged log is refused, not replayed into an answer that leaves an event out."""
    DAMAGE[damage][0](seeded)
    sql(seeded, "UPDATE mxt_rm_meta SET value='8' WHERE name='version'")
    for command in (["state", "company", "Xiaomi"], ["audit", "targets"]):
        result = mxt(seeded, *command)
        refused(result, DAMAGE[damage][1], "refuses a damaged log")


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_write_does_not_replay_a_damaged_log_into_its_read_model(
    seeded: str, damage: str
) -> None:
    """A write to a store whose read model is of another version remakes it from the log, and
    one whose read model is behind its log catches it up: from a damaged log, neither."""
    events = int(sql(seeded, "SELECT COUNT(*) FROM stored_events")[0][0])
    DAMAGE[damage][0](seeded)
    sql(seeded, "UPDATE mxt_rm_meta SET value='8' WHERE name='version'")
    refused(mxt(seeded, *RECORD), DAMAGE[damage][1], "refuses a damaged log")
    sql(seeded, "UPDATE mxt_rm_meta SET value=? WHERE name='version'", READ_MODEL_VERSION)
    last = int(sql(seeded, "SELECT MAX(notification_id) FROM mxt_rm_versions")[0][0])
    sql(seeded, "DELETE FROM mxt_rm_versions WHERE notification_id=?", last)  # one event behind
    sql(seeded, "UPDATE mxt_rm_meta SET value=? WHERE name='notification_id'", str(last - 1))
    refused(mxt(seeded, *RECORD), DAMAGE[damage][1], "catching the read model up")
    assert int(sql(seeded, "SELECT COUNT(*) FROM stored_events")[0][0]) == events - (
        damage == "deleted"
    )


def test_report_refuses_a_damaged_log(seeded: str, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    edit_event(seeded)
    page = tmp_path / "page.html"
    result = mxt(seeded, "report", "-o", str(page))
    assert result.exit_code == 1, result.output
    assert "event #4: content changed since it was recorded: report refuses" in result.stderr
    assert not page.exists()


# -- 4. an edited read-model row is refused like an edited event -------------------------------

TARGET = "xiaomi-2025-target-350k"
ROW_EDITS = {
    # the 350,000 target retracted behind mxt's back: 300,000 would show in force
    "retracted": (f"UPDATE mxt_rm_versions SET retracted=1 WHERE ann_id='{TARGET}'",
                  ["audit", "targets"]),
    "re-dated": (f"UPDATE mxt_rm_versions SET announced_on='2025-01-02' WHERE ann_id='{TARGET}'",
                 ["state", "company", "Xiaomi", "--as-of", "2025-01-10"]),
    # the corrected wait (11 months) said to be 3
    "content": ("UPDATE mxt_rm_versions SET content=replace(content, '\"max_months\": 11', "
                "'\"max_months\": 3') WHERE event='corrected'",
                ["state", "model", "Xiaomi/YU7"]),
    # the version the correction closed made current again
    "reopened": ("UPDATE mxt_rm_versions SET known_to=NULL WHERE known_to IS NOT NULL",
                 ["log", "--kind", "wait-time"]),
    # a company spelled otherwise in its earliest announcement, as the names are read
    "name": ("UPDATE mxt_rm_firsts SET company='Xiaomi Evil' WHERE notification_id=1",
             ["state", "company", "Xiaomi"]),
}  # fmt: skip


@pytest.mark.parametrize("edit", sorted(ROW_EDITS))
def test_an_edited_read_model_row_is_refused_not_served(seeded: str, edit: str) -> None:
    statement, command = ROW_EDITS[edit]
    assert mxt(seeded, *command).exit_code == 0
    rows = "SELECT * FROM {} ORDER BY notification_id"
    before = [sql(seeded, rows.format(table)) for table in ("mxt_rm_versions", "mxt_rm_firsts")]
    sql(seeded, statement)
    after = [sql(seeded, rows.format(table)) for table in ("mxt_rm_versions", "mxt_rm_firsts")]
    assert after != before  # the edit took
    result = mxt(seeded, *command)
    refused(result, "read model: the row of event #", "changed behind mxt's back", "rebuild")
    assert mxt(seeded, "verify").exit_code == 1
    assert mxt(seeded, "rebuild").exit_code == 0
    assert mxt(seeded, *command).exit_code == 0


def test_a_correction_does_not_build_on_an_edited_row(seeded: str) -> None:
    """The projector checks the row a correction closes: a forged row is not sealed anew."""
    sql(seeded, ROW_EDITS["content"][0])
    events = int(sql(seeded, "SELECT COUNT(*) FROM stored_events")[0][0])
    fix = ["correct", "xiaomi-yu7-wait-12m", "--set", "max_months=10", "--reason", "again"]
    refused(mxt(seeded, *fix), "changed behind mxt's back")
    assert int(sql(seeded, "SELECT COUNT(*) FROM stored_events")[0][0]) == events


# -- 6. verify asks SQLite whether the file is sound --------------------------------------------


def test_verify_finds_a_flipped_byte_in_an_index_page(tmp_path: Path) -> None:
    """One byte of a read-model index changed (the table rows intact): the tables' digests
    agree with a replay, but the index no longer matches its table, and reads through it
    would miss rows or serve the flipped byte."""
    location = str(tmp_path / "s.sqlite")
    assert mxt(location, "import", str(seed_path())).exit_code == 0
    [(page_size,)] = sql(location, "PRAGMA page_size")
    [(root,)] = sql(location, "SELECT rootpage FROM sqlite_master WHERE name='mxt_rm_entity'")
    with open(location, "r+b") as file:
        file.seek((root - 1) * page_size)
        page = file.read(page_size)
        file.seek((root - 1) * page_size + page.index(b"xiaomi") + 2)
        file.write(b"\x01")
    result = mxt(location, "verify", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["file"] and all("mxt_rm_entity" in problem for problem in report["file"])
    assert "damaged: file: " in mxt(location, "verify").stderr
    assert mxt(location, "rebuild").exit_code == 0
    assert mxt(location, "verify").exit_code == 0


# -- what a deleted write-ahead log would take with it ------------------------------------------


def test_a_committed_record_is_in_the_database_file_not_only_in_its_wal(tmp_path: Path) -> None:
    """Another program holds the store open, so the last close does not fold the WAL back:
    the file alone (a deleted `-wal`, a backup that copies only the file) still holds every
    record that a command reported as made."""
    import shutil
    import sqlite3

    location = str(tmp_path / "s.sqlite")
    assert mxt(location, "import", str(seed_path())).exit_code == 0
    with sqlite3.connect(location) as held:
        held.execute("SELECT COUNT(*) FROM sqlite_master").fetchall()
        assert mxt(location, *RECORD).exit_code == 0
        alone = str(tmp_path / "alone.sqlite")
        shutil.copyfile(location, alone)
        events = int(sql(location, "SELECT COUNT(*) FROM stored_events")[0][0])
    assert int(sql(alone, "SELECT COUNT(*) FROM stored_events")[0][0]) == events
    assert mxt(alone, "verify").stdout.startswith(f"ok: {events} events")


# -- one writer with a clock in 2099 -------------------------------------------------------------


class In2099(datetime):
    """A client machine whose clock says 2099."""

    @classmethod
    def now(cls, tz: Any = None) -> Any:
        return datetime(2099, 6, 1, 12, 0, tzinfo=UTC).astimezone(tz)


def test_a_client_clock_in_2099_stamps_nothing_in_2099_on_a_shared_store(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On PostgreSQL the server's clock stamps records: one analyst's wrong clock neither
    stamps its own records in 2099 nor drags every later writer's there."""
    import warnings

    from mxt.storage import clock as clock_module

    with postgres_database() as url:
        assert mxt(url, "import", str(seed_path())).exit_code == 0
        with monkeypatch.context() as wrong:
            wrong.setattr(clock_module, "datetime", In2099)
            assert mxt(url, *RECORD).exit_code == 0
        with warnings.catch_warnings():
            warnings.simplefilter("error", clock_module.ClockBehind)
            later = mxt(url, *RECORD[:-1], "from a right clock")
        assert later.exit_code == 0, later.output
        stamps = [row[0] for row in sql(url, "SELECT recorded_at FROM mxt_chain")]
        assert max(stamps) < "2099" and stamps == sorted(stamps)
        verified = mxt(url, "verify")
        assert verified.exit_code == 0 and "stamped later" not in verified.stderr
