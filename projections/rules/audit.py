"""`mxt audit targets`: every revision of each target in order, with the value in force before
it (by the rank rule) and the change of the midpoints; and the corrections in an
announcement's history. `mxt audit plans`: every plan of each plan slot in order, its slips
and the slot's outcome (SPEC §5.2, decided by `plans.plan_audit`). (Records' annotations are
evaluated here, as in `state`.)"""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from mxt.events.content import Content, field_at
from mxt.events.kinds import KINDS, Scope, bounded, kinds_where, midpoint, rank

from ..readmodel.view import Row
from .evidence import Choice, by_slot, certainty, choose
from .records import record
from .state import display_name, said

if TYPE_CHECKING:
    from .plans import PlanAudit

AUDITED = "target"  # the kind whose revisions `mxt audit targets` lists
PLAN_KINDS = kinds_where(lambda kind: kind.plans)  # the kinds whose slots `audit plans` lists
STOPPING = kinds_where(lambda kind: kind.decides == "withdrawn")  # exits: they end plans
LAUNCHING = kinds_where(lambda kind: kind.decides == "available")


class FieldCorrection(NamedTuple):
    """One field a correction changed: from what, to what, why and when it was recorded."""

    field: str
    from_: Any
    to: Any
    reason: str | None
    recorded_at: str


@record(hidden=("took_force",))
class TargetRevision(NamedTuple):
    """One line of `mxt audit targets`: a target's revision, the value in force before it and
    the change of the midpoints, what it says it replaced, its status and corrections; and
    whether it was the value in force from its day on (`took_force`: a lower-rank report
    after a stronger figure never was, even when the two agree), which the report's chart
    steps through."""

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
    took_force: bool = False


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
            took = not row.retracted and (not latest or rank(row.content) <= min(latest))
            audit.append(
                _revision(row, company, before, final, histories)._replace(took_force=took)
            )
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


# -- plans (SPEC §5.2) ----------------------------------------------------------------------


class PlanSlot(NamedTuple):
    """What became of a slot's plans as of the date (`mxt audit plans`, on each of its
    rows): the first plan and the plan in force (as said), how many times the date moved
    later, and the outcome — `happened` (on `happened_on`; `on_time`, or `late_days` after
    the first plan's due day), `overdue` (`days_overdue` after the plan in force's due day),
    `cancelled`, or `pending`."""

    first_planned: str | None
    planned: str | None
    slips: int | None
    outcome: str
    happened_on: str | None
    on_time: bool | None
    late_days: int | None
    days_overdue: int | None


class PlanRow(NamedTuple):
    """One plan of a slot in `mxt audit plans`: the slot (company, kind, model, market, or
    site and phase), the status planned (a factory's), the date planned (its first day, and
    as said), the plan in force before it (as said) and the move from it in days (later is
    positive), who said it and when, its status (`in-force`, `superseded`, `unconfirmed`,
    `retracted`), and what became of the slot (`slot`)."""

    company: str
    kind: str
    model: str | None
    market: str | None
    site: str | None
    phase: int | None
    planned_status: str | None
    planned: str
    planned_as_said: str
    previous: str | None
    slip_days: int | None
    announced_on: str
    certainty: str
    status: str
    id: str
    source: Content
    speaker: str | None
    slot: PlanSlot


def plan_rows(
    audit: "PlanAudit", company: str, model: str | None, market: str | None
) -> list[PlanRow]:
    """The rows of one slot's audit (`plans.plan_audit`); `company` and `model` as they are
    spelled, `market` the slot's (a factory's: its country, as last said)."""
    record = audit.record
    late = record.late_days if record is not None and audit.outcome == "happened" else None
    slot = PlanSlot(
        record.first_planned.text if record else None, record.planned.text if record else None,
        record.slips if record else None, audit.outcome,
        audit.happened_on.isoformat() if audit.happened_on else None,
        None if late is None else late <= 0, late,
        record.days_overdue if record is not None and audit.outcome == "overdue" else None,
    )  # fmt: skip
    return [
        PlanRow(
            company,
            audit.kind,
            model,
            market,
            audit.site,
            audit.phase,
            line.planned_status if KINDS[audit.kind].settled == "reached" else None,
            line.planned.first.isoformat(),
            line.planned.text,
            line.previous.text if line.previous else None,
            line.slip_days,
            line.announced_on.isoformat(),
            line.certainty,
            line.status,
            line.id,
            dict(line.source),
            line.speaker,
            slot,
        )  # fmt: skip
        for line in audit.lines
    ]


def plans_audit(
    rows: Sequence[Row],
    as_of: str,
    model: str | None = None,
    market: str | None = None,
    kind: str | None = None,
) -> list[PlanRow]:
    """Every plan of each plan slot (a launch's, a factory's, an expected entry's) among
    `rows` (every row of the plan kinds and exits, retracted ones too), in order, with its
    slips and the slot's outcome as of `as_of` (SPEC §5.2); `model`, `market` (a market
    code: a slot's market covering it, a factory's country) and `kind` narrow the slots."""
    from .plans import exit_covers, launch_lifecycle, plan_audit

    day = date.fromisoformat(as_of)
    found: list[PlanRow] = []
    for company_rows in _by_company(rows).values():
        spelled = display_name(company_rows, "company", "")
        exits = [said(row) for row in company_rows
                 if row.content["kind"] in STOPPING and not row.retracted]  # fmt: skip
        groups = by_slot(row for row in company_rows if row.content["kind"] in PLAN_KINDS)
        arrivals = [
            life.arrival for group in groups.values() if group[0].content["kind"] in LAUNCHING
            if (life := launch_lifecycle([said(r) for r in group if not r.retracted], day))
            and life.arrival is not None
        ]  # fmt: skip
        for group in groups.values():
            content = group[0].content
            if not _plan_slot_asked(content, group, model, market, kind):
                continue
            slot_model = content.get("model")
            covering = [
                e for e in exits if slot_model and exit_covers(e, slot_model, content["market"])
            ]
            audit = plan_audit([said(row) for row in group], day, covering, arrivals)
            if audit is not None:
                named = display_name(group, "model", slot_model) if slot_model else None
                found += plan_rows(audit, spelled, named, _market_of(group))
    return found


def _by_company(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """Rows by company key, each company's in the order given, companies sorted."""
    from ..readmodel.tables import key

    found: dict[str, list[Row]] = {}
    for row in rows:
        found.setdefault(key(row.content["company"]), []).append(row)
    return dict(sorted(found.items()))


def _plan_slot_asked(
    content: Content,
    group: Sequence[Row],
    model: str | None,
    market: str | None,
    kind: str | None,
) -> bool:
    """Whether `audit plans` lists a plan slot (its first row's `content`): of `kind`, of
    `model`, in a market covering `market` (a factory: in that country, as last said)."""
    from mxt.events.codes import EVER, market_covers

    from ..readmodel.tables import key

    if kind is not None and content["kind"] != kind:
        return False
    if model is not None and key(content.get("model")) != key(model):
        return False
    if market is None:
        return True
    where = _market_of(group)
    return where is not None and market_covers(where, market, EVER)


def _market_of(group: Sequence[Row]) -> str | None:
    """A slot's market: its announcements' (a factory's country, as last said)."""
    return next((row.content["market"] for row in reversed(group)
                 if row.content.get("market")), None)  # fmt: skip
