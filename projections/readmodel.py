"""The read model: versioned rows of every announcement, kept beside the log.

`rm_versions` holds one row per version of an announcement's content: a correction closes
the current row (`known_to`) and opens a new one; a retraction opens a row marked retracted.
A row is what was known during `[known_from, known_to)` in transaction time; `announced_on`
is its valid time. A recorded (uncorrected) row keeps no copy of its content: it is read from
the stored event itself (`seq`), so the read model costs little beside the log.

Every row belongs to a *group*: (company, kind, model, subject), where the subject is what a
later announcement of the same kind replaces, its slot (a target's metric, period and scope,
an order stage, a launch market, …; `events/kinds.py`). Each row keeps its `rank`
(0 confirmed, 1 reported, 2 expected). `rm_groups` lists the groups with the earliest date of
any row in them, so that "the latest announcement of each rank in each group as of D, known
at T" is one indexed seek per group and rank it holds (`ranks`), however long the history
behind it. That is
what keeps as-of queries flat.
`rm_entities` lists each company and model the same way, for their names.

The rows are written by the same transaction that appends the events (the store calls
`ReadModel.process`), and caught up from the log at the start of a command when behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from eventsourcing.persistence import Notification, StoredEvent, Tracking
from eventsourcing.sqlite import SQLiteTrackingRecorder

from mxt.domain.integrity import event_digest
from mxt.domain.store import Store, stamp_text
from mxt.events.content import apply_changes
from mxt.events.kinds import RANK, rank, subject_of, upcast

# The shape of the read-model tables: a store whose tables have another version drops them
# and rebuilds them from the log when first opened.
READ_MODEL_VERSION = "7"
TRACKING_NAME = "mxt-readmodel"
PAGE = 5000
BULK_GROUPS = 50_000  # groups a rebuild keeps in memory before writing them

# The topics of the stored events (`eventsourcing.utils.get_topic` of the domain's classes),
# spelled out so that reading never imports the domain's pydantic models.
RECORDED = "mxt.domain.model:AnnouncementRecorded"
CORRECTED = "mxt.domain.model:AnnouncementCorrected"
RETRACTED = "mxt.domain.model:AnnouncementRetracted"


class Version(NamedTuple):
    """One `rm_versions` row, its columns in the table's order."""

    event_id: int
    ann_id: str
    kind: str
    company_key: str
    model_key: str
    subject: str
    company: str
    model: str | None
    announced_on: str
    recorded_at: str
    seq: int
    known_from: str
    known_to: str | None
    retracted: int
    event: str
    reason: str | None
    changes: str | None  # JSON
    content: str | None  # JSON, for a version whose content is not its recorded event's
    rank: int


COLUMNS = ", ".join(Version._fields)
META = "CREATE TABLE IF NOT EXISTS rm_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
TABLES = [
    "CREATE TABLE rm_versions ("
    "event_id INTEGER PRIMARY KEY, ann_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, company_key TEXT NOT NULL, model_key TEXT NOT NULL, "
    "subject TEXT NOT NULL, company TEXT NOT NULL, model TEXT, announced_on TEXT NOT NULL, "
    "recorded_at TEXT NOT NULL, seq INTEGER NOT NULL, known_from TEXT NOT NULL, "
    "known_to TEXT, retracted INTEGER NOT NULL, event TEXT NOT NULL, reason TEXT, "
    "changes TEXT, content TEXT, rank INTEGER NOT NULL)",
    "CREATE TABLE rm_entities ("
    "company_key TEXT NOT NULL, model_key TEXT NOT NULL, first_on TEXT NOT NULL, "
    "PRIMARY KEY (company_key, model_key))",
    "CREATE TABLE rm_groups ("
    "company_key TEXT NOT NULL, kind TEXT NOT NULL, model_key TEXT NOT NULL, "
    "subject TEXT NOT NULL, first_on TEXT NOT NULL, ranks INTEGER NOT NULL, "
    "PRIMARY KEY (company_key, kind, model_key, subject))",
    "CREATE INDEX rm_seq ON rm_versions (seq)",
]
# (company, kind, model, subject) -> [first_on, ranks]: the earliest date of any row of the
# group, and the ranks of its rows as bits (rank r is bit 1 << r), so that a query seeks
# only the ranks a group holds.
Groups = dict[tuple[str, str, str, str], list[Any]]
Event = tuple[int, str, dict[str, Any]]  # notification id, topic, decoded state
# A check of the log run during a rebuild, given the cursor and every stored event as it is
# read (`(notification id, aggregate id, version, topic, state)`); it raises to refuse.
Check = Callable[[Any, Iterator[Any]], None]


@dataclass
class Bulk:
    """What a rebuild gathers to apply at the end: groups, corrections and retractions."""

    groups: Groups = field(default_factory=dict)
    deferred: list[Event] = field(default_factory=list)


# Indexes that a rebuild drops first and builds once at the end.
INDEXES = [
    "CREATE INDEX IF NOT EXISTS rm_group ON rm_versions "
    "(company_key, kind, model_key, subject, rank, announced_on, recorded_at, seq, "
    "known_from, known_to, retracted)",  # covering: a seek reads no table row it skips
    "CREATE INDEX IF NOT EXISTS rm_entity ON rm_versions "
    "(company_key, model_key, announced_on, recorded_at, seq, known_from, known_to, retracted)",
    # a market's groups (launches, entries, showcases there) across every company
    "CREATE INDEX IF NOT EXISTS rm_group_subject ON rm_groups (kind, subject, first_on)",
]
# A version row `v` known at a moment (two parameters: the moment, twice).
VISIBLE = "v.known_from<=? AND (v.known_to IS NULL OR v.known_to>?)"
# A version row as `_row` builds it, then its announcement's stored event state.
SELECT_CURRENT = (
    "SELECT v.event_id, v.ann_id, v.kind, v.company_key, v.model_key, v.subject, v.company, "
    "v.model, v.announced_on, v.recorded_at, v.seq, v.known_from, v.known_to, v.retracted, "
    "v.event, v.reason, v.changes, v.content, v.rank, e.state "
    "FROM rm_versions v JOIN stored_events e ON e.rowid = v.seq "
)
STATE = len(Version._fields)  # the stored event's state, after a row's own columns
SELECT_ROW = (
    "SELECT v.ann_id, v.content, v.recorded_at, v.seq, v.retracted, "
    "v.known_from, v.event, v.reason, v.changes, e.state, "
    "e.originator_id, e.originator_version, e.topic, c.digest "  # to check the event is intact
    "FROM rm_versions v JOIN stored_events e ON e.rowid = v.seq "
    "LEFT JOIN mxt_chain c ON c.notification_id = e.rowid "
)


@lru_cache(maxsize=8192)
def key(name: str | None) -> str:
    """The matching key of a company or model name: NFKC-normalised, case-insensitive,
    spaces collapsed (`ＸＩＡＯＭＩ` finds Xiaomi)."""
    from unicodedata import normalize

    return " ".join(normalize("NFKC", name).split()).casefold() if name else ""


@dataclass(frozen=True)
class Row:
    """One version of one announcement, as the queries see it."""

    ann_id: str
    content: dict[str, Any]
    recorded_at: str
    seq: int
    retracted: bool
    known_from: str
    event: str
    reason: str | None
    changes: dict[str, Any] | None

    @property
    def announced_on(self) -> str:
        return str(self.content["announced_on"])

    @property
    def order(self) -> tuple[str, str, int]:
        """Announcements in time: `announced_on`, then the later record of the same day."""
        return (self.announced_on, self.recorded_at, self.seq)


class ReadModelRecorder(SQLiteTrackingRecorder):
    """Read-model tables and the tracking row, in the store's own SQLite database."""

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), META]


def tracking_recorder(store: Store) -> Any:
    """The recorder of the read model's tables and tracking row, for the store's backend."""
    if not store.is_postgres:
        return ReadModelRecorder(store.datastore)
    from eventsourcing.postgres import PostgresTrackingRecorder
    from psycopg.sql import SQL

    recorder = PostgresTrackingRecorder(store.datastore, tracking_table_name="mxt_tracking")
    recorder.sql_create_statements.append(SQL(META))  # type: ignore[arg-type]
    return recorder


class ReadModel:
    """Keeps `rm_versions` and `rm_groups` in step with the log of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.recorder = tracking_recorder(store)
        store.ensure_tables(("tracking", "rm_meta"), self.recorder.create_table)
        self._upgrade()

    def _upgrade(self) -> None:
        """Makes the read-model tables of this version, dropping those of another version
        (of a store written by an older mxt); catch-up then fills them from the log."""
        with self.store.read() as cursor:
            cursor.execute("SELECT value FROM rm_meta WHERE name='version'")
            found = cursor.fetchone()
        if found is not None and found[0] == READ_MODEL_VERSION:
            return
        with self.store.write() as transaction:
            cursor = transaction.cursor
            cursor.execute("SELECT value FROM rm_meta WHERE name='version'")
            found = cursor.fetchone()
            if found is not None and found[0] == READ_MODEL_VERSION:
                return  # another process upgraded it meanwhile
            for table in ("rm_versions", "rm_groups", "rm_entities"):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in TABLES + INDEXES:
                cursor.execute(statement)
            cursor.execute("DELETE FROM tracking WHERE application_name=?", (TRACKING_NAME,))
            cursor.execute("DELETE FROM rm_meta WHERE name='version'")
            cursor.execute("INSERT INTO rm_meta VALUES ('version', ?)", (READ_MODEL_VERSION,))

    # -- writing -----------------------------------------------------------------------

    def position(self, cursor: Any) -> int:
        """The last notification id the read model has applied."""
        return self.recorder._max_tracking_id(TRACKING_NAME, _native(cursor)) or 0

    def process(
        self,
        cursor: Any,
        notifications: Sequence[Notification],
        states: Sequence[dict[str, Any]] | None = None,
        bulk: Bulk | None = None,
    ) -> None:
        """Applies new notifications (with their decoded `states`, when the caller has them),
        first catching up on any the model has not seen.

        With `bulk` (a rebuild), groups, corrections and retractions are gathered there for
        the caller to apply once every announcement is in, instead of batch by batch.
        """
        first = notifications[0].id if notifications else None
        position = self.in_step(cursor, first)
        position = self._apply_log(cursor, position, first, bulk)
        new = [n for n in notifications if n.id > position]
        if new:
            states = (
                states[-len(new) :] if states is not None else [decoded(n.id, n.state) for n in new]
            )
            self._apply(
                cursor, [(n.id, n.topic, state) for n, state in zip(new, states, strict=True)],
                bulk,
            )  # fmt: skip
            position = new[-1].id
        if position > self.position(cursor):
            self.recorder._insert_tracking(_native(cursor), Tracking(TRACKING_NAME, position))

    def _apply_log(self, cursor: Any, after: int, before: int | None, bulk: Bulk | None) -> int:
        """Applies the stored events after notification `after` (and before `before`), read
        from the log page by page; returns the last one applied (`after` if none)."""
        position = after
        for page in self._log_pages(cursor, after, before):
            self._apply_page(cursor, page, bulk)
            position = page[-1][0]
        return position

    def _log_pages(self, cursor: Any, after: int, before: int | None) -> Iterator[list[Any]]:
        """The stored events after notification `after` (and before `before`) in pages, each
        as `(notification id, aggregate id, version, topic, state)`: what verify reads too."""
        position = after
        while True:
            cursor.execute(
                "SELECT rowid, originator_id, originator_version, topic, state "
                "FROM stored_events WHERE rowid>? "
                + ("AND rowid<? " if before is not None else "")
                + "ORDER BY rowid LIMIT ?",
                (position, before, PAGE) if before is not None else (position, PAGE),
            )
            page = cursor.fetchall()
            if not page:
                return
            yield page
            position = page[-1][0]

    def _apply_page(self, cursor: Any, page: list[Any], bulk: Bulk | None) -> None:
        """Applies one page of `_log_pages`; an event lacking what mxt wrote is a damaged log."""
        events = [(r[0], r[3], decoded(r[0], r[4])) for r in page]
        try:
            self._apply(cursor, events, bulk)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            from mxt.domain.errors import DamagedLog

            raise DamagedLog(
                f"log: a stored event among #{page[0][0]}-#{page[-1][0]} lacks what mxt "
                f"wrote ({type(error).__name__}: {error}; see mxt verify)"
            ) from None

    def _apply(self, cursor: Any, events: Sequence[Event], bulk: Bulk | None = None) -> None:
        """Applies (notification id, topic, decoded state) triples, in log order: runs of
        recordings as one insert, runs of corrections and retractions as one batch."""
        run: list[Event] = []
        fixing = False
        for event in events:
            topic = event[1]
            is_fix = topic in (CORRECTED, RETRACTED)
            if not is_fix and topic != RECORDED:
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
        seq_of: dict[int, int] = {}  # fix's notification id -> its announcement's first event
        ids = [fix[0] for fix in fixes]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(
                "SELECT c.rowid, f.rowid FROM stored_events c JOIN stored_events f "
                "ON f.originator_id = c.originator_id AND f.originator_version = 1 "
                f"WHERE c.rowid IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            seq_of.update((row[0], row[1]) for row in cursor.fetchall())
        current: dict[int, tuple[Version, Any]] = {}  # seq -> current version, event state
        seqs = sorted(set(seq_of.values()))
        for start in range(0, len(seqs), 500):
            chunk = seqs[start : start + 500]
            cursor.execute(
                SELECT_CURRENT + f"WHERE v.known_to IS NULL AND v.seq IN "
                f"({','.join('?' * len(chunk))})",
                chunk,
            )
            for values in cursor.fetchall():
                version = Version(*values[:STATE])
                current[version.seq] = (version, values[STATE])
        closed: list[tuple[str, int]] = []  # (known_to, event_id) of rows already written
        opened: dict[int, Version] = {}  # event_id -> rows this batch writes
        groups: Groups = {}
        for notification_id, topic, state in fixes:
            seq = seq_of.get(notification_id)
            found = current.get(seq) if seq is not None else None
            if seq is None or found is None:
                continue  # an event for an announcement the log does not hold: verify names it
            version, event_state = found
            stamp = stamp_text(state["timestamp"])
            if version.event_id in opened:  # opened in this batch: closed before it is written
                opened[version.event_id] = version._replace(known_to=stamp)
            else:
                closed.append((stamp, version.event_id))
            content = _content(version.content, event_state)
            if topic == CORRECTED:
                content = apply_changes(content, state["changes"])
                row = _row(notification_id, content, version.recorded_at, seq, stamp, groups,
                           event="corrected", reason=state["reason"], changes=state["changes"],
                           own_content=True)  # fmt: skip
            else:
                row = _row(notification_id, content, version.recorded_at, seq, stamp, groups,
                           event="retracted", reason=state["reason"], retracted=True,
                           own_content=version.content is not None)  # fmt: skip
            opened[notification_id] = Version._make(row)
            current[seq] = (opened[notification_id], event_state)
        if closed:
            cursor.executemany("UPDATE rm_versions SET known_to=? WHERE event_id=?", closed)
        _insert(cursor, list(opened.values()), groups)

    def in_step(self, cursor: Any, first_new: int | None = None) -> int:
        """The read model's position, after checking that it is in step with its rows and the
        log (`first_new`: the first event being appended); a tracking position set behind
        or ahead of them behind mxt's back is an error naming the way out."""
        from mxt.domain.errors import DamagedLog

        position = self.position(cursor)
        cursor.execute("SELECT MAX(event_id) FROM rm_versions")
        applied = cursor.fetchone()[0] or 0
        end = self._max_id(cursor) if first_new is None else first_new - 1
        if applied > position or position > end:
            raise DamagedLog(
                f"read model: its position (event #{position}) is out of step with its rows "
                f"(#{applied}) or the log (#{end}): run mxt rebuild"
            )
        return position

    def catch_up(self) -> int:
        """Brings the read model up to the end of the log; returns how many events it applied."""
        with self.store.read() as cursor:
            behind = self.in_step(cursor) < self._max_id(cursor)
        if not behind:
            return 0
        with self.store.write() as transaction:
            before = self.position(transaction.cursor)
            self.process(transaction.cursor, [])
            return self.position(transaction.cursor) - before

    def rebuild(self, check: Check | None = None) -> int:
        """Drops every read-model row and replays the whole log; returns the events applied.

        The tables are made anew and their lookup indexes built once at the end (one sort
        instead of a million index insertions); corrections and retractions are applied once
        every announcement is in, and the groups written once, at the end. `check` (verify)
        is handed the stored events as they are read, so the log is read once for both; if
        it raises, nothing is written.
        """
        with self.store.write() as transaction:
            cursor = transaction.cursor
            for table in ("rm_versions", "rm_groups", "rm_entities"):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in TABLES:
                cursor.execute(statement)
            cursor.execute("DELETE FROM tracking WHERE application_name=?", (TRACKING_NAME,))
            position = self.replay(cursor, check=check)
            if position:
                self.recorder._insert_tracking(_native(cursor), Tracking(TRACKING_NAME, position))
            return position

    def replay(self, cursor: Any, before: int | None = None, check: Check | None = None) -> int:
        """Fills empty read-model tables from the log (up to event `before`): the heart of
        `rebuild`; `verify` runs it into temporary tables to check the stored ones. Returns
        the last event applied. `check` is handed every stored event read, page by page as
        they are applied (see `rebuild`)."""
        bulk = Bulk()
        if check is None:
            position = self._apply_log(cursor, 0, before, bulk)
        else:
            applied = [0]

            def rows() -> Iterator[Any]:
                for page in self._log_pages(cursor, 0, before):
                    self._apply_page(cursor, page, bulk)
                    applied[0] = page[-1][0]
                    yield from page

            check(cursor, rows())
            position = applied[0]
        self._apply(cursor, bulk.deferred)  # each after its announcement, in log order
        _insert(cursor, [], bulk.groups)
        for statement in INDEXES:
            cursor.execute(statement)
        return position

    @staticmethod
    def _max_id(cursor: Any) -> int:
        cursor.execute("SELECT MAX(rowid) FROM stored_events")
        return cursor.fetchone()[0] or 0

    # -- reading -----------------------------------------------------------------------

    def latest(
        self,
        cursor: Any,
        as_of: str,
        known_at: str,
        kinds: Sequence[str],
        *,
        company: str | None = None,
        model: str | None = None,
        subjects: Sequence[str] = (),
        beside: Sequence[str] = (),
    ) -> list[Row]:
        """The latest visible announcement of each certainty in each group, as of `as_of`:
        one indexed seek per group and certainty it holds. The rank rule (SPEC §5.1) needs
        no more: the latest of the highest rank is in force, the latest of a lower rank may
        stand beside it.

        `company`, `model` (model "" is the company's own) and `subjects` narrow the groups;
        the company's own groups of the kinds `beside` come too, with a `model`'s.
        Rows come back in time order.
        """
        where, params = _narrow("g", company, None if beside else model, kinds, subjects)
        if beside and model is not None:
            where.append(
                f"(g.model_key=? OR (g.model_key='' AND g.kind IN ({','.join('?' * len(beside))})))"
            )
            params += [key(model), *beside]
        where.append("g.first_on<=?")
        seek = (
            "(SELECT v.event_id FROM rm_versions v WHERE v.company_key=g.company_key "
            "AND v.kind=g.kind AND v.model_key=g.model_key AND v.subject=g.subject "
            f"AND v.rank=? AND v.announced_on<=? AND {VISIBLE} AND v.retracted=0 "
            "ORDER BY v.announced_on DESC, v.recorded_at DESC, v.seq DESC LIMIT 1)"
        )
        ranks = sorted(set(RANK.values()))
        seeks = [
            value for level in ranks for value in (1 << level, level, as_of, known_at, known_at)
        ]
        guarded = f"CASE WHEN (g.ranks & ?) > 0 THEN {seek} END"  # only the ranks the group holds
        cursor.execute(
            f"SELECT {', '.join([guarded] * len(ranks))} FROM rm_groups g "
            f"WHERE {' AND '.join(where)}",
            [*seeks, *params, as_of],
        )
        found = [event_id for row in cursor.fetchall() for event_id in row if event_id]
        return self._rows_by_id(cursor, found)

    def policies_listing(
        self, cursor: Any, as_of: str, known_at: str, markets: Sequence[str]
    ) -> list[Row]:
        """The latest visible policy of each rank in each group whose markets list one of
        `markets` or `*` (any company), as of `as_of`, in time order.

        A policy's group is its scope, `markets|except` (`events/kinds.py` `subject_of`):
        the groups are chosen by the markets they list, then sought as `latest` does.
        """
        cursor.execute(
            "SELECT DISTINCT subject FROM rm_groups WHERE kind='policy' AND first_on<=?",
            (as_of,),
        )
        wanted = {"*", *markets}
        listing = [
            subject
            for (subject,) in cursor.fetchall()
            if not wanted.isdisjoint(subject.split("|")[0].split(","))
        ]
        if not listing:
            return []
        return self.latest(cursor, as_of, known_at, ("policy",), subjects=listing)

    def in_groups(
        self,
        cursor: Any,
        as_of: str,
        known_at: str,
        kinds: Sequence[str],
        *,
        company: str | None = None,
        model: str | None = None,
        subjects: Sequence[str] = (),
    ) -> list[Row]:
        """Every visible announcement up to `as_of` of the groups `latest` would narrow to,
        in time order (launches: the earliest launch date of a slot counts, not the latest).

        The groups are read first and each group's rows through its index (`CROSS JOIN`
        keeps SQLite to that order); the date is checked in that index's entries, before any
        row or event is read (`|| ''` keeps SQLite from steering to another index for it).
        """
        where, params = _narrow("g", company, model, kinds, subjects)
        where.append("g.first_on<=?")
        columns, joins = SELECT_ROW.split(" FROM rm_versions v ")
        cursor.execute(
            columns + " FROM rm_groups g CROSS JOIN rm_versions v " + joins
            + f"WHERE {' AND '.join(where)} AND v.company_key=g.company_key AND v.kind=g.kind "
            "AND v.model_key=g.model_key AND v.subject=g.subject "
            f"AND v.announced_on || ''<=? AND {VISIBLE} AND v.retracted=0",
            [*params, as_of, as_of, known_at, known_at],
        )  # fmt: skip
        rows = [_to_row(values) for values in cursor.fetchall()]
        rows.sort(key=lambda row: row.order)
        return rows

    def every(
        self,
        cursor: Any,
        as_of: str,
        known_at: str,
        kinds: Sequence[str],
        *,
        company: str,
        include_retracted: bool = False,
    ) -> list[Row]:
        """Every visible announcement of `kinds` of one company up to `as_of`, in time order."""
        retracted = "" if include_retracted else "AND v.retracted=0 "
        cursor.execute(
            SELECT_ROW + f"WHERE v.company_key=? AND v.kind IN ({','.join('?' * len(kinds))}) "
            f"AND v.announced_on<=? AND {VISIBLE} "
            + retracted
            + "ORDER BY v.announced_on, v.recorded_at, v.seq",
            (key(company), *kinds, as_of, known_at, known_at),
        )
        return [_to_row(values) for values in cursor.fetchall()]

    def names(
        self, cursor: Any, as_of: str, known_at: str, company: str | None = None
    ) -> dict[str, tuple[str, dict[str, str]]]:
        """Each company (or one) and its models with a visible announcement up to `as_of`,
        spelled as in their earliest one: company key -> (name, {model key: name})."""
        where, params = "first_on<=?", [as_of]
        if company is not None:
            where += " AND company_key=?"
            params.append(key(company))
        cursor.execute(
            "SELECT (SELECT v.event_id FROM rm_versions v "
            "WHERE v.company_key=e.company_key AND v.model_key=e.model_key "
            f"AND v.announced_on<=? AND {VISIBLE} "
            "AND v.retracted=0 ORDER BY v.announced_on, v.recorded_at, v.seq LIMIT 1) "
            f"FROM rm_entities e WHERE {where}",
            [as_of, known_at, known_at, *params],
        )
        first_ids = [found[0] for found in cursor.fetchall() if found[0]]
        firsts: list[tuple[Any, ...]] = []
        for start in range(0, len(first_ids), 500):
            chunk = first_ids[start : start + 500]
            cursor.execute(
                "SELECT announced_on, recorded_at, seq, company_key, model_key, company, model "
                f"FROM rm_versions WHERE event_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            firsts.extend(tuple(row) for row in cursor.fetchall())
        firsts.sort()  # earliest first: a company is spelled as in its earliest announcement
        result: dict[str, tuple[str, dict[str, str]]] = {}
        for *_, company_key, model_key, company_name, model_name in firsts:
            entry = result.setdefault(company_key, (company_name, {}))
            if model_key:
                entry[1][model_key] = model_name
        return result

    def _rows_by_id(self, cursor: Any, event_ids: list[int]) -> list[Row]:
        rows: list[Row] = []
        for start in range(0, len(event_ids), 500):
            chunk = event_ids[start : start + 500]
            cursor.execute(
                SELECT_ROW + f"WHERE v.event_id IN ({','.join('?' * len(chunk))})", chunk
            )
            rows.extend(_to_row(values) for values in cursor.fetchall())
        rows.sort(key=lambda row: row.order)
        return rows

    def stream_rows(
        self,
        cursor: Any,
        known_at: str,
        *,
        as_of: str | None = None,
        company: str | None = None,
        model: str | None = None,
        kinds: Sequence[str] = (),
        include_retracted: bool = False,
    ) -> Iterator[Row]:
        """Every version visible at `known_at` (one per announcement), filtered, in time order,
        read from the cursor one at a time (the log streams its answer).

        A scan: for the log and the diff, whose answers list every announcement anyway.
        """
        where, params = _narrow("v", company, model, kinds)
        where.append(VISIBLE)
        params += [known_at, known_at]
        if as_of is not None:
            where.append("v.announced_on<=?")
            params.append(as_of)
        if not include_retracted:
            where.append("v.retracted=0")
        cursor.execute(
            SELECT_ROW + f"WHERE {' AND '.join(where)} "
            "ORDER BY v.announced_on, v.recorded_at, v.seq",
            params,
        )
        for values in iter(cursor.fetchone, None):
            yield _to_row(values)

    def rows(self, cursor: Any, known_at: str, **narrowing: Any) -> list[Row]:
        """`stream_rows`, as one list."""
        return list(self.stream_rows(cursor, known_at, **narrowing))

    def history(self, cursor: Any, ann_id: str, known_at: str) -> list[Row]:
        """Every version of one announcement known at `known_at`, oldest first."""
        from mxt.domain.model import aggregate_id

        cursor.execute(
            SELECT_ROW + "WHERE v.seq = (SELECT rowid FROM stored_events WHERE originator_id=? "
            "AND originator_version=1) AND v.known_from<=? ORDER BY v.known_from, v.event_id",
            (self.store.origin(aggregate_id(ann_id)), known_at),
        )
        return [_to_row(values) for values in cursor.fetchall()]


def _narrow(
    alias: str,
    company: str | None,
    model: str | None,
    kinds: Sequence[str],
    subjects: Sequence[str] = (),
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) choosing rows or groups of `alias`."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("company_key", company), ("model_key", model)):
        if value is not None:
            where.append(f"{alias}.{column}=?")
            params.append(key(value))
    for column, values in (("kind", kinds), ("subject", subjects)):
        if values:
            where.append(f"{alias}.{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    return where, params


@lru_cache(maxsize=1)
def _json() -> Any:
    """pydantic_core's `from_json`, imported on first use (start-up stays light)."""
    from pydantic_core import from_json

    return from_json


def decoded(notification_id: int, state: bytes) -> dict[str, Any]:
    """A stored event's JSON state; bytes that are not JSON are a damaged log (exit 1)."""
    try:
        value: dict[str, Any] = _json()(state)
    except ValueError:
        from mxt.domain.errors import DamagedLog

        raise DamagedLog(
            f"log: stored event #{notification_id} is not JSON (damaged; see mxt verify)"
        ) from None
    if not isinstance(value, dict):
        from mxt.domain.errors import DamagedLog

        raise DamagedLog(f"log: stored event #{notification_id} is not a JSON object (damaged)")
    return value


def _content(own: str | None, event_state: Any) -> dict[str, Any]:
    """A row's content: its own JSON, or else the announcement inside its stored event."""
    try:
        content: dict[str, Any] = (
            _json()(own) if own is not None else _json()(event_state)["announcement"]
        )
        return upcast(content)
    except (ValueError, KeyError, TypeError):
        from mxt.domain.errors import DamagedLog

        raise DamagedLog("log: a stored event cannot be read (damaged; see mxt verify)") from None


def _check_intact(values: Sequence[Any]) -> None:
    """A row's recorded event still has the digest the hash chain took when it was recorded:
    a cheap check (one hash) so that an event edited in the log is never served."""
    stored = StoredEvent(values[10], values[11], values[12], values[9])
    if values[13] is None or event_digest(stored) != values[13]:
        from mxt.domain.errors import DamagedLog

        raise DamagedLog(
            f"log: stored event #{values[3]} changed since it was recorded (damaged; "
            "mxt verify names the damage)"
        )


def _to_row(values: Sequence[Any]) -> Row:
    _check_intact(values)
    return Row(
        ann_id=values[0],
        content=_content(values[1], values[9]),
        recorded_at=values[2],
        seq=values[3],
        retracted=bool(values[4]),
        known_from=values[5],
        event=values[6],
        reason=values[7],
        changes=json.loads(values[8]) if values[8] else None,
    )


def _native(cursor: Any) -> Any:
    """The cursor eventsourcing's own recorder methods expect (PostgreSQL: rows as dicts)."""
    return getattr(cursor, "dicts", cursor)


INSERT = f"INSERT INTO rm_versions ({COLUMNS}) VALUES ({','.join('?' * STATE)})"
UPSERT_FIRST_ON = (
    "INSERT INTO {table} VALUES ({values}) ON CONFLICT ({key}) DO UPDATE SET first_on = "
    "CASE WHEN excluded.first_on < {table}.first_on THEN excluded.first_on "
    "ELSE {table}.first_on END"
)
UPSERT_GROUP = (
    UPSERT_FIRST_ON.format(
        table="rm_groups", values="?,?,?,?,?,?", key="company_key, kind, model_key, subject"
    )
    + ", ranks = rm_groups.ranks | excluded.ranks"
)
UPSERT_ENTITY = UPSERT_FIRST_ON.format(
    table="rm_entities", values="?,?,?", key="company_key, model_key"
)


def _insert(cursor: Any, rows: Sequence[tuple[Any, ...]], groups: Groups) -> None:
    """Writes version rows, and the groups (and companies and models) they belong to, each
    with the earliest `announced_on` seen."""
    if rows:
        cursor.executemany(INSERT, rows)
    if groups:
        cursor.executemany(UPSERT_GROUP, [(*group, *held) for group, held in groups.items()])
        entities: dict[tuple[str, str], str] = {}
        for (company_key, _, model_key, _), (first, _) in groups.items():
            if entities.get((company_key, model_key), first) >= first:
                entities[(company_key, model_key)] = first
        cursor.executemany(UPSERT_ENTITY, [(*entity, first) for entity, first in entities.items()])


def _row(
    event_id: int,
    content: dict[str, Any],
    recorded_at: str,
    seq: int,
    known_from: str,
    groups: Groups,
    *,
    retracted: bool = False,
    event: str = "recorded",
    reason: str | None = None,
    changes: dict[str, Any] | None = None,
    own_content: bool = False,
) -> tuple[Any, ...]:
    """An `rm_versions` row (the columns of `Version`, as a plain tuple: a rebuild makes a
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
        event_id,
        content["id"],
        group[1],
        group[0],
        group[2],
        group[3],
        company,
        model,
        announced_on,
        recorded_at,
        seq,
        known_from,
        None,
        int(retracted),
        event,
        reason,
        json.dumps(changes, ensure_ascii=False) if changes is not None else None,
        json.dumps(content, ensure_ascii=False) if own_content else None,
        level,
    )
