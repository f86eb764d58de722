"""What the store learned between two moments, asked of it: the events of a stretch of the
log (`events_between`), the answers about some companies at one state (`answers_at`), and
from them the answers of `mxt changes` and `mxt watch run` (SPEC §10), compared by the rules
of `projections/rules/learned.py` and `projections/rules/alerts.py`.

`changes` finds the two log positions from two known-at moments (what `--known-at T` sees is
the log up to a position, since `recorded_at` never goes back); a watch keeps its position as
its cursor (`mxt.storage.watches`), so that no clock decides what it has seen.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from mxt.events.kinds import DISAGREEING_KINDS
from mxt.storage.watches import Watch, WatchBeyondLog, saved

from ..readmodel.tables import key
from ..readmodel.view import Logged
from ..rules.alerts import (
    Alert,
    BestMonth,
    best_month,
    capacity,
    claim_alerts,
    conflict_alerts,
    exit_alerts,
    plan_alerts,
    progress_alerts,
    revision_alerts,
)
from ..rules.audit import PLAN_KINDS, STOPPING
from ..rules.checked import ProgressRow, RecordedClaim
from ..rules.conflicts import Conflict
from ..rules.learned import (
    Answers,
    Defined,
    Learned,
    NewEvent,
    Selection,
    Span,
    Touched,
    WatchReport,
    WatchRun,
    compare_answers,
    joined,
    regions_touched,
    touched,
)
from ..rules.state import Query
from .checking import EVIDENCE_KINDS
from .comparing import conflicts, snapshot
from .read_side import CLAIM_KIND

if TYPE_CHECKING:
    from mxt.events.regions import UserRegions

    from ..readmodel.view import View
    from .read_side import ReadSide


def events_between(
    view: View, cursor: Any, span: Span, selection: Selection
) -> tuple[list[Logged], list[Defined]]:
    """The events of `span` that `selection` matches, in log order, read on `cursor`, and
    every definition of a region of one's own recorded in it (which `learned` selects: what
    a definition concerns is read from the announcements naming its region)."""
    logged = [
        logged
        for logged in view.recorded_between(cursor, span.after, span.upto)
        if selection.sees(logged)
    ]
    defined = view.defined_between(cursor, span.after, span.upto)
    return logged, [Defined(*found) for found in defined]


class Standing:
    """The regions of one's own and the announcements visible as of one date, known at a
    moment: read once a moment, however many watches' definitions ask."""

    def __init__(self, read_side: ReadSide, as_of: str) -> None:
        self._read_side = read_side
        self._as_of = as_of
        self._read: dict[str, tuple[UserRegions, list[dict[str, Any]]]] = {}

    def at(self, moment: str) -> tuple[UserRegions, list[dict[str, Any]]]:
        """The regions of one's own and the visible announcements' contents at `moment`."""
        if moment not in self._read:
            read_side = self._read_side
            rows = read_side.visible(Query(self._as_of, moment))
            self._read[moment] = read_side.user_regions(moment), [row.content for row in rows]
        return self._read[moment]


def learned(
    read_side: ReadSide, span: Span, logged: Sequence[Logged], defined: Sequence[Defined],
    selection: Selection, as_of: str, standing: Standing | None = None,
) -> tuple[tuple[NewEvent, ...], Touched]:  # fmt: skip
    """The events of `span` that `selection` sees, in log order: the announcements' events
    (`logged`, already selected) and the definitions of regions of one's own (`defined`) it
    sees; and what they name, whose answers may have changed (a definition names its region,
    the regions of one's own built on it, and the companies whose announcements as of
    `as_of` name one of them; read through `standing` when several spans share it)."""
    events = [NewEvent.of(item) for item in logged]
    named = touched(logged)
    if defined:
        standing = standing or Standing(read_side, as_of)
        user, contents = standing.at(span.until or span.since or "")
        for definition in defined:
            naming = regions_touched((definition,), user, contents)
            if selection.sees_definition(definition, naming, user):
                events.append(NewEvent.of_definition(definition))
                named = joined(named, naming)
        events.sort(key=lambda event: event.position)
    return tuple(events), named


def answers_at(
    read_side: ReadSide,
    query: Query,
    companies: Mapping[str, Collection[str] | None],
    markets: Iterable[str],
    kinds: Mapping[str, Collection[str]] | None = None,
) -> Answers:
    """The answers about `companies` (keys, each with the keys of the models whose states are
    asked, None: every one) at `query`, and the statuses in `markets`. With `kinds`, a
    company's answers fed by none of its kinds there are not asked (those that cannot have
    changed when only announcements of those kinds were recorded)."""
    models = {name: chosen for name, chosen in companies.items() if chosen is not None}
    shot = snapshot(read_side, query, sorted(companies), set(markets), models=models)
    rows: list[ProgressRow] = []
    claims: list[tuple[str, RecordedClaim]] = []
    disagreements: list[Conflict] = []
    alerts: list[Alert] = []
    for company_key, company in shot.companies.items():
        feeding = set(kinds[company_key]) if kinds is not None else None

        def fed(by: Iterable[str], feeding: set[str] | None = feeding) -> bool:
            return feeding is None or not feeding.isdisjoint(by)

        name = company.name
        if fed((*EVIDENCE_KINDS, CLAIM_KIND)):
            measured, checked, best = _measured(read_side, query, company_key, name)
            rows += measured
            claims += [(name, claim) for claim in checked]
            alerts += progress_alerts(measured, best, capacity(company.state.factories))
            alerts += claim_alerts(name, checked)
        if fed(DISAGREEING_KINDS):
            found = conflicts(read_side, query, (company_key,)).data
            disagreements += found
            alerts += conflict_alerts(found)
        if fed((*PLAN_KINDS, *STOPPING)):
            alerts += plan_alerts(read_side.audit_plans(query, (company_key,)).data)
        if fed(("target",)):
            alerts += revision_alerts(read_side.audit_targets(query, (company_key,)).data)
        alerts += exit_alerts(name, company.state.exits)
    return Answers(shot, tuple(rows), tuple(claims), tuple(disagreements), tuple(alerts))


def _measured(
    read_side: ReadSide, query: Query, company_key: str, name: str
) -> tuple[list[ProgressRow], list[RecordedClaim], dict[str, BestMonth | None]]:
    """A company's targets against their actuals, its recorded claims checked (each as of
    its own day), and the best month so far for each target (by its id), from one read of
    its evidence."""
    from ..rules.claims import check
    from ..rules.progress import progress
    from .checking import evidence_of

    rows = read_side.visible(query, (company_key,), (*EVIDENCE_KINDS, CLAIM_KIND))
    claims = [row for row in rows if row.content["kind"] == CLAIM_KIND]
    evidence = evidence_of((row for row in rows if row.content["kind"] != CLAIM_KIND), name)
    checked = []
    for row in claims:
        claim = row.content["claim"]
        verdict = check(claim, evidence, row.announced_on or query.as_of)
        checked.append(RecordedClaim(row.ann_id, row.announced_on, claim, verdict.verdict,
                                     verdict.why, list(verdict.evidence)))  # fmt: skip
    measured = progress(evidence.targets, evidence.actuals, query.as_of)
    best = {
        row.target_id: best_month(
            evidence.actuals, row.actual_metric or row.metric, row.scope, query.as_of
        )
        for row in measured
    }
    return measured, checked, best


def changes(
    read_side: ReadSide, since: str, until: str | None, selection: Selection, as_of: str
) -> Learned:
    """What was recorded after the moment `since` up to the moment `until` (None: everything
    recorded), of `selection`: the events, read in one snapshot, and what they changed in
    the answers as of `as_of` (those of the companies they name, asked at both moments)."""
    view = read_side.view
    with read_side.store.read() as cursor:
        after = view.position_at(cursor, since)
        upto = view.position_at(cursor, until) if until is not None else view.log_span(cursor).last
        upto = max(upto, after)
        moment = until if until is not None else view.recorded_at_of(cursor, upto)
        span = Span(after, upto, since, moment)
        logged, defined = events_between(view, cursor, span, selection)
    events, named = learned(read_side, span, logged, defined, selection, as_of)
    asked = (named.companies, named.markets, named.kinds)
    earlier = answers_at(read_side, Query(as_of, since), *asked)
    later = answers_at(read_side, Query(as_of, moment or since), *asked)
    found = compare_answers(earlier, later, selection, events)
    return Learned(since, moment, as_of, after, upto, events, found.changes, found.alerts)


def watch_run(
    read_side: ReadSide, names: Sequence[str], as_of: str, *, dated: bool = False,
    every: bool = False,
) -> WatchRun:  # fmt: skip
    """Each watch named (none: every watch) with the events of its selection recorded after
    its cursor, up to the log's last position, all read in one snapshot; the changes they
    made in the answers as of `as_of`; and the alerts that began to hold since the watch
    last reported (`every`: all that hold). Unless `dated` (an `--as-of` given), an alert
    is new when it did not hold on the day of the last report, known at the cursor: a plan
    that fell overdue since is new. A cursor beyond the log's end (the log was replaced by
    a shorter one) is refused: `WatchBeyondLog`."""
    view = read_side.view
    found = []
    with read_side.store.read() as cursor:
        watches = saved(read_side.store, cursor, names)
        head = view.log_span(cursor).last
        until = view.recorded_at_of(cursor, head)
        for watch in watches:
            if watch.cursor > head:
                raise WatchBeyondLog(watch.name, watch.cursor, head)
            since = view.recorded_at_of(cursor, watch.cursor) if watch.cursor else None
            span = Span(watch.cursor, head, since, until)
            selection = Selection.of_watch(watch)
            found.append((watch, span, *events_between(view, cursor, span, selection)))
    standing = Standing(read_side, as_of)  # the same moment for every watch: read once
    reports = [
        _report(read_side, watch, span, logged, defined, as_of, dated, every, standing)
        for watch, span, logged, defined in found
    ]
    return WatchRun(as_of, tuple(reports), every)


def _report(
    read_side: ReadSide, watch: Watch, span: Span, logged: Sequence[Logged],
    defined: Sequence[Defined], as_of: str, dated: bool, every: bool, standing: Standing,
) -> WatchReport:  # fmt: skip
    """One watch's report: its events, the changes in the answers about the companies they
    name, and the alerts that began to hold about the companies it watches (every company,
    when it names none).

    At one as-of date, the answers of a company no event names are the same at both
    moments: they are asked only when the alerts are compared with another day's (the day
    the watch last reported, when no `--as-of` was given) or all of them are asked for
    (`every`); the companies the events name are asked, like `changes` asks them, only for
    the answers their kinds feed, unless so."""
    selection = Selection.of_watch(watch)
    events, named = learned(read_side, span, logged, defined, selection, as_of, standing)
    since, until = span.since or "", span.until or span.since or ""
    earlier_query, later_query = Query(as_of, since), Query(as_of, until)
    last_day = min(as_of, watch.updated_at[:10])
    moved_on = not dated and last_day != as_of  # the alerts are compared with another day's
    if not (moved_on or every):
        asked = (named.companies, named.markets, named.kinds)
        earlier = answers_at(read_side, earlier_query, *asked)
        later = answers_at(read_side, later_query, *asked)
        found = compare_answers(earlier, later, selection, events)
        return WatchReport(watch, span, events, found.changes, found.alerts)
    watched = {key(name) for name in watch.companies} or set(read_side.names(later_query))
    earlier = answers_at(read_side, earlier_query, named.companies, named.markets)
    later = answers_at(read_side, later_query, named.companies, named.markets)
    rest: dict[str, set[str] | None] = {
        name: set() for name in watched if name not in named.companies
    }
    if rest:  # the watched companies no event names: their alerts now
        alerts = answers_at(read_side, later_query, rest, ()).alerts
        later = later._replace(alerts=later.alerts + alerts)
    baseline = earlier
    if moved_on:
        everyone: dict[str, set[str] | None] = {
            name: set() for name in (*watched, *named.companies)
        }
        baseline = answers_at(read_side, Query(last_day, since), everyone, ())
    found = compare_answers(earlier, later, selection, events, baseline, every)
    return WatchReport(watch, span, events, found.changes, found.alerts)
