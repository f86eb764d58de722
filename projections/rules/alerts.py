"""The alerts of SPEC §10, as pure rules over the answers of one state (one as-of date, one
known-at moment): what needs an analyst's attention, each with a one-line reason and the ids
behind it.

- `overdue`: a plan whose date passed with nothing recorded that says it happened (§5.2).
- `slipped`: a plan, not yet happened nor cancelled, whose date moved later than first said.
- `out-of-reach`: a target that needs more a month than the company's best month so far
  × `BEST_MONTH_FACTOR`, or more than its stated capacity (the yearly capacity of its
  factories producing as of the date, over 12).
- `behind`: a target whose pace is `behind` (§8).
- `conflict`: a slot whose sources disagree (§8).
- `claim-fails`: a recorded claim whose verdict is `fails`.
- `target-revised`: a target in force that replaced an earlier one.
- `exit`: an exit announced (§5.2).

An alert *begins to hold* between two states when its `identity` is in the later one's and
not in the earlier one's: a plan that slips again, a target revised again, a third source
disagreeing, each is a new alert; a standing one is not reported twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from mxt.events.alerts import (
    ALERT_KINDS,
    BEHIND,
    CLAIM_FAILS,
    CONFLICT,
    EXIT,
    OUT_OF_REACH,
    OVERDUE,
    SLIPPED,
    TARGET_REVISED,
)
from mxt.events.kinds import KINDS, Scope, spell_count

from .audit import PlanRow, TargetRevision
from .checked import ProgressRow, RecordedClaim
from .company import Exit, Factory
from .conflicts import Conflict, Voice
from .progress import ActualFact, in_force

BEST_MONTH_FACTOR = 1.2  # a target needing more a month than the best month × this is out of reach
MONTH = re.compile(r"\d{4}-\d{2}")  # a period that is one month
PRODUCING = ("operational", "completed")  # the factory statuses whose capacity counts


class Alert(NamedTuple):
    """One alert: its kind, the company, the fields naming its subject (`model`, `market`,
    `metric`, `period`…, in order), the reason in one line, the ids of the announcements
    behind it, and what tells it apart from another alert of the same subject (`mark`: the
    plan's date, the target's id…)."""

    alert: str
    company: str
    subject: tuple[tuple[str, Any], ...]
    reason: str
    ids: tuple[str, ...]
    mark: tuple[Any, ...] = ()

    @property
    def identity(self) -> tuple[Any, ...]:
        """What one alert is, across two states: kind, company, subject and mark."""
        subject = tuple((name, _hashable(value)) for name, value in self.subject)
        return (self.alert, self.company.casefold(), subject, self.mark)

    def named(self, name: str) -> Any:
        """A field of the subject (None when it has none of that name)."""
        return dict(self.subject).get(name)

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield "alert", self.alert
        yield "company", self.company
        yield from ((name, list(v) if isinstance(v, tuple) else v) for name, v in self.subject)
        yield "reason", self.reason
        yield "ids", list(self.ids)


def alert_order(alert: Alert) -> tuple[Any, ...]:
    """Alerts in order: by company, then kind (as `ALERT_KINDS` lists them), then reason."""
    return (alert.company.casefold(), ALERT_KINDS.index(alert.alert), alert.reason)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def began(before: Iterable[Alert], after: Iterable[Alert]) -> list[Alert]:
    """The alerts of `after` that `before` does not hold (by `identity`), in `after`'s order."""
    held = {alert.identity for alert in before}
    return [alert for alert in after if alert.identity not in held]


def _count(value: float | int | None) -> str:
    return "?" if value is None else f"{round(value):,}"


# -- plans ------------------------------------------------------------------------------------


def _plan_subject(row: PlanRow) -> tuple[tuple[str, Any], ...]:
    if row.kind == "factory":
        return (("kind", row.kind), ("site", row.site), ("phase", row.phase))
    return (("kind", row.kind), ("model", row.model), ("market", row.market))


def _plan_words(row: PlanRow) -> str:
    if row.kind == "factory":
        reached = f" {row.planned_status}" if row.planned_status else ""
        return f"{row.site} phase {row.phase}{reached}"
    what = "launch" if row.kind == "launch" else "entry"
    return f"{row.model or 'the company'}'s {what} in {row.market}"


def _in_force(rows: Sequence[PlanRow]) -> PlanRow:
    """The plan in force of one slot's rows (the last one, when none is marked so)."""
    return next((row for row in reversed(rows) if row.status == "in-force"), rows[-1])


def plan_alerts(rows: Iterable[PlanRow]) -> list[Alert]:
    """`overdue` and `slipped` alerts from `mxt audit plans`' rows (each slot's rows in order)."""
    slots: dict[tuple[Any, ...], list[PlanRow]] = {}
    for row in rows:
        ident = (row.company.casefold(), *(_hashable(v) for _, v in _plan_subject(row)))
        slots.setdefault(ident, []).append(row)
    found = []
    for group in slots.values():
        plan, outcome = _in_force(group), group[0].slot
        subject, words = _plan_subject(plan), _plan_words(plan)
        if outcome.outcome == "overdue":
            found.append(Alert(
                OVERDUE, plan.company, subject,
                f"{words}: planned for {outcome.planned}, {outcome.days_overdue} days overdue",
                (plan.id,), (outcome.planned,),
            ))  # fmt: skip
        if outcome.slips and outcome.outcome in ("pending", "overdue"):
            first = next((row for row in group if row.planned_as_said == outcome.first_planned),
                         group[0])  # fmt: skip
            times = "once" if outcome.slips == 1 else f"{outcome.slips} times"
            found.append(Alert(
                SLIPPED, plan.company, subject,
                f"{words}: first planned for {outcome.first_planned}, now {outcome.planned} "
                f"(moved later {times})",
                tuple(dict.fromkeys((first.id, plan.id))), (outcome.planned,),
            ))  # fmt: skip
    return found


# -- targets ----------------------------------------------------------------------------------


class BestMonth(NamedTuple):
    """A company's best month so far of a metric in a scope: the month, its units (the
    company's total, or its models' sum when it gave none) and the ids counted."""

    month: str
    units: int
    ids: tuple[str, ...]


def best_month(
    actuals: Iterable[ActualFact], metric: str, scope: Scope, as_of: str
) -> BestMonth | None:
    """The month with the most units of `metric` in `scope` announced by `as_of` (each
    figure chosen by the rank rule; a month's company total, else its models' sum)."""
    monthly = (a for a in actuals if MONTH.fullmatch(a.period))
    chosen = in_force(
        (a for a in monthly if a.metric == metric and a.scope == scope),
        lambda a: (a.period, a.model),
        as_of,
    )
    months: dict[str, list[ActualFact]] = {}
    for fact in chosen.values():
        months.setdefault(fact.period, []).append(fact)
    best = None
    for month, facts in sorted(months.items()):  # a tie: the earliest month
        total = [fact for fact in facts if fact.model is None]
        counted = total or facts
        units = sum(fact.amount.count for fact in counted)
        if best is None or units > best.units:
            best = BestMonth(month, units, tuple(fact.id for fact in counted))
    return best


class Capacity(NamedTuple):
    """A company's stated capacity: units a year of its producing factories, and their ids."""

    units_a_year: int
    ids: tuple[str, ...]


def capacity(factories: Iterable[Factory]) -> Capacity | None:
    """The yearly capacity of the factories producing (operational or completed) as of the
    answer's date, that stated one (None: none did)."""
    stated = [f for f in factories if f.status in PRODUCING and f.capacity and f.id]
    if not stated:
        return None
    return Capacity(sum(f.capacity or 0 for f in stated), tuple(str(f.id) for f in stated))


def _target_subject(row: ProgressRow) -> tuple[tuple[str, Any], ...]:
    scope = row.scope
    return (("metric", row.metric), ("period", row.period),
            *(() if scope.worldwide else tuple(scope.json_items())))  # fmt: skip


def _target_words(row: ProgressRow) -> str:
    scope = "" if row.scope.worldwide else f" ({row.scope.text()})"
    return f"{row.metric} target {row.period}{scope} of {_count(row.target)}"


def progress_alerts(
    rows: Iterable[ProgressRow], best: dict[str, BestMonth | None], stated: Capacity | None
) -> list[Alert]:
    """`behind` and `out-of-reach` alerts of `mxt progress`' rows; `best` is the best month so
    far for each row's target (by target id), `stated` the company's capacity."""
    found = []
    for row in rows:
        subject, words = _target_subject(row), _target_words(row)
        ids = tuple(dict.fromkeys((row.target_id, *row.sources)))
        if row.pace == BEHIND:
            found.append(Alert(
                BEHIND, row.company, subject,
                f"{words}: {row.share_pct}% reached with {row.elapsed_pct}% of the period gone",
                ids,
            ))  # fmt: skip
        reach = _out_of_reach(row.needed_per_month, best.get(row.target_id), stated)
        if reach is not None:
            behind_it = tuple(dict.fromkeys((*ids, *reach[1])))
            found.append(Alert(OUT_OF_REACH, row.company, subject, f"{words}: {reach[0]}",
                               behind_it, (row.target_id,)))  # fmt: skip
    return found


def _out_of_reach(
    needed: float | None, best: BestMonth | None, stated: Capacity | None
) -> tuple[str, tuple[str, ...]] | None:
    """Why a target needing `needed` units a month is out of reach, and the ids saying so
    (None: it is not, or nothing is known to measure it against)."""
    if needed is None:
        return None
    if best is not None and needed > best.units * BEST_MONTH_FACTOR:
        return (
            f"needs {_count(needed)} a month; best month so far {_count(best.units)} "
            f"({best.month}; ×{BEST_MONTH_FACTOR} is {_count(best.units * BEST_MONTH_FACTOR)})",
            best.ids,
        )
    if stated is not None and needed > stated.units_a_year / 12:
        return (
            f"needs {_count(needed)} a month; stated capacity {_count(stated.units_a_year)} a "
            f"year ({_count(stated.units_a_year / 12)} a month)",
            stated.ids,
        )
    return None


def revision_alerts(revisions: Iterable[TargetRevision]) -> list[Alert]:
    """`target-revised` alerts: each target in force that replaced an earlier value."""
    found = []
    for revision in revisions:
        if revision.status != "in-force" or revision.previous is None:
            continue
        scope = revision.scope
        subject = (("metric", revision.metric), ("period", revision.period),
                   *(() if scope.worldwide else tuple(scope.json_items())))  # fmt: skip
        change = "" if revision.change_pct is None else f" ({revision.change_pct:+}%)"
        was = spell_count(revision.previous, "range" if revision.previous_high else "exact",
                          revision.previous_high)  # fmt: skip
        now = spell_count(revision.value, revision.bound, revision.high)
        found.append(Alert(
            TARGET_REVISED, revision.company, subject,
            f"{revision.metric} target {revision.period}: {was} → {now}{change}, announced "
            f"{revision.announced_on}",
            (revision.id,), (revision.id,),
        ))  # fmt: skip
    return found


# -- sources, claims, exits -------------------------------------------------------------------


def _voice(voice: Voice) -> str:
    value = spell_count(voice.value, voice.bound, voice.high) if voice.bound else voice.value
    return f"{value} ({voice.certainty}, {voice.announced_on})"


def slot_words(conflict: Conflict) -> str:
    """A slot in a few words, as its kind spells a change's subject, the kind named first
    when those words do not (`total deliveries 2025-04`, `wait-time A1`)."""
    slot = conflict.slot
    fields = {
        **dict(slot.fields),
        "model": slot.model,
        **dict(slot.scope.json_items() if slot.scope else ()),
    }
    spell = KINDS[slot.kind].about
    try:
        words = spell(fields) if spell else " ".join(slot.words()[2:])
    except KeyError:
        words = " ".join(slot.words()[2:])
    return words if slot.kind in words else f"{slot.kind} {words}"


def conflict_alerts(conflicts: Iterable[Conflict]) -> list[Alert]:
    """`conflict` alerts: each slot whose sources disagree (a new voice is a new alert)."""
    found = []
    for conflict in conflicts:
        slot = conflict.slot
        subject = tuple((n, v) for n, v in slot.json_items() if n != "company")
        ids = (conflict.in_force.id, *(voice.id for voice in conflict.others))
        others = "; ".join(_voice(voice) for voice in conflict.others)
        found.append(Alert(
            CONFLICT, slot.company, subject,
            f"{slot_words(conflict)}: {_voice(conflict.in_force)} in force, against {others}",
            ids, tuple(sorted(ids)),
        ))  # fmt: skip
    return found


def claim_alerts(company: str, claims: Iterable[RecordedClaim]) -> list[Alert]:
    """`claim-fails` alerts: each recorded claim of `company` whose verdict is `fails`."""
    return [
        Alert(
            CLAIM_FAILS,
            company,
            (("claim_type", claim.claim.get("type")),),
            f"{claim.claim.get('type')} claim fails: {claim.why}",
            tuple(dict.fromkeys((claim.id, *claim.evidence))),
            (claim.id,),
        )  # fmt: skip
        for claim in claims
        if claim.verdict == "fails"
    ]


def exit_alerts(company: str, exits: Iterable[Exit]) -> list[Alert]:
    """`exit` alerts: each exit of `company` announced (for good or for a while)."""
    found = []
    for exit_ in exits:
        scope = Scope(tuple(exit_.markets), tuple(exit_.except_))
        how = "stops sales for a while" if exit_.temporary else "leaves"
        found.append(Alert(
            EXIT, company,
            (("model", exit_.model), ("markets", tuple(exit_.markets)),
             ("except", tuple(exit_.except_))),
            f"{exit_.model or 'every model'} {how} {scope.text()} from {exit_.effective_on} "
            f"(announced {exit_.announced_on}, {exit_.certainty})",
            (exit_.id,), (exit_.id,),
        ))  # fmt: skip
    return found
