"""`mxt conflicts` (docs/concepts.md, Conflicts): the slots whose visible announcements disagree.

A slot's announcements disagree when their values differ beyond their bounds (docs/concepts.md,
Rank): the one in force is chosen by the rank rule, and every other visible announcement that says
otherwise is listed beside it, with its source: one of lower rank (a report or expectation against
the confirmed figure, earlier or later), or one of the same rank announced the same day. An earlier
announcement of the same rank is a revision (the audit shows it), not a disagreement. Launch slots
are settled by the earliest launch of the highest rank, so a second launch event of the same rank (a
second city) is no disagreement either; and a factory's statuses follow each other by design, so
factories are left out. What SPEC §5.2 calls history is no disagreement either: a plan replaced by
a later plan (a launch's or an expected entry's slip or pull-in, whatever their ranks), a count of
orders that grew, a launch paused, resumed or cancelled."""

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any, NamedTuple

from mxt.events.content import Content, JsonObject
from mxt.events.kinds import (
    KINDS,
    MODEL_SLOT_KINDS,
    SCOPED_KINDS,
    SLOT_FIELDS,
    Scope,
    agree,
    bounded,
    field_value,
    rank,
)

from ..readmodel.tables import key
from ..readmodel.view import Row
from .evidence import by_slot, certainty, choose
from .plans import launch_lifecycle, said_of
from .state import Names


class SlotView(NamedTuple):
    """What a slot is: company and kind, its model when the kind's slot names one (None: the
    company's own), its fields, and its scope for a kind that has one; the company and
    model spelled as in their earliest announcements."""

    company: str
    kind: str
    model: str | None
    fields: tuple[tuple[str, Any], ...]
    scope: Scope | None

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield "company", self.company
        yield "kind", self.kind
        if self.kind in MODEL_SLOT_KINDS:
            yield "model", self.model
        yield from self.fields
        if self.scope is not None:
            yield from self.scope.json_items()

    def words(self) -> list[str]:
        """The slot in words: `Xiaomi`, `wait-time`, `YU7`, and each field given."""
        named = [self.model] if self.kind in MODEL_SLOT_KINDS else []
        return [self.company, self.kind, *(str(v) for v in (*named, *dict(self.fields).values())
                                           if v is not None)]  # fmt: skip


class Voice(NamedTuple):
    """One side of a disagreement: a value with its bound, certainty, day, id and source."""

    value: Any
    bound: str
    high: int | None
    certainty: str
    announced_on: str
    id: str
    source: Content


class Conflict(NamedTuple):
    """A slot whose visible announcements disagree: the value in force and the others."""

    slot: SlotView
    in_force: Voice
    others: list[Voice]


def disagreements(rows: Sequence[Row], names: dict[str, Names], as_of: str) -> list[Conflict]:
    """Every slot whose visible announcements as of `as_of` (`rows`, of the kinds that can
    disagree) disagree: `{slot, in_force, others}`, the company and model spelled as `names`
    has them."""
    found: list[Conflict] = []
    for group in by_slot(rows).values():
        in_force, others = _disagreeing(group, as_of)
        if in_force is not None and others:
            found.append(
                Conflict(
                    slot_view(in_force, names), voice(in_force), [voice(row) for row in others]
                )
            )
    found.sort(key=lambda item: (item.in_force.announced_on, str(_slot_dict(item.slot))))
    return found


def _slot_dict(slot: SlotView) -> JsonObject:
    """The slot as its JSON object (conflicts are sorted by its text, as they always were)."""
    return {name: list(value) if isinstance(value, tuple) else value
            for name, value in slot.json_items()}  # fmt: skip


def _disagreeing(group: list[Row], as_of: str) -> tuple[Row | None, list[Row]]:
    """The row in force for one slot and the rows that disagree with it: of a lower rank,
    or (but for launches) of the same day, saying another value — less what is history, not
    disagreement (SPEC §5.2): a plan replaced by a later plan or by the launch, a count of
    orders that grew, a launch's pause, resumption or cancellation. (A plan said once the
    model had launched is no plan of anything: a lower-rank one disagrees.)"""
    choice = choose(group)
    if choice is None:
        return None, []
    in_force = choice.in_force
    kind = KINDS[group[0].content["kind"]]
    if kind.settled == "earliest":  # a launch: the first that happened, else the plan in force
        said = {row.ann_id: said_of(row.content, row.ann_id, row.order) for row in group}
        life = launch_lifecycle(list(said.values()), date.fromisoformat(as_of))
        deciding = life and (life.launch_id or (life.plan.planned_id if life.plan else None))
        in_force = next((row for row in group if row.ann_id == deciding), in_force)
        launched = life is not None and life.launch_id == in_force.ann_id
        group = [  # what says it launched; once it has, a plan said after the launch too
            row for row in group if said[row.ann_id].status == "launched"
            or (launched and said[row.ann_id].planned and row.order > in_force.order)
        ]  # fmt: skip
    top = rank(in_force.content)

    def says_otherwise(row: Row) -> bool:
        if agree(row.content, in_force.content):
            return False
        same_day = row.announced_on == in_force.announced_on
        if kind.settled == "planned":  # plans: a later or earlier one is a slip or pull-in
            return same_day
        if kind.grows and not same_day and _grew(row, in_force):
            return False
        lower = rank(row.content) > top
        return lower or (same_day and kind.settled != "earliest")

    return in_force, [row for row in group if says_otherwise(row)]


def _grew(row: Row, in_force: Row) -> bool:
    """Whether two cumulative counts tell of growth: the later is at least the earlier."""
    earlier, later = sorted((row, in_force), key=lambda r: r.order)
    return bounded(later.content)[0] >= bounded(earlier.content)[0]


def slot_view(row: Row, names: dict[str, Names]) -> SlotView:
    """What a slot is (`SlotView`), from the row in force."""
    content = row.content
    kind = content["kind"]
    spelled = names.get(key(content["company"])) or Names(content["company"])
    model = None
    if kind in MODEL_SLOT_KINDS:
        given = content.get("model")
        model = spelled.models.get(key(given), given) if given else None
    fields = tuple((name, field_value(content, name)) for name in SLOT_FIELDS[kind])
    scope = Scope.of(content) if kind in SCOPED_KINDS else None
    return SlotView(spelled.company, kind, model, fields, scope)


def voice(row: Row) -> Voice:
    """One side of a disagreement, from its row."""
    value, bound, high = bounded(row.content)
    return Voice(value, bound, high, certainty(row.content), row.announced_on, row.ann_id,
                 row.content["source"])  # fmt: skip
