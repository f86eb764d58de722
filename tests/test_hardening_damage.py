"""Issue 9: damage is never served silently and never shows a traceback: edited read models,
undecodable events, forged rows, a read model's position out of step, corrupted pages, a full disk,
a read-only store."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from conftest import import_fixed_seed, invoke_on

from mxt.cli.demo import seed_path

from backends import count_events, is_postgres, seed_events, sql, store_location

READS = [["log"], ["state", "company", "Xiaomi"], ["state", "model", "Xiaomi/YU7"],
         ["state", "market", "DE"], ["audit", "targets"], ["show", "xiaomi-2025-target-350k"],
         ["diff", "--from", "2025-01-01"], ["export"]]  # fmt: skip
RECORD = ["record", "statement", "--company", "Xiaomi", "--announced-on", "2025-07-01",
          "--source", "Weibo", "--topic", "hiring", "--text", "hiring again"]  # fmt: skip


def one_line_failure(result: Result, code: int = 1) -> None:
    """Failed with `code`, one line on stderr, no exception escaped."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("mxt: error: ") and "Traceback" not in result.output


@pytest.fixture
def seeded(store_location: str) -> str:
    """The seed story with a correction and a retraction, on each backend."""
    return import_fixed_seed(store_location)


# -- 10. verify checks the read models; rebuild refuses a damaged log ------------------------


def test_verify_passes_an_intact_store_with_corrections_and_retractions(seeded: str) -> None:
    result = invoke_on(seeded, "verify", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["read_models"] == []


@pytest.mark.parametrize(
    "tamper",
    [
        "UPDATE mxt_rm_versions SET announced_on='2020-01-01' WHERE notification_id=4",
        "DELETE FROM mxt_rm_versions "
        "WHERE notification_id=(SELECT MAX(notification_id) FROM mxt_rm_versions)",
        "UPDATE mxt_rm_versions SET retracted=0",
        "DELETE FROM mxt_rm_groups WHERE kind='target'",
        "UPDATE mxt_rm_entities SET first_on='1999-01-01'",
        "DELETE FROM mxt_rm_firsts "
        "WHERE notification_id=(SELECT MAX(notification_id) FROM mxt_rm_firsts)",
    ],
    ids=["edited", "deleted", "unretracted", "group-deleted", "entity-edited", "first-deleted"],
)
def test_verify_finds_read_models_changed_behind_mxt(seeded: str, tamper: str) -> None:
    sql(seeded, tamper)
    result = invoke_on(seeded, "verify")
    assert result.exit_code == 1
    assert "read model:" in result.stderr and "run mxt rebuild" in result.stderr
    assert invoke_on(seeded, "rebuild").exit_code == 0
    assert invoke_on(seeded, "verify").exit_code == 0


def test_rebuild_refuses_a_log_that_fails_verify_unless_forced(seeded: str) -> None:
    [(state,)] = sql(seeded, "SELECT state FROM stored_events WHERE rowid=4")
    sql(seeded, "UPDATE stored_events SET state=? WHERE rowid=4",
        bytes(state).replace(b"350000", b"360000"))  # fmt: skip
    refused = invoke_on(seeded, "rebuild")
    one_line_failure(refused)
    assert "unless --force" in refused.stderr
    assert invoke_on(seeded, "rebuild", "--force").exit_code == 0


def test_expect_needs_at_least_16_hex_digits(seeded: str) -> None:
    head = json.loads(invoke_on(seeded, "verify", "--json").stdout)["head"]
    for short in ("", "0", head[:15], "zz" * 10):
        one_line_failure(invoke_on(seeded, "verify", "--expect", short), 2)
    assert invoke_on(seeded, "verify", "--expect", head[:16]).exit_code == 0


# -- damaged logs: reads fail, never answer from them ----------------------------------------


def test_an_event_that_is_not_json_fails_every_read(seeded: str) -> None:
    sql(seeded, "UPDATE stored_events SET state=? WHERE rowid=4", b"\x00\xff{not json")
    sql(seeded, "DELETE FROM mxt_rm_versions")  # so that reading must go back to the log
    sql(seeded, "DELETE FROM mxt_rm_meta WHERE name='notification_id'")
    for command in READS:
        one_line_failure(invoke_on(seeded, *command))
    one_line_failure(invoke_on(seeded, "rebuild"))
    one_line_failure(invoke_on(seeded, "rebuild", "--force"))
    assert invoke_on(seeded, "verify").exit_code == 1


def test_an_event_edited_in_place_is_never_served(seeded: str) -> None:
    [(state,)] = sql(seeded, "SELECT state FROM stored_events WHERE rowid=4")
    sql(seeded, "UPDATE stored_events SET state=? WHERE rowid=4",
        bytes(state).replace(b"350000", b"360000"))  # fmt: skip
    for command in (["state", "company", "Xiaomi"], ["log"], ["audit", "targets"],
                    ["show", "xiaomi-2025-target-350k"]):  # fmt: skip
        result = invoke_on(seeded, *command)
        one_line_failure(result)
        assert "#4 changed since it was recorded" in result.stderr
        assert "360,000" not in result.stdout and "360000" not in result.stdout
    assert invoke_on(seeded, "state", "model", "Xiaomi/YU7").exit_code == 0  # untouched by it


def test_a_forged_row_at_the_end_of_the_log_fails_reads(seeded: str) -> None:
    [row] = sql(seeded, "SELECT originator_id, topic, state FROM stored_events WHERE rowid=1")
    sql(seeded, "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
        "VALUES (?,?,?,?)", row[0], 99, row[1], row[2])  # fmt: skip
    for command in READS[:3]:
        result = invoke_on(seeded, *command)
        one_line_failure(result)
        assert "hash chain" in result.stderr


@pytest.mark.parametrize("position", [3, 500])
def test_a_read_model_position_out_of_step_fails_with_the_way_out(
    seeded: str, position: int
) -> None:
    sql(seeded, "UPDATE mxt_rm_meta SET value=? WHERE name='notification_id'", str(position))
    events = count_events(seeded)
    for command in (READS[0], READS[1], RECORD):
        result = invoke_on(seeded, *command)
        one_line_failure(result)
        assert "mxt rebuild" in result.stderr
    assert count_events(seeded) == events  # the record wrote nothing
    assert invoke_on(seeded, "verify").exit_code == 1
    assert invoke_on(seeded, "rebuild").exit_code == 0
    assert invoke_on(seeded, "verify").exit_code == 0
    assert invoke_on(seeded, *RECORD).exit_code == 0


# -- SQLite files: corrupted pages, a full disk, read-only -----------------------------------


@pytest.fixture
def sqlite_seeded(tmp_path: Path) -> str:
    location = str(tmp_path / "s.sqlite")
    assert invoke_on(location, "import", str(seed_path())).exit_code == 0
    return location


def test_rebuild_after_page_corruption_is_one_line(sqlite_seeded: str) -> None:
    with open(sqlite_seeded, "r+b") as file:
        file.seek(4096 * 2)
        file.write(b"\xde\xad" * 4096)
    for command in (["rebuild"], ["verify"], ["log"], RECORD):
        result = invoke_on(sqlite_seeded, *command)
        one_line_failure(result)
        assert "corrupted" in result.stderr


def _limited(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def _run_limited(
    location: str, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed mxt with its files capped (RLIMIT_FSIZE): writes beyond fail as on a full
    disk."""
    return subprocess.run(
        ["mxt", "--store", location, *args], input=stdin.decode() if stdin else None,
        capture_output=True, text=True, preexec_fn=lambda: _limited(40_000), check=False,
    )  # fmt: skip


def _bulk_lines(count: int) -> bytes:
    return "".join(
        json.dumps({"kind": "statement", "company": f"C{i}", "announced_on": "2025-01-01",
                    "source": {"title": "t"}, "topic": "x", "text": "y" * 400}) + "\n"
        for i in range(count)
    ).encode()  # fmt: skip


@pytest.mark.parametrize("command", ["import", "record", "rebuild"])
def test_a_full_disk_is_one_line_and_writes_nothing(sqlite_seeded: str, command: str) -> None:
    before = count_events(sqlite_seeded)
    if command == "import":
        result = _run_limited(sqlite_seeded, "import", "-", stdin=_bulk_lines(2000))
    elif command == "record":
        result = _run_limited(sqlite_seeded, *RECORD)
    else:
        result = _run_limited(sqlite_seeded, "rebuild")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()[-1:]
    assert line.startswith("mxt: error: store:") and "nothing was written" in line
    assert count_events(sqlite_seeded) == before
    assert invoke_on(sqlite_seeded, "verify").exit_code == 0


@pytest.fixture
def small_mount(tmp_path: Path) -> Iterator[Path]:
    """A 400 kB tmpfs (needs root to mount; skipped elsewhere), unmounted afterwards."""
    folder = tmp_path / "mount"
    folder.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)],
                             capture_output=True, check=False)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr!r}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_really_full_disk_is_named(small_mount: Path) -> None:
    location = str(small_mount / "s.sqlite")
    assert invoke_on(location, "import", str(seed_path())).exit_code == 0
    result = subprocess.run(["mxt", "--store", location, "import", "-"],
                            input=_bulk_lines(3000).decode(), capture_output=True, text=True,
                            check=False)  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"mxt: error: store: cannot write to {location}: the disk is full (nothing was written)"
    )
    assert count_events(location) == seed_events()


def test_a_read_only_store_is_one_line_when_writing(small_mount: Path) -> None:
    location = str(small_mount / "s.sqlite")
    assert invoke_on(location, "import", str(seed_path())).exit_code == 0
    remount = ["mount", "-o", "remount,ro", str(small_mount)]
    assert subprocess.run(remount, capture_output=True, check=False).returncode == 0
    for command in (RECORD, ["import", str(seed_path())], ["rebuild"]):
        result = invoke_on(location, *command)
        one_line_failure(result)
        assert "permission" in result.stderr or "read-only" in result.stderr


def test_a_read_only_folder_is_one_line_when_creating(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):  # root ignores permissions: use a file in the way
            folder.chmod(0o700)
            (folder / "sub").write_text("a file where the store's folder should be")
            location = str(folder / "sub" / "s.sqlite")
        else:
            location = str(folder / "s.sqlite")
        one_line_failure(invoke_on(location, *RECORD))
    finally:
        folder.chmod(0o700)
