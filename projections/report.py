"""What `mxt report` shows, gathered from the queries: typed data, no HTML here.

Per company: its state as of the date, each charted target's revisions against cumulative
actuals, monthly deliveries, a market x model availability matrix and a timeline; for the
whole page the two time axes, the number of events and the verify head hash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from mxt.events.codes import FIRST_MONTH, month_index, month_of_index

from .periods import is_calendar_period, parse_period
from .queries import ReadSide
from .state import Query
from .tables import key

CHARTED_TARGETS = 3  # per company: the targets in force with the latest periods
CHARTED_MONTHS = 24  # monthly deliveries charted: the last two years up to the as-of date
TIMELINE_LIMIT = 40  # announcements listed per company: the latest ones, in time order

_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class Revision:
    """One value a target had from `announced_on` on."""

    announced_on: str
    value: int
    bound: str
    high: int | None
    id: str
    status: str


@dataclass(frozen=True)
class TargetSeries:
    """A target's revisions over time beside the cumulative actuals of its period."""

    metric: str
    period: str
    scope: str
    starts_on: str
    ends_on: str
    revisions: list[Revision]
    actual_metric: str
    actuals: list[tuple[str, int]]  # (last day of a month, cumulative units up to it)

    @property
    def label(self) -> str:
        return f"{self.metric} {self.period}{self.scope}"


@dataclass(frozen=True)
class MonthlyFigure:
    """A company's delivered (or sold, produced) total of one month, with its bound."""

    period: str
    metric: str
    units: int
    bound: str
    high: int | None
    id: str | None


@dataclass
class CompanyReport:
    """Everything the page shows about one company."""

    name: str
    state: dict[str, Any]
    targets: list[TargetSeries]
    monthly: list[MonthlyFigure]  # those from `monthly_since` on
    monthly_since: str  # YYYY-MM
    markets: list[str]
    matrix: list[tuple[str, list[str]]]  # (model, status per market)
    timeline: list[dict[str, Any]]
    timeline_total: int
    extras: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass
class Report:
    """The whole page: its two time axes, the history it shows, and the companies."""

    as_of: str
    known_at: str
    events: int
    head: str
    companies: list[CompanyReport]


def gather_report(read_side: ReadSide, query: Query, companies: Sequence[str] = ()) -> Report:
    """The report as of `query.as_of`, known at `query.known_at`: the companies named (all
    known ones when none are), with the log's size and head hash from `verify` (a log that
    fails it is refused: `DamagedLog`); the default known-at (everything recorded) is given
    as the moment it stands for."""
    from mxt.domain.integrity import refuse_damage

    query = read_side.resolve(query)
    verified = refuse_damage(read_side.verified(), "report")
    known = read_side.names(query)
    names = [known[key(n)].company if key(n) in known else n for n in companies] or sorted(
        (names.company for names in known.values()), key=str.casefold
    )
    checks = checks_by_company(read_side, query)
    reports = [_company(read_side, name, query, checks.get(key(name), {})) for name in names]
    statuses = _market_statuses(read_side, query, {m for r in reports for m in r.markets})
    for company in reports:
        company.matrix = [
            (model, [statuses.get((key(company.name), key(model), m), "unknown")
                     for m in company.markets])
            for model, _ in company.matrix
        ]  # fmt: skip
    return Report(query.as_of, query.known_at, verified.events, verified.short_head, reports)


def _company(
    read_side: ReadSide, name: str, query: Query, checked: dict[str, list[Any]]
) -> CompanyReport:
    """One company's part of the page (its matrix filled in later, market by market), with
    its progress and claims as `checks_by_company` found them."""
    from .conflicts import conflicts

    state = read_side.company(name, query).data
    entries = list(read_side.log(query, company=name).data)
    active = [entry for entry in entries if entry["status"] == "active"]
    monthly = monthly_figures(state["deliveries"])
    revisions = read_side.audit_targets(query, company=name).data
    models = [model["model"] for model in state["models"]]
    since = _months_before(query.as_of, CHARTED_MONTHS)
    checks = {
        "progress": checked.get("progress", []),
        "conflicts": list(conflicts(read_side, query, name).data),
        "claims": checked.get("claims", []),
    }
    by_id = {entry["id"]: entry for entry in active}
    return CompanyReport(
        name=state["company"],
        state=state,
        targets=target_series(state["targets"], revisions, checks["progress"], by_id),
        monthly=[m for m in monthly if m.period >= since],
        monthly_since=since,
        markets=markets_mentioned(active),
        matrix=[(model, []) for model in models],
        timeline=entries[-TIMELINE_LIMIT:],
        timeline_total=len(entries),
        extras=checks,
    )


def checks_by_company(read_side: ReadSide, query: Query) -> dict[str, dict[str, list[Any]]]:
    """Every company's targets against actuals (as `mxt progress` counts them) and its recorded
    claims with their verdicts, by company key: each asked once for all companies (both read every
    company's evidence, which costs the same for one company as for all)."""
    from .checking import check_answer, progress_answer, recorded_claims

    found: dict[str, dict[str, list[Any]]] = {}
    for row in progress_answer(read_side, query).data:
        found.setdefault(key(row["company"]), {}).setdefault("progress", []).append(row)
    claims = recorded_claims(read_side, query)
    for claim, row in zip(claims, check_answer(read_side, query, claims).data, strict=True):
        checked = {**row, "announced_on": claim.announced_on}
        found.setdefault(key(row["company"]), {}).setdefault("claims", []).append(checked)
    return found


def monthly_figures(deliveries: Iterable[dict[str, Any]]) -> list[MonthlyFigure]:
    """The company totals of single months, in month order."""
    return sorted(
        (
            MonthlyFigure(
                period=d["period"],
                metric=d.get("metric") or "deliveries",
                units=d["units"],
                bound=d.get("bound") or "exact",
                high=d.get("high"),
                id=d.get("id"),
            )
            for d in deliveries
            if _MONTH.match(d["period"]) and is_calendar_period(d["period"])
        ),
        key=lambda m: (m.period, m.metric),
    )


def target_series(
    in_force: Sequence[dict[str, Any]],
    revisions: Sequence[dict[str, Any]],
    progress: Sequence[dict[str, Any]],
    entries: dict[str, dict[str, Any]],
) -> list[TargetSeries]:
    """The targets in force with the latest periods, each with its revisions (retracted and
    unconfirmed ones left out) and the running total of the figures `progress` counted
    against it (nothing counted twice, a company total over its parts: docs/concepts.md,
    Progress)."""
    charted = (t for t in in_force if is_calendar_period(t["period"]))
    chosen = sorted(charted, key=lambda t: (t["period"], t["metric"]), reverse=True)
    series = []
    for target in chosen[:CHARTED_TARGETS]:
        starts, ends = period_span(target["period"])
        ours = [
            Revision(
                r["announced_on"],
                r["value"],
                r.get("bound") or "exact",
                r.get("high"),
                r["id"],
                r["status"],
            )
            for r in revisions
            if _same_target(r, target) and r["status"] in ("in-force", "superseded")
        ]
        measured = next((p for p in progress if p["target_id"] == target["id"]), None)
        counted = [entries[i] for i in (measured or {}).get("sources", ()) if i in entries]
        series.append(
            TargetSeries(
                metric=target["metric"],
                period=target["period"],
                scope=_scope(target),
                starts_on=starts.isoformat(),
                ends_on=ends.isoformat(),
                revisions=ours,
                actual_metric=(measured or {}).get("actual_metric") or target["metric"],
                actuals=running_total(counted),
            )
        )
    return series


def _same_target(revision: dict[str, Any], target: dict[str, Any]) -> bool:
    return all(
        revision.get(name) == target.get(name) for name in ("metric", "period", "markets", "except")
    )


def _scope(target: dict[str, Any]) -> str:
    """` in DE, FR` or ` in * except CN` for a scoped target; '' when worldwide."""
    markets, excepted = target.get("markets") or ["*"], target.get("except") or []
    if markets == ["*"] and not excepted:
        return ""
    text = " in " + ", ".join(markets)
    return text + (" except " + ", ".join(excepted) if excepted else "")


def running_total(figures: Iterable[dict[str, Any]]) -> list[tuple[str, int]]:
    """(last day of a figure's period, total so far) for delivery figures in period order."""
    points, total = [], 0
    for ends, units in sorted((period_span(f["period"])[1], f["units"]) for f in figures):
        total += units
        points.append((ends.isoformat(), total))
    return points


def markets_mentioned(entries: Iterable[dict[str, Any]]) -> list[str]:
    """The markets a company's announcements name (its launches, showcases, policies,
    expected entries), its first launch market first, then alphabetically."""
    found: set[str] = set()
    first: list[str] = []
    for entry in entries:
        named = [entry.get("market"), *(entry.get("markets") or ()), *(entry.get("except") or ())]
        found.update(m for m in named if m and m != "*")
        if entry["kind"] == "launch" and not first:
            first.append(entry["market"])
    return [*first, *sorted(found - set(first))]


def _market_statuses(
    read_side: ReadSide, query: Query, markets: Iterable[str]
) -> dict[tuple[str, str, str], str]:
    """(company key, model key, market) -> status, asking each market once."""
    statuses = {}
    for market in sorted(markets):
        for row in read_side.market(market, query).data["models"]:
            if row.get("model"):
                statuses[(key(row["company"]), key(row["model"]), market)] = row["status"]
    return statuses


def period_span(period: str) -> tuple[date, date]:
    """The first and last day of `YYYY`, `YYYY-H1`, `YYYY-Q3` or `YYYY-MM`."""
    span = parse_period(period)
    return span.first, span.last


def _months_before(as_of: str, months: int) -> str:
    """The `YYYY-MM` that starts a window of `months` months ending with `as_of`'s month
    (never before the calendar's first month)."""
    return month_of_index(max(FIRST_MONTH, month_index(as_of[:7]) - (months - 1)))
