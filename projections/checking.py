"""`progress` and `check` read from the store: visible rows turned into facts,
then answered by the pure rules of `progress` and `claims`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .answers import Answer, answering
from .claims import Evidence, LaunchFact, Verdict, check
from .figures import Figure
from .periods import is_calendar_period
from .progress import ActualFact, Scope, TargetFact, progress
from .state import Query, effective
from .tables import key
from .view import Row

if TYPE_CHECKING:
    from .queries import ReadSide

EVIDENCE_KINDS = ("target", "deliveries", "launch")


@dataclass(frozen=True)
class ClaimToCheck:
    """A claim and whom it is about: recorded (checked as of its own `announced_on`) or
    read from a file (`announced_on` None: checked as of the question's `as_of`)."""

    id: str
    company: str
    claim: dict[str, Any]
    announced_on: str | None = None


def figure_of(content: dict[str, Any], field: str) -> Figure:
    """A count with its bound (absent: exact) and a range's top."""
    return Figure(int(content[field]), content.get("bound") or "exact", content.get("high"))


def scope_of(content: dict[str, Any]) -> Scope:
    return Scope.of(content.get("markets") or (), content.get("except") or ())


def _common(row: Row) -> dict[str, Any]:
    return {
        "id": row.ann_id,
        "announced_on": row.announced_on,
        # transaction time, then the log's order: lines of one import follow the file
        "recorded_at": f"{row.recorded_at}#{row.recorded_id:016d}",
        "certainty": row.content.get("certainty") or "confirmed",
    }


def evidence_of(rows: Iterable[Row], company: str) -> Evidence:
    """The facts in visible target, deliveries and launch rows; `company` is how the
    company is shown. A target or figure whose period the calendar does not have (stored
    before the schemas refused year 0000) is left out: it counts toward nothing."""
    targets, actuals, launches = [], [], []
    for row in rows:
        content = row.content
        kind = content["kind"]
        if kind in ("target", "deliveries") and not is_calendar_period(content["period"]):
            continue
        if kind == "target":
            targets.append(TargetFact(**_common(row), company=company, metric=content["metric"],
                                      period=content["period"], figure=figure_of(content, "value"),
                                      scope=scope_of(content)))  # fmt: skip
        elif kind == "deliveries":
            actuals.append(ActualFact(**_common(row), company=company,
                                      metric=content.get("metric") or "deliveries",
                                      period=content["period"], figure=figure_of(content, "units"),
                                      model=key(content.get("model")) or None,
                                      scope=scope_of(content)))  # fmt: skip
        elif kind == "launch":
            launches.append(LaunchFact(**_common(row), model=key(content["model"]),
                                       market=content["market"],
                                       launched_on=effective(content, "launched_on")))  # fmt: skip
    return Evidence(tuple(targets), tuple(actuals), tuple(launches))


def _company_evidence(
    read_side: ReadSide, query: Query, companies: Iterable[str]
) -> dict[str, tuple[str, Evidence]]:
    """For each company (by key): its display name and its facts visible as of `as_of`."""
    found: dict[str, tuple[str, Evidence]] = {}
    names = read_side.names(query)
    spelled: dict[str, str] = {}
    for name in companies:
        spelled.setdefault(key(name), name)
    for company_key, given in spelled.items():
        rows = read_side.visible(query, company_key, EVIDENCE_KINDS)
        display = names[company_key].company if company_key in names else given
        found[company_key] = (display, evidence_of(rows, display))
    return found


@answering
def progress_answer(
    read_side: ReadSide,
    query: Query,
    company: str | None = None,
    metric: str | None = None,
    period: str | None = None,
) -> Answer:
    """`mxt progress`: every target in force as of `as_of`, known at `known_at`,
    against its actual."""
    companies = [company] if company is not None else list(read_side.names(query))
    rows: list[dict[str, Any]] = []
    for _, evidence in _company_evidence(read_side, query, companies).values():
        rows += progress(evidence.targets, evidence.actuals, query.as_of, metric=metric,
                         period=period)  # fmt: skip
    rows.sort(key=lambda r: str(r["company"]).casefold())
    return Answer(rows, bool(rows))


def recorded_claims(
    read_side: ReadSide, query: Query, company: str | None = None
) -> list[ClaimToCheck]:
    """The claims recorded (visible at `known_at`, announced by `as_of`), in time order."""
    rows = read_side.visible(query, company, ("claim",))
    return [
        ClaimToCheck(row.ann_id, row.content["company"], row.content["claim"], row.announced_on)
        for row in rows
    ]


@answering
def check_answer(read_side: ReadSide, query: Query, claims: Sequence[ClaimToCheck]) -> Answer:
    """`mxt check`: each claim's verdict, why, and the ids of the evidence used."""
    evidence = _company_evidence(read_side, query, (claim.company for claim in claims))
    results = []
    for claim in claims:
        display, facts = evidence[key(claim.company)]
        verdict: Verdict = check(claim.claim, facts, claim.announced_on or query.as_of)
        results.append(
            {
                "id": claim.id,
                "company": display,
                "claim": claim.claim,
                "verdict": verdict.verdict,
                "why": verdict.why,
                "evidence": list(verdict.evidence),
            }
        )
    return Answer(results, bool(results))


def company_claims(read_side: ReadSide, company: str, query: Query) -> list[dict[str, Any]]:
    """The claims recorded about one company by `as_of`, each checked as of its own day:
    `{id, announced_on, claim, verdict, why, evidence}` (for `mxt state company`)."""
    claims = recorded_claims(read_side, query, company)
    checked = check_answer(read_side, query, claims).data
    return [
        {"id": row["id"], "announced_on": claim.announced_on, "claim": row["claim"],
         "verdict": row["verdict"], "why": row["why"], "evidence": row["evidence"]}
        for claim, row in zip(claims, checked, strict=True)
    ]  # fmt: skip


def _target_slot(row: dict[str, Any]) -> tuple[Any, ...]:
    return (str(row["company"]).casefold(), row["metric"], row["period"], tuple(row["markets"]),
            tuple(row["except"]))  # fmt: skip


def check_changes(
    read_side: ReadSide, before: Query, after: Query, company: str | None = None
) -> list[dict[str, Any]]:
    """For `mxt diff`: targets whose pace differs between two as-of dates, and claims whose
    verdict does (a claim recorded in between goes from nothing to its verdict). Each change
    names the announcement behind it: the target or the latest figure counted, the claim."""
    changes = []
    old = {_target_slot(row): row for row in progress_answer(read_side, before, company).data}
    for row in progress_answer(read_side, after, company).data:
        previous = old.get(_target_slot(row))
        if (previous["pace"] if previous else "unknown") == row["pace"]:
            continue  # unchanged (a new target without figures shows as a target change)
        retargeted = previous is None or previous["target_id"] != row["target_id"]
        behind = row["target_id"] if retargeted or not row["sources"] else row["sources"][-1]
        changes.append({"area": "pace", "company": row["company"], "metric": row["metric"],
                        "period": row["period"], "from": previous and previous["pace"],
                        "to": row["pace"], "id": behind})  # fmt: skip
    verdicts = {claim.id: None for claim in recorded_claims(read_side, before, company)}
    for claim in recorded_claims(read_side, after, company):
        if claim.id in verdicts:
            continue  # a claim is checked as of its own day: seen before, it is unchanged
        [result] = check_answer(read_side, after, [claim]).data
        changes.append({"area": "claim", "company": result["company"],
                        "claim_type": claim.claim["type"], "from": None,
                        "to": result["verdict"], "id": claim.id})  # fmt: skip
    return changes


def check_supports(read_side: ReadSide, row: Row, query: Query) -> list[dict[str, Any]]:
    """For `mxt show`: the progress rows and claim verdicts one announcement takes part in
    (as of `query.as_of`): a target in force or a figure counted, a claim or its evidence."""
    kind = row.content["kind"]
    if kind not in ("target", "deliveries", "launch", "claim"):
        return []
    company = row.content["company"]
    found: list[dict[str, Any]] = []
    if kind in ("target", "deliveries"):
        for measured in progress_answer(read_side, query, company).data:
            if row.ann_id == measured["target_id"] or row.ann_id in measured["sources"]:
                where = f"progress {measured['company']} {measured['metric']} {measured['period']}"
                found.append({"path": where, "value": measured})
    for claim in company_claims(read_side, company, query):
        if row.ann_id == claim["id"] or row.ann_id in claim["evidence"]:
            found.append({"path": f"claim {claim['id']}", "value": claim})
    return found
