"""`python -m bench.startup REV [REV ...]`: whole-process start-up of `mxt record` and two
queries at each git revision (`worktree`: the files as they are), beside the bare imports.

Every command and revision takes turns; medians of `--repeat` runs after a warm-up round, and
each command's ratio to the bare imports as the median of its rounds' ratios (each run against
the bare imports run just before it in its round: the pairs keep the ratio meaningful while
the machine's speed drifts). Each revision runs from its own copy, with `.pyc` files written,
as an installed mxt has, on a tiny store of its own; with `--store`, on a copy of that store
(the bench's 1M store, say: `--store bench/out/query-1000000.sqlite --subject COMPANY/MODEL`),
so that the ratios `python -m bench` takes at a size can be taken again, several runs in a row.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .measure import snapshot_code

BARE = [sys.executable, "-c", "import click, pydantic, eventsourcing.application"]
LAUNCHER = "import sys; sys.path.insert(0, sys.argv.pop(1)); from mxt.cli.main import main; main()"
SEED = "record launch --company Acme --model M1 --market CN --announced-on 2025-01-01 --source s"


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one child process (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall * 1000, cpu * 1000


def commands(
    code: Path, store: Path, subject: str | None = None
) -> dict[str, Callable[[int], list[str]]]:
    """The timed `mxt` commands of one revision's copy, on `store`: its own (seeded here), or,
    with `subject` (COMPANY/MODEL), a copy of a filled one asked about that model."""
    mxt = [sys.executable, "-c", LAUNCHER, str(code), "--store", str(store)]
    if subject is None:
        subprocess.run([*mxt, *SEED.split()], capture_output=True, check=True)
        subject = "Acme/M1"
    company = subject.split("/")[0]
    record = ["record", "statement", "--company", company, "--announced-on", "2025-06-30",
              "--source", "bench", "--topic", "t"]  # fmt: skip
    return {
        "record": lambda i: [*mxt, *record, "--text", f"run {i} {time.time_ns()}"],
        "state model": lambda _: [*mxt, "state", "model", subject, "--json"],
        "state company": lambda _: [*mxt, "state", "company", company, "--json"],
    }


def main() -> None:
    """Prints, per command and revision, the median wall and CPU time and the ratio to bare."""
    parser = argparse.ArgumentParser(prog="python -m bench.startup")
    parser.add_argument("revisions", nargs="+", help="git revisions, or `worktree`")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--store", type=Path, help="A filled store, copied for each revision.")
    parser.add_argument("--subject", help="COMPANY/MODEL of `--store` the questions ask about.")
    args = parser.parse_args()
    if (args.store is None) != (args.subject is None):
        parser.error("--store and --subject go together")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MXT_STORE")}
    work = Path(tempfile.mkdtemp(prefix="mxt-startup-"))
    try:
        report(timings(args.revisions, args.repeat, work, env, args.store, args.subject))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def timings(
    revisions: list[str],
    repeat: int,
    work: Path,
    env: dict[str, str],
    store: Path | None = None,
    subject: str | None = None,
) -> dict[str, tuple[list[float], list[float]]]:
    """Wall and CPU milliseconds of every run, by command (`bare imports` first)."""
    runs: dict[str, Callable[[int], list[str]]] = {"bare imports": lambda _: BARE}
    for revision in revisions:
        code = snapshot_code(work / revision, revision)
        own = code / "store.sqlite"
        if store is not None:
            shutil.copyfile(store, own)
        for name, argv in commands(code, own, subject).items():
            runs[f"{name} @ {revision}"] = argv
    wall: dict[str, list[float]] = {name: [] for name in runs}
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for round_number in range(repeat + 1):
        for name, argv in runs.items():
            spent = timed(argv(round_number), env)
            if round_number:
                wall[name].append(spent[0])
                cpu[name].append(spent[1])
    return {name: (wall[name], cpu[name]) for name in runs}


def report(spent: dict[str, tuple[list[float], list[float]]]) -> None:
    """One line per command: median wall and CPU time, each with its ratio to bare imports
    (the median of the rounds' ratios)."""
    bare_wall, bare_cpu = spent["bare imports"]
    for name, (wall, cpu) in spent.items():
        w, c = statistics.median(wall), statistics.median(cpu)
        w_ratio = statistics.median(a / b for a, b in zip(wall, bare_wall, strict=True))
        c_ratio = statistics.median(a / b for a, b in zip(cpu, bare_cpu, strict=True))
        print(f"{name:28} wall {w:4.0f} ms {w_ratio:.2f}×", end="   ")
        print(f"cpu {c:4.0f} ms {c_ratio:.2f}×")


if __name__ == "__main__":
    main()
