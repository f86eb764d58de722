"""Claims checked against the data (`mxt check`; docs/concepts.md, Claims), as pure functions over
facts.

A claim (the validated JSON form of a `claim` object: streak, total, target or launched)
is answered `holds`, `fails` or `undetermined`, with the reason (`why`) and the ids of the
announcements used (`evidence`). Bounds count honestly: `25,000+` reaches 20,000, while
`~21,000` against 20,000 cannot decide; a month nobody announced never counts as a miss.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from mxt.events.codes import EVER, FIRST_MONTH, market_covers, month_index
from mxt.events.content import Content
from mxt.events.kinds import Scope, claim_statement

from .figures import Amount
from .periods import is_calendar_period, month_before, months_ending, parse_period
from .plans import LaunchLifecycle, Said, launch_lifecycle, launched_by, said_of
from .progress import (
    ACTUAL,
    TARGET,
    ActualFact,
    Actuals,
    Counted,
    Fact,
    TargetFact,
    actuals_for,
    in_force,
)

if TYPE_CHECKING:
    from ..readmodel.view import Row

HOLDS, FAILS, UNDETERMINED = "holds", "fails", "undetermined"
CLAIM, LAUNCH = "claim", "launch"  # the kind of a claim, and of the launches claims name


@dataclass(frozen=True)
class LaunchFact(Fact):
    """A visible `launch` announcement: its date as said, and its status as stated (None:
    by its date, SPEC §5.2)."""

    model: str  # matching key of the model
    market: str
    launched_on: str
    status: str | None = None

    @classmethod
    def of(cls, row: Row, company: str) -> LaunchFact:
        """A visible launch row as a fact (`company` unused: a launch names its model)."""
        from ..readmodel.tables import key

        content = row.content
        return cls(*cls.common(row), model=key(content["model"]), market=content["market"],
                   launched_on=str(content.get("launched_on") or content["announced_on"]),
                   status=content.get("status"))  # fmt: skip

    def said(self) -> Said:
        """The launch as the plan rules read it (`plans.said_of`), in time order."""
        content = {"kind": LAUNCH, "company": "", "announced_on": self.announced_on,
                   "model": self.model, "market": self.market, "launched_on": self.launched_on,
                   "status": self.status, "certainty": self.certainty}  # fmt: skip
        return said_of(content, self.id, (self.announced_on, self.recorded_at, self.id))


# What claims are checked against: each kind's rows as facts (`Evidence`).
FACT_OF: dict[str, Callable[[Row, str], Fact]] = {
    TARGET: TargetFact.of, ACTUAL: ActualFact.of, LAUNCH: LaunchFact.of,
}  # fmt: skip


@dataclass(frozen=True)
class Evidence:
    """Everything a claim about one company may be checked against (visible at `known_at`;
    each check keeps what was announced by its own date)."""

    targets: Sequence[TargetFact] = ()
    actuals: Sequence[ActualFact] = ()
    launches: Sequence[LaunchFact] = ()


@dataclass(frozen=True)
class Verdict:
    """The answer to one claim."""

    verdict: str
    why: str
    evidence: tuple[str, ...] = field(default_factory=tuple)


def check(claim: Content, evidence: Evidence, as_of: str, rival: Evidence | None = None) -> Verdict:
    """Whether `claim` holds as of `as_of`, by what had been announced by then (a `compare`
    claim against `rival`, the evidence of the company it names in `than`)."""
    outside = _outside_the_calendar(claim)
    if outside:
        return Verdict(UNDETERMINED, f"{claim_statement(claim)}: {outside}")
    claim_type = claim["type"]  # (a claim's type, not a kind of announcement)
    if claim_type == "streak":
        return _streak(claim, evidence, as_of)
    if claim_type == "total":
        return _total(claim, evidence, as_of)
    if claim_type == "target":
        return _target(claim, evidence, as_of)
    if claim_type == "compare":
        return _compare(claim, evidence, rival or Evidence(), as_of)
    return _launched(claim, evidence, as_of)


def _outside_the_calendar(claim: Content) -> str | None:
    """Why a claim reads months the calendar does not have (a claim stored before the
    schemas refused it), or None."""
    if claim["type"] == "streak":
        first = month_index(claim["ending"]) - int(claim["months"]) + 1
        if first - (1 if claim.get("exact") else 0) < FIRST_MONTH:
            return "its months reach before 0001-01, which cannot be checked"
    elif claim["type"] in ("total", "target", "compare") and not is_calendar_period(
        claim["period"]
    ):
        return f"{claim['period']} is not a period of the calendar (years 0001 to 9999)"
    return None


def _counter(claim: Content, evidence: Evidence, as_of: str) -> Actuals:
    """The claim's metric in the claim's scope (absent: worldwide; no stand-in: a claim
    about sales is about sales), as announced by `as_of`."""
    found = actuals_for(evidence.actuals, claim["metric"], Scope.of(claim), as_of)
    return found.get(claim["metric"], Actuals(()))


def _key(model: str | None) -> str | None:
    return " ".join(model.split()).casefold() if model else None


def _month(
    counter: Actuals, month: str, model: str | None, threshold: int
) -> tuple[bool | None, str, Counted]:
    """Whether one month reached `threshold` (None: not announced, or bounds too loose),
    the month's figure as shown, and the figures counted."""
    counted = counter.count(parse_period(month), model)
    if not counted.parts:
        return None, f"{month}: not announced", counted
    amount, span = counted.sum()
    return span.reaches(threshold), f"{month}: {amount.shown()}", counted


def _streak(claim: Content, evidence: Evidence, as_of: str) -> Verdict:
    counter = _counter(claim, evidence, as_of)
    threshold, model, exact = int(claim["at_least"]), _key(claim.get("model")), claim.get("exact")
    months = months_ending(claim["ending"], int(claim["months"]))
    if exact:  # "the eighth straight month": the month before the streak fell short
        months = (month_before(months[0]), *months)
    answers: list[bool | None] = []
    shown: list[str] = []
    used: list[str] = []
    for index, month in enumerate(months):
        answer, text, counted = _month(counter, month, model, threshold)
        if exact and index == 0:
            if answer is True:
                text = f"{text}, the month before, also reached {threshold:,}: a longer streak"
            else:
                text = text.replace(f"{month}:", f"{month} (the month before):", 1)
            answer = None if answer is None else not answer
        answers.append(answer)
        shown.append(text)
        used.extend(part.id for part in counted.parts)
    subject = claim_statement(claim)
    for verdict, wanted, label in ((FAILS, False, ""), (UNDETERMINED, None, "cannot decide ")):
        picked = [text for text, answer in zip(shown, answers, strict=True) if answer is wanted]
        if picked:
            return Verdict(verdict, f"{subject}: {label}{'; '.join(picked)}", tuple(used))
    return Verdict(HOLDS, f"{subject}: {'; '.join(shown)}", tuple(used))


def _total(claim: Content, evidence: Evidence, as_of: str) -> Verdict:
    counter = _counter(claim, evidence, as_of)
    counted = counter.count(parse_period(claim["period"]), _key(claim.get("model")))
    op, value = claim["op"], int(claim["value"])
    stated = claim_statement(claim)
    if not counted.parts:
        return Verdict(UNDETERMINED, f"{stated}: no figures announced by {as_of}")
    amount, span = counted.sum()
    test = {">=": span.reaches, "<=": span.stays_within, "=": span.equals}[op]
    answer = test(value)
    gaps = f" ({', '.join(counted.missing)} not announced)" if counted.missing else ""
    covered = counted.covered_until
    reason = f"{stated}: total {amount.shown()} up to {covered}{gaps}"
    return Verdict(_verdict(answer), reason, tuple(part.id for part in counted.parts))


def _verdict(answer: bool | None) -> str:
    return UNDETERMINED if answer is None else HOLDS if answer else FAILS


def _target(claim: Content, evidence: Evidence, as_of: str) -> Verdict:
    value = int(claim["value"])
    chosen = in_force(
        (
            t
            for t in evidence.targets
            if t.metric == claim["metric"]
            and t.period == claim["period"]
            and t.scope == Scope.of(claim)
        ),
        lambda t: t.period,
        as_of,
    )
    stated = claim_statement(claim)
    target = chosen.get(claim["period"])
    if target is None:
        return Verdict(UNDETERMINED, f"{stated}: no target recorded as of {as_of}")
    amount: Amount = target.amount
    in_force_text = f"in force: {amount.shown()} ({target.certainty}, {target.announced_on})"
    if amount.count == value and amount.bound != "range":
        answer: bool | None = True
    else:
        answer = False if amount.span.equals(value) is False else None
    return Verdict(_verdict(answer), f"{stated}: {in_force_text}", (target.id,))


# `compare`: how the difference (the company's total minus the other's) must stand against
# `by`: above it, at least it, below minus it, at most minus it.
_DIFFERENCE = {">": (1, False), ">=": (1, True), "<": (-1, False), "<=": (-1, True)}


def _compare(claim: Content, evidence: Evidence, rival: Evidence, as_of: str) -> Verdict:
    """A `compare` claim: the two companies' totals of the metric over the period, in the
    claim's scope, each as far as announced by `as_of`; bounds count honestly (the claim
    holds only if every value the two totals allow makes it hold)."""
    period = parse_period(claim["period"])
    mine = _counter(claim, evidence, as_of).count(period)
    theirs = _counter(claim, rival, as_of).count(period)
    stated = claim_statement(claim)
    missing = [name for name, counted in ((_COMPANY, mine), (claim["than"], theirs))
               if not counted.parts]  # fmt: skip
    if missing:
        return Verdict(UNDETERMINED, f"{stated}: no figures for {' nor '.join(missing)} "
                       f"announced by {as_of}")  # fmt: skip
    (amount, low_high), (other, other_span) = mine.sum(), theirs.sum()
    sign, inclusive = _DIFFERENCE[claim["op"]]
    by = int(claim.get("by") or 0)
    # the difference's span, turned so that the claim asks "at least / above `by`"
    low = None if other_span.high is None else low_high.low - other_span.high
    high = None if low_high.high is None else low_high.high - other_span.low
    if sign < 0:
        low, high = (None if high is None else -high), (None if low is None else -low)
    holds = low is not None and (low >= by if inclusive else low > by)
    fails = high is not None and (high < by if inclusive else high <= by)
    answer = True if holds else False if fails else None
    until = max(day for day in (mine.covered_until, theirs.covered_until) if day is not None)
    why = f"{stated}: {amount.shown()} against {other.shown()} up to {until}"
    ids = tuple(part.id for part in (*mine.parts, *theirs.parts))
    return Verdict(_verdict(answer), why, ids)


_COMPANY = "the company"


def _launched(claim: Content, evidence: Evidence, as_of: str) -> Verdict:
    """A `launched` claim, by the launches that happened (SPEC §5.2, `plans.launched_by`):
    a plan whose date passed never makes one."""
    model, market, by = _key(claim["model"]), claim["market"], str(claim["on_or_before"])
    by_market: dict[str, list[Said]] = {}
    for launch in evidence.launches:
        if launch.model == model and market_covers(launch.market, market, EVER):
            by_market.setdefault(launch.market, []).append(launch.said())
    day = date.fromisoformat(as_of)
    lives = [
        life
        for where, rows in by_market.items()
        if (life := launch_lifecycle(rows, day))
        and market_covers(where, market, life.effect_day(day))
    ]
    stated = claim_statement(claim)
    if not lives:
        return Verdict(UNDETERMINED, f"{stated}: no launch there recorded as of {as_of}")
    ids = tuple(sorted({life.launch_id or (life.plan.planned_id if life.plan else "")
                        for life in lives} - {""}))  # fmt: skip
    answer = launched_by(lives, date.fromisoformat(by))
    return Verdict(_verdict(answer), f"{stated}: {_launch_words(lives)}", ids)


def _launch_words(lives: Sequence[LaunchLifecycle]) -> str:
    """What the launch slots say, in words: the first launch, else the plan due first, else
    the status of one."""
    launched = [(life.launched_on, life.market) for life in lives if life.launched_on]
    if launched:
        on, where = min(launched)
        return f"first launched in {where} on {on}"
    plans = [(life.plan.planned.sort_key, life.market, life) for life in lives if life.plan]
    if plans:
        _, where, life = min(plans, key=lambda plan: plan[:2])
        return f"{life.status} in {where} for {life.plan.planned if life.plan else ''}"
    return ", ".join(f"{life.status} in {life.market}" for life in lives)
