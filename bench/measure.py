"""One benchmark run: every figure of issues 6 and 27 beside its same-run baseline, into
RESULTS.md.

Processes are timed from outside (wall time, and the CPU time and peak memory that the kernel
reports for that one child through `wait4`); queries are timed in-process. Each figure is
printed as soon as it is measured.
"""

from __future__ import annotations

import io
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .generate import MARKETS, generate, load_manifest, manifest_path, validate_sample

ROOT = Path(__file__).resolve().parent.parent

# The goals of issue 27 (those of issue 6 where it names none).
IMPORT_RATIO = 1.0  # vs eventsourcing's batched save
RAW_RATIO = 0.3  # vs the raw sqlite3 executemany floor
REBUILD_RATIO = 0.8
REBUILD_1M_SECONDS = 10.0
QUERY_P50_MS = {"state model": 1.0, "state market": 50.0, "state company": 3.0,
                "audit targets": 5.0}  # fmt: skip
PROCESS_RATIO = {"state company": 1.2, "record": 1.5}  # whole process vs bare imports
PEAK_MB = 400.0
TARGET_SIZE = 1_000_000

CHILD_COLUMNS = ["events", "seconds", "events/s", "CPU s", "events/CPU s", "peak MB", "mxt time ×"]
QUERY_KINDS = ("state model", "state market", "state company", "audit targets")
PACKAGES = ("events", "storage", "domain", "projections", "cli", "report", "extract")

# The launcher of the code snapshot under measurement, once `snapshot_code` has made one.
_LAUNCHER: Path | None = None


def snapshot_code(workdir: Path, code: str) -> Path:
    """A private copy of mxt's packages, so that edits made during a run change nothing.

    `code` is `worktree` (the files as they are now, uncommitted changes included) or a
    git revision. This process imports mxt from the copy, and every `mxt` child runs it
    through a launcher script (the installed, editable `mxt` would follow the work tree).
    """
    global _LAUNCHER
    target = workdir / "code"
    shutil.rmtree(target, ignore_errors=True)
    package = target / "mxt"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    if code == "worktree":
        for name in PACKAGES:
            shutil.copytree(
                ROOT / name, package / name, ignore=shutil.ignore_patterns("__pycache__")
            )
    else:
        listed = subprocess.run(
            ["git", "ls-tree", "--name-only", code], cwd=ROOT, capture_output=True, check=True
        ).stdout.decode()
        present = [name for name in PACKAGES if name in listed.split()]  # older code: fewer
        archive = subprocess.run(
            ["git", "archive", code, *present], cwd=ROOT, capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(package, filter="data")
    if "mxt" in sys.modules:
        raise RuntimeError("mxt was imported before its snapshot was taken")
    sys.path.insert(0, str(target))
    _LAUNCHER = target / "mxt_launcher.py"
    _LAUNCHER.write_text(
        f"import sys\nsys.path.insert(0, {str(target)!r})\nfrom mxt.cli.main import main\nmain()\n"
    )
    return target


@dataclass
class ChildRun:
    """One finished child process: how long it took, its CPU time and peak memory."""

    argv: list[str]
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    load_before: float
    returncode: int
    stdout: str
    stderr: str


def run_child(argv: list[str], *, check: bool = True) -> ChildRun:
    """Runs `argv` from the repository root: wall time, CPU time and peak memory.

    The peak comes from GNU time where there is one: the `ru_maxrss` that `wait4` reports
    for a child of this (larger) process also counts the memory it had before `exec`.
    """
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        timed = [GNU_TIME, "-f", "%M", "-o", str(peak_file), *argv] if GNU_TIME else argv
        out_path, err_path = Path(scratch) / "out", Path(scratch) / "err"
        load_before = os.getloadavg()[0]
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            start = time.perf_counter()
            process = subprocess.Popen(
                timed, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=ROOT, env=_child_env()
            )
            _, status, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        peak_kb = usage.ru_maxrss
        if GNU_TIME and peak_file.exists():
            reported = peak_file.read_text().split()
            if reported and reported[-1].isdigit():
                peak_kb = int(reported[-1])
        run = ChildRun(
            argv=argv,
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            max_rss_mb=peak_kb / 1024,
            load_before=load_before,
            returncode=process.returncode,
            stdout=out_path.read_text(errors="replace"),
            stderr=err_path.read_text(errors="replace"),
        )
    if check and run.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {run.returncode}: {run.stderr.strip()}")
    return run


def _gnu_time() -> str | None:
    path = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    if path is None:
        return None
    try:
        probe = subprocess.run(
            [path, "-f", "%M", "true"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


GNU_TIME = _gnu_time()


def _child_env() -> dict[str, str]:
    """The environment of a measured command: no store of the user's, and bytecode written
    and reused as on a user's machine (a machine that sets PYTHONDONTWRITEBYTECODE would
    otherwise make every start-up figure include compiling mxt's sources)."""
    env = dict(os.environ)
    env.pop("MXT_STORE", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def mxt_command() -> list[str]:
    """`mxt` from the code snapshot, or else the installed console script."""
    if _LAUNCHER is not None:
        return [sys.executable, str(_LAUNCHER)]
    beside = Path(sys.executable).with_name("mxt")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("mxt")
    if found is None:
        raise RuntimeError("the mxt console script is not installed (pip install -e .)")
    return [found]


def fresh(path: Path) -> Path:
    """`path` with any earlier SQLite file (and its WAL) removed."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of `values`."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(share * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class Settings:
    size: int
    sizes: list[int]
    out: Path
    workdir: Path
    seed: int = 1
    repeat: int = 10
    query_samples: int = 200
    query_budget: float = 15.0
    parts: int = 8
    code: str = "worktree"
    command: str = ""
    postgres: str | None = None  # a PostgreSQL server (URL of a database there), or none
    flat_rounds: int = 20
    write_rounds: int = 3  # import, rebuild and their baselines, each run in turn


@dataclass
class Run:
    """Everything measured in one run, and the report being written."""

    settings: Settings
    lines: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, str, str]] = field(default_factory=list)

    def say(self, text: str = "") -> None:
        print(text, flush=True)

    def section(self, title: str, intro: str = "") -> None:
        self.say(f"\n== {title}")
        self.lines += ["", f"## {title}", ""]
        if intro:
            self.lines += [intro, ""]

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.lines.append("| " + " | ".join(header) + " |")
        self.lines.append("|" + "|".join("---" for _ in header) + "|")
        self.lines += ["| " + " | ".join(row) + " |" for row in rows]
        self.lines.append("")

    def target(self, what: str, figure: str, goal: str, met: bool | None) -> None:
        verdict = "n/a" if met is None else ("met" if met else "**NOT met**")
        self.targets.append((what, figure, goal, verdict))
        self.say(f"   target {what}: {figure} (target {goal}) -> {verdict}")


def machine() -> dict[str, str]:
    memory = "?"
    try:
        with open("/proc/meminfo") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpus (nproc)": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "eventsourcing": version("eventsourcing"),
        "pydantic": version("pydantic"),
        "mxt": version("mxt"),
    }


def revision(code: str) -> str:
    """The commit measured, and whether the work tree differed from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD" if code == "worktree" else code],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if code != "worktree":
            return f"{commit} ({code})"
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "?"
    return f"{commit or '?'}" + (" (with uncommitted changes)" if changed else "")


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def stream_for(run: Run, size: int) -> Path:
    """The generated stream of `size` lines (made once, then reused), validated by sample."""
    settings = run.settings
    path = settings.workdir / f"stream-{size}-seed{settings.seed}.jsonl"
    if path.exists() and manifest_path(path).exists():
        manifest = load_manifest(path)
        if manifest.get("size") == size and manifest.get("seed") == settings.seed:
            run.say(f"   stream {path} (reused)")
            return path
    start = time.perf_counter()
    generate(path, size, settings.seed)
    seconds = time.perf_counter() - start
    checked = validate_sample(path, min(500, size))
    run.say(f"   generated {path}: {size} lines in {seconds:.1f} s, {checked} validated")
    return path


def rate(events: int, seconds: float) -> str:
    return f"{events / seconds:,.0f}" if seconds > 0 else "-"


# -- the measurements ------------------------------------------------------------------------


def in_turn(rounds: int, commands: list[Callable[[], ChildRun]]) -> list[list[ChildRun]]:
    """Each of `commands` run `rounds` times, in turn (A B C, A B C, …): a machine's speed
    drifts over the minutes of a run (its disk above all: the same import took 1.32× and
    0.96× the batched save in two runs twenty minutes apart), and taking each ratio within one
    round, then the median of the rounds', touches both sides of a ratio alike."""
    runs: list[list[ChildRun]] = [[] for _ in commands]
    for _ in range(rounds):
        for timed, command in zip(runs, commands, strict=True):
            timed.append(command())
    return runs


def median_run(runs: list[ChildRun]) -> ChildRun:
    """One row for several runs of a command: the median wall and CPU time, the highest peak
    memory and load."""
    return replace(
        runs[0],
        seconds=statistics.median(r.seconds for r in runs),
        cpu_seconds=statistics.median(r.cpu_seconds for r in runs),
        max_rss_mb=max(r.max_rss_mb for r in runs),
        load_before=max(r.load_before for r in runs),
    )


def round_ratios(
    baselines: list[ChildRun], runs: list[ChildRun], *, cpu: bool = False
) -> list[float]:
    """Each round's baseline time / mxt time (above 1: mxt is faster)."""
    return [
        (b.cpu_seconds / r.cpu_seconds) if cpu else (b.seconds / r.seconds)
        for b, r in zip(baselines, runs, strict=True)
    ]


def median_ratio(baselines: list[ChildRun], runs: list[ChildRun], *, cpu: bool = False) -> float:
    """The median of the rounds' ratios (`round_ratios`), not the ratio of medians."""
    return statistics.median(round_ratios(baselines, runs, cpu=cpu))


def _rounds_said(baselines: list[ChildRun], runs: list[ChildRun]) -> str:
    if len(runs) == 1:
        return ""
    each = ", ".join(f"{ratio:.2f}×" for ratio in round_ratios(baselines, runs))
    return f" (median of {len(runs)} rounds run in turn: {each})"


def measure_import(run: Run, stream: Path, store: Path) -> ChildRun:
    size = run.settings.size
    rounds = run.settings.write_rounds
    mxt = mxt_command()
    run.section(
        "Import",
        f"`mxt import` of one JSONL file of {size:,} lines into an empty SQLite store (read "
        "models included), in its own process, against two baselines storing the same lines "
        f"in the same run; the three run in turn, {rounds} time(s) each, each ratio the median "
        "of the rounds' ratios and each row the median of the rounds' times (peak: the highest). "
        "Seconds are the whole process's wall time; CPU is user + system; "
        "load is the 1-minute load average as the process started (this machine has "
        f"{os.cpu_count()} CPUs).",
    )
    run.say(f"   load average before: {load()}")

    def import_once() -> ChildRun:
        result = run_child([*mxt, "--store", str(fresh(store)), "import", "--json", str(stream)])
        counts = json.loads(result.stdout)
        if counts["recorded"] != size:
            raise RuntimeError(f"mxt import recorded {counts}, expected {size}")
        run.say(
            f"   mxt import: {size:,} in {result.seconds:.1f} s = "
            f"{rate(size, result.seconds)}/s, peak {result.max_rss_mb:.0f} MB"
        )
        return result

    def baseline_once(mode: str) -> Callable[[], ChildRun]:
        def once() -> ChildRun:
            db = fresh(run.settings.workdir / f"baseline-{mode}.sqlite")
            argv = [sys.executable, "-m", "bench.baselines", mode, str(stream), str(db)]
            baseline = run_child(argv)
            fresh(db)
            run.say(
                f"   {mode}: {size:,} in {baseline.seconds:.1f} s = "
                f"{rate(size, baseline.seconds)}/s, peak {baseline.max_rss_mb:.0f} MB"
            )
            return baseline

        return once

    modes = ("es-save", "sqlite")
    # the last import's store is left for the rebuild: mxt's run comes last in each round
    *timed_baselines, imports = in_turn(
        rounds, [*(baseline_once(mode) for mode in modes), import_once]
    )
    baselines = dict(zip(modes, timed_baselines, strict=True))
    result = median_run(imports)
    rows = [["mxt import (read models included)", *_child_cells(size, result), "1.00"]]
    for name, mode in (
        ("eventsourcing `save(*1000 aggregates)`", "es-save"),
        ("raw sqlite3 `executemany`, one transaction", "sqlite"),
    ):
        rows.append(
            [
                name,
                *_child_cells(size, median_run(baselines[mode])),
                f"{1 / median_ratio(baselines[mode], imports):.2f}",
            ]
        )
    run.table(
        ["what", "load", *CHILD_COLUMNS],
        rows,
    )
    for mode, what, goal in (
        ("es-save", "eventsourcing's batched save", IMPORT_RATIO),
        ("sqlite", "the raw sqlite3 floor", RAW_RATIO),
    ):
        ratio = median_ratio(baselines[mode], imports)
        cpu_ratio = median_ratio(baselines[mode], imports, cpu=True)
        run.lines.append(
            f"- mxt import / {what}: **{ratio:.2f}×** (by CPU time {cpu_ratio:.2f}×)"
            f"{_rounds_said(baselines[mode], imports)}; goal ≥ {goal}×."
        )
        base = median_run(baselines[mode])
        run.target(
            f"`mxt import` vs {what} ({size:,})",
            f"{ratio:.2f}× ({rate(size, result.seconds)}/s vs "
            f"{rate(size, base.seconds)}/s; by CPU {cpu_ratio:.2f}×)",
            f"≥ {goal}×",
            ratio >= goal,
        )
    run.lines.append("")
    return result


def _child_cells(events: int, child: ChildRun) -> list[str]:
    return [
        f"{child.load_before:.1f}",
        f"{events:,}",
        f"{child.seconds:.2f}",
        rate(events, child.seconds),
        f"{child.cpu_seconds:.2f}",
        rate(events, child.cpu_seconds),
        f"{child.max_rss_mb:.0f}",
    ]


def measure_rebuild(run: Run, store: Path) -> ChildRun:
    size = run.settings.size
    rounds = run.settings.write_rounds
    run.section(
        "Rebuild",
        "`mxt rebuild` of the imported store (drop every read model, replay the whole log) "
        "against reading and JSON-decoding the same stored events through eventsourcing's "
        f"`select_notifications` (pages of 5,000), each in its own process; the two run in "
        f"turn, {rounds} time(s) each, the ratio the median of the rounds' ratios.",
    )
    events: list[int] = []

    def rebuild_once() -> ChildRun:
        result = run_child([*mxt_command(), "--store", str(store), "rebuild"])
        run.say(
            f"   mxt rebuild: {size:,} in {result.seconds:.1f} s = "
            f"{rate(size, result.seconds)}/s, peak {result.max_rss_mb:.0f} MB"
        )
        return result

    def read_once() -> ChildRun:
        baseline = run_child([sys.executable, "-m", "bench.baselines", "es-read", str(store)])
        events.append(json.loads(baseline.stdout)["events"])
        run.say(
            f"   select_notifications + decode: {events[-1]:,} in {baseline.seconds:.1f} s = "
            f"{rate(events[-1], baseline.seconds)}/s"
        )
        return baseline

    reads, rebuilds = in_turn(rounds, [read_once, rebuild_once])
    result, baseline = median_run(rebuilds), median_run(reads)
    ratio = median_ratio(reads, rebuilds)
    run.table(
        ["what", "load", *CHILD_COLUMNS],
        [
            ["mxt rebuild", *_child_cells(size, result), "1.00"],
            [
                "`select_notifications` + `json.loads`",
                *_child_cells(events[-1], baseline),
                f"{1 / ratio:.2f}",
            ],
        ],
    )
    projected = result.seconds * TARGET_SIZE / size
    cpu_ratio = median_ratio(reads, rebuilds, cpu=True)
    run.lines.append(
        f"mxt rebuild / read-and-decode: **{ratio:.2f}×** (by CPU time {cpu_ratio:.2f}×)"
        f"{_rounds_said(reads, rebuilds)}; target ≥ {REBUILD_RATIO}×. "
        f"At this rate 1M announcements rebuild in {projected:.0f} s (target < "
        f"{REBUILD_1M_SECONDS:.0f} s)."
    )
    run.target(
        f"`mxt rebuild` vs select_notifications + decode ({size:,})",
        f"{ratio:.2f}× ({rate(size, result.seconds)}/s vs "
        f"{rate(events[-1], baseline.seconds)}/s; by CPU {cpu_ratio:.2f}×)",
        f"≥ {REBUILD_RATIO}×",
        ratio >= REBUILD_RATIO,
    )
    run.target(
        "`mxt rebuild` of 1M",
        f"{projected:.1f} s" + ("" if size == TARGET_SIZE else f" (projected from {size:,})"),
        f"< {REBUILD_1M_SECONDS:.0f} s",
        projected < REBUILD_1M_SECONDS if size >= 100_000 else None,
    )
    return result


def count_lines(path: Path) -> int:
    with open(path, "rb") as lines:
        return sum(1 for _ in lines)


def split_stream(stream: Path, parts: int, workdir: Path) -> Iterator[Path]:
    """`stream` cut into `parts` files of consecutive lines (corrections stay after)."""
    total = count_lines(stream)
    per_part = -(-total // parts)
    with open(stream, "rb") as lines:
        for index in range(parts):
            part = workdir / f"{stream.stem}.part{index}.jsonl"
            with open(part, "wb") as out:
                for _ in range(per_part):
                    line = lines.readline()
                    if not line:
                        break
                    out.write(line)
            yield part


def build_query_store(run: Run, size: int) -> Path:
    """A store of `size` lines imported in parts, so that `recorded_at` spreads over time."""
    settings = run.settings
    stream = stream_for(run, size)
    store = fresh(settings.workdir / f"query-{size}.sqlite")
    start = time.perf_counter()
    for part in split_stream(stream, settings.parts, settings.workdir):
        run_child([*mxt_command(), "--store", str(store), "import", str(part)])
        part.unlink()
    run.say(
        f"   query store of {size:,}: imported in {settings.parts} parts in "
        f"{time.perf_counter() - start:.1f} s"
    )
    return store


def measure_queries(run: Run) -> None:
    settings = run.settings
    run.section(
        "As-of queries",
        "In-process latency of the `ReadSide` methods behind `state model`, `state market`, "
        "`state company` and `audit targets --company`, each with a random subject, a random "
        "`--as-of` (2016-01-01 … 2026-06-30) and a random `--known-at` (from the first "
        "recorded event to a little after the last). Each store is imported in "
        f"{settings.parts} parts so that `recorded_at` spreads. Up to "
        f"{settings.query_samples} samples a query (at most {settings.query_budget:.0f} s), "
        "after 3 warm-up calls. Streams have max(50, size / 2,000) companies: a company's "
        "history grows with the size up to 100,000 lines (about 2,000 lines each), then the "
        "number of companies grows instead.",
    )
    results: dict[int, dict[str, tuple[float, float, int, float]]] = {}
    for size in settings.sizes:
        store_path = build_query_store(run, size)
        results[size] = time_queries(run, size, store_path)
    header = ["query"]
    for size in settings.sizes:
        header += [f"p50 ms @{size:,}", f"p95 ms @{size:,}"]
    smallest, largest = settings.sizes[0], settings.sizes[-1]
    before = settings.sizes[-2] if len(settings.sizes) > 2 else None
    if len(settings.sizes) > 1:
        header.append(f"p50 {largest:,} / {smallest:,}")
    if before:
        header.append(f"p50 {largest:,} / {before:,}")
    rows = []
    for name in QUERY_KINDS:
        row = [name]
        for size in settings.sizes:
            p50, p95, _, _ = results[size][name]
            row += [f"{p50:.2f}", f"{p95:.2f}"]
        if len(settings.sizes) > 1:
            row.append(f"{results[largest][name][0] / results[smallest][name][0]:.2f}×")
        if before:
            row.append(f"{results[largest][name][0] / results[before][name][0]:.2f}×")
        rows.append(row)
    run.table(header, rows)
    for size in settings.sizes:
        samples = ", ".join(
            f"{name} {results[size][name][2]} ({results[size][name][3]:.0%})"
            for name in QUERY_KINDS
        )
        run.lines.append(f"- samples at {size:,} (share of answers with data): {samples}")
    run.lines.append("")
    at_target = largest >= TARGET_SIZE
    for name in QUERY_KINDS:
        p50, goal = results[largest][name][0], QUERY_P50_MS[name]
        run.target(
            f"in-process p50 `{name}` at {largest:,}"
            + ("" if at_target else " (the goal is for 1M: no verdict)"),
            f"{p50:.2f} ms",
            f"≤ {goal:g} ms at 1M",
            p50 <= goal if at_target else None,
        )


def time_queries(
    run: Run, size: int, store_path: Path | str
) -> dict[str, tuple[float, float, int, float]]:
    """p50, p95 (ms), samples and share of answers with data, for each query kind."""
    from mxt.cli.options import make_query
    from mxt.projections.questions.read_side import ReadSide
    from mxt.storage.store import Store

    settings = run.settings
    manifest = load_manifest(settings.workdir / f"stream-{size}-seed{settings.seed}.jsonl")
    companies = manifest["companies"]
    rng = random.Random(settings.seed * 7919 + size)
    store = Store(store_path)
    read_side = ReadSide(store)
    with store.read() as cursor:
        cursor.execute("SELECT MIN(known_from), MAX(known_from) FROM mxt_rm_versions")
        first, last = cursor.fetchone()
    earliest = datetime.fromisoformat(first.replace("Z", "+00:00"))
    latest = datetime.fromisoformat(last.replace("Z", "+00:00"))
    spread = (latest - earliest).total_seconds() * 1.1 + 1

    def query() -> Any:
        as_of = date(2016, 1, 1) + timedelta(days=rng.randint(0, 3833))
        known_at = earliest + timedelta(seconds=rng.uniform(0, spread))
        return make_query(as_of.isoformat(), known_at.astimezone(UTC).isoformat())

    def state_model() -> bool:
        chosen = rng.choice(companies)
        return bool(read_side.model(chosen["name"], rng.choice(chosen["models"]), query()).known)

    def state_market() -> bool:
        return bool(read_side.market(rng.choice(MARKETS), query()).known)

    def state_company() -> bool:
        return bool(read_side.company(rng.choice(companies)["name"], query()).known)

    def audit_targets() -> bool:
        return bool(read_side.audit_targets(query(), (rng.choice(companies)["name"],)).known)

    calls: dict[str, Callable[[], bool]] = {
        "state model": state_model,
        "state market": state_market,
        "state company": state_company,
        "audit targets": audit_targets,
    }
    results = {}
    for name, call in calls.items():
        for _ in range(3):
            call()
        timings: list[float] = []
        known = 0
        budget_end = time.perf_counter() + settings.query_budget
        while len(timings) < settings.query_samples and (
            len(timings) < 5 or time.perf_counter() < budget_end
        ):
            start = time.perf_counter()
            known += call()
            timings.append((time.perf_counter() - start) * 1000)
        p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
        results[name] = (p50, p95, len(timings), known / len(timings))
        run.say(
            f"   {size:>9,} {name:<14} p50 {p50:8.2f} ms  p95 {p95:8.2f} ms  "
            f"({len(timings)} samples, {known / len(timings):.0%} with data)"
        )
    store.close()
    return results


def measure_processes(run: Run, store: Path, manifest: dict[str, Any]) -> None:
    settings = run.settings
    mxt = mxt_command()
    chosen = manifest["companies"][len(manifest["companies"]) // 2]
    company, model = chosen["name"], chosen["models"][0]
    run.section(
        "Whole-process wall time",
        f"Median of {settings.repeat} runs each (after one warm-up round), the commands taking "
        f"turns, on the {settings.size:,}-line store. `record` appends a new statement each run. "
        "The ratio to the bare imports is the median of the rounds' ratios (each command "
        "against the bare imports run just before it in its round).",
    )
    commands: dict[str, Callable[[int], list[str]]] = {
        "python -c pass": lambda _: [sys.executable, "-c", "pass"],
        "python -c 'import click, pydantic, eventsourcing.application'": lambda _: [
            sys.executable,
            "-c",
            "import click, pydantic, eventsourcing.application",
        ],
        f"mxt state company '{company}' --json": lambda _: [
            *mxt,
            "--store",
            str(store),
            "state",
            "company",
            company,
            "--json",
        ],  # fmt: skip
        f"mxt state model '{company}/{model}' --json": lambda _: [
            *mxt,
            "--store",
            str(store),
            "state",
            "model",
            f"{company}/{model}",
            "--json",
        ],  # fmt: skip
        "mxt record statement …": lambda i: [
            *mxt,
            "--store",
            str(store),
            "record",
            "statement",
            "--company",
            company,
            "--announced-on",
            "2025-06-30",
            "--source",
            "bench",
            "--topic",
            "benchmark",
            "--text",
            f"process timing run {i} at {time.time_ns()}",
        ],  # fmt: skip
    }
    timings: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for round_number in range(settings.repeat + 1):
        for name, argv in commands.items():
            child = run_child(argv(round_number))
            if round_number:
                timings[name].append(child.seconds * 1000)
                peaks[name] = max(peaks[name], child.max_rss_mb)
    medians = {name: statistics.median(values) for name, values in timings.items()}
    bare_name = "python -c 'import click, pydantic, eventsourcing.application'"
    bare = medians[bare_name]
    # each command against the bare imports of its own round (run just before it): pairs keep
    # the ratio meaningful when the machine's speed drifts (other work starting or ending)
    paired = {
        name: statistics.median(t / b for t, b in zip(values, timings[bare_name], strict=True))
        for name, values in timings.items()
    }
    rows = []
    for name, median in medians.items():
        run.say(f"   {name}: median {median:.0f} ms")
        rows.append(
            [
                f"`{name}`",
                f"{median:.0f}",
                f"{min(timings[name]):.0f}",
                f"{max(timings[name]):.0f}",
                f"{paired[name]:.2f}",
                f"{peaks[name]:.0f}",
            ]
        )
    run.table(
        ["command", "median ms", "min ms", "max ms", "× bare imports (median of rounds)",
         "peak MB"],
        rows,
    )  # fmt: skip
    for name in list(medians)[2:]:
        ratio = paired[name]
        goal = next((g for what, g in PROCESS_RATIO.items() if f"mxt {what} " in name), None)
        run.target(
            f"`{name.split(' --')[0]}` whole process vs bare imports",
            f"{ratio:.2f}× ({medians[name]:.0f} ms vs {bare:.0f} ms)",
            f"≤ {goal}×" if goal else "(none)",
            ratio <= goal if goal else None,
        )


def measure_flatness(run: Run) -> None:
    """The flatness case of issue 27 (`bench.flatness`), on SQLite and on PostgreSQL."""
    from .flatness import FLAT_RATIO, FULL, Scale, run_case

    settings = run.settings
    run.section(
        "Flatness",
        "The same answer from a store 50× deeper and wider (`python -m bench.flatness`): a "
        "store of 20 companies' 2,000 announcements alone, and one of the same lines with "
        "12,000 restatements of their slots (copies of their target, deliveries, orders and "
        "wait-time announcements, each dated before the line it restates, so superseded) and "
        "78,000 announcements of 980 other companies. `mxt state company` of each of the 20 "
        "answers the same JSON from both (asserted); then the whole process on each store in "
        f"turn, {settings.flat_rounds} pairs, the companies in rotation: the figure is the "
        "median of the pairs' ratios.",
    )
    scale = Scale.of(settings.size)
    if scale != FULL:
        run.lines += [f"(At this size the case is scaled down: {scale}.)", ""]
    found = run_case(mxt_command(), run_child, settings.workdir, settings.seed,
                     settings.flat_rounds, settings.postgres, scale)  # fmt: skip
    rows = []
    for backend, figures in found.items():
        run.say(f"   {backend}: deep/small {figures['ratio']:.2f}×")
        rows.append([backend, f"{figures['small_ms']:.0f}", f"{figures['deep_ms']:.0f}",
                     f"{figures['ratio']:.2f}×"])  # fmt: skip
        run.target(
            f"`state company` deep / small store, whole process ({backend})",
            f"{figures['ratio']:.2f}× ({figures['deep_ms']:.0f} ms vs "
            f"{figures['small_ms']:.0f} ms)",
            f"≤ {FLAT_RATIO}×",
            figures["ratio"] <= FLAT_RATIO,
        )
    run.table(["store", "small: median ms", "deep: median ms", "deep / small (pairs)"], rows)


def measure_postgres(run: Run, stream: Path) -> None:
    """Import, rebuild and the four questions on PostgreSQL, each beside the same baseline
    as on SQLite, in throw-away databases of `settings.postgres`."""
    from .flatness import postgres_database

    settings = run.settings
    server = settings.postgres
    if not server:
        return
    size = settings.size
    mxt = mxt_command()
    run.section(
        "PostgreSQL",
        f"The same {size:,}-line stream on PostgreSQL ({_server_version(server)}, on this "
        "machine), each figure beside its baseline run against the same server in the same "
        "run, in databases made for the run and dropped after it. Queries as on SQLite, on the "
        "store of one import (its `recorded_at` all one moment).",
    )
    with postgres_database(server) as store, postgres_database(server) as scratch:
        imported = run_child([*mxt, "--store", store, "import", str(stream)])
        saved = run_child([sys.executable, "-m", "bench.baselines", "es-save", str(stream),
                           scratch])  # fmt: skip
        rebuilt = run_child([*mxt, "--store", store, "rebuild"])
        read = run_child([sys.executable, "-m", "bench.baselines", "es-read", store])
        events = json.loads(read.stdout)["events"]
        run.table(
            ["what", "load", *CHILD_COLUMNS],
            [
                ["mxt import", *_child_cells(size, imported), "1.00"],
                ["eventsourcing `save(*1000 aggregates)`", *_child_cells(size, saved),
                 f"{imported.seconds / saved.seconds:.2f}"],
                ["mxt rebuild", *_child_cells(size, rebuilt), "1.00"],
                ["`select_notifications` + `json.loads`", *_child_cells(events, read),
                 f"{rebuilt.seconds / read.seconds:.2f}"],
            ],
        )  # fmt: skip
        for what, mine, theirs in (("import", imported, saved), ("rebuild", rebuilt, read)):
            ratio = theirs.seconds / mine.seconds
            run.say(f"   PostgreSQL {what}: {mine.seconds:.1f} s, {ratio:.2f}× its baseline")
            run.lines.append(f"- PostgreSQL mxt {what} / its baseline: **{ratio:.2f}×**")
        run.lines.append("")
        results = time_queries(run, size, store)
    run.table(
        ["query", f"p50 ms @{size:,}", f"p95 ms @{size:,}", "samples"],
        [[name, f"{p50:.2f}", f"{p95:.2f}", str(count)]
         for name, (p50, p95, count, _) in results.items()],
    )  # fmt: skip


def _server_version(server: str) -> str:
    try:
        import psycopg

        with psycopg.connect(server) as connection:
            row = connection.execute("SHOW server_version").fetchone()
        return f"PostgreSQL {row[0].split()[0]}" if row else "PostgreSQL"
    except Exception:  # noqa: BLE001 (a figure's label only)
        return "PostgreSQL"


def measure_memory(run: Run, imported: ChildRun, rebuilt: ChildRun) -> None:
    size = run.settings.size
    how = "GNU time's %M" if GNU_TIME else "`wait4`'s ru_maxrss, an upper bound"
    run.section("Peak memory", f"Maximum resident set size of the child process ({how}).")
    run.table(
        ["process", "lines", "peak MB"],
        [
            ["mxt import", f"{size:,}", f"{imported.max_rss_mb:.0f}"],
            ["mxt rebuild", f"{size:,}", f"{rebuilt.max_rss_mb:.0f}"],
        ],
    )
    at = "" if size == TARGET_SIZE else f" (at {size:,}; the target is for 1M)"
    for name, child in (("import", imported), ("rebuild", rebuilt)):
        run.target(
            f"peak memory of {name}{at}",
            f"{child.max_rss_mb:.0f} MB",
            f"≤ {PEAK_MB:.0f} MB",
            child.max_rss_mb <= PEAK_MB,
        )


# -- the run ---------------------------------------------------------------------------------


def run_benchmark(settings: Settings) -> Path:
    """Measures everything, writes `settings.out`, and returns its path."""
    settings.workdir.mkdir(parents=True, exist_ok=True)
    run = Run(settings)
    started = datetime.now(UTC)
    load_before = load()
    info = machine()
    code = revision(settings.code)
    snapshot_code(settings.workdir, settings.code)
    run.say(f"mxt benchmark, {settings.size:,} lines: {settings.command}")
    run.say("   " + ", ".join(f"{k} {v}" for k, v in info.items()))
    stream = stream_for(run, settings.size)
    manifest = load_manifest(stream)
    store = settings.workdir / f"store-{settings.size}.sqlite"
    imported = measure_import(run, stream, store)
    rebuilt = measure_rebuild(run, store)
    measure_memory(run, imported, rebuilt)
    measure_queries(run)
    measure_processes(run, store, manifest)
    measure_flatness(run)
    measure_postgres(run, stream)
    from .report import measure_report

    measure_report(run)
    finished = datetime.now(UTC)

    head = [
        "# mxt benchmark results",
        "",
        f"- command: `{settings.command}`",
        f"- date: {started:%Y-%m-%d %H:%M} UTC (took {(finished - started).total_seconds():.0f} s)",
        f"- code: commit {code}, copied to {settings.workdir.name}/code at the start",
        "- machine: " + ", ".join(f"{k} {v}" for k, v in info.items()),
        *(
            [
                f"- PostgreSQL: {_server_version(settings.postgres)} at "
                f"{settings.postgres.split('@')[-1].rsplit('/', 1)[0]} (this machine), a "
                "database made for each store and dropped after"
            ]
            if settings.postgres
            else []
        ),  # fmt: skip
        f"- load average (1, 5, 15 min): {load_before} before, {load()} after — other "
        "processes on the machine slow every figure alike; compare ratios within one run",
        f"- stream: {settings.size:,} lines (seed {settings.seed}): "
        f"{manifest['announcements']:,} announcements, {manifest['corrections']:,} "
        f"corrections, {manifest['retractions']:,} retractions; "
        f"{len(manifest['companies'])} companies, "
        f"{sum(len(c['models']) for c in manifest['companies'])} models, "
        f"{len(manifest['markets'])} markets; {stream.stat().st_size / 1e6:.0f} MB; kinds: "
        + ", ".join(f"{k} {v:,}" for k, v in manifest["kinds"].items()),
        "",
        "## Goals (issue 27; those of issue 6 where it names none)",
        "",
        "| target | figure | goal | verdict |",
        "|---|---|---|---|",
        *[
            f"| {what} | {figure} | {goal} | {verdict} |"
            for what, figure, goal, verdict in run.targets
        ],
    ]
    settings.out.parent.mkdir(parents=True, exist_ok=True)
    settings.out.write_text("\n".join(head + run.lines).rstrip() + "\n")
    run.say(f"\nwrote {settings.out}")
    return settings.out


def run_write_measures(settings: Settings) -> Path:
    """Measures import, rebuild and their peak memory alone, and puts them into `settings.out`:
    their sections and their rows of the goals table replaced, a line under the heading
    saying when, on what and by which command they were taken (the rest of the file, from
    an earlier full run, kept as it is)."""
    settings.workdir.mkdir(parents=True, exist_ok=True)
    run = Run(settings)
    started = datetime.now(UTC)
    load_before = load()
    code = revision(settings.code)
    snapshot_code(settings.workdir, settings.code)
    run.say(f"mxt import and rebuild benchmark: {settings.command}")
    stream = stream_for(run, settings.size)
    store = settings.workdir / f"store-{settings.size}.sqlite"
    imported = measure_import(run, stream, store)
    rebuilt = measure_rebuild(run, store)
    measure_memory(run, imported, rebuilt)
    text = settings.out.read_text() if settings.out.exists() else "# mxt benchmark results\n"
    for section in re.finditer(
        r"^## .*?(?=^## |\Z)", "\n".join(run.lines).strip() + "\n", re.S | re.M
    ):
        title = section.group(0).split("\n", 1)[0]
        found = re.search(rf"^{re.escape(title)}\n.*?(?=^## |\Z)", text, re.S | re.M)
        body = section.group(0).rstrip() + "\n\n"
        text = text[: found.start()] + body + text[found.end() :] if found else text + "\n" + body
    new_rows = []
    for what, figure, goal, verdict in run.targets:
        row = f"| {what} | {figure} | {goal} | {verdict} |"
        text, replaced = re.subn(
            rf"^\| {re.escape(what)} \|.*$", row.replace("\\", "\\\\"), text, flags=re.M
        )
        if not replaced:
            new_rows.append(row + "\n")
    # new rows go under the goals table's own heading (a bare "|---|---|---|---|" also ends the
    # separator of any wider table); a file without one gets one
    goals = "| target | figure | goal | verdict |\n|---|---|---|---|\n"
    if goals not in text:
        text = text.replace("\n", "\n\n" + goals, 1)
    text = text.replace(goals, goals + "".join(new_rows), 1)
    note = (
        f"- import, rebuild and their peak memory (their rows and sections) re-measured by "
        f"`{settings.command}`: {started:%Y-%m-%d %H:%M} UTC, commit {code}, load average "
        f"{load_before} before, {load()} after"
    )
    text = re.sub(r"^- import, rebuild and their peak memory .*\n", "", text, flags=re.M)
    text = re.sub(
        r"^(- stream: .*\n)", lambda m: m.group(1) + note + "\n", text, count=1, flags=re.M
    )
    settings.out.write_text(text.rstrip() + "\n")
    run.say(f"\nwrote the import and rebuild figures of {settings.out}")
    return settings.out
