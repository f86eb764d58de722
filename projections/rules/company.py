"""`mxt state company`: a company's targets and delivered totals in force, factories,
models, policies in force and expected entries, by the rules of `state` and `evidence`.
(Records' annotations are evaluated here, as in `state`.)"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from mxt.events.kinds import KINDS, Scope, field_value, kinds_where

from ..readmodel.view import Row
from .evidence import Choice, SlotKey, SlotValue, certainty, chosen, slot_key
from .evidence import slot_value as value_of
from .plans import EntryLifecycle, factory_lifecycle
from .records import record
from .state import (
    BY_LATEST,
    WITHDRAWN,
    CompanyFacts,
    Names,
    PlanShown,
    Policy,
    Query,
    as_said,
    day,
    held,
    latest_only,
    of_kind,
    policies_in_force,
    said,
)

if TYPE_CHECKING:
    from .changes import Held


@record(hidden=("slot", "site", "phase"))
class PlannedStatus(NamedTuple):
    """A factory phase's later status, planned for a date (as said), with its plans."""

    status: str
    effective_on: str
    plan: PlanShown
    certainty: str
    id: str
    slot: SlotKey
    site: str
    phase: int

    def held(self) -> "Held":
        """The plan as `diff` compares it: its date, `announced` or `overdue` beside it."""
        from .changes import Held

        subject = (("site", self.site), ("phase", self.phase), ("plan", self.status))
        status = "overdue" if self.plan.days_overdue is not None else "announced"
        plan_slot = (*self.slot[:3], f"{self.slot[3]}|plan")
        return Held(plan_slot, subject, self.effective_on, None, None, self.id, status)


@record(hidden=("slot",))
class Factory(NamedTuple):
    """A factory phase: the status it reached by the as-of date (the day it counts from,
    and the period as said; for a paused, cancelled or closed one, the status it had
    reached before), the country it stands in, its capacity and assembly, and a later
    status planned (SPEC §5.2)."""

    site: str
    phase: int
    market: str | None
    status: str | None
    reached_before: str | None
    effective_on: str | None
    effective_as_said: str | None
    capacity: int | None
    assembly: str | None
    certainty: str | None
    id: str | None
    planned: PlannedStatus | None
    slot: SlotKey

    def held(self) -> "Held":
        from .changes import Held

        subject = (("site", self.site), ("phase", self.phase))
        return Held(self.slot, subject, self.status, None, None, self.id)


def factories(rows: Iterable[Row], as_of: str) -> list[Factory]:
    """Each (site, phase) as of `as_of` (`plans.factory_lifecycle`): the status reached, and
    the plan in force for a later one while it is open (pending or overdue)."""
    views = []
    day_asked = date.fromisoformat(as_of)
    for choice in chosen(rows):
        life = factory_lifecycle([said(row) for row in choice.rows], day_asked)
        if life is None:
            continue
        by_id = {row.ann_id: row for row in choice.rows}
        phase_rows = choice.best()
        slot = choice.in_force.slot or slot_key(choice.in_force.content)
        site, phase = choice.rows[0].content["site"], choice.rows[0].content["phase"]
        plan = None
        if life.plan is not None and life.plan.outcome in ("pending", "overdue"):
            planned = by_id[life.plan.planned_id].content
            plan = PlannedStatus(
                planned["status"], life.plan.planned.text, PlanShown.of(life.plan),
                certainty(planned), life.plan.planned_id, slot, site, phase,
            )  # fmt: skip
        reached_on = day(life.reached_on)
        current = by_id[life.status_id].content if life.status_id else None
        views.append(
            Factory(
                site=choice.rows[0].content["site"],
                phase=choice.rows[0].content["phase"],
                market=_latest(phase_rows, "market"),
                status=life.status,
                reached_before=life.reached_before,
                effective_on=reached_on,
                effective_as_said=as_said(life.reached_as_said, reached_on),
                capacity=_latest(phase_rows, "capacity"),
                assembly=_latest(phase_rows, "assembly"),
                certainty=certainty(current) if current else None,
                id=life.status_id,
                planned=plan,
                slot=slot,
            )  # fmt: skip
        )
    views.sort(key=lambda v: (v.site.casefold(), v.phase))
    return views


def _latest(rows: Sequence[Row], name: str) -> Any:
    """The latest value a slot's announcements give a field (None: none gives it)."""
    return next((row.content[name] for row in reversed(rows) if name in row.content), None)


class ScopedFigure(NamedTuple):
    """A target or a delivered total of `state company`: its metric, period and scope, and
    its value."""

    metric: str
    period: str
    scope: Scope
    figure: SlotValue

    def held(self) -> "Held":
        return held(self.figure, (("metric", self.metric), ("period", self.period),
                                  ("markets", list(self.scope.markets)),
                                  ("except", list(self.scope.excepted))))  # fmt: skip

    @property
    def id(self) -> str:
        return self.figure.id


def scoped_figure(choice: Choice) -> ScopedFigure:
    """A target's or delivered total's slot fields, scope and value."""
    content = choice.in_force.content
    return ScopedFigure(
        field_value(content, "metric"), field_value(content, "period"), Scope.of(content),
        value_of(choice),
    )  # fmt: skip


@record(hidden=("slot",))
class ExpectedEntry(NamedTuple):
    """An expected entry (of a model, or of the company as a whole: `model` None) and its
    lifecycle (SPEC §5.2): `expected`, `overdue`, or `fulfilled` by a launch (its day and
    announcement), with its plans."""

    market: str
    model: str | None
    expected: str
    status: str
    fulfilled_on: str | None
    fulfilled_by: str | None
    plan: PlanShown
    certainty: str
    announced_on: str
    id: str
    slot: SlotKey

    def held(self) -> "Held":
        from .changes import Held

        subject = (("model", self.model), ("market", self.market))
        return Held(self.slot, subject, self.expected, None, None, self.id, self.status)

    @classmethod
    def of(cls, row: Row, life: EntryLifecycle | None) -> "ExpectedEntry":
        content = row.content
        plan = life.plan if life is not None else None
        happened = plan is not None and plan.outcome == "happened"
        return cls(
            content["market"], content.get("model"), content["expected"],
            life.status if life is not None else "expected",
            day(plan.happened_on) if happened and plan else None,
            plan.happened_id if happened and plan else None, PlanShown.of(plan),
            certainty(content), row.announced_on, row.ann_id, row.slot or slot_key(content),
        )  # fmt: skip


@record(hidden=("slot",))
class Exit(NamedTuple):
    """An exit (SPEC §5.2): sales of a model (None: every model) stop in its markets from
    a day (as said), for good or for a while (`temporary`)."""

    model: str | None
    markets: list[str]
    except_: list[str]
    effective_on: str
    temporary: bool
    certainty: str
    announced_on: str
    id: str
    slot: SlotKey

    def held(self) -> "Held":
        """The exit as `diff` compares it: there from its announcement on."""
        from .changes import Held

        subject = (("model", self.model), ("markets", self.markets), ("except", self.except_))
        status = "paused" if self.temporary else "withdrawn"
        return Held(self.slot, subject, self.effective_on, None, None, self.id, status)

    @classmethod
    def of(cls, row: Row) -> "Exit":
        content = row.content
        slot = row.slot or slot_key(content)
        return cls(
            content.get("model"), list(content["markets"]), list(content.get("except") or ()),
            str(content.get("effective_on") or content["announced_on"]),
            bool(content.get("temporary")), certainty(content), row.announced_on, row.ann_id,
            (*slot[:3], f"{slot[3]}|{row.ann_id}"),
        )  # fmt: skip


class ModelSummary(NamedTuple):
    """A model in `state company`: whether and where it is launched."""

    model: str
    status: str
    launched_on: str | None
    markets: list[str]


class CompanyState(NamedTuple):
    """`mxt state company`: a company's targets and delivered totals in force, factories,
    models, policies in force and expected entries."""

    company: str
    as_of: str
    known_at: str
    targets: list[ScopedFigure]
    deliveries: list[ScopedFigure]
    factories: list[Factory]
    models: list[ModelSummary]
    policies: list[Policy]
    expected_entries: list[ExpectedEntry]
    exits: list[Exit]


# What `state company` reads: of a kind both state answers show (deliveries), the company's
# own values (its totals: `state model` shows a model's); of a kind only this answer shows,
# every value (the latest of each rank of each slot); and every row of the kinds settled
# from every row (launches, factories).
_COMPANY = kinds_where(lambda kind: "company" in kind.shown_in)
_LATEST = tuple(name for name in _COMPANY if latest_only(name))
COMPANY_OWN = tuple(name for name in _LATEST if "model" in KINDS[name].shown_in)
COMPANY_ALL = tuple(name for name in _LATEST if name not in COMPANY_OWN)
COMPANY_EVERY = tuple(name for name in _COMPANY if not latest_only(name))
# Of those, the kinds whose latest announcement covering a market decides it (policies:
# `BY_LATEST`) are read as their index tells them first, and only those that can decide a
# market are read whole (`state.deciding_anywhere`); the rest are read whole.
COMPANY_DECIDING = tuple(name for name in COMPANY_EVERY if name in BY_LATEST)
COMPANY_WHOLE = tuple(name for name in COMPANY_EVERY if name not in BY_LATEST)


def company_state(rows: Sequence[Row], names: Names, query: Query) -> CompanyState:
    """`mxt state company`: rows are the company's visible announcements up to `as_of`."""
    facts = CompanyFacts.of(rows, names)
    models = []
    for model_key, name in facts.models.items():
        launches = facts.launched(model_key, query.as_of)
        models.append(
            ModelSummary(name, launches.status(), launches.first_launch(), launches.markets())
        )
    models.sort(key=lambda m: str(m.model).casefold())
    totals = [c for c in chosen(of_kind(rows, "deliveries")) if not c.in_force.content.get("model")]
    targets = chosen(of_kind(rows, "target"))
    exits = [row for row in rows if KINDS[row.content["kind"]].decides == WITHDRAWN]
    return CompanyState(
        company=facts.name,
        as_of=query.as_of,
        known_at=query.known_at,
        targets=sorted((scoped_figure(c) for c in targets), key=_figure_order),
        deliveries=sorted((scoped_figure(c) for c in totals), key=_figure_order),
        factories=factories(of_kind(rows, "factory"), query.as_of),
        models=models,
        policies=[Policy.of(row) for row in policies_in_force(facts.policies, query.as_of)],
        expected_entries=[
            ExpectedEntry.of(row, facts.entry_life(row, query.as_of)) for row in facts.expected
        ],
        exits=[Exit.of(row) for row in exits],
    )


def _figure_order(figure: ScopedFigure) -> tuple[Any, ...]:
    return (figure.metric, figure.period, list(figure.scope.markets), list(figure.scope.excepted))
