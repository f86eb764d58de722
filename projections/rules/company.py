"""`mxt state company`: a company's targets and delivered totals in force, factories,
models, policies in force and expected entries, by the rules of `state` and `evidence`.
(Records' annotations are evaluated here, as in `state`.)"""

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mxt.events.kinds import KINDS, Scope, field_value, kinds_where

from ..readmodel.view import Row
from .evidence import Choice, SlotKey, SlotValue, certainty, chosen, slot_key
from .evidence import slot_value as value_of
from .records import record
from .state import (
    CompanyFacts,
    Launches,
    Names,
    Policy,
    Query,
    effective,
    held,
    of_kind,
    policies_in_force,
)

if TYPE_CHECKING:
    from .changes import Held


class PlannedStatus(NamedTuple):
    """A factory phase's later status, planned for a date."""

    status: str
    effective_on: str
    certainty: str
    id: str


@record(hidden=("slot",))
class Factory(NamedTuple):
    """A factory phase: the status it reached by the as-of date, and a later planned one."""

    site: str
    phase: int
    status: str | None
    effective_on: str | None
    capacity: int | None
    certainty: str | None
    id: str | None
    planned: PlannedStatus | None
    slot: SlotKey

    def held(self) -> "Held":
        from .changes import Held

        subject = (("site", self.site), ("phase", self.phase))
        return Held(self.slot, subject, self.status, None, None, self.id)


def factories(rows: Iterable[Row], as_of: str) -> list[Factory]:
    """Each (site, phase): the status reached by `as_of`, and a later planned status, from
    the announcements of the highest rank for it."""
    views = []
    for choice in chosen(rows):
        phase_rows = choice.best()
        reached = [r for r in phase_rows if effective(r.content, "effective_on") <= as_of]
        reached.sort(key=lambda r: (effective(r.content, "effective_on"), r.order))
        current = reached[-1] if reached else None
        last = choice.rows[-1]  # a plan of any certainty is shown as planned until its date
        plan = None
        if effective(last.content, "effective_on") > as_of:
            plan = PlannedStatus(
                last.content["status"], effective(last.content, "effective_on"),
                certainty(last.content), last.ann_id,
            )  # fmt: skip
        capacity = next(
            (r.content["capacity"] for r in reversed(phase_rows) if "capacity" in r.content), None
        )
        views.append(
            Factory(
                site=choice.rows[0].content["site"],
                phase=choice.rows[0].content["phase"],
                status=current.content["status"] if current else None,
                effective_on=effective(current.content, "effective_on") if current else None,
                capacity=capacity,
                certainty=certainty(current.content) if current else None,
                id=current.ann_id if current else None,
                planned=plan,
                slot=choice.in_force.slot or slot_key(choice.in_force.content),
            )
        )
    views.sort(key=lambda v: (v.site.casefold(), v.phase))
    return views


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
    """An expected entry in force: of a model, or of the company as a whole (`model` None)."""

    market: str
    model: str | None
    expected: str
    certainty: str
    announced_on: str
    id: str
    slot: SlotKey

    def held(self) -> "Held":
        from .changes import Held

        subject = (("model", self.model), ("market", self.market))
        return Held(self.slot, subject, self.expected, None, None, self.id)

    @classmethod
    def of(cls, row: Row) -> "ExpectedEntry":
        content = row.content
        return cls(
            content["market"], content.get("model"), content["expected"], certainty(content),
            row.announced_on, row.ann_id, row.slot or slot_key(row.content),
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


# What `state company` reads: of a kind both state answers show (deliveries), the company's
# own values (its totals: `state model` shows a model's); of a kind only this answer shows,
# every value (the latest of each rank of each slot); and every row of the kinds settled
# from every row (launches, factories).
_COMPANY = kinds_where(lambda kind: "company" in kind.shown_in)
_LATEST = tuple(name for name in _COMPANY if KINDS[name].settled == "latest")
COMPANY_OWN = tuple(name for name in _LATEST if "model" in KINDS[name].shown_in)
COMPANY_ALL = tuple(name for name in _LATEST if name not in COMPANY_OWN)
COMPANY_EVERY = tuple(name for name in _COMPANY if KINDS[name].settled != "latest")


def company_state(rows: Sequence[Row], names: Names, query: Query) -> CompanyState:
    """`mxt state company`: rows are the company's visible announcements up to `as_of`."""
    facts = CompanyFacts.of(rows, names)
    models = []
    for model_key, name in facts.models.items():
        launches = Launches.of(facts.launches.get(model_key, ()), query.as_of)
        models.append(
            ModelSummary(
                name, launches.status(), launches.first_launch(), sorted(launches.launched)
            )
        )
    models.sort(key=lambda m: str(m.model).casefold())
    totals = [c for c in chosen(of_kind(rows, "deliveries")) if not c.in_force.content.get("model")]
    targets = chosen(of_kind(rows, "target"))
    return CompanyState(
        company=facts.name,
        as_of=query.as_of,
        known_at=query.known_at,
        targets=sorted((scoped_figure(c) for c in targets), key=_figure_order),
        deliveries=sorted((scoped_figure(c) for c in totals), key=_figure_order),
        factories=factories(of_kind(rows, "factory"), query.as_of),
        models=models,
        policies=[Policy.of(row) for row in policies_in_force(facts.policies, query.as_of)],
        expected_entries=[ExpectedEntry.of(row) for row in facts.expected],
    )


def _figure_order(figure: ScopedFigure) -> tuple[Any, ...]:
    return (figure.metric, figure.period, list(figure.scope.markets), list(figure.scope.excepted))
