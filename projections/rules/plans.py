"""The rules of SPEC §5.2, plans change, as plain functions over one slot's announcements:
what happened and what is only planned, the plan in force and its slips, overdue plans,
pauses, cancellations, exits, factory statuses and expected entries fulfilled by a launch.

Every function takes the announcements of one slot (§5.1: a launch's (company, model,
market), a factory's (company, site, phase), an expected entry's (company, model, market)) in
time order, as `Said` records (`said_of` reads one from an announcement's content), and the
as-of date; it looks only at those announced by then and not retracted, and at the highest
rank present among them (§5.1). Nothing here touches the store, and nothing assumes that a
plan came true because its date passed.

How a date counts (`events.dates`): a plan is *due* on the last day of what was said ("in
2025-H2" is due on 2025-12-31); something that happened, or a stop (a pause, a cancellation,
an exit, a factory status reached), counts from the day said, or for a period from the
earlier of its last day and the day it was announced ("launched in December 2022", announced
on 2023-01-05, counts from 2022-12-31), or, for a period still ahead, from its last day.

Decisions the SPEC leaves open, taken here: a `paused` launch before the model launched
there makes the market `paused` and a `cancelled` one ends the plan (`cancelled`); a
`cancelled` launch after it launched, like an exit, withdraws it; an exit of a market where
the model was only planned cancels the plan (pauses the market, when temporary); a pause
ends no plan (a plan that passes its date meanwhile is overdue, as the SPEC's list of what
ends one says); a plan made while the model is on sale there is not a plan of anything;
slips, `first_planned` and the outcome are those of the slot's current *plan cycle* (the
plans since its last launch, or since the factory status planned was last reached), so
that a relaunch after a withdrawal is measured against its own plans; each exit stands on
its own (no exit outranks another: those of the slot's rank or higher count); a factory's
statuses reached and its plans are each taken at their own highest rank (a plan is often
only `expected`, beside a `reported` status reached).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, cast

from mxt.events.codes import EVER, market_covers
from mxt.events.dates import DayOrPeriod, parse_day_or_period, said_as_done
from mxt.events.kinds import CERTAINTIES, rank
from mxt.events.regions import is_country_code

from ..readmodel.tables import key

Outcome = Literal["happened", "overdue", "cancelled", "pending"]
LaunchStatus = Literal[
    "available", "paused", "announced", "overdue", "withdrawn", "cancelled", "unknown"
]
EntryStatus = Literal["expected", "overdue", "fulfilled"]
AuditStatus = Literal["in-force", "superseded", "unconfirmed", "retracted"]
# A factory's statuses in the order a plant goes through them; the others stop it.
PROGRESS = ("land-acquired", "under-construction", "completed", "operational")
STOPS = ("paused", "cancelled", "closed")
PLAN_KINDS = ("launch", "factory", "expected-entry")


# -- what was said --------------------------------------------------------------------------


class Said(NamedTuple):
    """One announcement as the plan rules read it.

    `when` is its date as said (`launched_on`, `effective_on`, `expected`; default
    `announced_on`); `status` what it says: a launch's `launched`, `planned`, `paused` or
    `cancelled` (the default decided by `launch_status`), a factory's status, `expected` for
    an expected entry, `withdrawn` or `paused` for an exit; `planned` whether it is a plan.
    `order` sorts announcements in time (`announced_on`, then the later record)."""

    id: str
    kind: str
    company: str
    announced_on: date
    rank: int
    when: DayOrPeriod
    status: str
    planned: bool
    order: tuple[Any, ...]
    retracted: bool = False
    model: str | None = None
    market: str | None = None
    markets: tuple[str, ...] = ()
    excepted: tuple[str, ...] = ()
    site: str | None = None
    phase: int | None = None
    speaker: str | None = None
    source: Mapping[str, Any] = MappingProxyType({})

    @property
    def certainty(self) -> str:
        return CERTAINTIES[self.rank]

    @property
    def due(self) -> date:
        """When a plan is due: the last day of its date."""
        return self.when.last

    @property
    def day(self) -> date:
        """The day it counts from, when it happened or stops something (`counted_from`)."""
        return counted_from(self.when, self.announced_on)


def counted_from(when: DayOrPeriod, announced_on: date) -> date:
    """The day something that happened (or a stop) counts from: the day said; for a period,
    the earlier of its last day and `announced_on` once it has begun, else its last day."""
    if when.is_day:
        return when.first
    if when.first <= announced_on:
        return min(when.last, announced_on)
    return when.last


def launch_status(stated: str | None, when: DayOrPeriod, announced_on: date) -> str:
    """A launch's status (SPEC §5.2): the one stated; without one, `launched` when its date
    had ended by `announced_on` (a day on or before it, or a period over by then), else
    `planned`."""
    if stated:
        return stated
    return "launched" if said_as_done(when, announced_on) else "planned"


# The field that says when, by kind (others: `effective_on`); `announced_on` without it.
_SAID_ON = {"launch": "launched_on", "factory": "effective_on", "expected-entry": "expected"}


def said_of(
    content: Mapping[str, Any], ann_id: str, order: tuple[Any, ...] = (), retracted: bool = False
) -> Said:
    """An announcement of kind launch, factory, expected-entry or exit as the rules read it
    (`content` in the stored form); `order` defaults to its `announced_on`."""
    kind = content["kind"]
    announced_on = date.fromisoformat(str(content["announced_on"]))
    when = parse_day_or_period(content.get(_SAID_ON.get(kind, "effective_on")) or announced_on)
    if kind == "launch":
        status = launch_status(content.get("status"), when, announced_on)
        planned = status == "planned"
    elif kind == "factory":
        status, planned = content["status"], not said_as_done(when, announced_on)
    elif kind == "expected-entry":
        status, planned = "expected", True
    else:
        status, planned = ("paused" if content.get("temporary") else "withdrawn"), False
    return Said(
        id=ann_id, kind=kind, company=content["company"], announced_on=announced_on,
        rank=rank(content), when=when, status=status, planned=planned,
        order=order or (announced_on,), retracted=retracted, model=content.get("model"),
        market=content.get("market"), markets=tuple(content.get("markets") or ()),
        excepted=tuple(content.get("except") or ()), site=content.get("site"),
        phase=content.get("phase"), speaker=content.get("speaker"),
        source=content.get("source") or {},
    )  # fmt: skip


def visible(rows: Iterable[Said], as_of: date) -> list[Said]:
    """The announcements made by `as_of` and not retracted, of the highest rank among them
    (§5.1), in time order."""
    seen = sorted((row for row in rows if row.announced_on <= as_of and not row.retracted),
                  key=lambda row: row.order)  # fmt: skip
    if not seen:
        return []
    top = min(row.rank for row in seen)
    return [row for row in seen if row.rank == top]


def exit_covers(row: Said, model: str | None, market: str) -> bool:
    """Whether an exit stops sales of `model` in `market`: it names the model or none, and
    its markets cover the market (through `*` or a region) without excepting it."""
    if row.model is not None and key(row.model) != key(model):
        return False
    day = row.when.first  # its regions hold the members of the day it takes effect
    if "*" not in row.markets and not any(market_covers(c, market, day) for c in row.markets):
        return False
    return not any(market_covers(code, market, day) for code in row.excepted)


# -- plans of one slot ----------------------------------------------------------------------


class PlanRecord(NamedTuple):
    """A slot's plans (its current cycle, see the module) and what became of them as of a
    date: the first plan and the plan in force (their dates as said), how many times the
    date moved later (`slips`) or earlier (`pull_ins`), and the outcome — `happened` (on
    `happened_on`, by announcement `happened_id`; `late_days` after the first plan's due day,
    negative when early), `overdue` (`days_overdue` after the plan in force's due day),
    `cancelled`, or `pending`."""

    first_planned: DayOrPeriod
    planned: DayOrPeriod
    planned_id: str
    slips: int
    pull_ins: int
    outcome: Outcome
    happened_on: date | None = None
    happened_id: str | None = None
    late_days: int | None = None
    days_overdue: int | None = None
    cancelled_id: str | None = None

    @property
    def on_time(self) -> bool | None:
        """Whether it happened by the first plan's due day (None: it has not happened)."""
        return None if self.late_days is None else self.late_days <= 0


class _Cycle:
    """The plans of one slot since it last came true, as a walk through its announcements
    finds them: what they plan (`what`), and the announcement that ended them, if any."""

    __slots__ = ("what", "plans", "outcome", "ended_by", "happened_on")

    def __init__(self, what: str) -> None:
        self.what = what
        self.plans: list[Said] = []
        self.outcome: Outcome | None = None  # happened or cancelled, once ended
        self.ended_by: str | None = None  # the announcement that ended it
        self.happened_on: date | None = None

    def record(self, as_of: date) -> PlanRecord:
        first, last = self.plans[0], self.plans[-1]
        moves = [later.due - earlier.due
                 for earlier, later in zip(self.plans, self.plans[1:], strict=False)]  # fmt: skip
        record = PlanRecord(
            first_planned=first.when, planned=last.when, planned_id=last.id,
            slips=sum(1 for move in moves if move.days > 0),
            pull_ins=sum(1 for move in moves if move.days < 0), outcome="pending",
        )  # fmt: skip
        if self.outcome == "happened" and self.happened_on is not None:
            late = (self.happened_on - first.due).days
            return record._replace(outcome="happened", happened_on=self.happened_on,
                           happened_id=self.ended_by, late_days=late)  # fmt: skip
        if self.outcome == "cancelled":
            return record._replace(outcome="cancelled", cancelled_id=self.ended_by)
        if last.due < as_of:
            return record._replace(outcome="overdue", days_overdue=(as_of - last.due).days)
        return record


class _Plans:
    """The plan cycles of one slot, as its announcements arrive (`plan`, `happened`,
    `stopped`). A pause ends nothing: a plan that passes its date while paused is overdue."""

    def __init__(self) -> None:
        self.cycle: _Cycle | None = None

    def plan(self, row: Said, what: str) -> None:
        """A plan: it joins the open cycle of the same aim, revives a cancelled one, or
        opens a new cycle."""
        cycle = self.cycle
        if cycle is not None and cycle.what == what and cycle.outcome != "happened":
            cycle.outcome = cycle.ended_by = None  # (a plan after a cancellation revives it)
        else:
            cycle = self.cycle = _Cycle(what)
        cycle.plans.append(row)

    def open(self) -> _Cycle | None:
        cycle = self.cycle
        return cycle if cycle is not None and cycle.outcome is None else None

    def happened(
        self, ann_id: str, day: date, fulfils: Callable[[str], bool] = lambda what: True
    ) -> None:
        """Something happened on `day` (announcement `ann_id`): it ends the open cycle when it
        is what the cycle planned (`fulfils` its aim)."""
        cycle = self.open()
        if cycle is not None and fulfils(cycle.what):
            cycle.outcome, cycle.ended_by, cycle.happened_on = "happened", ann_id, day

    def stopped(self, row: Said) -> None:
        """A cancellation (or a closure, or an exit) ends the open cycle unfulfilled."""
        cycle = self.open()
        if cycle is not None:
            cycle.outcome, cycle.ended_by = "cancelled", row.id

    def record(self, as_of: date) -> PlanRecord | None:
        return self.cycle.record(as_of) if self.cycle is not None else None


def _timeline(rows: Iterable[Said]) -> list[Said]:
    """Announcements in the order their effects take place: a plan when it is announced,
    anything else from the day it counts (`Said.day`); the same day, in time order."""
    return sorted(rows, key=lambda row: (row.announced_on if row.planned else row.day, row.order))


def _in_effect(row: Said, as_of: date) -> bool:
    return row.planned or row.day <= as_of


# -- launches -------------------------------------------------------------------------------


class Arrival(NamedTuple):
    """A model's first launch in a market: what fulfils an expected entry."""

    model: str
    market: str
    on: date
    id: str


class LaunchLifecycle(NamedTuple):
    """A model in a launch market as of a date (SPEC §5.1, §5.2).

    `status`: `available`, `paused`, `announced` (a plan not yet due), `overdue`,
    `withdrawn`, `cancelled`, or `unknown` (nothing in effect yet). `launched_on` is the
    first launch (the day it counts from, and as said), which no pause, resumption, exit or
    later report moves later; `paused_from` while paused; `available_from` and
    `available_until` once withdrawn (the last stretch on sale); `plan` the slot's plans and
    their outcome; `decided_by` the announcement behind the status (for `available`, the
    first launch)."""

    model: str
    market: str
    status: LaunchStatus
    decided_by: str | None
    launched_on: date | None = None
    launched_as_said: str | None = None
    launch_id: str | None = None
    paused_from: date | None = None
    available_from: date | None = None
    available_until: date | None = None
    plan: PlanRecord | None = None

    @property
    def days_overdue(self) -> int | None:
        return self.plan.days_overdue if self.plan is not None else None

    def effect_day(self, as_of: date) -> date:
        """The day the launch takes effect, whose members a region launch market covers
        (SPEC §5.3): the first launch, else the plan's first day, else `as_of`."""
        if self.launched_on is not None:
            return self.launched_on
        return self.plan.planned.first if self.plan is not None else as_of

    @property
    def arrival(self) -> Arrival | None:
        """The first launch, when there is one."""
        if self.launched_on is None or self.launch_id is None:
            return None
        return Arrival(self.model, self.market, self.launched_on, self.launch_id)


class _Market:
    """The walk through a launch slot's announcements (`launch_lifecycle`)."""

    __slots__ = ("state", "decided_by", "first", "first_day", "paused_from", "since", "until",
                 "plans")  # fmt: skip

    def __init__(self) -> None:
        # unknown, planned, held, available, paused, withdrawn, cancelled
        self.state = "unknown"
        self.decided_by: Said | None = None
        self.first: Said | None = None
        self.first_day: date | None = None
        self.paused_from: date | None = None
        self.since: date | None = None  # the start of the last stretch on sale
        self.until: date | None = None
        self.plans = _Plans()

    def apply(self, row: Said) -> None:
        if row.status == "planned":
            self._plan(row)
        elif row.status == "launched":
            self._launched(row)
        elif row.status == "paused":
            self._paused(row)
        else:  # a cancellation, or an exit that is not temporary
            self._ended(row)

    def _plan(self, row: Said) -> None:
        if self.state == "available":
            return  # on sale already: a plan of nothing
        self.plans.plan(row, "launched")
        if self.state != "paused":  # (a plan to resume leaves the market paused)
            self.state, self.decided_by = "planned", row

    def _launched(self, row: Said) -> None:
        if self.first_day is None or row.day < self.first_day:
            self.first, self.first_day = row, row.day
        if self.state not in ("available", "paused"):
            self.since = row.day
        self.plans.happened(row.id, row.day)
        self.state, self.decided_by, self.paused_from = "available", self.first, None

    def _paused(self, row: Said) -> None:
        if self.state == "available":
            self.state, self.decided_by, self.paused_from = "paused", row, row.day
        elif self.state in ("unknown", "planned", "cancelled"):
            self.state, self.decided_by = "held", row

    def _ended(self, row: Said) -> None:
        if self.state in ("available", "paused"):
            self.state, self.decided_by, self.until = "withdrawn", row, row.day
            self.paused_from = None
            self.plans.stopped(row)
        elif self.state in ("planned", "held"):
            self.state, self.decided_by = "cancelled", row
            self.plans.stopped(row)


def launch_lifecycle(
    rows: Sequence[Said], as_of: date, exits: Sequence[Said] = ()
) -> LaunchLifecycle | None:
    """The lifecycle of one launch slot as of `as_of` (None: nothing announced by then).

    `rows` are the slot's launch announcements; `exits` the company's exits that cover the
    model and the market asked about (`exit_covers`). Exits of a lower rank than the slot's
    announcements are left out, like any lower-rank report (§5.1)."""
    best = visible(rows, as_of)
    if not best:
        return None
    ranked = [  # each exit stands on its own: no exit outranks another
        row for row in exits
        if row.announced_on <= as_of and not row.retracted and row.rank <= best[0].rank
    ]  # fmt: skip
    walk = _Market()
    for row in _timeline([*best, *ranked]):
        if _in_effect(row, as_of):
            walk.apply(row)
    plan = walk.plans.record(as_of)
    status = _market_status(walk.state, plan)
    return LaunchLifecycle(
        model=best[0].model or "", market=best[0].market or "", status=status,
        decided_by=walk.decided_by.id if walk.decided_by else None,
        launched_on=walk.first_day, launched_as_said=walk.first.when.text if walk.first else None,
        launch_id=walk.first.id if walk.first else None, paused_from=walk.paused_from,
        available_from=walk.since if status == "withdrawn" else None,
        available_until=walk.until if status == "withdrawn" else None, plan=plan,
    )  # fmt: skip


def _market_status(state: str, plan: PlanRecord | None) -> LaunchStatus:
    """The market status a walk ends in: a plan is `announced` until it is overdue; a plan
    on hold (paused before the launch) is `paused`."""
    if state == "planned":
        return "overdue" if plan is not None and plan.outcome == "overdue" else "announced"
    if state in ("held", "paused"):
        return "paused"
    if state in ("available", "withdrawn", "cancelled"):
        return cast(LaunchStatus, state)
    return "unknown"


def launched_by(lifecycles: Iterable[LaunchLifecycle], by: date) -> bool | None:
    """Whether a model was on sale by `by` in a market, from the lifecycles of the launch
    slots covering it (a `launched` claim, §8): True when one launched by then, False when
    it first launched later or its plan in force starts later, None when nothing says
    (a plan passed, or nothing recorded, never makes a launch)."""
    found = list(lifecycles)
    launched = [life.launched_on for life in found if life.launched_on is not None]
    if launched:
        return min(launched) <= by
    plans = [life.plan for life in found if life.plan is not None]
    if plans and all(plan.planned.first > by for plan in plans):
        return False
    return None


# -- factories ------------------------------------------------------------------------------


class FactoryLifecycle(NamedTuple):
    """A factory phase as of a date: the status reached (None: only plans so far), from
    when (`reached_on`, and as said), by which announcement; for a `paused`, `cancelled` or
    `closed` factory, the status it had reached before (`reached_before`); its plans."""

    site: str
    phase: int
    status: str | None
    reached_on: date | None
    reached_as_said: str | None
    status_id: str | None
    reached_before: str | None
    plan: PlanRecord | None


def fulfils(reached: str, planned: str) -> bool:
    """Whether reaching a status makes a plan for another come true: the same status, or a
    later one of a plant's progress (operational fulfils a plan to complete it)."""
    if reached == planned:
        return True
    return (
        reached in PROGRESS
        and planned in PROGRESS
        and (PROGRESS.index(reached) >= PROGRESS.index(planned))
    )


def _fulfilling(reached: str) -> Callable[[str], bool]:
    """Whether reaching `reached` fulfils a plan for a status (`fulfils`)."""
    return lambda planned: fulfils(reached, planned)


def factory_lifecycle(rows: Sequence[Said], as_of: date) -> FactoryLifecycle | None:
    """The lifecycle of one factory phase as of `as_of` (None: nothing announced by then). A
    status with a date after its announcement is a plan for it, due on that date's last
    day; passing that day never reaches it (the plan is overdue). The statuses reached and
    the plans are each taken at their own highest rank (§5.1): a plan is usually only
    `expected` ("operations are expected to begin within a month"), and a status reached
    never makes one unheard."""
    best = [*visible([row for row in rows if not row.planned], as_of),
            *visible([row for row in rows if row.planned], as_of)]  # fmt: skip
    if not best:
        return None
    plans = _Plans()
    current: Said | None = None
    before: str | None = None
    for row in _timeline(best):
        if not _in_effect(row, as_of):
            continue
        if row.planned:
            reached = current is not None and current.status not in STOPS
            if not (reached and current is not None and fulfils(current.status, row.status)):
                plans.plan(row, row.status)  # (a plan for a status reached already: nothing)
            continue
        plans.happened(row.id, row.day, _fulfilling(row.status))
        if row.status in ("cancelled", "closed"):
            plans.stopped(row)
        if row.status not in STOPS:
            before = row.status
        current = row
    return FactoryLifecycle(
        site=best[0].site or "", phase=best[0].phase or 1,
        status=current.status if current else None,
        reached_on=current.day if current else None,
        reached_as_said=current.when.text if current else None,
        status_id=current.id if current else None,
        reached_before=before if current is not None and current.status in STOPS else None,
        plan=plans.record(as_of),
    )  # fmt: skip


# -- expected entries -----------------------------------------------------------------------


class EntryLifecycle(NamedTuple):
    """An expected entry (of a model, or of the company as a whole: `model` None) as of a
    date: `expected`, `overdue` (its date ended with no launch) or `fulfilled` (by the
    launch `plan.happened_id` on `plan.happened_on`, in `fulfilled_in`)."""

    model: str | None
    market: str
    status: EntryStatus
    plan: PlanRecord
    fulfilled_in: str | None = None


def entry_covers(entry_market: str, launch_market: str, on: date | str = EVER) -> bool:
    """Whether a launch in `launch_market` on `on` is in the market an entry expects: one
    covers the other, a region with its members of that day (a launch in DE fulfils an entry
    for the EU; one in the EU of 2019, an entry for GB, and one of 2021 not); with `EVER`, on
    some day (where a rule looks for the launches that may fulfil an entry). Two countries:
    only the same one (a country covers only itself, `market_covers`; asked of every
    country a company launched in, for each entry)."""
    if is_country_code(entry_market) and is_country_code(launch_market):
        return entry_market == launch_market
    return market_covers(entry_market, launch_market, on) or market_covers(
        launch_market, entry_market, on
    )


def entry_lifecycle(
    rows: Sequence[Said], as_of: date, launches: Iterable[Arrival] = ()
) -> EntryLifecycle | None:
    """The lifecycle of one expected-entry slot as of `as_of` (None: nothing announced by
    then). `launches` are the company's first launches (`LaunchLifecycle.arrival`); the
    earliest by `as_of` of its model (of any model, for the company as a whole) in a market
    the entry covers fulfils it, whenever the entry was made."""
    best = visible(rows, as_of)
    if not best:
        return None
    model, market = best[0].model, best[0].market or ""
    arrivals = sorted(
        (arrival for arrival in launches
         if arrival.on <= as_of and entry_covers(market, arrival.market, arrival.on)
         and (model is None or key(arrival.model) == key(model))),
        key=lambda arrival: (arrival.on, arrival.id),
    )  # fmt: skip
    plans = _Plans()
    for row in best:
        plans.plan(row, "entered")
    if arrivals:
        plans.happened(arrivals[0].id, arrivals[0].on)
    record = plans.record(as_of)
    assert record is not None
    status: EntryStatus = "expected"
    if record.outcome in ("happened", "overdue"):
        status = "fulfilled" if record.outcome == "happened" else "overdue"
    return EntryLifecycle(
        model=model, market=market, status=status, plan=record,
        fulfilled_in=arrivals[0].market if arrivals else None,
    )  # fmt: skip


# -- the audit of plans ---------------------------------------------------------------------


class PlanLine(NamedTuple):
    """One plan of a slot in `mxt audit plans`: its date as said (`planned`; a factory's
    plan also names the status planned), who said it, the plan in force just before it
    (`previous`) and how many days the due day moved from it (`slip_days`: later is
    positive), and its status: `in-force`, `superseded`, `unconfirmed` (a later lower-rank
    plan that says another date) or `retracted`."""

    id: str
    announced_on: date
    certainty: str
    planned: DayOrPeriod
    planned_status: str
    previous: DayOrPeriod | None
    slip_days: int | None
    status: AuditStatus
    speaker: str | None
    source: Mapping[str, Any]


class PlanAudit(NamedTuple):
    """The plans of one slot in order, and what became of them as of a date (`record`; for a
    slot whose plans were overtaken by a launch reported without them, the outcome is
    `happened` with no `late_days`)."""

    kind: str
    company: str
    model: str | None
    market: str | None
    site: str | None
    phase: int | None
    lines: tuple[PlanLine, ...]
    record: PlanRecord | None
    outcome: Outcome
    happened_on: date | None


def plan_audit(
    rows: Sequence[Said],
    as_of: date,
    exits: Sequence[Said] = (),
    launches: Iterable[Arrival] = (),
) -> PlanAudit | None:
    """`mxt audit plans` for one slot: every plan announced by `as_of` (retracted ones
    included) and the slot's outcome, by the lifecycle of its kind (`exits` for a launch
    slot, `launches` for an expected entry, as there). None when the slot has no plan."""
    seen = sorted((row for row in rows if row.announced_on <= as_of), key=lambda row: row.order)
    plans = [row for row in seen if row.planned]
    if not plans:
        return None
    first = plans[0]
    record, happened_on = _outcome(first.kind, rows, as_of, exits, launches)
    return PlanAudit(
        kind=first.kind, company=first.company, model=first.model, market=first.market,
        site=first.site, phase=first.phase, lines=tuple(_lines(plans)), record=record,
        outcome=record.outcome if record else ("happened" if happened_on else "pending"),
        happened_on=record.happened_on if record else happened_on,
    )  # fmt: skip


def _outcome(
    kind: str,
    rows: Sequence[Said],
    as_of: date,
    exits: Sequence[Said],
    launches: Iterable[Arrival],
) -> tuple[PlanRecord | None, date | None]:
    """A slot's plan record by its kind's lifecycle, and the day it happened without one."""
    if kind == "launch":
        launch = launch_lifecycle(rows, as_of, exits)
        return (launch.plan, launch.launched_on) if launch else (None, None)
    if kind == "factory":
        factory = factory_lifecycle(rows, as_of)
        return (factory.plan, None) if factory else (None, None)
    entry = entry_lifecycle(rows, as_of, launches)
    return (entry.plan, None) if entry else (None, None)


def _lines(plans: Sequence[Said]) -> list[PlanLine]:
    """The audit lines of a slot's plans (in time order): each with the plan in force just
    before it among those of the same aim, by the rank rule."""
    standing = [row for row in plans if not row.retracted]
    top = min((row.rank for row in standing), default=0)
    in_force = next((row for row in reversed(standing) if row.rank == top), None)
    lower = [row for row in standing if row.rank > top]
    unconfirmed = None
    if (
        in_force is not None
        and lower
        and lower[-1].order > in_force.order
        and lower[-1].due != in_force.due
    ):
        unconfirmed = lower[-1]
    latest: dict[tuple[str, int], Said] = {}  # (aim, rank) -> its latest plan so far
    lines = []
    for row in plans:
        ranks = [level for (aim, level) in latest if aim == row.status]
        before = latest[row.status, min(ranks)] if ranks else None
        if row.retracted:
            status: AuditStatus = "retracted"
        elif row is in_force:
            status = "in-force"
        elif row is unconfirmed:
            status = "unconfirmed"
        else:
            status = "superseded"
        lines.append(
            PlanLine(
                id=row.id, announced_on=row.announced_on, certainty=row.certainty,
                planned=row.when, planned_status=row.status,
                previous=before.when if before else None,
                slip_days=(row.due - before.due).days if before else None,
                status=status, speaker=row.speaker, source=row.source,
            )
        )  # fmt: skip
        if not row.retracted:
            latest[row.status, row.rank] = row
    return lines


__all__ = [
    "Arrival",
    "EntryLifecycle",
    "FactoryLifecycle",
    "LaunchLifecycle",
    "PlanAudit",
    "PlanLine",
    "PlanRecord",
    "Said",
    "counted_from",
    "entry_lifecycle",
    "exit_covers",
    "factory_lifecycle",
    "launch_lifecycle",
    "launch_status",
    "launched_by",
    "plan_audit",
    "said_of",
    "visible",
]
