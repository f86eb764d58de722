"""`python -m bench.queries REV [REV ...]`: the four as-of queries of `python -m bench`, at
several git revisions (`worktree`: the files as they are) in one run, on one stream.

Each revision runs from its own copy of the packages (as `--code` does) and imports the same
stream into its own store, in `--parts` parts as the query stores of `python -m bench` are.
Then the revisions take turns, round after round (the order rotating), each round in a fresh
process of that revision: 3 warm-up calls, then `--samples` calls of each query, the same
subjects and dates for every revision (`--known-at` at the same fraction of each store's
recorded span). p50 and p95 are over every round's samples; the machine's load, which moves
during a run, falls on every revision alike.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from .generate import MARKETS
from .measure import (
    QUERY_KINDS,
    ROOT,
    Run,
    Settings,
    fresh,
    percentile,
    snapshot_code,
    split_stream,
    stream_for,
)


def build_store(code: Path, stream: Path, store: Path, parts: int, scratch: Path) -> None:
    """`stream` imported into a fresh `store` in `parts` parts by the mxt copy in `code`."""
    fresh(store)
    for part in split_stream(stream, parts, scratch):
        subprocess.run(
            [sys.executable, "-m", "bench.queries", "--mxt", str(code), "--store", str(store),
             "import", str(part)],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        part.unlink()


def one_round(code: Path, store: Path, manifest: Path, seed: int, samples: int) -> Any:
    """Milliseconds of every call of one round, by query, from a fresh process of `code`."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.queries", "--worker", str(code), str(store), str(manifest),
         str(seed), str(samples)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def main() -> None:
    """Prints, per query and revision, p50 and p95 over every round, and the ratio of p50s to
    the first revision's."""
    parser = argparse.ArgumentParser(prog="python -m bench.queries")
    parser.add_argument("revisions", nargs="+", help="git revisions, or `worktree`")
    parser.add_argument("--size", type=int, default=100_000, help="Lines of the stream.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--parts", type=int, default=8, help="Imports that fill each store.")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--samples", type=int, default=40, help="Calls of each query a round.")
    parser.add_argument(
        "--reuse", action="store_true", help="Keep a revision's store of an earlier run as it is."
    )
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "queries")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    copies = {r: snapshot_code(args.workdir / f"code-{r}", r) for r in args.revisions}
    settings = Settings(args.size, [args.size], Path(), args.workdir, seed=args.seed)
    stream = stream_for(Run(settings), args.size)  # validated by the last copy's schemas
    manifest = stream.with_name(stream.name + ".manifest.json")
    stores = {}
    for revision, code in copies.items():
        stores[revision] = (code, args.workdir / f"store-{revision}.sqlite")
        if not (args.reuse and stores[revision][1].exists()):
            build_store(code, stream, stores[revision][1], args.parts, args.workdir)
        print(f"   {revision}: store built", flush=True)
    timings: dict[str, dict[str, list[float]]] = {revision: {} for revision in args.revisions}
    for number in range(args.rounds):
        turn = (
            args.revisions[number % len(args.revisions) :]
            + args.revisions[: number % len(args.revisions)]
        )
        for revision in turn:
            code, store = stores[revision]
            found = one_round(code, store, manifest, args.seed * 1000 + number, args.samples)
            for name, spent in found.items():
                timings[revision].setdefault(name, []).extend(spent)
        print(f"   round {number + 1} of {args.rounds} done, load {os.getloadavg()[0]:.2f}")
    report(timings, args.revisions)


def report(timings: dict[str, dict[str, list[float]]], revisions: list[str]) -> None:
    """A Markdown table: p50 (p95) ms of each query at each revision, and p50 / the first's;
    then the same of the CPU time the calls took (less moved by other processes' load)."""
    first = revisions[0]
    print("| query | " + " | ".join(f"`{r}` p50 (p95) ms" for r in revisions) + " |")
    print("|---|" + "---|" * len(revisions))
    for name in [*QUERY_KINDS, *(f"{name} cpu" for name in QUERY_KINDS)]:
        cells = []
        for revision in revisions:
            values = timings[revision][name]
            p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
            ratio = p50 / percentile(timings[first][name], 0.5)
            cells.append(f"{p50:.2f} ({p95:.2f})" + ("" if revision == first else f" {ratio:.2f}×"))
        print(f"| `{name}` | " + " | ".join(cells) + " |")
    samples = len(timings[first][QUERY_KINDS[0]])
    print(f"\n{samples} samples of each query at each revision.")


# -- inside a revision's own process -----------------------------------------------------------


def use_copy(code: str) -> None:
    """Imports mxt from the copy in `code` only (not from the editable install's finder, which
    would fill in any module an older copy lacks)."""
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__name__.lower()
                        and "editable" not in getattr(f, "__name__", "").lower()]  # fmt: skip
    sys.path.insert(0, code)


def read_side(store: Any) -> Any:
    """The object answering `model`, `market`, `company`, `audit_targets` in this revision."""
    try:
        queries = importlib.import_module("mxt.projections.questions.read_side")
    except ImportError:  # before projections/ was split into its parts
        queries = importlib.import_module("mxt.projections.queries")

    found = vars(queries).get("ReadSide") or vars(queries)["Tracker"]  # before the split
    return found(store)


def query_maker() -> Any:
    """`make_query(as_of, known_at)` wherever this revision keeps it."""
    try:
        from mxt.cli import options

        return options.make_query
    except (ImportError, AttributeError):
        return vars(importlib.import_module("mxt.projections.queries"))["make_query"]


@dataclass
class Sampler:
    """Calls of the four queries with random subjects and dates, the same at every revision."""

    side: Any
    make_query: Any
    companies: list[dict[str, Any]]
    first: datetime
    spread: float  # seconds between the store's first and last `recorded_at`

    def query(self, rng: random.Random) -> Any:
        as_of = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3833))
        known_at = self.first + timedelta(seconds=rng.uniform(0, 1.1) * self.spread + 1)
        return self.make_query(as_of.isoformat(), known_at.astimezone(UTC).isoformat())

    def call(self, name: str, rng: random.Random) -> None:
        chosen = rng.choice(self.companies)
        if name == "state model":
            self.side.model(chosen["name"], rng.choice(chosen["models"]), self.query(rng))
        elif name == "state market":
            self.side.market(rng.choice(MARKETS), self.query(rng))
        elif name == "state company":
            self.side.company(chosen["name"], self.query(rng))
        else:
            self.side.audit_targets(self.query(rng), **self.company_filter(chosen["name"]))

    def company_filter(self, name: str) -> dict[str, Any]:
        """The audit's company argument as this revision takes it: `companies`, or one
        `company` before the commands' filters took several."""
        return {"companies": (name,)} if self.takes_companies else {"company": name}

    @cached_property
    def takes_companies(self) -> bool:
        import inspect

        return "companies" in inspect.signature(self.side.audit_targets).parameters


def worker(code: str, store_path: str, manifest_path: str, seed: int, samples: int) -> None:
    """Times one round of the four queries and prints {query: [ms, ...]} as JSON, with the
    process's CPU time of each call beside (`{query} cpu`)."""
    use_copy(code)
    try:
        stores = importlib.import_module("mxt.storage.store")
    except ImportError:  # before storage/ left domain/
        stores = importlib.import_module("mxt.domain.store")

    store = stores.Store(store_path)
    side = read_side(store)
    with store.read() as cursor:
        cursor.execute("SELECT MIN(recorded_at), MAX(recorded_at) FROM mxt_chain")
        first, last = (datetime.fromisoformat(t.replace("Z", "+00:00")) for t in cursor.fetchone())
    companies = json.loads(Path(manifest_path).read_text())["companies"]
    sampler = Sampler(side, query_maker(), companies, first, (last - first).total_seconds())
    found: dict[str, list[float]] = {}
    for name in QUERY_KINDS:
        rng = random.Random(f"{seed} {name}")
        for _ in range(3):
            sampler.call(name, rng)
        wall, cpu = [], []
        for _ in range(samples):
            start, start_cpu = time.perf_counter(), time.process_time()
            sampler.call(name, rng)
            cpu.append((time.process_time() - start_cpu) * 1000)
            wall.append((time.perf_counter() - start) * 1000)
        found[name], found[f"{name} cpu"] = wall, cpu
    print(json.dumps(found))


def run_mxt(code: str, argv: list[str]) -> None:
    """`mxt ARGV` from the copy in `code`."""
    use_copy(code)
    sys.argv = ["mxt", *argv]
    from mxt.cli.main import main as mxt_main

    mxt_main()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    elif sys.argv[1:2] == ["--mxt"]:
        run_mxt(sys.argv[2], sys.argv[3:])
    else:
        main()
