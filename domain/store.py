"""Where the log lives: an eventsourcing application over SQLite (or PostgreSQL).

Writes go through `Store.write()`: one database transaction that takes the write lock first
(SQLite `BEGIN IMMEDIATE`), stamps every event of the transaction with one `recorded_at`,
inserts the stored events through eventsourcing's recorder, extends the hash chain and lets
the read models process the new notifications, all before a single commit. A file import is
one such transaction, fed in batches, so it is all or nothing however large it is.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Mapper, Notification, StoredEvent, Transcoder
from eventsourcing.utils import get_topic, resolve_topic

from .errors import DamagedLog, StoreUnavailable
from .model import Announcement, DomainEvent, aggregate_id, project_announcement

LOCK_TIMEOUT_SECONDS = int(os.environ.get("MXT_LOCK_TIMEOUT", "600"))


def default_store_path() -> Path:
    """`$XDG_DATA_HOME/mxt/mxt.sqlite`, falling back to `~/.local/share/mxt/mxt.sqlite`."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "mxt" / "mxt.sqlite"


def format_timestamp(moment: datetime) -> str:
    """The one spelling of a UTC instant that sorts as text: `2025-07-01T09:30:00.000000Z`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class JSONBytes(Transcoder):
    """Encodes event state with pydantic-core's JSON (fast, and knows dates and UUIDs)."""

    def encode(self, obj: Any) -> bytes:
        from pydantic_core import to_json

        return to_json(obj)

    def decode(self, data: bytes) -> Any:
        return json.loads(data)


class PydanticMapper(Mapper[UUID]):
    """Stores `model_dump(mode="json")`; reads back through the model, so reads are validated."""

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        state = domain_event.model_dump(
            mode="json", exclude={"originator_id", "originator_version"}
        )
        return StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(domain_event)),
            state=self.transcoder.encode(state),
        )

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        cls = resolve_topic(stored_event.topic)
        state = self.transcoder.decode(stored_event.state)
        return cls(
            originator_id=stored_event.originator_id,
            originator_version=stored_event.originator_version,
            **state,
        )


class Tracker(Application[UUID]):
    """The eventsourcing application that owns mxt's log."""

    name = "mxt"

    def construct_mapper(self) -> Mapper[UUID]:
        return PydanticMapper(transcoder=JSONBytes())


# A processor sees the notifications a write transaction adds, inside that transaction.
Processor = Callable[[Any, Sequence[Notification]], None]


@dataclass
class WriteTransaction:
    """One open write transaction: what is appended through it commits together or not at all."""

    store: Store
    cursor: Any
    recorded_at: datetime
    appended: int = 0
    _chain: Any = field(default=None, repr=False)

    def append(self, events: Sequence[DomainEvent]) -> list[int]:
        """Stores `events` and returns their notification ids."""
        if not events:
            return []
        mapper = self.store.app.mapper
        stored = [mapper.to_stored_event(event) for event in events]
        return self.append_stored(stored)

    def append_stored(self, stored: Sequence[StoredEvent]) -> list[int]:
        """Stores already mapped events verbatim (used by `copy`)."""
        from .integrity import Chain

        recorder: Any = self.store.app.recorder
        ids = list(recorder._insert_events(self.cursor, stored) or [])
        notifications = [
            Notification(
                id=notification_id,
                originator_id=event.originator_id,
                originator_version=event.originator_version,
                topic=event.topic,
                state=event.state,
            )
            for notification_id, event in zip(ids, stored, strict=True)
        ]
        if self._chain is None:
            self._chain = Chain.open(self.cursor)
        self._chain.extend(self.cursor, notifications)
        for processor in self.store.processors:
            processor(self.cursor, notifications)
        self.appended += len(notifications)
        return ids

    def load(self, announcement_id: str) -> Announcement | None:
        """The announcement as this transaction sees it (its own appends included)."""
        self.cursor.execute(
            "SELECT originator_version, topic, state FROM stored_events "
            "WHERE originator_id=? ORDER BY originator_version",
            (aggregate_id(announcement_id).hex,),
        )
        mapper = self.store.app.mapper
        events = [
            mapper.to_domain_event(
                StoredEvent(aggregate_id(announcement_id), row[0], row[1], row[2])
            )
            for row in self.cursor.fetchall()
        ]
        return project_announcement(None, events) if events else None

    def existing(self, announcement_ids: Sequence[str]) -> dict[str, bytes]:
        """The first stored event state of each id among `announcement_ids` already recorded."""
        found: dict[str, bytes] = {}
        by_hex = {aggregate_id(a).hex: a for a in announcement_ids}
        keys = list(by_hex)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            self.cursor.execute(
                "SELECT originator_id, state FROM stored_events WHERE originator_version=1 "
                f"AND originator_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for row in self.cursor.fetchall():
                found[by_hex[row[0]]] = row[1]
        return found


class Store:
    """An open mxt store: the eventsourcing application and the transactions mxt runs on it."""

    def __init__(self, location: str | os.PathLike[str] | None = None) -> None:
        self.location = str(location) if location else str(default_store_path())
        if self.location.startswith(("postgresql://", "postgres://")):
            raise StoreUnavailable("PostgreSQL stores are not supported yet")
        path = Path(self.location)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                raise StoreUnavailable(f"store: {self.location} is a folder, not a SQLite file")
            self.app = Tracker(
                env={
                    "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                    "SQLITE_DBNAME": str(path),
                    "SQLITE_LOCK_TIMEOUT": str(LOCK_TIMEOUT_SECONDS),
                }
            )
            self.datastore = self.app.recorder.datastore  # type: ignore[attr-defined]
            with self.write() as transaction:
                from .integrity import Chain

                Chain.create_table(transaction.cursor)
        except StoreUnavailable:
            raise
        except Exception as error:  # sqlite3 / eventsourcing persistence errors
            raise StoreUnavailable(f"store: cannot open {self.location}: {error}") from error
        self.processors: list[Processor] = []

    def close(self) -> None:
        self.app.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[WriteTransaction]:
        """A write transaction holding the store's write lock until it commits or rolls back."""
        with self.datastore.get_connection(commit=True) as connection:
            cursor = connection.cursor()
            try:
                cursor.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise StoreUnavailable(f"store: cannot lock {self.location}: {error}") from error
            try:
                transaction = WriteTransaction(self, cursor, self._next_recorded_at(cursor))
                yield transaction
            except BaseException:
                connection.rollback()
                raise
            else:
                connection.commit()
            finally:
                cursor.sqlite_cursor.close()

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A read transaction: one consistent snapshot of the store."""
        with self.datastore.transaction(commit=False) as cursor:
            yield cursor

    def _next_recorded_at(self, cursor: Any) -> datetime:
        """Now, but never before the last recorded event: `recorded_at` follows the log."""
        now = datetime.now(UTC)
        try:
            cursor.execute("SELECT recorded_at FROM mxt_chain ORDER BY position DESC LIMIT 1")
            row = cursor.fetchone()
        except sqlite3.OperationalError:
            return now
        if row is None:
            return now
        last = datetime.strptime(row[0], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        return max(now, last)

    def max_notification_id(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def notifications(self, after: int = 0, batch: int = 5000) -> Iterator[Notification]:
        """Every stored event after notification `after`, in log order, read in batches."""
        position = after
        while True:
            page = self.app.recorder.select_notifications(position, batch, inclusive_of_start=False)
            if not page:
                return
            yield from page
            position = page[-1].id

    def decode(self, stored: StoredEvent) -> DomainEvent:
        """A stored event read back through its model; a damaged one raises `DamagedLog`."""
        try:
            event: DomainEvent = cast(DomainEvent, self.app.mapper.to_domain_event(stored))
        except Exception as error:
            raise DamagedLog(
                f"stored event {stored.originator_id} v{stored.originator_version} "
                f"cannot be read: {error}"
            ) from error
        return event

    def get(self, announcement_id: str) -> Announcement | None:
        """The announcement aggregate with this id, or None."""
        stored = self.app.recorder.select_events(aggregate_id(announcement_id))
        if not stored:
            return None
        return project_announcement(None, [self.decode(event) for event in stored])
