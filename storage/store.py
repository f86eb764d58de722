"""Where the log lives: an eventsourcing application over SQLite (or PostgreSQL), built when
the log is written or read itself; reads of the store's tables go straight to the database.

A store is opened only where it belongs (an mxt store, or a place that holds nothing yet),
its tables made once, in one transaction, with the hash chain's (`chain`). Writes go through
`Store.write()`: one database transaction that takes the write lock first (SQLite `BEGIN
IMMEDIATE`), stamps every event of the transaction with one `recorded_at` (`clock`), inserts
the stored events with eventsourcing's recorder, extends the hash chain and lets the
processors subscribed to the store (the read model's) process the new notifications, all
before a single commit. A file import is one such transaction, fed in batches, so it is all
or nothing however large it is. SQLite's and PostgreSQL's own ways are in `sqlite` and
`postgres`; what the database says when it fails, in `failures`. A store opened only to
answer questions never builds the application (`Store.app`), so never loads eventsourcing:
its reads (`Store.read`) run on connections of the store's own.
"""

from __future__ import annotations

import os
import time
import warnings
import weakref
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast
from uuid import UUID

from . import clock, sqlite
from .chain import Chain, last_recorded_at
from .errors import DamagedLog, NotAStore, StorageError, StoreMissing, StoreUnavailable
from .location import NEEDS_PSYCOPG, lock_timeout, parse_location
from .mapping import origin_hex

if TYPE_CHECKING:
    from eventsourcing.persistence import Notification, StoredEvent

    from .log import LogApplication, PydanticMapper

T = TypeVar("T")

# The tables that make a store an mxt store: the log's (eventsourcing's) and its chain's.
LOG_TABLES = ("stored_events", "mxt_chain")


# A processor sees the notifications a write transaction adds, inside that transaction, with
# their decoded states when the transaction has them.
Processor = Callable[[Any, Sequence["Notification"], Sequence[dict[str, Any]] | None], None]


class Deferring(NamedTuple):
    """How a processor takes a bulk write transaction (`Store.write(bulk=True)`, a file
    import): `defer` instead of processing each append as it comes, then `settle` once, on
    the same cursor, before the transaction commits (work done in bulk costs less than the
    same work done batch by batch; the transaction stays all or nothing). (A NamedTuple,
    and `WriteTransaction` a plain class, not dataclasses: making one costs every command,
    read commands too, about half a millisecond.)"""

    defer: Processor
    settle: Callable[[Any], None]


def _postgres() -> ModuleType:
    """`mxt.storage.postgres`, imported for a PostgreSQL store only (it needs psycopg)."""
    try:
        from . import postgres
    except ImportError:
        raise StoreUnavailable(NEEDS_PSYCOPG) from None
    return postgres


class WriteTransaction:
    """One open write transaction: what is appended through it commits together or not at all."""

    def __init__(self, store: Store, cursor: Any, bulk: bool = False) -> None:
        self.store = store
        self.cursor = cursor
        self.bulk = bulk  # the processors may defer their work to `settle` (`Deferring`)
        self._chain: Chain | None = None
        self._recorded_at: datetime | None = None

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

    def append(self, events: Sequence[Any]) -> list[int]:
        """Stores `events` and returns their notification ids."""
        if not events:
            return []
        mapper = cast("PydanticMapper", self.store.app.mapper)
        mapped = [mapper.stored_with_state(event) for event in events]
        return self.append_stored([s for s, _ in mapped], [state for _, state in mapped])

    def stored(self, events: Sequence[Any]) -> list[StoredEvent]:
        """`events` mapped as `append` stores them, to be appended later (`append_stored`)."""
        mapper = cast("PydanticMapper", self.store.app.mapper)
        return [mapper.to_stored_event(event) for event in events]

    def append_stored(
        self,
        stored: Sequence[StoredEvent],
        states: Sequence[dict[str, Any]] | None = None,
        *,
        stamped: bool = False,
    ) -> list[int]:
        """Stores mapped events verbatim (`copy` passes them straight from another store);
        `states` are their decoded states, when the caller has them. `stamped`: every one of
        them holds this transaction's `recorded_at` (so that nothing decodes them to read
        it)."""
        from eventsourcing.persistence import Notification

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
        recorded_at = clock.stamp_text(self.recorded_at_json) if stamped else None
        self._chain.extend(self.cursor, notifications, states, recorded_at)
        for processor, deferring in zip(self.store.processors, self.store.deferring, strict=True):
            if self.bulk and deferring is not None:
                deferring.defer(self.cursor, notifications, states)
            else:
                processor(self.cursor, notifications, states)
        return ids

    def settle(self) -> None:
        """Lets the processors that deferred their work do it (before the commit)."""
        if self.bulk:
            for deferring in self.store.deferring:
                if deferring is not None:
                    deferring.settle(self.cursor)

    def events_of(self, originator_id: UUID) -> list[Any]:
        """The events of one aggregate as this transaction sees them (its own appends
        included), in order, read back through their models."""
        self.cursor.execute(
            "SELECT originator_version, topic, state FROM stored_events "
            "WHERE originator_id=? ORDER BY originator_version",
            (self.store.origin(originator_id),),
        )
        from eventsourcing.persistence import StoredEvent

        mapper = self.store.app.mapper
        return [
            mapper.to_domain_event(StoredEvent(originator_id, row[0], row[1], bytes(row[2])))
            for row in self.cursor.fetchall()
        ]

    def existing(self, origins: dict[str, str]) -> dict[str, bytes]:
        """The first stored event state of each announcement already recorded, by id;
        `origins` maps aggregate ids (as hex) to announcement ids."""
        found: dict[str, bytes] = {}
        keys = [UUID(origin) for origin in origins] if self.store.is_postgres else list(origins)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            self.cursor.execute(
                "SELECT originator_id, state FROM stored_events WHERE originator_version=1 "
                f"AND originator_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for row in self.cursor.fetchall():
                found[origins[origin_hex(row[0])]] = bytes(row[1])
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
        self.deferring: list[Deferring | None] = []  # each processor's, if it defers
        self._app: LogApplication | None = None  # built on first use (`app`)
        self._app_env: dict[str, str] | None = None  # its settings, once the place is known
        self._readers: list[Any] = []  # the idle connections of `read()`
        self._held: Any = None  # the cursor of a read transaction every `read()` shares
        self._holding: ExitStack | None = None  # what ends that transaction (`release`)
        self.made = False  # this Store made the log's tables (`unmake` can take them away)
        self._closed = False
        self._made_paths: list[Path] = []  # the file and folders opening made (SQLite)
        self._was_empty_file = False  # a SQLite file of no byte at all when it was opened
        # SQLite's journal mode, which lives in the file, is set to WAL by the first write
        # (eventsourcing would set it on connecting, a write even when only reading)
        self._journal_pending = not self.is_postgres and not scratch
        if (
            not self.is_postgres
            and sqlite.nothing_at(self.location, self.display_location)
            and not create
        ):
            raise StoreMissing(f"store: no store at {self.location}")
        try:
            if self.is_postgres:  # connected first: a server out of reach is named at once
                self._readers.append(_postgres().connect(self.where))
            self._app_env = self._env(create)
            Store._open.add(self)
            found, names = self.contents()
            if found == "other":
                raise NotAStore(self._not_a_store(names))
            if found != "store" and not create:
                raise StoreMissing(self._no_log())
            if create and (found != "store" or self.is_postgres):
                self._create_tables()
        except BaseException as error:
            self.close()
            if isinstance(error, StorageError) or not isinstance(error, Exception):
                raise
            from .failures import database_problem  # sqlite3, psycopg or eventsourcing's

            raise StoreUnavailable(
                f"store: cannot open {self.display_location}: {database_problem(error)}"
            ) from error

    @property
    def app(self) -> LogApplication:
        """The eventsourcing application over the store, built on first use: by the first
        write, or the first read of the log through eventsourcing's recorder
        (`notifications`, `events_of`, `max_notification_id`). Reading the store's tables
        (`read`) needs none of it."""
        if self._app is None:
            if self._closed or self._app_env is None:
                raise StoreUnavailable(f"store: {self.display_location} is closed")
            from .log import LogApplication

            app = LogApplication(env=self._app_env)
            if not self.is_postgres:  # the first write sets WAL (see `_journal_pending`)
                datastore: Any = app.recorder.datastore  # type: ignore[attr-defined]
                datastore.pool.is_journal_mode_wal = True
            self._app = app
        return self._app

    @property
    def datastore(self) -> Any:
        """eventsourcing's datastore of the store (its connection pool): builds `app`."""
        return self.app.recorder.datastore  # type: ignore[attr-defined]

    def _not_a_store(self, names: Sequence[str]) -> str:
        shown = ", ".join(names[:3]) + (", …" if len(names) > 3 else "")
        return (
            f"store: {self.display_location} holds no mxt log but another program's tables "
            f"({shown}): mxt writes only into a new or empty file or database, or an mxt store"
        )

    def _no_log(self) -> str:
        return f"store: {self.display_location} holds no mxt log"

    @property
    def display_location(self) -> str:
        """The location as it may be printed: a URL's passwords replaced by ***."""
        return self.where.shown

    def _env(self, create: bool) -> dict[str, str]:
        if self.is_postgres:
            return _postgres().postgres_env(self.where)
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
        spelled = _postgres().postgres_sql if self.is_postgres else str
        log = [spelled(table) for table in LOG_TABLES]
        if set(log) <= set(names):
            return "store", names
        return ("other", names) if names else ("empty", [])

    def _table_names(self, cursor: Any) -> list[str]:
        """The tables and views of the file or database, sorted (PostgreSQL: those of the
        schemas mxt writes to, eventsourcing's and the first on the search path)."""
        if self.is_postgres:
            postgres = _postgres()
            return postgres.table_names(cursor, postgres.log_schema())
        return sqlite.table_names(cursor)

    def _create_tables(self) -> None:
        """Makes the log's tables, in one transaction, in a file or database that holds no
        table yet (`made`); an mxt store is left as it is, anything else refused."""
        self.ensure_tables(LOG_TABLES, self._make_log_tables)

    def _make_log_tables(self) -> None:
        """The log's tables and the chain's, made together (so that no store is ever half
        made), once the write lock (SQLite) or the creation lock (PostgreSQL) is held and the
        place is seen to hold no table still. (eventsourcing's tables are made by its own
        statements, run in this transaction.)"""
        recorder: Any = self.app.recorder
        if self.is_postgres:
            found, names = self.contents()
            if found != "empty":
                if found == "other":
                    raise NotAStore(self._not_a_store(names))
                return
            postgres = _postgres()
            with self.datastore.get_connection() as connection, connection.transaction():
                cursor = postgres.PostgresCursor(connection)
                postgres.create_log_table(self.datastore, recorder, cursor)
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
            for statement in recorder.create_table_statements:
                cursor.execute(statement)
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
                if table == "stored_events" or table.startswith("mxt_"):
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
            lock = _postgres().CREATION_LOCK
            with self.datastore.get_connection() as connection:
                connection.execute("SELECT pg_advisory_lock(%s)", (lock,))
                try:
                    if not self.tables_exist(tables):
                        create()
                finally:
                    connection.execute("SELECT pg_advisory_unlock(%s)", (lock,))
        # The event type may be another process's creation, made after this one connected
        # (eventsourcing looks the type up once, at connection): look again, even when the
        # tables exist. Once found, this asks the server nothing.
        self.datastore.register_type_adapters()

    def tables_exist(self, tables: Sequence[str]) -> bool:
        """Whether every one of `tables` (in mxt's spelling) is in the store."""
        with self.read() as cursor:
            if self.is_postgres:
                return bool(_postgres().tables_exist(cursor, tables))
            return sqlite.tables_exist(cursor, tables)

    def subscribe(self, processor: Processor, deferring: Deferring | None = None) -> None:
        """Runs `processor` inside every write transaction, on the notifications it appends
        (the composition root, `mxt.projections.opening`, subscribes the read model); in a
        bulk one, `deferring`'s way when given."""
        self.processors.append(processor)
        self.deferring.append(deferring)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        Store._open.discard(self)
        try:
            self.release()
        finally:
            readers, self._readers = self._readers, []
            for connection in readers:
                with suppress(Exception):
                    connection.close()
            if self._app is not None:
                self._app.close()

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
    def write(self, *, bulk: bool = False) -> Iterator[WriteTransaction]:
        """A write transaction holding the store's write lock until it commits or rolls back;
        `bulk` (a file import) lets the processors defer their work to its end (`Deferring`).

        A database failure (read-only file, full disk, corrupted pages) rolls it back and
        raises `StoreUnavailable` naming the cause: nothing is half-written.
        """
        with self._failures("cannot write to"):
            if self.is_postgres:
                postgres = _postgres()
                with (
                    self.datastore.get_connection() as connection,
                    connection.transaction(),
                    postgres.saying_lock_waits(self.where, connection),
                ):
                    cursor: Any = postgres.PostgresCursor(connection)
                    for statement in self.app.recorder.lock_table_statements:  # type: ignore[attr-defined]
                        cursor.dicts.execute(statement)
                    transaction = WriteTransaction(self, cursor, bulk)
                    yield transaction
                    transaction.settle()
                return
            with self.datastore.get_connection(commit=True) as connection:
                cursor = connection.cursor()
                if self._journal_pending:  # the first write: WAL (see `__init__`)
                    sqlite.use_wal(cursor, self.display_location)
                    self._journal_pending = False
                # A large import or rebuild touches far more pages than SQLite's default 2 MB
                # cache: let it keep 64 MB. An index build larger than that sorts in parts,
                # in temporary files: let two threads of SQLite's own sort them (a rebuild of
                # 1M announcements builds its indexes in about 3.3 s instead of 4.1 s).
                cursor.execute("PRAGMA cache_size=-65536")
                cursor.execute("PRAGMA threads=2")
                sqlite.begin_immediate(cursor, self.display_location)
                try:
                    transaction = WriteTransaction(self, cursor, bulk)
                    yield transaction
                    transaction.settle()
                except BaseException:
                    connection.rollback()
                    raise
                else:
                    connection.commit()
                    sqlite.checkpoint(cursor)
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
        postgres = _postgres()
        with (
            self._failures("cannot write to"),
            self.datastore.get_connection() as connection,
            connection.transaction(),
            postgres.saying_lock_waits(self.where, connection),
        ):
            yield postgres.PostgresCursor(connection)

    @contextmanager
    def read(self) -> Iterator[Any]:
        """A read transaction: one consistent snapshot of the store (while `held`, the one
        transaction every read shares)."""
        if self._held is not None:
            yield self._held
            return
        with self._failures("cannot read"):
            if not self.is_postgres and sqlite.in_memory(self.location):
                # a database in memory is eventsourcing's one connection
                with self.datastore.transaction(commit=False) as cursor:
                    yield cursor
                return
            connection = self._readers.pop() if self._readers else self._connect_reader()
            try:
                if self.is_postgres:
                    postgres = _postgres()
                    with (
                        connection.transaction(force_rollback=True),
                        postgres.saying_lock_waits(self.where, connection),
                    ):
                        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                        yield postgres.PostgresCursor(connection)
                else:
                    with sqlite.read_transaction(connection) as cursor:
                        yield cursor
            except BaseException:
                with suppress(Exception):  # (it may be what failed)
                    connection.close()
                raise
            if self._closed:
                connection.close()
            else:
                self._readers.append(connection)

    def _connect_reader(self) -> Any:
        """A new connection for `read` (the store's own: no eventsourcing)."""
        if self.is_postgres:
            return _postgres().connect(self.where)
        return sqlite.connect(self.location, lock_timeout())

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
        snapshot of its own (`apart.read_forked`): its Python runs on another core while this
        process goes on (writing, say). Each answer comes as soon as it is yielded; what it
        raises is raised here. Where the system cannot fork (Windows), for a store held in
        memory, on PostgreSQL (whose pool keeps threads a fork would not carry), while another
        thread of this process runs (`apart.alone`), and when the system gives no process (a
        limit on processes or memory), it runs here instead, on the cursor `here`, as it is
        iterated. Closing the answers early ends the reading either way."""
        if self.is_postgres or not hasattr(os, "fork") or sqlite.in_memory(self.location):
            return _in_turn(reading(here))
        from .apart import alone, read_forked

        if not alone():
            return _in_turn(reading(here))
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
        except StorageError:
            raise
        except Exception as error:
            from .failures import database_problem, is_database_error

            if not is_database_error(error):
                raise
            raise StoreUnavailable(
                f"store: {doing} {self.display_location}: {database_problem(error)}"
            ) from error

    def insert_stored(self, cursor: Any, stored: Sequence[StoredEvent]) -> list[int]:
        """Inserts stored events with eventsourcing's recorder's statement; returns their
        notification ids."""
        recorder: Any = self.app.recorder
        if not stored:
            return []
        if self.is_postgres:
            return _postgres().insert_events(recorder, cursor, stored)
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

        "Now" is this machine's clock, or a PostgreSQL store's server's (`clock.now_on`):
        one clock for every writer of a shared log, so that one client whose clock is wrong
        (in 2099, say) can neither stamp its records into another year nor drag every later
        writer's there. When the clock is behind the log by more than `CLOCK_TOLERANCE`, the
        record is stamped with the log's last time and a `ClockBehind` warning says so.
        """
        now, whose = clock.now_on(cursor, self.is_postgres)
        stamp = last_recorded_at(cursor)
        if stamp is None:
            return now
        try:
            last = clock.parse_timestamp(stamp)
        except (TypeError, ValueError):
            raise DamagedLog(
                f"log: the hash chain's last recorded_at ({str(stamp)[:40]!r}) is not a timestamp"
            ) from None
        if last - now > clock.CLOCK_TOLERANCE:
            warnings.warn(clock.ClockBehind(last, now, whose), stacklevel=2)
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

    def events_of(self, originator_id: UUID) -> list[Any]:
        """The events of one aggregate, in order, read back through their models; a damaged
        one raises `DamagedLog`."""
        return [self._decode(stored) for stored in self.app.recorder.select_events(originator_id)]

    def _decode(self, stored: StoredEvent) -> Any:
        try:
            return self.app.mapper.to_domain_event(stored)
        except Exception as error:
            raise DamagedLog(
                f"stored event {stored.originator_id} v{stored.originator_version} "
                f"cannot be read: {error}",
                state=None,
                remedy=None,
            ) from error


def retry_first_use(create: Callable[[], T], attempts: int = 5) -> T:
    """Runs `create` (tables made on first use), again if a process doing the same won a race.

    `CREATE TABLE IF NOT EXISTS` and a first row are not atomic with respect to another
    process creating them at the same moment; the loser's second try finds them made.
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
