"""The projector: turns the log's events into the read model's rows (`projections/tables.py`).

The store runs `Projector.process` inside each write transaction, on the events it appends
(the composition root, `projections/opening.py`, subscribes it), so the rows are written by
the same transaction as the events. `rebuild` replays the whole log into fresh tables;
`replay` fills empty ones (verify replays into temporary tables to check the stored ones).
Events are handled as (notification id, topic, decoded state) triples: a log position is
always a notification id, and the read model's position (`tables.applied`) is the
notification id of the last event it holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from mxt.domain.stored import CORRECTED_TOPIC, RECORDED_TOPIC, REGION_TOPIC, RETRACTED_TOPIC
from mxt.events.content import apply_changes
from mxt.events.kinds import RANK, SUBJECT_FIELDS, rank, subject_of
from mxt.storage.clock import stamp_text
from mxt.storage.errors import DamagedLog
from mxt.storage.store import Deferring, Store

if TYPE_CHECKING:  # (a read loads this module, and no eventsourcing)
    from eventsourcing.persistence import Notification

from . import tables
from .tables import (
    COLUMNS,
    FIRST_COLUMNS,
    INDEXES,
    RECORDING_INDEX,
    REGION_COLUMNS,
    SEAL,
    First,
    RegionRow,
    Version,
    content_of,
    decode,
    key,
    row_seal,
    seal_of,
    sealed,
)

PAGE = 5000
BULK_GROUPS = 50_000  # groups a rebuild keeps in memory before writing them

# (company, kind, model, subject) -> [first_on, ranks]: the earliest date of any row of the
# group, and the ranks of its rows as bits (rank r is bit 1 << r), so that a query seeks
# only the ranks a group holds.
Groups = dict[tuple[str, str, str, str], list[Any]]
Event = tuple[int, str, dict[str, Any]]  # notification id, topic, decoded state
# A check of the log run during a rebuild, given the cursor and every stored event as it is
# read (`(notification id, aggregate id, version, topic, state)`), or None when the replay
# reads no event itself (it runs in SQL): the check reads them. It raises to refuse.
Check = Callable[[Any, Iterator[Any] | None], None]


def refusing(work: str) -> Check:
    """The `Check` of a replay that must not read a damaged log: verify, refusing for `work`
    (`DamagedLog`) a log that fails the chain check, so that no forged or missing event is
    laundered into rows that answer as if it were sound."""
    from mxt.domain.integrity import refuse_damage, verify_log

    def check(cursor: Any, events: Iterator[Any] | None) -> None:
        refuse_damage(verify_log(cursor, events=events), work)

    return check


class Bulk:
    """What a rebuild gathers to apply at the end: groups, corrections and retractions. (A
    plain class, not a dataclass: making one costs every command about half a millisecond.)"""

    def __init__(self) -> None:
        self.groups: Groups = {}
        self.deferred: list[Event] = []


# A version row and its seal, then its announcement's stored event state.
SELECT_CURRENT = (
    f"SELECT {', '.join('v.' + column for column in Version._fields)}, v.seal, e.state "
    "FROM mxt_rm_versions v JOIN stored_events e ON e.rowid = v.recording_notification_id "
)
STATE = SEAL + 1  # the stored event's state, after a row's own columns and its seal


class Projector:
    """Keeps the read model's tables in step with the log of one store (made by
    `tables.prepare` or `rebuild`: the projector never makes them on its own)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # What a bulk write transaction has deferred (`defer`): its cursor, the position the
        # read model held before it, its last event, and its corrections and retractions.
        self._deferred: tuple[Any, int, int, list[Event]] | None = None
        # On PostgreSQL, what a bulk write transaction applied as it came but has yet to list
        # in `mxt_rm_firsts` (`settle` does, once): its cursor, the position held before it,
        # its last event.
        self._unlisted: tuple[Any, int, int] | None = None

    def deferring(self) -> Deferring:
        """How this projector takes a bulk write transaction (a file import): on SQLite the
        rows of its recordings are made in SQL from the log at its end, as a rebuild makes
        them (`settle`); PostgreSQL processes each append as it comes, and lists the rows
        that spell each company and model once, at its end (`settle`)."""
        return Deferring(self.defer, self.settle)

    def defer(
        self,
        cursor: Any,
        notifications: Sequence[Notification],
        states: Sequence[dict[str, Any]] | None = None,
    ) -> None:
        """Notes notifications a bulk transaction appends, for `settle` to apply. The first
        ones are processed at once when the read model is behind the log (catching up checks
        the log first) or the store is PostgreSQL (`replay_in_sql` is SQLite's)."""
        if not notifications:
            return
        if self.store.is_postgres:  # applied as it comes; its rows listed once, at `settle`
            unlisted = self._unlisted
            held = (
                unlisted[1]
                if unlisted is not None and unlisted[0] is cursor
                else self.in_step(cursor, notifications[0].id)
            )
            self.process(cursor, notifications, states, listing=False)
            self._unlisted = (cursor, held, notifications[-1].id)
            return
        deferred = self._deferred
        if deferred is None or deferred[0] is not cursor:  # this transaction's first append
            first = notifications[0].id
            if self.in_step(cursor, first) < first - 1:
                self.process(cursor, notifications, states)
                return
            deferred = (cursor, first - 1, first - 1, [])
        fixes = deferred[3]
        for index, notification in enumerate(notifications):
            if notification.topic in (CORRECTED_TOPIC, RETRACTED_TOPIC, REGION_TOPIC):
                state = states[index] if states is not None else None
                fixes.append((notification.id, notification.topic,
                              state or decoded(notification.id, notification.state)))  # fmt: skip
        self._deferred = (cursor, deferred[1], notifications[-1].id, fixes)

    def settle(self, cursor: Any) -> None:
        """Applies what `defer` noted in this transaction: the rows of its recordings in one
        statement (`RECORDED_RANGE`, as a rebuild makes them from the log; every one of those
        events was written by this transaction), then its corrections and retractions in log
        order, then the groups, companies and models of its rows. An import larger than the
        read model it joins has the lookup indexes dropped first and built once at the end
        (one sort instead of an insertion per row), in the same transaction. Regions'
        definitions, noted beside the fixes, are rows of a table of their own."""
        unlisted, self._unlisted = self._unlisted, None
        if unlisted is not None and unlisted[0] is cursor and unlisted[2] > unlisted[1]:
            _list_firsts(cursor, FIRSTS_RANGE, unlisted[1], unlisted[2])
        deferred, self._deferred = self._deferred, None
        if deferred is None or deferred[0] is not cursor:
            return
        _, after, last, fixes = deferred
        if last <= after:
            return
        _sql_functions(cursor)
        lookups = [s for s in INDEXES if " ON mxt_rm_versions " in s]
        rebuilt = last - after > after  # more new rows than rows held
        if rebuilt:
            for statement in lookups:
                cursor.execute(f"DROP INDEX IF EXISTS {statement.split()[5]}")
        cursor.execute(RECORDED_RANGE, (RECORDED_TOPIC, after, last))
        regions = [event for event in fixes if event[1] == REGION_TOPIC]
        fixes = [event for event in fixes if event[1] != REGION_TOPIC]
        for start in range(0, len(fixes), PAGE):
            self._fix(cursor, fixes[start : start + PAGE])
        _insert_regions(cursor, [region_row(*event) for event in regions])
        if rebuilt:  # first: grouping the rows reads them in the order of these indexes
            for statement in lookups:
                cursor.execute(statement)
        for statement, index in ((GROUPS_RANGE, "mxt_rm_group"), (ENTITIES_RANGE, "mxt_rm_entity")):
            if rebuilt:  # most rows are new: read them all in the index's order, not sorted
                statement = statement.replace(_IN_RANGE, _IN_RANGE.replace(
                    " WHERE", f" INDEXED BY {index} WHERE"))  # fmt: skip
            cursor.execute(statement, (after, last))
        _list_firsts(cursor, FIRSTS if after == 0 else FIRSTS_RANGE, after, last)
        tables.set_applied(cursor, last)

    def process(
        self,
        cursor: Any,
        notifications: Sequence[Notification],
        states: Sequence[dict[str, Any]] | None = None,
        bulk: Bulk | None = None,
        listing: bool = True,
    ) -> None:
        """Applies new notifications (with their decoded `states`, when the caller has them),
        first catching up on any the model has not seen.

        With `bulk` (a rebuild), groups, corrections and retractions are gathered there for
        the caller to apply once every announcement is in, instead of batch by batch. Without
        `listing` (a bulk write on PostgreSQL), the rows that spell each company and model
        are left for `settle` to list.
        """
        first = notifications[0].id if notifications else None
        held = self.in_step(cursor, first)
        if held < (first - 1 if first is not None else self._max_id(cursor)):
            refusing("catching the read model up")(cursor, None)  # behind: the log first
        last = self._apply_log(cursor, held, first, bulk)
        new = [n for n in notifications if n.id > last]
        if new:
            states = (
                states[-len(new) :] if states is not None else [decoded(n.id, n.state) for n in new]
            )
            self._apply(
                cursor, [(n.id, n.topic, state) for n, state in zip(new, states, strict=True)],
                bulk,
            )  # fmt: skip
            last = new[-1].id
        if last > held:
            if bulk is None and listing:
                _list_firsts(cursor, FIRSTS_RANGE, held, last)
            tables.set_applied(cursor, last)

    def _apply_log(self, cursor: Any, after: int, before: int | None, bulk: Bulk | None) -> int:
        """Applies the stored events after notification `after` (and before `before`), read
        from the log page by page; returns the last one applied (`after` if none)."""
        last = after
        for page in self._log_pages(cursor, after, before):
            self._apply_page(cursor, page, bulk)
            last = page[-1][0]
        return last

    def _log_pages(self, cursor: Any, after: int, before: int | None) -> Iterator[list[Any]]:
        """The stored events after notification `after` (and before `before`) in pages, each
        as `(notification id, aggregate id, version, topic, state)`: what verify reads too."""
        last = after
        while True:
            cursor.execute(
                "SELECT rowid, originator_id, originator_version, topic, state "
                "FROM stored_events WHERE rowid>? "
                + ("AND rowid<? " if before is not None else "")
                + "ORDER BY rowid LIMIT ?",
                (last, before, PAGE) if before is not None else (last, PAGE),
            )
            page = cursor.fetchall()
            if not page:
                return
            yield page
            last = page[-1][0]

    def _apply_page(self, cursor: Any, page: list[Any], bulk: Bulk | None) -> None:
        """Applies one page of `_log_pages`; an event lacking what mxt wrote is a damaged log."""
        events = [(r[0], r[3], decoded(r[0], r[4])) for r in page]
        try:
            self._apply(cursor, events, bulk)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise DamagedLog(
                f"log: a stored event among #{page[0][0]}-#{page[-1][0]} lacks what mxt wrote",
                state=f"{type(error).__name__}: {error}",
            ) from None

    def _apply(self, cursor: Any, events: Sequence[Event], bulk: Bulk | None = None) -> None:
        """Applies (notification id, topic, decoded state) triples, in log order: runs of
        recordings as one insert, runs of corrections and retractions as one batch."""
        run: list[Event] = []
        fixing = False
        regions: list[Event] = []
        for event in events:
            topic = event[1]
            is_fix = topic in (CORRECTED_TOPIC, RETRACTED_TOPIC)
            if topic == REGION_TOPIC:
                regions.append(event)  # a table of its own: in any order with the rest
                continue
            if not is_fix and topic != RECORDED_TOPIC:
                continue
            if is_fix and bulk is not None:
                bulk.deferred.append(event)  # applied once every announcement is in
                continue
            if run and is_fix != fixing:
                self._apply_run(cursor, run, fixing, bulk)
                run = []
            run.append(event)
            fixing = is_fix
        if run:
            self._apply_run(cursor, run, fixing, bulk)
        _insert_regions(cursor, [region_row(*event) for event in regions])

    def _apply_run(self, cursor: Any, run: list[Event], fixing: bool, bulk: Bulk | None) -> None:
        if fixing:
            self._fix(cursor, run)
            return
        groups: Groups = {} if bulk is None else bulk.groups
        rows = [
            _row(notification_id, state["announcement"], stamp, notification_id, stamp, groups)
            for notification_id, _, state in run
            for stamp in (stamp_text(state["timestamp"]),)
        ]
        _insert(cursor, rows, groups if bulk is None else {})
        if bulk is not None and len(groups) > BULK_GROUPS:  # bounded memory: write them now
            _insert(cursor, [], groups)
            groups.clear()

    def _fix(self, cursor: Any, fixes: Sequence[Event]) -> None:
        """Applies corrections and retractions: each closes its announcement's current version
        and opens the next. Lookups and writes are batched; a fix of a version opened earlier
        in the same batch finds it in memory."""
        recording_of = _recordings_of(cursor, [fix[0] for fix in fixes])
        current: Current = {}
        for values in tables.rows_in(
            cursor,
            SELECT_CURRENT + "WHERE v.known_to IS NULL AND v.recording_notification_id IN ({})",
            sorted(set(recording_of.values())),
        ):
            version = Version._make(sealed(values[:STATE]))
            current[version.recording_notification_id] = (version, values[STATE])
        groups: Groups = {}
        closed, opened = _fixed(fixes, recording_of, current, groups)
        _write_fixed(cursor, closed, opened, groups)
        _close_firsts(cursor, closed)  # (rows it opens and closes are listed after, closed)

    def in_step(self, cursor: Any, first_new: int | None = None) -> int:
        """The read model's position (`tables.applied`), after checking that it is in step
        with its rows and the log (`first_new`: the first event being appended); a position
        set behind or ahead of them behind mxt's back is an error naming the way out."""
        held = tables.applied(cursor)
        cursor.execute("SELECT MAX(notification_id) FROM mxt_rm_versions")
        in_rows = cursor.fetchone()[0] or 0
        end = self._max_id(cursor) if first_new is None else first_new - 1
        if in_rows > held or held > end:
            raise DamagedLog(
                f"read model: its position (event #{held}) is out of step with its rows "
                f"(#{in_rows}) or the log (#{end})",
                state=None,
                remedy="rebuild",
            )
        return held

    def prepare(self) -> None:
        """Makes sure the store holds read-model tables of this version, filled, for a command
        about to write: a store without them, or with those of another mxt, has them rebuilt
        from the log in one transaction of its own (so they are never half made), committed
        before the command's first write."""
        if tables.stored_version(self.store) == tables.READ_MODEL_VERSION:
            return
        self.rebuild(refusing("making the read model"), unless_current=True)

    def rebuild(self, check: Check | None = None, *, unless_current: bool = False) -> int:
        """Drops every read-model row and replays the whole log; returns the events applied.

        The tables are made anew and their lookup indexes built once at the end (one sort
        instead of a million index insertions); corrections and retractions are applied once
        every announcement is in, and the groups written once, at the end (`replay`). If
        `check` (verify) raises, nothing is written. `unless_current`: leave tables of this
        version alone (another process made them meanwhile). The tables an mxt up to version 9
        made (`tables.legacy_tables`) are dropped with them.
        """
        legacy = tables.legacy_tables(self.store)
        with self.store.write() as transaction:
            cursor = transaction.cursor
            cursor.execute(tables.META)  # (the write lock makes it once, whoever asks first)
            if unless_current and tables.version_of(cursor) == tables.READ_MODEL_VERSION:
                return 0
            tables.make(cursor, self.store.is_postgres, legacy)
            last = self.replay(cursor, check=check)
            if last:
                tables.set_applied(cursor, last)
            return last

    def replay(
        self,
        cursor: Any,
        before: int | None = None,
        check: Check | None = None,
        *,
        verified: bool = False,
    ) -> int:
        """Fills empty read-model tables from the log (up to event `before`): the heart of
        `rebuild`; `verify` runs it into temporary tables to check the stored ones. Returns
        the last event applied. `check` (verify) reads the log too; if it raises, so does
        the replay, and the caller's transaction writes nothing.

        A log that passes `check` (or that the caller has `verified`) holds only what mxt
        wrote, and SQLite replays it in SQL (`replay_in_sql`); any other log, and every
        PostgreSQL one, is replayed event by event (`replay_in_python`), which names the
        first damaged event it meets.
        """
        if not self.store.is_postgres and (check is not None or verified):
            return self.replay_in_sql(cursor, before, check)
        return self.replay_in_python(cursor, before, check)

    def replay_in_python(
        self, cursor: Any, before: int | None = None, check: Check | None = None
    ) -> int:
        """`replay`, event by event through `_row` and `_fix`: `check` is handed every stored
        event read, page by page as they are applied, so the log is read once for both."""
        bulk = Bulk()
        if check is None:
            last = self._apply_log(cursor, 0, before, bulk)
        else:
            applied = [0]

            def rows() -> Iterator[Any]:
                for page in self._log_pages(cursor, 0, before):
                    self._apply_page(cursor, page, bulk)
                    applied[0] = page[-1][0]
                    yield from page

            check(cursor, rows())
            last = applied[0]
        cursor.execute(RECORDING_INDEX)  # what the fixes seek their rows by
        self._apply(cursor, bulk.deferred)  # each after its announcement, in log order
        _insert(cursor, [], bulk.groups)
        for statement in INDEXES:
            cursor.execute(statement)
        _list_firsts(cursor, FIRSTS, 0, last)
        return last

    def replay_in_sql(
        self, cursor: Any, before: int | None = None, check: Check | None = None
    ) -> int:
        """`replay` on SQLite, the rows the same as `replay_in_python` makes: the rows of the
        recordings are made in SQL (`RECORDED_RANGE`), block after block of the log, then the
        rows of the corrections and retractions (a few in a hundred) are written (by their
        notification ids: no index of the recordings is needed yet), then the groups and
        entities are grouped from the rows and every index is built once (the group index
        first: grouping reads it in order).

        Meanwhile a process of its own (`Store.read_apart`) reads the log, so that its Python
        takes the other core: of each block (`_blocks`) it makes the rows of the later part
        with the same query (`RECORDED_COLUMNS`) and seals them (this process writes them,
        in log order, after writing the earlier part itself: the per-row Python, the seal
        above all, is shared between the two cores), then works out the corrections' and
        retractions' rows (`_fixed_from_log`), then runs `check` (verify), while this
        process builds the indexes. If anything there raises, so does the replay, before
        anything is committed; after a failure, `check` still has its say (verify's refusal
        names what is damaged)."""
        _sql_functions(cursor)
        cursor.execute(
            "SELECT COALESCE(MAX(rowid), 0) FROM stored_events WHERE rowid<?",
            (before if before is not None else self._max_id(cursor) + 1,),
        )
        last: int = cursor.fetchone()[0]
        blocks = _blocks(last)

        def apart(reading: Any) -> Iterator[Any]:
            try:
                _sql_functions(reading)
                shipped = itemgetter(*SHIPPED)
                with closing(_plain(reading)) as made:
                    for _, split, end in blocks:
                        made.execute(RECORDED_COLUMNS, (RECORDED_TOPIC, split, end))
                        yield [(*shipped(row), row_seal(row)) for row in made.fetchall()]
                yield _fixed_from_log(reading, last)
            except Exception:
                if check is not None:  # a log that cannot be read: verify says why
                    check(reading, None)
                raise
            if check is not None:
                check(reading, None)

        answers = self.store.read_apart(apart, cursor)
        try:
            for after, split, _ in blocks:
                cursor.execute(RECORDED_RANGE, (RECORDED_TOPIC, after, split))
                made = next(answers)
                if made:
                    cursor.executemany(INSERT_SHIPPED, made)
            closed, opened, regions = next(answers)
            _write_fixed(cursor, closed, opened, {})  # grouped below, with the recordings
            _insert_regions(cursor, regions)
            for statement in (RECORDING_INDEX, INDEXES[0], GROUPS, ENTITIES, *INDEXES[1:]):
                cursor.execute(statement)
            _list_firsts(cursor, FIRSTS, 0, last)
        finally:  # verify's answer; after a failure here, its refusal says what failed
            for _ in answers:
                pass
        return last

    @staticmethod
    def _max_id(cursor: Any) -> int:
        cursor.execute("SELECT MAX(rowid) FROM stored_events")
        return cursor.fetchone()[0] or 0


# A recording's notification id -> its current version and its stored event's state.
Current = dict[int, tuple[Version, Any]]


def _recordings_of(cursor: Any, fix_ids: Sequence[int]) -> dict[int, int]:
    """Each fix's notification id -> the notification id of its announcement's recording."""
    return dict(
        tables.rows_in(
            cursor,
            "SELECT c.rowid, f.rowid FROM stored_events c JOIN stored_events f "
            "ON f.originator_id = c.originator_id AND f.originator_version = 1 "
            "WHERE c.rowid IN ({})",
            fix_ids,
        )
    )


# A row a fix closes: its `known_to`, its seal with it, its notification id.
Closed = tuple[str, str, int]


def _fixed(
    fixes: Sequence[Event], recording_of: dict[int, int], current: Current, groups: Groups
) -> tuple[list[Closed], dict[int, Version]]:
    """The decision of `_fix`, in log order, `current` kept up to date: the rows already
    written that the fixes close (`Closed`, in row order) and the rows they open (by
    notification id; one a later fix closes has its `known_to` set)."""
    closed: list[Closed] = []
    opened: dict[int, Version] = {}
    for notification_id, topic, state in fixes:
        recording = recording_of.get(notification_id)
        found = current.get(recording) if recording is not None else None
        if recording is None or found is None:
            continue  # an event for an announcement the log does not hold: verify names it
        version, event_state = found
        stamp = stamp_text(state["timestamp"])
        if version.notification_id in opened:  # opened in this batch: closed before written
            opened[version.notification_id] = version._replace(known_to=stamp)
        else:
            closed.append(
                (stamp, row_seal(version._replace(known_to=stamp)), version.notification_id)
            )
        content = content_of(version.content, event_state)
        if topic == CORRECTED_TOPIC:
            content = apply_changes(content, state["changes"])
            row = _row(notification_id, content, version.recorded_at, recording, stamp, groups,
                       event="corrected", reason=state["reason"], changes=state["changes"],
                       own_content=True)  # fmt: skip
        else:
            row = _row(notification_id, content, version.recorded_at, recording, stamp, groups,
                       event="retracted", reason=state["reason"], retracted=True,
                       own_content=version.content is not None)  # fmt: skip
        opened[notification_id] = Version._make(row)
        current[recording] = (opened[notification_id], event_state)
    closed.sort(key=itemgetter(2))  # in row order: a large table is updated page after page
    return closed, opened


def _write_fixed(
    cursor: Any, closed: list[Closed], opened: dict[int, Version], groups: Groups
) -> None:
    """Writes what `_fixed` decided: the closed rows' `known_to` (and seal), then the opened
    rows."""
    if closed:
        cursor.executemany(
            "UPDATE mxt_rm_versions SET known_to=?, seal=? WHERE notification_id=?", closed
        )
    _insert(cursor, list(opened.values()), groups)


def _fixed_from_log(
    cursor: Any, last: int
) -> tuple[list[Closed], dict[int, Version], list[RegionRow]]:
    """`_fixed` of every correction and retraction up to event `last`, worked out from
    the log alone (the replay in SQL runs it in a process of its own while it writes the
    recordings' rows): each fixed announcement's current version starts as its recording's
    row, made by `_row` as `RECORDED_RANGE` makes it (`tests/test_replay_sql.py`). With them,
    the rows of the regions' definitions, found by the same walk of the log."""
    cursor.execute(
        "SELECT rowid, topic, state FROM stored_events WHERE topic IN (?, ?, ?) AND rowid<=? "
        "ORDER BY rowid",
        (CORRECTED_TOPIC, RETRACTED_TOPIC, REGION_TOPIC, last),
    )
    fixes: list[Event] = []
    regions: list[RegionRow] = []
    for notification_id, topic, stored in cursor.fetchall():
        if topic == REGION_TOPIC:
            regions.append(region_row(notification_id, topic, decoded(notification_id, stored)))
        else:
            fixes.append((notification_id, topic, decoded(notification_id, stored)))
    recording_of = _recordings_of(cursor, [fix[0] for fix in fixes])
    current: Current = {}
    for recording, state in tables.rows_in(
        cursor,
        "SELECT rowid, state FROM stored_events WHERE topic=? AND rowid IN ({})",
        sorted(set(recording_of.values())),
        RECORDED_TOPIC,
    ):
        event = decoded(recording, state)
        stamp = stamp_text(event["timestamp"])
        row = _row(recording, event["announcement"], stamp, recording, stamp, {})
        current[recording] = (Version._make(row), state)
    return (*_fixed(fixes, recording_of, current, {}), regions)


def region_row(notification_id: int, _: str, state: dict[str, Any]) -> RegionRow:
    """The `mxt_rm_regions` row of a region's definition (notification id, topic, state)."""
    region = state["region"]
    return RegionRow(
        notification_id,
        region["name"],
        json.dumps(region["markets"], ensure_ascii=False),
        json.dumps(region["except"], ensure_ascii=False),
        region["reason"],
        stamp_text(state["timestamp"]),
    )


INSERT_REGION = (
    f"INSERT INTO mxt_rm_regions ({REGION_COLUMNS}, seal) "
    f"VALUES ({','.join('?' * (len(RegionRow._fields) + 1))})"
)


def _insert_regions(cursor: Any, rows: Sequence[RegionRow]) -> None:
    """Writes the rows of regions' definitions, each with its seal."""
    if rows:
        cursor.executemany(INSERT_REGION, [(*row, row_seal(row)) for row in rows])


def decoded(notification_id: int, state: bytes) -> dict[str, Any]:
    """A stored event's JSON state; bytes that are not JSON are a damaged log (exit 1)."""
    try:
        value: dict[str, Any] = decode(state)
    except ValueError:
        raise DamagedLog(f"log: stored event #{notification_id} is not JSON") from None
    if not isinstance(value, dict):
        raise DamagedLog(f"log: stored event #{notification_id} is not a JSON object")
    return value


INSERT = f"INSERT INTO mxt_rm_versions ({COLUMNS}, seal) VALUES ({','.join('?' * STATE)})"
UPSERT_FIRST_ON = (
    "INSERT INTO {table} VALUES ({values}) ON CONFLICT ({key}) DO UPDATE SET first_on = "
    "CASE WHEN excluded.first_on < {table}.first_on THEN excluded.first_on "
    "ELSE {table}.first_on END"
)
UPSERT_GROUP = (
    UPSERT_FIRST_ON.format(
        table="mxt_rm_groups", values="?,?,?,?,?,?", key="company_key, kind, model_key, subject"
    )
    + ", ranks = mxt_rm_groups.ranks | excluded.ranks"
)
UPSERT_ENTITY = UPSERT_FIRST_ON.format(
    table="mxt_rm_entities", values="?,?,?", key="company_key, model_key"
)


def _insert(cursor: Any, rows: Sequence[tuple[Any, ...]], groups: Groups) -> None:
    """Writes version rows, and the groups (and companies and models) they belong to, each
    with the earliest `announced_on` seen."""
    if rows:
        cursor.executemany(INSERT, [(*row, row_seal(row)) for row in rows])
    if groups:
        cursor.executemany(UPSERT_GROUP, [(*group, *held) for group, held in groups.items()])
        entities: dict[tuple[str, str], str] = {}
        for (company_key, _, model_key, _), (first, _) in groups.items():
            if entities.get((company_key, model_key), first) >= first:
                entities[(company_key, model_key)] = first
        cursor.executemany(UPSERT_ENTITY, [(*entity, first) for entity, first in entities.items()])


def _row(
    notification_id: int,
    content: dict[str, Any],
    recorded_at: str,
    recording: int,
    known_from: str,
    groups: Groups,
    *,
    retracted: bool = False,
    event: str = "recorded",
    reason: str | None = None,
    changes: dict[str, Any] | None = None,
    own_content: bool = False,
) -> tuple[Any, ...]:
    """An `mxt_rm_versions` row (the columns of `Version`, as a plain tuple: a rebuild makes a
    million), its group noted in `groups` (with the earliest date seen and its rank)."""
    company = content["company"]
    model = content.get("model")
    group = (key(company), content["kind"], key(model), subject_of(content))
    announced_on = content["announced_on"]
    level = rank(content)
    held = groups.get(group)
    if held is None:
        groups[group] = [announced_on, 1 << level]
    else:
        held[0] = min(held[0], announced_on)
        held[1] |= 1 << level
    return (
        notification_id,
        content["id"],
        group[1],
        group[0],
        group[2],
        group[3],
        company,
        model,
        announced_on,
        recorded_at,
        recording,
        known_from,
        None,
        int(retracted),
        event,
        reason,
        json.dumps(changes, ensure_ascii=False) if changes is not None else None,
        json.dumps(content, ensure_ascii=False) if own_content else None,
        level,
    )


# -- the replay in SQL (SQLite) ----------------------------------------------------------------

# `stamp_text` of the event's `timestamp` (`t`): its own shortcut in SQL, else the function.
_STAMP = "CASE WHEN length(t)=27 AND substr(t, 27)='Z' THEN t ELSE mxt_stamp(t) END"
# `rank` of the announcement's `certainty`: a name of `RANK`, anything else as confirmed.
_RANK = (
    "CASE certainty "
    + " ".join(f"WHEN '{name}' THEN {level}" for name, level in RANK.items())
    + f" ELSE {RANK['confirmed']} END"
)
# Each `mxt_rm_versions` column of a recording's row, as `_row` makes it (`Version`'s fields).
_RECORDED_COLUMNS = {
    "notification_id": "rowid", "ann_id": "id", "kind": "kind",
    "company_key": "mxt_key(company)", "model_key": "mxt_key(model)",
    "subject": "mxt_subject(kind, slots)", "company": "company", "model": "model",
    "announced_on": "announced_on", "recorded_at": _STAMP, "recording_notification_id": "rowid",
    "known_from": _STAMP, "known_to": "NULL", "retracted": "0", "event": "'recorded'",
    "reason": "NULL", "changes": "NULL", "content": "NULL", "rank": _RANK,
}  # fmt: skip
# The fields the row needs, read from the stored event's JSON text (`s`); `slots` holds the
# fields `subject_of` reads, as one JSON array.
_FIELDS = ", ".join(
    [
        "json_extract(s, '$.timestamp') AS t",
        *(
            f"json_extract(s, '$.announcement.{name}') AS {name}"
            for name in ("id", "kind", "company", "model", "announced_on", "certainty")
        ),
        "json_extract(s, "
        + ", ".join(f"'$.announcement.{name}'" for name in SUBJECT_FIELDS)
        + ") AS slots",
    ]
)
# `LIMIT -1 OFFSET 0` keeps SQLite from flattening a subquery into the one around it, which
# would parse the JSON and call the functions once per use of a column instead of once.
_UNFLATTENED = "LIMIT -1 OFFSET 0"


def _recorded_columns(events: str) -> str:
    """The query of the columns (`Version`'s, unsealed) of the row of every recording among
    the stored events `events` chooses (a condition on `rowid`, after the topic's parameter),
    in log order."""
    return (
        "SELECT "
        + ", ".join(f"{_RECORDED_COLUMNS[column]} AS {column}" for column in Version._fields)
        + f" FROM (SELECT rowid, {_FIELDS} "
        "FROM (SELECT rowid, CAST(state AS TEXT) AS s FROM stored_events WHERE topic=? "
        f"AND {events} ORDER BY rowid {_UNFLATTENED}) {_UNFLATTENED})"
    )


def _recorded_rows(events: str) -> str:
    """The statement writing those rows, each with its seal (`row_seal`, of the columns as
    made: the innermost queries make them once)."""
    return (
        f"INSERT INTO mxt_rm_versions ({COLUMNS}, seal) SELECT *, mxt_seal({COLUMNS}) FROM ("
        f"{_recorded_columns(events)} {_UNFLATTENED})"
    )


# The rows of the recordings after one notification id, up to another (parameters: the
# topic, the two ids): written in SQL (a bulk import's, and a rebuild's share of them), or
# made in SQL and sealed in Python (the share a rebuild's other process makes).
RECORDED_RANGE = _recorded_rows("rowid>? AND rowid<=?")
RECORDED_COLUMNS = _recorded_columns("rowid>? AND rowid<=?")


def _shipped() -> tuple[list[int], str]:
    """What a row made by `RECORDED_COLUMNS` elsewhere is handed over as, and the statement
    writing it: of the columns whose expression is the same (`_RECORDED_COLUMNS`), the first
    only, and no column that is a constant (a recording's `known_to`, `event`, …), which the
    statement writes itself; then the seal of the whole row. A third of the values to
    pickle and bind, the same row written."""
    shipped: list[str] = []
    values: list[str] = []
    for column in Version._fields:
        expression = _RECORDED_COLUMNS[column]
        if re.fullmatch(r"NULL|-?\d+|'[^']*'", expression):
            values.append(expression)
            continue
        first = next(c for c in Version._fields if _RECORDED_COLUMNS[c] == expression)
        if first == column:
            shipped.append(column)
        values.append(f"?{shipped.index(first) + 1}")
    statement = (
        f"INSERT INTO mxt_rm_versions ({COLUMNS}, seal) "
        f"VALUES ({', '.join(values)}, ?{len(shipped) + 1})"
    )
    return [Version._fields.index(column) for column in shipped], statement


# The places in a row of the values handed over, and the statement writing them.
SHIPPED, INSERT_SHIPPED = _shipped()
# The groups, and the companies and models, of every row, as `_insert` writes them.
GROUPS = (
    "INSERT INTO mxt_rm_groups SELECT company_key, kind, model_key, subject, MIN(announced_on), "
    + " | ".join(f"(MAX(rank={level}) << {level})" for level in sorted(set(RANK.values())))
    + " FROM mxt_rm_versions GROUP BY company_key, kind, model_key, subject"
)
ENTITIES = (
    "INSERT INTO mxt_rm_entities SELECT company_key, model_key, MIN(first_on) FROM mxt_rm_groups "
    "GROUP BY company_key, model_key"
)
# The same of the rows after one notification id, up to another (a bulk import's), merged
# into those held (`UPSERT_GROUP`, `UPSERT_ENTITY`).
_IN_RANGE = " FROM mxt_rm_versions WHERE notification_id>? AND notification_id<=? GROUP BY "
GROUPS_RANGE = UPSERT_GROUP.replace(
    "VALUES (?,?,?,?,?,?)",
    "SELECT company_key, kind, model_key, subject, MIN(announced_on), "
    + " | ".join(f"(MAX(rank={level}) << {level})" for level in sorted(set(RANK.values())))
    + _IN_RANGE
    + "company_key, kind, model_key, subject",
)
ENTITIES_RANGE = UPSERT_ENTITY.replace(
    "VALUES (?,?,?)",
    "SELECT company_key, model_key, MIN(announced_on)" + _IN_RANGE + "company_key, model_key",
)


@lru_cache(maxsize=65536)
def _subject(kind: str, slots: str) -> str:
    """`subject_of` an announcement, given its kind and its `SUBJECT_FIELDS` as the JSON array
    SQL extracts (a field absent or null is left out); alike announcements share an answer."""
    values = json.loads(slots)
    present = {
        name: value for name, value in zip(SUBJECT_FIELDS, values, strict=True) if value is not None
    }
    return subject_of({"kind": kind, **present})


# A rebuild's blocks of the log (`_blocks`): notification ids a block spans at most, and the
# share of them whose recordings' rows the writing process makes itself (the other process
# makes the rest and seals them: `replay_in_sql`). Measured one after the other at 100,000
# (this machine): the writing process spends about 11 µs making and writing a row in SQL
# and 3.9 µs writing one made elsewhere; the other 13 µs making and sealing one, and then
# works out the corrections (0.19 s) before the writing process may go on. A share of 0.55
# has both ready at about the same moment (0.76 s; the writing process alone took 1.06 s).
BLOCK = 10_000
WRITER_SHARE = 0.55


def _blocks(last: int) -> list[tuple[int, int, int]]:
    """The blocks of the log up to notification `last`, in order, each as the id it starts
    after, the last id of its earlier part (made by the writing process) and its last id.
    A short log is cut into a few blocks, so that both parts of each are made however short
    it is."""
    size = max(2, min(BLOCK, -(-last // 4)))
    share = max(1, int(size * WRITER_SHARE))
    return [
        (after, min(after + share, last), min(after + size, last)) for after in range(0, last, size)
    ]


def _plain(cursor: Any) -> Any:
    """A cursor of the same connection (so of the same transaction) giving rows as plain
    tuples, whatever rows `cursor` gives (a row is sealed as the tuple it is written as)."""
    plain = cursor.sqlite_cursor.connection.cursor()
    plain.row_factory = None
    return plain


def _sql_functions(cursor: Any) -> None:
    """Lets the cursor's SQLite connection call `key`, `subject_of`, `stamp_text` and
    `row_seal`."""
    connection = cursor.sqlite_cursor.connection
    connection.create_function("mxt_key", 1, key, deterministic=True)
    connection.create_function("mxt_subject", 2, _subject, deterministic=True)
    connection.create_function("mxt_stamp", 1, stamp_text, deterministic=True)
    connection.create_function("mxt_seal", len(Version._fields), seal_of, deterministic=True)


# -- the rows that spell each company and model (`mxt_rm_firsts`, `tables.py`) ---------------


def _next_first(step: str, since: str | None = None) -> str:
    """The next row of an entity (a row of `step`) to list, or to stop at, among the rows
    after `after` and before `found`: the earliest not retracted (of versions at the same
    place in time, the later one). The seek runs down `mxt_rm_entity` from the entity's first
    row, or from the date of `since` (the row found before: no row before it in time was
    written before it), up to the date of the entity's last listed row (`held_…`), reading
    only the index's entries until one is a candidate."""
    start = "" if since is None else f"AND v.announced_on>={since}.announced_on "
    return (
        "CAST((SELECT v.notification_id FROM mxt_rm_versions v "
        f"WHERE v.company_key={step}.company_key AND v.model_key={step}.model_key {start}"
        f"AND v.announced_on<={step}.held_on "
        f"AND v.notification_id>{step}.after AND v.notification_id<{step}.found "
        "AND v.retracted=0 ORDER BY v.announced_on, v.recorded_at, "
        "v.recording_notification_id, v.notification_id DESC LIMIT 1) AS BIGINT)"
    )


# A row found (`p`) that comes no later than its entity's last listed row (`s.held_…`).
_NO_LATER = (
    "(p.announced_on, p.recorded_at, p.recording_notification_id) "
    "<= (s.held_on, s.held_at, s.held_recording)"
)


def _firsts(entities: str) -> str:
    """The statement finding, for `mxt_rm_firsts` (`First`'s columns), the rows after one
    notification id up to another (parameters: the two ids, as `b.after` and `b.last`) that
    come no later than every row before them of their company or model, among the
    `entities` (a query of their `company_key, model_key`). They are found last first: the
    earliest of the new rows, then the earliest of those written before it, and so on back
    to the first, or to one that comes after the entity's last listed row (so do all before
    it)."""
    columns = "company_key, model_key, after, found, held_on, held_at, held_recording"
    return (
        "WITH RECURSIVE b(after, last) AS (SELECT CAST(? AS BIGINT), CAST(? AS BIGINT)), "
        f"t({columns}) AS (SELECT e.company_key, e.model_key, b.after, b.last + 1, "
        "COALESCE(h.announced_on, '~'), COALESCE(h.recorded_at, ''), "
        "COALESCE(h.recording_notification_id, 0) "
        f"FROM ({entities}) e CROSS JOIN b LEFT JOIN mxt_rm_versions h ON h.notification_id = "
        "(SELECT MAX(f.notification_id) FROM mxt_rm_firsts f "
        "WHERE f.company_key=e.company_key AND f.model_key=e.model_key)), "
        f"s({columns}) AS (SELECT company_key, model_key, after, {_next_first('t')}, held_on, "
        "held_at, held_recording FROM t "
        f"UNION ALL SELECT s.company_key, s.model_key, s.after, {_next_first('s', 'p')}, "
        "s.held_on, s.held_at, s.held_recording FROM s "
        f"JOIN mxt_rm_versions p ON p.notification_id = s.found WHERE {_NO_LATER}) "
        f"SELECT {', '.join('p.' + column for column in First._fields)} "
        f"FROM s JOIN mxt_rm_versions p ON p.notification_id = s.found WHERE {_NO_LATER}"
    )


INSERT_FIRST = (
    f"INSERT INTO mxt_rm_firsts ({FIRST_COLUMNS}, seal) "
    f"VALUES ({','.join('?' * (len(First._fields) + 1))})"
)


def _list_firsts(cursor: Any, statement: str, after: int, last: int) -> None:
    """Lists in `mxt_rm_firsts`, each with its seal, the rows after notification `after` up to
    `last` that `statement` (`FIRSTS` or `FIRSTS_RANGE`) finds."""
    cursor.execute(statement, (after, last))
    found = cursor.fetchall()
    if found:
        cursor.executemany(INSERT_FIRST, [(*row, row_seal(row)) for row in found])


def _close_firsts(cursor: Any, closed: Sequence[Closed]) -> None:
    """Sets `known_to` (and the seal) of the listed rows that corrections and retractions
    have just closed (`Closed`), sought by their keys (the versions' rows say them)."""
    when = {notification_id: stamp for stamp, _, notification_id in closed}
    rows = list(
        tables.rows_in(
            cursor,
            f"SELECT {FIRST_COLUMNS}, seal FROM mxt_rm_firsts "
            "WHERE (company_key, model_key, notification_id) IN (SELECT company_key, model_key, "
            "notification_id FROM mxt_rm_versions WHERE notification_id IN ({}))",
            sorted(when),
        )
    )
    changed = [First._make(sealed(row, len(First._fields))) for row in rows]
    changed = [row._replace(known_to=when[row.notification_id]) for row in changed]
    if changed:
        cursor.executemany(
            "UPDATE mxt_rm_firsts SET known_to=?, seal=? "
            "WHERE company_key=? AND model_key=? AND notification_id=?",
            [(row.known_to, row_seal(row), row.company_key, row.model_key, row.notification_id)
             for row in changed],
        )  # fmt: skip


# Of every company and model (a rebuild: every row is new), or of those with rows in the range.
FIRSTS = _firsts("SELECT company_key, model_key FROM mxt_rm_entities")
FIRSTS_RANGE = _firsts(
    "SELECT DISTINCT company_key, model_key FROM mxt_rm_versions, b "
    "WHERE notification_id>b.after AND notification_id<=b.last"
)
