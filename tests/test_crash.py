"""`kill -9` in the middle of a large import: all lines or none, and the store still works."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import count_stored_events, make_announcement

from backends import is_postgres, sql, store_location

LINES = 15_000


def mxt_command() -> list[str]:
    """The installed `mxt`, or the same entry point through this interpreter."""
    found = shutil.which("mxt")
    if found:
        return [found]
    return [sys.executable, "-c", "from mxt.cli.main import main; main()"]


def mxt(store: Path | str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*mxt_command(), "--store", str(store), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def wal_size(store: Path) -> int:
    wal = Path(f"{store}-wal")
    return wal.stat().st_size if wal.exists() else 0


def well_into_writing(store: str, baseline: int) -> bool:
    """The import is writing its transaction: SQLite's WAL has grown by megabytes; on
    PostgreSQL, it has held the events table's write lock for a second."""
    if not is_postgres(store):
        return wal_size(Path(store)) >= baseline + 2_000_000
    locked = sql(
        store,
        "SELECT COUNT(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.relation = 'mxt_events'::regclass AND l.mode = 'ExclusiveLock' AND l.granted "
        "AND a.xact_start < now() - interval '1 second'",
    )
    return bool(locked[0][0])


def test_kill_9_during_a_large_import_leaves_all_or_nothing(
    tmp_path: Path, store_location: str, seed_lines: list[str]
) -> None:
    store_path = store_location
    seed = tmp_path / "seed.jsonl"
    seed.write_text("\n".join(seed_lines) + "\n", encoding="utf-8")
    assert mxt(store_path, "import", str(seed)).returncode == 0
    before = count_stored_events(store_path)
    assert before == len(seed_lines)

    big = tmp_path / "big.jsonl"
    with big.open("w", encoding="utf-8") as out:
        for i in range(LINES):
            line = make_announcement(
                "deliveries", company="Crash Co", model=f"M{i}", units=i, period="2025-06"
            )
            out.write(json.dumps(line) + "\n")

    baseline = 0 if is_postgres(store_path) else wal_size(Path(store_path))
    importer = subprocess.Popen(
        [*mxt_command(), "--store", str(store_path), "import", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Kill it once it is well into writing its transaction: the WAL has grown by megabytes.
    deadline = time.monotonic() + 60
    while not well_into_writing(store_path, baseline):
        assert importer.poll() is None, "the import ended before it could be killed"
        assert time.monotonic() < deadline, "the import did not start writing"
        time.sleep(0.01)
    os.kill(importer.pid, signal.SIGKILL)
    importer.wait(timeout=30)
    assert importer.returncode == -signal.SIGKILL

    # All or nothing: here, killed before its commit, nothing.
    after = count_stored_events(store_path)
    assert after in (before, before + LINES)
    assert after == before
    export = mxt(store_path, "export")
    assert export.returncode == 0, export.stderr
    assert len(export.stdout.splitlines()) == after
    assert "Crash Co" not in export.stdout

    verify = mxt(store_path, "verify")
    assert verify.returncode == 0, verify.stderr
    assert f"{after} events" in verify.stdout

    # The read model answers from what the log holds.
    state = mxt(store_path, "state", "company", "Xiaomi", "--as-of", "2025-07-10", "--json")
    assert state.returncode == 0, state.stderr
    targets = json.loads(state.stdout)["targets"]
    assert [(t["period"], t["value"]) for t in targets] == [("2025", 350000)]
    crashed = mxt(store_path, "state", "company", "Crash Co", "--as-of", "2025-07-10", "--json")
    assert crashed.returncode == 0, crashed.stderr
    assert json.loads(crashed.stdout)["deliveries"] == []

    # The store takes writes again, and the same file now imports whole.
    again = mxt(store_path, "import", "--json", str(big))
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == {"recorded": LINES, "already_present": 0}
    assert count_stored_events(store_path) == before + LINES
    assert mxt(store_path, "verify").returncode == 0
