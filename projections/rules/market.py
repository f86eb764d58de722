"""`mxt state market` (docs/concepts.md, Statuses): each model's status in one market, and
the policies in force there, from the facts of `state`. (Records' annotations are evaluated
here, as in `state`.)"""

from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import NamedTuple

from mxt.events.kinds import KINDS, kinds_where
from mxt.events.regions import containing, ever_members, in_force, is_region

from ..readmodel.tables import key
from ..readmodel.view import Row
from .evidence import certainty
from .plans import EntryLifecycle
from .state import (
    BY_LATEST,
    NO_PLAN,
    PLANNING,
    CompanyFacts,
    Names,
    PlanShown,
    Policy,
    Query,
    covering_policy,
    day,
    mentions_market,
    policies_in_force,
)

# What `state market` reads: the kinds deciding a market status, every row, by the market
# they name (launches, entries, showcases: `View.in_groups`) or by the markets they list
# (policies, exits: `View.listing`). Every row, whatever settles the kind: a region covers the
# members of the day each announcement takes effect (SPEC 5.3), so that an earlier policy or
# showcase for the EU may be the one that covers the United Kingdom.
_MARKET = kinds_where(lambda kind: kind.decides is not None)
_LISTED = tuple(name for name in _MARKET if KINDS[name].market_field == "markets")
MARKET_LISTED_LATEST = tuple(name for name in _LISTED if name in BY_LATEST)  # policies
MARKET_LISTED_EVERY = tuple(name for name in _LISTED if name not in BY_LATEST)  # exits
MARKET_LATEST = tuple(name for name in _MARKET if name in BY_LATEST and name not in _LISTED)
MARKET_EVERY = tuple(name for name in _MARKET if name not in (*_LISTED, *BY_LATEST))
# the kinds whose announcements fulfil an expected entry (launches), and those expecting one
LAUNCHING = kinds_where(lambda kind: kind.decides == "available")
EXPECTING = kinds_where(lambda kind: kind.decides == "expected")


def covering(market: str) -> list[str]:
    """`market` and the regions that ever contained it (a bloc it left too, and the regions
    of one's own the answer reads by): the markets whose announcements may concern it."""
    return sorted({market, *containing(market, in_force())})


class Awaited(NamedTuple):
    """Where launches elsewhere may still fulfil an expected entry of a region, and whose:
    the other `markets` of those regions, the `companies` (keys) any of whose models may (an
    entry of the company as a whole), and the (company key, model key) pairs of the others."""

    markets: list[str]
    companies: list[str]
    models: list[tuple[str, str]]


def awaited_arrivals(
    rows: Sequence[Row], names: Mapping[str, Names], markets: Iterable[str], as_of: str
) -> tuple[Awaited, dict[str, CompanyFacts]]:
    """Of the expected entries for a region among `rows` (those read for a market whose
    markets are `markets`), the ones that no launch among `rows` has fulfilled as of `as_of`
    (`CompanyFacts.entry_life`), and where a launch elsewhere in the region (`near`) may:
    nothing else of a market's answer depends on those launches. An entry fulfilled already
    stays so whatever else is read, and the answer shows that it is, never by which launch;
    one not fulfilled needs the launches of its model (of every model, for the company as a
    whole) in the other markets of its region. With them, the facts of the companies with
    such entries, made from their `rows` (`names`: how each is spelled), by company key."""
    user = in_force()
    regional = {
        key(row.content["company"])
        for row in rows
        if row.content["kind"] in EXPECTING and is_region(row.content["market"], user)
    }
    by_company: dict[str, list[Row]] = {company_key: [] for company_key in regional}
    for row in sorted(rows, key=lambda row: row.order) if regional else ():
        company_rows = by_company.get(key(row.content["company"]))
        if company_rows is not None:
            company_rows.append(row)
    made: dict[str, CompanyFacts] = {}
    areas: set[str] = set()
    companies: set[str] = set()
    models: set[tuple[str, str]] = set()
    for company_key, company_rows in by_company.items():
        facts = made[company_key] = CompanyFacts.of(
            company_rows, names.get(company_key) or Names(company_key)
        )
        for entry in facts.expected:
            area = entry.content["market"]
            if not is_region(area, user):
                continue
            life = facts.entry_life(entry, as_of)
            if life is None or life.status == "fulfilled":
                continue
            areas.add(area)
            model = entry.content.get("model")
            if model:
                models.add((company_key, key(model)))
            else:
                companies.add(company_key)
    wider = sorted(near(areas) - set(markets)) if areas else []
    if not wider:
        return Awaited([], [], []), made
    pairs = sorted(pair for pair in models if pair[0] not in companies)
    return Awaited(wider, sorted(companies), pairs), made


def blocked_everywhere(policies: Iterable[Row], markets: Iterable[str], as_of: str) -> list[str]:
    """The companies (keys) that a policy of their own blocks in each of `markets` as of
    `as_of` (`CompanyFacts.blocking`, from `policies`: the policies read for those markets, in
    time order). Their showcases decide nothing there: a blocked model is `blocked` unless a
    launch makes it available, paused or planned (`status_of`), and a company blocked in a
    market has a policy in force there, so the market is known without them (`is_known`)."""
    by_company: dict[str, list[Row]] = {}
    for row in policies:
        by_company.setdefault(key(row.content["company"]), []).append(row)
    codes = list(markets)
    return sorted(
        company_key
        for company_key, rows in by_company.items()
        if all(
            (policy := covering_policy(rows, code)) is not None
            and policy.content["not_before"] > as_of
            for code in codes
        )
    )


def near(markets: Iterable[str]) -> set[str]:
    """The markets where a launch may fulfil an expected entry of `markets`
    (`plans.entry_covers`): each market, the members of a region, the regions holding a
    country."""
    found: set[str] = set()
    user = in_force()
    for code in markets:
        if is_region(code, user):
            found |= ever_members(code, user) | {code}
        else:
            found |= containing(code, user) | {code}
    return found


class MarketStatus(NamedTuple):
    """A model's status in one market (`model` None: the company as a whole, expected
    there), with its dates, the plan behind it (a launch plan, else the expected entry's),
    the expected entry's own status (`expected`, `overdue`) and the announcement deciding
    it."""

    company: str
    model: str | None
    status: str
    launched_on: str | None
    planned_launch_on: str | None
    paused_from: str | None
    available_from: str | None
    available_until: str | None
    plan: PlanShown
    not_before: str | None
    expected: str | None
    expected_status: str | None
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
    reason = facts.status_of(model_key, market, as_of)
    life, entry, entry_life = reason.launch, reason.entry, reason.entry_life
    plan = NO_PLAN
    if life is not None and life.plan is not None:
        plan = PlanShown.of(life.plan)
    elif reason.status == "expected" and entry_life is not None:
        plan = PlanShown.of(entry_life.plan)
    return MarketStatus(
        facts.name, facts.models[model_key], reason.status,
        day(life.launched_on) if life else None,
        life.plan.planned.text if life and life.plan and life.status in PLANNING else None,
        day(life.paused_from) if life else None, day(life.available_from) if life else None,
        day(life.available_until) if life else None, plan,
        reason.policy.content["not_before"] if reason.policy is not None else None,
        entry.content["expected"] if entry is not None else None,
        _entry_status(entry_life), facts.certainty_of(reason.id), reason.id,
    )  # fmt: skip


def _entry_status(entry_life: EntryLifecycle | None) -> str | None:
    """An expected entry's own status beside a market status: `expected` or `overdue`
    (None: none, or fulfilled, which no longer makes anything expected)."""
    if entry_life is None or entry_life.status == "fulfilled":
        return None
    return entry_life.status


def whole_company_row(facts: CompanyFacts, market: str, as_of: str) -> MarketStatus | None:
    """The row (`model: null`) of an expected entry of the company as a whole covering
    `market`, while no launch of the company has fulfilled it: `expected`, or `blocked`
    while a policy in force covers the market."""
    entry = facts.entry_for(None, market)
    if entry is None:
        return None
    entry_life = facts.entry_life(entry, as_of)
    if entry_life is None or entry_life.status == "fulfilled":
        return None
    blocking = facts.blocking(market, as_of)
    source = blocking or entry
    return MarketStatus(
        facts.name, None, "blocked" if blocking else "expected", None, None, None, None, None,
        PlanShown.of(entry_life.plan), blocking.content["not_before"] if blocking else None,
        entry.content["expected"], entry_life.status, certainty(source.content), source.ann_id,
    )  # fmt: skip


def market_state(
    rows: Iterable[Row],
    names: dict[str, Names],
    query: Query,
    market: str,
    every: bool = False,
    made: Mapping[str, CompanyFacts] | None = None,
) -> MarketState:
    """`mxt state market`: each model's status in `market` (unknown ones only with
    `every`), one row per company expected there as a whole, and the policies in force.

    `rows` are the visible launch, policy, expected-entry and showcase announcements up to
    `as_of`; `names` holds every company with an announcement by then, and its models;
    `made`, the facts of some companies made from their rows already (by company key).
    """
    by_company: dict[str, list[Row]] = {company_key: [] for company_key in names}
    for row in rows:
        by_company.setdefault(key(row.content["company"]), []).append(row)
    models: list[tuple[tuple[str, str], MarketStatus]] = []  # by company, then model
    policies = []
    for company_key, company_rows in by_company.items():
        facts = (made or {}).get(company_key) or CompanyFacts.of(
            company_rows, names.get(company_key) or Names(company_key)
        )
        company = str(facts.name).casefold()
        whole = whole_company_row(facts, market, query.as_of)
        if whole is not None:
            models.append(((company, ""), whole))
        unnamed: MarketStatus | None = None  # the status of the models no fact names
        for model_key, model in facts.models.items():
            if facts.concerns(model_key):
                status = market_status(facts, model_key, market, query.as_of)
            elif unnamed is None:
                status = unnamed = market_status(facts, model_key, market, query.as_of)
            elif unnamed.status == "unknown" and not every:
                continue
            else:
                status = MarketStatus(unnamed.company, model, *unnamed[2:])
            if every or status.status != "unknown":
                models.append(((company, str(model).casefold()), status))
        policies.extend(policies_in_force(facts.policies, query.as_of, market))
    models.sort(key=itemgetter(0))
    return MarketState(
        market, query.as_of, query.known_at, [status for _, status in models],
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


class RegionModelStatus(NamedTuple):
    """A model's statuses in the members of a region (SPEC 5.3): its status in the region
    itself (`status`: by what names the region or one holding it; a launch in a member does
    not make the region available), how many members it is available in, and each member's
    status (`unknown` where nothing is recorded)."""

    company: str
    model: str | None
    status: str
    available_in: int
    member_count: int
    summary: str
    members: dict[str, str]


class RegionMarketState(NamedTuple):
    """`mxt state market REGION`: the region's members as of `as_of` (a bloc's of that day,
    one's own as defined at `known_at`), each model's statuses in them, and the policies in
    force in any of them."""

    market: str
    as_of: str
    known_at: str
    members: list[str]
    models: list[RegionModelStatus]
    policies: list[Policy]


def region_state(
    own: MarketState, by_member: dict[str, MarketState], query: Query
) -> RegionMarketState:
    """The answer for a region from its own (`own`: the region as a market) and each of its
    members' (`by_member`): one row per model with a status other than `unknown` in the
    region or in some member (every model of `own`'s, when it lists them all), its status in
    the region and in every member, and a summary (`available in 9 of 27`)."""
    codes = sorted(by_member)
    itself = {(status.company, status.model or ""): status.status for status in own.models}
    rows: dict[tuple[str, str], dict[str, MarketStatus]] = {key: {} for key in itself}
    policies: dict[str, Policy] = {policy.id: policy for policy in own.policies}
    for code in codes:
        for status in by_member[code].models:
            rows.setdefault((status.company, status.model or ""), {})[code] = status
        policies.update((policy.id, policy) for policy in by_member[code].policies)
    models = []
    for (company, model), found in rows.items():
        members = {code: found[code].status if code in found else "unknown" for code in codes}
        available = sum(1 for status in members.values() if status == "available")
        summary = f"available in {available} of {len(codes)}"
        own_status = itself.get((company, model), "unknown")
        models.append(RegionModelStatus(company, model or None, own_status, available,
                                        len(codes), summary, members))  # fmt: skip
    models.sort(key=lambda m: (m.company.casefold(), (m.model or "").casefold()))
    in_force = sorted(policies.values(), key=lambda p: (p.announced_on, p.id))
    return RegionMarketState(own.market, query.as_of, query.known_at, codes, models, in_force)
