"""What the store learned between two moments of its log: the answer of `mxt changes` and of
`mxt watch run` (SPEC §10), on the transaction axis where `diff` works on the valid-time one.

Both come down to one question, `events_between`: the recordings, corrections and retractions
the log holds after one log position up to another, those a `Selection` matches. `changes`
finds the two positions from two known-at moments (what `--known-at T` sees is the log up to
a position, since `recorded_at` never goes back); a watch keeps its position as its cursor
(`mxt.domain.watches`), so that no clock decides what it has seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mxt.domain.watches import Watch, WatchBeyondLog, saved
from mxt.events.kinds import summary

from .queries import _mentions_market, log_entry
from .tables import key
from .view import Logged

if TYPE_CHECKING:
    from .queries import ReadSide
    from .view import View


class Selection(NamedTuple):
    """Which events an answer is about: of these companies, markets (a market, a region
    containing it, a policy covering it, as `mxt log --market`), models and kinds. An empty
    field matches everything; several values of one field match any of them."""

    companies: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    @classmethod
    def of_watch(cls, watch: Watch) -> Selection:
        return cls(watch.companies, watch.markets, watch.models)

    def matches(self, content: dict[str, Any]) -> bool:
        """Whether one version of an announcement is selected."""
        if self.kinds and content.get("kind") not in self.kinds:
            return False
        if self.companies and key(content.get("company")) not in map(key, self.companies):
            return False
        if self.models and key(content.get("model")) not in map(key, self.models):
            return False
        return not self.markets or any(_mentions_market(content, m) for m in self.markets)

    def sees(self, logged: Logged) -> bool:
        """Whether an event is selected: its announcement as it made it, or as it was before
        (a correction that moves a launch from DE to FR concerns a watch on DE too)."""
        return self.matches(logged.row.content) or (
            logged.before is not None and self.matches(logged.before.content)
        )


class NewEvent(NamedTuple):
    """One event the store learned: a recording, a correction or a retraction, where it
    stands in the log (`position`) and when it was recorded; its announcement (as the event
    left it) in a line; a correction's new values (`set`) and the values they replaced
    (`was`); a correction's or retraction's `reason`; the ids of the announcements behind it."""

    position: int
    event: str  # recorded | corrected | retracted
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


class Span(NamedTuple):
    """A stretch of the log: the events after position `after` up to `upto` (included), and
    when the events at those two positions were recorded (None: the log's start)."""

    after: int
    upto: int
    since: str | None
    until: str | None


def events_between(view: View, cursor: Any, span: Span, selection: Selection) -> list[NewEvent]:
    """The events of `span` that `selection` matches, in log order, read on `cursor`."""
    return [
        NewEvent.of(logged)
        for logged in view.recorded_between(cursor, span.after, span.upto)
        if selection.sees(logged)
    ]


class Learned(NamedTuple):
    """The answer of `mxt changes`: what was recorded after `since` up to `until` (two
    known-at moments, and the log positions they stand for), the `as_of` date the state
    answers are read at, and the events."""

    since: str
    until: str | None
    as_of: str
    from_position: int
    to_position: int
    events: tuple[NewEvent, ...]

    @property
    def new(self) -> bool:
        """Whether anything was learned."""
        return bool(self.events)

    def json(self) -> dict[str, Any]:
        return {
            **self._asdict(),
            "events": [event.json() for event in self.events],
        }


def changes(
    read_side: ReadSide, since: str, until: str | None, selection: Selection, as_of: str
) -> Learned:
    """What was recorded after the moment `since` up to the moment `until` (None: everything
    recorded), of `selection`, read in one snapshot."""
    view = read_side.view
    with read_side.store.read() as cursor:
        after = view.position_at(cursor, since)
        upto = view.position_at(cursor, until) if until is not None else view.log_span(cursor).last
        upto = max(upto, after)
        moment = until if until is not None else view.recorded_at_of(cursor, upto)
        span = Span(after, upto, since, moment)
        events = events_between(view, cursor, span, selection)
    return Learned(since, moment, as_of, after, upto, tuple(events))


class WatchReport(NamedTuple):
    """What one watch finds new: the events of its selection after its cursor (recorded
    after `since`) up to the log's last position when the run read (`until`), and when the
    watch last reported (`reported_at`)."""

    watch: Watch
    span: Span
    events: tuple[NewEvent, ...]

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
        }


class WatchRun(NamedTuple):
    """The answer of `mxt watch run`: each watch's report, read in one snapshot."""

    as_of: str
    reports: tuple[WatchReport, ...]

    @property
    def new(self) -> bool:
        """Whether any watch found something new (`watch run` exits 3)."""
        return any(report.events for report in self.reports)

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
        }


def watch_run(read_side: ReadSide, names: Sequence[str], as_of: str) -> WatchRun:
    """Each watch named (none: every watch) with the events of its selection recorded after
    its cursor, up to the log's last position, all read in one snapshot. A cursor beyond
    the log's end (the log was replaced by a shorter one) is refused: `WatchBeyondLog`."""
    view = read_side.view
    reports = []
    with read_side.store.read() as cursor:
        watches = saved(read_side.store, cursor, names)
        head = view.log_span(cursor).last
        until = view.recorded_at_of(cursor, head)
        for watch in watches:
            if watch.cursor > head:
                raise WatchBeyondLog(
                    f"watch {watch.name!r}: its cursor (event #{watch.cursor}) is beyond the "
                    f"log's last event (#{head}): was the store replaced? (mxt watch remove "
                    f"{watch.name} and add it again to start from now)"
                )
            since = view.recorded_at_of(cursor, watch.cursor) if watch.cursor else None
            span = Span(watch.cursor, head, since, until)
            events = events_between(view, cursor, span, Selection.of_watch(watch))
            reports.append(WatchReport(watch, span, tuple(events)))
    return WatchRun(as_of, tuple(reports))
