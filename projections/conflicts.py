"""`mxt conflicts` (docs/concepts.md, Conflicts): the slots whose visible announcements disagree.

A slot's announcements disagree when their values differ beyond their bounds (docs/concepts.md,
Rank): the one in force is chosen by the rank rule, and every other visible announcement that says
otherwise is listed beside it, with its source: one of lower rank (a report or expectation against
the confirmed figure, earlier or later), or one of the same rank announced the same day. An earlier
announcement of the same rank is a revision (the audit shows it), not a disagreement. Launch slots
are settled by the earliest launch of the highest rank, so a second launch event of the same rank (a
second city) is no disagreement either; and a factory's statuses follow each other by design, so
factories are left out."""

from __future__ import annotations

from typing import Any

from mxt.events.kinds import (
    DISAGREEING_KINDS,
    MODEL_SLOT_KINDS,
    SCOPED_KINDS,
    SLOT_FIELDS,
    agree,
    bounded,
    field_value,
    rank,
    scope,
)

from .answers import Answer, answering
from .evidence import by_slot, choose
from .queries import ReadSide
from .state import Names, Query, launch_dates
from .tables import key
from .view import Row


@answering
def conflicts(read_side: ReadSide, query: Query, company: str | None = None) -> Answer:
    """Every slot of `company` (or of every company) whose visible announcements as of
    `query.as_of`, known at `query.known_at`, disagree: `{slot, in_force, others}`."""
    rows = read_side.visible(query, company, DISAGREEING_KINDS)
    names = read_side.names(query, company) if rows else {}
    found: list[dict[str, Any]] = []
    for group in by_slot(rows).values():
        in_force, others = _disagreeing(group, query.as_of)
        if in_force is not None and others:
            found.append(
                {"slot": slot_view(in_force, names), "in_force": source_view(in_force),
                 "others": [source_view(row) for row in others]}
            )  # fmt: skip
    found.sort(key=lambda item: (item["in_force"]["announced_on"], str(item["slot"])))
    return Answer(found, bool(rows))


def _disagreeing(group: list[Row], as_of: str) -> tuple[Row | None, list[Row]]:
    """The row in force for one slot and the rows that disagree with it."""
    choice = choose(group)
    if choice is None:
        return None, []
    in_force = choice.in_force
    launch = group[0].content["kind"] == "launch"
    if launch:
        launched, planned = launch_dates(choice.best(), as_of)
        in_force = launched or planned or in_force
    top = rank(in_force.content)

    def says_otherwise(row: Row) -> bool:
        lower = rank(row.content) > top
        same_day = not launch and row.announced_on == in_force.announced_on
        return (lower or same_day) and not agree(row.content, in_force.content)

    return in_force, [row for row in group if says_otherwise(row)]


def slot_view(row: Row, names: dict[str, Names]) -> dict[str, Any]:
    """What a slot is: company, kind, model (when the kind's slot names one, §5.1: None for the
    company's own), its fields and scope; the company and model spelled as in their earliest
    announcements (`names`, by company key)."""
    content = row.content
    kind = content["kind"]
    spelled = names.get(key(content["company"])) or Names(content["company"])
    slot: dict[str, Any] = {"company": spelled.company, "kind": kind}
    if kind in MODEL_SLOT_KINDS:
        model = content.get("model")
        slot["model"] = spelled.models.get(key(model), model) if model else None
    slot.update({name: field_value(content, name) for name in SLOT_FIELDS[kind]})
    if kind in SCOPED_KINDS:
        markets, excepted = scope(content)
        slot.update(markets=list(markets), **{"except": list(excepted)})
    return slot


def source_view(row: Row) -> dict[str, Any]:
    """One side of a disagreement: `{value, bound, high, certainty, announced_on, id, source}`."""
    value, bound, high = bounded(row.content)
    return {
        "value": value,
        "bound": bound,
        "high": high,
        "certainty": row.content.get("certainty") or "confirmed",
        "announced_on": row.announced_on,
        "id": row.ann_id,
        "source": row.content["source"],
    }
