"""Issue 21: damage is never laundered. A log that fails the chain check is refused by every
command that reads it whole (`export`, `copy`, replays), a copy re-verifies what it wrote, an
edited read-model row is refused like an edited event, `recorded_at` never goes backwards
along the chain, and `verify` asks SQLite whether its file is sound before it trusts an index.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mxt.cli.demo import seed_path
from mxt.cli.main import cli

from backends import BACKENDS, is_postgres, new_store, sql, store_location  # noqa: F401

RECORD = ["record", "statement", "--company", "Xiaomi", "--announced-on", "2025-07-01",
          "--source", "Weibo", "--topic", "hiring", "--text", "hiring again"]  # fmt: skip


def mxt(location: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", location, *args])


def refused(result: Result, *words: str) -> None:
    """Exit 1 with one line on stderr naming the damage (each of `words` in it), no
    traceback, nothing on stdout."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("mxt: error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[-1], lines[-1]
    assert result.stdout == ""


@pytest.fixture
def seeded(store_location: str) -> str:
    assert mxt(store_location, "import", str(seed_path())).exit_code == 0
    fix = ["correct", "xiaomi-yu7-wait-12m", "--set", "max_months=11", "--reason", "misread"]
    assert mxt(store_location, *fix).exit_code == 0
    assert mxt(store_location, "retract", "xiaomi-su7-wait-8m", "--reason", "dup").exit_code == 0
    return store_location


def head(location: str) -> str:
    result = mxt(location, "verify", "--json")
    assert result.exit_code == 0, result.output
    value: str = json.loads(result.stdout)["head"]
    return value


# -- 5. recorded_at never goes backwards along the chain ---------------------------------------


def test_a_backdated_append_fails_verify_even_with_a_kept_head(
    seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer whose clock was patched appends a record stamped before the log's last one:
    the chain is well formed, and the kept head is still a prefix, but `--known-at` would
    show it known before the records it follows were."""
    from mxt.domain.store import Store

    kept = head(seeded)
    monkeypatch.setattr(
        Store, "_next_recorded_at", lambda self, cursor: datetime(2020, 1, 1, tzinfo=UTC)
    )
    assert mxt(seeded, *RECORD).exit_code == 0
    monkeypatch.undo()
    for args in (["verify"], ["verify", "--expect", kept]):
        result = mxt(seeded, *args)
        assert result.exit_code == 1, result.output
        assert "recorded_at 2020-01-01T00:00:00.000000Z goes back before" in result.stderr
    damaged = json.loads(mxt(seeded, "verify", "--json").stdout)["damaged"]
    assert [d["notification_id"] for d in damaged] == [36]


@pytest.mark.parametrize("garbage", ["garbage", "", "2025-13-45T99:00:00.000000Z"])
def test_a_garbage_recorded_at_in_the_chain_is_named_as_damage(seeded: str, garbage: str) -> None:
    sql(seeded, "UPDATE mxt_chain SET recorded_at=? WHERE position=35", garbage)
    result = mxt(seeded, "verify")
    assert result.exit_code == 1
    assert "damaged: event #35: chain entry was altered; " in result.stderr
    assert f"recorded_at {garbage!r} is not a timestamp" in result.stderr
    assert "warning" not in result.stderr  # not counted as a record stamped in the future
    refused(mxt(seeded, "state", "company", "Xiaomi"), "is not a timestamp")
    refused(mxt(seeded, *RECORD), "recorded_at", "is not a timestamp")
