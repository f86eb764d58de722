"""`mxt state market` (docs/concepts.md, Statuses): each model's status in one market, and
the policies in force there, from the facts of `state`. (Records' annotations are evaluated
here, as in `state`.)"""

from collections.abc import Iterable
from typing import NamedTuple

from mxt.events.codes import REGIONS
from mxt.events.kinds import KINDS, kinds_where

from ..readmodel.tables import key
from ..readmodel.view import Row
from .evidence import certainty
from .state import CompanyFacts, Names, Policy, Query, mentions_market, policies_in_force

# What `state market` reads: the kinds deciding a market status, settled from every row
# (launches: `View.in_groups`), by the market they name (the latest of each rank: expected
# entries, showcases) or by the markets they list (policies: `View.listing`).
_MARKET = kinds_where(lambda kind: kind.decides is not None)
MARKET_EVERY = tuple(name for name in _MARKET if KINDS[name].settled != "latest")
MARKET_NAMED = tuple(
    name
    for name in _MARKET
    if KINDS[name].settled == "latest" and KINDS[name].market_field == "market"
)
MARKET_LISTED = tuple(name for name in _MARKET if KINDS[name].market_field == "markets")


def covering(market: str) -> list[str]:
    """`market` and the regions containing it: the markets whose announcements concern it."""
    return [market, *(region for region, members in REGIONS.items() if market in members)]


class MarketStatus(NamedTuple):
    """A model's status in one market (`model` None: the company as a whole, expected
    there), with its dates and the announcement deciding it."""

    company: str
    model: str | None
    status: str
    launched_on: str | None
    planned_launch_on: str | None
    not_before: str | None
    expected: str | None
    certainty: str | None
    id: str | None


class MarketState(NamedTuple):
    """`mxt state market`: each model's status in one market, and the policies in force."""

    market: str
    as_of: str
    known_at: str
    models: list[MarketStatus]
    policies: list[Policy]


def market_status(facts: CompanyFacts, model_key: str, market: str, as_of: str) -> MarketStatus:
    """The market status of one model (`status_of`), with its dates, the policy blocking
    the market and the entry expected there, and the announcement that decides it."""
    launches = facts.launched(model_key, as_of)
    place = launches.in_market(market)
    launched_on, planned_on, where = place
    status, source = facts.status_of(model_key, market, as_of, place)
    blocking = facts.blocking(market, as_of)
    entry = facts.entry_for(model_key, market)
    sure = ann_id = None
    if where is not None:
        sure, ann_id = launches.certainty[where], launches.ids[where]
    elif source is not None:
        sure, ann_id = certainty(source.content), source.ann_id
    return MarketStatus(
        facts.name, facts.models[model_key], status, launched_on, planned_on,
        blocking.content["not_before"] if blocking is not None else None,
        entry.content["expected"] if entry is not None else None, sure, ann_id,
    )  # fmt: skip


def whole_company_row(facts: CompanyFacts, market: str, as_of: str) -> MarketStatus | None:
    """The row (`model: null`) of an expected entry of the company as a whole covering
    `market`: `expected`, or `blocked` while a policy in force covers the market."""
    entry = facts.entry_for(None, market)
    if entry is None:
        return None
    blocking = facts.blocking(market, as_of)
    source = blocking or entry
    return MarketStatus(
        facts.name, None, "blocked" if blocking else "expected", None, None,
        blocking.content["not_before"] if blocking else None, entry.content["expected"],
        certainty(source.content), source.ann_id,
    )  # fmt: skip


def market_state(
    rows: Iterable[Row], names: dict[str, Names], query: Query, market: str, every: bool = False
) -> MarketState:
    """`mxt state market`: each model's status in `market` (unknown ones only with
    `every`), one row per company expected there as a whole, and the policies in force.

    `rows` are the visible launch, policy, expected-entry and showcase announcements up to
    `as_of`; `names` holds every company with an announcement by then, and its models.
    """
    by_company: dict[str, list[Row]] = {company_key: [] for company_key in names}
    for row in rows:
        by_company.setdefault(key(row.content["company"]), []).append(row)
    models = []
    policies = []
    for company_key, company_rows in by_company.items():
        facts = CompanyFacts.of(company_rows, names.get(company_key) or Names(company_key))
        whole = whole_company_row(facts, market, query.as_of)
        if whole is not None:
            models.append(whole)
        for model_key in facts.models:
            status = market_status(facts, model_key, market, query.as_of)
            if every or status.status != "unknown":
                models.append(status)
        policies.extend(policies_in_force(facts.policies, query.as_of, market))
    models.sort(key=lambda m: (str(m.company).casefold(), str(m.model or "").casefold()))
    return MarketState(
        market, query.as_of, query.known_at, models,
        [Policy.of(row) for row in sorted(policies, key=lambda r: r.order)],
    )  # fmt: skip


def is_known(state: MarketState, rows: Iterable[Row], market: str) -> bool:
    """Whether anything is known of `market`: a model's status there, a policy in force, or
    an announcement naming it."""
    return (
        any(status.status != "unknown" for status in state.models)
        or bool(state.policies)
        or any(mentions_market(row.content, market, exactly=True) for row in rows)
    )
