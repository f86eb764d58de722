"""The flatness case (issue 27): the same answer from a store 50× deeper and wider.

A *small* store holds 20 companies' 2,000 announcements alone. A *deep* store holds the same
lines, then 12,000 restatements of their slots (copies of their target, deliveries, orders and
wait-time announcements, each dated earlier than the line it restates and never before the
company's or model's first line, so that it is superseded and changes no answer) and 78,000
announcements of 980 other companies. `mxt state company` of each of the 20 must answer the
same from both (asserted, every company, JSON compared whole), and should take the same time:
the figure is deep / small, the whole process, the two stores taking turns.

`python -m bench.flatness [--store-url postgresql://…/postgres]` runs it alone (SQLite, and
PostgreSQL on that server in throw-away databases when given).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from .generate import generate, load_manifest, manifest_path

SMALL_COMPANIES = 20
SMALL_LINES = 2_000
RESTATEMENTS = 12_000
OTHER_COMPANIES = 980
OTHER_LINES = 78_000
RESTATED_KINDS = ("target", "deliveries", "orders", "wait-time")
# Asked with a fixed as-of and known-at, so that both stores' answers can be compared whole.
AS_OF = "2026-06-30"
KNOWN_AT = "2999-12-31T00:00:00Z"
FLAT_RATIO = 1.2


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        for text in lines:
            yield json.loads(text)


def _write(path: Path, lines: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")


class Scale(NamedTuple):
    """How big the case is: issue 27's sizes (`FULL`), or a smaller copy of it (the
    benchmark's smoke test)."""

    small_companies: int = SMALL_COMPANIES
    small_lines: int = SMALL_LINES
    restatements: int = RESTATEMENTS
    other_companies: int = OTHER_COMPANIES
    other_lines: int = OTHER_LINES

    @classmethod
    def of(cls, size: int) -> Scale:
        """The full case for a benchmark of 100,000 lines or more, else a smaller one."""
        share = min(1.0, size / 100_000)
        if share == 1.0:
            return cls()
        return cls(max(5, round(SMALL_COMPANIES * share)), max(100, round(SMALL_LINES * share)),
                   max(50, round(RESTATEMENTS * share)), max(10, round(OTHER_COMPANIES * share)),
                   max(200, round(OTHER_LINES * share)))  # fmt: skip


FULL = Scale()  # issue 27's sizes


def make_streams(
    workdir: Path, seed: int = 1, scale: Scale = FULL
) -> tuple[Path, Path, Path, list[str]]:
    """The small stream, the restatements, the other companies' stream (made once, then
    reused), and the 20 companies' names."""
    workdir.mkdir(parents=True, exist_ok=True)
    tag = f"seed{seed}" + ("" if scale == FULL else f"-{scale.small_lines}")
    small = workdir / f"flat-small-{tag}.jsonl"
    restated = workdir / f"flat-restated-{tag}.jsonl"
    others = workdir / f"flat-others-{tag}.jsonl"
    names_file = workdir / f"flat-names-{tag}.json"
    if not all(p.exists() for p in (small, restated, others, names_file)):
        generate(small, scale.small_lines, seed, companies=scale.small_companies)
        names = [company["name"] for company in load_manifest(small)["companies"]]
        _write(restated, restatements(list(_lines(small)), seed, scale.restatements))
        taken = {_key(name) for name in names}
        _write(others, other_companies(workdir, seed, taken, scale))
        names_file.write_text(json.dumps(names))
    return small, restated, others, json.loads(names_file.read_text())


def restatements(
    small: list[dict[str, Any]], seed: int, count: int = RESTATEMENTS
) -> list[dict[str, Any]]:
    """`RESTATEMENTS` copies of the small stream's value announcements (never of one that is
    corrected or retracted), each dated 1 to 400 days before the line it restates but not
    before its company's or model's first line (whose spelling names them): always earlier
    than the line it restates, of the same rank, it is superseded and changes no answer."""
    fixed = {line["id"] for line in small if line["kind"] in ("correction", "retraction")}
    first: dict[tuple[str, str], str] = {}
    for line in small:
        if "announced_on" not in line:
            continue
        company = _key(line["company"])
        for entity in ((company, ""), (company, _key(line.get("model") or ""))):
            first[entity] = min(first.get(entity, line["announced_on"]), line["announced_on"])

    def floor(line: dict[str, Any]) -> str:
        company = _key(line["company"])
        return max(first[(company, "")], first[(company, _key(line.get("model") or ""))])

    sources = [
        line for line in small
        if line["kind"] in RESTATED_KINDS and line.get("id") not in fixed
        and line["announced_on"] > floor(line)
    ]  # fmt: skip
    rng = random.Random(seed + 27)
    made = []
    for number in range(count):
        line = dict(sources[number % len(sources)])
        line.pop("id", None)
        earlier = date.fromisoformat(line["announced_on"]) - timedelta(days=rng.randint(1, 400))
        line["announced_on"] = max(earlier.isoformat(), floor(line))
        line["id"] = f"restated-{number:06d}"
        line["note"] = f"restated ({number})"
        made.append(line)
    return made


def other_companies(
    workdir: Path, seed: int, taken: set[str], scale: Scale = FULL
) -> list[dict[str, Any]]:
    """`OTHER_LINES` lines of `OTHER_COMPANIES` other companies (none named as one of the
    20; ids prefixed, so that none is one of theirs)."""
    scratch = workdir / f"flat-others-raw-seed{seed}.jsonl"
    generate(scratch, scale.other_lines, seed + 1, companies=scale.other_companies)
    dropped: set[str] = set()
    kept = []
    for line in _lines(scratch):
        if "id" in line:
            line["id"] = f"other-{line['id']}"
        if "company" in line and _key(line["company"]) in taken:
            dropped.add(line.get("id", ""))
            continue
        if line["kind"] in ("correction", "retraction") and line["id"] in dropped:
            continue
        kept.append(line)
    scratch.unlink()
    manifest_path(scratch).unlink()
    return kept


def build(mxt: list[str], run_child: Any, location: str, files: list[Path]) -> None:
    """Imports `files` into the store at `location`, one import each, in order."""
    for path in files:
        run_child([*mxt, "--store", location, "import", str(path)])


def ask(mxt: list[str], location: str, company: str) -> list[str]:
    return [
        *mxt, "--store", location, "state", "company", company, "--json",
        "--as-of", AS_OF, "--known-at", KNOWN_AT,
    ]  # fmt: skip


def compare(
    mxt: list[str], run_child: Any, small: str, deep: str, names: list[str], rounds: int
) -> dict[str, Any]:
    """Asserts that both stores answer alike for every company, then times the whole process
    on each in turn (`rounds` pairs, the companies in rotation, after one warm-up pair):
    the medians and the median of the pairs' ratios."""
    for name in names:
        one, other = (json.loads(run_child(ask(mxt, s, name)).stdout) for s in (small, deep))
        if one != other:
            raise AssertionError(f"flatness: state company {name!r} differs between the stores")
    spent: dict[str, list[float]] = {"small": [], "deep": []}
    ratios = []
    for number in range(rounds + 1):
        name = names[number % len(names)]
        pair = {label: run_child(ask(mxt, s, name)).seconds for label, s in
                (("small", small), ("deep", deep))}  # fmt: skip
        if number:
            spent["small"].append(pair["small"] * 1000)
            spent["deep"].append(pair["deep"] * 1000)
            ratios.append(pair["deep"] / pair["small"])
    return {
        "small_ms": statistics.median(spent["small"]),
        "deep_ms": statistics.median(spent["deep"]),
        "ratio": statistics.median(ratios),
        "companies": len(names),
        "rounds": rounds,
    }


@contextmanager
def postgres_database(server: str, prefix: str = "mxt_bench_") -> Iterator[str]:
    """A new, empty database on `server` (a URL of a database there), dropped afterwards
    (the tests' throw-away databases too); yields its URL."""
    import psycopg

    name = f"{prefix}{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_case(
    mxt: list[str],
    run_child: Any,
    workdir: Path,
    seed: int,
    rounds: int,
    server: str | None,
    scale: Scale = FULL,
) -> dict[str, dict[str, Any]]:
    """The case on SQLite (and on PostgreSQL at `server`): backend -> `compare`'s figures."""
    from .measure import fresh

    small, restated, others, names = make_streams(workdir, seed, scale)
    found = {}
    small_db = fresh(workdir / "flat-small.sqlite")
    deep_db = fresh(workdir / "flat-deep.sqlite")
    build(mxt, run_child, str(small_db), [small])
    build(mxt, run_child, str(deep_db), [small, restated, others])
    found["SQLite"] = compare(mxt, run_child, str(small_db), str(deep_db), names, rounds)
    if server:
        with postgres_database(server) as small_url, postgres_database(server) as deep_url:
            build(mxt, run_child, small_url, [small])
            build(mxt, run_child, deep_url, [small, restated, others])
            found["PostgreSQL"] = compare(mxt, run_child, small_url, deep_url, names, rounds)
    return found


def main(argv: list[str] | None = None) -> None:
    from .measure import ROOT, mxt_command, run_child

    parser = argparse.ArgumentParser(prog="python -m bench.flatness", description=__doc__)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--store-url", help="A PostgreSQL server (URL of a database there).")
    args = parser.parse_args(argv)
    found = run_case(mxt_command(), run_child, args.workdir, args.seed, args.rounds,
                     args.store_url)  # fmt: skip
    for backend, figures in found.items():
        print(
            f"{backend}: state company deep/small {figures['ratio']:.2f}× "
            f"({figures['deep_ms']:.0f} ms vs {figures['small_ms']:.0f} ms, "
            f"{figures['rounds']} pairs, {figures['companies']} companies asserted alike)"
        )


if __name__ == "__main__":
    main()
