"""The store's SQLite connections: eventsourcing's, each keeping the statements it prepared.

eventsourcing opens its SQLite connections with `cached_statements=True`, which Python's
`sqlite3` reads as a cache of one statement: the statements of a question, taking turns on a
connection with its transaction's `BEGIN`, were each parsed and planned again at every use.
These connections keep `STATEMENTS` of them, as `sqlite3` does by default. Nothing else
changes: the same database, the same transactions, every row read and checked as before.

`Store` names `SQLiteStoreFactory` as eventsourcing's persistence module (`PERSISTENCE_MODULE`).
"""

from __future__ import annotations

import sqlite3

from eventsourcing.persistence import InterfaceError
from eventsourcing.sqlite import (
    SQLITE3_DEFAULT_LOCK_TIMEOUT,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteFactory,
)
from eventsourcing.utils import Environment, EnvType

STATEMENTS = 128  # prepared statements a connection keeps (`sqlite3`'s default)


class StatementKeepingPool(SQLiteConnectionPool):
    """eventsourcing's pool of SQLite connections, each opened as eventsourcing opens them
    (auto-commit, write-ahead log, rows by name) but keeping `STATEMENTS` statements."""

    def _create_connection(self) -> SQLiteConnection:
        try:
            connection = sqlite3.connect(
                database=self.db_name,
                uri=True,
                check_same_thread=False,
                isolation_level=None,  # auto-commit: transactions begin explicitly
                cached_statements=STATEMENTS,
                timeout=self.lock_timeout or SQLITE3_DEFAULT_LOCK_TIMEOUT,
            )
        except (sqlite3.Error, TypeError) as error:
            raise InterfaceError(error) from error
        if not self.is_sqlite_memory_mode and not self.is_journal_mode_wal:
            (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
            if mode.lower() != "wal":
                connection.execute("PRAGMA journal_mode=WAL")
                self.journal_mode_was_changed_to_wal = True
            self.is_journal_mode_wal = True
        connection.row_factory = sqlite3.Row
        return SQLiteConnection(sqlite_conn=connection, max_age=self.max_age)


class SQLiteStoreFactory(SQLiteFactory):
    """eventsourcing's SQLite infrastructure, its connections from a `StatementKeepingPool`."""

    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        made = self.datastore.pool  # no connection opened yet: replaced by one of the same
        self.datastore.pool = StatementKeepingPool(
            db_name=made.db_name, lock_timeout=made.lock_timeout
        )
