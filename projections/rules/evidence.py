"""Which announcement answers for a slot (docs/concepts.md, Rank), and what is shown beside it.

Pure functions over the visible rows of one question (in time order). The slot of a row and
the meaning of its value come from the kind registry (`events/kinds.py`).
"""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from mxt.events.content import Content
from mxt.events.kinds import COUNT_KINDS, VALUE_FIELD, agree, bounded, rank, subject_of

from ..readmodel.tables import key
from ..readmodel.view import Row
from .records import record

SlotKey = tuple[str, str, str, str]  # company key, kind, model key, subject
# (Its records' annotations are evaluated, as in `state`: no `from __future__ import
# annotations` here.)


def slot_key(content: Content) -> SlotKey:
    """The slot an announcement belongs to: what a later one of the same kind replaces."""
    return (
        key(content["company"]),
        content["kind"],
        key(content.get("model")),
        subject_of(content),
    )


class Choice(NamedTuple):
    """The announcement in force for a slot, and a later lower-rank one that differs (a tuple:
    a question makes one for every slot it answers)."""

    in_force: Row
    unconfirmed: Row | None
    rows: tuple[Row, ...]  # every visible row of the slot, in time order

    def best(self) -> list[Row]:
        """The slot's rows of the highest rank present, in time order."""
        top = rank(self.in_force.content)
        return [row for row in self.rows if rank(row.content) == top]


def choose(rows: Sequence[Row]) -> Choice | None:
    """The rank rule for one slot's rows (in time order): the latest of the highest rank
    wins; the latest lower-rank row, when later than it and differing beyond both bounds,
    is shown beside it as unconfirmed."""
    if len(rows) < 2:  # (most slots: one row, in force)
        return Choice(rows[0], None, (rows[0],)) if rows else None
    ranks = [rank(row.content) for row in rows]
    top = min(ranks)
    in_force = [row for row, level in zip(rows, ranks, strict=True) if level == top][-1]
    lower = [row for row, level in zip(rows, ranks, strict=True) if level > top]
    unconfirmed = None
    if (
        lower
        and lower[-1].order > in_force.order
        and not agree(lower[-1].content, in_force.content)
    ):
        unconfirmed = lower[-1]
    return Choice(in_force, unconfirmed, tuple(rows))


def by_slot(rows: Iterable[Row]) -> dict[SlotKey, list[Row]]:
    """Rows grouped by slot, each group in the order given."""
    slots: dict[SlotKey, list[Row]] = {}
    for row in rows:
        slots.setdefault(row.slot or slot_key(row.content), []).append(row)
    return slots


def chosen(rows: Iterable[Row]) -> list[Choice]:
    """The choice of every slot among `rows` (in time order), in order of the slot's in-force
    announcement."""
    choices = [choice for group in by_slot(rows).values() if (choice := choose(group))]
    return sorted(choices, key=lambda choice: choice.in_force.order)


def disagreements(rows: Sequence[Row]) -> list[Row]:
    """The rows of one slot that disagree with the one in force (beyond both bounds)."""
    choice = choose(rows)
    if choice is None:
        return []
    return [row for row in rows if not agree(row.content, choice.in_force.content)]


class Reported(NamedTuple):
    """A lower-rank report shown beside a slot's value (`unconfirmed`): its value and bound,
    certainty, day and id."""

    value: Any
    bound: str
    high: int | None
    certainty: str
    announced_on: str
    id: str
    counted: bool  # a count: its bound is shown

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield "value", self.value
        if self.counted:
            yield "bound", self.bound
            yield "high", self.high
        yield from (("certainty", self.certainty), ("announced_on", self.announced_on),
                    ("id", self.id))  # fmt: skip


@record(flat=True)
class SlotValue(NamedTuple):
    """A slot's value as answers show it (docs/concepts.md, Rank): the value of the
    announcement in force (under its kind's name for it: `count`, `units`, `value`,
    `max_months`…), its bound and a range's `high` for a count, its certainty, day and id,
    a later lower-rank report that differs (`unconfirmed`), and the slot it fills. Written
    flat into the record naming the slot (a target's metric and period, an order stage)."""

    value: Any
    bound: str
    high: int | None
    certainty: str
    announced_on: str
    id: str
    unconfirmed: Reported | None
    slot: SlotKey

    @property
    def kind(self) -> str:
        return self.slot[1]

    @property
    def counted(self) -> bool:
        """Whether the value is a count with a bound."""
        return self.slot[1] in COUNT_KINDS

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield VALUE_FIELD[self.slot[1]], self.value
        if self.counted:
            yield "bound", self.bound
            yield "high", self.high
        yield from (("certainty", self.certainty), ("announced_on", self.announced_on),
                    ("id", self.id), ("unconfirmed", self.unconfirmed))  # fmt: skip


def reported(row: Row) -> Reported:
    """One row's value as a report beside the value in force."""
    value, bound, high = bounded(row.content)
    return Reported(value, bound, high, certainty(row.content), row.announced_on, row.ann_id,
                    row.content["kind"] in COUNT_KINDS)  # fmt: skip


def slot_value(choice: Choice) -> SlotValue:
    """A slot's value: the announcement in force, and the unconfirmed report beside it."""
    row = choice.in_force
    value, bound, high = bounded(row.content)
    beside = reported(choice.unconfirmed) if choice.unconfirmed else None
    return SlotValue(value, bound, high, certainty(row.content), row.announced_on, row.ann_id,
                     beside, row.slot or slot_key(row.content))  # fmt: skip


def certainty(content: Content) -> str:
    """An announcement's certainty (default confirmed)."""
    return content.get("certainty") or "confirmed"
