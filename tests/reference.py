"""A deliberately simple reference fold that decides every rule itself.

No read model, no SQL, no index, and nothing imported from `projections/`: read every stored
event, keep those recorded by `known_at`, replay corrections and retractions in log order,
cut at `as_of`, then answer each question by brute force from the wording of the README and
docs/concepts.md (slots, rank, bounds, launches, market statuses, sums; the log and one
announcement's history; claims and their verdicts, docs/concepts.md Claims). If the indexed read
model ever disagrees with this, one of the two is wrong.

`mxt progress` (targets against actuals, SPEC §8 and docs/concepts.md Progress) and `mxt
conflicts` (slots whose announcements disagree beyond their bounds, SPEC §8) are decided in
the last two sections, from the same replay."""

from __future__ import annotations

import calendar
import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from typing import Any

import pycountry

from mxt.events.content import apply_changes, field_at
from mxt.events.kinds import upcast
from mxt.storage.clock import format_timestamp
from mxt.storage.store import Store

RECORDED = "mxt.domain.model:AnnouncementRecorded"
CORRECTED = "mxt.domain.model:AnnouncementCorrected"
RETRACTED = "mxt.domain.model:AnnouncementRetracted"
RANK = {"confirmed": 0, "reported": 1, "expected": 2}
COUNTS = {"orders": "count", "target": "value", "deliveries": "units"}


@dataclass
class Version:
    content: dict[str, Any]
    known_from: str
    event: str
    reason: str | None
    changes: dict[str, Any] | None


@dataclass
class Item:
    """One announcement as known at a moment."""

    content: dict[str, Any]
    recorded_at: str
    seq: int
    retracted: bool = False
    versions: list[Version] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.content["id"])

    @property
    def day(self) -> str:
        return str(self.content["announced_on"])

    @property
    def order(self) -> tuple[str, str, int]:
        return (self.day, self.recorded_at, self.seq)

    @property
    def rank(self) -> int:
        return RANK[self.content.get("certainty") or "confirmed"]

    @property
    def certainty(self) -> str:
        return str(self.content.get("certainty") or "confirmed")


@dataclass
class Query:
    as_of: str
    known_at: str


def fold(name: str | None) -> str:
    return " ".join(name.split()).casefold() if name else ""


def replay(store: Store, known_at: str) -> list[Item]:
    """Every announcement as known at `known_at`, with its version history."""
    items: dict[str, Item] = {}
    for notification in store.notifications():
        state = json.loads(notification.state)
        stamp = format_timestamp(datetime.fromisoformat(state["timestamp"]))
        if stamp > known_at:
            continue
        origin = notification.originator_id.hex
        if notification.topic not in (RECORDED, CORRECTED, RETRACTED):
            continue  # a region's definition: no announcement
        if notification.topic == RECORDED:
            items[origin] = Item(upcast(state["announcement"]), stamp, notification.id)
            items[origin].versions.append(
                Version(items[origin].content, stamp, "recorded", None, None)
            )
            continue
        item = items[origin]
        if notification.topic == CORRECTED:
            item.content = upcast(apply_changes(item.content, state["changes"]))
            item.versions.append(
                Version(item.content, stamp, "corrected", state["reason"], state["changes"])
            )
        else:
            item.retracted = True
            item.versions.append(Version(item.content, stamp, "retracted", state["reason"], None))
    return list(items.values())


def visible(store: Store, query: Query, *, with_retracted: bool = False) -> list[Item]:
    items = [
        item
        for item in replay(store, query.known_at)
        if (with_retracted or not item.retracted) and item.day <= query.as_of
    ]
    return sorted(items, key=lambda item: item.order)


# -- values, bounds, slots ---------------------------------------------------------------


def value_of(item: Item) -> Any:
    content = item.content
    kind = content["kind"]
    if kind == "launch":
        return content.get("launched_on") or content["announced_on"]
    return content.get(
        {
            **COUNTS,
            "wait-time": "max_months",
            "factory": "status",
            "expected-entry": "expected",
        }.get(kind, "")
    )


def interval(item: Item) -> tuple[float, float]:
    v = item.content[COUNTS[item.content["kind"]]]
    bound = item.content.get("bound") or "exact"
    return {
        "exact": (v, v),
        "at-least": (v, math.inf),
        "at-most": (0, v),
        "about": (0.95 * v, 1.05 * v),
        "range": (v, item.content.get("high")),
    }[bound]


def same(a: Item, b: Item) -> bool:
    """Two announcements of one slot agree: ranges that meet, or equal values."""
    if a.content["kind"] in COUNTS:
        (low, high), (low2, high2) = interval(a), interval(b)
        return low <= high2 and low2 <= high
    return bool(value_of(a) == value_of(b))


def scope_of(content: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(sorted(content.get("markets") or ["*"])), tuple(
        sorted(content.get("except") or [])
    )


def slot_of(item: Item) -> tuple[Any, ...]:
    c = item.content
    kind = c["kind"]
    own = {
        "target": lambda: (c["metric"], c["period"], scope_of(c)),
        "deliveries": lambda: (c.get("metric") or "deliveries", c["period"], scope_of(c)),
        "orders": lambda: (c["stage"], scope_of(c)),
        "wait-time": lambda: (fold(c.get("trim")),),
        "launch": lambda: (c["market"],),
        "factory": lambda: (fold(c["site"]), c["phase"]),
        "expected-entry": lambda: (c["market"],),
    }[kind]()
    return (fold(c["company"]), kind, fold(c.get("model")), own)


def slots(items: list[Item]) -> list[list[Item]]:
    """Items of each slot (in time order), slots in order of first appearance."""
    found: dict[tuple[Any, ...], list[Item]] = {}
    for item in items:
        found.setdefault(slot_of(item), []).append(item)
    return list(found.values())


def pick(group: list[Item]) -> tuple[Item, Item | None]:
    """(in force, unconfirmed) of one slot by the rank rule."""
    top = min(item.rank for item in group)
    in_force = max((i for i in group if i.rank == top), key=lambda i: i.order)
    lower = [i for i in group if i.rank > top]
    beside = max(lower, key=lambda i: i.order) if lower else None
    if beside is not None and (beside.order < in_force.order or same(beside, in_force)):
        beside = None
    return in_force, beside


def picks(items: list[Item]) -> list[tuple[Item, Item | None]]:
    return sorted((pick(group) for group in slots(items)), key=lambda p: p[0].order)


def shown(item: Item, name: str) -> dict[str, Any]:
    view: dict[str, Any] = {name: value_of(item)}
    if item.content["kind"] in COUNTS:
        bound = item.content.get("bound") or "exact"
        view["bound"] = bound
        view["high"] = item.content.get("high") if bound == "range" else None
    view.update(certainty=item.certainty, announced_on=item.day, id=item.id)
    return view


def with_beside(chosen: tuple[Item, Item | None], name: str) -> dict[str, Any]:
    in_force, beside = chosen
    return {**shown(in_force, name), "unconfirmed": shown(beside, "value") if beside else None}


# -- markets -------------------------------------------------------------------------------


# The EU's member states, the day each joined and the day after it left (the Treaties of
# Rome and of accession, the withdrawal agreement): the reference's own list, not mxt's data.
EU_JOINED = {
    **dict.fromkeys(("BE", "DE", "FR", "IT", "LU", "NL"), "1958-01-01"),
    **dict.fromkeys(("DK", "IE", "GB"), "1973-01-01"), "GR": "1981-01-01",
    **dict.fromkeys(("ES", "PT"), "1986-01-01"), **dict.fromkeys(("AT", "FI", "SE"), "1995-01-01"),
    **dict.fromkeys(("CY", "CZ", "EE", "HU", "LV", "LT", "MT", "PL", "SK", "SI"), "2004-05-01"),
    **dict.fromkeys(("BG", "RO"), "2007-01-01"), "HR": "2013-07-01",
}  # fmt: skip
EU_LEFT = {"GB": "2020-02-01"}


def covers(area: str, market: str, day: str | date | None = None) -> bool:
    """An announcement for `area` covers `market` taking effect on `day` (None: on some day,
    where a rule looks before it knows the day): the same code, or an EU member that day."""
    if area == market:
        return True
    if area != "EU" or market not in EU_JOINED:
        return False
    if day is None:
        return True
    on = day.isoformat() if isinstance(day, date) else day
    left = EU_LEFT.get(market)
    return EU_JOINED[market] <= on and (left is None or on < left)


def life_day(life: dict[str, Any], as_of: str | date) -> date:
    """The day a launch slot takes effect, whose members a region covers: its first launch,
    else the first day of its plan in force, else `as_of`."""
    if life["launched_on"] is not None:
        return life["launched_on"]
    if life["plan"] is not None:
        return span(life["plan"]["planned"])[0]
    return as_of if isinstance(as_of, date) else date.fromisoformat(as_of)


def policy_covers(content: dict[str, Any], market: str) -> bool:
    """A policy covers a market listed and not excepted, its regions with their members of
    the day it was announced."""
    day = content["announced_on"]
    listed = "*" in content["markets"] or any(covers(m, market, day) for m in content["markets"])
    return listed and not any(covers(m, market, day) for m in content.get("except", []))


# -- plans (SPEC §5.2: dates with a precision, happened or planned, slips, overdue, pauses,
# cancellations, exits, entries fulfilled) --------------------------------------------------

STATUS_ORDER = (
    "available", "paused", "announced", "overdue", "blocked", "expected", "showcased",
    "withdrawn", "cancelled", "unknown",
)  # fmt: skip
PROGRESS = ("land-acquired", "under-construction", "completed", "operational")
STOPS = ("paused", "cancelled", "closed")


def span(text: str) -> tuple[date, date]:
    """SPEC §5.2: "A period *starts* on its first day and is *due* on its last"; a day is
    both."""
    if len(text) == 10:
        day = date.fromisoformat(text)
        return day, day
    return days_of(text)


def when_said(item: Item) -> str:
    """The date an announcement gives (as said): a launch's `launched_on`, a factory's or an
    exit's `effective_on`, an entry's `expected`; default its `announced_on`."""
    c = item.content
    name = {"launch": "launched_on", "expected-entry": "expected"}.get(c["kind"], "effective_on")
    return str(c.get(name) or item.day)


def from_day(item: Item) -> date:
    """The day something that happened (or stops something) counts from: the day said; a
    period "launched in December 2022", announced on 2023-01-05, counts from 2022-12-31 (the
    earlier of its last day and the announcement); a period still ahead, from its last day."""
    first, last = span(when_said(item))
    said_on = date.fromisoformat(item.day)
    if first == last:
        return first
    return min(last, said_on) if first <= said_on else last


def launch_says(item: Item) -> str:
    """`launched`, `planned`, `paused` or `cancelled`: as stated, else `launched` for a date
    over by its announcement, `planned` for a later one."""
    stated = item.content.get("status")
    if stated:
        return str(stated)
    return "launched" if span(when_said(item))[1] <= date.fromisoformat(item.day) else "planned"


def best_of(items: list[Item]) -> list[Item]:
    """The items of the highest rank among them (SPEC §5.1), in time order."""
    if not items:
        return []
    top = min(i.rank for i in items)
    return sorted((i for i in items if i.rank == top), key=lambda i: i.order)


def stops_there(item: Item, model: str, market: str) -> bool:
    """An exit stops `model` in `market`: it names the model or none, lists the market
    (through `*` or a region) and does not except it."""
    c = item.content
    if c.get("model") and fold(c["model"]) != model:
        return False
    day = span(when_said(item))[0]  # its regions hold the members of the day it takes effect
    listed = "*" in c["markets"] or any(covers(m, market, day) for m in c["markets"])
    return listed and not any(covers(m, market, day) for m in c.get("except") or [])


@dataclass
class Cycle:
    """Plans made since the slot's aim last came true (or for another aim), and how they
    ended."""

    aim: str
    plans: list[Item] = field(default_factory=list)
    ended: str | None = None  # "happened" or "cancelled"
    by: str | None = None  # the id of the announcement that ended it
    on: date | None = None

    def summary(self, as_of: date) -> dict[str, Any]:
        """first_planned, planned (as said), slips, and the outcome: happened (late days
        against the first plan's due day), cancelled, overdue (days after the plan in
        force's due day), pending."""
        dues = [span(when_said(p))[1] for p in self.plans]
        found: dict[str, Any] = {
            "first_planned": when_said(self.plans[0]),
            "planned": when_said(self.plans[-1]),
            "planned_id": self.plans[-1].id,
            "slips": sum(1 for a, b in zip(dues, dues[1:], strict=False) if b > a),
            "outcome": "pending", "happened_on": None, "happened_id": None,
            "late_days": None, "days_overdue": None,
        }  # fmt: skip
        if self.ended == "happened" and self.on is not None:
            found.update(outcome="happened", happened_on=self.on, happened_id=self.by,
                         late_days=(self.on - dues[0]).days)  # fmt: skip
        elif self.ended == "cancelled":
            found["outcome"] = "cancelled"
        elif dues[-1] < as_of:
            found.update(outcome="overdue", days_overdue=(as_of - dues[-1]).days)
        return found


def add_plan(cycles: list[Cycle], item: Item, aim: str) -> None:
    """A plan joins the last cycle of its aim unless that came true (a plan after a
    cancellation revives it); otherwise it opens a new one."""
    last = cycles[-1] if cycles else None
    if last is not None and last.aim == aim and last.ended != "happened":
        last.ended = last.by = None
        last.plans.append(item)
    else:
        cycles.append(Cycle(aim, [item]))


def in_order(items: list[Item], as_of: date, planned: Any) -> list[Item]:
    """Announcements as their effects take place by `as_of`: a plan from its announcement,
    anything else from the day it counts from (only once that day has come); the same day,
    in time order."""
    effective = [i for i in items if planned(i) or from_day(i) <= as_of]
    return sorted(
        effective,
        key=lambda i: (date.fromisoformat(i.day) if planned(i) else from_day(i), i.order),
    )


def launch_life(slot: list[Item], exits: list[Item], as_of: str) -> dict[str, Any] | None:
    """One launch slot as of `as_of` (its announcements made by then, of their highest rank;
    the exits stopping the model in the market asked about, of that rank or higher), by
    walking what happened in order. A launch makes it available (the first one stays the
    first launch, whatever follows); a pause or a temporary exit pauses it (before any
    launch, it holds the plan: paused); a cancellation or an exit withdraws it once on sale,
    cancels a plan otherwise; a plan is announced, overdue once its due day passed."""
    day = date.fromisoformat(as_of)
    best = best_of([i for i in slot if i.day <= as_of])
    if not best:
        return None
    stops = [e for e in exits if e.day <= as_of and e.rank <= best[0].rank]

    def says(item: Item) -> str:
        if item.content["kind"] == "exit":
            return "paused" if item.content.get("temporary") else "withdrawn"
        return launch_says(item)

    state, decided, first, paused_from, since, until = "unknown", None, None, None, None, None
    cycles: list[Cycle] = []
    for item in in_order(best + stops, day, lambda i: says(i) == "planned"):
        word = says(item)
        if word == "planned":
            if state == "available":
                continue
            add_plan(cycles, item, "launched")
            if state != "paused":
                state, decided = "planned", item
        elif word == "launched":
            if first is None or from_day(item) < from_day(first):
                first = item
            if state not in ("available", "paused"):
                since = from_day(item)
            if cycles and cycles[-1].ended is None:
                cycles[-1].ended, cycles[-1].by, cycles[-1].on = "happened", item.id, from_day(item)
            state, decided, paused_from = "available", first, None
        elif word == "paused":
            if state == "available":
                state, decided, paused_from = "paused", item, from_day(item)
            elif state in ("unknown", "planned", "cancelled"):
                state, decided = "held", item
        elif state in ("available", "paused", "planned", "held"):  # cancelled, withdrawn
            if state in ("available", "paused"):
                state, until, paused_from = "withdrawn", from_day(item), None
            else:
                state = "cancelled"
            decided = item
            if cycles and cycles[-1].ended is None:
                cycles[-1].ended, cycles[-1].by = "cancelled", item.id
    plan = cycles[-1].summary(day) if cycles else None
    status = {"planned": "announced", "held": "paused"}.get(state, state)
    if state == "planned" and plan is not None and plan["outcome"] == "overdue":
        status = "overdue"
    return {
        "market": slot[0].content["market"], "status": status, "decided": decided,
        "first": first, "launched_on": from_day(first) if first else None,
        "paused_from": paused_from,
        "available_from": since if status == "withdrawn" else None,
        "available_until": until if status == "withdrawn" else None, "plan": plan,
    }  # fmt: skip


def plan_view(plan: dict[str, Any] | None) -> dict[str, Any]:
    """`first_planned`, `planned`, `slips`, `days_overdue` where an answer shows a plan."""
    if plan is None:
        return dict.fromkeys(("first_planned", "planned", "slips", "days_overdue"))
    return {name: plan[name] for name in ("first_planned", "planned", "slips", "days_overdue")}


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def strongest(lives: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Of the lifecycles of the launch slots covering a market, the strongest status (SPEC
    §5.1); then the earliest first launch, the plan due first, the launch market."""

    def order(life: dict[str, Any]) -> tuple[Any, ...]:
        plan = span(life["plan"]["planned"]) if life["plan"] else (date.max, date.max)
        return (STATUS_ORDER.index(life["status"]), life["launched_on"] or date.max, plan,
                life["market"])  # fmt: skip

    return min(lives, key=order) if lives else None


def factory_life(slot: list[Item], as_of: str) -> dict[str, Any] | None:
    """One factory phase as of `as_of`: the statuses reached and the plans, each of their
    own highest rank; a status dated after its announcement is a plan for it. A status
    reached fulfils a plan for it or for an earlier step of a plant's progress; a
    cancellation or closure ends a plan; a plan for a status already reached is none."""
    day = date.fromisoformat(as_of)
    made = [i for i in slot if i.day <= as_of]
    if not made:
        return None

    def planned(item: Item) -> bool:
        return span(when_said(item))[1] > date.fromisoformat(item.day)

    chosen = best_of([i for i in made if not planned(i)]) + best_of([i for i in made if planned(i)])
    cycles: list[Cycle] = []
    current: Item | None = None
    before = None

    def fulfils(reached: str, aim: str) -> bool:
        return reached == aim or (
            reached in PROGRESS
            and aim in PROGRESS
            and PROGRESS.index(reached) >= PROGRESS.index(aim)
        )

    for item in in_order(chosen, day, planned):
        status = item.content["status"]
        if planned(item):
            if (
                current is None
                or current.content["status"] in STOPS
                or not fulfils(current.content["status"], status)
            ):
                add_plan(cycles, item, status)
            continue
        if cycles and cycles[-1].ended is None and fulfils(status, cycles[-1].aim):
            cycles[-1].ended, cycles[-1].by, cycles[-1].on = "happened", item.id, from_day(item)
        if status in ("cancelled", "closed") and cycles and cycles[-1].ended is None:
            cycles[-1].ended, cycles[-1].by = "cancelled", item.id
        if status not in STOPS:
            before = status
        current = item
    return {
        "current": current,
        "reached_before": before if current and current.content["status"] in STOPS else None,
        "plan": cycles[-1].summary(day) if cycles else None,
    }


def entry_life(
    slot: list[Item], arrivals: list[tuple[date, str, str, str]], as_of: str
) -> dict[str, Any] | None:
    """An expected entry as of `as_of`: its plans (of their highest rank), fulfilled by the
    first launch (`arrivals`: (day, id, model key, market)) of its model (of any model, for
    the company as a whole) in a market it covers or that covers it, whenever the entry was
    made; else overdue once its date ended, else expected."""
    day = date.fromisoformat(as_of)
    best = best_of([i for i in slot if i.day <= as_of])
    if not best:
        return None
    model, market = fold(best[0].content.get("model")), best[0].content["market"]
    met = sorted(
        a for a in arrivals
        if a[0] <= day and (covers(market, a[3], a[0]) or covers(a[3], market, a[0]))
        and (not model or a[2] == model)
    )  # fmt: skip
    cycle = Cycle("entered", best)
    if met:
        cycle.ended, cycle.on, cycle.by = "happened", met[0][0], met[0][1]
    plan = cycle.summary(day)
    status = {"happened": "fulfilled", "overdue": "overdue"}.get(plan["outcome"], "expected")
    return {"status": status, "plan": plan}


@dataclass
class Company:
    name: str
    models: dict[str, str]  # key -> display name
    items: list[Item]

    def of(self, kind: str, model: str | None = None) -> list[Item]:
        return [
            i
            for i in self.items
            if i.content["kind"] == kind
            and (model is None or fold(i.content.get("model")) == model)
        ]

    def entries(self) -> list[Item]:
        return [in_force for in_force, _ in picks(self.of("expected-entry"))]

    def blocking(self, market: str, as_of: str) -> Item | None:
        covering = [p for p in self.of("policy") if policy_covers(p.content, market)]
        latest = max(covering, key=lambda p: p.order) if covering else None
        return latest if latest and latest.content["not_before"] > as_of else None

    def entry(self, model: str | None, market: str) -> Item | None:
        here = [e for e in self.entries() if covers(e.content["market"], market, e.day)]
        own = [e for e in here if model is not None and fold(e.content.get("model")) == model]
        whole = [e for e in here if not e.content.get("model")]
        return (own or whole)[-1] if (own or whole) else None

    def certainty_of(self, ann_id: str | None) -> str | None:
        return next((i.certainty for i in self.items if i.id == ann_id), None)

    def lives(self, model: str, market: str, as_of: str) -> list[dict[str, Any]]:
        """The lifecycles of the model's launch slots covering `market`, asked there."""
        stopping = [e for e in self.of("exit") if stops_there(e, model, market)]
        found = []
        for slot in slots(self.of("launch", model)):
            if covers(slot[0].content["market"], market):
                life = launch_life(slot, stopping, as_of)
                if life is not None and covers(life["market"], market, life_day(life, as_of)):
                    found.append(life)
        return found

    def own_lives(self, model: str, as_of: str) -> dict[str, dict[str, Any]]:
        """Each launch market's lifecycle there, by market (sorted)."""
        found = {}
        for slot in slots(self.of("launch", model)):
            where = slot[0].content["market"]
            stopping = [e for e in self.of("exit") if stops_there(e, model, where)]
            life = launch_life(slot, stopping, as_of)
            if life is not None:
                found[where] = life
        return dict(sorted(found.items()))

    def arrivals(self, as_of: str) -> list[tuple[date, str, str, str]]:
        """Every model's first launch in each launch market: (day, id, model key, market)."""
        found = []
        for slot in slots(self.of("launch")):
            life = launch_life(slot, [], as_of)
            if life is not None and life["first"] is not None:
                c = slot[0].content
                found.append((life["launched_on"], life["first"].id, fold(c["model"]),
                              c["market"]))  # fmt: skip
        return found

    def entry_state(self, entry: Item, as_of: str) -> dict[str, Any] | None:
        mine = [i for i in self.of("expected-entry") if slot_of(i) == slot_of(entry)]
        return entry_life(mine, self.arrivals(as_of), as_of)

    def status(self, model: str, market: str, as_of: str) -> dict[str, Any]:
        """A model's row in `state market` (SPEC §5.1): available, paused, announced,
        overdue (its launch slots), blocked, expected (an entry not fulfilled), showcased,
        withdrawn, cancelled (its launch slots), unknown, with the dates and the plan
        behind it."""
        life = strongest(self.lives(model, market, as_of))
        policy = self.blocking(market, as_of)
        entry = self.entry(model, market)
        entered = self.entry_state(entry, as_of) if entry else None
        shows = [
            s
            for s in self.of("showcase", model)
            if s.content.get("market") and covers(s.content["market"], market, s.day)
        ]
        live = ("available", "paused", "announced", "overdue")
        if life and life["status"] in live:
            status, source = life["status"], life["decided"]
        elif policy:
            status, source = "blocked", policy
        elif entered and entered["status"] != "fulfilled":
            status, source = "expected", entry
        elif shows:
            status, source = "showcased", shows[-1]
        elif life and life["status"] != "unknown":
            status, source = life["status"], life["decided"]
        else:
            status, source = "unknown", None
        plan = plan_view(None)
        if life and life["plan"]:
            plan = plan_view(life["plan"])
        elif status == "expected" and entered:
            plan = plan_view(entered["plan"])
        return {
            "company": self.name,
            "model": self.models[model],
            "status": status,
            "launched_on": iso(life["launched_on"]) if life else None,
            "planned_launch_on": life["plan"]["planned"]
            if life and life["plan"] and life["status"] in ("announced", "overdue")
            else None,
            "paused_from": iso(life["paused_from"]) if life else None,
            "available_from": iso(life["available_from"]) if life else None,
            "available_until": iso(life["available_until"]) if life else None,
            **plan,
            "not_before": policy.content["not_before"] if policy else None,
            "expected": entry.content["expected"] if entry else None,
            "expected_status": entered["status"]
            if entered and entered["status"] != "fulfilled"
            else None,
            "certainty": source.certainty if source else None,
            "id": source.id if source else None,
        }

    def named(self, model: str) -> set[str]:
        named = {i.content["market"] for i in self.of("launch", model)}
        named |= {
            s.content["market"] for s in self.of("showcase", model) if s.content.get("market")
        }
        named |= {
            e.content["market"]
            for e in self.entries()
            if not e.content.get("model") or fold(e.content["model"]) == model
        }
        for p in self.of("policy"):
            named |= {*p.content["markets"], *p.content.get("except", [])}
        for e in self.of("exit"):
            if not e.content.get("model") or fold(e.content["model"]) == model:
                named |= {*e.content["markets"], *(e.content.get("except") or [])}
        return named - {"*"}

    def launched(self, model: str, as_of: str) -> dict[str, Any]:
        """A model's launches as `state model` and `state company` sum them up."""
        lives = self.own_lives(model, as_of)
        launched = {m: life["launched_on"] for m, life in lives.items() if life["launched_on"]}
        plans = sorted(
            (span(life["plan"]["planned"]), m, life["plan"]["planned"])
            for m, life in lives.items()
            if life["status"] in ("announced", "overdue") and life["plan"]
        )
        planning = any(life["status"] in ("announced", "overdue") for life in lives.values())
        return {
            "status": "launched" if launched else ("announced" if planning else "unknown"),
            "launched_on": iso(min(launched.values(), default=None)),
            "planned_launch_on": None if launched or not plans else plans[0][2],
            "markets": sorted(launched),
            "lives": lives,
        }


def launch_places(company: Company, lives: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """`state model`'s launch markets: each one's lifecycle there."""
    places = []
    for market, life in lives.items():
        first = life["first"]
        launched_on = iso(life["launched_on"])
        said = when_said(first) if first else None
        decided = life["decided"]
        places.append(
            {
                "market": market,
                "status": life["status"],
                "launched_on": launched_on,
                "launched_as_said": said if said != launched_on else None,
                "paused_from": iso(life["paused_from"]),
                "available_from": iso(life["available_from"]),
                "available_until": iso(life["available_until"]),
                **plan_view(life["plan"]),
                "certainty": decided.certainty if decided else None,
                "id": decided.id if decided else None,
            }
        )
    return places


def companies(items: list[Item]) -> dict[str, Company]:
    found: dict[str, Company] = {}
    for item in items:
        c = item.content
        company = found.setdefault(fold(c["company"]), Company(c["company"], {}, []))
        company.items.append(item)
        if c.get("model"):
            company.models.setdefault(fold(c["model"]), c["model"])
    return found


def policy_view(item: Item) -> dict[str, Any]:
    c = item.content
    return {
        "company": c["company"],
        "markets": c["markets"],
        "except": c.get("except", []),
        "not_before": c["not_before"],
        "certainty": item.certainty,
        "announced_on": item.day,
        "id": item.id,
    }


EVERY_MARKET = sorted({c.alpha_2 for c in pycountry.countries} | {"EU"})


def in_force_policies(company: Company, as_of: str, markets: list[str]) -> list[Item]:
    found = {p.id: p for m in markets if (p := company.blocking(m, as_of))}
    return sorted(found.values(), key=lambda p: p.order)


# -- the questions -------------------------------------------------------------------------


def months(period: str) -> set[str]:
    year, _, part = period.partition("-")
    numbers = {
        "": range(1, 13),
        "H1": range(1, 7),
        "H2": range(7, 13),
        "Q1": range(1, 4),
        "Q2": range(4, 7),
        "Q3": range(7, 10),
        "Q4": range(10, 13),
    }.get(part)
    return {f"{year}-{m:02d}" for m in (numbers or [int(part)])}


def orders_of(mine: list[Item]) -> dict[str, dict[str, Any]]:
    """A model's orders: stage (with its scope when not worldwide) -> the value in force."""
    orders = {}
    for chosen in picks([i for i in mine if i.content["kind"] == "orders"]):
        c = chosen[0].content
        markets, excepted = scope_of(c)
        label = (
            ""
            if markets == ("*",) and not excepted
            else ",".join(markets) + (f" except {','.join(excepted)}" if excepted else "")
        )
        orders[f"{c['stage']} ({label})" if label else c["stage"]] = {
            **with_beside(chosen, "count"),
            "within": c.get("within"),
        }
    return dict(sorted(orders.items()))


def model(store: Store, company_name: str, name: str, query: Query) -> dict[str, Any]:
    found = companies(visible(store, query))
    company = found.get(fold(company_name)) or Company(company_name, {}, [])
    key = fold(name)
    mine = [i for i in company.items if fold(i.content.get("model")) == key]
    launched = company.launched(key, query.as_of)
    orders = orders_of(mine)
    waits = picks([i for i in mine if i.content["kind"] == "wait-time"])
    totals = [
        p
        for p in picks([i for i in mine if i.content["kind"] == "deliveries"])
        if (p[0].content.get("metric") or "deliveries") == "deliveries"
        and scope_of(p[0].content) == (("*",), ())
    ]
    counted: list[Item] = []
    for in_force, _ in sorted(totals, key=lambda p: -len(months(p[0].content["period"]))):
        if not any(
            months(in_force.content["period"]) & months(c.content["period"]) for c in counted
        ):
            counted.append(in_force)
    bounds = {c.content.get("bound") or "exact" for c in counted} - {"exact"}
    statuses = {}
    if key in company.models:
        for market in sorted(company.named(key)):
            status = company.status(key, market, query.as_of)["status"]
            if status != "unknown":
                statuses[market] = status
    return {
        "company": company.name,
        "model": company.models.get(key, name),
        "as_of": query.as_of,
        "known_at": query.known_at,
        "status": launched["status"],
        "launched_on": launched["launched_on"],
        "planned_launch_on": launched["planned_launch_on"],
        "markets": launched["markets"],
        "market_statuses": statuses,
        "launches": launch_places(company, launched["lives"]),
        "orders": orders,
        "max_wait_months": max((w[0].content["max_months"] for w in waits), default=None),
        "wait_times": [
            {"trim": w[0].content.get("trim"), **with_beside(w, "max_months")} for w in waits
        ],
        # a model with no figure shows none (issue 24), not a total of 0
        "deliveries_units": sum(c.content["units"] for c in counted) if counted else None,
        "deliveries_bound": None
        if not counted
        else "exact"
        if not bounds
        else (bounds.pop() if bounds in ({"at-least"}, {"at-most"}) else "about"),
    }


def figures(chosen: list[tuple[Item, Item | None]], name: str) -> list[dict[str, Any]]:
    views = []
    for pair in chosen:
        c = pair[0].content
        markets, excepted = scope_of(c)
        views.append(
            {
                "metric": c.get("metric") or "deliveries",
                "period": c["period"],
                "markets": list(markets),
                "except": list(excepted),
                **with_beside(pair, name),
            }
        )
    return sorted(views, key=lambda v: (v["metric"], v["period"], v["markets"], v["except"]))


def factory_views(company: Company, as_of: str) -> list[dict[str, Any]]:
    """Each factory phase: the status reached (the day it counts from, the period as said
    beside it), the one reached before a stop, the plan in force for a later one while it is
    pending or overdue; its country, capacity and assembly as last said at the highest
    rank."""
    views = []
    for group in slots(company.of("factory")):
        life = factory_life(group, as_of)
        if life is None:
            continue
        best = best_of(group)

        def latest(name: str, best: list[Item] = best) -> Any:
            given = [i.content[name] for i in best if name in i.content]
            return given[-1] if given else None

        current, plan = life["current"], life["plan"]
        reached_on = iso(from_day(current)) if current else None
        said = when_said(current) if current else None
        planned = None
        if plan and plan["outcome"] in ("pending", "overdue"):
            item = next(i for i in group if i.id == plan["planned_id"])
            planned = {"status": item.content["status"], "effective_on": plan["planned"],
                       **plan_view(plan), "certainty": item.certainty, "id": item.id}  # fmt: skip
        views.append(
            {
                "site": group[0].content["site"],
                "phase": group[0].content["phase"],
                "market": latest("market"),
                "status": current.content["status"] if current else None,
                "reached_before": life["reached_before"],
                "effective_on": reached_on,
                "effective_as_said": said if said != reached_on else None,
                "capacity": latest("capacity"),
                "assembly": latest("assembly"),
                "certainty": current.certainty if current else None,
                "id": current.id if current else None,
                "planned": planned,
            }
        )
    return sorted(views, key=lambda v: (v["site"].casefold(), v["phase"]))


def entry_view(company: Company, entry: Item, as_of: str) -> dict[str, Any]:
    """An expected entry in force and its lifecycle."""
    life = company.entry_state(entry, as_of)
    assert life is not None
    plan = life["plan"]
    happened = plan["outcome"] == "happened"
    return {
        "market": entry.content["market"],
        "model": entry.content.get("model"),
        "expected": entry.content["expected"],
        "status": life["status"],
        "fulfilled_on": iso(plan["happened_on"]) if happened else None,
        "fulfilled_by": plan["happened_id"] if happened else None,
        **plan_view(plan),
        "certainty": entry.certainty,
        "announced_on": entry.day,
        "id": entry.id,
    }


def exit_view(item: Item) -> dict[str, Any]:
    c = item.content
    return {
        "model": c.get("model"),
        "markets": list(c["markets"]),
        "except": list(c.get("except") or []),
        "effective_on": when_said(item),
        "temporary": bool(c.get("temporary")),
        "certainty": item.certainty,
        "announced_on": item.day,
        "id": item.id,
    }


def company(store: Store, name: str, query: Query) -> dict[str, Any]:
    found = companies(visible(store, query)).get(fold(name)) or Company(name, {}, [])
    models = []
    for key, display in found.models.items():
        launched = found.launched(key, query.as_of)
        models.append(
            {
                "model": display,
                "status": launched["status"],
                "launched_on": launched["launched_on"],
                "markets": launched["markets"],
            }
        )
    totals = [i for i in found.of("deliveries") if not i.content.get("model")]
    return {
        "company": found.name,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "targets": figures(picks(found.of("target")), "value"),
        "deliveries": figures(picks(totals), "units"),
        "factories": factory_views(found, query.as_of),
        "models": sorted(models, key=lambda m: str(m["model"]).casefold()),
        "policies": [policy_view(p) for p in in_force_policies(found, query.as_of, EVERY_MARKET)],
        "expected_entries": [entry_view(found, e, query.as_of) for e in found.entries()],
        "exits": [exit_view(e) for e in found.of("exit")],
    }


def market(store: Store, code: str, query: Query, every: bool = False) -> dict[str, Any]:
    rows = []
    policies: list[Item] = []
    for found in companies(visible(store, query)).values():
        whole = found.entry(None, code)
        entered = found.entry_state(whole, query.as_of) if whole else None
        if whole and entered and entered["status"] != "fulfilled":
            policy = found.blocking(code, query.as_of)
            source = policy or whole
            rows.append(
                {
                    "company": found.name,
                    "model": None,
                    "status": "blocked" if policy else "expected",
                    "launched_on": None,
                    "planned_launch_on": None,
                    "paused_from": None,
                    "available_from": None,
                    "available_until": None,
                    **plan_view(entered["plan"]),
                    "not_before": policy.content["not_before"] if policy else None,
                    "expected": whole.content["expected"],
                    "expected_status": entered["status"],
                    "certainty": source.certainty,
                    "id": source.id,
                }
            )
        for key in found.models:
            status = found.status(key, code, query.as_of)
            if every or status["status"] != "unknown":
                rows.append(status)
        policies += in_force_policies(found, query.as_of, [code])
    rows.sort(key=lambda r: (str(r["company"]).casefold(), str(r["model"] or "").casefold()))
    return {
        "market": code,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "models": rows,
        "policies": [policy_view(p) for p in sorted(policies, key=lambda p: p.order)],
    }


def named_markets(store: Store, query: Query) -> list[str]:
    """The markets named by the announcements visible at `query`: a launch's, showcase's or
    expected entry's market, a policy's markets and exceptions (`*` names none)."""
    named: set[str] = set()
    for item in visible(store, query):
        content = item.content
        if content["kind"] in ("policy", "exit"):
            named.update(content["markets"], content.get("except") or ())
        elif content["kind"] in ("launch", "showcase", "expected-entry") and content.get("market"):
            named.add(content["market"])
    named.discard("*")
    return sorted(named)


def status_changes(
    store: Store, before: Query, after: Query, markets: list[str]
) -> set[tuple[str, str, str, str, str]]:
    """The market statuses that differ between two as-of dates, in `markets`: (company,
    model or "", market, from, to), names folded; a status not shown is `unknown`."""

    def statuses(query: Query, code: str) -> dict[tuple[str, str], str]:
        return {
            (fold(row["company"]), fold(row["model"])): row["status"]
            for row in market(store, code, query)["models"]
        }

    changes = set()
    for code in markets:
        old, new = statuses(before, code), statuses(after, code)
        for subject in old.keys() | new.keys():
            was, now = old.get(subject, "unknown"), new.get(subject, "unknown")
            if was != now:
                changes.add((*subject, code, was, now))
    return changes


def audit(store: Store, query: Query) -> list[dict[str, Any]]:
    """Every target revision; the value before each is the rank rule over the active
    revisions before it; a range changes by its midpoints."""
    items = [i for i in visible(store, query, with_retracted=True) if i.content["kind"] == "target"]
    groups = sorted(
        slots(items),
        key=lambda g: (
            fold(g[0].content["company"]),
            g[0].content["metric"],
            g[0].content["period"],
            *scope_of(g[0].content),
        ),
    )
    result = []
    for group in groups:
        active_all = [i for i in group if not i.retracted]
        final = pick(active_all) if active_all else None
        for index, item in enumerate(group):
            before = [i for i in group[:index] if not i.retracted]
            previous = pick(before)[0] if before else None
            result.append(revision(item, group[0].content["company"], previous, final))
    return result


def middle(content: dict[str, Any], value: str, high: str, ranged: bool) -> float:
    return (content[value] + content[high]) / 2 if ranged else content[value]


def revision(
    item: Item, company: str, previous: Item | None, final: tuple[Item, Item | None] | None
) -> dict[str, Any]:
    c = item.content
    is_range = (c.get("bound") or "exact") == "range"
    prev = previous.content if previous else None
    prev_range = bool(prev) and (prev.get("bound") or "exact") == "range"  # type: ignore[union-attr]
    change = pct = None
    if prev is not None:
        old = middle(prev, "value", "high", prev_range)
        delta = middle(c, "value", "high", is_range) - old
        change = int(delta) if float(delta).is_integer() else delta
        pct = round(change * 100 / old, 2) if old else None
    stated = (c.get("previous"), c.get("previous_high"))
    before = (prev["value"], prev.get("high") if prev_range else None) if prev else (None, None)
    if item.retracted:
        status = "retracted"
    elif final and item is final[0]:
        status = "in-force"
    elif final and item is final[1]:
        status = "unconfirmed"
    else:
        status = "superseded"
    markets, excepted = scope_of(c)
    return {
        "company": company,
        "metric": c["metric"],
        "period": c["period"],
        "markets": list(markets),
        "except": list(excepted),
        "value": c["value"],
        "bound": c.get("bound") or "exact",
        "high": c.get("high") if is_range else None,
        "previous": before[0],
        "previous_high": before[1],
        "change": change,
        "change_pct": pct,
        "stated_previous": stated[0],
        "stated_previous_high": stated[1],
        "previous_mismatch": stated[0] is not None and stated != before,
        "announced_on": item.day,
        "recorded_at": item.recorded_at,
        "id": item.id,
        "source": c["source"],
        "speaker": c.get("speaker"),
        "certainty": item.certainty,
        "status": status,
        "corrections": corrections(item),
    }


def corrections(item: Item) -> list[dict[str, Any]]:
    """Each field a correction of the item changed: from what, to what, why, when."""
    history = []
    for older, newer in zip(item.versions, item.versions[1:], strict=False):
        if newer.event == "corrected" and newer.changes:
            for name in newer.changes:
                history.append(
                    {
                        "field": name,
                        "from": field_at(older.content, name),
                        "to": field_at(newer.content, name),
                        "reason": newer.reason,
                        "recorded_at": newer.known_from,
                    }
                )
    return history


# -- the log and one announcement --------------------------------------------------------


def entry(item: Item) -> dict[str, Any]:
    """An announcement as the log shows it: its content as corrected, a factory's or a
    launch's own `status` renamed `factory_status` or `launch_status`, when it was first
    recorded, and whether it stands."""
    shown = dict(item.content)
    if "status" in shown:
        shown[f"{shown['kind']}_status"] = shown.pop("status")
    return {
        **shown,
        "recorded_at": item.recorded_at,
        "status": "retracted" if item.retracted else "active",
    }


def log(store: Store, query: Query) -> list[dict[str, Any]]:
    """Every announcement made by `as_of`, as known at `known_at`, retracted ones included,
    in time order (`announced_on`, then the later record)."""
    return [entry(item) for item in visible(store, query, with_retracted=True)]


def show(store: Store, announcement_id: str, query: Query) -> dict[str, Any] | None:
    """One announcement as known at `known_at` (at any `as_of`: a record, not the world):
    its log entry, its corrections and its retraction; None if it is not known then."""
    item = next((i for i in replay(store, query.known_at) if i.id == announcement_id), None)
    if item is None:
        return None
    retraction = next((v for v in item.versions if v.event == "retracted"), None)
    return {
        **entry(item),
        "corrections": corrections(item),
        "retraction": (
            {"reason": retraction.reason, "recorded_at": retraction.known_from}
            if retraction
            else None
        ),
    }


# -- claims (docs/concepts.md, Claims; the README's "Is it on track? Is it true?") ----------


def spread(content: dict[str, Any], name: str) -> tuple[Fraction, Fraction | None]:
    """The values a count may stand for, exactly: (lowest, highest or None for no limit)."""
    v = Fraction(content[name])
    bound = content.get("bound") or "exact"
    if bound == "at-least":
        return v, None
    if bound == "at-most":
        return Fraction(0), v
    if bound == "about":
        return v * Fraction(19, 20), v * Fraction(21, 20)
    if bound == "range":
        return v, Fraction(content["high"])
    return v, v


def add(
    a: tuple[Fraction, Fraction | None], b: tuple[Fraction, Fraction | None]
) -> tuple[Fraction, Fraction | None]:
    return a[0] + b[0], None if a[1] is None or b[1] is None else a[1] + b[1]


def compared(values: tuple[Fraction, Fraction | None], op: str, n: int) -> bool | None:
    """Whether every value the figure stands for satisfies `op n` (True), none does
    (False), or some do and some do not (None: the bounds cannot decide)."""
    low, high = values
    every = {">=": low >= n, "<=": high is not None and high <= n, "=": low == high == n}[op]
    none = {
        ">=": high is not None and high < n,
        "<=": low > n,
        "=": low > n or (high is not None and high < n),
    }[op]
    return True if every else False if none else None


class Figures:
    """One company's figures of one metric, worldwide, in force as of a day: what a streak
    or a total counts. A period's total is made of the company's own figures inside it,
    each not inside a larger one of its own (a year over its halves, quarters, months);
    where no company figure covers a month, the models' figures that cover it (again the
    largest of each model); months up to the last one counted that nothing covers are
    "at least 0"."""

    def __init__(self, items: list[Item], metric: str, day: str) -> None:
        found = [
            i
            for i in items
            if i.content["kind"] == "deliveries"
            and i.day <= day
            and (i.content.get("metric") or "deliveries") == metric
            and scope_of(i.content) == (("*",), ())
        ]
        self.chosen = [pick(group)[0] for group in slots(found)]

    def parts(self, period: str, model: str | None) -> list[Item]:
        inside = [i for i in self.chosen if months(i.content["period"]) <= months(period)]

        def largest(mine: list[Item]) -> list[Item]:
            """Each figure not inside a larger one that replaces it; a larger one replaces
            the figures inside it only when none of them ranks higher (SPEC §8), else it
            counts for nothing and they count."""

            def within(j: Item) -> list[Item]:
                return [
                    k for k in mine if months(k.content["period"]) < months(j.content["period"])
                ]

            def stands(j: Item) -> bool:
                return all(k.rank >= j.rank for k in within(j))

            return [
                i for i in mine if stands(i) and not any(stands(j) and i in within(j) for j in mine)
            ]

        if model is not None:
            return largest([i for i in inside if fold(i.content.get("model")) == model])
        own = largest([i for i in inside if not i.content.get("model")])
        covered = set().union(*(months(i.content["period"]) for i in own))
        found = list(own)
        for key in sorted({fold(i.content.get("model")) for i in inside} - {""}):
            theirs = [
                i
                for i in inside
                if fold(i.content.get("model")) == key and not months(i.content["period"]) & covered
            ]
            found += largest(theirs)
        return found

    def total(
        self, period: str, model: str | None
    ) -> tuple[list[Item], tuple[Fraction, Fraction | None]]:
        """The parts counted for `period` and the values their sum may take."""
        parts = self.parts(period, model)
        counted = set().union(*(months(i.content["period"]) for i in parts))
        last = max(counted, default="")
        values: tuple[Fraction, Fraction | None] = (Fraction(0), Fraction(0))
        for part in parts:
            values = add(values, spread(part.content, "units"))
        for _ in (m for m in months(period) - counted if m < last):
            values = add(values, (Fraction(0), None))
        return parts, values


def month_list(ending: str, count: int) -> list[str]:
    """The `count` months ending with `ending`, oldest first."""
    index = int(ending[:4]) * 12 + int(ending[5:]) - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def verdict_of(answers: list[bool | None]) -> str:
    """`fails` when one answer is no, `undetermined` when one cannot be given, else `holds`."""
    if False in answers:
        return "fails"
    return "undetermined" if None in answers else "holds"


def streak(
    claim: dict[str, Any], items: list[Item], day: str
) -> tuple[str, list[str], dict[str, bool | None]]:
    """(verdict, evidence, each month's answer) of a streak claim as of `day`."""
    figures = Figures(items, claim["metric"], day)
    model = fold(claim["model"]) if claim.get("model") else None
    wanted = month_list(claim["ending"], claim["months"] + (1 if claim.get("exact") else 0))
    answers: dict[str, bool | None] = {}
    evidence: list[str] = []
    for index, month in enumerate(wanted):
        parts, values = figures.total(month, model)
        evidence += [p.id for p in parts]
        reached = compared(values, ">=", claim["at_least"]) if parts else None
        if claim.get("exact") and index == 0 and reached is not None:
            reached = not reached  # the month before the streak must have fallen short
        answers[month] = reached
    return verdict_of(list(answers.values())), evidence, answers


def total_claim(claim: dict[str, Any], items: list[Item], day: str) -> tuple[str, list[str]]:
    figures = Figures(items, claim["metric"], day)
    model = fold(claim["model"]) if claim.get("model") else None
    parts, values = figures.total(claim["period"], model)
    if not parts:
        return "undetermined", []
    return verdict_of([compared(values, claim["op"], claim["value"])]), [p.id for p in parts]


def target_claim(claim: dict[str, Any], items: list[Item], day: str) -> tuple[str, list[str]]:
    """Holds when the target in force states the claimed value itself, fails when the value
    lies outside what the target stands for, else undetermined (a range, an about)."""
    found = [
        i
        for i in items
        if i.content["kind"] == "target"
        and i.day <= day
        and i.content["metric"] == claim["metric"]
        and i.content["period"] == claim["period"]
        and scope_of(i.content) == (("*",), ())
    ]
    if not found:
        return "undetermined", []
    target = pick(found)[0]
    bound = target.content.get("bound") or "exact"
    if bound != "range" and target.content["value"] == claim["value"]:
        return "holds", [target.id]
    outside = compared(spread(target.content, "value"), "=", claim["value"]) is False
    return ("fails" if outside else "undetermined"), [target.id]


def launched_claim(claim: dict[str, Any], items: list[Item], day: str) -> tuple[str, list[str]]:
    """By the launches that happened only (SPEC §5.2: a plan whose date passed is overdue,
    never a launch; nothing recorded is never "not launched"): holds when a launch slot
    covering the claim's market first launched by its date, fails when one launched later
    or, none having launched, every plan in force starts after it; otherwise undetermined.
    The evidence: each slot's first launch, else its plan in force."""
    mine = [
        i
        for i in items
        if i.content["kind"] == "launch"
        and fold(i.content["model"]) == fold(claim["model"])
        and covers(i.content["market"], claim["market"])
    ]
    lives = [
        life
        for group in slots(mine)
        if (life := launch_life(group, [], day))
        and covers(life["market"], claim["market"], life_day(life, day))
    ]
    if not lives:
        return "undetermined", []
    evidence = sorted(
        {
            life["first"].id if life["first"] else life["plan"]["planned_id"]
            for life in lives
            if life["first"] or life["plan"]
        }  # fmt: skip
    )
    by = date.fromisoformat(claim["on_or_before"])
    launched = [life["launched_on"] for life in lives if life["launched_on"]]
    if launched:
        return ("holds" if min(launched) <= by else "fails"), evidence
    plans = [span(life["plan"]["planned"])[0] for life in lives if life["plan"]]
    if plans and all(first > by for first in plans):
        return "fails", evidence
    return "undetermined", evidence


def judge(claim: dict[str, Any], items: list[Item], day: str) -> tuple[str, list[str]]:
    """(verdict, ids of the evidence) of one claim about a company whose visible
    announcements are `items`, as of `day`."""
    if claim["type"] == "streak":
        verdict, evidence, _ = streak(claim, items, day)
        return verdict, evidence
    rule = {"total": total_claim, "target": target_claim, "launched": launched_claim}
    return rule[claim["type"]](claim, items, day)


def claims(store: Store, name: str, query: Query) -> list[dict[str, Any]]:
    """`state company`'s claims: those recorded about the company by `as_of`, in time
    order, each checked as of its own day (`why` left to mxt's wording)."""
    found = companies(visible(store, query)).get(fold(name))
    if found is None:
        return []
    rows = []
    for item in found.of("claim"):
        verdict, evidence = judge(item.content["claim"], found.items, item.day)
        rows.append(
            {
                "id": item.id,
                "announced_on": item.day,
                "claim": item.content["claim"],
                "verdict": verdict,
                "evidence": sorted(evidence),
            }
        )
    return rows


def claim_changes(store: Store, before: Query, after: Query) -> list[dict[str, Any]]:
    """`diff`'s claims: each one recorded between the two dates goes from nothing to its
    verdict (a claim is checked as of its own day, so one seen before never changes)."""
    changes = []
    for found in companies(visible(store, after)).values():
        for row in claims(store, found.name, after):
            if row["announced_on"] > before.as_of:
                changes.append(
                    {
                        "area": "claim",
                        "company": found.name,
                        "claim_type": row["claim"]["type"],
                        "from": None,
                        "to": row["verdict"],
                        "id": row["id"],
                        "announced_on": row["announced_on"],
                    }
                )
    return sorted(changes, key=lambda c: c["id"])


SUPPORTING = ("target", "deliveries", "launch", "claim")  # kinds `show` lists claims for


def claim_supports(shown: dict[str, Any], claimed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`show`'s claims for one announcement (`shown` as `show` gives it), among the claims
    about its company (`claimed`, as `claims` gives them): those it is, or is evidence of."""
    if shown["status"] == "retracted" or shown["kind"] not in SUPPORTING:
        return []
    return [
        {"path": f"claim {row['id']}", "value": row}
        for row in claimed
        if shown["id"] == row["id"] or shown["id"] in row["evidence"]
    ]


# -- progress (SPEC §8) --------------------------------------------------------------------


def days_of(period: str) -> tuple[date, date]:
    """The first and the last day of a period: a year, a half, a quarter or a month."""
    spanned = sorted(months(period))
    year, month = int(spanned[-1][:4]), int(spanned[-1][5:])
    last = date(year, month, calendar.monthrange(year, month)[1])
    return date.fromisoformat(f"{spanned[0]}-01"), last


class Measured(Figures):
    """The figures `Figures` counts (a company's own larger totals over their parts, a
    model's only where the company's total is absent, a month missing between two counted
    ones "at least 0"), of one metric in one scope: SPEC §8, "`actual`: the deliveries of
    the target's metric, scope and period visible as of `D`"."""

    def __init__(
        self, items: list[Item], metric: str, scope: tuple[tuple[str, ...], tuple[str, ...]]
    ) -> None:
        found = [
            i
            for i in items
            if i.content["kind"] == "deliveries"
            and (i.content.get("metric") or "deliveries") == metric
            and scope_of(i.content) == scope
        ]
        self.chosen = [pick(group)[0] for group in slots(found)]


STAND_INS = {
    "sales": ("deliveries", "retail", "registrations"),
    "deliveries": ("retail", "registrations"),
    "retail": ("registrations",),
}


def actual_of(
    target: Item, items: list[Item]
) -> tuple[str, list[Item], int, tuple[Fraction, Fraction | None]] | None:
    """(metric counted, the figures counted, how many months are missing among them, the
    values their sum may take) for a target, or None when nothing counts. SPEC 5.3: only the
    stand-ins `sales` <- `deliveries` <- `retail` <- `registrations` measure a target of
    another metric, nearest first, when its own has no figure in its scope and period;
    nothing stands in for `production` (the reference's own chain, not events.metrics)."""
    c = target.content
    for metric in (c["metric"], *STAND_INS.get(c["metric"], ())):
        parts, values = Measured(items, metric, scope_of(c)).total(c["period"], None)
        if parts:
            counted = set().union(*(months(p.content["period"]) for p in parts))
            missing = [m for m in months(c["period"]) - counted if m < max(counted)]
            return metric, parts, len(missing), values
    return None


def sum_of(parts: list[Item], missing: int) -> tuple[int, str]:
    """The actual as one count and its bound. SPEC §5.1, Sums: "exact when every part is
    exact, `at-least` when every part is exact or at-least (likewise `at-most`), otherwise
    `about`"; a missing month is a part of at least 0. A range part counts by its midpoint
    (as the SPEC takes a range as its midpoint when a target is revised; its sum is `about`,
    so no single end is right) rounded as Python rounds: the SPEC says nothing of this
    rounding, mxt's."""
    bounds = {p.content.get("bound") or "exact" for p in parts} | (
        {"at-least"} if missing else set()
    )
    loose = bounds - {"exact"}
    bound = (
        "exact" if not loose else (loose.pop() if loose in ({"at-least"}, {"at-most"}) else "about")
    )
    count = sum(
        round(middle(p.content, "units", "high", True))
        if (p.content.get("bound") or "exact") == "range"
        else p.content["units"]
        for p in parts
    )
    return count, bound


def pace_of(met: bool, share: float | None, elapsed: float) -> str:
    """SPEC §8: "`met` (actual ≥ target), `ahead` / `on-track` / `behind` (share_pct against
    elapsed_pct, within 5 points is on-track)"; 5 points exactly is still within, counted
    exactly on the two decimals shown (no float error in the difference)."""
    if met:
        return "met"
    if share is None:
        return "unknown"
    ahead = Fraction(str(share)) - Fraction(str(elapsed))
    if abs(ahead) <= 5:
        return "on-track"
    return "ahead" if ahead > 0 else "behind"


def measured(name: str, target: Item, items: list[Item]) -> dict[str, Any]:
    """One progress row: a target in force (SPEC §8), against its actual (`against`).
    Worldwide shows as `markets: []` (absent: worldwide), as mxt shows it (`state company`
    shows `["*"]`; the SPEC names no spelling); a range target shows its `target_high`."""
    c = target.content
    markets, excepted = scope_of(c)
    bound = c.get("bound") or "exact"
    row: dict[str, Any] = {
        "company": name,
        "metric": c["metric"],
        "period": c["period"],
        "markets": [] if (markets, excepted) == (("*",), ()) else list(markets),
        "except": list(excepted),
        "target": c["value"],
        "target_bound": bound,
        "target_high": c.get("high") if bound == "range" else None,
        "target_id": target.id,
        **dict.fromkeys(("actual", "actual_bound", "actual_metric", "covered_until")),
        **dict.fromkeys(("share_pct", "elapsed_pct", "needed_per_month")),
        "pace": "unknown",
        "sources": [],
    }
    found = actual_of(target, items)
    return row if found is None else {**row, **against(c["value"], c["period"], found)}


def against(
    goal: int, period: str, found: tuple[str, list[Item], int, tuple[Fraction, Fraction | None]]
) -> dict[str, Any]:
    """The fields of a progress row that measure an actual (`actual_of`) against a goal.

    A range target "is measured against its low end": `goal` is its count, `met` when
    every value the actual stands for reaches it ("reaches", as claims count bounds
    honestly: `~100` does not surely reach 100). `covered_until` is "the last day of the
    latest period counted", `elapsed_pct` "the share of the target period's days up to
    `covered_until`", `share_pct` "actual / target" (none for a goal of 0, which any
    actual meets), "both rounded to 2 decimals". `needed_per_month` is "(target − actual)
    divided by the whole months of the period left after `covered_until` (null when none
    are left or the target is met)"; also null, as mxt has it, when the actual's count is
    already at the goal but its bound keeps it from being met (the SPEC would divide
    nothing, or less than nothing); rounded to 2 decimals as mxt does. `sources` in period
    order (first day, then last), then by model, as mxt lists them (the SPEC gives none)."""
    metric, parts, missing, (lowest, _) = found
    count, bound = sum_of(parts, missing)
    first, last = days_of(period)
    until = max(days_of(p.content["period"])[1] for p in parts)
    share = round(count * 100 / goal, 2) if goal else None
    elapsed = round(((until - first).days + 1) * 100 / ((last - first).days + 1), 2)
    left = sum(1 for month in months(period) if days_of(month)[0] > until)
    met = lowest >= goal
    short = goal - count
    parts = sorted(
        parts, key=lambda p: (days_of(p.content["period"]), fold(p.content.get("model")))
    )
    return {
        "actual": count,
        "actual_bound": bound,
        "actual_metric": metric,
        "covered_until": until.isoformat(),
        "share_pct": share,
        "elapsed_pct": elapsed,
        "needed_per_month": None if met or short <= 0 or not left else round(short / left, 2),
        "pace": pace_of(met, share, elapsed),
        "sources": [p.id for p in parts],
    }


def progress(store: Store, query: Query, company: str | None = None) -> list[dict[str, Any]]:
    """`mxt progress --json` (SPEC §8): "for each target in force as of `D` (known at `T`)"
    (the rank rule in each target slot, `pick`) of `company` (every company when None), its
    row (`measured`). Sorted by company (as shown), metric, period (first day, then last)
    and scope (markets, then exceptions), as mxt sorts them: the SPEC gives no order."""
    found = companies(visible(store, query))
    if company is not None:
        found = {fold(company): found[fold(company)]} if fold(company) in found else {}
    rows = [
        measured(owner.name, in_force, owner.items)
        for owner in found.values()
        for in_force, _ in picks(owner.of("target"))
    ]
    return sorted(
        rows,
        key=lambda r: (
            r["company"].casefold(),
            r["metric"],
            days_of(r["period"]),
            r["markets"],
            r["except"],
        ),
    )


# -- conflicts (SPEC §8) -------------------------------------------------------------------

# The kinds whose slots are compared: every kind with a slot (SPEC §5.1) but factories. SPEC §8
# says "every slot (§5.1)", but a factory's statuses follow each other by design (land
# acquired, then built, then running): a newer status is progress, not a contradiction, and no
# bound applies to a status. The SPEC does not say which; mxt leaves factories out, so does this.
CONTESTED = ("target", "deliveries", "orders", "wait-time", "launch", "expected-entry")
SCOPED = ("target", "deliveries", "orders")  # SPEC §4 "Scope": part of the slot


def slot_fields(item: Item, company: Company) -> dict[str, Any]:
    """SPEC §8 "`slot` names the company, kind and the slot's fields", the fields of SPEC §5.1
    "Slot" (deliveries: company, metric, period, model, scope; expected entry: company,
    model, market; ...), the company and model "shown as spelled in [their] earliest
    announcement" (SPEC §4). Every slot but a target's names a model (None: the company's
    own figure, or an entry of the company as a whole). Key order as mxt's (its list is
    sorted by the slot as text): company, kind, model, the kind's own fields, the scope."""
    c = item.content
    kind = c["kind"]
    named: dict[str, Any] = {"company": company.name, "kind": kind}
    if kind != "target":
        named["model"] = company.models[fold(c["model"])] if c.get("model") else None
    own = {
        "target": lambda: {"metric": c["metric"], "period": c["period"]},
        "deliveries": lambda: {"metric": c.get("metric") or "deliveries", "period": c["period"]},
        "orders": lambda: {"stage": c["stage"]},
        "wait-time": lambda: {"trim": c.get("trim")},
        "launch": lambda: {"market": c["market"]},
        "expected-entry": lambda: {"market": c["market"]},
    }[kind]()
    named.update(own)
    if kind in SCOPED:
        markets, excepted = scope_of(c)
        named.update({"markets": list(markets), "except": list(excepted)})
    return named


def side(item: Item) -> dict[str, Any]:
    """One side of a disagreement, SPEC §8 "`{value, bound, certainty, announced_on, id,
    source}`": the slot's value (a launch's date), its bound ("Every output that shows a
    count shows its bound beside it (JSON: `bound`, and `high` for a range", SPEC §4; a value
    that is no count is exact), and the source as corrected."""
    counted = item.content["kind"] in COUNTS
    bound = (item.content.get("bound") or "exact") if counted else "exact"
    return {
        "value": value_of(item),
        "bound": bound,
        "high": item.content.get("high") if bound == "range" else None,
        "certainty": item.certainty,
        "announced_on": item.day,
        "id": item.id,
        "source": item.content["source"],
    }


def contested(group: list[Item], as_of: str) -> tuple[Item, list[Item]]:
    """The announcement in force in one slot and "every other announcement of the slot that
    says something else" (docs/concepts.md, Conflicts): whose value differs "beyond both
    bounds" (SPEC §5.1, "Agreeing values": ranges that do not meet; any other value: not
    equal). In force: by the rank rule, or for a launch its first launch (SPEC §5.1
    "Launches"; the plan in force while none has happened).

    Where the SPEC does not say, as mxt: an announcement of the in-force one's rank made on an
    earlier day is a revision (the audit's `superseded`), not a disagreement; one made the
    same day says otherwise (the later record wins by the tie rule, but the day has two
    answers). Two launches of the highest rank never disagree: the earliest stands by rule
    (the second city's launch event of SPEC §5.1).

    SPEC §5.2 "What is not a conflict": a plan replaced by a later plan (an expected entry's
    slip or pull-in, whatever its rank: only two said the same day disagree; a launch plan
    before the launch, or replaced by a later plan), a count of orders that grew (a later,
    larger count, or an earlier smaller one), and a status that moved on (a launch paused,
    resumed or cancelled: only what says the model launched, and a plan said once it had,
    can disagree with a launch)."""
    kind = group[0].content["kind"]
    if kind == "launch":
        life = launch_life(group, [], as_of)
        assert life is not None
        chosen = life["first"] or next(
            (i for i in group if life["plan"] and i.id == life["plan"]["planned_id"]), None
        )
        in_force = chosen or pick(group)[0]
        launched = life["first"] is not None
        group = [
            i for i in group
            if launch_says(i) == "launched"
            or (launched and launch_says(i) == "planned" and i.order > in_force.order)
        ]  # fmt: skip
    else:
        in_force = pick(group)[0]

    def history(item: Item) -> bool:
        if kind == "expected-entry":
            return item.day != in_force.day
        if kind == "orders" and item.day != in_force.day:
            earlier, later = sorted((item, in_force), key=lambda i: i.order)
            return later.content["count"] >= earlier.content["count"]
        return False

    def revision(item: Item) -> bool:
        return item.rank == in_force.rank and (kind == "launch" or item.day < in_force.day)

    others = [i for i in group if not revision(i) and not history(i) and not same(i, in_force)]
    return in_force, others


def conflicts(store: Store, query: Query, company: str | None = None) -> list[dict[str, Any]]:
    """`mxt conflicts [--company]` (SPEC §8): "Every slot (§5.1) whose visible announcements
    disagree beyond their bounds, as of D", each `{slot, in_force, others}`; visible: made by
    `as_of`, known at `known_at`, not retracted. Ordered as mxt orders them (the SPEC names no
    order): by the day of the announcement in force, then by the slot as text."""
    found = []
    for key, owner in companies(visible(store, query)).items():
        if company is not None and key != fold(company):
            continue
        for group in slots([i for i in owner.items if i.content["kind"] in CONTESTED]):
            in_force, others = contested(group, query.as_of)
            if others:
                found.append(
                    {
                        "slot": slot_fields(in_force, owner),
                        "in_force": side(in_force),
                        "others": [side(i) for i in others],
                    }
                )
    return sorted(found, key=lambda c: (c["in_force"]["announced_on"], str(c["slot"])))
