"""The rules of docs/concepts.md (time axes, slots, rank, launches, statuses) as plain functions
over visible announcements.

Every function here takes the announcements visible for one question (already cut to
`known_at` and `as_of` by the read model, in time order) and answers it; which announcement
of a slot answers is `evidence.choose`. Nothing here touches the store. The reference fold
of the tests decides the same rules on its own, from a plain replay.

Here: the rules every state shares (launches, policies, a company's market facts and the
statuses they decide) and `state model`; `company`, `market` and `audit` answer the other
questions from them, each loaded only by the command that asks it.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar, cast

from mxt.events.codes import REGIONS, market_covers
from mxt.events.content import Content
from mxt.events.kinds import KINDS, Scope, bounded, kinds_where, sum_bound

from ..readmodel.tables import key
from ..readmodel.view import Row
from .evidence import Choice, SlotKey, SlotValue, by_slot, certainty, choose, chosen, slot_key
from .evidence import slot_value as value_of
from .records import record

if TYPE_CHECKING:
    from .changes import Held

# The records of the answers below are `NamedTuple`s whose annotations are evaluated (this
# module has no `from __future__ import annotations`): typing compiles each annotation given
# as text, which would cost every read command a few milliseconds.


class Query(NamedTuple):
    """The two time axes of a question."""

    as_of: str  # YYYY-MM-DD
    known_at: str  # UTC timestamp, the sortable spelling of format_timestamp


def effective(content: Content, field_name: str) -> str:
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


def policy_covers(content: Content, market: str) -> bool:
    """A policy covers a market listed (directly, through `*` or a region) and not excepted."""
    listed = content["markets"]
    if "*" not in listed and market not in covered_by(tuple(listed)):
        return False
    excepted = content.get("except")
    return not excepted or market not in covered_by(tuple(excepted))


def mentions_market(content: Content, market: str, exactly: bool = False) -> bool:
    """Whether an announcement names `market` (or, unless `exactly`, a region containing
    it), or lists markets covering it (a policy)."""
    if KINDS[content["kind"]].market_field == "markets":
        return policy_covers(content, market)
    announced = content.get("market")
    if exactly:
        return announced == market
    return isinstance(announced, str) and market_covers(announced, market)


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


@record(hidden=("kind",))
class Policy(NamedTuple):
    """A policy in force: the markets it lists and excepts (as announced), its date."""

    company: str
    markets: list[str]
    except_: list[str]
    not_before: str
    certainty: str
    announced_on: str
    id: str
    kind: str

    @classmethod
    def of(cls, row: Row) -> "Policy":
        content = row.content
        return cls(
            content["company"], content["markets"], content.get("except", []),
            content["not_before"], certainty(content), content["announced_on"], row.ann_id,
            content["kind"],
        )  # fmt: skip


# -- models --------------------------------------------------------------------------------


# (launched_on, planned_launch_on, the launch market deciding it) of a model in one market
Place = tuple[str | None, str | None, str | None]


class Launches:
    """Where and when a model is launched (docs/concepts.md, Rank: launches): per launch market, the
    earliest launch date on or before `as_of` among the announcements of the highest rank; else the
    planned date of the latest of them."""

    __slots__ = ("launched", "planned", "ids", "certainty", "slots")

    def __init__(self) -> None:
        self.launched: dict[str, str] = {}  # market -> launched_on <= as_of
        self.planned: dict[str, str] = {}  # market -> launched_on > as_of
        self.ids: dict[str, str] = {}
        self.certainty: dict[str, str] = {}
        self.slots: dict[str, SlotKey] = {}  # market -> its launch slot

    @classmethod
    def of(cls, launches: Iterable[Row], as_of: str) -> "Launches":
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
            result.certainty[market] = certainty(row.content)
            result.slots[market] = group[0].slot or slot_key(group[0].content)
        return result

    def held(self, model: str | None) -> Iterator["Held"]:
        """Each launch market's date as `diff` compares it (`launched D` or `planned D`),
        `model` as its answer names the model."""
        from .changes import Held

        for market in sorted(self.ids):
            yield Held(self.slots[market], (("model", model), ("market", market)),
                       self.value_in(market), None, None, self.ids[market])  # fmt: skip

    def value_in(self, market: str) -> str | None:
        """A launch market's date in words: `launched D`, `planned D`, or None."""
        if market in self.launched:
            return f"launched {self.launched[market]}"
        if market in self.planned:
            return f"planned {self.planned[market]}"
        return None

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


def scope_label(content: Content) -> str:
    """A scope in a few characters, for keys: `DE,FR`, `* except CN`; '' for worldwide."""
    scope = Scope.of(content)
    return "" if scope.worldwide else scope.text(",")


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


@record(hidden=("stage", "model"))
class Order(NamedTuple):
    """An order stage's count (`state model`'s `orders`, by stage)."""

    figure: SlotValue
    within: str | None
    stage: str  # its key in `orders`: the stage, and its scope when not worldwide
    model: str

    def held(self) -> "Held":
        subject = (("model", self.model), ("stage", self.stage))
        return held(self.figure, subject)


@record(hidden=("model",))
class WaitTime(NamedTuple):
    """The longest wait for a model, or for one trim."""

    trim: str | None
    max_months: SlotValue
    model: str

    def held(self) -> "Held":
        return held(self.max_months, (("model", self.model), ("trim", self.trim)))


def held(value: SlotValue, subject: tuple[tuple[str, Any], ...]) -> "Held":
    """A slot's value as `diff` compares it, named by `subject`."""
    from .changes import Held

    return Held(value.slot, subject, value.value, value.bound, value.high, value.id)


# What `state model` reads (the registry says which answers show a kind's values, and which
# kinds decide a market status): the kinds whose slots are settled by their latest row of
# each rank (`View.latest`) and those settled from every row (`View.in_groups`: a launch, a
# factory); and the kinds whose announcements naming no model concern every model.
_MODEL = kinds_where(lambda kind: "model" in kind.shown_in or kind.decides is not None)
MODEL_LATEST = tuple(name for name in _MODEL if KINDS[name].settled == "latest")
MODEL_EVERY = tuple(name for name in _MODEL if KINDS[name].settled != "latest")
COVERING = kinds_where(lambda kind: kind.covers_models)


@record(hidden=("launches", "deciding", "figures"))
class ModelState(NamedTuple):
    """`mxt state model`: a model's launches, statuses, orders, waits and deliveries."""

    company: str
    model: str
    as_of: str
    known_at: str
    status: str
    launched_on: str | None
    planned_launch_on: str | None
    markets: list[str]
    market_statuses: dict[str, str]
    orders: dict[str, Order]
    max_wait_months: int | float | None
    wait_times: list[WaitTime]
    deliveries_units: int
    deliveries_bound: str
    launches: Launches  # per launch market: what `show` traces to a launch
    deciding: dict[str, str | None]  # each status's deciding announcement (None: a launch's)
    figures: tuple[str, ...]  # the ids of the model's delivery figures in force


def model_state(
    rows: Sequence[Row], query: Query, company: str, model: str, facts: "CompanyFacts | None" = None
) -> ModelState:
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
        orders[stage] = Order(value_of(choice), content.get("within"), stage, model)
    waits = chosen(of_kind(rows, "wait-time"))
    figures = chosen(of_kind(rows, "deliveries"))
    totals = [
        choice for choice in figures
        if (choice.in_force.content.get("metric") or "deliveries") == "deliveries"
        and not scope_label(choice.in_force.content)
    ]  # fmt: skip
    units, bound = delivered(counted_once(totals))
    found = facts.statuses(model_key, query.as_of) if facts else {}
    return ModelState(
        company=company,
        model=model,
        as_of=query.as_of,
        known_at=query.known_at,
        status=launches.status(),
        launched_on=launches.first_launch(),
        planned_launch_on=launches.first_planned() if not launches.launched else None,
        markets=sorted(launches.launched),
        market_statuses={code: status for code, (status, _) in found.items()},
        orders=dict(sorted(orders.items())),
        max_wait_months=max(
            (choice.in_force.content["max_months"] for choice in waits), default=None
        ),
        wait_times=[
            WaitTime(choice.in_force.content.get("trim"), value_of(choice), model)
            for choice in waits
        ],
        deliveries_units=units,
        deliveries_bound=bound,
        launches=launches,
        deciding={code: source for code, (_, source) in found.items()},
        figures=tuple(choice.in_force.ann_id for choice in figures),
    )


class Names:
    """How a company and its models are spelled: as in their earliest announcements."""

    __slots__ = ("company", "models")

    def __init__(self, company: str, models: dict[str, str] | None = None) -> None:
        self.company = company
        self.models: dict[str, str] = {} if models is None else models  # key -> display name


# The market statuses, strongest first (docs/concepts.md, Statuses).
STATUSES = ("available", "announced", "blocked", "expected", "showcased", "unknown")
AVAILABLE = STATUSES[0]  # on sale there: what a launch decides


class CompanyFacts:
    """What one company's announcements say about markets: launches, policies, expected
    entries and showcases."""

    __slots__ = ("name", "policies", "expected", "launches", "models", "showcases", "decided",
                 "covering", "by_market", "policy_for", "shown_of")  # fmt: skip

    def __init__(self, name: str, models: dict[str, str]) -> None:
        self.name = name
        self.policies: list[Row] = []
        self.expected: list[Row] = []
        self.launches: dict[str, list[Row]] = {}  # model key -> launch rows
        self.models = models  # model key -> display name, in order of first appearance
        self.showcases: list[Row] = []
        # worked out once, when first asked
        self.decided: dict[tuple[str, str], Launches] = {}
        self.covering: dict[str, list[Row]] = {}
        self.by_market: dict[str, list[int]] = {}
        self.policy_for: dict[str, Row | None] = {}
        self.shown_of: dict[str, list[Row]] | None = None

    def launched(self, model_key: str, as_of: str) -> Launches:
        """A model's launches as of a date, worked out once for every market asked about."""
        found = self.decided.get((model_key, as_of))
        if found is None:
            found = self.decided[model_key, as_of] = Launches.of(
                self.launches.get(model_key, ()), as_of
            )
        return found

    @classmethod
    def of(cls, rows: Iterable[Row], names: Names) -> "CompanyFacts":
        """Facts from one company's launch, policy, expected-entry and showcase rows."""
        facts = cls(names.company, dict(names.models))
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

    def statuses(self, model_key: str, as_of: str) -> dict[str, tuple[str, str | None]]:
        """`market_statuses` of `state model`: code -> (status, the id of the announcement
        deciding it, None for a launch's), unknown ones left out."""
        if model_key not in self.models:
            return {}
        found = {}
        launches = self.launched(model_key, as_of)
        for code in sorted(self.named_markets(model_key)):
            place = launches.in_market(code)
            status, source = self.status_of(model_key, code, as_of, place)
            if status != "unknown":
                found[code] = (
                    status,
                    launches.ids[place[2]] if place[2] else source and source.ann_id,
                )
        return found
