"""What `mxt report` shows, gathered from the queries: typed data, no HTML here.

Per company: its state as of the date, each charted target's revisions against cumulative
actuals, monthly deliveries, a market x model availability matrix, its plans' slippage and a
timeline; for the whole page the two time axes, the number of events and the verify head
hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from mxt.events.codes import FIRST_MONTH, month_index, month_of_index
from mxt.events.content import Content
from mxt.events.kinds import KINDS

from ..readmodel.tables import key
from ..rules.audit import TargetRevision
from ..rules.company import CompanyState, ScopedFigure
from ..rules.periods import is_calendar_period, parse_period
from ..rules.state import AVAILABLE, Query
from .read_side import ReadSide

if TYPE_CHECKING:
    from ..rules.checked import ProgressRow
    from ..rules.compare import Comparison

CHARTED_TARGETS = 3  # per company: the targets in force with the latest periods
CHARTED_MONTHS = 24  # monthly deliveries charted: the last two years up to the as-of date
TIMELINE_LIMIT = 40  # announcements listed per company: the latest ones, in time order


@dataclass(frozen=True)
class TargetSeries:
    """A target's revisions over time beside the cumulative actuals of its period."""

    metric: str
    period: str
    scope: str
    starts_on: str
    ends_on: str
    revisions: list[TargetRevision]  # each value it had from its `announced_on` on
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
    scope: str = ""  # ` in * except CN`; '' worldwide

    @property
    def series(self) -> str:
        """What the figure counts, and where: `deliveries`, `sales in * except CN`."""
        return f"{self.metric}{self.scope}"


@dataclass
class CompanyReport:
    """Everything the page shows about one company."""

    name: str
    state: CompanyState
    targets: list[TargetSeries]
    monthly: list[MonthlyFigure]  # those from `monthly_since` on
    monthly_since: str  # YYYY-MM
    markets: list[str]  # in the matrix's order: regions, then countries by M49 region
    matrix: list[tuple[str, list[str]]]  # (model, status per market)
    timeline: list[Content]  # the latest entries: each an announcement, or a press release
    timeline_total: int  # announcements
    # progress, conflicts, claims, and the plans of `audit plans` (slippage)
    extras: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class Report:
    """The whole page: its two time axes, the history it shows, and the companies."""

    as_of: str
    known_at: str
    events: int
    head: str
    companies: list[CompanyReport]
    comparison: Comparison | None = None  # `mxt report --compare`: `mxt compare`'s answer


def gather_report(
    read_side: ReadSide,
    query: Query,
    companies: Sequence[str] = (),
    compare: bool = False,
    gathered: Callable[[CompanyReport], None] | None = None,
    statuses: Callable[[dict[str, list[str]]], dict[tuple[str, str, str], str]] | None = None,
) -> Report:
    """The report as of `query.as_of`, known at `query.known_at`: the companies named (all
    known ones when none are), with the log's size and head hash from `verify` (a log that
    fails it is refused: `DamagedLog`); the default known-at (everything recorded) is given
    as the moment it stands for. With `compare`, the companies side by side first (`mxt
    compare`'s answer: deliveries over the year of the as-of date). `gathered` is handed each
    company as soon as it is gathered (its market matrix still to fill in); `statuses`, when
    given, answers the matrix instead of `ReadSide.market_statuses` (from another connection
    to the same store)."""
    from mxt.domain.integrity import refuse_damage

    query = read_side.resolve(query)
    verified = refuse_damage(read_side.verified(), "report")
    known = read_side.names(query)
    names = [known[key(n)].company if key(n) in known else n for n in companies] or sorted(
        (names.company for names in known.values()), key=str.casefold
    )
    reports = []
    for name in names:
        # its rows read once, each question taking its own from them
        with read_side.view.remembering(), read_side.reading_company(name, query):
            reports.append(_company(read_side, name, query))
        if gathered is not None:
            gathered(reports[-1])
    asked = {key(company.name): company.markets for company in reports}
    found = statuses(asked) if statuses else read_side.market_statuses(query, asked).data
    for company in reports:
        company.matrix = [
            (model, [found.get((key(company.name), key(model), m), "unknown")
                     for m in company.markets])
            for model, _ in company.matrix
        ]  # fmt: skip
    comparison = None
    if compare:
        from .comparison import compare_answer

        comparison = compare_answer(read_side, query, names).data
    return Report(query.as_of, query.known_at, verified.events, verified.short_head, reports,
                  comparison)  # fmt: skip


def _company(read_side: ReadSide, name: str, query: Query) -> CompanyReport:
    """One company's part of the page (its matrix filled in later, market by market)."""
    from .checking import company_claims, progress_answer
    from .comparing import conflicts

    state = read_side.company(name, query).data
    entries = list(read_side.log(query, companies=(name,)).data)
    active = [entry for entry in entries if entry["status"] == "active"]
    monthly = monthly_figures(state.deliveries)
    revisions = read_side.audit_targets(query, (name,)).data
    models = [model.model for model in state.models]
    since = _months_before(query.as_of, CHARTED_MONTHS)
    checks: dict[str, list[Any]] = {
        "progress": list(progress_answer(read_side, query, (name,)).data),
        "conflicts": list(conflicts(read_side, query, (name,)).data),
        "claims": company_claims(read_side, name, query),
        "slippage": list(read_side.audit_plans(query, (name,)).data),
    }
    by_id = {entry["id"]: entry for entry in active}
    return CompanyReport(
        name=state.company,
        state=state,
        targets=target_series(state.targets, revisions, checks["progress"], by_id),
        monthly=[m for m in monthly if m.period >= since],
        monthly_since=since,
        markets=matrix_order(markets_mentioned(active)),
        matrix=[(model, []) for model in models],
        timeline=press_releases(entries, TIMELINE_LIMIT),
        timeline_total=len(entries),
        extras=checks,
    )


def monthly_figures(deliveries: Iterable[ScopedFigure]) -> list[MonthlyFigure]:
    """The company totals of single months, in month order."""
    return sorted(
        (
            MonthlyFigure(
                period=d.period,
                metric=d.metric,
                units=d.figure.value,
                bound=d.figure.bound,
                high=d.figure.high,
                id=d.figure.id,
                scope=d.scope.spelled(),
            )
            for d in deliveries
            if is_calendar_period(d.period) and parse_period(d.period).is_month
        ),
        key=lambda m: (m.period, m.metric, m.scope),
    )


def target_series(
    in_force: Sequence[ScopedFigure],
    revisions: Sequence[TargetRevision],
    progress: Sequence[ProgressRow],
    entries: dict[str, Content],
) -> list[TargetSeries]:
    """The targets in force with the latest periods, each with the revisions that were in
    force from their day on (as `audit targets` decides: a retracted one, or a lower-rank
    report after a stronger figure, agreeing or not, never was) and the running total of the
    figures `progress` counted against it (nothing counted twice, a company total over its
    parts: docs/concepts.md, Progress)."""
    charted = (t for t in in_force if is_calendar_period(t.period))
    chosen = sorted(charted, key=lambda t: (t.period, t.metric), reverse=True)
    series = []
    for target in chosen[:CHARTED_TARGETS]:
        starts, ends = period_span(target.period)
        ours = [
            revision
            for revision in revisions
            if (revision.metric, revision.period, revision.scope)
            == (target.metric, target.period, target.scope)
            and revision.took_force
        ]
        measured = next((p for p in progress if p.target_id == target.figure.id), None)
        sources = measured.sources if measured else ()
        counted = [entries[i] for i in sources if i in entries]
        series.append(
            TargetSeries(
                metric=target.metric,
                period=target.period,
                scope=target.scope.spelled(),
                starts_on=starts.isoformat(),
                ends_on=ends.isoformat(),
                revisions=ours,
                actual_metric=(measured.actual_metric if measured else None) or target.metric,
                actuals=running_total(counted),
            )
        )
    return series


def running_total(figures: Iterable[Content]) -> list[tuple[str, int]]:
    """(last day of a figure's period, total so far) for delivery figures in period order."""
    points, total = [], 0
    for ends, units in sorted((period_span(f["period"])[1], f["units"]) for f in figures):
        total += units
        points.append((ends.isoformat(), total))
    return points


def markets_mentioned(entries: Iterable[Content]) -> list[str]:
    """The markets a company's announcements name (its launches, showcases, policies,
    expected entries), its first launch market first, then alphabetically."""
    found: set[str] = set()
    first: list[str] = []
    for entry in entries:
        named = [entry.get("market"), *(entry.get("markets") or ()), *(entry.get("except") or ())]
        found.update(m for m in named if m and m != "*")
        if KINDS[entry["kind"]].decides == AVAILABLE and not first:  # a launch
            first.append(entry["market"])
    return [*first, *sorted(found - set(first))]


def matrix_order(markets: Iterable[str]) -> list[str]:
    """The matrix's columns in a stated order: regions first (by name), then countries by
    their UN M49 region (Africa, Americas, Asia, Europe, Oceania) and code."""
    from mxt.events.regions import continent_of, is_country_code

    def place(code: str) -> tuple[int, str, str]:
        if not is_country_code(code):
            return (0, "", code)
        return (1, continent_of(code) or "~", code)

    return sorted(dict.fromkeys(markets), key=place)


def press_releases(entries: Sequence[Content], last: int | None = None) -> list[Content]:
    """The timeline's entries (the `last` ones; None: all): one per announcement, except that
    the announcements of one press release (the same day, kind, source and model) are one
    entry naming every market (`markets_named`): a launch in nine countries is one line, not
    nine. The grouping reads every entry; only the entries kept are copied."""
    groups: list[list[int]] = []  # each entry's position, by group
    where: dict[tuple[Any, ...], int] = {}
    for position, entry in enumerate(entries):
        source = entry.get("source") or {}
        release = (entry["announced_on"], entry["kind"], source.get("title"), source.get("url"),
                   entry.get("model"), entry.get("status"))  # fmt: skip
        at = where.get(release)
        if at is not None and entry.get("market") and entries[groups[at][0]].get("market"):
            groups[at].append(position)
            continue
        where[release] = len(groups)
        groups.append([position])
    kept = groups if last is None else groups[-last:] if last else []
    grouped: list[Content] = []
    for group in kept:
        first = entries[group[0]]
        named = [entries[p]["market"] for p in group] if first.get("market") else []
        grouped.append({**first, "markets_named": named, "ids": [entries[p]["id"] for p in group]})
    return grouped


def period_span(period: str) -> tuple[date, date]:
    """The first and last day of `YYYY`, `YYYY-H1`, `YYYY-Q3` or `YYYY-MM`."""
    span = parse_period(period)
    return span.first, span.last


def _months_before(as_of: str, months: int) -> str:
    """The `YYYY-MM` that starts a window of `months` months ending with `as_of`'s month
    (never before the calendar's first month)."""
    return month_of_index(max(FIRST_MONTH, month_index(as_of[:7]) - (months - 1)))
