"""The report measurement (issue 13): `mxt report` of 500 companies at 100,000 announcements
is written in under 30 s and stays under 20 MB.

Part of `python -m bench --size N` (at min(N, 100,000) lines, one company per 200 lines up to
500); alone, `python -m bench --size 100000 --report-only` measures just this and rewrites
the `## Report` section of bench/RESULTS.md, keeping the rest of the file.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from .generate import generate, load_manifest, manifest_path
from .measure import Run, Settings, fresh, load, mxt_command, run_child

REPORT_SIZE = 100_000
REPORT_COMPANIES = 500
REPORT_SECONDS = 15.0  # issue 27
REPORT_MB = 20.0


def report_stream(run: Run, size: int, companies: int) -> Path:
    """A stream of `size` lines from `companies` companies (made once, then reused)."""
    settings = run.settings
    path = settings.workdir / f"report-stream-{size}-{companies}c-seed{settings.seed}.jsonl"
    if path.exists() and manifest_path(path).exists():
        manifest = load_manifest(path)
        if manifest.get("size") == size and len(manifest.get("companies", ())) == companies:
            run.say(f"   stream {path} (reused)")
            return path
    start = time.perf_counter()
    generate(path, size, settings.seed, companies)
    run.say(f"   generated {path}: {size:,} lines in {time.perf_counter() - start:.1f} s")
    return path


def report_scale(size: int) -> tuple[int, int]:
    """The lines and companies measured for a run of `size` lines: 100,000 lines from 500
    companies, or fewer for a smaller run (one company per 200 lines)."""
    lines = min(REPORT_SIZE, size)
    return lines, max(1, min(REPORT_COMPANIES, lines // 200))


def measure_report(run: Run) -> None:
    """Imports the stream, then times `mxt report` of every company in its own process."""
    size, companies = report_scale(run.settings.size)
    mxt = mxt_command()
    stream = report_stream(run, size, companies)
    store = fresh(run.settings.workdir / f"report-store-{size}.sqlite")
    imported = run_child([*mxt, "--store", str(store), "import", "--json", str(stream)])
    recorded = json.loads(imported.stdout)["recorded"]
    page = run.settings.workdir / "report.html"
    page.unlink(missing_ok=True)
    run.say(f"   load average before the report: {load()}")
    written = run_child([*mxt, "--store", str(store), "report", "-o", str(page)])
    megabytes = page.stat().st_size / 1e6
    run.section(
        "Report",
        f"`mxt report` of every company of a store of {recorded:,} lines ({companies} "
        f"companies), as of today, in its own process (wall time; CPU is user + system; peak "
        "is the process's maximum resident set). Each company's section has up to two "
        "matplotlib charts (targets; monthly totals of the last 24 months, where it has any), "
        "its state, its market matrix, the latest 40 announcements of its timeline, and its "
        "progress, conflicts and claim verdicts.",
    )
    run.table(
        ["companies", "lines in the store", "load", "seconds", "CPU s", "peak MB", "page MB"],
        [
            [
                str(companies),
                f"{recorded:,}",
                f"{written.load_before:.1f}",
                f"{written.seconds:.2f}",
                f"{written.cpu_seconds:.2f}",
                f"{written.max_rss_mb:.0f}",
                f"{megabytes:.2f}",
            ]
        ],
    )
    run.say(
        f"   mxt report: {companies} companies in {written.seconds:.1f} s "
        f"(CPU {written.cpu_seconds:.1f} s), {megabytes:.1f} MB, peak {written.max_rss_mb:.0f} MB"
    )
    first = len(run.targets)
    run.target(
        f"report of {companies} companies at {recorded:,} lines, time",
        f"{written.seconds:.1f} s",
        f"< {REPORT_SECONDS:.0f} s",
        written.seconds < REPORT_SECONDS,
    )
    run.target(
        f"report of {companies} companies at {recorded:,} lines, size",
        f"{megabytes:.1f} MB",
        f"< {REPORT_MB:.0f} MB",
        megabytes < REPORT_MB,
    )
    run.table(["target", "figure", "goal", "verdict"], [list(t) for t in run.targets[first:]])


def run_report_only(settings: Settings) -> Path:
    """Measures the report alone and puts its section into `settings.out` (replacing an
    earlier one, keeping everything else)."""
    settings.workdir.mkdir(parents=True, exist_ok=True)
    run = Run(settings)
    run.say(f"mxt report benchmark: {settings.command}")
    measure_report(run)
    section = "\n".join(run.lines).strip() + "\n"
    section += f"\n(measured by `{settings.command}`, load average after: {load()})\n"
    old = settings.out.read_text() if settings.out.exists() else "# mxt benchmark results\n"
    found = re.search(r"^## Report\n.*?(?=^## |\Z)", old, re.S | re.M)
    text = (
        old[: found.start()]
        + section
        + ("\n" if found.end() < len(old) else "")
        + old[found.end() :]
        if found
        else old.rstrip() + "\n\n" + section
    )
    settings.out.write_text(text)
    run.say(f"\nwrote the Report section of {settings.out}")
    return settings.out
