"""`python -m bench.turns STORE REV [REV ...]`: `mxt rebuild` of one store at each git
revision (`worktree`: the files as they are), beside reading and decoding the same log
through eventsourcing (`python -m bench.baselines es-read STORE`), in one run.

The processes take turns, round after round; medians of `--rounds` rounds after a warm-up
round (bytecode, page cache). Each revision runs from its own copy, `.pyc` files written, as
an installed mxt has. `--command verify` times `mxt verify` instead. The store keeps what
the last rebuild made (every revision's rebuild makes the same tables).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from .measure import snapshot_code
from .startup import LAUNCHER, timed


def main() -> None:
    """Prints, per process, the median wall time, its range, the median CPU time and the
    ratio of the baseline's median wall time to its own (1.00× is the baseline's speed)."""
    parser = argparse.ArgumentParser(prog="python -m bench.turns")
    parser.add_argument("store", help="A SQLite store (its read models are rebuilt)")
    parser.add_argument("revisions", nargs="+", help="git revisions, or `worktree`")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--command", default="rebuild", choices=("rebuild", "verify"))
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MXT_STORE")}
    work = Path(tempfile.mkdtemp(prefix="mxt-turns-"))
    try:
        runs = {
            f"mxt {args.command} @ {revision}": [
                sys.executable, "-c", LAUNCHER, str(snapshot_code(work / revision, revision)),
                "--store", args.store, args.command,
            ]
            for revision in args.revisions
        }  # fmt: skip
        runs["es-read (baseline)"] = [
            sys.executable,
            "-m",
            "bench.baselines",
            "es-read",
            args.store,
        ]
        report(rounds(runs, args.rounds, env))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def rounds(
    runs: dict[str, list[str]], count: int, env: dict[str, str]
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU milliseconds of every run after the warm-up round, by process."""
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for number in range(count + 1):
        for name, argv in runs.items():
            spent = timed(argv, env)
            if number:
                wall[name].append(spent[0])
                cpu[name].append(spent[1])
        print(f"round {number} done, load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    return {name: (wall[name], cpu[name]) for name in runs}


def report(spent: dict[str, tuple[list[float], list[float]]]) -> None:
    """One line per process: median wall s (min-max), median CPU s, baseline / process."""
    baseline = statistics.median(spent["es-read (baseline)"][0])
    for name, (wall, cpu) in spent.items():
        median = statistics.median(wall)
        print(
            f"{name:28} wall {median / 1000:6.2f} s ({min(wall) / 1000:.2f}–"
            f"{max(wall) / 1000:.2f})  cpu {statistics.median(cpu) / 1000:6.2f} s  "
            f"{baseline / median:.2f}×"
        )


if __name__ == "__main__":
    main()
