"""Where the log lives: an eventsourcing application over SQLite (or PostgreSQL).

Writes go through `Store.write()`: one database transaction that takes the write lock first
(SQLite `BEGIN IMMEDIATE`), stamps every event of the transaction with one `recorded_at`,
inserts the stored events through eventsourcing's recorder, extends the hash chain and lets
the read models process the new notifications, all before a single commit. A file import is
one such transaction, fed in batches, so it is all or nothing however large it is.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import stat
import time
import warnings
import weakref
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Mapper, Notification, StoredEvent, Transcoder
from eventsourcing.utils import get_topic, resolve_topic

from .errors import (
    BadStoreLocation,
    DamagedLog,
    DomainError,
    NotAStore,
    StoreMissing,
    StoreUnavailable,
)
from .location import (
    LOCK_NOTICE_SECONDS,
    NEEDS_PSYCOPG,
    StoreLocation,
    connect_timeout,
    lock_timeout,
    parse_location,
)

if TYPE_CHECKING:
    from .model import AnnouncementAggregate, DomainEvent

CLOCK_TOLERANCE = timedelta(minutes=1)  # a writer's clock this far behind the log is warned of
CREATION_LOCK = 0x6D7874  # PostgreSQL advisory lock taken while a new store's tables are made


def format_timestamp(moment: datetime) -> str:
    """The one spelling of a UTC instant that sorts as text: `2025-07-01T09:30:00.000000Z`
    (years below 1000 keep their four digits: `0001-01-01T...`)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


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
        return stored_state(data)


def stored_state(data: bytes, where: str = "a stored event", *keys: str) -> dict[str, Any]:
    """A stored event's JSON state, which must be an object holding `keys`; anything else is a
    damaged log (`DamagedLog`, exit 1), never a traceback."""
    try:
        state = json.loads(data)
    except ValueError:
        state = None
    if not isinstance(state, dict) or any(key not in state for key in keys):
        raise DamagedLog(f"log: {where} cannot be read as mxt wrote it (damaged; see mxt verify)")
    return state


def stored_announcement(data: bytes, where: str = "a stored event") -> dict[str, Any]:
    """The announcement inside a stored `AnnouncementRecorded` state (damage: `DamagedLog`)."""
    announcement = stored_state(data, where, "announcement")["announcement"]
    if not isinstance(announcement, dict) or not isinstance(announcement.get("id"), str):
        raise DamagedLog(f"log: {where} cannot be read as mxt wrote it (damaged; see mxt verify)")
    return announcement


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


class LogApplication(Application[UUID]):
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
    spelled = _PG_WORDS.sub(lambda m: _PG_NAMES[m.group(1)], statement).replace("?", "%s")
    return spelled.replace(" WITHOUT ROWID", "")  # SQLite's table layout; PostgreSQL has one


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


def postgres_env(location: StoreLocation | str) -> dict[str, str]:
    """eventsourcing's PostgreSQL settings for a `postgresql://` location, its connections
    made from libpq's keywords for the whole URL (`postgres_keywords`; the factory of
    `mxt.domain.postgres` passes them on, as eventsourcing's own settings cannot)."""
    from psycopg.conninfo import make_conninfo

    where = parse_location(location) if isinstance(location, str) else location
    keywords = where.keywords
    return {
        "CREATE_TABLE": "no",  # mxt creates its tables once (`Store.ensure_tables`)
        "PERSISTENCE_MODULE": "mxt.domain.postgres:URLPostgresFactory",
        "POSTGRES_CONNINFO": make_conninfo("", **postgres_keywords(where)),
        "POSTGRES_DBNAME": keywords["dbname"],
        "POSTGRES_HOST": keywords.get("host", ""),
        "POSTGRES_PORT": keywords.get("port", ""),
        "POSTGRES_USER": keywords.get("user", ""),
        "POSTGRES_PASSWORD": "",
        "POSTGRES_CONNECT_TIMEOUT": str(math.ceil(connect_timeout())),  # whole seconds
        # eventsourcing sets this before it takes its table locks (0 would wait forever)
        "POSTGRES_LOCK_TIMEOUT": str(lock_timeout()),
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": "600",
        "POSTGRES_POOL_SIZE": "2",
        "POSTGRES_MAX_OVERFLOW": "2",
    }


def postgres_keywords(where: StoreLocation) -> dict[str, Any]:
    """libpq's connection keywords for a `postgresql://` location: the URL's own, query
    parameters (`sslmode`, …) included, and where the URL does not set them, mxt's: the
    connect timeout (MXT_CONNECT_TIMEOUT) and the application name `mxt` (which names the
    holder of a lock another command waits for). Every statement waits for a lock at most
    MXT_LOCK_TIMEOUT (`-c lock_timeout`, before the URL's own `options`). Text is always
    exchanged in UTF-8 (`client_encoding`)."""
    keywords: dict[str, Any] = dict(where.keywords)
    keywords.setdefault("connect_timeout", str(math.ceil(connect_timeout())))
    keywords.setdefault("application_name", "mxt")
    # Text in UTF-8 whatever the database's encoding: a SQL_ASCII database would otherwise
    # hand back bytes, and with UTF8 asked for, the server refuses to send a stored text that
    # is not UTF-8 (named as damage by `database_problem`).
    keywords["client_encoding"] = "UTF8"
    limit = f"-c lock_timeout={lock_timeout()}s"
    keywords["options"] = f"{limit} {keywords['options']}" if "options" in keywords else limit
    return keywords


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

    def load(self, announcement_id: str) -> AnnouncementAggregate | None:
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
    """An open mxt store: the eventsourcing application and the transactions mxt runs on it.

    Only an mxt store, or a place that holds nothing yet (no file, an empty file, a database
    without a table), is ever opened: a file or database holding another program's tables,
    a device or a pipe is refused (`NotAStore`) before anything is written. With
    `create=False` (read commands, `verify`) a SQLite path that does not exist, or a file
    or database that holds no mxt log, is an error and nothing is made, not even a folder;
    with `scratch` (a dry run, whose writes are rolled back) the store must hold an mxt log
    too. Opening never writes: SQLite's journal mode is set by the first write (a read, or a
    dry run, leaves the file byte for byte as it was).
    """

    # Every store of this process not yet closed (`close_all`).
    _open: weakref.WeakSet[Store] = weakref.WeakSet()

    def __init__(
        self,
        location: str | os.PathLike[str] | None = None,
        *,
        create: bool = True,
        scratch: bool = False,
    ) -> None:
        self.where = parse_location(location)
        self.location, self.is_postgres = self.where.text, self.where.is_postgres
        create = create and not scratch
        self.processors: list[Processor] = []
        self._held: Any = None  # the cursor of a read transaction every `read()` shares
        self._holding: ExitStack | None = None  # what ends that transaction (`release`)
        self.made = False  # this Store made the log's tables (`unmake` can take them away)
        self._closed = False
        self._made_paths: list[Path] = []  # the file and folders opening made (SQLite)
        self._was_empty_file = False  # a SQLite file of no byte at all when it was opened
        # SQLite's journal mode, which lives in the file, is set to WAL by the first write
        # (eventsourcing would set it on connecting, a write even when only reading)
        self._journal_pending = not self.is_postgres and not scratch
        if self.is_postgres:
            probe_postgres(self.where)
        elif _nothing_at(self.location, self.display_location) and not create:
            raise StoreMissing(
                f"store: no store at {self.location} (only record and import create one)"
            )
        try:
            env = self._env(create)
            self.app = LogApplication(env=env)
            self.datastore = self.app.recorder.datastore  # type: ignore[attr-defined]
            if not self.is_postgres:
                self.datastore.pool.is_journal_mode_wal = True  # see `_journal_pending`
            Store._open.add(self)
            found, names = self.contents()
            if found == "other":
                raise NotAStore(self._not_a_store(names))
            if found != "store" and not create:
                raise StoreMissing(self._no_log())
            if create and (found != "store" or self.is_postgres):
                self._create_tables()
        except BaseException as error:
            if hasattr(self, "app"):
                self.close()
            if isinstance(error, DomainError) or not isinstance(error, Exception):
                raise
            # sqlite3, psycopg or eventsourcing persistence errors
            raise StoreUnavailable(
                f"store: cannot open {self.display_location}: {database_problem(error)}"
            ) from error

    def _not_a_store(self, names: Sequence[str]) -> str:
        shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        return (
            f"store: {self.display_location} holds no mxt log but another program's tables "
            f"({shown}): mxt writes only into a new or empty file or database, or an mxt store"
        )

    def _no_log(self) -> str:
        return (
            f"store: {self.display_location} holds no mxt log (only record and import create one)"
        )

    @property
    def display_location(self) -> str:
        """The location as it may be printed: a URL's passwords replaced by ***."""
        return self.where.shown

    def _env(self, create: bool) -> dict[str, str]:
        if self.is_postgres:
            try:
                import mxt.domain.postgres  # noqa: F401  (needs psycopg and psycopg_pool)
            except ImportError:
                raise StoreUnavailable(NEEDS_PSYCOPG) from None
            return postgres_env(self.where)
        waits = lock_timeout()  # a bad MXT_LOCK_TIMEOUT is named before anything is made
        path = Path(self.location)
        if create and not path.exists():
            self._made_paths = [path, *(p for p in path.parents if not p.exists())]
            path.parent.mkdir(parents=True, exist_ok=True)
        self._was_empty_file = create and path.is_file() and path.stat().st_size == 0
        return {
            "CREATE_TABLE": "no",  # mxt creates its tables once (`ensure_tables`)
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(path),
            "SQLITE_LOCK_TIMEOUT": str(waits),
        }

    def contents(self) -> tuple[str, list[str]]:
        """What the file or database holds, by its tables (and views): `("store", names)` an
        mxt log; `("empty", [])` no table at all; `("other", names)` tables of another
        program, and no mxt log."""
        with self.read() as cursor:
            names = self._table_names(cursor)
        log = [postgres_sql(table) if self.is_postgres else table for table in LOG_TABLES]
        if set(log) <= set(names):
            return "store", names
        return ("other", names) if names else ("empty", [])

    def _table_names(self, cursor: Any) -> list[str]:
        """The tables and views of the file or database, sorted (PostgreSQL: those of the
        schemas mxt writes to, eventsourcing's and the first on the search path)."""
        if self.is_postgres:
            cursor.tuples.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
                "AND n.nspname IN (current_schema(), %s)",
                (self.datastore.schema,),
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                "AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
            )
        return sorted({str(row[0]) for row in cursor.fetchall()})

    def _create_tables(self) -> None:
        """Makes the log's tables, in one transaction, in a file or database that holds no
        table yet (`made`); an mxt store is left as it is, anything else refused."""
        self.ensure_tables(LOG_TABLES, self._make_log_tables)

    def _make_log_tables(self) -> None:
        """The log's tables and the chain's, made together (so that no store is ever half
        made), once the write lock (SQLite) or the creation lock (PostgreSQL) is held and the
        place is seen to hold no table still."""
        from .integrity import Chain

        recorder: Any = self.app.recorder
        if self.is_postgres:
            found, names = self.contents()
            if found != "empty":
                if found == "other":
                    raise NotAStore(self._not_a_store(names))
                return
            _create_postgres_types(self.datastore, recorder)
            with self.datastore.get_connection() as connection, connection.transaction():
                cursor = PostgresCursor(connection)
                recorder._create_table(cursor.dicts)
                Chain.create_table(cursor)
            self.made = True
            return
        with self.write() as transaction:
            cursor = transaction.cursor
            names = self._table_names(cursor)
            if set(LOG_TABLES) <= set(names):
                return
            if names:
                raise NotAStore(self._not_a_store(names))
            recorder._create_table(cursor)
            Chain.create_table(cursor)
        self.made = True

    def unmake(self) -> None:
        """Takes back what opening made, for a command that failed before any event was
        stored (a `copy`): the tables are dropped, so that the database is as empty as it
        was, a SQLite file (with its folders) that was not there is removed, and one that was
        empty is emptied again. Nothing happens unless this Store made the log's tables, or
        once the log holds an event."""
        if not self.made:
            return
        with self.write() as transaction:
            cursor = transaction.cursor
            cursor.execute("SELECT COUNT(*) FROM stored_events")
            if cursor.fetchone()[0]:
                return
            for table in self._table_names(cursor):
                if table in ("stored_events", "tracking") or table.startswith("mxt_"):
                    cursor.execute(f"DROP TABLE IF EXISTS {table}")
        self.made = False
        self.close()
        if self.is_postgres or not (self._made_paths or self._was_empty_file):
            return
        for side in ("-wal", "-shm", "-journal"):
            Path(f"{self.location}{side}").unlink(missing_ok=True)
        if self._was_empty_file:
            os.truncate(self.location, 0)
            return
        Path(self.location).unlink(missing_ok=True)
        for folder in self._made_paths[1:]:
            with suppress(OSError):
                folder.rmdir()

    def ensure_tables(self, tables: Sequence[str], create: Callable[[], Any]) -> None:
        """Runs `create` unless `tables` exist: once per store, even when several processes
        open a new store at the same moment (PostgreSQL: under an advisory lock)."""
        if not self.is_postgres:
            if not self.tables_exist(tables):
                retry_first_use(create)
            return
        if not self.tables_exist(tables):
            with self.datastore.get_connection() as connection:
                connection.execute("SELECT pg_advisory_lock(%s)", (CREATION_LOCK,))
                try:
                    if not self.tables_exist(tables):
                        create()
                finally:
                    connection.execute("SELECT pg_advisory_unlock(%s)", (CREATION_LOCK,))
        # The event type may be another process's creation, made after this one connected
        # (eventsourcing looks the type up once, at connection): look again, even when the
        # tables exist. Once found, this asks the server nothing.
        self.datastore.register_type_adapters()

    def tables_exist(self, tables: Sequence[str]) -> bool:
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

    def subscribe(self, processor: Processor) -> None:
        """Runs `processor` inside every write transaction, on the notifications it appends
        (the composition root, `mxt.projections.opening`, subscribes the read model)."""
        self.processors.append(processor)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        Store._open.discard(self)
        self.release()
        self.app.close()

    @classmethod
    def close_all(cls) -> None:
        """Closes every store this process still has open: a process that ends without the
        interpreter's teardown (`mxt.cli.main.leave`) calls it, so that each SQLite store's
        write-ahead log is checkpointed into its file and removed as a normal exit would."""
        for store in list(cls._open):
            store.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[WriteTransaction]:
        """A write transaction holding the store's write lock until it commits or rolls back.

        A database failure (read-only file, full disk, corrupted pages) rolls it back and
        raises `StoreUnavailable` naming the cause: nothing is half-written.
        """
        with self._failures("cannot write to"):
            if self.is_postgres:
                with (
                    self.datastore.get_connection() as connection,
                    connection.transaction(),
                    self._saying_lock_waits(connection),
                ):
                    cursor: Any = PostgresCursor(connection)
                    for statement in self.app.recorder.lock_table_statements:  # type: ignore[attr-defined]
                        cursor.dicts.execute(statement)
                    yield WriteTransaction(self, cursor)
                return
            with self.datastore.get_connection(commit=True) as connection:
                cursor = connection.cursor()
                if self._journal_pending:  # the first write: WAL (see `__init__`)
                    cursor.execute("PRAGMA journal_mode=WAL")
                    self._journal_pending = False
                # A large import or rebuild touches far more pages than SQLite's default 2 MB
                # cache: let it keep 64 MB. An index build larger than that sorts in parts,
                # in temporary files: let two threads of SQLite's own sort them (a rebuild of
                # 1M announcements builds its indexes in about 3.3 s instead of 4.1 s).
                cursor.execute("PRAGMA cache_size=-65536")
                cursor.execute("PRAGMA threads=2")
                self._begin_immediate(cursor)
                try:
                    yield WriteTransaction(self, cursor)
                except BaseException:
                    connection.rollback()
                    raise
                else:
                    connection.commit()
                    _checkpoint(cursor)
                finally:
                    cursor.sqlite_cursor.close()

    @contextmanager
    def settings(self) -> Iterator[Any]:
        """A write transaction for mxt's own settings beside the log (its watches), which
        appends nothing to the log: its cursor, committed when the block ends, rolled back
        if it raises. SQLite has one write lock for the whole file, so this takes the log's
        (`BEGIN IMMEDIATE`, as `write` does); PostgreSQL locks only the rows the block
        locks (`SELECT … FOR UPDATE`), so that recording never waits for it."""
        if not self.is_postgres:
            with self.write() as transaction:
                yield transaction.cursor
            return
        with (
            self._failures("cannot write to"),
            self.datastore.get_connection() as connection,
            connection.transaction(),
            self._saying_lock_waits(connection),
        ):
            yield PostgresCursor(connection)

    def _begin_immediate(self, cursor: Any) -> None:
        """SQLite: takes the write lock (`BEGIN IMMEDIATE`), waiting for another writer to
        finish at most MXT_LOCK_TIMEOUT; a wait of more than a second is said (`LockWait`)."""
        limit = lock_timeout()
        cursor.execute(f"PRAGMA busy_timeout={int(min(LOCK_NOTICE_SECONDS, limit) * 1000)}")
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if not is_lock_timeout(error) or limit <= LOCK_NOTICE_SECONDS:
                raise
            warnings.warn(LockWait(self.display_location, limit), stacklevel=2)
            cursor.execute(f"PRAGMA busy_timeout={int((limit - LOCK_NOTICE_SECONDS) * 1000)}")
            cursor.execute("BEGIN IMMEDIATE")
        finally:
            cursor.execute(f"PRAGMA busy_timeout={limit * 1000}")

    @contextmanager
    def _saying_lock_waits(self, connection: Any) -> Iterator[None]:
        """PostgreSQL: while the block runs on `connection`, a thread asks the server once a
        second (on a connection of its own, made only once a second has passed) whether it
        waits for a lock another session holds; the first time it does, it warns `LockWait`.
        (The wait itself ends at MXT_LOCK_TIMEOUT: `postgres_keywords`.)"""
        import threading

        done = threading.Event()
        watcher = threading.Thread(
            target=_watch_lock_waits,
            args=(self.where, connection.info.backend_pid, done),
            name="mxt-lock-wait",
            daemon=True,
        )
        watcher.start()
        try:
            yield
        finally:
            done.set()

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A read transaction: one consistent snapshot of the store (while `held`, the one
        transaction every read shares)."""
        if self._held is not None:
            yield self._held
            return
        with self._failures("cannot read"):
            if self.is_postgres:
                with (
                    self.datastore.get_connection() as connection,
                    connection.transaction(force_rollback=True),
                    self._saying_lock_waits(connection),
                ):
                    connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                    yield PostgresCursor(connection)
                return
            with self.datastore.transaction(commit=False) as cursor:
                yield cursor

    def hold(self) -> Any:
        """Begins one read transaction that every later `read()` shares until `release` (or
        `close`): one snapshot for the rest of a command, and one connection, so that
        temporary tables made on it are seen by every read. Answers its cursor."""
        self.release()
        with ExitStack() as holding:
            self._held = holding.enter_context(self.read())
            self._holding = holding.pop_all()
        return self._held

    def release(self) -> None:
        """Ends the read transaction `hold` began, if any."""
        holding, self._holding, self._held = self._holding, None, None
        if holding is not None:
            holding.close()

    def read_apart(
        self, reading: Callable[[Any], Iterator[T]], here: Any
    ) -> Generator[T, None, None]:
        """What the generator `reading(cursor)` yields, read in a process of its own, on a read
        snapshot of its own (`mxt.domain.apart`): its Python runs on another core while this
        process goes on (writing, say). Each answer comes as soon as it is yielded; what it
        raises is raised here. Where the system cannot fork (Windows), for a store held in
        memory, on PostgreSQL (whose pool keeps threads a fork would not carry), and when the
        system gives no process (a limit on processes or memory), it runs here instead, on the
        cursor `here`, as it is iterated. Closing the answers early ends the reading either way."""
        if self.is_postgres or not hasattr(os, "fork") or self.datastore.pool.is_sqlite_memory_mode:
            return _in_turn(reading(here))
        from .apart import read_forked

        try:
            return read_forked(
                lambda: Store(self.location, create=False), reading, self.display_location
            )
        except OSError:
            return _in_turn(reading(here))

    @contextmanager
    def _failures(self, doing: str) -> Iterator[None]:
        """Turns the database's own errors inside the block into one `StoreUnavailable`."""
        try:
            yield
        except DomainError:
            raise
        except Exception as error:
            if not is_database_error(error):
                raise
            raise StoreUnavailable(
                f"store: {doing} {self.display_location}: {database_problem(error)}"
            ) from error

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
        """Now, but never before the last recorded event: `recorded_at` follows the log.

        "Now" is this machine's clock, or a PostgreSQL store's server's (`server_clock`):
        one clock for every writer of a shared log, so that one client whose clock is wrong
        (in 2099, say) can neither stamp its records into another year nor drag every later
        writer's there. When the clock is behind the log by more than `CLOCK_TOLERANCE`, the
        record is stamped with the log's last time and a `ClockBehind` warning says so.
        """
        now, whose = (
            (server_clock(cursor), "the database server's clock")
            if self.is_postgres
            else (datetime.now(UTC), "this machine's clock")
        )
        cursor.execute("SELECT recorded_at FROM mxt_chain ORDER BY position DESC LIMIT 1")
        row = cursor.fetchone()
        if row is None:
            return now
        try:
            last = parse_timestamp(row[0])
        except (TypeError, ValueError):
            raise DamagedLog(
                f"log: the hash chain's last recorded_at ({str(row[0])[:40]!r}) is not a "
                "timestamp (damaged; mxt verify names the entry)"
            ) from None
        if last - now > CLOCK_TOLERANCE:
            warnings.warn(ClockBehind(last, now, whose), stacklevel=2)
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

    def get(self, announcement_id: str) -> AnnouncementAggregate | None:
        """The announcement aggregate with this id, or None."""
        from .model import aggregate_id, project_announcement

        stored = self.app.recorder.select_events(aggregate_id(announcement_id))
        if not stored:
            return None
        return project_announcement(None, [self.decode(event) for event in stored])


T = TypeVar("T")


LOG_TABLES = ("stored_events", "mxt_chain")


def _checkpoint(cursor: Any) -> None:
    """Copies what a write just committed from SQLite's write-ahead log into the database
    file, as far as no reader of an earlier snapshot still needs the log's older state
    (`PASSIVE`: nobody is waited for). A committed record then lives in the file itself, not
    only in `store.sqlite-wal`, which a crash, a copy of the file alone or a deleted WAL would
    lose without trace; the last connection's close would do the same copy later (this
    moves it, not adds it). The commit stands whatever happens here: a failure is the next
    checkpoint's to retry."""
    try:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        cursor.fetchall()
    except sqlite3.Error:
        pass


def file_problems(cursor: Any, is_postgres: bool) -> list[str]:
    """What SQLite's own check of the store's file finds wrong (empty: nothing): every page,
    and every index against its table (`PRAGMA integrity_check`; its quick form skips that
    comparison, and an index with a flipped byte makes a read serve that byte or miss rows).
    PostgreSQL keeps its pages itself (its checksums and `amcheck` are its administrator's):
    nothing is checked there."""
    if is_postgres:
        return []
    cursor.execute(f"PRAGMA integrity_check({FILE_PROBLEMS_SHOWN})")
    found = [" ".join(str(row[0]).split()) for row in cursor.fetchall()]
    return [] if found == ["ok"] else found


FILE_PROBLEMS_SHOWN = 10  # SQLite stops its check after this many problems


def _nothing_at(path: str, shown: str) -> bool:
    """Whether nothing is at `path` yet (a SQLite store would be a new file). A folder, a
    device, a pipe or a socket is never a store: it is refused before it is opened (SQLite
    would write its journal beside a device: `/dev/null-journal`)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:  # no permission, say: the opening names it
        return False
    if stat.S_ISDIR(mode):
        raise StoreUnavailable(f"store: {shown} is a folder, not a SQLite file")
    if not stat.S_ISREG(mode):
        raise NotAStore(f"store: {shown} is {special_file(mode)}, not a SQLite file")
    return False


def special_file(mode: int) -> str:
    """What a file that is neither a regular file nor a folder is, in a few words."""
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _create_postgres_types(datastore: Any, recorder: Any) -> None:
    """eventsourcing's composite types, each in a transaction of its own (as its
    `create_table` makes them: PostgreSQL has no `CREATE TYPE IF NOT EXISTS`)."""
    from psycopg.errors import DuplicateObject

    for statement in recorder.sql_create_statements:
        if "CREATE TYPE" in statement.as_string():
            with datastore.transaction(commit=True) as cursor, suppress(DuplicateObject):
                cursor.execute(statement, prepare=False)


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


def _in_turn(answers: Iterator[T]) -> Generator[T, None, None]:
    """`answers` one by one, as a generator (whose `close` closes theirs)."""
    yield from answers


def origin_hex(originator_id: Any) -> str:
    """An aggregate id read back from either backend, as hex text."""
    return originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def parse_timestamp(text: str) -> datetime:
    """A stored `recorded_at` (`2025-07-01T09:30:00.000000Z`) as an aware datetime.

    (`fromisoformat`, not `strptime`: the first `strptime` of a process costs milliseconds,
    which `mxt record` would pay on every run.)"""
    if not text.endswith("Z"):
        raise ValueError(f"{text!r} is not a recorded_at (YYYY-MM-DDTHH:MM:SS.ffffffZ)")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


def server_clock(cursor: Any) -> datetime:
    """The PostgreSQL server's clock, now (not when the transaction began: a writer may have
    waited for the write lock), in UTC."""
    cursor.execute("SELECT clock_timestamp()")
    now: datetime = cursor.fetchone()[0]
    return now.astimezone(UTC)


class ClockBehind(UserWarning):
    """The clock that stamps records (`whose`: this machine's, or the database server's) is
    behind the log's last `recorded_at`: the record was stamped after the log's last one
    instead of at the clock's time."""

    def __init__(self, last: datetime, now: datetime, whose: str = "this machine's clock") -> None:
        self.last, self.now = last, now
        super().__init__(
            f"clock: {whose} ({format_timestamp(now)}) is behind the log's last "
            f"recorded_at ({format_timestamp(last)}); recorded at the log's time, not before it"
        )


class LockWait(UserWarning):
    """A command waits for a lock that another writer (or another program) holds: said once
    it has waited a second, so that a command that seems to hang says why."""

    def __init__(self, shown: str, limit: int, holder: str = "another mxt writing to") -> None:
        super().__init__(
            f"waiting for {holder} {shown}… (gives up after {limit} s: MXT_LOCK_TIMEOUT)"
        )


# What blocks a PostgreSQL backend, by application name ('mxt' is mxt's own).
_BLOCKERS = (
    "SELECT DISTINCT COALESCE(NULLIF(application_name, ''), '?') FROM pg_stat_activity "
    "WHERE pid = ANY(pg_blocking_pids(%s))"
)


def _watch_lock_waits(where: StoreLocation, backend: int, done: Any) -> None:
    """Until `done` is set: once a second, whether PostgreSQL `backend` waits for a lock that
    other sessions hold; the first time it does, `LockWait` names them (another mxt, or the
    program whose application name they carry). A watcher that cannot connect says nothing."""
    import psycopg

    try:
        with ExitStack() as stack:
            side = None
            while not done.wait(LOCK_NOTICE_SECONDS):
                if side is None:
                    keywords = {**postgres_keywords(where), "application_name": "mxt-watch"}
                    side = stack.enter_context(psycopg.connect(**keywords, autocommit=True))
                names = [row[0] for row in side.execute(_BLOCKERS, (backend,)).fetchall()]
                if names:
                    others = ", ".join(sorted(set(names) - {"mxt", "?"}))
                    holder = (
                        f"another program ({others}) holding a lock on" if others
                        else "another mxt writing to" if "?" not in names
                        else "another session holding a lock on"
                    )  # fmt: skip
                    if not done.is_set():
                        warnings.warn(LockWait(where.shown, lock_timeout(), holder), stacklevel=1)
                    return
    except psycopg.Error:
        return


def is_lock_timeout(error: BaseException) -> bool:
    """Whether `error` is the database giving up on a lock another writer held."""
    text = str(error).lower()
    return "database is locked" in text or "lock timeout" in text


def is_database_error(error: BaseException) -> bool:
    """Whether `error` comes from the database (sqlite3, psycopg, eventsourcing's wrappers)."""
    import sys

    from eventsourcing.persistence import PersistenceError

    if isinstance(error, sqlite3.Error | PersistenceError):
        return True
    psycopg = sys.modules.get("psycopg")
    pool = sys.modules.get("psycopg_pool")
    return (psycopg is not None and isinstance(error, psycopg.Error)) or (
        pool is not None and isinstance(error, pool.PoolTimeout)
    )


# What the database says, and what mxt tells the user it means.
_PROBLEMS = (
    (("readonly database", "read-only"), "the store is read-only (check the permissions of "
     "the file and its folder)"),
    (("database or disk is full", "disk full", "no space left", "file too large"),
     "the disk is full (nothing was written)"),
    (("malformed", "file is not a database", "not a database"),
     "the file is corrupted (database disk image is malformed)"),
    (("unable to open database",), "cannot open the file (no such folder, or no permission)"),
    (("disk i/o error",), "disk I/O error (is the disk full or failing? nothing was written)"),
)  # fmt: skip


def database_problem(error: BaseException) -> str:
    """One line naming what went wrong in the database, in the user's terms."""
    text = _one_line(error)
    lowered = text.lower()
    if is_lock_timeout(error):
        return (
            f"another mxt or program held a lock on the store for {lock_timeout()} s; gave up "
            "(MXT_LOCK_TIMEOUT sets how long to wait; nothing was written)"
        )
    if "decode to utf-8" in lowered or "invalid byte sequence" in lowered:
        return f"a stored text is not UTF-8: the store is damaged ({text})"
    for signs, meaning in _PROBLEMS:
        if any(sign in lowered for sign in signs):
            return meaning
    return text


# How a failed connection's reason reads, and its cause in a word or two (the first that
# matches: a refusal by pg_hba.conf may say "SSL off", and is a failed login).
_CONNECT_CAUSES = (
    (("connection refused",), "connection refused"),
    (("could not translate host name", "name or service not known", "nodename nor servname",
      "name resolution", "no address associated"), "unknown host"),
    (("authentication failed", "password", "role", "no pg_hba.conf entry"),
     "authentication failed"),
    (("ssl", "certificate"), "TLS failed (the URL's sslmode)"),
    (("timeout", "timed out"), "timed out"),
    (("database", "does not exist"), "no such database"),
)  # fmt: skip


def probe_postgres(where: StoreLocation) -> None:
    """Connects once, directly and within the connect timeout, so that an unreachable server
    fails fast with its cause named (a pool would retry until its own timeout). A setting of
    the URL that libpq refuses before it connects (`invalid sslmode value`) is bad input."""
    try:
        import psycopg
    except ImportError:
        raise StoreUnavailable(NEEDS_PSYCOPG) from None
    try:
        with psycopg.connect(**postgres_keywords(where)):
            pass
    except psycopg.Error as error:
        text = _one_line(error)
        if text.startswith("connection is bad: invalid "):  # libpq checks settings first
            raise BadStoreLocation(
                f"store: {where.shown}: {text.removeprefix('connection is bad: ')}"
            ) from None
        reason = text.rsplit(" failed: ", 1)[-1]  # libpq's words, after the server it names
        lowered = reason.lower()
        cause = next(
            (name for signs, name in _CONNECT_CAUSES if any(s in lowered for s in signs)),
            "cannot connect",
        )
        raise StoreUnavailable(
            f"store: cannot connect to {where.shown}: {cause} ({reason})"
        ) from None
