"""The extraction benchmark meets its floors, set at what was measured (issue 26): on the
seed article recall >= 0.9; on the earlier corpus and round 1 together recall >= 0.65 and
typed precision >= 0.8; on round 1 (tuned on after its first run of 0.44 / 0.62) recall >=
0.45 and typed precision >= 0.65; and no more dangerous drafts than measured (3)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_extraction_meets_its_floors() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.extract", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    scores = {row["name"]: row for row in map(json.loads, result.stdout.splitlines())}
    seed, overall, first = (
        scores["xiaomi-evs-outside-china-2027"], scores["overall"], scores["round 1"],
    )  # fmt: skip
    assert seed["labelled"] >= 15 and overall["labelled"] >= 240 and first["labelled"] >= 120
    assert seed["recall"] >= 0.9 and seed["typed_precision"] >= 0.9, seed
    assert overall["recall"] >= 0.65 and overall["typed_precision"] >= 0.8, overall
    assert first["recall"] >= 0.45 and first["typed_precision"] >= 0.65, first
    assert overall["dangerous"] <= 3, overall
    assert set(first["by_kind"]) >= {"launch", "deliveries", "factory", "exit"}
