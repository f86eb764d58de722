"""Issue 21 (items 7, 9, 14 and the silent waits) and issue 22 (item 6): a store location is
read once, by libpq's rules; no password is ever printed; a mistyped URL is never a file; a
lock wait says so and ends."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mxt.cli.demo import seed_path
from mxt.cli.main import cli
from mxt.storage.postgres import postgres_sql

from backends import SERVER, count_events, postgres_database, seed_events, store_location

STATEMENT = ["statement", "--company", "Xiaomi", "--announced-on", "2025-07-01", "--source",
             "Weibo", "--topic", "hiring", "--text", "x"]  # fmt: skip
SECRET = "Sup3rSecret"


def mxt(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env)


def needs_server() -> str:
    if not SERVER:
        pytest.skip("needs MXT_TEST_POSTGRES_URL")
    return SERVER


def with_password(url: str, password: str) -> str:
    """The test server's `url` with a password after its user (trust login ignores it)."""
    user, rest = url.removeprefix("postgresql://").split("@", 1)
    return f"postgresql://{user}:{password}@{rest}"


# -- 7. secrets: a password is never printed ---------------------------------------------------


SECRET_URLS = [
    f"postgresql://analyst:{SECRET}@127.0.0.1:1/mxt",
    f"postgresql://analyst:p@{SECRET}@127.0.0.1:1/mxt",  # an '@' in the password, unencoded
    f"postgresql://analyst:p/{SECRET}@127.0.0.1:1/mxt",  # a '/' in the password, unencoded
    f"postgresql://analyst:p {SECRET}@127.0.0.1:1/mxt",  # a space: libpq refuses it
    f"postgresql://analyst:{SECRET}@[::1/mxt",
    f"postgresql://analyst:{SECRET}@127.0.0.1:abc/mxt",
    f"postgresql://analyst@127.0.0.1:1/mxt?password={SECRET}",
    f"postgresql://analyst@127.0.0.1:1/mxt?sslmode=bogus&password={SECRET}",
    f"postgresql:/analyst:{SECRET}@127.0.0.1/mxt",
    f" postgresql://analyst:{SECRET}@127.0.0.1/mxt",
]


@pytest.mark.parametrize("url", SECRET_URLS)
def test_no_message_prints_a_password(url: str, tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    seeded = str(tmp_path / "s.sqlite")
    assert mxt("--store", seeded, "import", str(seed_path())).exit_code == 0
    for args in (["--store", url, "log"], ["--store", url, "record", *STATEMENT],
                 ["--store", seeded, "copy", "--to", url], ["demo", "--store", url]):  # fmt: skip
        result = mxt(*args)
        assert result.exit_code in (1, 2), result.output
        assert SECRET not in result.output, result.output
        assert "Traceback" not in result.output


def test_copy_to_postgresql_never_prints_the_password(tmp_path: Path) -> None:
    seeded = str(tmp_path / "s.sqlite")
    assert mxt("--store", seeded, "import", str(seed_path())).exit_code == 0
    with postgres_database() as url:
        copied = mxt("--store", seeded, "copy", "--to", with_password(url, SECRET))
        assert copied.exit_code == 0, copied.output
        assert SECRET not in copied.output
        assert copied.stdout.strip().endswith(with_password(url, "***"))
        assert count_events(url) == seed_events()
        again = mxt("--store", seeded, "copy", "--to", with_password(url, SECRET))
    assert again.exit_code == 2 and "already holds events" in again.stderr
    assert SECRET not in again.output


def test_demo_into_postgresql_never_prints_the_password() -> None:
    with postgres_database() as url:
        result = mxt("demo", "--store", with_password(url, SECRET))
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    assert with_password(url, "***") in result.output


# -- 7. TLS and every other query parameter reach the connection ------------------------------


@pytest.mark.parametrize("mode", ["require", "verify-ca", "verify-full"])
def test_an_sslmode_the_server_cannot_meet_refuses_to_connect(mode: str) -> None:
    """The test server has no TLS: as psql does, a URL that requires it must not connect."""
    with postgres_database() as url:
        for args in (["record", *STATEMENT], ["log"]):
            result = mxt("--store", f"{url}?sslmode={mode}", *args)
            assert result.exit_code == 1, result.output
            assert "TLS failed" in result.stderr and "SSL" in result.stderr
        assert count_events(url) == 0


def test_sslmode_disable_connects() -> None:
    with postgres_database() as url:
        result = mxt("--store", f"{url}?sslmode=disable", "record", *STATEMENT)
        assert result.exit_code == 0, result.output
        assert count_events(url) == 1


def test_query_parameters_reach_the_connections_that_write() -> None:
    """libpq's `options` in the URL makes every transaction read-only: writing must fail
    (the parameters were dropped before, and the record was written)."""
    with postgres_database() as url:
        read_only = f"{url}?options=-c%20default_transaction_read_only%3Don"
        result = mxt("--store", read_only, "record", *STATEMENT)
        assert result.exit_code == 1, result.output
        assert "read-only" in result.stderr
        assert count_events(url) == 0


def test_the_url_is_read_by_libpqs_rules() -> None:
    pytest.importorskip("psycopg")
    from mxt.storage.location import parse_location

    where = parse_location("Postgres://an%40alyst:p%40ss@db.example:6543/mxt?sslmode=require"
                           "&application_name=team")  # fmt: skip
    assert where.is_postgres
    assert dict(where.keywords) == {
        "user": "an@alyst", "password": "p@ss", "host": "db.example", "port": "6543",
        "dbname": "mxt", "sslmode": "require", "application_name": "team",
    }  # fmt: skip
    assert (
        where.shown == "postgresql://an%40alyst:***@db.example:6543/mxt?sslmode=require"
        "&application_name=team"
    )
    assert "p@ss" not in repr(where)
    socket = parse_location("postgresql:///mxt?host=/var/run/postgresql")
    assert dict(socket.keywords) == {"dbname": "mxt", "host": "/var/run/postgresql"}


# -- 9. a mistyped URL is never a file -------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["postgresql:/analyst@db/mxt", "postgresql//analyst@db/mxt", "postgresql:analyst@db",
     " postgresql://analyst@db/mxt", "postgresql://analyst@db/mxt ", "Postgres:analyst@db/mxt",
     "postgresql:///", "postgresql://analyst@db"],
)  # fmt: skip
def test_a_mistyped_url_is_refused_and_nothing_is_made(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["record", *STATEMENT], ["import", str(seed_path())], ["log"], ["demo"]):
        args = ["demo", "--store", value] if command == ["demo"] else ["--store", value, *command]
        result = mxt(*args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("mxt: error: store: ")
        assert any(
            words in result.stderr
            for words in ("mistyped URL", "begins or ends with a space", "names no database")
        ), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_file_whose_name_looks_like_a_scheme_is_written_as_a_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert mxt("--store", "./notes:2025.sqlite", "record", *STATEMENT).exit_code == 0
    assert count_events(tmp_path / "notes:2025.sqlite") == 1
    assert mxt("--store", "C:/mxt.sqlite", "record", *STATEMENT).exit_code == 0  # a drive


# -- 14. a bad port, a broken URL, a bad setting: named, exit 2 --------------------------------


@pytest.mark.parametrize(
    ("url", "named"),
    [("postgresql://analyst@db:abc/mxt", "port 'abc'"),
     ("postgresql://analyst@db:99999/mxt", "port '99999'"),
     ("postgresql://analyst@db:0/mxt", "port '0'"),
     ("postgresql://analyst@[::1/mxt", "IPv6"),
     ("postgresql://analyst@db/mxt?sslmode=bogus", "sslmode 'bogus'"),
     ("postgresql://analyst@db/mxt?no_such_parameter=1", "no_such_parameter"),
     ("postgresql://analyst@127.0.0.1:1/mxt?target_session_attrs=bogus",
      "invalid target_session_attrs value")],
)  # fmt: skip
def test_a_url_libpq_refuses_is_bad_input_naming_what(url: str, named: str) -> None:
    pytest.importorskip("psycopg")
    result = mxt("--store", url, "log")
    assert result.exit_code == 2, result.output
    assert named in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1.5", "99999999"])
def test_a_bad_lock_timeout_is_bad_input_naming_the_setting(value: str, tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")
    assert mxt("--store", store, "record", *STATEMENT).exit_code == 0
    for command in (["record", *STATEMENT], ["log"]):
        result = mxt("--store", store, *command, env={"MXT_LOCK_TIMEOUT": value})
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("mxt: error: MXT_LOCK_TIMEOUT: ")
    assert count_events(store) == 1


# -- issue 22, item 6: the scheme is decided once, in any case --------------------------------


def test_a_dry_run_on_an_upper_case_url_checks_that_store() -> None:
    pytest.importorskip("psycopg")
    unreachable = mxt("--store", "POSTGRESQL://analyst@127.0.0.1:1/mxt", "import", "--dry-run",
                      str(seed_path()))  # fmt: skip
    assert unreachable.exit_code == 1, unreachable.output
    assert "connection refused" in unreachable.stderr
    with postgres_database() as url:
        assert mxt("--store", url, "import", str(seed_path())).exit_code == 0
        upper = "POSTGRESQL://" + url.removeprefix("postgresql://")
        dry = mxt("--store", upper, "import", "--dry-run", str(seed_path()))
    assert dry.exit_code == 0, dry.output
    assert f"would record 0, already present {seed_events()}" in dry.stdout


# -- silent waits: a lock wait is said after a second and ends at MXT_LOCK_TIMEOUT -------------


class HeldLock:
    """The store's write lock (SQLite) or a table lock (PostgreSQL), held by another session
    until `release`."""

    def __init__(self, location: str, mode: str = "EXCLUSIVE") -> None:
        if location.startswith("postgresql://"):
            import psycopg

            self.db: psycopg.Connection | sqlite3.Connection = psycopg.connect(
                location, application_name="psql"
            )
            self.db.execute(f"LOCK TABLE {postgres_sql('stored_events')} IN {mode} MODE")
        else:
            self.db = sqlite3.connect(location, isolation_level=None)
            self.db.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        self.db.rollback()
        self.db.close()


def mxt_process(location: str, *args: str, limit: int) -> subprocess.Popen[str]:
    """The installed mxt, run on `location` with MXT_LOCK_TIMEOUT=`limit`."""
    env = {**os.environ, "MXT_LOCK_TIMEOUT": str(limit)}
    return subprocess.Popen(
        [sys.executable, "-c", "from mxt.cli.main import main; main()", "--store", location,
         *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_a_writer_waiting_for_the_lock_says_so_then_gives_up(store_location: str) -> None:
    assert mxt("--store", store_location, "record", *STATEMENT).exit_code == 0
    held = HeldLock(store_location)
    try:
        started = time.monotonic()
        writer = mxt_process(store_location, "record", *STATEMENT[:-1], "y", limit=3)
        out, err = writer.communicate(timeout=30)
        took = time.monotonic() - started
    finally:
        held.release()
    assert writer.returncode == 1, (out, err)
    assert 3 <= took < 15
    waiting, failed = err.splitlines()
    assert waiting.startswith("mxt: warning: waiting for ") and "MXT_LOCK_TIMEOUT" in waiting
    assert failed.startswith("mxt: error: store: cannot write to ")
    assert "for 3 s" in failed and "MXT_LOCK_TIMEOUT" in failed
    assert count_events(store_location) == 1


# Another mxt in the middle of a write transaction, for as many seconds as its argument says.
WRITING = """
import sys, time
from mxt.projections.opening import open_store
with open_store(sys.argv[1], "write") as store, store.write():
    print("writing", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_a_writer_that_waited_for_another_mxt_goes_on_when_it_is_done(
    store_location: str,
) -> None:
    assert mxt("--store", store_location, "record", *STATEMENT).exit_code == 0
    other = subprocess.Popen([sys.executable, "-c", WRITING, store_location, "3"],
                             stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert other.stdout is not None and other.stdout.readline() == "writing\n"
    writer = mxt_process(store_location, "record", *STATEMENT[:-1], "y", limit=60)
    out, err = writer.communicate(timeout=60)
    assert other.wait(timeout=30) == 0
    assert writer.returncode == 0, (out, err)
    [waiting] = err.splitlines()
    assert waiting.startswith("mxt: warning: waiting for another mxt writing to ")
    assert waiting.endswith("… (gives up after 60 s: MXT_LOCK_TIMEOUT)")
    assert count_events(store_location) == 2


# A new file, locked by another program before it holds anything: the first write's change to
# SQLite's write-ahead log must wait for the lock as any write does. (SQLite refuses that
# change at once while another connection holds the write lock, "database is locked": it was
# reported as a lock held for the whole MXT_LOCK_TIMEOUT, 600 s, within a tenth of a second.
# The same refusal met writers racing to make a new store, now and then.)


def test_a_first_write_waits_for_a_lock_held_on_a_new_file(tmp_path: Path) -> None:
    location = str(tmp_path / "new.sqlite")
    held = HeldLock(location)  # (the file is made, empty, and its write lock held)
    try:
        writer = mxt_process(location, "record", *STATEMENT, limit=60)
        assert writer.stderr is not None
        waiting = writer.stderr.readline()  # said once it has waited a second
    finally:
        held.release()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, (waiting, out, err)
    assert waiting.startswith("mxt: warning: waiting for ") and "after 60 s" in waiting
    assert count_events(location) == 1


def test_a_first_write_gives_up_on_a_lock_held_on_a_new_file_too_long(tmp_path: Path) -> None:
    location = str(tmp_path / "new.sqlite")
    held = HeldLock(location)
    try:
        started = time.monotonic()
        writer = mxt_process(location, "record", *STATEMENT, limit=2)
        out, err = writer.communicate(timeout=30)
        took = time.monotonic() - started
    finally:
        held.release()
    assert writer.returncode == 1, (out, err)
    assert took >= 2  # it waited the limit: the message says no more than happened
    waiting, failed = err.splitlines()
    assert waiting.startswith("mxt: warning: waiting for ")
    assert failed.startswith("mxt: error: store: cannot write to ") and "for 2 s" in failed
    assert count_events(location) == 0
    with sqlite3.connect(location) as db:  # nothing half made: not a table
        assert db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone() == (0,)
    db.close()


def test_a_postgres_read_waiting_for_a_table_lock_says_so_then_gives_up() -> None:
    needs_server()
    with postgres_database() as url:
        assert mxt("--store", url, "record", *STATEMENT).exit_code == 0
        held = HeldLock(url, "ACCESS EXCLUSIVE")
        try:
            started = time.monotonic()
            reader = mxt_process(url, "log", limit=3)
            out, err = reader.communicate(timeout=30)
            took = time.monotonic() - started
        finally:
            held.release()
    assert reader.returncode == 1, (out, err)
    assert 3 <= took < 15
    waiting, failed = err.splitlines()
    assert waiting.startswith("mxt: warning: waiting for another program (psql) holding a lock")
    assert failed.startswith("mxt: error: store: cannot read ") and "MXT_LOCK_TIMEOUT" in failed
