"""The questions that compare: where the visible announcements of a slot disagree
(`conflicts`), and what changed in the state between two as-of dates (`diff`, which asks for
a snapshot of each date and compares them by the rules of `rules.diff`)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from mxt.events.kinds import DISAGREEING_KINDS

from ..readmodel.tables import key
from ..rules.changes import Change
from ..rules.conflicts import Conflict, disagreements
from ..rules.diff import CompanySnapshot, Snapshot, company_names, compare, mentioned_markets
from ..rules.state import CompanyFacts, Query
from .answers import Answer, answering

if TYPE_CHECKING:
    from .read_side import ReadSide


@answering
def conflicts(
    read_side: ReadSide, query: Query, companies: Sequence[str] = ()
) -> Answer[list[Conflict]]:
    """Every slot of `companies` (none: of every company) whose visible announcements as of
    `query.as_of`, known at `query.known_at`, disagree: `{slot, in_force, others}`."""
    rows = read_side.visible(query, companies, DISAGREEING_KINDS)
    names = read_side.names(query, companies) if rows else {}
    return Answer(disagreements(rows, names, query.as_of), bool(rows))


def snapshot(
    read_side: ReadSide,
    query: Query,
    companies: Iterable[str],
    markets: Iterable[str],
    market: str | None = None,
    models: Mapping[str, Collection[str]] | None = None,
) -> Snapshot:
    """The state at `query.as_of` of `companies` (company keys) and of `markets`.

    `market`, when given, cuts the policies to those covering it; `models`, when it names a
    company, the models whose states are asked to those model keys (`mxt changes` asks
    only those its events touch).
    """
    result = Snapshot(query.as_of)
    for code in sorted(markets):
        result.markets[code] = read_side.market(code, query).data
    for company_key in companies:
        company_rows = read_side.visible(query, (company_key,))
        if not company_rows:
            continue
        result.announced_on.update((row.ann_id, row.announced_on) for row in company_rows)
        own = company_names(company_rows)[company_key]
        state = read_side.company(own.company, query).data
        facts = CompanyFacts.of(company_rows, own)
        if market is None:
            policies = state.policies
        else:
            policies = [
                policy
                for policy in result.markets[market].policies
                if key(policy.company) == company_key
            ]
        result.companies[company_key] = CompanySnapshot(
            name=state.company,
            state=state,
            models={
                model_key: read_side.model(own.company, model, query).data
                for model_key, model in own.models.items()
                if models is None or company_key not in models or model_key in models[company_key]
            },
            facts=facts,
            policies=policies,
        )
    return result


def diff(
    read_side: ReadSide,
    before_query: Query,
    after_query: Query,
    companies: Sequence[str] = (),
    market: str | None = None,
) -> Answer[list[Change]]:
    """What changed between the states as of `before_query` and as of `after_query`, for
    `companies` (none: every company visible at the later date), optionally cut to the
    changes concerning one market (`market`: its code, as `events.codes.check_market` reads
    it). `known` is False when nothing about the subject is visible at the later date (an
    unknown company or market). Several companies answer what each answers alone: the
    markets each one's statuses are compared in are those its own announcements name."""
    asked = list({key(name): name for name in companies}.values())
    if len(asked) > 1:
        answers = [diff(read_side, before_query, after_query, (name,), market) for name in asked]
        merged = sorted((c for answer in answers for c in answer.data), key=Change.sort_key)
        return Answer(merged, any(a.known for a in answers), answers[0].began)
    code = market
    rows = read_side.visible(after_query, asked)
    names = company_names(rows)
    markets = {code} if code else mentioned_markets(rows)
    before = snapshot(read_side, before_query, names, markets, code)
    after = snapshot(read_side, after_query, names, markets, code)
    known = bool(names) and (code is None or read_side.market(code, after_query).known)
    changes = compare(before, after, code)
    if code is None:  # the pace of targets and the verdicts of claims
        from .checking import check_changes

        measured = [
            change._replace(announced_on=after.announced_on.get(change.id or ""))
            for change in check_changes(read_side, before_query, after_query, asked)
        ]
        changes = sorted(changes + measured, key=Change.sort_key)
    began = read_side.first_recorded
    early = began is not None and after_query.known_at < began
    return Answer(changes, known, began if early else None)
