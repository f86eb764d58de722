"""`mxt compare` (SPEC 5.3): companies side by side, as pure functions over what each
company's own answers hold — its targets against actuals (`progress`), the monthly figures
of one metric in one scope, its models' statuses by market, and what became of its plans
(`audit plans`). (Records' annotations are evaluated here, as in `state`.)"""

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from mxt.events.kinds import Scope

from .audit import PlanRow, PlanSlot
from .checked import ProgressRow
from .periods import Period
from .progress import ActualFact, actuals_for

# The statuses a comparison lists markets by, strongest first (SPEC 5.3).
COMPARED_STATUSES = ("available", "announced", "overdue", "withdrawn")


class MonthFigures(NamedTuple):
    """One month of the compared metric: each company's figure (`units`, `bound`, `high`),
    None where it announced none, by company as shown."""

    month: str
    figures: dict[str, dict[str, object] | None]


class CompanyMarkets(NamedTuple):
    """The markets where a company has a model of one status (`available`, `announced`,
    `overdue` or `withdrawn`)."""

    company: str
    status: str
    number: int
    markets: list[str]


class Slippage(NamedTuple):
    """What became of a company's plans as of the date: its plan slots, how many happened
    (and on time), how many are overdue, and the mean and worst lateness, in days, of those
    that happened (None: none happened)."""

    company: str
    slots: int
    happened: int
    on_time: int
    overdue: int
    mean_late_days: float | None
    worst_late_days: int | None


class Comparison(NamedTuple):
    """`mxt compare`: the companies, the metric, period and scope compared, and the four
    lists side by side."""

    companies: list[str]
    as_of: str
    known_at: str
    metric: str
    period: str
    markets: list[str]
    except_: list[str]
    targets: list[ProgressRow]
    figures: list[MonthFigures]
    markets_by_status: list[CompanyMarkets]
    slippage: list[Slippage]


def monthly_figures(
    facts: Mapping[str, Sequence[ActualFact]], metric: str, scope: Scope, period: Period,
    as_of: str,
) -> list[MonthFigures]:  # fmt: skip
    """Each month of `period` up to `as_of`: each company's figure of `metric` in `scope`
    (its own month, or what its larger periods and parts make of it; no stand-in: a
    comparison of sales is of sales), by company as shown (`facts`' keys)."""
    from .periods import parse_period

    counters = {name: actuals_for(found, metric, scope, as_of).get(metric)
                for name, found in facts.items()}  # fmt: skip
    rows = []
    for month in period.months:
        if month > as_of[:7]:
            break
        shown: dict[str, dict[str, object] | None] = {}
        for name, counter in counters.items():
            counted = counter.count(parse_period(month)) if counter is not None else None
            if counted is None or not counted.parts or counted.missing:
                shown[name] = None
                continue
            amount, _ = counted.sum()
            shown[name] = {"units": amount.count, "bound": amount.bound,
                           "high": amount.high if amount.bound == "range" else None}  # fmt: skip
        rows.append(MonthFigures(month, shown))
    return rows


def markets_by_status(company: str, statuses: Iterable[Mapping[str, str]]) -> list[CompanyMarkets]:
    """For one company, from each model's statuses by market: the markets where a model of
    it is `available`, `announced`, `overdue` or `withdrawn` (a market may be in several,
    one model available there, another withdrawn)."""
    found: dict[str, set[str]] = {status: set() for status in COMPARED_STATUSES}
    for model in statuses:
        for market, status in model.items():
            if status in found:
                found[status].add(market)
    return [CompanyMarkets(company, status, len(found[status]), sorted(found[status]))
            for status in COMPARED_STATUSES]  # fmt: skip


def slippage(company: str, plans: Iterable[PlanRow]) -> Slippage:
    """What became of one company's plan slots (`audit plans`' rows, each slot once): how
    many happened, on time, overdue, and the mean and worst `late_days` of those that
    happened."""
    slots: dict[tuple[object, ...], PlanSlot] = {}
    for plan in plans:
        slots.setdefault((plan.kind, plan.model, plan.market, plan.site, plan.phase), plan.slot)
    happened = [slot for slot in slots.values() if slot.outcome == "happened"]
    late = [slot.late_days for slot in happened if slot.late_days is not None]
    on_time = len([slot for slot in happened if slot.on_time])
    overdue = len([slot for slot in slots.values() if slot.outcome == "overdue"])
    return Slippage(
        company, len(slots), len(happened), on_time, overdue,
        round(sum(late) / len(late), 2) if late else None, max(late) if late else None,
    )  # fmt: skip
