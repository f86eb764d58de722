"""What the database says when it fails, and what that means in the user's terms: a lock
held too long, a read-only file, a full disk, a corrupted file, a text that is not UTF-8."""

from __future__ import annotations

import sqlite3
import sys

from .location import lock_timeout


def one_line(error: BaseException) -> str:
    """An error's words on one line (its class name when it has none)."""
    return " ".join(str(error).split()) or type(error).__name__


def is_lock_timeout(error: BaseException) -> bool:
    """Whether `error` is the database giving up on a lock another writer held."""
    text = str(error).lower()
    return "database is locked" in text or "lock timeout" in text


def is_database_error(error: BaseException) -> bool:
    """Whether `error` comes from the database (sqlite3, psycopg, eventsourcing's wrappers:
    those only where eventsourcing is loaded, as nothing else raises them)."""
    if isinstance(error, sqlite3.Error):
        return True
    persistence = sys.modules.get("eventsourcing.persistence")
    if persistence is not None and isinstance(error, persistence.PersistenceError):
        return True
    psycopg = sys.modules.get("psycopg")
    pool = sys.modules.get("psycopg_pool")
    return (psycopg is not None and isinstance(error, psycopg.Error)) or (
        pool is not None and isinstance(error, pool.PoolTimeout)
    )


# What the database says, and what mxt tells the user it means.
_PROBLEMS = (
    (("readonly database", "read-only"), "the store is read-only (check the permissions of "
     "the file and its folder)"),
    (("database or disk is full", "disk full", "no space left", "file too large"),
     "the disk is full (nothing was written)"),
    (("malformed", "file is not a database", "not a database"),
     "the file is corrupted (database disk image is malformed)"),
    (("unable to open database",), "cannot open the file (no such folder, or no permission)"),
    (("disk i/o error",), "disk I/O error (is the disk full or failing? nothing was written)"),
)  # fmt: skip


def database_problem(error: BaseException) -> str:
    """One line naming what went wrong in the database, in the user's terms."""
    text = one_line(error)
    lowered = text.lower()
    if is_lock_timeout(error):
        return (
            f"another mxt or program held a lock on the store for {lock_timeout()} s; gave up "
            "(MXT_LOCK_TIMEOUT sets how long to wait; nothing was written)"
        )
    if "decode to utf-8" in lowered or "invalid byte sequence" in lowered:
        return f"a stored text is not UTF-8: the store is damaged ({text})"
    for signs, meaning in _PROBLEMS:
        if any(sign in lowered for sign in signs):
            return meaning
    return text


class LockWait(UserWarning):
    """A command waits for a lock that another writer (or another program) holds: said once
    it has waited a second, so that a command that seems to hang says why."""

    def __init__(self, shown: str, limit: int, holder: str = "another mxt writing to") -> None:
        super().__init__(
            f"waiting for {holder} {shown}… (gives up after {limit} s: MXT_LOCK_TIMEOUT)"
        )
