"""The benchmark suite runs end to end at a tiny size (the benchmark itself is not a test)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

KINDS = {
    "launch",
    "orders",
    "wait-time",
    "target",
    "deliveries",
    "factory",
    "policy",
    "showcase",
    "expected-entry",
    "statement",
}


def bench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_benchmark_measures_every_section_at_a_tiny_size(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    work = tmp_path / "work"
    run = bench(
        "bench", "--size", "300", "--sizes", "300", "--out", str(out), "--workdir", str(work),
        "--repeat", "1", "--query-samples", "10", "--parts", "2", "--flat-rounds", "2",
        "--write-rounds", "2",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]

    report = out.read_text()
    for heading in (
        "# mxt benchmark results",
        "## Goals (issue 27",
        "## Flatness",
        "## Import",
        "## Rebuild",
        "## Peak memory",
        "## As-of queries",
        "## Whole-process wall time",
        "## Report",
    ):
        assert heading in report, heading
    assert "- machine: " in report and "- command: `python -m bench --size 300" in report
    # import and rebuild ran twice each, in turn with their baselines: each ratio a median
    assert report.count("(median of 2 rounds run in turn: ") == 3, report
    for row in (
        "| mxt import (read models included) |",
        "| eventsourcing `save(*1000 aggregates)` |",
        "| raw sqlite3 `executemany`, one transaction |",
        "| mxt rebuild |",
        "| `select_notifications` + `json.loads` |",
        "| state model |",
        "| state market |",
        "| state company |",
        "| audit targets |",
        "| `python -c pass` |",
        "| `mxt import` vs eventsourcing's batched save (300) |",
        "| `state company` deep / small store, whole process (SQLite) |",
    ):
        assert row in report, row

    # The stream the run generated: exactly 300 lines, every kind, fixes after what they fix.
    stream = work / "stream-300-seed1.jsonl"
    lines = [json.loads(text) for text in stream.read_text().splitlines()]
    assert len(lines) == 300
    kinds = Counter(line["kind"] for line in lines)
    assert set(kinds) >= KINDS
    assert kinds["correction"] == 6 and kinds["retraction"] == 3
    ids = {line["id"] for line in lines if line["kind"] in KINDS and "id" in line}
    fixes = [line for line in lines if line["kind"] in ("correction", "retraction")]
    assert all(fix["id"] in ids for fix in fixes)
    assert lines[-len(fixes) :] == fixes

    # Deterministic for a seed.
    again = tmp_path / "again.jsonl"
    made = bench("bench.generate", "--size", "300", "--out", str(again), "--validate", "0")
    assert made.returncode == 0, made.stderr
    assert again.read_bytes() == stream.read_bytes()


def test_query_comparison_runs_two_copies_on_their_own_stores(tmp_path: Path) -> None:
    run = bench(
        "bench.queries", "worktree", "HEAD", "--size", "300", "--parts", "2", "--rounds", "2",
        "--samples", "3", "--workdir", str(tmp_path),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    lines = run.stdout.splitlines()
    assert "| query | `worktree` p50 (p95) ms | `HEAD` p50 (p95) ms |" in lines
    for name in ("state model", "state market", "state company", "audit targets"):
        assert any(line.startswith(f"| `{name}` |") for line in lines), name
        assert any(line.startswith(f"| `{name} cpu` |") for line in lines), name
    assert "6 samples of each query at each revision." in lines
    for revision in ("worktree", "HEAD"):
        assert (tmp_path / f"store-{revision}.sqlite").exists()


def test_generator_makes_claims_of_every_type_with_their_fixes(tmp_path: Path) -> None:
    """With `--claims`, about that share of the lines are valid claims of every type, some
    corrected through a dotted field or retracted; the same seed makes the same stream."""
    from bench.generate import generate, validate_sample

    stream = tmp_path / "claims.jsonl"
    summary = generate(stream, 4000, seed=3, companies=4, claims=0.03)
    lines = [json.loads(text) for text in stream.read_text().splitlines()]
    assert len(lines) == 4000 and validate_sample(stream, 4000) == 4000
    claims = {line["id"]: line for line in lines if line["kind"] == "claim" and "id" in line}
    assert summary.kinds["claim"] == 120
    assert set(KINDS) | {"claim"} == set(summary.kinds)
    assert {line["claim"]["type"] for line in claims.values()} == {
        "streak", "total", "target", "launched"
    }  # fmt: skip
    fixed = [line for line in lines if line["kind"] in ("correction", "retraction")]
    claim_fixes = [line for line in fixed if line["id"] in claims]
    assert len(claim_fixes) == 12 + 6
    assert any(name.startswith("claim.") for line in claim_fixes for name in line.get("set", {}))
    again = tmp_path / "again.jsonl"
    generate(again, 4000, seed=3, companies=4, claims=0.03)
    assert again.read_bytes() == stream.read_bytes()


def test_commands_run_in_turn_and_ratios_are_the_rounds_median() -> None:
    from bench.measure import ChildRun, in_turn, median_ratio, median_run

    order: list[str] = []

    def timed(name: str, seconds: list[float]) -> Callable[[], ChildRun]:
        def once() -> ChildRun:
            order.append(name)
            return ChildRun([name], seconds.pop(0), 1.0, 10.0 * len(seconds), 0.0, 0, "", "")

        return once

    base, ours = in_turn(3, [timed("base", [4.0, 9.0, 10.0]), timed("mxt", [2.0, 3.0, 12.0])])
    assert order == ["base", "mxt"] * 3  # in turn, not all of one and then the other
    # the rounds' ratios are 2.0, 3.0 and 0.83: their median, not the ratio of medians (9/3)
    assert median_ratio(base, ours) == 2.0
    row = median_run(ours)
    assert (row.seconds, row.max_rss_mb) == (3.0, 20.0)


def test_write_only_puts_its_goal_rows_in_a_goals_table(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    run = bench(
        "bench", "--size", "300", "--out", str(out), "--workdir", str(tmp_path / "work"),
        "--write-only", "--write-rounds", "1",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    lines = out.read_text().splitlines()
    at = lines.index("| target | figure | goal | verdict |")
    assert lines[at + 1] == "|---|---|---|---|"
    assert lines[at + 2].startswith("| `mxt import` vs eventsourcing's batched save (300) |")
    # the import table keeps its own rows only (nine cells each), none of the goals' four
    header = lines.index("| what | load | events | seconds | events/s | CPU s | events/CPU s "
                         "| peak MB | mxt time × |")  # fmt: skip
    table = lines[header : lines.index("", header)]
    assert len(table) == 5 and all(row.count("|") == 10 for row in table), table
