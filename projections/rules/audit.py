"""`mxt audit targets`: every revision of each target in order, with the value in force before
it (by the rank rule) and the change of the midpoints; and the corrections in an
announcement's history. (Records' annotations are evaluated here, as in `state`.)"""

from collections.abc import Sequence
from typing import Any, NamedTuple

from mxt.events.content import Content, field_at
from mxt.events.kinds import Scope, bounded, midpoint, rank

from ..readmodel.view import Row
from .evidence import Choice, by_slot, certainty, choose
from .state import display_name

AUDITED = "target"  # the kind whose revisions `mxt audit targets` lists


class FieldCorrection(NamedTuple):
    """One field a correction changed: from what, to what, why and when it was recorded."""

    field: str
    from_: Any
    to: Any
    reason: str | None
    recorded_at: str


class TargetRevision(NamedTuple):
    """One line of `mxt audit targets`: a target's revision, the value in force before it and
    the change of the midpoints, what it says it replaced, its status and corrections."""

    company: str
    metric: str
    period: str
    scope: Scope
    value: int
    bound: str
    high: int | None
    previous: int | None
    previous_high: int | None
    change: int | float | None
    change_pct: float | None
    stated_previous: int | None
    stated_previous_high: int | None
    previous_mismatch: bool
    announced_on: str
    recorded_at: str
    id: str
    source: Content
    speaker: str | None
    certainty: str
    status: str
    corrections: list[FieldCorrection]


def of_target(rows: Sequence[Row], metric: str | None, period: str | None) -> list[Row]:
    """The target rows of one metric and one period (None: any)."""
    return [
        row
        for row in rows
        if (metric is None or row.content["metric"] == metric)
        and (period is None or row.content["period"] == period)
    ]


def target_audit(rows: Sequence[Row], histories: dict[str, list[Row]]) -> list[TargetRevision]:
    """`mxt audit targets`: every revision in order, with the value in force before it
    (by the rank rule) and the change of the midpoints.

    `rows` are the target announcements visible at `known_at` up to `as_of`, retracted ones
    included; `histories` holds every known version of each, for its corrections.
    """
    groups = by_slot(rows)
    audit = []
    for slot in sorted(groups, key=lambda slot: _target_order(slot, groups[slot][0].content)):
        group = groups[slot]
        company = display_name(group, "company", slot[0])
        final = choose([row for row in group if not row.retracted])
        latest: dict[int, Row] = {}  # rank -> its latest row not retracted, so far
        for row in group:
            before = latest[min(latest)] if latest else None  # what `choose` puts in force
            audit.append(_revision(row, company, before, final, histories))
            if not row.retracted:
                latest[rank(row.content)] = row
    return audit


def _revision(
    row: Row,
    company: str,
    before: Row | None,
    final: Choice | None,
    histories: dict[str, list[Row]],
) -> TargetRevision:
    """One line of the target audit."""
    content = row.content
    value, bound, high = bounded(content)
    previous, previous_high = (None, None)
    if before is not None:
        previous, _, previous_high = bounded(before.content)
    change = change_pct = None
    if previous is not None:
        old = midpoint(previous, previous_high)
        change = _whole(midpoint(value, high) - old)
        change_pct = round(change * 100 / old, 2) if old else None
    stated = content.get("previous")
    if row.retracted:
        status = "retracted"
    elif final is not None and row.ann_id == final.in_force.ann_id:
        status = "in-force"
    elif final is not None and final.unconfirmed and row.ann_id == final.unconfirmed.ann_id:
        status = "unconfirmed"
    else:
        status = "superseded"
    return TargetRevision(
        company, content["metric"], content["period"], Scope.of(content), value, bound, high,
        previous, previous_high, change, change_pct, stated, content.get("previous_high"),
        stated is not None and (stated, content.get("previous_high")) != (previous, previous_high),
        row.announced_on, row.recorded_at, row.ann_id, content["source"], content.get("speaker"),
        certainty(content), status, corrections_of(histories.get(row.ann_id, [])),
    )  # fmt: skip


def _target_order(slot: tuple[str, ...], content: Content) -> tuple[Any, ...]:
    """Targets in the audit: by company, metric, period, then scope."""
    return (slot[0], content["metric"], content["period"], *Scope.of(content))


def _whole(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def corrections_of(history: Sequence[Row]) -> list[FieldCorrection]:
    """The corrections in one announcement's history: field, from, to, reason, recorded_at."""
    result = []
    for before, after in zip(history, history[1:], strict=False):
        if after.event != "corrected" or not after.changes:
            continue
        for field_name in after.changes:
            result.append(
                FieldCorrection(
                    field_name,
                    field_at(before.content, field_name),
                    field_at(after.content, field_name),
                    after.reason,
                    after.known_from,
                )  # fmt: skip
            )
    return result
