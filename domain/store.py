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
import re
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Mapper, Notification, StoredEvent, Transcoder
from eventsourcing.utils import get_topic, resolve_topic

from .errors import DamagedLog, DomainError, StoreUnavailable

if TYPE_CHECKING:
    from .model import Announcement, DomainEvent

LOCK_TIMEOUT_SECONDS = int(os.environ.get("MXT_LOCK_TIMEOUT", "600"))
CREATION_LOCK = 0x6D7874  # PostgreSQL advisory lock taken while a new store's tables are made


def default_store_path() -> Path:
    """`$XDG_DATA_HOME/mxt/mxt.sqlite`, falling back to `~/.local/share/mxt/mxt.sqlite`."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "mxt" / "mxt.sqlite"


def format_timestamp(moment: datetime) -> str:
    """The one spelling of a UTC instant that sorts as text: `2025-07-01T09:30:00.000000Z`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stamp_text(stored: str) -> str:
    """A stored event's `timestamp` (pydantic's JSON spelling) in the sortable spelling."""
    if len(stored) == 27 and stored[-1] == "Z":  # 2025-07-01T09:30:00.123456Z already
        return stored
    return format_timestamp(datetime.fromisoformat(stored.replace("Z", "+00:00")))


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
        return self.stored_with_state(domain_event)[0]

    def stored_with_state(self, domain_event: Any) -> tuple[StoredEvent, dict[str, Any]]:
        """The stored event, and the JSON state it holds (so that nobody decodes it again)."""
        state = domain_event.model_dump(
            mode="json", exclude={"originator_id", "originator_version"}
        )
        stored = StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(domain_event)),
            state=self.transcoder.encode(state),
        )
        return stored, state

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


# A processor sees the notifications a write transaction adds, inside that transaction, with
# their decoded states when the transaction has them.
Processor = Callable[[Any, Sequence[Notification], Sequence[dict[str, Any]] | None], None]

# mxt's own SQL is written once, in SQLite's spelling (`?`, `rowid`, `stored_events`,
# `tracking`); the PostgreSQL backend translates it to eventsourcing's tables there.
_PG_NAMES = {"stored_events": "mxt_events", "rowid": "notification_id", "tracking": "mxt_tracking"}
_PG_WORDS = re.compile(r"\b(" + "|".join(_PG_NAMES) + r")\b")


@lru_cache(maxsize=256)
def postgres_sql(statement: str) -> str:
    """A statement of mxt's SQL in PostgreSQL's spelling."""
    return _PG_WORDS.sub(lambda m: _PG_NAMES[m.group(1)], statement).replace("?", "%s")


class PostgresCursor:
    """A cursor over one PostgreSQL connection that speaks mxt's SQL and returns tuples.

    `dicts` is a second cursor on the same connection (and transaction) for eventsourcing's
    own recorder methods, which read rows by column name.
    """

    def __init__(self, connection: Any) -> None:
        from psycopg.rows import tuple_row

        self.tuples = connection.cursor(row_factory=tuple_row)
        self.dicts = connection.cursor()

    def execute(self, statement: str, params: Any = ()) -> None:
        self.tuples.execute(postgres_sql(statement), params)

    def executemany(self, statement: str, params: Any) -> None:
        self.tuples.executemany(postgres_sql(statement), params)

    def fetchone(self) -> Any:
        return self.tuples.fetchone()

    def fetchall(self) -> list[Any]:
        return list(self.tuples.fetchall())


def postgres_env(url: str) -> dict[str, str]:
    """eventsourcing's PostgreSQL settings from a `postgresql://user:pw@host:port/db` URL."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    dbname = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not dbname:
        raise StoreUnavailable(f"store: {url} names no host or no database")
    return {
        "CREATE_TABLE": "no",  # mxt creates its tables once (`Store.ensure_tables`)
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_HOST": parts.hostname,
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or os.environ.get("USER", "postgres")),
        "POSTGRES_PASSWORD": unquote(parts.password or os.environ.get("PGPASSWORD", "")),
        "POSTGRES_CONNECT_TIMEOUT": "10",
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "600",
        "POSTGRES_POOL_SIZE": "2",
        "POSTGRES_MAX_OVERFLOW": "2",
    }


@dataclass
class WriteTransaction:
    """One open write transaction: what is appended through it commits together or not at all."""

    store: Store
    cursor: Any
    _chain: Any = field(default=None, repr=False)
    _recorded_at: datetime | None = field(default=None, repr=False)

    @property
    def recorded_at(self) -> datetime:
        """The one `recorded_at` of every event this transaction appends."""
        if self._recorded_at is None:
            self._recorded_at = self.store._next_recorded_at(self.cursor)
        return self._recorded_at

    @property
    def recorded_at_json(self) -> str:
        """`recorded_at` as the events' JSON states spell it."""
        from pydantic_core import to_jsonable_python

        spelled: str = to_jsonable_python(self.recorded_at)
        return spelled

    def append(self, events: Sequence[DomainEvent]) -> list[int]:
        """Stores `events` and returns their notification ids."""
        if not events:
            return []
        mapper = cast(PydanticMapper, self.store.app.mapper)
        mapped = [mapper.stored_with_state(event) for event in events]
        return self.append_stored([s for s, _ in mapped], [state for _, state in mapped])

    def append_stored(
        self, stored: Sequence[StoredEvent], states: Sequence[dict[str, Any]] | None = None
    ) -> list[int]:
        """Stores mapped events verbatim (`copy` passes them straight from another store);
        `states` are their decoded states, when the caller has them."""
        from .integrity import Chain

        ids = self.store.insert_stored(self.cursor, stored)
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
        self._chain.extend(self.cursor, notifications, states)
        for processor in self.store.processors:
            processor(self.cursor, notifications, states)
        return ids

    def load(self, announcement_id: str) -> Announcement | None:
        """The announcement as this transaction sees it (its own appends included)."""
        from .model import aggregate_id, project_announcement

        self.cursor.execute(
            "SELECT originator_version, topic, state FROM stored_events "
            "WHERE originator_id=? ORDER BY originator_version",
            (self.store.origin(aggregate_id(announcement_id)),),
        )
        mapper = self.store.app.mapper
        events = [
            mapper.to_domain_event(
                StoredEvent(aggregate_id(announcement_id), row[0], row[1], bytes(row[2]))
            )
            for row in self.cursor.fetchall()
        ]
        return project_announcement(None, events) if events else None

    def existing(self, origins: dict[UUID, str]) -> dict[str, bytes]:
        """The first stored event state of each announcement already recorded, by id;
        `origins` maps aggregate ids to announcement ids."""
        found: dict[str, bytes] = {}
        by_hex = {origin.hex: announcement_id for origin, announcement_id in origins.items()}
        keys = [self.store.origin(origin) for origin in origins]
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            self.cursor.execute(
                "SELECT originator_id, state FROM stored_events WHERE originator_version=1 "
                f"AND originator_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for row in self.cursor.fetchall():
                found[by_hex[origin_hex(row[0])]] = bytes(row[1])
        return found


class Store:
    """An open mxt store: the eventsourcing application and the transactions mxt runs on it."""

    def __init__(self, location: str | os.PathLike[str] | None = None) -> None:
        self.location = str(location) if location else str(default_store_path())
        self.is_postgres = self.location.startswith(("postgresql://", "postgres://"))
        self.processors: list[Processor] = []
        try:
            env = self._env()
            self.app = Tracker(env=env)
            self.datastore = self.app.recorder.datastore  # type: ignore[attr-defined]
            self._create_tables()
        except DomainError:
            raise
        except Exception as error:  # sqlite3, psycopg or eventsourcing persistence errors
            raise StoreUnavailable(
                f"store: cannot open {self.display_location}: {_one_line(error)}"
            ) from error

    @property
    def display_location(self) -> str:
        """The location without a password."""
        return re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", self.location)

    def _env(self) -> dict[str, str]:
        if self.is_postgres:
            try:
                import eventsourcing.postgres  # noqa: F401  (needs psycopg and psycopg_pool)
            except ImportError:
                raise StoreUnavailable(
                    "store: PostgreSQL needs psycopg: pip install 'mxt[postgres]'"
                ) from None
            return postgres_env(self.location)
        path = Path(self.location)
        if path.is_dir():
            raise StoreUnavailable(f"store: {self.location} is a folder, not a SQLite file")
        path.parent.mkdir(parents=True, exist_ok=True)
        return {
            "CREATE_TABLE": "no",  # mxt creates its tables once (`ensure_tables`)
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": str(LOCK_TIMEOUT_SECONDS),
        }

    def _create_tables(self) -> None:
        def create() -> None:
            from .integrity import Chain

            self.app.recorder.create_table()  # type: ignore[attr-defined]
            with self.write() as transaction:
                Chain.create_table(transaction.cursor)

        self.ensure_tables(("stored_events", "mxt_chain"), create)

    def ensure_tables(self, tables: Sequence[str], create: Callable[[], Any]) -> None:
        """Runs `create` unless `tables` exist: once per store, even when several processes
        open a new store at the same moment (PostgreSQL: under an advisory lock)."""
        if self._tables_exist(tables):
            return
        if not self.is_postgres:
            retry_first_use(create)
            return
        with self.datastore.get_connection() as connection:
            connection.execute("SELECT pg_advisory_lock(%s)", (CREATION_LOCK,))
            try:
                if not self._tables_exist(tables):
                    create()
            finally:
                connection.execute("SELECT pg_advisory_unlock(%s)", (CREATION_LOCK,))
        self.datastore.register_type_adapters()  # the event type may be another's creation

    def _tables_exist(self, tables: Sequence[str]) -> bool:
        with self.read() as cursor:
            if self.is_postgres:
                names = [postgres_sql(table) for table in tables]
                cursor.tuples.execute(
                    "SELECT COUNT(to_regclass(name)) FROM unnest(%s::text[]) AS name", (names,)
                )
            else:
                cursor.execute(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name IN "
                    f"({','.join('?' * len(tables))})",
                    tables,
                )
            return bool(cursor.fetchone()[0] == len(tables))

    def close(self) -> None:
        self.app.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[WriteTransaction]:
        """A write transaction holding the store's write lock until it commits or rolls back."""
        if self.is_postgres:
            with self.datastore.get_connection() as connection, connection.transaction():
                cursor: Any = PostgresCursor(connection)
                for statement in self.app.recorder.lock_table_statements:  # type: ignore[attr-defined]
                    cursor.dicts.execute(statement)
                yield WriteTransaction(self, cursor)
            return
        with self.datastore.get_connection(commit=True) as connection:
            cursor = connection.cursor()
            # A large import or rebuild touches far more pages than SQLite's default 2 MB
            # cache: let it keep 64 MB (index builds still sort in temporary files).
            cursor.execute("PRAGMA cache_size=-65536")
            try:
                cursor.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise StoreUnavailable(
                    f"store: cannot lock {self.location}: {_one_line(error)}"
                ) from error
            try:
                yield WriteTransaction(self, cursor)
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
        if self.is_postgres:
            with (
                self.datastore.get_connection() as connection,
                connection.transaction(force_rollback=True),
            ):
                connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                yield PostgresCursor(connection)
            return
        with self.datastore.transaction(commit=False) as cursor:
            yield cursor

    def insert_stored(self, cursor: Any, stored: Sequence[StoredEvent]) -> list[int]:
        """Inserts stored events through eventsourcing's recorder; returns notification ids."""
        recorder: Any = self.app.recorder
        if not stored:
            return []
        if self.is_postgres:
            recorder._insert_stored_events(cursor.dicts, stored)
            return list(recorder._fetch_ids_after_insert_events(cursor.dicts, stored))
        # eventsourcing inserts one row per statement to read each rowid; under the write
        # lock the rowids of one executemany are consecutive, so one statement does.
        cursor.executemany(
            recorder.insert_events_statement,
            [(origin_hex(s.originator_id), s.originator_version, s.topic, s.state) for s in stored],
        )
        cursor.execute("SELECT last_insert_rowid()")
        last = int(cursor.fetchone()[0])
        return list(range(last - len(stored) + 1, last + 1))

    def origin(self, originator_id: UUID) -> Any:
        """An aggregate id as this store's SQL compares it."""
        return originator_id if self.is_postgres else originator_id.hex

    def _next_recorded_at(self, cursor: Any) -> datetime:
        """Now, but never before the last recorded event: `recorded_at` follows the log."""
        now = datetime.now(UTC)
        cursor.execute("SELECT recorded_at FROM mxt_chain ORDER BY position DESC LIMIT 1")
        row = cursor.fetchone()
        if row is None:
            return now
        last = datetime.strptime(row[0], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        return max(now, last)

    def max_notification_id(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def notifications(
        self, after: int = 0, batch: int = 5000, stop: int | None = None
    ) -> Iterator[Notification]:
        """Every stored event after notification `after` (up to `stop`), in log order."""
        position = after
        while True:
            page = self.app.recorder.select_notifications(
                position, batch, stop=stop, inclusive_of_start=False
            )
            if not page:
                return
            yield from page
            position = page[-1].id

    def decode(self, stored: StoredEvent) -> DomainEvent:
        """A stored event read back through its model; a damaged one raises `DamagedLog`."""
        try:
            event: DomainEvent = cast("DomainEvent", self.app.mapper.to_domain_event(stored))
        except Exception as error:
            raise DamagedLog(
                f"stored event {stored.originator_id} v{stored.originator_version} "
                f"cannot be read: {error}"
            ) from error
        return event

    def get(self, announcement_id: str) -> Announcement | None:
        """The announcement aggregate with this id, or None."""
        from .model import aggregate_id, project_announcement

        stored = self.app.recorder.select_events(aggregate_id(announcement_id))
        if not stored:
            return None
        return project_announcement(None, [self.decode(event) for event in stored])


T = TypeVar("T")


def retry_first_use(create: Callable[[], T], attempts: int = 5) -> T:
    """Runs `create` (tables made on first use), again if a process doing the same won a race.

    `CREATE TABLE IF NOT EXISTS` and eventsourcing's first tracking row are not atomic with
    respect to another process creating them at the same moment; the loser's second try
    finds them made.
    """
    from eventsourcing.persistence import PersistenceError

    for attempt in range(attempts):
        try:
            return create()
        except PersistenceError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def origin_hex(originator_id: Any) -> str:
    """An aggregate id read back from either backend, as hex text."""
    return originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
