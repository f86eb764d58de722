"""SQLite's specifics: what a path holds before it is opened, the store's own read
connections, the write lock, the checkpoint after a commit, the file's own check, and the
names of its tables."""

from __future__ import annotations

import os
import sqlite3
import stat
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .errors import NotAStore, StoreUnavailable
from .location import LOCK_NOTICE_SECONDS, lock_timeout

FILE_PROBLEMS_SHOWN = 10  # SQLite stops its check after this many problems


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
    MXT_LOCK_TIMEOUT; a wait of more than a second is said (`LockWait`)."""
    limit = lock_timeout()
    cursor.execute(f"PRAGMA busy_timeout={int(min(LOCK_NOTICE_SECONDS, limit) * 1000)}")
    try:
        cursor.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        from .failures import LockWait, is_lock_timeout  # (loaded only when a lock is held)

        if not is_lock_timeout(error) or limit <= LOCK_NOTICE_SECONDS:
            raise
        warnings.warn(LockWait(shown, limit), stacklevel=3)
        cursor.execute(f"PRAGMA busy_timeout={int((limit - LOCK_NOTICE_SECONDS) * 1000)}")
        cursor.execute("BEGIN IMMEDIATE")
    finally:
        cursor.execute(f"PRAGMA busy_timeout={limit * 1000}")


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
