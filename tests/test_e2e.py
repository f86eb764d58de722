"""End to end: the installed `mxt` in a subprocess, as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_the_installed_mxt_records_imports_lists_and_refuses_bad_input(
    tmp_path: Path, seed_lines: list[str]
) -> None:
    executable = shutil.which("mxt")
    if executable is None:
        pytest.fail(f"`mxt` is not installed on PATH next to {sys.executable}")
    data_home = tmp_path / "xdg"
    environment = {
        key: value for key, value in os.environ.items() if key not in ("MXT_STORE", "XDG_DATA_HOME")
    }
    environment["XDG_DATA_HOME"] = str(data_home)

    def mxt(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [executable, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )

    def one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
        assert result.returncode == code, (result.stdout, result.stderr)
        assert result.stdout == ""
        assert result.stderr.startswith("mxt: error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
        for word in words:
            assert word in result.stderr, (word, result.stderr)

    version = mxt("--version")
    assert version.returncode == 0 and "0.1.0" in version.stdout

    # record: the default store is created under $XDG_DATA_HOME.
    recorded = mxt(
        "record", "orders", "--company", "Xiaomi", "--announced-on", "2025-06-27",
        "--source", "Lei Jun on Weibo", "--model", "YU7", "--stage", "locked",
        "--count", "240k", "--within", "18h", "--json",
    )  # fmt: skip
    assert recorded.returncode == 0, recorded.stderr
    answer = json.loads(recorded.stdout)
    assert answer["created"] is True and set(answer) == {"id", "created"}
    assert (data_home / "mxt" / "mxt.sqlite").is_file()

    # import from stdin, then again: all already present.
    text = "\n".join(seed_lines) + "\n"
    first = mxt("import", "-", "--json", stdin=text)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"recorded": len(seed_lines), "already_present": 0}
    again = mxt("import", "-", stdin=text)
    assert again.returncode == 0
    assert again.stdout.strip() == f"recorded 0, already present {len(seed_lines)}"

    # MXT_STORE names another store; it starts empty.
    environment["MXT_STORE"] = str(tmp_path / "other.sqlite")
    assert mxt("export").stdout == ""
    del environment["MXT_STORE"]

    # log --json: the announcements in announced_on order, with recorded_at and status.
    log = mxt("log", "--json", "--company", "xiaomi", "--kind", "target")
    assert log.returncode == 0, log.stderr
    entries = json.loads(log.stdout)
    assert [e["id"] for e in entries] == ["xiaomi-2025-target-300k", "xiaomi-2025-target-350k"]
    assert all(e["status"] == "active" and e["recorded_at"].endswith("Z") for e in entries)
    retracted = mxt("retract", "xiaomi-2025-target-300k", "--reason", "test")
    assert retracted.returncode == 0 and retracted.stdout.strip() == "xiaomi-2025-target-300k"
    log = mxt("log", "--json", "--company", "Xiaomi", "--kind", "target")
    statuses = {e["id"]: e["status"] for e in json.loads(log.stdout)}
    assert statuses == {"xiaomi-2025-target-300k": "retracted", "xiaomi-2025-target-350k": "active"}
    everything = json.loads(mxt("log", "--json").stdout)
    assert len(everything) == len(seed_lines) + 1
    dates = [e["announced_on"] for e in everything]
    assert dates == sorted(dates)

    # Bad input: exit 2, one line naming the field (and the line), nothing written.
    before = mxt("export").stdout
    one_line_error(
        mxt("record", "orders", "--company", "Xiaomi", "--announced-on", "2025-06-27",
            "--source", "S", "--model", "YU7", "--stage", "locked", "--count", "-5"),
        2, "count",
    )  # fmt: skip
    one_line_error(mxt("record", "lunch", "--company", "Xiaomi"), 2, "kind")
    bad_file = tmp_path / "bad.jsonl"
    bad_file.write_text(seed_lines[0] + "\n" + '{"kind": "launch", "company": "X"}\n')
    one_line_error(mxt("import", str(bad_file)), 2, "line 2", "announced_on")
    one_line_error(mxt("import", "-", stdin="not json\n"), 2, "line 1", "malformed JSON")
    one_line_error(mxt("correct", "nobody", "--set", "count=1", "--reason", "r"), 2, "nobody")
    one_line_error(mxt("retract", "xiaomi-2025-target-300k", "--reason", "again"), 2, "retracted")
    one_line_error(mxt("correct", "xiaomi-2025-target-350k", "--set", "value=1"), 2, "--reason")
    assert mxt("export").stdout == before

    # An unreachable store is an operational failure: exit 1.
    one_line_error(mxt("--store", str(bad_file / "store.sqlite"), "export"), 1, "store")

    # Queries and the integrity check.
    state = mxt("state", "model", "Xiaomi/YU7", "--as-of", "2025-06-28", "--json")
    assert state.returncode == 0, state.stderr
    assert json.loads(state.stdout)["orders"]["locked"]["count"] == 240000
    unknown = mxt("state", "model", "Xiaomi/YU9", "--json")
    assert unknown.returncode == 0 and unknown.stderr.strip() != ""
    verify = mxt("verify")
    assert verify.returncode == 0, verify.stderr
    assert verify.stdout.startswith("ok: ")
