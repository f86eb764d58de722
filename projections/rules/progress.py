"""Targets against actuals (`mxt progress`; docs/concepts.md, Progress), as pure functions over
typed facts.

The facts are the visible target and deliveries announcements of one company (cut to
`known_at` by the read side). From them each function picks what is in force in each slot
by the rank rule (rank, then `announced_on`, then `recorded_at`) and counts
the actual of a period without counting anything twice: a company's own figure for a
period over its parts (a year over its halves, a half over its quarters, a quarter over its
months) when it ranks at least as high as each of them (SPEC §8), and a model's figures
only where the company total is absent.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from mxt.events.content import Content
from mxt.events.kinds import RANK, Scope, Span
from mxt.events.metrics import measured_by

from .checked import ProgressRow
from .figures import UNKNOWN_PART, Amount, total
from .periods import Period, parse_period

if TYPE_CHECKING:
    from ..readmodel.view import Row

ON_TRACK_POINTS = 5  # share_pct within this many points of elapsed_pct is on-track
# The kinds whose announcements are the facts of progress: targets and delivery figures.
TARGET, ACTUAL = "target", "deliveries"


@dataclass(frozen=True)
class Fact:
    """What every announcement used as evidence has: its id and its place in time."""

    id: str
    announced_on: str
    recorded_at: str
    certainty: str

    @property
    def strength(self) -> tuple[int, str, str, str]:
        """The order of evidence in one slot: rank, then the later day, then the later record."""
        return (-RANK.get(self.certainty, len(RANK)), self.announced_on, self.recorded_at, self.id)

    @staticmethod
    def common(row: Row) -> tuple[str, str, str, str]:
        """What every fact takes from its row, its first fields: id, day, record time (the
        transaction's, then the log's order: lines of one import follow the file) and
        certainty."""
        return (
            row.ann_id,
            row.announced_on,
            f"{row.recorded_at}#{row.recording_notification_id:016d}",
            row.content.get("certainty") or "confirmed",
        )


def amount_of(content: Content, field: str) -> Amount:
    """A count with its bound (absent: exact) and a range's top."""
    return Amount(int(content[field]), content.get("bound") or "exact", content.get("high"))


@dataclass(frozen=True)
class TargetFact(Fact):
    """A visible `target` announcement."""

    company: str
    metric: str
    period: str
    amount: Amount
    scope: Scope = field(default_factory=Scope)

    @classmethod
    def of(cls, row: Row, company: str) -> TargetFact:
        """A visible target row as a fact; `company` as the company is shown."""
        content = row.content
        return cls(*cls.common(row), company=company, metric=content["metric"],
                   period=content["period"], amount=amount_of(content, "value"),
                   scope=Scope.of(content))  # fmt: skip


@dataclass(frozen=True)
class ActualFact(Fact):
    """A visible `deliveries` announcement (any metric): a company total or one model's."""

    company: str
    metric: str
    period: str
    amount: Amount
    model: str | None = None  # matching key of the model; None: the company total
    scope: Scope = field(default_factory=Scope)

    @classmethod
    def of(cls, row: Row, company: str) -> ActualFact:
        """A visible delivery figure's row as a fact; `company` as the company is shown."""
        from ..readmodel.tables import key

        content = row.content
        return cls(*cls.common(row), company=company,
                   metric=content.get("metric") or "deliveries", period=content["period"],
                   amount=amount_of(content, "units"), model=key(content.get("model")) or None,
                   scope=Scope.of(content))  # fmt: skip


F = TypeVar("F", bound=Fact)


def in_force(facts: Iterable[F], slot: Callable[[F], Hashable], as_of: str) -> dict[Any, F]:
    """The fact in force in each slot as of `as_of` (the rank rule): the highest rank present, then
    the latest `announced_on`, then the latest `recorded_at`. Input order never matters."""
    chosen: dict[Any, F] = {}
    for fact in facts:
        if fact.announced_on > as_of:
            continue
        current = chosen.get(slot(fact))
        if current is None or fact.strength > current.strength:
            chosen[slot(fact)] = fact
    return chosen


@dataclass(frozen=True)
class Counted:
    """An actual: the figures counted (in period order), and the months inside the counted
    stretch that no figure covers."""

    parts: tuple[ActualFact, ...]
    missing: tuple[str, ...]

    @property
    def covered_until(self) -> date | None:
        """The last day of the latest period counted."""
        return max((parse_period(part.period).last for part in self.parts), default=None)

    def sum(self) -> tuple[Amount, Span]:
        """The actual as an amount (the bound of a sum; a missing month makes it at least)
        and the span of values it allows."""
        figures = [part.amount for part in self.parts] + [UNKNOWN_PART] * len(self.missing)
        return total(figures)


class Actuals:
    """The figures in force of one metric and one scope, as of one day, ready to count."""

    def __init__(self, facts: Iterable[ActualFact]) -> None:
        self.company: dict[str, ActualFact] = {}
        self.models: dict[str, dict[str, ActualFact]] = {}
        for fact in facts:
            if fact.model is None:
                self.company[fact.period] = fact
            else:
                self.models.setdefault(fact.model, {})[fact.period] = fact

    def count(self, period: Period, model: str | None = None) -> Counted:
        """The figures that make up `period`'s actual (of one model, or of the company)."""
        if model is not None:
            parts = _largest(period, self.models.get(model, {}))
        else:
            parts = self._company(period)
        parts.sort(key=lambda part: (parse_period(part.period), part.model or ""))
        return Counted(tuple(parts), _missing(period, parts))

    def _company(self, period: Period) -> list[ActualFact]:
        own = self.company.get(period.text)
        inside = _inside(period, self.company)
        if own is not None and not _outranked(own, inside):
            return [own]
        if inside:
            return [part for child in period.parts() for part in self._company(child)]
        return [part for figures in self.models.values() for part in _largest(period, figures)]


def _largest(period: Period, figures: dict[str, ActualFact]) -> list[ActualFact]:
    """The largest figures that make up `period`, each part counted once: a period's own
    figure replaces its parts only when it ranks at least as high as each of them (SPEC §8:
    a reported estimate of a quarter never replaces the confirmed months)."""
    own = figures.get(period.text)
    if own is not None and not _outranked(own, _inside(period, figures)):
        return [own]
    return [part for child in period.parts() for part in _largest(child, figures)]


def _inside(period: Period, figures: dict[str, ActualFact]) -> list[ActualFact]:
    """The figures of the periods inside `period` (not its own)."""
    return [fact for text, fact in figures.items()
            if text != period.text and period.contains(parse_period(text))]  # fmt: skip


def _outranked(own: ActualFact, parts: Iterable[ActualFact]) -> bool:
    """Whether a figure of a lower rank than one of its parts' (§5.1) may not replace them."""
    return any(part.strength[0] > own.strength[0] for part in parts)


def _missing(period: Period, parts: Sequence[ActualFact]) -> tuple[str, ...]:
    """The months of `period` up to the last one counted that no part covers."""
    spans = [parse_period(part.period) for part in parts]
    if not spans:
        return ()
    until = max(span.last for span in spans)
    return tuple(
        month
        for month in period.months
        if parse_period(month).last <= until
        and not any(span.contains(parse_period(month)) for span in spans)
    )


def actuals_for(
    facts: Iterable[ActualFact], metric: str, scope: Scope, as_of: str
) -> dict[str, Actuals]:
    """Figures in force as of `as_of` of one scope, by metric: only those that may measure a
    target of `metric` (`events.metrics.measured_by`: the metric itself, then its stand-ins;
    none stands in for `production`)."""
    measuring = measured_by(metric)
    chosen = in_force(
        (f for f in facts if f.scope == scope and f.metric in measuring),
        lambda f: (f.metric, f.period, f.model),
        as_of,
    )
    by_metric: dict[str, list[ActualFact]] = {}
    for fact in chosen.values():
        by_metric.setdefault(fact.metric, []).append(fact)
    return {name: Actuals(found) for name, found in by_metric.items()}


def progress_row(target: TargetFact, facts: Iterable[ActualFact], as_of: str) -> ProgressRow:
    """One target in force against its actual as of `as_of`: the figures of the nearest metric
    that measures it and has any for the period (`events.metrics.measured_by`); none, and its
    pace is `unknown` with no actual (a production target is never measured by deliveries)."""
    period = parse_period(target.period)
    found = actuals_for(facts, target.metric, target.scope, as_of)
    metric, counted = target.metric, Counted((), ())
    for name in measured_by(target.metric):
        if name in found:
            metric, counted = name, found[name].count(period)
            if counted.parts:
                break
    goal = target.amount.count  # a range target is measured against its low end
    scope = target.scope
    row = ProgressRow(
        company=target.company,
        metric=target.metric,
        period=target.period,
        markets=[] if scope.worldwide else list(scope.markets),
        except_=list(scope.excepted),
        target=goal,
        target_bound=target.amount.bound,
        target_high=target.amount.high if target.amount.bound == "range" else None,
        target_id=target.id,
        scope=scope,
    )
    until = counted.covered_until
    if until is None:
        return row
    amount, span = counted.sum()
    share = round(amount.count * 100 / goal, 2) if goal else None
    elapsed = round(period.days_until(until) * 100 / period.days, 2)
    met = span.reaches(goal) is True
    left = period.months_after(until)
    return row._replace(
        actual=amount.count,
        actual_bound=amount.bound,
        actual_metric=metric,
        covered_until=until.isoformat(),
        share_pct=share,
        elapsed_pct=elapsed,
        needed_per_month=_needed(goal - amount.count, left, met),
        pace=_pace(met, share, elapsed),
        sources=[part.id for part in counted.parts],
    )


def _needed(short: int, months_left: int, met: bool) -> float | None:
    """Units a month still needed: what is short over the whole months left (None when
    none are left or nothing is short)."""
    if met or short <= 0 or not months_left:
        return None
    return round(short / months_left, 2)


def _pace(met: bool, share: float | None, elapsed: float) -> str:
    """`met`, else `ahead` / `on-track` / `behind` as the share runs against the time."""
    if met:
        return "met"
    if share is None:
        return "unknown"
    # both are rounded to hundredths: compare whole hundredths, free of float error
    ahead = round(share * 100) - round(elapsed * 100)
    if ahead > ON_TRACK_POINTS * 100:
        return "ahead"
    if ahead < -ON_TRACK_POINTS * 100:
        return "behind"
    return "on-track"


def progress(
    targets: Iterable[TargetFact],
    actuals: Sequence[ActualFact],
    as_of: str,
    *,
    metric: str | None = None,
    period: str | None = None,
) -> list[ProgressRow]:
    """`mxt progress`: every target in force as of `as_of` (optionally one metric or
    period) against its actual, sorted by company, metric, period and scope."""
    chosen = in_force(
        (
            t
            for t in targets
            if (metric is None or t.metric == metric) and (period is None or t.period == period)
        ),
        lambda t: (t.company.casefold(), t.metric, t.period, t.scope),
        as_of,
    )
    rows = []
    for slot in sorted(chosen, key=lambda s: (s[0], s[1], parse_period(s[2]), s[3])):
        target = chosen[slot]
        own = (a for a in actuals if a.company.casefold() == slot[0])
        rows.append(progress_row(target, own, as_of))
    return rows
