"""Processes writing into one store at once (four on SQLite, eight on PostgreSQL): nothing
lost, nothing doubled, and the hash chain intact."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import count_stored_events, make_announcement
from eventsourcing.persistence import IntegrityError

from mxt.cli.main import cli
from mxt.domain.recording import record
from mxt.events.announcements import parse_announcement
from mxt.projections.opening import open_store
from mxt.projections.readmodel.projector import Projector
from mxt.storage.store import Store

from backends import is_postgres, sql, store_location

WORKERS = {"sqlite": 4, "postgres": 8}
OWN_LINES = 300
RECORDS = 12

# One writer: says it is ready, waits for the start signal, then interleaves `mxt record`s with
# imports of its own file and of the file every writer imports; prints what each command answered.
WORKER = textwrap.dedent(
    """
    import json, os, sys, time, traceback
    from click.testing import CliRunner
    from mxt.cli.main import cli

    store, number, own_file, shared_file, go = sys.argv[1:]
    runner = CliRunner()
    answers = {"records": [], "imports": []}

    def mxt(*args):
        result = runner.invoke(cli, ["--store", store, *args])
        if result.exit_code != 0:
            trace = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
            sys.exit(f"mxt {args} failed ({result.exit_code}): {result.output}{trace}")
        return json.loads(result.stdout)

    def record(company, text):
        return mxt("record", "statement", "--company", company, "--announced-on", "2025-07-02",
                   "--source", "concurrency test", "--topic", "test", "--text", text, "--json")

    open(f"{go}.ready-{number}", "w").close()
    while not os.path.exists(go):
        time.sleep(0.005)
    for i in range($RECORDS):
        answers["records"].append(record(f"Writer {number}", f"note {i}"))
        answers["records"].append(record("Everyone", f"shared note {i}"))
        if i == 3:
            answers["imports"].append(mxt("import", "--json", own_file))
        if i == 6:
            answers["imports"].append(mxt("import", "--json", shared_file))
    print(json.dumps(answers))
    """
).replace("$RECORDS", str(RECORDS))


def write_lines(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("created_first", [True, False], ids=["existing", "new"])
def test_processes_writing_at_once_leave_exactly_the_union(
    tmp_path: Path, store_location: str, created_first: bool
) -> None:
    store = store_location
    workers_count = WORKERS["postgres" if is_postgres(store) else "sqlite"]
    go = tmp_path / "go"
    if created_first:  # else the writers also race to create the store's tables
        open_store(store, "create").close()
    shared = write_lines(
        tmp_path / "shared.jsonl",
        [make_announcement("deliveries", model=f"S{i}", units=i) for i in range(200)],
    )
    own = [
        write_lines(
            tmp_path / f"own-{n}.jsonl",
            [
                make_announcement("orders", company=f"Writer {n}", model=f"M{i}", count=i)
                for i in range(OWN_LINES)
            ],
        )
        for n in range(workers_count)
    ]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(store), str(n), str(own[n]), str(shared), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(workers_count)
    ]
    # Start them together, once every interpreter is up, so that they really write at once.
    deadline = time.monotonic() + 60
    while not all(Path(f"{go}.ready-{n}").exists() for n in range(workers_count)):
        assert all(w.poll() is None for w in workers), "a writer died before starting"
        assert time.monotonic() < deadline, "the writers did not start"
        time.sleep(0.01)
    go.touch()
    answers = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        answers.append(json.loads(out))

    # Every writer's own announcements were all recorded by it.
    for n, answer in enumerate(answers):
        own_import, shared_import = answer["imports"]
        assert own_import == {"recorded": OWN_LINES, "already_present": 0}, n
        assert shared_import["recorded"] + shared_import["already_present"] == 200
        own_records = answer["records"][0::2]
        assert all(r["created"] for r in own_records), n
    # What every writer recorded, only one of them created.
    assert sum(a["imports"][1]["recorded"] for a in answers) == 200
    for i in range(RECORDS):
        shared_answers = [a["records"][2 * i + 1] for a in answers]
        assert len({r["id"] for r in shared_answers}) == 1
        assert sum(r["created"] for r in shared_answers) == 1, shared_answers

    # The log holds exactly the union, once each.
    expected = workers_count * (OWN_LINES + RECORDS) + 200 + RECORDS
    assert count_stored_events(store) == expected
    runner = CliRunner()
    export = runner.invoke(cli, ["--store", str(store), "export"])
    assert export.exit_code == 0, export.output
    ids = [json.loads(line)["id"] for line in export.stdout.splitlines()]
    assert len(ids) == len(set(ids)) == expected
    recorded_ids = {r["id"] for a in answers for r in a["records"]}
    assert recorded_ids <= set(ids)
    companies: dict[str, int] = {}
    for line in export.stdout.splitlines():
        company = json.loads(line)["company"]
        companies[company] = companies.get(company, 0) + 1
    assert companies == {
        **{f"Writer {n}": OWN_LINES + RECORDS for n in range(workers_count)},
        "Xiaomi": 200,
        "Everyone": RECORDS,
    }

    # The hash chain is intact and `recorded_at` follows the log.
    verify = runner.invoke(cli, ["--store", str(store), "verify"])
    assert verify.exit_code == 0, verify.output
    assert f"{expected} events" in verify.stdout
    stamps = [row[0] for row in sql(store, "SELECT recorded_at FROM mxt_chain ORDER BY position")]
    assert len(stamps) == expected and stamps == sorted(stamps)


# (a writer that waits a second for the lock says so, `LockWait`: here the wait is made so)
@pytest.mark.filterwarnings("ignore::mxt.storage.failures.LockWait")
def test_processes_opening_a_new_store_at_once(tmp_path: Path) -> None:
    """Two writers open the read model of a new store while a third holds the write lock.

    Both check for the read model's tables before either can create them: the interleaving
    that makes concurrent first commands on a new store fail now and then, made certain.
    """
    path = tmp_path / "new.sqlite"
    stores = [Store(path), Store(path)]
    lock = sqlite3.connect(path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    errors: list[BaseException] = []

    def open_read_model(store: Store) -> None:
        try:
            Projector(store).prepare()
        except BaseException as error:  # reported by the main thread below
            errors.append(error)

    threads = [threading.Thread(target=open_read_model, args=(store,)) for store in stores]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # both have looked for the tables and now wait for the write lock
    lock.execute("COMMIT")
    lock.close()
    for thread in threads:
        thread.join(timeout=60)
    # (a thread still running holds its store: closing it under the thread crashed the process)
    assert not any(thread.is_alive() for thread in threads), "an opener of the store hangs"
    for store in stores:
        store.close()
    if errors:
        raise errors[0]
    assert count_stored_events(path) == 0
    with open_store(path, "create") as store:
        record(store, parse_announcement(make_announcement("launch")))
    assert count_stored_events(path) == 1


def test_a_store_that_connected_before_another_made_the_tables_can_write(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PostgreSQL: a process that connects to a new database, then finds its tables made by
    another process meanwhile (the race `test_processes_writing_at_once…[postgres-new]` meets
    now and then), still knows the event type the other one made, and can write."""
    from backends import postgres_database

    with postgres_database() as url:
        with monkeypatch.context() as patched:
            patched.setattr(Store, "_create_tables", lambda self: None)
            late = Store(url)  # connected to the empty database: no event type yet
        try:
            Store(url).close()  # another process makes the tables and the type
            late._create_tables()  # finds them made
            record(late, parse_announcement(make_announcement("statement", id="late-writer")))
        finally:
            late.close()
        assert sql(url, "SELECT COUNT(*) FROM stored_events") == [(1,)]


def test_a_write_while_holding_a_snapshot_older_than_another_writers_commit(
    tmp_path: Path,
) -> None:
    """SQLite refuses at once, whatever the busy timeout, a write that upgrades a read
    transaction older than another writer's commit (SQLITE_BUSY_SNAPSHOT). A store holding
    such a snapshot (`hold`, as a replayed read side does) writes on a transaction of its own,
    begun for the write: it goes on, and its snapshot stays as it was."""
    path = tmp_path / "s.sqlite"
    with open_store(path, "create") as holder, open_store(path, "create") as other:
        record(holder, parse_announcement(make_announcement("launch", id="first")))
        snapshot = holder.hold()
        snapshot.execute("SELECT COUNT(*) FROM stored_events")  # (the snapshot is taken here)
        assert snapshot.fetchone()[0] == 1
        record(other, parse_announcement(make_announcement("launch", id="second")))
        record(holder, parse_announcement(make_announcement("launch", id="third")))
        snapshot.execute("SELECT COUNT(*) FROM stored_events")
        assert snapshot.fetchone()[0] == 1
    assert count_stored_events(path) == 3
