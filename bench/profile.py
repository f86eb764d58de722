"""Profiles of the hot paths with pyinstrument (`pip install pyinstrument`), as text reports.

    python -m bench.profile --size 100000                  # all of them
    python -m bench.profile --size 100000 --what import,query

`import` and `rebuild` profile `mxt import FILE` / `mxt rebuild` as whole processes on a
fresh store of the generated stream; `start` profiles one `mxt state company X --json`
process (start-up included); `query` profiles, in-process, repeated calls of the four
as-of queries on that store. Reports land in `bench/out/profile-<what>-<size>.txt`.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
from pathlib import Path

from .generate import MARKETS, load_manifest
from .measure import ROOT, Run, Settings, fresh, mxt_command, run_child, stream_for

WHAT = ("import", "rebuild", "start", "query")


def pyinstrument(report: Path, argv: list[str]) -> None:
    """Runs `argv` (a Python script and its arguments) under pyinstrument."""
    subprocess.run(
        [sys.executable, "-m", "pyinstrument", "-r", "text", "--no-color", "-o", str(report)]
        + ["--interval", "0.001", *argv],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"wrote {report}", flush=True)


def profile_queries(report: Path, store_path: Path, stream: Path, calls: int) -> None:
    from pyinstrument import Profiler

    from mxt.cli.options import make_query
    from mxt.projections.questions.read_side import ReadSide
    from mxt.storage.store import Store

    companies = load_manifest(stream)["companies"]
    rng = random.Random(1)
    read_side = ReadSide(Store(store_path))
    sections = []
    for name in ("state model", "state market", "state company", "audit targets"):
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _ in range(calls):
            chosen = rng.choice(companies)
            query = make_query(f"{rng.randint(2016, 2025)}-06-30", None)
            if name == "state model":
                read_side.model(chosen["name"], rng.choice(chosen["models"]), query)
            elif name == "state market":
                read_side.market(rng.choice(MARKETS), query)
            elif name == "state company":
                read_side.company(chosen["name"], query)
            else:
                read_side.audit_targets(query, (chosen["name"],))
        profiler.stop()
        sections.append(f"### {name} ({calls} calls)\n\n" + profiler.output_text(color=False))
    report.write_text("\n".join(sections))
    print(f"wrote {report}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--what", default=",".join(WHAT), help=f"Any of {', '.join(WHAT)}.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--calls", type=int, default=50, help="Calls of each query profiled.")
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--store", type=Path, help="An existing store of this stream (no fresh import)."
    )
    args = parser.parse_args(argv)
    what = [item.strip() for item in args.what.split(",") if item.strip()]
    settings = Settings(
        size=args.size, sizes=[args.size], out=Path(), workdir=args.workdir, seed=args.seed
    )

    settings.workdir.mkdir(parents=True, exist_ok=True)
    stream = stream_for(Run(settings), args.size)
    store = args.store or settings.workdir / f"profile-{args.size}.sqlite"
    mxt = mxt_command()[0]
    if "import" in what or not store.exists():
        fresh(store)
        if "import" in what:
            report = settings.workdir / f"profile-import-{args.size}.txt"
            pyinstrument(report, [mxt, "--store", str(store), "import", str(stream)])
        else:
            run_child([mxt, "--store", str(store), "import", str(stream)])
    if "rebuild" in what:
        report = settings.workdir / f"profile-rebuild-{args.size}.txt"
        pyinstrument(report, [mxt, "--store", str(store), "rebuild"])
    companies = load_manifest(stream)["companies"]
    if "start" in what:
        company = companies[len(companies) // 2]["name"]
        report = settings.workdir / f"profile-start-{args.size}.txt"
        pyinstrument(report, [mxt, "--store", str(store), "state", "company", company, "--json"])
    if "query" in what:
        report = settings.workdir / f"profile-query-{args.size}.txt"
        profile_queries(report, store, stream, args.calls)


if __name__ == "__main__":
    main()
