"""Which announcement answers for a slot (docs/concepts.md, Rank), and what is shown beside it.

Pure functions over the visible rows of one question (in time order). The slot of a row and
the meaning of its value come from the kind registry (`events/kinds.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from mxt.events.kinds import COUNT_KINDS, agree, bounded, rank, subject_of

from .tables import key
from .view import Row

SlotKey = tuple[str, str, str, str]  # company key, kind, model key, subject


def slot_key(content: dict[str, Any]) -> SlotKey:
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


def evidence(row: Row, value_name: str | None = None) -> dict[str, Any]:
    """A value as answers show it: the value (under its field's name, or `value_name`), its
    bound (and `high`) for a count, `certainty`, `announced_on`, `id`."""
    content = row.content
    value, bound, high = bounded(content)
    shown: dict[str, Any] = {value_name or "value": value}
    if content["kind"] in COUNT_KINDS:
        shown["bound"] = bound
        shown["high"] = high
    shown.update(
        certainty=content.get("certainty") or "confirmed",
        announced_on=row.announced_on,
        id=row.ann_id,
    )
    return shown


def unconfirmed_view(choice: Choice, value_name: str = "value") -> dict[str, Any] | None:
    """The `unconfirmed` value beside a slot's value, or None."""
    return evidence(choice.unconfirmed, value_name) if choice.unconfirmed else None
