"""One store fixture for both backends: a SQLite file, or a fresh PostgreSQL database.

PostgreSQL runs when `MXT_TEST_POSTGRES_URL` names a server where the user may create
databases (`.ci/run` starts one); without it those tests are skipped, with that reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BACKENDS = ["sqlite", "postgres"]
SERVER = os.environ.get("MXT_TEST_POSTGRES_URL")
NO_SERVER = "PostgreSQL tests need MXT_TEST_POSTGRES_URL (.ci/run starts a server)"


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards; yields its URL."""
    if not SERVER:
        pytest.skip(NO_SERVER)
    import psycopg

    name = f"mxt_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield SERVER.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(SERVER, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
