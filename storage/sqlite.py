"""SQLite's specifics: what a path holds before it is opened, the store's own read
connections, the write lock, the checkpoint after a commit, the file's own check, and the
names of its tables."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .errors import NotAStore, StoreUnavailable
from .location import LOCK_NOTICE_SECONDS, lock_timeout

FILE_PROBLEMS_SHOWN = 10  # SQLite stops its check after this many problems
SQLITE_BUSY = 5  # SQLite's result code for "database is locked"
# A lock refused at once is asked for again after a pause that doubles from the first to the last
FIRST_PAUSE, LAST_PAUSE = 0.002, 0.1  # seconds


def nothing_at(path: str, shown: str) -> bool:
    """Whether nothing is at `path` yet (a SQLite store would be a new file). A folder, a
    device, a pipe or a socket is never a store: it is refused before it is opened (SQLite
    would write its journal beside a device: `/dev/null-journal`)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:  # no permission, say: the opening names it
        return False
    if stat.S_ISDIR(mode):
        raise StoreUnavailable(f"store: {shown} is a folder, not a SQLite file")
    if not stat.S_ISREG(mode):
        raise NotAStore(f"store: {shown} is {special_file(mode)}, not a SQLite file")
    return False


def in_memory(path: str) -> bool:
    """Whether `path` names a database held in memory (one connection: eventsourcing's)."""
    return bool(path) and (":memory:" in path or "mode=memory" in path)


class Cursor(sqlite3.Cursor):
    """A sqlite3 cursor that also answers to the name eventsourcing's cursor gives the
    driver's own (`sqlite_cursor`), so that code given either kind reads both."""

    @property
    def sqlite_cursor(self) -> sqlite3.Cursor:
        return self


def connect(path: str, waits: int) -> sqlite3.Connection:
    """A connection for read transactions, made as eventsourcing makes those of its pool
    (autocommit, so that each transaction is begun explicitly; rows as `sqlite3.Row`;
    waiting for a lock at most `waits` seconds), without setting the journal mode: a read
    leaves the file as it was."""
    connection = sqlite3.connect(
        path, uri=True, check_same_thread=False, isolation_level=None, timeout=waits
    )
    connection.row_factory = sqlite3.Row
    return connection


@contextmanager
def read_transaction(connection: sqlite3.Connection) -> Iterator[Cursor]:
    """A read transaction on `connection` (one snapshot of the file), rolled back at its end."""
    cursor = connection.cursor(Cursor)
    try:
        cursor.execute("BEGIN")
        yield cursor
    finally:
        try:
            connection.rollback()
        finally:
            cursor.close()


def special_file(mode: int) -> str:
    """What a file that is neither a regular file nor a folder is, in a few words."""
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def table_names(cursor: Any) -> list[str]:
    """The tables and views of the file, sorted."""
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
    )
    return sorted({str(row[0]) for row in cursor.fetchall()})


def tables_exist(cursor: Any, tables: Sequence[str]) -> bool:
    """Whether every one of `tables` is in the file."""
    cursor.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN "
        f"({','.join('?' * len(tables))})",
        tables,
    )
    return bool(cursor.fetchone()[0] == len(tables))


def begin_immediate(cursor: Any, shown: str) -> None:
    """Takes the write lock (`BEGIN IMMEDIATE`), waiting for another writer to finish at most
    MXT_LOCK_TIMEOUT (`waiting_for_lock`)."""
    waiting_for_lock(cursor, "BEGIN IMMEDIATE", shown)


def use_wal(cursor: Any, shown: str) -> None:
    """Puts the file in WAL mode (`PRAGMA journal_mode=WAL`: nothing to do once it is), waiting
    for a lock on it at most MXT_LOCK_TIMEOUT (`waiting_for_lock`). A new file's first
    writers race to make the change, each from a read of the file's header: the loser is
    refused at once, and finds the change made when it tries again."""
    waiting_for_lock(cursor, "PRAGMA journal_mode=WAL", shown)


def waiting_for_lock(cursor: Any, statement: str, shown: str) -> None:
    """Runs `statement`, which needs a lock another writer may hold, until it gets it or
    MXT_LOCK_TIMEOUT has passed; a wait of more than a second is said (`LockWait`).

    SQLite waits for a lock by itself (its busy timeout), except where waiting could never
    end it: a read of the file that must become a write (a rollback-journal file's change
    to WAL) is refused at once, "database is locked", while another connection holds or
    wants the write lock. Such a refusal is tried again, after a pause, within the same
    limit: it is never taken for a wait that lasted the whole limit."""
    limit = lock_timeout()
    started = time.monotonic()
    said = limit <= LOCK_NOTICE_SECONDS  # (a limit this short is not worth a word)
    pause = FIRST_PAUSE
    try:
        while True:
            waited = time.monotonic() - started
            until = limit if said else min(LOCK_NOTICE_SECONDS, limit)
            cursor.execute(f"PRAGMA busy_timeout={max(1, round((until - waited) * 1000))}")
            try:
                cursor.execute(statement)
                return
            except sqlite3.OperationalError as error:
                waited = time.monotonic() - started
                if not is_busy(error) or waited >= limit:
                    raise
            if not said and waited >= LOCK_NOTICE_SECONDS:
                from .failures import LockWait  # (loaded only when a lock is held)

                warnings.warn(LockWait(shown, limit), stacklevel=4)
                said = True
            time.sleep(min(pause, max(0.0, limit - waited)))
            pause = min(pause * 2, LAST_PAUSE)
    finally:
        cursor.execute(f"PRAGMA busy_timeout={limit * 1000}")


def is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite refused because another connection holds a lock (`SQLITE_BUSY`, in any
    of its extended forms)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:  # (an error made by hand, not by SQLite)
        return "database is locked" in str(error).lower()
    return bool(code & 0xFF == SQLITE_BUSY)


def checkpoint(cursor: Any) -> None:
    """Copies what a write just committed from SQLite's write-ahead log into the database
    file, as far as no reader of an earlier snapshot still needs the log's older state
    (`PASSIVE`: nobody is waited for). A committed record then lives in the file itself, not
    only in `store.sqlite-wal`, which a crash, a copy of the file alone or a deleted WAL would
    lose without trace; the last connection's close would do the same copy later (this
    moves it, not adds it). The commit stands whatever happens here: a failure is the next
    checkpoint's to retry."""
    try:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        cursor.fetchall()
    except sqlite3.Error:
        pass


def file_problems(cursor: Any) -> list[str]:
    """What SQLite's own check of the store's file finds wrong (empty: nothing): every page,
    and every index against its table (`PRAGMA integrity_check`; its quick form skips that
    comparison, and an index with a flipped byte makes a read serve that byte or miss rows).
    (PostgreSQL keeps its pages itself: its checksums and `amcheck` are its administrator's.)"""
    cursor.execute(f"PRAGMA integrity_check({FILE_PROBLEMS_SHOWN})")
    found = [" ".join(str(row[0]).split()) for row in cursor.fetchall()]
    return [] if found == ["ok"] else found
