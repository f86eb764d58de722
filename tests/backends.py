"""One store fixture for both backends: a SQLite file, or a fresh PostgreSQL database.

PostgreSQL runs when `MXT_TEST_POSTGRES_URL` names a server where the user may create
databases (`.ci/run` starts one); without it those tests are skipped, with that reason.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest

from mxt.cli.demo import seed_path
from mxt.projections.readmodel.view import View
from mxt.storage.postgres import postgres_sql
from mxt.storage.store import Store

BACKENDS = ["sqlite", "postgres"]
SERVER = os.environ.get("MXT_TEST_POSTGRES_URL")
NO_SERVER = "PostgreSQL tests need MXT_TEST_POSTGRES_URL (.ci/run starts a server)"


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards; yields its URL."""
    if not SERVER:
        pytest.skip(NO_SERVER)
    from bench.flatness import postgres_database as throwaway

    with throwaway(SERVER, prefix="mxt_") as url:
        yield url


@contextmanager
def new_store(backend: str, folder: Path, name: str = "store.sqlite") -> Iterator[str]:
    """The location of a new, empty store of `backend`."""
    if backend == "postgres":
        with postgres_database() as url:
            yield url
    else:
        yield str(folder / name)


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty store on each backend."""
    with new_store(request.param, tmp_path) as location:
        yield location


def is_postgres(location: str | Path) -> bool:
    return str(location).startswith("postgresql://")


def sql(location: str | Path, statement: str, *params: Any) -> list[Any]:
    """Runs one statement (SQLite spelling) in the store's database, behind mxt's back."""
    if is_postgres(location):
        import psycopg

        with psycopg.connect(str(location), autocommit=True) as db:
            cursor = db.execute(postgres_sql(statement), params)
            return cursor.fetchall() if cursor.description else []
    # closed at once: a connection's statement cache holds it in a cycle, so that it would
    # otherwise stay open (its write-ahead log beside the file) until the collector ran
    with closing(sqlite3.connect(str(location), timeout=30)) as db, db:
        return db.execute(statement, params).fetchall()


def count_events(location: str | Path) -> int:
    """Rows in the store's events table, counted by the database itself (0: no store yet)."""
    if not is_postgres(location) and not Path(location).exists():
        return 0
    try:
        return int(sql(location, "SELECT COUNT(*) FROM stored_events")[0][0])
    except Exception as error:  # sqlite3 or psycopg: only "no such table" means "no store"
        if "stored_events" in str(error) or "mxt_events" in str(error):
            return 0
        raise


def seed_events() -> int:
    """How many events the seed story records (one a line)."""
    return sum(1 for line in seed_path().read_text().splitlines() if line.strip())


@contextmanager
def traced_view(location: str) -> Iterator[tuple[View, Any, list[str]]]:
    """A `View` of a SQLite store, a read cursor, and the list of every statement SQLite runs
    on it from then on (its tracing), for tests of which statements a question makes and how
    SQLite plans them (`query_plan`)."""
    opened = Store(location, create=False)
    try:
        with opened.read() as cursor:
            statements: list[str] = []
            cursor.connection.set_trace_callback(statements.append)
            try:
                yield View(opened), cursor, statements
            finally:
                cursor.connection.set_trace_callback(None)
    finally:
        opened.close()


def query_plan(cursor: Any, statement: str) -> str:
    """SQLite's plan of `statement`, its steps joined by " / "."""
    cursor.execute("EXPLAIN QUERY PLAN " + statement)
    return " / ".join(str(step[-1]) for step in cursor.fetchall())
