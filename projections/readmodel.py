"""The read model: versioned rows of every announcement, kept beside the log.

One row per version of an announcement's content: a correction closes the current row
(`known_to`) and opens a new one; a retraction opens a row marked retracted. A row is what
was known during `[known_from, known_to)` in transaction time; `announced_on` is its valid
time. So a query for (`as_of`, `known_at`) is an indexed range lookup, never a replay.

The rows are written by the same transaction that appends the events (the store calls
`ReadModel.process`), and caught up from the log at the start of a command when behind.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventsourcing.persistence import Notification, Tracking
from eventsourcing.sqlite import SQLiteTrackingRecorder
from eventsourcing.utils import get_topic

from mxt.domain.model import AnnouncementCorrected, AnnouncementRecorded, AnnouncementRetracted
from mxt.domain.store import Store, format_timestamp, origin_hex
from mxt.events.content import apply_changes

TRACKING_NAME = "mxt-readmodel"
PAGE = 5000

RECORDED = get_topic(AnnouncementRecorded)
CORRECTED = get_topic(AnnouncementCorrected)
RETRACTED = get_topic(AnnouncementRetracted)

COLUMNS = (
    "origin, version, ann_id, kind, company_key, model_key, company, model, announced_on, "
    "recorded_at, seq, known_from, known_to, retracted, event, reason, changes, content"
)


def key(name: str | None) -> str:
    """The matching key of a company or model name: case-insensitive, spaces collapsed."""
    return " ".join(name.split()).casefold() if name else ""


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


READ_MODEL_TABLES = [
    "CREATE TABLE IF NOT EXISTS rm_versions ("
    "origin TEXT NOT NULL, version INTEGER NOT NULL, ann_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, "
    "company_key TEXT NOT NULL, model_key TEXT NOT NULL, "
    "company TEXT NOT NULL, model TEXT, announced_on TEXT NOT NULL, "
    "recorded_at TEXT NOT NULL, seq INTEGER NOT NULL, "
    "known_from TEXT NOT NULL, known_to TEXT, retracted INTEGER NOT NULL, "
    "event TEXT NOT NULL, reason TEXT, changes TEXT, content TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS rm_company_kind ON rm_versions (company_key, kind, announced_on)",
    "CREATE INDEX IF NOT EXISTS rm_company_model "
    "ON rm_versions (company_key, model_key, announced_on)",
    "CREATE INDEX IF NOT EXISTS rm_kind ON rm_versions (kind, announced_on)",
    "CREATE INDEX IF NOT EXISTS rm_ann ON rm_versions (ann_id, known_from)",
    "CREATE INDEX IF NOT EXISTS rm_origin ON rm_versions (origin, known_to)",
]


class ReadModelRecorder(SQLiteTrackingRecorder):
    """Read-model tables and the tracking row, in the store's own SQLite database."""

    def construct_create_table_statements(self) -> list[str]:
        return super().construct_create_table_statements() + READ_MODEL_TABLES


def tracking_recorder(store: Store) -> Any:
    """The recorder of the read model's tables and tracking row, for the store's backend."""
    if not store.is_postgres:
        return ReadModelRecorder(store.datastore)
    from eventsourcing.postgres import PostgresTrackingRecorder
    from psycopg.sql import SQL

    recorder = PostgresTrackingRecorder(store.datastore, tracking_table_name="mxt_tracking")
    recorder.sql_create_statements.extend(SQL(statement) for statement in READ_MODEL_TABLES)  # type: ignore[misc]
    return recorder


class ReadModel:
    """Keeps `rm_versions` in step with the log of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.recorder = tracking_recorder(store)
        self.recorder.create_table()
        store.processors.append(self.process)

    # -- writing -----------------------------------------------------------------------

    def position(self, cursor: Any) -> int:
        """The last notification id the read model has applied."""
        return self.recorder._max_tracking_id(TRACKING_NAME, _native(cursor)) or 0

    def process(self, cursor: Any, notifications: Sequence[Notification]) -> None:
        """Applies new notifications, first catching up on any the model has not seen."""
        position = self.position(cursor)
        first = notifications[0].id if notifications else None
        while True:
            cursor.execute(
                "SELECT rowid, originator_id, originator_version, topic, state "
                "FROM stored_events WHERE rowid>? "
                + ("AND rowid<? " if first is not None else "")
                + "ORDER BY rowid LIMIT ?",
                (position, first, PAGE) if first is not None else (position, PAGE),
            )
            missed = cursor.fetchall()
            if not missed:
                break
            self._apply(
                cursor, (Notification(row[1], row[2], row[3], row[4], row[0]) for row in missed)
            )
            position = missed[-1][0]
        new = [n for n in notifications if n.id > position]
        if new:
            self._apply(cursor, new)
            position = new[-1].id
        if position > (self.position(cursor)):
            self.recorder._insert_tracking(_native(cursor), Tracking(TRACKING_NAME, position))

    def _apply(self, cursor: Any, notifications: Iterable[Notification]) -> None:
        inserts: list[tuple[Any, ...]] = []
        for notification in notifications:
            state = json.loads(notification.state)
            origin = origin_hex(notification.originator_id)
            stamp = format_timestamp(
                datetime.fromisoformat(state["timestamp"].replace("Z", "+00:00"))
            )
            version = notification.originator_version
            if notification.topic == RECORDED:
                inserts.append(
                    _row(origin, version, state["announcement"], stamp, notification.id, stamp)
                )
                continue
            if notification.topic not in (CORRECTED, RETRACTED):
                continue
            _insert(cursor, inserts)  # the announcement may be in this very batch
            inserts = []
            cursor.execute(
                "SELECT content, recorded_at, seq FROM rm_versions "
                "WHERE origin=? AND known_to IS NULL",
                (origin,),
            )
            current = cursor.fetchone()
            if current is None:
                continue  # an event for an announcement the log does not hold: verify names it
            cursor.execute(
                "UPDATE rm_versions SET known_to=? WHERE origin=? AND known_to IS NULL",
                (stamp, origin),
            )
            content, recorded_at, seq = json.loads(current[0]), current[1], current[2]
            if notification.topic == CORRECTED:
                content = apply_changes(content, state["changes"])
                row = _row(origin, version, content, recorded_at, seq, stamp, event="corrected",
                           reason=state["reason"], changes=state["changes"])  # fmt: skip
            else:
                row = _row(origin, version, content, recorded_at, seq, stamp, event="retracted",
                           reason=state["reason"], retracted=True)  # fmt: skip
            inserts.append(row)
        _insert(cursor, inserts)

    def catch_up(self) -> int:
        """Brings the read model up to the end of the log; returns how many events it applied."""
        with self.store.read() as cursor:
            behind = self.position(cursor) < (self._max_id(cursor))
        if not behind:
            return 0
        with self.store.write() as transaction:
            before = self.position(transaction.cursor)
            self.process(transaction.cursor, [])
            return self.position(transaction.cursor) - before

    def rebuild(self) -> int:
        """Drops every read-model row and replays the whole log; returns the events applied."""
        with self.store.write() as transaction:
            transaction.cursor.execute("DELETE FROM rm_versions")
            transaction.cursor.execute(
                "DELETE FROM tracking WHERE application_name=?", (TRACKING_NAME,)
            )
            self.process(transaction.cursor, [])
            return self.position(transaction.cursor)

    @staticmethod
    def _max_id(cursor: Any) -> int:
        cursor.execute("SELECT MAX(rowid) FROM stored_events")
        return cursor.fetchone()[0] or 0

    # -- reading -----------------------------------------------------------------------

    def rows(
        self,
        cursor: Any,
        known_at: str,
        *,
        as_of: str | None = None,
        company: str | None = None,
        model: str | None = None,
        kinds: Sequence[str] = (),
        include_retracted: bool = False,
        ann_id: str | None = None,
    ) -> list[Row]:
        """The versions visible at `known_at` (one per announcement), filtered, in time order."""
        where = ["known_from<=?", "(known_to IS NULL OR known_to>?)"]
        params: list[Any] = [known_at, known_at]
        if company is not None:
            where.append("company_key=?")
            params.append(key(company))
        if model is not None:
            where.append("model_key=?")
            params.append(key(model))
        if kinds:
            where.append(f"kind IN ({','.join('?' * len(kinds))})")
            params.extend(kinds)
        if as_of is not None:
            where.append("announced_on<=?")
            params.append(as_of)
        if not include_retracted:
            where.append("retracted=0")
        if ann_id is not None:
            where.append("ann_id=?")
            params.append(ann_id)
        cursor.execute(
            "SELECT ann_id, content, recorded_at, seq, retracted, known_from, event, reason, "
            f"changes FROM rm_versions WHERE {' AND '.join(where)} "
            "ORDER BY announced_on, recorded_at, seq",
            params,
        )
        return [_to_row(values) for values in cursor.fetchall()]

    def history(self, cursor: Any, ann_id: str, known_at: str) -> list[Row]:
        """Every version of one announcement known at `known_at`, oldest first."""
        cursor.execute(
            "SELECT ann_id, content, recorded_at, seq, retracted, known_from, event, reason, "
            "changes FROM rm_versions WHERE ann_id=? AND known_from<=? "
            "ORDER BY known_from, version",
            (ann_id, known_at),
        )
        return [_to_row(values) for values in cursor.fetchall()]


def _to_row(values: Sequence[Any]) -> Row:
    return Row(
        ann_id=values[0],
        content=json.loads(values[1]),
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


INSERT = f"INSERT INTO rm_versions ({COLUMNS}) VALUES ({','.join('?' * 18)})"


def _insert(cursor: Any, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        cursor.executemany(INSERT, rows)


def _row(
    origin: str,
    version: int,
    content: dict[str, Any],
    recorded_at: str,
    seq: int,
    known_from: str,
    *,
    retracted: bool = False,
    event: str = "recorded",
    reason: str | None = None,
    changes: dict[str, Any] | None = None,
) -> tuple[Any, ...]:
    return (
        origin,
        version,
        content["id"],
        content["kind"],
        key(content["company"]),
        key(content.get("model")),
        content["company"],
        content.get("model"),
        content["announced_on"],
        recorded_at,
        seq,
        known_from,
        None,
        int(retracted),
        event,
        reason,
        json.dumps(changes, ensure_ascii=False) if changes is not None else None,
        json.dumps(content, ensure_ascii=False),
    )
