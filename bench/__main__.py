"""`python -m bench --size N`: generate a stream, measure everything, write bench/RESULTS.md."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from .measure import ROOT, Settings, run_benchmark

STANDARD_SIZES = (10_000, 100_000, 1_000_000)


def parse_sizes(text: str) -> list[int]:
    return sorted({int(part.replace("_", "").replace(",", "")) for part in text.split(",") if part})


def main(argv: list[str] | None = None) -> None:
    args_list = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmark mxt at a size: import, rebuild, as-of queries, process start "
        "and peak memory, each beside its same-run baseline; writes a Markdown report.",
    )
    parser.add_argument("--size", type=int, required=True, help="Lines of the main stream.")
    parser.add_argument(
        "--sizes",
        help="Comma-separated store sizes for query latency (default: 10000, 100000, "
        "1000000 up to --size, and --size).",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument(
        "--workdir", type=Path, default=ROOT / "bench" / "out", help="Streams and stores."
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="Runs per timed process.")
    parser.add_argument("--query-samples", type=int, default=200)
    parser.add_argument(
        "--query-budget", type=float, default=15.0, help="Seconds at most per query and size."
    )
    parser.add_argument("--parts", type=int, default=8, help="Imports that fill each query store.")
    parser.add_argument(
        "--postgres",
        help="A PostgreSQL server (the URL of a database there, e.g. postgresql://mxt@host/"
        "postgres) on which to make throw-away databases for the PostgreSQL figures.",
    )
    parser.add_argument(
        "--flat-rounds", type=int, default=20, help="Pairs of processes in the flatness case."
    )
    parser.add_argument(
        "--write-rounds",
        type=int,
        default=3,
        help="Rounds of import and rebuild, each run in turn with its baselines (the ratios: "
        "the median of the rounds').",
    )
    parser.add_argument(
        "--code",
        default="worktree",
        help="What to measure: `worktree` (the files as they are at the start, copied) or a "
        "git revision such as HEAD.",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="Measure only `mxt report` (500 companies, 100,000 lines) and rewrite the Report "
        "section of --out.",
    )
    parser.add_argument(
        "--write-only",
        action="store_true",
        help="Measure only import, rebuild and their peak memory (at --size) and rewrite their "
        "rows and sections of --out.",
    )
    args = parser.parse_args(args_list)
    if args.sizes:
        sizes = parse_sizes(args.sizes)
    else:
        sizes = sorted({s for s in STANDARD_SIZES if s < args.size} | {args.size})
    command = shlex.join(["python", "-m", "bench", *args_list])
    if args.report_only:
        from .report import run_report_only

        run_report_only(
            Settings(args.size, [], args.out, args.workdir, args.seed, code=args.code,
                     command=command)
        )  # fmt: skip
        return
    if args.write_only:
        from .measure import run_write_measures

        run_write_measures(
            Settings(args.size, [], args.out, args.workdir, args.seed, code=args.code,
                     command=command, write_rounds=args.write_rounds)
        )  # fmt: skip
        return
    run_benchmark(
        Settings(
            size=args.size,
            sizes=sizes,
            out=args.out,
            workdir=args.workdir,
            seed=args.seed,
            repeat=args.repeat,
            query_samples=args.query_samples,
            query_budget=args.query_budget,
            parts=args.parts,
            code=args.code,
            command=command,
            postgres=args.postgres,
            flat_rounds=args.flat_rounds,
            write_rounds=args.write_rounds,
        )
    )


if __name__ == "__main__":
    main()
