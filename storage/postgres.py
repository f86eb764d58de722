"""PostgreSQL's specifics: eventsourcing's persistence connecting with the whole
`postgresql://` URL, mxt's SQL in PostgreSQL's spelling, the first connection that names why
a server cannot be reached, the log's tables and its inserts, and the watch on lock waits.

Imported only for a PostgreSQL store (it needs psycopg and psycopg_pool).
"""

from __future__ import annotations

import math
import os
import re
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.conninfo import make_conninfo
from psycopg.rows import dict_row, tuple_row

from .errors import BadStoreLocation, StoreUnavailable
from .failures import LockWait, one_line
from .location import (
    LOCK_NOTICE_SECONDS,
    StoreLocation,
    connect_timeout,
    lock_timeout,
    parse_location,
)

if TYPE_CHECKING:
    from eventsourcing.persistence import StoredEvent

CONNINFO = "POSTGRES_CONNINFO"  # the setting that carries libpq's connection string
IDLE_IN_TRANSACTION_SECONDS = 600  # a session idle in a transaction longer is ended
CREATION_LOCK = 0x6D7874  # the advisory lock taken while a new store's tables are made


# mxt's own SQL is written once, in SQLite's spelling (`?`, `rowid`, `stored_events`,
# `tracking`); on PostgreSQL it is translated to eventsourcing's tables there.
_PG_NAMES = {"stored_events": "mxt_events", "rowid": "notification_id", "tracking": "mxt_tracking"}
_PG_WORDS = re.compile(r"\b(" + "|".join(_PG_NAMES) + r")\b")


@lru_cache(maxsize=256)
def postgres_sql(statement: str) -> str:
    """A statement of mxt's SQL in PostgreSQL's spelling."""
    spelled = _PG_WORDS.sub(lambda m: _PG_NAMES[m.group(1)], statement).replace("?", "%s")
    return spelled.replace(" WITHOUT ROWID", "")  # SQLite's table layout; PostgreSQL has one


class PostgresCursor:
    """A cursor over one PostgreSQL connection that speaks mxt's SQL and returns tuples.

    `dicts` is a second cursor on the same connection (and transaction) for eventsourcing's
    own statements, whose rows are read by column name.
    """

    def __init__(self, connection: Any) -> None:
        self.tuples = connection.cursor(row_factory=tuple_row)
        self.dicts = connection.cursor()

    def execute(self, statement: str, params: Any = ()) -> None:
        self.tuples.execute(postgres_sql(statement), params)

    def executemany(self, statement: str, params: Any) -> None:
        self.tuples.executemany(postgres_sql(statement), params)

    def fetchone(self) -> Any:
        return self.tuples.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self.tuples.fetchall())


def postgres_env(location: StoreLocation | str) -> dict[str, str]:
    """eventsourcing's PostgreSQL settings for a `postgresql://` location, its connections
    made from libpq's keywords for the whole URL (`postgres_keywords`, which
    `URLPostgresFactory` passes on, as eventsourcing's own settings cannot)."""
    where = parse_location(location) if isinstance(location, str) else location
    keywords = where.keywords
    return {
        "CREATE_TABLE": "no",  # mxt creates its tables once (`Store.ensure_tables`)
        "PERSISTENCE_MODULE": "mxt.storage.postgres_log:URLPostgresFactory",
        CONNINFO: make_conninfo("", **postgres_keywords(where)),
        "POSTGRES_DBNAME": keywords["dbname"],
        "POSTGRES_HOST": keywords.get("host", ""),
        "POSTGRES_PORT": keywords.get("port", ""),
        "POSTGRES_USER": keywords.get("user", ""),
        "POSTGRES_PASSWORD": "",
        "POSTGRES_CONNECT_TIMEOUT": str(math.ceil(connect_timeout())),  # whole seconds
        # eventsourcing sets this before it takes its table locks (0 would wait forever)
        "POSTGRES_LOCK_TIMEOUT": str(lock_timeout()),
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": str(IDLE_IN_TRANSACTION_SECONDS),
        "POSTGRES_POOL_SIZE": "2",
        "POSTGRES_MAX_OVERFLOW": "2",
    }


def postgres_keywords(where: StoreLocation) -> dict[str, Any]:
    """libpq's connection keywords for a `postgresql://` location: the URL's own, query
    parameters (`sslmode`, …) included, and where the URL does not set them, mxt's: the
    connect timeout (MXT_CONNECT_TIMEOUT) and the application name `mxt` (which names the
    holder of a lock another command waits for). Every statement waits for a lock at most
    MXT_LOCK_TIMEOUT (`-c lock_timeout`, before the URL's own `options`). Text is always
    exchanged in UTF-8 (`client_encoding`)."""
    keywords: dict[str, Any] = dict(where.keywords)
    keywords.setdefault("connect_timeout", str(math.ceil(connect_timeout())))
    keywords.setdefault("application_name", "mxt")
    # Text in UTF-8 whatever the database's encoding: a SQL_ASCII database would otherwise
    # hand back bytes, and with UTF8 asked for, the server refuses to send a stored text that
    # is not UTF-8 (named as damage by `database_problem`).
    keywords["client_encoding"] = "UTF8"
    limit = f"-c lock_timeout={lock_timeout()}s"
    keywords["options"] = f"{limit} {keywords['options']}" if "options" in keywords else limit
    return keywords


# How a failed connection's reason reads, and its cause in a word or two (the first that
# matches: a refusal by pg_hba.conf may say "SSL off", and is a failed login).
_CONNECT_CAUSES = (
    (("connection refused",), "connection refused"),
    (("could not translate host name", "name or service not known", "nodename nor servname",
      "name resolution", "no address associated"), "unknown host"),
    (("authentication failed", "password", "role", "no pg_hba.conf entry"),
     "authentication failed"),
    (("ssl", "certificate"), "TLS failed (the URL's sslmode)"),
    (("timeout", "timed out"), "timed out"),
    (("database", "does not exist"), "no such database"),
)  # fmt: skip


def connect(where: StoreLocation) -> Any:
    """A connection of mxt's own for read transactions, set up as eventsourcing sets up those
    of its pool (autocommit, rows as dicts, the same idle-in-transaction timeout), so that a
    store opened to answer questions needs no eventsourcing. Made directly and within the
    connect timeout, so that an unreachable server fails fast with its cause named (a pool
    would retry until its own timeout): the first one, made as the store is opened, is its
    probe. A setting of the URL that libpq refuses before it connects (`invalid sslmode
    value`) is bad input."""
    try:
        connection = psycopg.connect(
            **postgres_keywords(where), autocommit=True, row_factory=dict_row
        )
    except psycopg.Error as error:
        text = one_line(error)
        if text.startswith("connection is bad: invalid "):  # libpq checks settings first
            raise BadStoreLocation(
                f"store: {where.shown}: {text.removeprefix('connection is bad: ')}"
            ) from None
        reason = text.rsplit(" failed: ", 1)[-1]  # libpq's words, after the server it names
        lowered = reason.lower()
        cause = next(
            (name for signs, name in _CONNECT_CAUSES if any(s in lowered for s in signs)),
            "cannot connect",
        )
        raise StoreUnavailable(
            f"store: cannot connect to {where.shown}: {cause} ({reason})"
        ) from None
    try:
        connection.execute(
            f"SET idle_in_transaction_session_timeout = '{IDLE_IN_TRANSACTION_SECONDS * 1000}ms'"
        )
    except BaseException:
        connection.close()
        raise
    return connection


def log_schema() -> str:
    """The schema eventsourcing keeps the log's tables in, read from the environment as its
    settings are (`MXT_POSTGRES_SCHEMA`, then `POSTGRES_SCHEMA`; by default `public`)."""
    for key in ("MXT_POSTGRES_SCHEMA", "POSTGRES_SCHEMA"):
        value = os.environ.get(key)
        if value is not None:
            return value.strip() or "public"
    return "public"


def table_names(cursor: PostgresCursor, schema: str) -> list[str]:
    """The tables and views of the database that mxt writes to (those of eventsourcing's
    schema and the first on the search path), sorted."""
    cursor.tuples.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
        "AND n.nspname IN (current_schema(), %s)",
        (schema,),
    )
    return sorted({str(row[0]) for row in cursor.fetchall()})


def tables_exist(cursor: PostgresCursor, tables: Sequence[str]) -> bool:
    """Whether every one of `tables` (in mxt's spelling) is in the database."""
    names = [postgres_sql(table) for table in tables]
    cursor.tuples.execute(
        "SELECT COUNT(to_regclass(name)) FROM unnest(%s::text[]) AS name", (names,)
    )
    return bool(cursor.fetchone()[0] == len(tables))


def create_log_table(datastore: Any, recorder: Any, cursor: PostgresCursor) -> None:
    """eventsourcing's tables of the log (its public statements, run on `cursor`, so that
    they are made in mxt's transaction), after its composite types, each made in a
    transaction of its own (as its `create_table` makes them: PostgreSQL has no `CREATE TYPE
    IF NOT EXISTS`)."""
    from psycopg.errors import DuplicateObject

    statements = recorder.sql_create_statements
    for statement in statements:
        if "CREATE TYPE" in statement.as_string():
            with datastore.transaction(commit=True) as types, suppress(DuplicateObject):
                types.execute(statement, prepare=False)
    for statement in statements:
        if "CREATE TYPE" not in statement.as_string():
            cursor.dicts.execute(statement, prepare=False)


def insert_events(
    recorder: Any, cursor: PostgresCursor, stored: Sequence[StoredEvent]
) -> list[int]:
    """Inserts stored events with eventsourcing's own statement (rows of its composite type),
    on `cursor`, in mxt's transaction (whose table lock `Store.write` took first); answers
    their notification ids, in order."""
    rows = [
        recorder.construct_pg_stored_event(
            event.originator_id, event.originator_version, event.topic, event.state
        )
        for event in stored
    ]
    cursor.dicts.execute(recorder.insert_events_statement, (rows,))
    return [row["notification_id"] for row in cursor.dicts.fetchall()]


# What blocks a PostgreSQL backend, by application name ('mxt' is mxt's own).
_BLOCKERS = (
    "SELECT DISTINCT COALESCE(NULLIF(application_name, ''), '?') FROM pg_stat_activity "
    "WHERE pid = ANY(pg_blocking_pids(%s))"
)


@contextmanager
def saying_lock_waits(where: StoreLocation, connection: Any) -> Iterator[None]:
    """While the block runs on `connection`, a thread asks the server once a second (on a
    connection of its own, made only once a second has passed) whether it waits for a lock
    another session holds; the first time it does, it warns `LockWait`. (The wait itself
    ends at MXT_LOCK_TIMEOUT: `postgres_keywords`.)"""
    done = threading.Event()
    watcher = threading.Thread(
        target=_watch_lock_waits,
        args=(where, connection.info.backend_pid, done),
        name="mxt-lock-wait",
        daemon=True,
    )
    watcher.start()
    try:
        yield
    finally:
        done.set()


def _watch_lock_waits(where: StoreLocation, backend: int, done: Any) -> None:
    """Until `done` is set: once a second, whether PostgreSQL `backend` waits for a lock that
    other sessions hold; the first time it does, `LockWait` names them (another mxt, or the
    program whose application name they carry). A watcher that cannot connect says nothing."""
    try:
        with ExitStack() as stack:
            side = None
            while not done.wait(LOCK_NOTICE_SECONDS):
                if side is None:
                    keywords = {**postgres_keywords(where), "application_name": "mxt-watch"}
                    side = stack.enter_context(psycopg.connect(**keywords, autocommit=True))
                names = [row[0] for row in side.execute(_BLOCKERS, (backend,)).fetchall()]
                if names:
                    others = ", ".join(sorted(set(names) - {"mxt", "?"}))
                    holder = (
                        f"another program ({others}) holding a lock on" if others
                        else "another mxt writing to" if "?" not in names
                        else "another session holding a lock on"
                    )  # fmt: skip
                    if not done.is_set():
                        warnings.warn(LockWait(where.shown, lock_timeout(), holder), stacklevel=1)
                    return
    except psycopg.Error:
        return
