"""`progress` and `check` read from the store: visible rows turned into facts,
then answered by the pure rules of `progress` and `claims`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mxt.events.content import Content

from ..readmodel.tables import key
from ..readmodel.view import Row
from ..rules.checked import CheckedClaim, ProgressRow, RecordedClaim
from ..rules.claims import CLAIM, FACT_OF, Evidence, LaunchFact, Verdict, check
from ..rules.periods import is_calendar_period
from ..rules.progress import ACTUAL, TARGET, ActualFact, TargetFact, progress
from ..rules.records import Support
from ..rules.state import Query
from .answers import Answer, answering

if TYPE_CHECKING:
    from ..rules.changes import Change
    from .read_side import ReadSide

EVIDENCE_KINDS = tuple(FACT_OF)


@dataclass(frozen=True)
class ClaimToCheck:
    """A claim and whom it is about: recorded (checked as of its own `announced_on`) or
    read from a file (`announced_on` None: checked as of the question's `as_of`)."""

    id: str
    company: str
    claim: Content
    announced_on: str | None = None


def evidence_of(rows: Iterable[Row], company: str) -> Evidence:
    """The facts in visible target, deliveries and launch rows; `company` is how the
    company is shown. A target or figure whose period the calendar does not have (stored
    before the schemas refused year 0000) is left out: it counts toward nothing."""
    targets, actuals, launches = [], [], []
    for row in rows:
        period = row.content.get("period")
        if period is not None and not is_calendar_period(period):
            continue  # a store written before year 0000 was refused: it counts toward nothing
        fact = FACT_OF[row.content["kind"]](row, company)
        if isinstance(fact, TargetFact):
            targets.append(fact)
        elif isinstance(fact, ActualFact):
            actuals.append(fact)
        elif isinstance(fact, LaunchFact):
            launches.append(fact)
    return Evidence(tuple(targets), tuple(actuals), tuple(launches))


def company_evidence(
    read_side: ReadSide, query: Query, companies: Iterable[str]
) -> dict[str, tuple[str, Evidence]]:
    """For each company (by key): its display name and its facts visible as of `as_of`."""
    found: dict[str, tuple[str, Evidence]] = {}
    spelled: dict[str, str] = {}
    for name in companies:
        spelled.setdefault(key(name), name)
    names = read_side.names(query, list(spelled)) if spelled else {}  # theirs alone
    for company_key, given in spelled.items():
        rows = read_side.visible(query, (company_key,), EVIDENCE_KINDS)
        display = names[company_key].company if company_key in names else given
        found[company_key] = (display, evidence_of(rows, display))
    return found


@answering
def progress_answer(
    read_side: ReadSide,
    query: Query,
    companies: Sequence[str] = (),
    metric: str | None = None,
    period: str | None = None,
) -> Answer[list[ProgressRow]]:
    """`mxt progress`: every target in force as of `as_of`, known at `known_at`, against its
    actual (of `companies`; none: of every company)."""
    asked = list(companies) or list(read_side.names(query))
    rows: list[ProgressRow] = []
    for _, evidence in company_evidence(read_side, query, asked).values():
        rows += progress(evidence.targets, evidence.actuals, query.as_of, metric=metric,
                         period=period)  # fmt: skip
    rows.sort(key=lambda r: str(r.company).casefold())
    return Answer(rows, bool(rows))


def recorded_claims(
    read_side: ReadSide, query: Query, companies: Sequence[str] = ()
) -> list[ClaimToCheck]:
    """The claims recorded (visible at `known_at`, announced by `as_of`) about `companies`
    (none: about every company), in time order."""
    rows = read_side.visible(query, companies, (CLAIM,))
    return [
        ClaimToCheck(row.ann_id, row.content["company"], row.content["claim"], row.announced_on)
        for row in rows
    ]


@answering
def check_answer(
    read_side: ReadSide, query: Query, claims: Sequence[ClaimToCheck]
) -> Answer[list[CheckedClaim]]:
    """`mxt check`: each claim's verdict, why, and the ids of the evidence used (a `compare`
    claim's evidence of both companies)."""
    rivals = [str(claim.claim["than"]) for claim in claims if claim.claim.get("than")]
    evidence = company_evidence(read_side, query, [*(claim.company for claim in claims), *rivals])
    results = []
    for claim in claims:
        display, facts = evidence[key(claim.company)]
        than = claim.claim.get("than")
        rival = evidence[key(than)][1] if than else None
        verdict: Verdict = check(claim.claim, facts, claim.announced_on or query.as_of, rival)
        results.append(CheckedClaim(claim.id, display, claim.claim, verdict.verdict, verdict.why,
                                    list(verdict.evidence)))  # fmt: skip
    return Answer(results, bool(results))


def about(claims: Iterable[ClaimToCheck], companies: Sequence[str]) -> list[ClaimToCheck]:
    """The claims about one of `companies` (none: every claim)."""
    wanted = {key(name) for name in companies}
    return [claim for claim in claims if not wanted or key(claim.company) in wanted]


def recorded(claim: ClaimToCheck, checked: CheckedClaim) -> RecordedClaim:
    """A recorded claim with its verdict, as `state company` lists it."""
    return RecordedClaim(checked.id, claim.announced_on, checked.claim, checked.verdict,
                         checked.why, checked.evidence)  # fmt: skip


def company_claims(read_side: ReadSide, company: str, query: Query) -> list[RecordedClaim]:
    """The claims recorded about one company by `as_of`, each checked as of its own day
    (for `mxt state company`)."""
    claims = recorded_claims(read_side, query, (company,))
    checked = check_answer(read_side, query, claims).data
    return [recorded(claim, row) for claim, row in zip(claims, checked, strict=True)]


def _target_slot(row: ProgressRow) -> tuple[Any, ...]:
    return (str(row.company).casefold(), row.metric, row.period, tuple(row.markets),
            tuple(row.except_))  # fmt: skip


def check_changes(
    read_side: ReadSide, before: Query, after: Query, companies: Sequence[str] = ()
) -> list[Change]:
    """For `mxt diff`: targets whose pace differs between two as-of dates, and claims whose
    verdict does (a claim recorded in between goes from nothing to its verdict). Each change
    names the announcement behind it: the target or the latest figure counted, the claim."""
    from ..rules.changes import Change

    changes = []
    old = {_target_slot(row): row for row in progress_answer(read_side, before, companies).data}
    for row in progress_answer(read_side, after, companies).data:
        previous = old.get(_target_slot(row))
        if (previous.pace if previous else "unknown") == row.pace:
            continue  # unchanged (a new target without figures shows as a target change)
        retargeted = previous is None or previous.target_id != row.target_id
        behind = row.target_id if retargeted or not row.sources else row.sources[-1]
        changes.append(
            Change(
                "pace",
                row.company,
                (("metric", row.metric), ("period", row.period)),
                previous and previous.pace,
                row.pace,
                behind,
                about=f"pace of {row.metric} target {row.period}",
            )  # fmt: skip
        )
    verdicts = {claim.id: None for claim in recorded_claims(read_side, before, companies)}
    for claim in recorded_claims(read_side, after, companies):
        if claim.id in verdicts:
            continue  # a claim is checked as of its own day: seen before, it is unchanged
        [result] = check_answer(read_side, after, [claim]).data
        changes.append(
            Change(
                CLAIM,
                result.company,
                (("claim_type", claim.claim["type"]),),
                None,
                result.verdict,
                claim.id,
                about=f"{claim.claim['type']} claim",
            )  # fmt: skip
        )
    return changes


def check_supports(read_side: ReadSide, row: Row, query: Query) -> list[Support]:
    """For `mxt show`: the progress rows and claim verdicts one announcement takes part in
    (as of `query.as_of`): a target in force or a figure counted, a claim or its evidence."""
    kind = row.content["kind"]
    if kind not in FACT_OF and kind != CLAIM:
        return []
    company = row.content["company"]
    found: list[Support] = []
    if kind in (TARGET, ACTUAL):
        for measured in progress_answer(read_side, query, (company,)).data:
            if row.ann_id == measured.target_id or row.ann_id in measured.sources:
                where = f"progress {measured.company} {measured.metric} {measured.period}"
                found.append(Support(where, measured, whole=True))
    for claim in company_claims(read_side, company, query):
        if row.ann_id == claim.id or row.ann_id in claim.evidence:
            found.append(Support(f"claim {claim.id}", claim, whole=True))
    return found
