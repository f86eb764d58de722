"""Issue 21 (part A): what mxt writes, and where. A store, a device or another program's file
is never an output target; only a new or empty file or database, or an mxt store, is written
as a store; mxt's tables carry a prefix of their own; a dry run and a read write nothing; a
failed or killed `report` or `copy` leaves nothing behind."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mxt.cli.demo import seed_path
from mxt.cli.main import cli

from backends import (
    count_events,
    is_postgres,
    postgres_database,
    seed_events,
    sql,
    store_location,
)

STATEMENT = ["statement", "--company", "Xiaomi", "--announced-on", "2025-07-01", "--source",
             "Weibo", "--topic", "hiring", "--text", "hiring"]  # fmt: skip
OLD_NAMES = ("rm_versions", "rm_meta", "rm_groups")


def mxt(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def mxt_command() -> list[str]:
    """The installed `mxt`, or the same entry point through this interpreter."""
    found = shutil.which("mxt")
    return [found] if found else [sys.executable, "-c", "from mxt.cli.main import main; main()"]


def seeded(location: str) -> str:
    result = mxt("--store", location, "import", str(seed_path()))
    assert result.exit_code == 0, result.output
    return location


def digest(path: Path | str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def tables(location: str) -> set[str]:
    """Every table of the file or database (PostgreSQL: of its public schema)."""
    if is_postgres(location):
        rows = sql(location, "SELECT tablename FROM pg_tables WHERE schemaname='public'")
    else:
        rows = sql(location, "SELECT name FROM sqlite_master WHERE type='table'")
    return {row[0] for row in rows}


def other_programs_file(path: Path) -> Path:
    """A SQLite file of another program, whose tables happen to bear the names mxt's read
    model had up to version 9."""
    with sqlite3.connect(path) as db:
        for name in (*OLD_NAMES, "notes"):
            db.execute(f"CREATE TABLE {name} (name TEXT, value TEXT)")
            db.execute(f"INSERT INTO {name} VALUES ('kept', 'by its program')")
    db.close()
    return path


def journal_mode(path: Path | str) -> str:
    with sqlite3.connect(path) as db:
        mode = str(db.execute("PRAGMA journal_mode").fetchone()[0])
    db.close()
    return mode


@pytest.fixture
def device(tmp_path: Path) -> Iterator[Path]:
    """A character device: a node made here as root (a copy of /dev/full, so that a bug
    replaces nothing of the system's), else /dev/full itself (which a user cannot replace)."""
    if os.geteuid() != 0:
        yield Path("/dev/full")
        return
    node = tmp_path / "full"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    yield node


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".mxt-report-"))


# -- 1. a store, a device or another file is never an output target ---------------------------


def test_report_never_replaces_its_own_store(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    store = seeded(str(tmp_path / "s.sqlite"))
    before = digest(store)
    result = mxt("--store", store, "report", "-o", store)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("mxt: error: output:")
    assert "SQLite database" in result.stderr
    assert digest(store) == before
    assert count_events(store) == seed_events()
    assert leftovers(tmp_path) == []


def test_report_never_replaces_a_device_a_pipe_or_another_file(
    tmp_path: Path, device: Path
) -> None:
    pytest.importorskip("matplotlib")
    store = seeded(str(tmp_path / "s.sqlite"))
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    notes = tmp_path / "notes.html"
    notes.write_text("<!DOCTYPE html><title>my notes</title>")
    other = other_programs_file(tmp_path / "other.sqlite")
    kept = {path: digest(path) for path in (notes, other)}
    for target in (device, pipe, notes, other):
        result = mxt("--store", store, "report", "-o", str(target))
        assert result.exit_code == 2, (target, result.output)
        assert result.stderr.startswith("mxt: error: output:")
    assert stat.S_ISCHR(device.stat().st_mode)
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert {path: digest(path) for path in kept} == kept
    assert leftovers(tmp_path) == leftovers(device.parent) == []


def test_report_replaces_a_report_it_wrote_earlier(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    store = seeded(str(tmp_path / "s.sqlite"))
    page = tmp_path / "page.html"
    assert mxt("--store", store, "report", "-o", str(page)).exit_code == 0
    assert b'<meta name="generator" content="mxt report">' in page.read_bytes()[:1024]
    again = mxt("--store", store, "report", "--as-of", "2025-01-01", "-o", str(page))
    assert again.exit_code == 0, again.output
    assert "2025-01-01" in page.read_text()
    # A page written before the generator line: known by its title.
    older = page.read_text().replace('<meta name="generator" content="mxt report">\n', "")
    page.write_text(older)
    assert mxt("--store", store, "report", "-o", str(page)).exit_code == 0


def test_copy_and_demo_never_fill_a_device_or_another_programs_file(
    tmp_path: Path, device: Path
) -> None:
    store = seeded(str(tmp_path / "s.sqlite"))
    other = other_programs_file(tmp_path / "other.sqlite")
    before = digest(other)
    for command in (["--store", store, "copy", "--to"], ["demo", "--store"]):
        for target in (device, other):
            result = mxt(*command, str(target))
            assert result.exit_code == 1, (command, target, result.output)
            assert "store:" in result.stderr
            assert "device" in result.stderr or "another program's tables" in result.stderr
    assert digest(other) == before
    assert stat.S_ISCHR(device.stat().st_mode)
    assert not Path(f"{device}-journal").exists() and not Path(f"{device}-wal").exists()


# -- 2. mxt's tables carry a prefix of their own ----------------------------------------------


def test_a_file_holding_tables_named_like_the_old_read_model_keeps_them(tmp_path: Path) -> None:
    other = other_programs_file(tmp_path / "other.sqlite")
    result = mxt("--store", str(other), "import", str(seed_path()))
    assert result.exit_code == 1, result.output
    assert "another program's tables (notes, rm_groups, rm_meta, …)" in result.stderr
    assert tables(str(other)) == {*OLD_NAMES, "notes"}
    for name in OLD_NAMES:
        assert sql(str(other), f"SELECT * FROM {name}") == [("kept", "by its program")]


def test_a_shared_postgres_database_keeps_another_programs_tables() -> None:
    with postgres_database() as url:
        for name in OLD_NAMES:
            sql(url, f"CREATE TABLE {name} (name TEXT, value TEXT)")
            sql(url, f"INSERT INTO {name} VALUES ('kept', 'by its program')")
        result = mxt("--store", url, "import", str(seed_path()))
        assert result.exit_code == 1, result.output
        assert "another program's tables" in result.stderr
        assert tables(url) == set(OLD_NAMES)
        for name in OLD_NAMES:
            assert sql(url, f"SELECT * FROM {name}") == [("kept", "by its program")]


def test_tables_added_to_a_store_by_another_program_survive_writes(store_location: str) -> None:
    """mxt's tables are `mxt_…` (and eventsourcing's log tables): a table another program
    adds beside them, even one named as mxt's read model was, outlives every write."""
    seeded(store_location)
    assert {"mxt_rm_versions", "mxt_rm_groups", "mxt_rm_entities", "mxt_rm_meta"} <= tables(
        store_location
    )
    for name in OLD_NAMES:
        sql(store_location, f"CREATE TABLE {name} (x TEXT)")
        sql(store_location, f"INSERT INTO {name} VALUES ('kept')")
    for command in (["record", *STATEMENT], ["rebuild"], ["import", str(seed_path())]):
        result = mxt("--store", store_location, *command)
        assert result.exit_code == 0, (command, result.output)
    for name in OLD_NAMES:
        assert sql(store_location, f"SELECT * FROM {name}") == [("kept",)]
    assert mxt("--store", store_location, "verify").exit_code == 0


def legacy(location: str) -> None:
    """The store as an mxt up to version 9 left it: its read model's tables named `rm_…`, its
    position a row of eventsourcing's `tracking` table."""
    for name in ("versions", "entities", "groups", "meta"):
        sql(location, f"ALTER TABLE mxt_rm_{name} RENAME TO rm_{name}")
    sql(location, "UPDATE rm_meta SET value='9' WHERE name='version'")
    sql(location, "CREATE TABLE tracking (application_name TEXT PRIMARY KEY, "
        "notification_id INTEGER)")  # fmt: skip
    sql(location, "INSERT INTO tracking SELECT 'mxt-readmodel', MAX(notification_id) "
        "FROM rm_versions")  # fmt: skip


def test_a_store_of_an_older_mxt_reads_and_its_first_write_renames_its_tables(
    store_location: str,
) -> None:
    seeded(store_location)
    asked = ["state", "company", "Xiaomi", "--as-of", "2025-07-10", "--known-at", "2100-01-01",
             "--json"]  # fmt: skip
    expected = json.loads(mxt("--store", store_location, *asked).stdout)
    legacy(store_location)
    replayed = mxt("--store", store_location, *asked)
    assert replayed.exit_code == 0, replayed.output
    assert "its read model is of another mxt version" in replayed.stderr
    assert json.loads(replayed.stdout) == expected
    assert mxt("--store", store_location, "verify").exit_code == 0
    assert mxt("--store", store_location, "record", *STATEMENT).exit_code == 0
    assert not set(OLD_NAMES) & tables(store_location)
    assert "mxt_rm_versions" in tables(store_location)
    stored = mxt("--store", store_location, *asked)
    assert "replay" not in stored.stderr
    assert json.loads(stored.stdout) == expected
    assert mxt("--store", store_location, "verify").exit_code == 0


# -- 8. only an empty place or an mxt store is written; a dry run and a read write nothing -----


def test_a_dry_run_writes_nothing_into_another_programs_file(tmp_path: Path) -> None:
    other = other_programs_file(tmp_path / "other.sqlite")
    before = digest(other)
    result = mxt("--store", str(other), "import", "--dry-run", str(seed_path()))
    assert result.exit_code == 1, result.output
    assert "another program's tables" in result.stderr
    assert digest(other) == before
    assert tables(str(other)) == {*OLD_NAMES, "notes"}


def test_a_dry_run_creates_nothing_in_an_empty_postgres_database() -> None:
    with postgres_database() as url:
        result = mxt("--store", url, "import", "--dry-run", str(seed_path()))
        assert result.exit_code == 0, result.output
        assert f"would record {seed_events()}" in result.stdout
        assert tables(url) == set()
        read = mxt("--store", url, "log")
        assert read.exit_code == 1
        assert "holds no mxt log" in read.stderr


def test_a_dry_run_leaves_a_store_byte_for_byte(tmp_path: Path) -> None:
    store = seeded(str(tmp_path / "s.sqlite"))
    sql(store, "PRAGMA journal_mode=DELETE")
    before = digest(store)
    extra = many_companies(tmp_path, 1)
    result = mxt("--store", store, "import", "--dry-run", str(extra))
    assert result.exit_code == 0, result.output
    assert f"would record {seed_events()}" in result.stdout
    assert digest(store) == before
    assert journal_mode(store) == "delete"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.jsonl", "s.sqlite"]


def test_record_and_demo_write_nothing_into_another_programs_file(tmp_path: Path) -> None:
    other = other_programs_file(tmp_path / "other.sqlite")
    before = digest(other)
    recorded = mxt("--store", str(other), "record", *STATEMENT)
    assert recorded.exit_code == 1, recorded.output
    demo = mxt("demo", "--store", str(other))
    assert demo.exit_code == 1, demo.output
    assert "Loading the seed story" not in demo.stdout
    assert digest(other) == before


def test_an_empty_file_and_an_empty_database_become_stores(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.sqlite"
    with sqlite3.connect(blank) as db:
        db.execute("PRAGMA user_version=7")  # a database file with no table
    db.close()
    for location in (empty, blank):
        result = mxt("--store", str(location), "record", *STATEMENT)
        assert result.exit_code == 0, result.output
        assert count_events(location) == 1
        assert journal_mode(location) == "wal"


READS = [
    ["log"],
    ["state", "company", "Xiaomi"],
    ["audit", "targets"],
    ["export"],
    ["verify"],
    ["conflicts"],
    ["progress"],
]


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_read_changes_no_byte_of_the_store(tmp_path: Path, journal: str) -> None:
    store = seeded(str(tmp_path / "s.sqlite"))
    sql(store, f"PRAGMA journal_mode={journal}")
    before = digest(store)
    for command in READS:
        result = mxt("--store", store, *command)
        assert result.exit_code == 0, (command, result.output)
        assert digest(store) == before, command
    assert journal_mode(store) == journal
    # The first write sets SQLite's write-ahead log, as every store runs.
    assert mxt("--store", store, "record", *STATEMENT).exit_code == 0
    assert journal_mode(store) == "wal"


# -- 16. leftovers ----------------------------------------------------------------------------


def many_companies(folder: Path, companies: int) -> Path:
    """The seed story told of `companies` companies: a report long enough to be caught while
    it is being written."""
    lines = []
    for n in range(companies):
        for line in seed_path().read_text().splitlines():
            announcement = json.loads(line)
            announcement["company"] = f"{announcement['company']} {n}"
            announcement["id"] = f"{announcement['id']}-{n}"
            lines.append(json.dumps(announcement))
    stream = folder / "many.jsonl"
    stream.write_text("\n".join(lines) + "\n")
    return stream


@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_report_ended_by_a_signal_leaves_no_temporary_page(
    tmp_path: Path, ending: signal.Signals
) -> None:
    pytest.importorskip("matplotlib")
    store = str(tmp_path / "s.sqlite")
    assert mxt("--store", store, "import", str(many_companies(tmp_path, 40))).exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    for _ in range(5):  # until the signal lands while the page is being written
        writer = subprocess.Popen(
            [*mxt_command(), "--store", store, "report", "-o", str(out / "page.html")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while writer.poll() is None and not leftovers(out):
            time.sleep(0.002)
        if writer.poll() is None:
            writer.send_signal(ending)
        code = writer.wait(timeout=60)
        if code == -ending:
            break
        (out / "page.html").unlink(missing_ok=True)
    assert code == -ending  # the process ends by the signal, as without mxt's clean-up
    assert leftovers(out) == []
    # the signal may land just after the page was renamed into place: then it is whole
    page = out / "page.html"
    assert not page.exists() or page.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert [p.name for p in out.iterdir()] in ([], ["page.html"])


def damaged_source(folder: Path) -> str:
    """A store whose fifth event cannot be read: a copy of it fails half-way."""
    store = seeded(str(folder / "source.sqlite"))
    sql(store, "UPDATE stored_events SET state=x'00' WHERE rowid=5")
    return store


def test_a_failed_copy_leaves_no_store_behind(tmp_path: Path) -> None:
    source = damaged_source(tmp_path)
    target = tmp_path / "new" / "folder" / "copy.sqlite"
    result = mxt("--store", source, "copy", "--to", str(target))
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "new").exists()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert mxt("--store", source, "copy", "--to", str(empty)).exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite", "source.sqlite"]
    assert empty.read_bytes() == b""


def test_a_failed_copy_leaves_an_empty_postgres_database_empty(tmp_path: Path) -> None:
    source = damaged_source(tmp_path)
    with postgres_database() as url:
        result = mxt("--store", source, "copy", "--to", url)
        assert result.exit_code == 1, result.output
        assert tables(url) == set()
        assert mxt("--store", url, "log").exit_code == 1  # no store there


def test_a_device_is_not_a_store(tmp_path: Path) -> None:
    journal = Path("/dev/null-journal")
    existed = journal.exists()
    try:
        for command in (["log"], ["record", *STATEMENT], ["import", str(seed_path())]):
            result = mxt("--store", "/dev/null", *command)
            assert result.exit_code == 1, (command, result.output)
            assert "/dev/null is a device, not a SQLite file" in result.stderr
        assert journal.exists() == existed
        assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    finally:
        if not existed:
            journal.unlink(missing_ok=True)
