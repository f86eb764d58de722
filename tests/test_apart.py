"""`Store.read_apart`: a read in a forked process of its own, beside a process that writes.

A rebuild hands it verify, the corrections' rows and the rows of part of the recordings
(`Projector.replay_in_sql`), so that their Python runs on another core while SQLite writes
the other recordings' rows here. What it
must keep: the answers in order, the forked process's errors raised here (even one that
does not pickle), no answer lost silently (a process that dies is an error), no process
left behind when the answers are dropped early, a snapshot of its own (the writer's
uncommitted rows unseen), and the same answers where it cannot fork.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke, make_announcement

from mxt.events.errors import InputError
from mxt.storage.apart import made_forked
from mxt.storage.errors import DamagedLog, StoreUnavailable
from mxt.storage.store import Store


def _count(cursor: Any) -> int:
    cursor.execute("SELECT COUNT(*) FROM stored_events")
    return int(cursor.fetchone()[0])


def test_answers_come_in_order_from_another_process(store: Store) -> None:
    def reading(cursor: Any) -> Iterator[Any]:
        yield os.getpid()
        yield _count(cursor)
        yield "last"

    with store.read() as here:
        answers = list(store.read_apart(reading, here))
    assert answers[0] != os.getpid()  # read apart, not here
    assert answers[1:] == [0, "last"]


def test_an_error_apart_is_raised_here_after_the_answers_before_it(store: Store) -> None:
    def reading(cursor: Any) -> Iterator[str]:
        yield "first"
        raise DamagedLog("log: stored event #7 is not JSON")

    with store.read() as here:
        answers = store.read_apart(reading, here)
        assert next(answers) == "first"
        with pytest.raises(DamagedLog, match="#7 is not JSON"):
            next(answers)


def test_an_error_that_does_not_pickle_comes_as_its_words(store: Store) -> None:
    class Unpicklable(Exception):
        def __reduce__(self) -> Any:
            raise TypeError("no pickling")

    def reading(cursor: Any) -> Iterator[None]:
        raise Unpicklable("the words survive")
        yield

    with store.read() as here, pytest.raises(StoreUnavailable, match="the words survive"):
        list(store.read_apart(reading, here))


def test_a_process_that_dies_without_an_answer_is_an_error(store: Store) -> None:
    def reading(cursor: Any) -> Iterator[None]:
        os._exit(3)
        yield

    with store.read() as here, pytest.raises(StoreUnavailable, match="without an answer"):
        list(store.read_apart(reading, here))


def test_dropping_the_answers_early_ends_the_process(store: Store) -> None:
    def reading(cursor: Any) -> Iterator[int]:
        yield os.getpid()
        time.sleep(120)
        yield 0

    started = time.monotonic()
    with store.read() as here:
        answers = store.read_apart(reading, here)
        child = next(answers)
        answers.close()  # type: ignore[attr-defined]
    assert time.monotonic() - started < 60  # the sleeper was ended, not waited for
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # and reaped: not even a zombie is left


def test_where_the_system_gives_no_process_it_reads_here(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_process() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_process)

    def reading(cursor: Any) -> Iterator[Any]:
        yield os.getpid()

    descriptors = Path("/proc/self/fd")
    before = len(list(descriptors.iterdir())) if descriptors.exists() else 0
    with store.read() as here:
        assert list(store.read_apart(reading, here)) == [os.getpid()]
    if descriptors.exists():
        assert len(list(descriptors.iterdir())) == before  # the pipe was closed


def test_the_process_apart_reads_a_snapshot_without_the_writers_uncommitted_rows(
    store: Store,
) -> None:
    def reading(cursor: Any) -> Iterator[int]:
        yield _count(cursor)

    with store.write() as transaction:
        cursor = transaction.cursor
        cursor.execute(
            "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
            "VALUES (?, 1, 'a:B', X'7B7D')",
            ("0" * 32,),
        )
        assert _count(cursor) == 1
        assert list(store.read_apart(reading, cursor)) == [0]
        transaction.cursor.execute("DELETE FROM stored_events")


def test_where_it_cannot_fork_it_reads_here(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")

    def reading(cursor: Any) -> Iterator[Any]:
        yield os.getpid()
        yield _count(cursor)

    with store.read() as here:
        assert list(store.read_apart(reading, here)) == [os.getpid(), 0]


def test_while_another_thread_runs_it_reads_here(store: Store) -> None:
    """A thread inside SQLite at the moment of a fork (asking for a held write lock on the
    same file, say) can leave the forked process waiting forever for a mutex it inherited
    held: 20 forked readers of 3,000 hung so beside one such thread. While another thread
    of the process runs, the reading is done here; alone again, apart."""

    def reading(cursor: Any) -> Iterator[Any]:
        yield os.getpid()
        yield _count(cursor)

    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with store.read() as here:
            assert list(store.read_apart(reading, here)) == [os.getpid(), 0]
    finally:
        release.set()
        other.join()
    with store.read() as here:
        assert list(store.read_apart(reading, here))[0] != os.getpid()


def test_a_rebuild_without_fork_makes_the_same_rows(
    tmp_path: Path, seed_lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The corrections' rows, worked out apart from the log, equal those the writes made and
    those worked out here."""

    location = tmp_path / "s.sqlite"
    source = tmp_path / "seed.jsonl"
    source.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    for args in (
        ["import", str(source)],
        ["correct", "xiaomi-yu7-wait-12m", "--set", "max_months=11", "--reason", "misread"],
        ["correct", "xiaomi-yu7-wait-12m", "--set", "max_months=10", "--reason", "again"],
        ["retract", "xiaomi-yu7-wait-12m", "--reason", "withdrawn"],
        ["retract", "xiaomi-su7-wait-8m", "--reason", "duplicate"],
    ):
        assert invoke("--store", str(location), *args).exit_code == 0, args

    def rows() -> list[tuple[Any, ...]]:
        with sqlite3.connect(location) as connection:
            return connection.execute("SELECT * FROM mxt_rm_versions ORDER BY 1").fetchall()

    written = rows()  # event by event, by the writes
    assert invoke("--store", str(location), "rebuild").exit_code == 0
    forked = rows()
    assert forked == written
    monkeypatch.delattr(os, "fork")
    assert invoke("--store", str(location), "rebuild").exit_code == 0
    assert rows() == forked
    assert {row[14] for row in forked} == {"recorded", "corrected", "retracted"}


# -- `made_forked`: an import's lines parsed in a process of their own -------------------------


def test_made_forked_answers_in_order_then_raises_bad_input_as_it_was() -> None:
    """The answers before the error come first; the error is the same bad input (its field
    and line kept), so the command still exits 2 naming them."""

    def making() -> Iterator[Any]:
        yield os.getpid()
        yield "second"
        raise InputError("count", "must be positive", 7)

    answers = made_forked(making, 2, "the input")
    assert next(answers) != os.getpid()
    assert next(answers) == "second"
    with pytest.raises(InputError) as raised:
        next(answers)
    assert (raised.value.field, raised.value.line) == ("count", 7)
    assert str(raised.value) == "line 7: count: must be positive"


def test_made_forked_waits_when_ahead_and_ends_when_dropped() -> None:
    """A process that could make answers for ever makes only a few more than are asked for,
    and dropping the answers ends it at once (nothing left running, nothing hangs)."""
    made = Path(os.environ.get("TMPDIR", "/tmp")) / f"mxt-made-{os.getpid()}"

    def making() -> Iterator[int]:
        number = 0
        while True:
            number += 1
            with made.open("a") as marks:  # one byte an answer made
                marks.write("x")
            yield number

    answers = made_forked(making, 2, "the input")
    assert [next(answers), next(answers)] == [1, 2]
    time.sleep(0.3)
    assert made.stat().st_size < 100_000  # held back: a few frames ahead (and the pipe's)
    started = time.perf_counter()
    answers.close()
    assert time.perf_counter() - started < 5
    made.unlink()


def test_an_import_names_an_earlier_lines_error_before_a_later_malformed_one(
    tmp_path: Path,
) -> None:
    """Lines parsed apart keep the order of errors: line 2 repeats line 1's id with another
    content (the log's error), line 3 is no JSON (the parser's); line 2 is named, nothing is
    written."""
    first = make_announcement("orders", id="o-1")
    other = make_announcement("orders", id="o-1", count=first["count"] + 1)
    source = tmp_path / "lines.jsonl"
    source.write_text(f"{json.dumps(first)}\n{json.dumps(other)}\n{{not json\n", encoding="utf-8")
    location = tmp_path / "s.sqlite"
    result = invoke("--store", str(location), "import", str(source))
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("mxt: error: line 2: id:"), result.stderr
    if location.exists():
        with sqlite3.connect(location) as connection:
            assert connection.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] == 0
    source.write_text(f"{json.dumps(first)}\n{{not json\n", encoding="utf-8")
    result = invoke("--store", str(location), "import", str(source))
    assert result.exit_code == 2
    assert result.stderr.startswith("mxt: error: line 2: malformed JSON"), result.stderr


def test_an_import_without_fork_records_the_same(
    tmp_path: Path, seed_lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no process can be forked the lines are parsed here, to the same log and rows."""
    source = tmp_path / "seed.jsonl"
    source.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")

    def imported(location: Path) -> list[Any]:
        assert invoke("--store", str(location), "import", str(source)).exit_code == 0
        with sqlite3.connect(location) as connection:
            rows = connection.execute(
                "SELECT originator_id, topic, json_extract(state, '$.announcement') "
                "FROM stored_events ORDER BY rowid"
            ).fetchall()
            model = connection.execute(
                "SELECT ann_id, kind, subject, rank, event FROM mxt_rm_versions ORDER BY 1"
            ).fetchall()
        return [rows, model]

    forked = imported(tmp_path / "forked.sqlite")
    monkeypatch.delattr(os, "fork")
    assert imported(tmp_path / "here.sqlite") == forked
    assert len(forked[0]) == len(seed_lines)


def test_an_import_stores_each_announcement_as_record_and_the_mapper_store_it(
    tmp_path: Path, seed_lines: list[str]
) -> None:
    """`mxt import` makes each announcement's aggregate id and stored JSON in the process that
    parses its lines; what it stores is, byte for byte, what `record` stores for the same
    announcement and what eventsourcing's mapper stores for its `AnnouncementRecorded` model
    (but for the `timestamp`, each transaction's own), and `verify` finds the chain sound."""
    from pydantic_core import to_jsonable_python

    from mxt.domain.model import AnnouncementRecorded
    from mxt.domain.recording import record
    from mxt.domain.stored import aggregate_id
    from mxt.events.announcements import Announcement, parse_line, with_id
    from mxt.projections.opening import open_store
    from mxt.storage.clock import parse_timestamp
    from mxt.storage.log import JSONBytes, PydanticMapper

    extra = [  # no id (a derived one), text beyond ASCII, a duration of the older spelling
        make_announcement("orders", company="Škoda Électrique", note="«quoted» 中文 \u00e9"),
        make_announcement("orders", id=None, within="3m", count="350k"),
    ]
    lines = [json.loads(line) for line in seed_lines] + extra
    announcements = [parse_line(line) for line in lines]
    source = tmp_path / "lines.jsonl"
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    imported = tmp_path / "imported.sqlite"
    assert invoke("--store", imported, "import", source).exit_code == 0
    assert invoke("--store", imported, "verify").exit_code == 0
    recorded = tmp_path / "recorded.sqlite"
    with open_store(recorded, "create") as store:
        for announcement in announcements:
            if isinstance(announcement, Announcement):
                record(store, announcement)

    def rows(location: Path) -> dict[str, tuple[int, str, bytes]]:
        with sqlite3.connect(location) as connection:
            found = connection.execute(
                "SELECT originator_id, originator_version, topic, state FROM stored_events "
                "WHERE topic LIKE '%AnnouncementRecorded'"
            ).fetchall()
        return {row[0]: (row[1], row[2], row[3]) for row in found}

    from_import, from_record = rows(imported), rows(recorded)
    mapper = PydanticMapper(transcoder=JSONBytes())
    checked = 0
    for announcement in announcements:
        if not isinstance(announcement, Announcement):
            continue
        content = with_id(announcement)
        origin = aggregate_id(content["id"])
        version, topic, state = from_import[origin.hex]
        stamp = json.loads(state)["timestamp"]
        expected = mapper.to_stored_event(
            AnnouncementRecorded(originator_id=origin, originator_version=1,
                                 timestamp=parse_timestamp(stamp), announcement=content)
        )  # fmt: skip
        assert (version, topic, state) == (1, expected.topic, expected.state)
        other_stamp = json.dumps(to_jsonable_python(parse_timestamp(
            json.loads(from_record[origin.hex][2])["timestamp"])))  # fmt: skip
        restamped = state.replace(json.dumps(stamp).encode(), other_stamp.encode(), 1)
        assert from_record[origin.hex] == (version, topic, restamped)
        checked += 1
    assert checked == len(from_import) == len(from_record) > len(extra)
