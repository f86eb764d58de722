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

from bisect import bisect_right
from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from mxt.events.codes import EVER, market_covers
from mxt.events.content import Content
from mxt.events.dates import first_day
from mxt.events.kinds import KINDS, Scope, bounded, kinds_where, sum_bound
from mxt.events.regions import (
    builtin_regions,
    change_days,
    containing,
    covered_on,
    ever_members,
    in_force,
    is_region,
)

from ..readmodel.tables import key
from ..readmodel.view import Head, Row
from .evidence import Choice, SlotKey, SlotValue, by_slot, certainty, chosen, slot_key
from .evidence import slot_value as value_of
from .plans import (
    Arrival,
    EntryLifecycle,
    LaunchLifecycle,
    PlanRecord,
    Said,
    entry_covers,
    entry_lifecycle,
    exit_covers,
    launch_lifecycle,
    said_of,
)
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
    """`launched_on` / `effective_on`, defaulting to `announced_on`; a period said there
    (`2025-H2`) is compared by its first day (`events.dates`)."""
    return first_day(str(content.get(field_name) or content["announced_on"]))


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

    return tuple(sorted({c.alpha_2 for c in pycountry.countries} | set(builtin_regions())))


def policy_covers(content: Content, market: str) -> bool:
    """A policy covers a market listed (directly, through `*` or a region) and not excepted,
    its regions read with their members of the day it was announced (SPEC §5.3: a policy for
    the EU announced in 2021 does not cover the United Kingdom)."""
    listed = content["markets"]
    day = str(content["announced_on"])
    if "*" not in listed and market not in covered_by(tuple(listed), day):
        return False
    excepted = content.get("except")
    return not excepted or market not in covered_by(tuple(excepted), day)


def mentions_market(content: Content, market: str, exactly: bool = False) -> bool:
    """Whether an announcement names `market` (or, unless `exactly`, a region that ever
    contained it), or lists markets covering it (a policy)."""
    if KINDS[content["kind"]].market_field == "markets":
        return policy_covers(content, market)
    announced = content.get("market")
    if exactly:
        return announced == market
    return isinstance(announced, str) and market_covers(announced, market, EVER)


def covered_by(codes: tuple[str, ...], day: str) -> frozenset[str]:
    """Every market that one of `codes` covers on `day` (`market_covers`): the codes
    themselves and the members of the regions among them that day."""
    return frozenset(codes) | covered_on(codes, day, in_force())


def covering_policy(policies: Sequence[Row], market: str) -> Row | None:
    """The latest policy of one company that covers `market`: the one that decides it."""
    for row in reversed(policies):
        if policy_covers(row.content, market):
            return row
    return None


def deciding_policies(heads: Iterable[Head], markets: Iterable[str]) -> set[int]:
    """Of the policies found for some markets, told by their `Head`s (their scope, the
    subject `markets|except`, and their day), those that decide a market: each company's
    latest covering each of `markets` (`covering_policy`), by notification id. The rest
    decide nothing there, so a question about those markets need not read them."""
    by_company: dict[str, list[Head]] = {}
    for head in heads:
        by_company.setdefault(head.company_key, []).append(head)
    chosen: set[int] = set()
    for company_heads in by_company.values():
        company_heads.sort(key=lambda head: head.order, reverse=True)
        scopes = [(head, _scope_of(head)) for head in company_heads]
        for market in markets:
            for head, scope in scopes:
                if policy_covers(scope, market):
                    chosen.add(head.notification_id)
                    break
    return chosen


def deciding_anywhere(heads: Iterable[Head]) -> set[int]:
    """Of one company's policies, told by their `Head`s, those `policies_in_force` can answer
    with, by notification id: the latest covering each market any of them names
    (`distinct_markets`, `deciding_policies`), and the latest of each scope, so that the
    policies chosen name every market the rest name. The rest decide nothing anywhere, so
    `state company` need not read them."""
    heads = sorted(heads, key=lambda head: head.order)
    markets = distinct_markets([_scope_of(head) for head in heads])
    latest = {head.subject: head.notification_id for head in heads}
    return deciding_policies(heads, markets) | set(latest.values())


def latest_each_stretch(heads: Iterable[Head]) -> set[int]:
    """Of one company's policies, told by their `Head`s, those that can decide a market
    anywhere, by notification id: of each scope (the subject `markets|except`), the latest
    announced in each stretch of days over which no region's members change (between two
    `change_days`). A policy decides a market where it is the latest covering it
    (`covering_policy`, whatever its rank), and the policies of one scope announced within
    one stretch cover the same markets (each region with its members of the day announced,
    SPEC §5.3), so only the latest of them can; every scope keeps one, so the policies kept
    name every market the rest name. The rest decide nothing, so `state model` reads only
    these (their heads are read from the index alone)."""
    days = change_days()
    latest: dict[tuple[str, int], Head] = {}
    for head in heads:
        stretch = (head.subject, bisect_right(days, head.announced_on))
        found = latest.get(stretch)
        if found is None or head.order > found.order:
            latest[stretch] = head
    return {head.notification_id for head in latest.values()}


def _scope_of(head: Head) -> Content:
    """A policy's markets, exceptions and day, as `policy_covers` reads them, from its
    subject (`events.kinds.subject_of`: `markets|except`)."""
    listed, _, excepted = head.subject.partition("|")
    return {
        "markets": listed.split(","),
        "except": excepted.split(",") if excepted else [],
        "announced_on": head.announced_on,
    }


def policies_in_force(policies: Sequence[Row], as_of: str, market: str | None = None) -> list[Row]:
    """Policies that still block somewhere (or in `market`): latest for a market, not lapsed."""
    markets = (market,) if market else distinct_markets([row.content for row in policies])
    in_force: dict[str, Row] = {}
    for code in markets:
        row = covering_policy(policies, code)
        if row is not None and row.content["not_before"] > as_of:
            in_force[row.ann_id] = row
    return sorted(in_force.values(), key=lambda r: r.order)


def distinct_markets(policies: Iterable[Content]) -> list[str]:
    """One market for each way the policies (their contents, or their scopes: `_scope_of`)
    can treat a market: every market they name (with the members and regions around it),
    and one they do not name, standing for all the rest."""
    named: set[str] = set()
    user = in_force()
    for content in policies:
        for code in (*content["markets"], *content.get("except", ())):
            if code == "*":
                continue
            if is_region(code, user):  # its members of any day, and itself
                named |= ever_members(code, user) | {code}
            else:  # a country, and the regions that ever held it
                named |= containing(code, user) - {"*"} | {code}
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


def said(row: Row) -> Said:
    """A row as the plan rules of SPEC §5.2 read it (`plans.said_of`)."""
    return said_of(row.content, row.ann_id, row.order, row.retracted)


@record(flat=True)
class PlanShown(NamedTuple):
    """A slot's plans wherever an answer shows one (SPEC §5.2): the first plan's date and
    the plan in force, as said; how many times the date moved later; the days the plan in
    force is overdue (None: it is not). All None when the slot has no plan."""

    first_planned: str | None = None
    planned: str | None = None
    slips: int | None = None
    days_overdue: int | None = None

    @classmethod
    def of(cls, plan: PlanRecord | None) -> "PlanShown":
        if plan is None:
            return NO_PLAN
        return cls(plan.first_planned.text, plan.planned.text, plan.slips, plan.days_overdue)


NO_PLAN = PlanShown()


def day(value: date | None) -> str | None:
    """A day as answers write it (`YYYY-MM-DD`), or None."""
    return value.isoformat() if value is not None else None


def as_said(text: str | None, counted: str | None) -> str | None:
    """A date as said beside the day it counts from, when the two differ (a period); else
    None."""
    return text if text is not None and text != counted else None


@record(hidden=("model", "slot"))
class LaunchPlace(NamedTuple):
    """A model in one launch market (`state model`'s `launches`): its status there (SPEC
    §5.1), its first launch (the day it counts from, and the period as said), the days a
    pause or an exit began and ended a stretch on sale, its plans, and the announcement
    deciding the status."""

    market: str
    status: str
    launched_on: str | None
    launched_as_said: str | None
    paused_from: str | None
    available_from: str | None
    available_until: str | None
    plan: PlanShown
    certainty: str | None
    id: str | None
    model: str
    slot: SlotKey

    def held(self) -> "Held":
        """The launch market as `diff` compares it: the plan's date while it is a plan,
        else the first launch's day, with the status beside it."""
        from .changes import Held

        planning = self.status in PLANNING
        value = self.plan.planned if planning else (self.launched_on or self.plan.planned)
        subject = (("model", self.model), ("market", self.market))
        return Held(self.slot, subject, value, None, None, self.id, self.status)


# The market statuses, strongest first (SPEC §5.1); those a launch slot decides over a
# policy, an expected entry and a showcase (`LIVE`), and those it decides only below them.
STATUSES = (
    "available", "paused", "announced", "overdue", "blocked", "expected", "showcased",
    "withdrawn", "cancelled", "unknown",
)  # fmt: skip
# The statuses each kind decides (`events/kinds.py`, `decides`): a launch, a policy, an
# expected entry, a showcase, an exit.
AVAILABLE, BLOCKED, EXPECTED, SHOWCASED, WITHDRAWN = (
    "available", "blocked", "expected", "showcased", "withdrawn",
)  # fmt: skip
LIVE = STATUSES[:4]
PLANNING = ("announced", "overdue")  # a plan is the answer


class Launches:
    """Where and when a model is launched, as of a date (SPEC §5.2, by
    `plans.launch_lifecycle`): each launch market's lifecycle, in that market or in one it
    covers (a launch in the EU, asked about DE), with the company's exits that stop the model
    there; each worked out once."""

    __slots__ = ("model", "as_of", "slots", "exits", "ranks", "_found", "_own")

    def __init__(
        self,
        model: str,
        slots: dict[str, tuple[SlotKey, list[Said]]],
        exits: Sequence[Said],
        as_of: date,
    ) -> None:
        self.model = model
        self.as_of = as_of
        self.slots = slots  # launch market -> (its slot, its announcements)
        self.exits = [row for row in exits if row.model is None or key(row.model) == key(model)]
        self.ranks: dict[str, str] = {}  # id -> certainty, worked out when `places` asks
        self._found: dict[tuple[str, tuple[str, ...]], LaunchLifecycle | None] = {}
        self._own: dict[str, LaunchLifecycle] | None = None  # `own()`, once asked

    @classmethod
    def of(cls, model: str, rows: Iterable[Row], exits: Sequence[Said], as_of: date) -> "Launches":
        """A model's launches from its launch rows (every visible one, in time order) and
        the company's exits."""
        slots = {
            group[0].content["market"]: (group[0].slot or slot_key(group[0].content),
                                         [said(row) for row in group])
            for group in by_slot(rows).values()
        }  # fmt: skip
        return cls(model, slots, exits, as_of)

    def lifecycle(self, launch_market: str, market: str | None = None) -> LaunchLifecycle | None:
        """The lifecycle of the launch slot of `launch_market`, asked about `market` (default:
        that market): the exits covering the model in `market` stop it."""
        asked = market or launch_market
        exits = [row for row in self.exits if exit_covers(row, self.model, asked)]
        cache = (launch_market, tuple(row.id for row in exits))
        if cache not in self._found:
            rows = self.slots[launch_market][1]
            self._found[cache] = launch_lifecycle(rows, self.as_of, exits)
        return self._found[cache]

    def own(self, within: Collection[str] | None = None) -> dict[str, LaunchLifecycle]:
        """Each launch market's lifecycle in that market, by market (`within`: only those
        launch markets). Every market's is worked out once (`state company` asks it of each
        model four times); read it, never change it."""
        if self._own is None:
            found = {market: self.lifecycle(market) for market in sorted(self.slots)}
            self._own = {market: life for market, life in found.items() if life is not None}
        if within is None:
            return self._own
        return {market: life for market, life in self._own.items() if market in within}

    def status(self) -> str:
        """`launched` somewhere by `as_of` (whatever happened since), else `announced` for a
        plan in force (due or overdue), else `unknown`."""
        lives = self.own().values()
        if any(life.launched_on is not None for life in lives):
            return "launched"
        return "announced" if any(life.status in PLANNING for life in lives) else "unknown"

    def first_launch(self) -> str | None:
        """The model's first launch anywhere: the day it counts from."""
        return day(min((life.launched_on for life in self.own().values()
                        if life.launched_on is not None), default=None))  # fmt: skip

    def first_planned(self) -> str | None:
        """The plan in force (as said) that is due first among the launch markets with one."""
        plans = [life.plan.planned for life in self.own().values()
                 if life.status in PLANNING and life.plan is not None]  # fmt: skip
        return min(plans, key=lambda when: when.sort_key).text if plans else None

    def markets(self) -> list[str]:
        """The launch markets where the model launched by `as_of`."""
        return [market for market, life in self.own().items() if life.launched_on is not None]

    def in_market(self, market: str) -> LaunchLifecycle | None:
        """The model's lifecycle in `market`: of the launch slots covering it (through
        regions), the one of the strongest status (SPEC §5.1), the earliest first."""
        found = [
            life
            for launch_market in self.slots
            if market_covers(launch_market, market, EVER)
            and (life := self.lifecycle(launch_market, market)) is not None
            and market_covers(launch_market, market, life.effect_day(self.as_of))
        ]
        return min(found, key=_strength, default=None)

    def places(self) -> list[LaunchPlace]:
        """Each launch market as `state model` shows it."""
        self.ranks = {row.id: row.certainty for _, rows in self.slots.values() for row in rows}
        self.ranks.update((row.id, row.certainty) for row in self.exits)
        places = []
        for market, life in self.own().items():
            launched_on = day(life.launched_on)
            places.append(
                LaunchPlace(
                    market, life.status, launched_on, as_said(life.launched_as_said, launched_on),
                    day(life.paused_from), day(life.available_from), day(life.available_until),
                    PlanShown.of(life.plan), self.ranks.get(life.decided_by or ""),
                    life.decided_by, self.model, self.slots[market][0],
                )
            )  # fmt: skip
        return places


def _strength(life: LaunchLifecycle) -> tuple[Any, ...]:
    """Lifecycles of one market in order of strength: status (SPEC §5.1), then the first
    launch, then the plan due first, then the launch market."""
    planned = life.plan.planned.sort_key if life.plan is not None else (date.max, date.max)
    return (STATUSES.index(life.status), life.launched_on or date.max, planned, life.market)


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
# each rank (`View.latest`) and those read whole (`View.in_groups`: a launch, a factory, and
# every kind deciding a market status: a region covers the members of the day each of its
# announcements takes effect, SPEC 5.3, so that an earlier policy or showcase for the EU may
# be the one that covers the United Kingdom); and the kinds whose announcements naming no
# model concern every model.


def latest_only(name: str) -> bool:
    """Whether the state answers read only the latest row of each rank of a kind's groups:
    a kind settled by its latest row that decides no market status."""
    return KINDS[name].settled == "latest" and KINDS[name].decides is None


_MODEL = kinds_where(lambda kind: "model" in kind.shown_in or kind.decides is not None)
MODEL_LATEST = tuple(name for name in _MODEL if latest_only(name))
MODEL_EVERY = tuple(name for name in _MODEL if not latest_only(name))
COVERING = kinds_where(lambda kind: kind.covers_models)
COVERING_EVERY = tuple(name for name in COVERING if name in MODEL_EVERY)  # entries, exits
# (and those read by their latest rows: none today. Every company-wide group of the latest
# kinds is sought beside the model's only for these: 0.2 ms a call at 1M when it was all of
# COVERING, for groups of orders, waits and deliveries of the whole company that it skipped)
COVERING_LATEST = tuple(name for name in COVERING if name in MODEL_LATEST)
# Of the kinds read whole, those whose latest announcement covering a market is the one that
# decides its status (policies, showcases: `covering_policy`, `CompanyFacts.shown`; each
# stands on its own, whatever its rank) need not be read whole: a group's announcements (one
# scope, or one market) all cover a market or all do not between two days a region's
# members changed, so the latest of each rank as of the date and up to the day before each
# such day (`region_eras`; `View.latest` with `before`) hold every one that can decide.
BY_LATEST = kinds_where(lambda kind: kind.decides is not None and kind.settled == "latest")
# Of the kinds read whole, those of the company as a whole `state model` reads only where
# they can decide a market (policies: `latest_each_stretch`), and the rest (entries, exits).
COVERING_DECIDING = tuple(name for name in COVERING_EVERY if name in BY_LATEST)
COVERING_WHOLE = tuple(name for name in COVERING_EVERY if name not in BY_LATEST)
# The kinds of a model's own groups read whole, beside the company's of `COVERING_WHOLE` (one
# statement); policies name no model, so only the company's are sought (`COVERING_DECIDING`).
MODEL_WHOLE = tuple(name for name in MODEL_EVERY if name not in COVERING_DECIDING)


def dated_regions() -> list[str]:
    """The regions whose members change with the day: the built-in blocs and the regions
    made of them, and every region of one's own in force (read by its definition): the
    only names that make an announcement cover other markets on other days."""
    regions = builtin_regions()

    def dated(name: str) -> bool:
        region = regions[name]
        return region.dated or any(dated(part) for part in region.parts)

    return sorted({*(name for name in regions if dated(name)), *in_force()})


def region_eras(as_of: str, markets: Sequence[str] | None = None) -> list[str]:
    """The last day before each day up to `as_of` on which a built-in region's members
    changed (every region of one's own is made of countries and built-in regions): between
    two of them, an announcement covers the same markets whatever day it takes effect.

    With `markets`, only the days before those on which one of them joined or left a region
    whose members change (`dated_regions`): on any other, an announcement for a region covers
    each of them after as it did before, so that the latest covering one as of the day before
    is never the latest covering one as of a later day unless it is that one too."""
    eras = []
    for day in change_days():
        if day > as_of:
            break
        before = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
        if markets is None or not _changed_on(before, day).isdisjoint(markets):
            eras.append(before)
    return eras


def _changed_on(before: str, day: str) -> set[str]:
    """The countries that joined or left a region whose members change (`dated_regions`)
    between `before` and `day`."""
    user = in_force()
    changed: set[str] = set()
    for name in dated_regions():
        changed |= covered_on((name,), before, user) ^ covered_on((name,), day, user)
    return changed


@record(hidden=("deciding", "figures"))
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
    launches: list[LaunchPlace]
    orders: dict[str, Order]
    max_wait_months: int | float | None
    wait_times: list[WaitTime]
    deliveries_units: int | None  # None: no figure of the model (not a figure of 0)
    deliveries_bound: str | None
    deciding: dict[str, str | None]  # each status's deciding announcement
    figures: tuple[str, ...]  # the ids of the model's delivery figures in force


def model_state(
    rows: Sequence[Row], query: Query, company: str, model: str, facts: "CompanyFacts | None" = None
) -> ModelState:
    """`mxt state model`: rows are the model's visible announcements up to `as_of`;
    `company` and `model` are their display names; `facts` (the company's launches, exits,
    policies, entries, showcases; default: those among `rows`) give its status in each market
    it is named in."""
    model_key = key(model)
    if facts is None:
        facts = CompanyFacts.of(rows, Names(company, {model_key: model}))
    launches = facts.launched(model_key, query.as_of)  # worked out once, for the statuses too
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
    once = counted_once(totals)
    units, bound = delivered(once) if once else (None, None)
    found = facts.statuses(model_key, query.as_of)
    first_launch = launches.first_launch()
    return ModelState(
        company=company,
        model=model,
        as_of=query.as_of,
        known_at=query.known_at,
        status=launches.status(),
        launched_on=first_launch,
        planned_launch_on=launches.first_planned() if first_launch is None else None,
        markets=launches.markets(),
        market_statuses={code: status for code, (status, _) in found.items()},
        launches=launches.places(),
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
        deciding={code: source for code, (_, source) in found.items()},
        figures=tuple(choice.in_force.ann_id for choice in figures),
    )


class Names:
    """How a company and its models are spelled: as in their earliest announcements."""

    __slots__ = ("company", "models")

    def __init__(self, company: str, models: dict[str, str] | None = None) -> None:
        self.company = company
        self.models: dict[str, str] = {} if models is None else models  # key -> display name


class StatusReason(NamedTuple):
    """A model's status in one market (SPEC §5.1) and what decides it: the lifecycle of the
    launch slot covering the market (`launch`), the policy blocking it, the expected entry
    covering it (the model's own, else the company's) and that entry's lifecycle, and the
    id of the announcement deciding the status (None: unknown)."""

    status: str
    launch: LaunchLifecycle | None
    policy: Row | None
    entry: Row | None
    entry_life: EntryLifecycle | None
    id: str | None


class CompanyFacts:
    """What one company's announcements say about markets: launches, exits, policies,
    expected entries and showcases."""

    __slots__ = ("name", "policies", "expected", "entries", "launches", "exits", "models",
                 "showcases", "decided", "covering", "by_market", "policy_for", "shown_of",
                 "entered", "arrived", "launches_by", "certainties", "concerned")  # fmt: skip

    def __init__(self, name: str, models: dict[str, str]) -> None:
        self.name = name
        self.policies: list[Row] = []
        self.expected: list[Row] = []  # the expected entry in force of each slot
        self.entries: dict[str, list[Said]] = {}  # in-force entry id -> its slot's plans
        self.launches: dict[str, list[Row]] = {}  # model key -> launch rows
        self.exits: list[Said] = []
        self.models = models  # model key -> display name, in order of first appearance
        self.showcases: list[Row] = []
        # worked out once, when first asked
        self.decided: dict[tuple[str, str], Launches] = {}
        self.covering: dict[str, list[Row]] = {}
        self.by_market: dict[str, list[int]] = {}
        self.policy_for: dict[str, Row | None] = {}
        self.shown_of: dict[str, list[Row]] | None = None
        self.entered: dict[tuple[str, str], EntryLifecycle | None] = {}
        self.arrived: dict[tuple[str, str], list[Arrival]] = {}
        self.launches_by: dict[str, list[Arrival]] = {}  # `first_launches`, by date
        self.certainties: dict[str, str] | None = None
        self.concerned: set[str] | None = None

    def launched(self, model_key: str, as_of: str) -> Launches:
        """A model's launches as of a date, worked out once for every market asked about."""
        found = self.decided.get((model_key, as_of))
        if found is None:
            found = self.decided[model_key, as_of] = Launches.of(
                self.models.get(model_key, model_key), self.launches.get(model_key, ()),
                self.exits, date.fromisoformat(as_of),
            )  # fmt: skip
        return found

    @classmethod
    def of(cls, rows: Iterable[Row], names: Names) -> "CompanyFacts":
        """Facts from one company's launch, exit, policy, expected-entry and showcase rows."""
        facts = cls(names.company, dict(names.models))
        entries = []
        for row in rows:
            decides = KINDS[row.content["kind"]].decides
            if decides == BLOCKED:
                facts.policies.append(row)
            elif decides == EXPECTED:
                entries.append(row)
            elif decides == SHOWCASED:
                facts.showcases.append(row)
            elif decides == AVAILABLE:
                facts.launches.setdefault(key(row.content["model"]), []).append(row)
            elif decides == WITHDRAWN:
                facts.exits.append(said(row))
        for choice in chosen(entries):
            facts.expected.append(choice.in_force)
            facts.entries[choice.in_force.ann_id] = [said(row) for row in choice.rows]
        return facts

    def certainty_of(self, ann_id: str | None) -> str | None:
        """The certainty of one of the company's announcements, by id (None: none)."""
        if self.certainties is None:  # first call
            rows = [
                *self.policies,
                *self.showcases,
                *(r for rs in self.launches.values() for r in rs),
            ]
            self.certainties = {row.ann_id: certainty(row.content) for row in rows}
            plans = [*self.exits, *(plan for plans in self.entries.values() for plan in plans)]
            self.certainties.update((plan.id, plan.certainty) for plan in plans)
        return self.certainties.get(ann_id or "")

    def arrivals(self, as_of: str, market: str) -> list[Arrival]:
        """Every model's first launch by `as_of` in each launch market that may fulfil an
        expected entry of `market` (`plans.entry_covers`), worked out once per market (every
        model's first launches once per date: `first_launches`)."""
        found = self.arrived.get((as_of, market))
        if found is None:
            every = self.first_launches(as_of)
            near = {launched for launched in {a.market for a in every}
                    if entry_covers(market, launched)}  # fmt: skip
            found = self.arrived[as_of, market] = [a for a in every if a.market in near]
        return found

    def first_launches(self, as_of: str) -> list[Arrival]:
        """Every model's first launch by `as_of` in each of its launch markets, model by model
        and each model's markets in order (worked out once per date)."""
        found = self.launches_by.get(as_of)
        if found is None:
            found = self.launches_by[as_of] = [
                life.arrival
                for model_key in self.launches
                for life in self.launched(model_key, as_of).own().values()
                if life.arrival is not None
            ]
        return found

    def entry_life(self, entry: Row, as_of: str) -> EntryLifecycle | None:
        """The lifecycle of the expected entry `entry` is in force for (SPEC §5.2): expected,
        overdue, or fulfilled by a launch of the company's."""
        cache = (entry.ann_id, as_of)
        if cache not in self.entered:
            plans = self.entries.get(entry.ann_id) or [said(entry)]
            arrivals = self.arrivals(as_of, entry.content["market"])
            self.entered[cache] = entry_lifecycle(plans, date.fromisoformat(as_of), arrivals)
        return self.entered[cache]

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
            named = (market, *containing(market, in_force()))
            positions = sorted({p for code in named for p in self.by_market.get(code, ())})
            found = self.covering[market] = [
                self.expected[p]
                for p in positions
                if _covers_then(
                    self.expected[p].content, self.expected[p].content["market"], market
                )
            ]
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
            if _covers_then(row.content, row.content["market"], market)
        ]

    def concerns(self, model_key: str) -> bool:
        """Whether any of the company's facts names the model: a launch, an expected entry
        of its own, a showcase. A model none names has, in every market, the status the
        company's own facts decide (a policy, an entry of the company as a whole): the same
        as every other such model's."""
        if self.concerned is None:  # first call
            named = [row.content.get("model") for row in (*self.expected, *self.showcases)]
            self.concerned = {*self.launches, *(key(model) for model in named if model)}
        return model_key in self.concerned

    def status_of(self, model_key: str, market: str, as_of: str) -> StatusReason:
        """The market status of one model (SPEC §5.1), strongest first: available, paused,
        announced, overdue (its launch slots, `plans`), blocked (a policy), expected (an
        entry not fulfilled), showcased, withdrawn, cancelled (its launch slots again),
        unknown; and what decides it."""
        life = self.launched(model_key, as_of).in_market(market)
        policy = self.blocking(market, as_of)
        entry = self.entry_for(model_key, market)
        entry_life = self.entry_life(entry, as_of) if entry is not None else None
        if life is not None and life.status in LIVE:
            return StatusReason(life.status, life, policy, entry, entry_life, life.decided_by)
        if policy is not None:
            return StatusReason("blocked", life, policy, entry, entry_life, policy.ann_id)
        if entry is not None and entry_life is not None and entry_life.status != "fulfilled":
            return StatusReason("expected", life, policy, entry, entry_life, entry.ann_id)
        shown = self.shown(model_key, market)
        if shown:
            return StatusReason("showcased", life, policy, entry, entry_life, shown[-1].ann_id)
        if life is not None and life.status != "unknown":
            return StatusReason(life.status, life, policy, entry, entry_life, life.decided_by)
        return StatusReason("unknown", life, policy, entry, entry_life, None)

    def named_markets(self, model_key: str) -> set[str]:
        """The markets named for a model: its launches and showcases, the company's expected
        entries, the markets its policies and its exits covering the model list or except
        (`*` is not expanded)."""
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
        for stop in self.exits:
            if stop.model is None or key(stop.model) == model_key:
                named |= {*stop.markets, *stop.excepted}
        named.discard("*")
        return named

    def statuses(self, model_key: str, as_of: str) -> dict[str, tuple[str, str | None]]:
        """`market_statuses` of `state model`: code -> (status, the id of the announcement
        deciding it), unknown ones left out."""
        if model_key not in self.models:
            return {}
        found = {}
        for code in sorted(self.named_markets(model_key)):
            reason = self.status_of(model_key, code, as_of)
            if reason.status != "unknown":
                found[code] = (reason.status, reason.id)
        return found


def _covers_then(content: Content, area: str, market: str) -> bool:
    """Whether an announcement's `area` covers `market` with the members of the day it was
    announced (an expected entry's, a showcase's: SPEC §5.3)."""
    return market_covers(area, market, str(content["announced_on"]))
