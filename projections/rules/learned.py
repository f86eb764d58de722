"""What the store learned between two moments of its log, as records and pure comparisons: the
answer of `mxt changes` and of `mxt watch run` (SPEC §10), on the transaction axis where
`diff` works on the valid-time one. `projections/questions/learning.py` asks the store.

Which events an answer is about (`Selection`), each event as it is reported (`NewEvent`),
what the events name (`touched`: only those companies' answers can change), the changes in
the answers between two states (`state_changes`: `diff`'s slot-by-slot compare, paces,
verdicts, disagreements) and the alerts that began to hold (`compare_answers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mxt.events.codes import market_covers
from mxt.events.kinds import KINDS, summary
from mxt.events.regions import UserRegion, UserRegions, ever_members, is_region

from ..readmodel.tables import key
from ..readmodel.view import Logged
from .alerts import Alert, alert_order, began, slot_words
from .changes import Change
from .checked import ProgressRow, RecordedClaim
from .conflicts import Conflict
from .diff import compare
from .log import log_entry
from .state import mentions_market

if TYPE_CHECKING:
    from mxt.storage.watches import Watch

    from .diff import Snapshot

# The areas of state changes that are no kind of announcement (diff's market status and
# pace and verdict, and the disagreements of `conflicts`).
CONFLICT_AREA = "conflict"


class Selection(NamedTuple):
    """Which events an answer is about: of these companies, markets (a market, a region
    containing it, a policy covering it, as `mxt log --market`), models and kinds. An empty
    field matches everything; several values of one field match any of them."""

    companies: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    alerts: tuple[str, ...] | None = None  # the alerts asked for (None: every one)

    @classmethod
    def of_watch(cls, watch: Watch) -> Selection:
        """A watch's selection: its companies, markets, models and the alerts it asks for."""
        return cls(watch.companies, watch.markets, watch.models, (), watch.alerts)

    def matches(self, content: dict[str, Any]) -> bool:
        """Whether one version of an announcement is selected."""
        if self.kinds and content.get("kind") not in self.kinds:
            return False
        if self.companies and key(content.get("company")) not in map(key, self.companies):
            return False
        if self.models and key(content.get("model")) not in map(key, self.models):
            return False
        return not self.markets or any(mentions_market(content, m) for m in self.markets)

    def concerns(self, company: str, subject: Iterable[tuple[str, Any]]) -> bool:
        """Whether a state change or an alert about `company` and `subject` is selected: of a
        company selected, and, when models or markets are, of such a model (or of none: a
        company-wide fact concerns each model) and naming a market that covers one selected
        or that one covers (or none: a target of every market)."""
        if self.companies and key(company) not in map(key, self.companies):
            return False
        fields = dict(subject)
        model = fields.get("model")
        if self.models and model and key(model) not in map(key, self.models):
            return False
        return not self.markets or _near_markets(fields, self.markets)

    def sees_definition(self, defined: Defined, naming: Touched, user: UserRegions) -> bool:
        """Whether a region's definition is selected: with `--kind`, only as `region`; with
        companies or models, when an announcement of one names the region (`naming`); with
        markets, when one is the region, or a market the definition adds or drops."""
        if self.kinds and REGION not in self.kinds:
            return False
        if self.companies and not {key(name) for name in self.companies} & set(naming.companies):
            return False
        if self.models:
            named = set().union(*(m or () for m in naming.companies.values()))
            every = any(models is None for models in naming.companies.values())
            if not every and not {key(name) for name in self.models} & named:
                return False
        if not self.markets:
            return True
        moved = defined.moved(user)
        return any(
            market == defined.region.name
            or not moved.isdisjoint(ever_members(market, user) if is_region(market, user)
                                    else {market})
            for market in self.markets
        )  # fmt: skip

    def sees(self, logged: Logged) -> bool:
        """Whether an event is selected: its announcement as it made it, or as it was before
        (a correction that moves a launch from DE to FR concerns a watch on DE too)."""
        return self.matches(logged.row.content) or (
            logged.before is not None and self.matches(logged.before.content)
        )


def _near_markets(subject: dict[str, Any], markets: Sequence[str]) -> bool:
    """Whether a subject's market (or markets, less those excepted) covers one of `markets`
    or is covered by one; a subject naming no market concerns every market."""
    named = [subject["market"]] if subject.get("market") else list(subject.get("markets") or ())
    if not named or "*" in named:
        excepted = subject.get("except") or ()
        return not excepted or not all(
            any(market_covers(code, market) for code in excepted) for market in markets
        )
    return any(
        market_covers(code, market) or market_covers(market, code)
        for code in named
        for market in markets
    )


class NewEvent(NamedTuple):
    """One event the store learned: a recording, a correction or a retraction, where it
    stands in the log (`position`) and when it was recorded; its announcement (as the event
    left it) in a line; a correction's new values (`set`) and the values they replaced
    (`was`); a correction's or retraction's `reason`; the ids of the announcements behind it.
    A region's definition is one too (`NewEvent.of_definition`)."""

    position: int
    event: str  # recorded | corrected | retracted | defined (a region's definition)
    recorded_at: str
    id: str
    kind: str
    company: str
    model: str | None
    announced_on: str
    certainty: str
    summary: str
    source: dict[str, Any]
    set: dict[str, Any] | None
    was: dict[str, Any] | None
    reason: str | None
    ids: tuple[str, ...]

    @classmethod
    def of(cls, logged: Logged) -> NewEvent:
        row, content = logged.row, logged.row.content
        changes = row.changes if row.event == "corrected" else None
        before = logged.before.content if logged.before is not None else {}
        return cls(
            logged.position, row.event, row.known_from, row.ann_id, content["kind"],
            content["company"], content.get("model"), row.announced_on,
            content.get("certainty", "confirmed"), summary(log_entry(row)),
            content.get("source") or {},
            changes, {name: before.get(name) for name in changes} if changes else None,
            row.reason, (row.ann_id,),
        )  # fmt: skip

    def json(self) -> dict[str, Any]:
        return {**self._asdict(), "ids": list(self.ids)}

    @property
    def announced(self) -> bool:
        """Whether the event is an announcement's (its day, certainty and source are said),
        not a region's definition."""
        return self.event != DEFINED

    @classmethod
    def of_definition(cls, defined: Defined) -> NewEvent:
        """A region's definition as an event learned: `set` its markets and exceptions (those
        that differ from the definition it replaced, as a correction's), `was` what they
        replaced (None: the name's first definition)."""
        region, before = defined.region, defined.before
        recorded = region.recorded_at or ""
        now, was = _scope(region), _scope(before) if before is not None else None
        if was is not None:
            now = {name: value for name, value in now.items() if was[name] != value}
            was = {name: was[name] for name in now}
        return cls(
            defined.position, DEFINED, recorded, region.name, REGION, "", None,
            recorded[:10], "confirmed", defined.summary(), {}, now, was, region.reason, (),
        )  # fmt: skip


REGION = "region"  # what a region's definition is, among the events learned (`--kind region`)
DEFINED = "defined"  # the event of a region's definition


class Defined(NamedTuple):
    """A definition of a region of one's own recorded in a stretch of the log: its position,
    the definition, and the one of the same name it replaced (None: the name's first)."""

    position: int
    region: UserRegion
    before: UserRegion | None

    def summary(self) -> str:
        """The definition in a line: 'EUROPE-JATO: EU, EFTA, GB (was EU, EFTA)'."""
        line = f"{self.region.name}: {_spelled(self.region)}"
        return f"{line} (was {_spelled(self.before)})" if self.before is not None else line

    def moved(self, user: UserRegions) -> frozenset[str]:
        """The countries the definition adds to its region or drops from it, on any day."""
        name = self.region.name
        now = ever_members(name, {**user, name: self.region})
        if self.before is None:
            return now
        return now ^ ever_members(name, {**user, name: self.before})


def _scope(region: UserRegion) -> dict[str, Any]:
    return {"markets": list(region.markets), "except": list(region.excepted)}


def _spelled(region: UserRegion) -> str:
    line = ", ".join(region.markets)
    return f"{line} except {', '.join(region.excepted)}" if region.excepted else line


def regions_touched(
    definitions: Sequence[Defined], user: UserRegions, contents: Iterable[dict[str, Any]]
) -> Touched:
    """What the definitions of some regions may change: the regions themselves, every
    region of one's own (in `user`) built on one of them and the countries each definition
    adds or drops, as markets; the companies whose announcements (`contents`) name one of
    those regions, each with the models they name (None: every model, for a company-wide
    one), and the kinds of those announcements."""
    names = {defined.region.name for defined in definitions}
    grown = True
    while grown:  # a region of one's own naming a redefined one is redefined with it
        held = {name for name, region in user.items()
                if not names.isdisjoint((*region.markets, *region.excepted))}  # fmt: skip
        grown = not held <= names
        names |= held
    companies: dict[str, set[str] | None] = {}
    kinds: dict[str, set[str]] = {}
    for content in contents:
        if not names.isdisjoint(_scope_names(content)):
            _note(content, companies, kinds)
    moved = set().union(*(defined.moved(user) for defined in definitions))
    return Touched(companies, names | moved, kinds)


def _scope_names(content: dict[str, Any]) -> set[str]:
    """Every market an announcement names: its market, markets and exceptions, and those of
    its claim's scope."""
    names = {content["market"]} if isinstance(content.get("market"), str) else set()
    claim = content.get("claim")
    for holder in (content, claim if isinstance(claim, dict) else {}):
        for field in ("markets", "except"):
            names.update(value for value in holder.get(field) or () if isinstance(value, str))
    return names


def joined(first: Touched, second: Touched) -> Touched:
    """What either names: a company's models together (None, every model, wins)."""
    companies = dict(first.companies)
    for company, models in second.companies.items():
        if company in companies:
            held = companies[company]
            companies[company] = None if held is None or models is None else held | models
        else:
            companies[company] = models
    kinds = {company: set(found) for company, found in first.kinds.items()}
    for company, found in second.kinds.items():
        kinds.setdefault(company, set()).update(found)
    return Touched(companies, first.markets | second.markets, kinds)


class Span(NamedTuple):
    """A stretch of the log: the events after position `after` up to `upto` (included), and
    when the events at those two positions were recorded (None: the log's start)."""

    after: int
    upto: int
    since: str | None
    until: str | None


# -- the answers at two known-at moments -------------------------------------------------------


class Answers(NamedTuple):
    """What the store answers about some companies at one state (an as-of date, a known-at
    moment): their states (as `diff` compares them), the progress of their targets, their
    recorded claims checked, their conflicts, and the alerts that hold."""

    snapshot: Snapshot
    progress: tuple[ProgressRow, ...]
    claims: tuple[tuple[str, RecordedClaim], ...]  # (company as shown, claim)
    conflicts: tuple[Conflict, ...]
    alerts: tuple[Alert, ...]


class StateChange(NamedTuple):
    """A change in the answers between two known-at moments: `diff`'s `Change` (a slot's
    value, a status, a policy, a pace, a verdict, a disagreement), and the ids behind it."""

    change: Change
    ids: tuple[str, ...]

    def json_items(self) -> Iterator[tuple[str, Any]]:
        for name, value in self.change.json_items():
            if name != "id":
                yield name, list(value) if isinstance(value, tuple) else value
        yield "ids", list(self.ids)

    def json(self) -> dict[str, Any]:
        return dict(self.json_items())


def state_changes(before: Answers, after: Answers) -> list[StateChange]:
    """What differs in the answers from `before` to `after`: every slot's value and status,
    policies, showcases and market statuses (`diff.compare`), the paces of targets, the
    verdicts of claims and the slots whose sources disagree."""
    found = [
        StateChange(c, (c.id,) if c.id else ()) for c in compare(before.snapshot, after.snapshot)
    ]
    found += _pace_changes(before.progress, after.progress)
    found += _verdict_changes(before.claims, after.claims)
    found += _conflict_changes(before.conflicts, after.conflicts)
    return found


def _pace_changes(
    before: Sequence[ProgressRow], after: Sequence[ProgressRow]
) -> Iterator[StateChange]:
    def slot(row: ProgressRow) -> tuple[Any, ...]:
        return (key(row.company), row.metric, row.period, row.scope)

    old = {slot(row): row for row in before}
    for row in after:
        previous = old.get(slot(row))
        if previous is not None and previous.pace == row.pace:
            continue
        subject = (("metric", row.metric), ("period", row.period),
                   *(() if row.scope.worldwide else tuple(row.scope.json_items())))  # fmt: skip
        about = f"pace of {row.metric} target {row.period}"
        change = Change("pace", row.company, subject, previous and previous.pace, row.pace,
                        row.target_id, about=about)  # fmt: skip
        yield StateChange(change, tuple(dict.fromkeys((row.target_id, *row.sources))))


def _verdict_changes(
    before: Sequence[tuple[str, RecordedClaim]], after: Sequence[tuple[str, RecordedClaim]]
) -> Iterator[StateChange]:
    old = {claim.id: claim.verdict for _, claim in before}
    new = {claim.id for _, claim in after}
    for company, claim in after:
        if old.get(claim.id) == claim.verdict:
            continue
        kind = claim.claim.get("type")
        change = Change("claim", company, (("claim_type", kind),), old.get(claim.id),
                        claim.verdict, claim.id, about=f"{kind} claim")  # fmt: skip
        yield StateChange(change, tuple(dict.fromkeys((claim.id, *claim.evidence))))
    for company, claim in before:
        if claim.id not in new:  # retracted
            kind = claim.claim.get("type")
            change = Change("claim", company, (("claim_type", kind),), claim.verdict, None,
                            claim.id, about=f"{kind} claim")  # fmt: skip
            yield StateChange(change, (claim.id,))


def _conflict_changes(
    before: Sequence[Conflict], after: Sequence[Conflict]
) -> Iterator[StateChange]:
    """Slots whose sources began to disagree, disagree otherwise, or no longer do: `from`
    and `to` the values said (the one in force first), `ids` every voice's."""

    def slot(conflict: Conflict) -> tuple[Any, ...]:
        return tuple((n, tuple(v) if isinstance(v, list) else v)
                     for n, v in conflict.slot.json_items())  # fmt: skip

    def said(conflict: Conflict | None) -> list[Any] | None:
        if conflict is None:
            return None
        return [conflict.in_force.value, *(voice.value for voice in conflict.others)]

    def voices(conflict: Conflict) -> tuple[str, ...]:
        return (conflict.in_force.id, *(voice.id for voice in conflict.others))

    old = {slot(conflict): conflict for conflict in before}
    new = {slot(conflict): conflict for conflict in after}
    for ident in [*new, *(ident for ident in old if ident not in new)]:
        was, now = old.get(ident), new.get(ident)
        if was is not None and now is not None and voices(was) == voices(now):
            continue
        shown = now or was
        assert shown is not None
        subject = tuple((n, v) for n, v in ident if n != "company")
        ids = tuple(dict.fromkeys((*(voices(now) if now else ()), *(voices(was) if was else ()))))
        change = Change(CONFLICT_AREA, shown.slot.company, subject, said(was), said(now),
                        ids[0], about=slot_words(shown))  # fmt: skip
        yield StateChange(change, ids)


class Touched(NamedTuple):
    """What some events name, as they made their announcements and as those were before:
    the companies (keys), each with the keys of the models named (None: every model, for an
    event about all of them: a policy, an exit, an entry of the company as a whole), the
    markets whose statuses they may change, and the kinds of each company's events. Only
    their answers can change: at one as-of date, the answers at two known-at moments differ
    only by the events between."""

    companies: dict[str, set[str] | None]
    markets: set[str]
    kinds: dict[str, set[str]]  # company key -> the kinds of its announcements touched


def touched(logged: Iterable[Logged]) -> Touched:
    """The companies, models and markets these events name (`Touched`)."""
    companies: dict[str, set[str] | None] = {}
    markets: set[str] = set()
    kinds: dict[str, set[str]] = {}
    for event in logged:
        for row in (event.row, event.before):
            if row is None:
                continue
            _note(row.content, companies, kinds)
            markets |= _named_markets(row.content)
    return Touched(companies, markets, kinds)


def _note(
    content: dict[str, Any],
    companies: dict[str, set[str] | None],
    kinds: dict[str, set[str]],
) -> None:
    """Note what one announcement touches: its company, with its model (or None, every
    model, when its kind covers a company's models: a policy, an exit…), and its kind."""
    company = key(content["company"])
    kinds.setdefault(company, set()).add(content["kind"])
    models = companies.setdefault(company, set())
    kind = KINDS.get(content.get("kind", ""))
    if content.get("model") and models is not None:
        models.add(key(content["model"]))
    elif kind is not None and kind.covers_models:
        companies[company] = None


def _named_markets(content: dict[str, Any]) -> set[str]:
    """The markets whose statuses an announcement may change: those it names (its market, or
    markets and exceptions; not `*`), when its kind decides a market status (a launch, a
    policy, a showcase, an entry, an exit; a statement about a market decides none)."""
    kind = KINDS.get(content.get("kind", ""))
    named = kind.market_field if kind is not None and kind.decides is not None else None
    found: set[str] = set()
    if named == "market" and content.get("market"):
        found.add(content["market"])
    elif named == "markets":
        found.update(content.get("markets") or ())
        found.update(content.get("except") or ())
    found.discard("*")
    return found


def _kept(
    selection: Selection, events: Sequence[NewEvent], company: str,
    subject: Iterable[tuple[str, Any]], area: str, ids: Iterable[str],
) -> bool:  # fmt: skip
    """Whether a state change or an alert is selected (`Selection.concerns`), and, with
    `--kind`, of a kind selected or caused by an event of one."""
    if not selection.concerns(company, subject):
        return False
    if not selection.kinds or area in selection.kinds:
        return True
    window = {event.id for event in events}
    return any(ident in window for ident in ids)


class Found(NamedTuple):
    """What the answers say changed between two states, and the alerts that began to hold
    (or, `every`, all those that hold at the later one)."""

    changes: tuple[StateChange, ...]
    alerts: tuple[Alert, ...]


def compare_answers(
    before: Answers, after: Answers, selection: Selection, events: Sequence[NewEvent],
    alerts_before: Answers | None = None, every: bool = False,
) -> Found:  # fmt: skip
    """The state changes from `before` to `after`, and the alerts of `after` that
    `alerts_before` (default `before`) does not hold (`every`: all of `after`'s), those
    `selection` concerns (and the alerts it asks for: `alert_kinds`)."""
    changes = [
        found for found in state_changes(before, after)
        if _kept(selection, events, found.change.company, found.change.subject,
                 found.change.area, found.ids)
    ]  # fmt: skip
    changes.sort(key=lambda found: found.change.sort_key())
    standing = after.alerts if every else began((alerts_before or before).alerts, after.alerts)
    standing = sorted(standing, key=alert_order)
    alerts = [
        alert for alert in standing
        if (selection.alerts is None or alert.alert in selection.alerts)
        and _kept(selection, events, alert.company, alert.subject, alert.alert, alert.ids)
    ]  # fmt: skip
    return Found(tuple(changes), tuple(alerts))


class Learned(NamedTuple):
    """The answer of `mxt changes`: what was recorded after `since` up to `until` (two
    known-at moments, and the log positions they stand for), the `as_of` date the state
    answers are read at, the events, the changes they made in the answers and the alerts
    that began to hold."""

    since: str
    until: str | None
    as_of: str
    from_position: int
    to_position: int
    events: tuple[NewEvent, ...]
    changes: tuple[StateChange, ...] = ()
    alerts: tuple[Alert, ...] = ()

    @property
    def new(self) -> bool:
        """Whether anything was learned."""
        return bool(self.events or self.alerts)

    def json(self) -> dict[str, Any]:
        return {
            **self._asdict(),
            "events": [event.json() for event in self.events],
            "changes": [found.json() for found in self.changes],
            "alerts": [dict(alert.json_items()) for alert in self.alerts],
        }


class WatchReport(NamedTuple):
    """What one watch finds new: the events of its selection after its cursor (recorded
    after `since`) up to the log's last position when the run read (`until`), when the
    watch last reported (`reported_at`), the changes in the answers and the alerts that
    began to hold since (or, `watch run --all`, every alert that holds)."""

    watch: Watch
    span: Span
    events: tuple[NewEvent, ...]
    changes: tuple[StateChange, ...] = ()
    alerts: tuple[Alert, ...] = ()

    @property
    def new(self) -> bool:
        """Whether the watch has news: an event, or an alert that began to hold."""
        return bool(self.events or self.alerts)

    def json(self) -> dict[str, Any]:
        """The watch's row of `watch run`'s `watches` list."""
        return {
            "watch": self.watch.name,
            "reported_at": self.watch.updated_at,
            "since": self.span.since,
            "until": self.span.until,
            "from_position": self.span.after,
            "to_position": self.span.upto,
            "new_events": len(self.events),
            "changes": len(self.changes),
            "alerts": len(self.alerts),
        }


class WatchRun(NamedTuple):
    """The answer of `mxt watch run`: each watch's report, read in one snapshot."""

    as_of: str
    reports: tuple[WatchReport, ...]
    every_alert: bool = False  # --all: the alerts are all those that hold, not the new ones

    @property
    def new(self) -> bool:
        """Whether any watch found something new (`watch run` exits 3): an event recorded,
        or an alert that began to hold."""
        return any(report.events or (report.alerts and not self.every_alert)
                   for report in self.reports)  # fmt: skip

    def moves(self) -> dict[str, tuple[int, int]]:
        """Each watch's cursor move: from the position it read from to the one it read to."""
        return {report.watch.name: (report.span.after, report.span.upto) for report in self.reports}

    def json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "watches": [report.json() for report in self.reports],
            "events": [
                {"watch": report.watch.name, **event.json()}
                for report in self.reports
                for event in report.events
            ],
            "changes": [
                {"watch": report.watch.name, **found.json()}
                for report in self.reports
                for found in report.changes
            ],
            "alerts": [
                {"watch": report.watch.name, **dict(alert.json_items())}
                for report in self.reports
                for alert in report.alerts
            ],
        }
