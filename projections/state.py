"""The rules of docs/concepts.md (time axes, slots, rank, launches, statuses) as plain functions
over visible announcements.

Every function here takes the announcements visible for one question (already cut to
`known_at` and `as_of` by the read model, in time order) and answers it; which announcement
of a slot answers is `evidence.choose`. Nothing here touches the store. The reference fold
of the tests decides the same rules on its own, from a plain replay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol, TypeVar, cast

from mxt.events.codes import REGIONS, market_covers
from mxt.events.content import field_at
from mxt.events.kinds import bounded, field_value, midpoint, rank, scope, sum_bound

from .evidence import Choice, by_slot, choose, chosen, evidence, unconfirmed_view
from .tables import key
from .view import Row


@dataclass
class Query:
    """The two time axes of a question."""

    as_of: str  # YYYY-MM-DD
    known_at: str  # UTC timestamp, the sortable spelling of format_timestamp


def effective(content: dict[str, Any], field_name: str) -> str:
    """`launched_on` / `effective_on`, defaulting to `announced_on`."""
    return str(content.get(field_name) or content["announced_on"])


def latest_by(rows: Iterable[Row], group: Any) -> dict[Any, Row]:
    """The latest row of each group; rows come in time order, so the last one wins."""
    latest: dict[Any, Row] = {}
    for row in rows:
        latest[group(row.content)] = row
    return latest


def display_name(rows: Sequence[Row], field_name: str, fallback: str) -> str:
    """A name as spelled in its earliest announcement (rows are in time order)."""
    for row in rows:
        value = row.content.get(field_name)
        if value:
            return str(value)
    return fallback


# -- markets and policies ------------------------------------------------------------------


@lru_cache(maxsize=1)
def all_markets() -> tuple[str, ...]:
    import pycountry

    return tuple(sorted({c.alpha_2 for c in pycountry.countries} | set(REGIONS)))


def policy_covers(content: dict[str, Any], market: str) -> bool:
    """A policy covers a market listed (directly, through `*` or a region) and not excepted."""
    listed = content["markets"]
    if "*" not in listed and market not in covered_by(tuple(listed)):
        return False
    excepted = content.get("except")
    return not excepted or market not in covered_by(tuple(excepted))


@lru_cache(maxsize=4096)
def covered_by(codes: tuple[str, ...]) -> frozenset[str]:
    """Every market that one of `codes` covers (`market_covers`): the codes themselves and
    the members of the regions among them."""
    return frozenset(codes).union(*(REGIONS.get(code, ()) for code in codes))


def covering_policy(policies: Sequence[Row], market: str) -> Row | None:
    """The latest policy of one company that covers `market`: the one that decides it."""
    for row in reversed(policies):
        if policy_covers(row.content, market):
            return row
    return None


def policies_in_force(policies: Sequence[Row], as_of: str, market: str | None = None) -> list[Row]:
    """Policies that still block somewhere (or in `market`): latest for a market, not lapsed."""
    markets = (market,) if market else distinct_markets(policies)
    in_force: dict[str, Row] = {}
    for code in markets:
        row = covering_policy(policies, code)
        if row is not None and row.content["not_before"] > as_of:
            in_force[row.ann_id] = row
    return sorted(in_force.values(), key=lambda r: r.order)


def distinct_markets(policies: Sequence[Row]) -> list[str]:
    """One market for each way the policies can treat a market: every market they name (with
    the members and regions around it), and one they do not name, standing for all the rest."""
    named: set[str] = set()
    for row in policies:
        for code in (*row.content["markets"], *row.content.get("except", ())):
            if code in REGIONS:
                named |= REGIONS[code] | {code}
            elif code != "*":
                named |= {code, *(region for region, members in REGIONS.items() if code in members)}
    # "ZZ" is no market (ISO leaves it unassigned), so no policy names it: it is treated as
    # every market that no policy names.
    return [*sorted(named), "ZZ"]


def policy_view(row: Row) -> dict[str, Any]:
    content = row.content
    return {
        "company": content["company"],
        "markets": content["markets"],
        "except": content.get("except", []),
        "not_before": content["not_before"],
        "certainty": content.get("certainty") or "confirmed",
        "announced_on": content["announced_on"],
        "id": row.ann_id,
    }


# -- models --------------------------------------------------------------------------------


# (launched_on, planned_launch_on, the launch market deciding it) of a model in one market
Place = tuple[str | None, str | None, str | None]


@dataclass
class Launches:
    """Where and when a model is launched (docs/concepts.md, Rank: launches): per launch market, the
    earliest launch date on or before `as_of` among the announcements of the highest rank; else the
    planned date of the latest of them."""

    launched: dict[str, str] = field(default_factory=dict)  # market -> launched_on <= as_of
    planned: dict[str, str] = field(default_factory=dict)  # market -> launched_on > as_of
    ids: dict[str, str] = field(default_factory=dict)
    certainty: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, launches: Iterable[Row], as_of: str) -> Launches:
        result = cls()
        for group in by_slot(launches).values():
            choice = choose(group)
            if choice is None:
                continue
            market = group[0].content["market"]
            launched, planned = launch_dates(choice.best(), as_of)
            row = launched or planned
            assert row is not None
            day = effective(row.content, "launched_on")
            (result.launched if launched else result.planned)[market] = day
            result.ids[market] = row.ann_id
            result.certainty[market] = row.content.get("certainty") or "confirmed"
        return result

    def status(self) -> str:
        """`launched` somewhere by `as_of`, else `announced` for later, else `unknown`."""
        if self.launched:
            return "launched"
        return "announced" if self.planned else "unknown"

    def first_launch(self) -> str | None:
        return min(self.launched.values(), default=None)

    def first_planned(self) -> str | None:
        return min(self.planned.values(), default=None)

    def in_market(self, market: str) -> Place:
        """(launched_on, planned_launch_on, launch market deciding it) for one market,
        through regions."""
        for dates in (self.launched, self.planned):
            found = sorted((d, m) for m, d in dates.items() if market_covers(m, market))
            if found:
                day, where = found[0]
                if dates is self.launched:
                    return day, None, where
                return None, day, where
        return None, None, None


class Dated(Protocol):
    """An announcement with its day (a read-model row, or a fact of progress and claims)."""

    @property
    def announced_on(self) -> str: ...


D = TypeVar("D", bound=Dated)


def launch_dates(
    rows: Sequence[D], as_of: str, day: Callable[[D], str] | None = None
) -> tuple[D | None, D | None]:
    """(the launch that happened, else the plan in force) of one launch slot, from its rows of
    the highest rank in time order; `day` reads a row's launch date (default: a row's
    `launched_on`, else its `announced_on`). A launch dated on or before its announcement
    happened; a later date is a plan, replaced by a later plan until its date passes. The
    earliest launch that happened by `as_of` stands: nothing later moves it or un-launches it."""
    launch_day = day or cast(Callable[[D], str], _launch_day)
    launched: D | None = None
    plan: D | None = None

    def happened(row: D) -> None:
        nonlocal launched
        if launched is None or launch_day(row) < launch_day(launched):
            launched = row

    for row in rows:
        if plan is not None and launch_day(plan) <= min(row.announced_on, as_of):
            happened(plan)
            plan = None
        if launch_day(row) <= row.announced_on:
            happened(row)
        elif launched is None:
            plan = row
    if plan is not None and launch_day(plan) <= as_of:
        happened(plan)
        plan = None
    return launched, (None if launched else plan)


def _launch_day(row: Row) -> str:
    return effective(row.content, "launched_on")


def count_view(choice: Choice, value_name: str) -> dict[str, Any]:
    """A slot's value with its bound, certainty, source and an `unconfirmed` report beside it."""
    beside = unconfirmed_view(choice)  # {value, bound, certainty, announced_on, id}
    return {**evidence(choice.in_force, value_name), "unconfirmed": beside}


def scope_label(content: dict[str, Any]) -> str:
    """A scope in a few characters, for keys: `DE,FR`, `* except CN`; '' for worldwide."""
    markets, excepted = scope(content)
    if markets == ("*",) and not excepted:
        return ""
    return ",".join(markets) + (f" except {','.join(excepted)}" if excepted else "")


def months_of(period: str) -> list[str]:
    """The months a period spans: `2025` twelve, `2025-H1` six, `2025-Q3` three, `2025-06` one."""
    year, _, part = period.partition("-")
    if not part:
        first, count = 1, 12
    elif part[0] == "H":
        first, count = 1 + 6 * (int(part[1]) - 1), 6
    elif part[0] == "Q":
        first, count = 1 + 3 * (int(part[1]) - 1), 3
    else:
        first, count = int(part), 1
    return [f"{year}-{month:02d}" for month in range(first, first + count)]


def counted_once(choices: Iterable[Choice]) -> list[Choice]:
    """Delivery figures chosen so that no month is counted twice, a larger period preferred
    over the smaller ones inside it (a year over its quarters, a quarter over its months)."""
    taken: set[str] = set()
    kept = []
    for choice in sorted(choices, key=lambda c: -len(months_of(c.in_force.content["period"]))):
        months = set(months_of(choice.in_force.content["period"]))
        if not months & taken:
            taken |= months
            kept.append(choice)
    return kept


def delivered(choices: Iterable[Choice]) -> tuple[int, str]:
    """(units, bound) of a sum of delivery figures (docs/concepts.md, Rank: sums)."""
    parts = [bounded(choice.in_force.content) for choice in choices]
    return sum(value for value, _, _ in parts), sum_bound([bound for _, bound, _ in parts])


def of_kind(rows: Iterable[Row], kind: str) -> list[Row]:
    return [row for row in rows if row.content["kind"] == kind]


def model_state(
    rows: Sequence[Row], query: Query, company: str, model: str, facts: CompanyFacts | None = None
) -> dict[str, Any]:
    """`mxt state model`: rows are the model's visible announcements up to `as_of`;
    `company` and `model` are their display names; `facts` (the company's launches,
    policies, entries, showcases) give its status in each market it is named in."""
    model_key = key(model)
    launches = (  # worked out once, for the model's statuses too
        facts.launched(model_key, query.as_of)
        if facts is not None
        else Launches.of(of_kind(rows, "launch"), query.as_of)
    )
    orders = {}
    for choice in chosen(of_kind(rows, "orders")):
        content = choice.in_force.content
        label = scope_label(content)
        stage = f"{content['stage']} ({label})" if label else content["stage"]
        orders[stage] = {**count_view(choice, "count"), "within": content.get("within")}
    waits = chosen(of_kind(rows, "wait-time"))
    totals = [
        choice for choice in chosen(of_kind(rows, "deliveries"))
        if (choice.in_force.content.get("metric") or "deliveries") == "deliveries"
        and not scope_label(choice.in_force.content)
    ]  # fmt: skip
    units, bound = delivered(counted_once(totals))
    return {
        "company": company,
        "model": model,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "status": launches.status(),
        "launched_on": launches.first_launch(),
        "planned_launch_on": launches.first_planned() if not launches.launched else None,
        "markets": sorted(launches.launched),
        "market_statuses": facts.statuses(model_key, query.as_of) if facts else {},
        "orders": dict(sorted(orders.items())),
        "max_wait_months": max(
            (choice.in_force.content["max_months"] for choice in waits), default=None
        ),
        "wait_times": [
            {"trim": choice.in_force.content.get("trim"), **count_view(choice, "max_months")}
            for choice in waits
        ],
        "deliveries_units": units,
        "deliveries_bound": bound,
    }


@dataclass
class Names:
    """How a company and its models are spelled: as in their earliest announcements."""

    company: str
    models: dict[str, str] = field(default_factory=dict)  # model key -> display name


# The market statuses, strongest first (docs/concepts.md, Statuses).
STATUSES = ("available", "announced", "blocked", "expected", "showcased", "unknown")


@dataclass
class CompanyFacts:
    """What one company's announcements say about markets: launches, policies, expected
    entries and showcases."""

    name: str
    policies: list[Row]
    expected: list[Row]
    launches: dict[str, list[Row]]  # model key -> launch rows
    models: dict[str, str]  # model key -> display name, in order of first appearance
    showcases: list[Row] = field(default_factory=list)
    decided: dict[tuple[str, str], Launches] = field(default_factory=dict, compare=False)
    covering: dict[str, list[Row]] = field(default_factory=dict, compare=False)
    by_market: dict[str, list[int]] = field(default_factory=dict, compare=False)
    policy_for: dict[str, Row | None] = field(default_factory=dict, compare=False)
    shown_of: dict[str, list[Row]] | None = field(default=None, compare=False)

    def launched(self, model_key: str, as_of: str) -> Launches:
        """A model's launches as of a date, worked out once for every market asked about."""
        found = self.decided.get((model_key, as_of))
        if found is None:
            found = self.decided[model_key, as_of] = Launches.of(
                self.launches.get(model_key, ()), as_of
            )
        return found

    @classmethod
    def of(cls, rows: Iterable[Row], names: Names) -> CompanyFacts:
        """Facts from one company's launch, policy, expected-entry and showcase rows."""
        facts = cls(names.company, [], [], {}, dict(names.models))
        entries = []
        for row in rows:
            kind = row.content["kind"]
            if kind == "policy":
                facts.policies.append(row)
            elif kind == "expected-entry":
                entries.append(row)
            elif kind == "showcase":
                facts.showcases.append(row)
            elif kind == "launch":
                facts.launches.setdefault(key(row.content["model"]), []).append(row)
        facts.expected = [choice.in_force for choice in chosen(entries)]
        return facts

    def entry_for(self, model_key: str | None, market: str) -> Row | None:
        """The expected entry covering a model in a market: the model's own, else the
        company's as a whole (`model_key` None: only the company's)."""
        own = whole = None
        for row in self.entries_covering(market):  # in order: the last of each stands
            model = row.content.get("model")
            if model_key is not None and key(model) == model_key:
                own = row
            if not model:
                whole = row
        return own or whole

    def entries_covering(self, market: str) -> list[Row]:
        """The expected entries whose market covers `market`, in their order, found through
        the markets they name (worked out once per market)."""
        found = self.covering.get(market)
        if found is None:
            if not self.covering:  # first call: the entries' positions by their market
                for position, row in enumerate(self.expected):
                    self.by_market.setdefault(row.content["market"], []).append(position)
            named = (market, *(region for region, members in REGIONS.items() if market in members))
            positions = sorted({p for code in named for p in self.by_market.get(code, ())})
            found = self.covering[market] = [self.expected[p] for p in positions]
        return found

    def blocking(self, market: str, as_of: str) -> Row | None:
        """The policy that blocks `market` as of `as_of`: the latest covering it (worked out
        once per market), while its `not_before` is still ahead."""
        if market in self.policy_for:
            policy = self.policy_for[market]
        else:
            policy = self.policy_for[market] = covering_policy(self.policies, market)
        return policy if policy is not None and policy.content["not_before"] > as_of else None

    def shown(self, model_key: str, market: str) -> list[Row]:
        """A model's showcases in a market covering `market`, in their order."""
        if self.shown_of is None:  # first call: the showcases naming a market, by model
            self.shown_of = {}
            for row in self.showcases:
                if row.content.get("market"):
                    self.shown_of.setdefault(key(row.content["model"]), []).append(row)
        return [
            row
            for row in self.shown_of.get(model_key, ())
            if market_covers(row.content["market"], market)
        ]

    def status_of(
        self, model_key: str, market: str, as_of: str, place: Place | None = None
    ) -> tuple[str, Row | None]:
        """The market status of one model (docs/concepts.md, Statuses): available > announced >
        blocked > expected > showcased > unknown, and the announcement that decides it when it
        is not a launch; each weaker status is looked at only when no stronger one holds.
        `place`: the model's `Launches.in_market(market)`, when already worked out."""
        launched_on, planned_on, _ = place or self.launched(model_key, as_of).in_market(market)
        if launched_on or planned_on:
            return ("available" if launched_on else "announced"), None
        blocking = self.blocking(market, as_of)
        if blocking is not None:
            return "blocked", blocking
        entry = self.entry_for(model_key, market)
        if entry is not None:
            return "expected", entry
        shown = self.shown(model_key, market)
        return ("showcased", shown[-1]) if shown else ("unknown", None)

    def market_status(self, model_key: str, market: str, as_of: str) -> dict[str, Any]:
        """The market status of one model (`status_of`), with its dates, the policy blocking
        the market and the entry expected there, and the announcement that decides it."""
        launches = self.launched(model_key, as_of)
        place = launches.in_market(market)
        launched_on, planned_on, where = place
        status, source = self.status_of(model_key, market, as_of, place)
        blocking = self.blocking(market, as_of)
        entry = self.entry_for(model_key, market)
        view = {
            "company": self.name,
            "model": self.models[model_key],
            "status": status,
            "launched_on": launched_on,
            "planned_launch_on": planned_on,
            "not_before": blocking.content["not_before"] if blocking is not None else None,
            "expected": entry.content["expected"] if entry is not None else None,
            "certainty": None,
            "id": None,
        }
        if where is not None:
            view["certainty"], view["id"] = launches.certainty[where], launches.ids[where]
        elif source is not None:
            view["certainty"] = source.content.get("certainty") or "confirmed"
            view["id"] = source.ann_id
        return view

    def whole_company_row(self, market: str, as_of: str) -> dict[str, Any] | None:
        """The row (`model: null`) of an expected entry of the company as a whole covering
        `market`: `expected`, or `blocked` while a policy in force covers the market."""
        entry = self.entry_for(None, market)
        if entry is None:
            return None
        blocking = self.blocking(market, as_of)
        source = blocking or entry
        return {
            "company": self.name, "model": None,
            "status": "blocked" if blocking else "expected",
            "launched_on": None, "planned_launch_on": None,
            "not_before": blocking.content["not_before"] if blocking else None,
            "expected": entry.content["expected"],
            "certainty": source.content.get("certainty") or "confirmed", "id": source.ann_id,
        }  # fmt: skip

    def named_markets(self, model_key: str) -> set[str]:
        """The markets named for a model: its launches and showcases, the company's expected
        entries and the markets its policies list or except (`*` is not expanded)."""
        named = {row.content["market"] for row in self.launches.get(model_key, ())}
        named |= {
            row.content["market"] for row in self.showcases
            if row.content.get("market") and key(row.content["model"]) == model_key
        }  # fmt: skip
        named |= {
            row.content["market"] for row in self.expected
            if not row.content.get("model") or key(row.content["model"]) == model_key
        }  # fmt: skip
        for row in self.policies:
            named |= {*row.content["markets"], *row.content.get("except", ())}
        named.discard("*")
        return named

    def statuses(self, model_key: str, as_of: str) -> dict[str, str]:
        """`market_statuses` of `state model`: code -> status, unknown ones left out."""
        if model_key not in self.models:
            return {}
        found = {
            code: self.status_of(model_key, code, as_of)[0]
            for code in sorted(self.named_markets(model_key))
        }
        return {code: status for code, status in found.items() if status != "unknown"}


def market_state(
    rows: Iterable[Row], names: dict[str, Names], query: Query, market: str, every: bool = False
) -> dict[str, Any]:
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
        whole = facts.whole_company_row(market, query.as_of)
        if whole is not None:
            models.append(whole)
        for model_key in facts.models:
            status = facts.market_status(model_key, market, query.as_of)
            if every or status["status"] != "unknown":
                models.append(status)
        policies.extend(policies_in_force(facts.policies, query.as_of, market))
    models.sort(key=lambda m: (str(m["company"]).casefold(), str(m["model"] or "").casefold()))
    return {
        "market": market,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "models": models,
        "policies": [policy_view(row) for row in sorted(policies, key=lambda r: r.order)],
    }


@dataclass
class FactoryView:
    site: str
    phase: int
    status: str | None
    effective_on: str | None
    capacity: int | None
    certainty: str | None
    id: str | None
    planned: dict[str, Any] | None


def factories(rows: Iterable[Row], as_of: str) -> list[dict[str, Any]]:
    """Each (site, phase): the status reached by `as_of`, and a later planned status, from
    the announcements of the highest rank for it."""
    views = []
    for choice in chosen(rows):
        phase_rows = choice.best()
        reached = [r for r in phase_rows if effective(r.content, "effective_on") <= as_of]
        reached.sort(key=lambda r: (effective(r.content, "effective_on"), r.order))
        current = reached[-1] if reached else None
        last = choice.rows[-1]  # a plan of any certainty is shown as planned until its date
        plan = None
        if effective(last.content, "effective_on") > as_of:
            plan = {
                "status": last.content["status"],
                "effective_on": effective(last.content, "effective_on"),
                "certainty": last.content.get("certainty") or "confirmed",
                "id": last.ann_id,
            }
        capacity = next(
            (r.content["capacity"] for r in reversed(phase_rows) if "capacity" in r.content), None
        )
        views.append(
            FactoryView(
                site=choice.rows[0].content["site"],
                phase=choice.rows[0].content["phase"],
                status=current.content["status"] if current else None,
                effective_on=effective(current.content, "effective_on") if current else None,
                capacity=capacity,
                certainty=(current.content.get("certainty") or "confirmed") if current else None,
                id=current.ann_id if current else None,
                planned=plan,
            )
        )
    views.sort(key=lambda v: (v.site.casefold(), v.phase))
    return [dict(vars(view)) for view in views]  # (its fields hold no other dataclass)


def scoped_view(choice: Choice, value_name: str, *names: str) -> dict[str, Any]:
    """A target or delivery figure of `state company`: its slot fields, scope and value."""
    content = choice.in_force.content
    markets, excepted = scope(content)
    return {
        **{name: field_value(content, name) for name in names},
        "markets": list(markets),
        "except": list(excepted),
        **count_view(choice, value_name),
    }


def expected_view(row: Row) -> dict[str, Any]:
    content = row.content
    return {
        "market": content["market"],
        "model": content.get("model"),
        "expected": content["expected"],
        "certainty": content.get("certainty") or "confirmed",
        "announced_on": row.announced_on,
        "id": row.ann_id,
    }


def company_state(rows: Sequence[Row], names: Names, query: Query) -> dict[str, Any]:
    """`mxt state company`: rows are the company's visible announcements up to `as_of`."""
    facts = CompanyFacts.of(rows, names)
    models = []
    for model_key, name in facts.models.items():
        launches = Launches.of(facts.launches.get(model_key, ()), query.as_of)
        models.append(
            {
                "model": name,
                "status": launches.status(),
                "launched_on": launches.first_launch(),
                "markets": sorted(launches.launched),
            }
        )
    models.sort(key=lambda m: str(m["model"]).casefold())
    totals = [c for c in chosen(of_kind(rows, "deliveries")) if not c.in_force.content.get("model")]
    targets = chosen(of_kind(rows, "target"))
    return {
        "company": facts.name,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "targets": sorted(
            (scoped_view(c, "value", "metric", "period") for c in targets), key=_figure_order
        ),
        "deliveries": sorted(
            (scoped_view(c, "units", "metric", "period") for c in totals), key=_figure_order
        ),
        "factories": factories(of_kind(rows, "factory"), query.as_of),
        "models": models,
        "policies": [policy_view(row) for row in policies_in_force(facts.policies, query.as_of)],
        "expected_entries": [expected_view(row) for row in facts.expected],
    }


def _figure_order(view: dict[str, Any]) -> tuple[Any, ...]:
    return (view["metric"], view["period"], view["markets"], view["except"])


# -- the target audit ----------------------------------------------------------------------


def target_audit(rows: Sequence[Row], histories: dict[str, list[Row]]) -> list[dict[str, Any]]:
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
) -> dict[str, Any]:
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
    markets, excepted = scope(content)
    return {
        "company": company, "metric": content["metric"], "period": content["period"],
        "markets": list(markets), "except": list(excepted),
        "value": value, "bound": bound, "high": high,
        "previous": previous, "previous_high": previous_high,
        "change": change, "change_pct": change_pct,
        "stated_previous": stated, "stated_previous_high": content.get("previous_high"),
        "previous_mismatch": stated is not None
        and (stated, content.get("previous_high")) != (previous, previous_high),
        "announced_on": row.announced_on, "recorded_at": row.recorded_at, "id": row.ann_id,
        "source": content["source"], "speaker": content.get("speaker"),
        "certainty": content.get("certainty") or "confirmed", "status": status,
        "corrections": corrections_of(histories.get(row.ann_id, [])),
    }  # fmt: skip


def _target_order(slot: tuple[str, ...], content: dict[str, Any]) -> tuple[Any, ...]:
    """Targets in the audit: by company, metric, period, then scope."""
    return (slot[0], content["metric"], content["period"], *scope(content))


def _whole(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number


def corrections_of(history: Sequence[Row]) -> list[dict[str, Any]]:
    """The corrections in one announcement's history: field, from, to, reason, recorded_at."""
    result = []
    for before, after in zip(history, history[1:], strict=False):
        if after.event != "corrected" or not after.changes:
            continue
        for field_name in after.changes:
            result.append(
                {
                    "field": field_name,
                    "from": field_at(before.content, field_name),
                    "to": field_at(after.content, field_name),
                    "reason": after.reason,
                    "recorded_at": after.known_from,
                }
            )
    return result
