"""How the `mxt` process ends (`cli.main.leave`): without the interpreter's teardown, but with
every store closed (its write-ahead log checkpointed into the file) and all output written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ENTRY = "import sys; from mxt.cli.main import main; main(sys.argv[1:])"
# Output to a pipe buffered, as users run mxt (this machine's shell sets PYTHONUNBUFFERED).
BUFFERED = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def mxt(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """The console entry point in a process of its own, as the installed `mxt` runs it."""
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=BUFFERED,
    )


def leftovers(store: Path) -> list[str]:
    """SQLite's side files of `store` that a closed store does not leave behind."""
    return sorted(p.name for p in store.parent.iterdir() if p.name != store.name)


def test_a_write_leaves_the_store_whole_in_its_one_file(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    done = mxt(
        "--store", str(store), "record", "statement", "--company", "Acme", "--announced-on",
        "2025-06-30", "--source", "s", "--topic", "t", "--text", "hello",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert leftovers(store) == []  # no -wal or -shm: what was written is in the file itself
    copied = tmp_path / "copy" / "s.sqlite"
    copied.parent.mkdir()
    copied.write_bytes(store.read_bytes())  # a copy of the one file holds the statement
    with closing(sqlite3.connect(copied)) as connection:
        assert connection.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0] == 1
    shown = mxt("--store", str(copied), "state", "company", "Acme", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["company"] == "Acme"
    assert leftovers(copied) == []


def test_a_store_a_command_left_open_is_closed_before_the_process_ends(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    program = (
        "import sys\n"
        "from mxt.projections.opening import open_store\n"
        "from mxt.cli.main import leave\n"
        f"open_store({str(store)!r}, 'create')\n"  # never closed by this program
        "print('written')\n"
        "leave(3)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, env=BUFFERED
    )
    assert (done.returncode, done.stdout) == (3, "written\n")
    assert leftovers(store) == []
    with closing(sqlite3.connect(store)) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert {"stored_events", "mxt_rm_versions"} <= names


def test_exit_codes_and_output_are_kept(tmp_path: Path, seed_lines: list[str]) -> None:
    store = tmp_path / "s.sqlite"
    imported = mxt("--store", str(store), "import", "-", stdin="\n".join(seed_lines) + "\n")
    assert imported.returncode == 0, imported.stderr
    exported = mxt("--store", str(store), "export")
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == len(seed_lines)
    page = tmp_path / "report.html"
    done = mxt("--store", str(store), "report", "-o", str(page))
    assert done.returncode == 0, done.stderr
    assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")  # written whole
    log = mxt("--store", str(store), "log", "--json")
    assert log.returncode == 0 and log.stdout.endswith("\n")
    assert len(json.loads(log.stdout)) == len(seed_lines)  # all of a long output, flushed
    bad = mxt("--store", str(store), "state", "company", "Xiaomi", "--as-of", "2025-13-01")
    assert bad.returncode == 2 and bad.stderr.startswith("mxt: error: ")
    missing = mxt("--store", str(tmp_path / "none.sqlite"), "state", "company", "Xiaomi")
    assert missing.returncode == 1 and missing.stderr.startswith("mxt: error: store: ")
    assert leftovers(store) == ["report.html"]


def test_a_closed_pipe_is_exit_1_without_a_traceback(tmp_path: Path) -> None:
    from bench.generate import generate

    stream, store = tmp_path / "s.jsonl", tmp_path / "s.sqlite"
    generate(stream, 2000)
    assert mxt("--store", str(store), "import", str(stream)).returncode == 0
    reader = subprocess.Popen(
        [sys.executable, "-c", ENTRY, "--store", str(store), "log", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=BUFFERED,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert len(reader.stdout.read(10)) == 10
    reader.stdout.close()  # the reader goes away, as `mxt log --json | head -c 10`
    errors = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 1  # 2,000 entries do not fit in the pipe
    assert "Traceback" not in errors and "Exception ignored" not in errors
