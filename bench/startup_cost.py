"""`python -m bench.startup_cost [REV ...] [--steps]`: `mxt record`'s start-up counted in
instructions (valgrind's callgrind), which other processes on the machine do not change the
way they change times; with `--steps`, where it goes.

Each revision (default `worktree`) runs from a copy of the packages with `.pyc` files, as
in `bench.startup`. With `--steps`, one child per step runs every step up to it, at the last
revision (one with `mxt.events.schemas.prebuilt`); the difference to the run before is that step's
cost. The steps are what `mxt record statement …` does, in its order; the last line is the
command itself against the steps (its argument parsing and the building of its command).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .measure import snapshot_code
from .startup import BARE

ANNOUNCEMENT = (
    "{'kind': 'statement', 'company': 'Acme', 'announced_on': '2025-06-30', "
    "'source': {'title': 'bench'}, 'topic': 't', 'text': 'run ' + str(time.time_ns())}"
)
RECORD = (
    "from mxt.cli.main import main; sys.argv[1:] = ['--store', sys.argv[1], 'record', "
    "'statement', '--company', 'Acme', '--announced-on', '2025-06-30', '--source', 'bench', "
    "'--topic', 't', '--text', 'run ' + str(time.time_ns())]; main()"
)
# (what the step is, the code it runs); each child runs the steps before it too, except the
# last (the whole command), which runs after the bare imports alone.
STEPS = [
    ("bare imports", BARE[-1] + "; import sys, time"),
    ("mxt's CLI modules (cli.main, cli.write, cli.render)", "import mxt.cli.main, mxt.cli.write"),
    ("the kinds' prebuilt core schemas and fields (no pydantic model: events/schemas/prebuilt.py)",
     "import mxt.events.schemas.prebuilt"),
    ("its validator and serializer built, one announcement validated",
     "from mxt.events.schemas import validate_for_record\n"
     f"a = validate_for_record({ANNOUNCEMENT})"),
    ("the write side and the composition root (sqlite3, store, recording, integrity, opening, "
     "projector)",
     "import mxt.domain.recording, mxt.projections.opening"),
    ("the store opened and its read side subscribed (tables), the announcement recorded, "
     "the store closed",
     "from mxt.domain.recording import record; from mxt.projections.opening import open_store\n"
     "with open_store(sys.argv[1], 'create') as store: record(store, a)"),
    ("the whole command instead (`mxt record statement …`: click parses, the command is built)",
     RECORD),
]  # fmt: skip


def program(code: Path, upto: int) -> str:
    """The child's program: the copy on the path, then steps 0..upto (the last: the command
    after the bare imports)."""
    last = len(STEPS) - 1
    steps = [STEPS[0][1], RECORD] if upto == last else [step for _, step in STEPS[: upto + 1]]
    return "\n".join([f"import sys; sys.path.insert(0, {str(code)!r})", *steps])


def instructions(source: str, store: Path) -> int:
    """Instructions executed by one child running `source` (valgrind's count), its `.pyc`
    files written by a run before."""
    argv = [sys.executable, "-c", source, str(store)]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MXT_STORE")}
    subprocess.run(argv, capture_output=True, env=env, check=True)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise RuntimeError(f"no instruction count from valgrind: {done.stderr[-300:]}")
    return int(found.group(1))


def main() -> None:
    """Prints the whole command's instructions at each revision against the bare imports'
    (as millions and as a ratio), then, with `--steps`, what each step of the last one adds."""
    parser = argparse.ArgumentParser(prog="python -m bench.startup_cost")
    parser.add_argument("revisions", nargs="*", default=["worktree"], help="git revisions")
    parser.add_argument("--steps", action="store_true", help="the last revision step by step")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("bench.startup_cost needs valgrind")
    work = Path(tempfile.mkdtemp(prefix="mxt-startup-cost-"))
    try:
        for revision in args.revisions:
            code = snapshot_code(work / revision, revision)
            whole = instructions(program(code, len(STEPS) - 1), work / revision / "s.sqlite")
            bare = instructions(program(code, 0), work / revision / "s.sqlite")
            print(f"{revision:12} bare {bare / 1e6:5.0f} M   record {whole / 1e6:5.0f} M   "
                  f"{whole / bare:.2f}×")  # fmt: skip
        if args.steps:
            store = work / "steps.sqlite"
            report_steps([instructions(program(code, k), store) for k in range(len(STEPS))])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report_steps(counts: list[int]) -> None:
    """One line per step: its instructions, as millions and as a share of the bare imports'."""
    bare = counts[0]
    for k, (name, _) in enumerate(STEPS):
        before = counts[k - 1] if 0 < k < len(STEPS) - 1 else (counts[-2] if k else 0)
        step = counts[k] - before
        print(f"{step / 1e6:7.1f} M {step / bare:6.1%}   total {counts[k] / bare:.2f}×   {name}")


if __name__ == "__main__":
    main()
