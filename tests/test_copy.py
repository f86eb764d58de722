"""`mxt copy`: a whole history moved verbatim keeps every --known-at answer and the head hash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke, run_ok

from mxt.cli.demo import seed_path

from backends import BACKENDS, new_store


@pytest.mark.parametrize("middle", BACKENDS)
def test_a_copied_history_answers_the_same_at_every_known_at(tmp_path: Path, middle: str) -> None:
    origin = str(tmp_path / "origin.sqlite")
    run_ok(origin, "import", str(seed_path()))
    before_fixes = run_ok(origin, "verify", "--json")["head"]
    known_before = run_ok(origin, "state", "model", "Xiaomi/YU7", "--json")["known_at"]
    run_ok(origin, "correct", "xiaomi-yu7-wait-12m", "--set", "max_months=11", "--reason", "typo")
    run_ok(origin, "retract", "xiaomi-su7-wait-8m", "--reason", "duplicate")
    with new_store(middle, tmp_path, "middle.sqlite") as there:
        back = str(tmp_path / "back.sqlite")
        assert "copied 35 events" in run_ok(origin, "copy", "--to", there)
        run_ok(there, "copy", "--to", back)
        stores = [origin, there, back]
        heads = {run_ok(store, "verify", "--json")["head"] for store in stores}
        assert len(heads) == 1 and before_fixes not in heads
        for store in stores:
            assert run_ok(store, "verify", "--expect", before_fixes).startswith("ok")
        for known_at in (known_before, "2100-01-01"):
            for question in (
                ("state", "model", "Xiaomi/YU7", "--as-of", "2025-07-10"),
                ("state", "company", "Xiaomi", "--as-of", "2025-07-10"),
                ("state", "market", "DE", "--as-of", "2025-07-10"),
                ("audit", "targets"),
                ("log",),
            ):
                answers = [
                    run_ok(store, *question, "--known-at", known_at, "--json") for store in stores
                ]
                assert answers[0] == answers[1] == answers[2], question
        yu7_then = run_ok(back, "state", "model", "Xiaomi/YU7", "--as-of", "2025-07-10",
                       "--known-at", known_before, "--json")  # fmt: skip
        yu7_now = run_ok(back, "state", "model", "Xiaomi/YU7", "--as-of", "2025-07-10", "--json")
        assert (yu7_then["max_wait_months"], yu7_now["max_wait_months"]) == (12, 11)
        assert run_ok(back, "export") == run_ok(origin, "export")


def test_copy_fills_only_an_empty_store(tmp_path: Path) -> None:
    origin = str(tmp_path / "a.sqlite")
    run_ok(origin, "import", str(seed_path()))
    result = invoke("--store", origin, "copy", "--to", origin)
    assert result.exit_code == 2
    assert "already holds events" in result.stderr
