"""`mxt verify`'s second half: do the read models hold what the log says they should?

The check replays the log, with the read model's own code, into temporary tables that shadow
the stored ones for the length of one read transaction (SQLite and PostgreSQL both look up a
temporary table before a stored one of the same name), and compares an order-free digest of
each table with the stored one. Nothing is written to the store: it works on a read-only one.

`inspect_store` answers both halves of `mxt verify`, after SQLite's own check of the file
(`file_problems`: the read model's answers come through its indexes, which the digests of
the tables do not read); on a SQLite file the log's check, the file's and the stored tables'
digests run in a process apart (`Store.read_apart`) while this one replays.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from typing import Any, TypeAlias

from mxt.domain.integrity import VerifyReport, verify_log, verify_store
from mxt.events.digest import sha256
from mxt.storage.errors import DamagedLog
from mxt.storage.sqlite import file_problems
from mxt.storage.store import Store

from . import tables
from .projector import Projector

_MODULUS = 2**256
PAGE = 5000


def table_digest(cursor: Any, table: str) -> int:
    """An order-free digest of every row of `table` (the sum of the rows' hashes), read in
    pages so that a large table is never held whole."""
    raw = getattr(cursor, "tuples", None) or cursor.sqlite_cursor  # the driver's own cursor
    raw.execute(f"SELECT * FROM {table}")
    total = 0
    while rows := raw.fetchmany(PAGE):
        for row in rows:
            total += int.from_bytes(sha256(repr(tuple(row)).encode()).digest(), "big")
    return total % _MODULUS


# The log's verify report and each problem of the read models (`DamagedLog`s naming them).
Inspection = tuple[VerifyReport, list[DamagedLog]]


def inspect_store(store: Store, expect: str | None = None) -> Inspection:
    """`mxt verify`'s answer: the log's report, and what is wrong with the read models
    (checked only when the log is intact: a damaged log cannot say what they should hold).

    On a SQLite file whose read model is of this version, a process apart checks the log
    and then digests the stored tables (named `main.`, which no temporary table shadows)
    while this one replays the log into temporary tables and digests those: about half the
    time of one after the other. The replay trusts the log before its report comes, so a
    damaged log's replay is thrown away, whatever it made or raised. If the process apart
    read another snapshot (a writer committed in between, so its read model's position
    differs), the stored tables are digested again here, in this one's.
    """
    if store.is_postgres or tables.stored_version(store) != tables.READ_MODEL_VERSION:
        alone = verify_store(store, expect)
        with store.read() as cursor:
            alone.file_damage = [] if store.is_postgres else file_problems(cursor)
        return alone, [] if alone.damage else check_read_model(store)
    projector = Projector(store)

    def log_then_stored(cursor: Any) -> Iterator[Any]:
        report = verify_log(cursor, expect)
        report.file_damage = file_problems(cursor)
        yield report
        yield tables.applied(cursor), _digests(cursor, "main")

    with store.read() as cursor:
        cursor.execute("SELECT MAX(rowid) FROM stored_events")  # this snapshot begins first
        with closing(store.read_apart(log_then_stored, cursor)) as apart:
            return _judged(projector, cursor, apart)


def _judged(projector: Projector, cursor: Any, apart: Iterator[Any]) -> Inspection:
    """`inspect_store`'s answer from its replay on `cursor` and the answers of the process apart."""
    failure: Exception | None = None
    try:
        replayed = _replayed(projector, cursor, "temp")
    except Exception as error:  # judged once the log's report says whether it is intact
        failure = error
    report: VerifyReport = next(apart)
    if report.damage:
        return report, []
    if failure is not None:
        raise failure
    if isinstance(replayed, DamagedLog):
        return report, [replayed]
    held, expected = replayed
    seen_at, stored = next(apart)
    if seen_at != held:
        stored = _digests(cursor, "main")
    return report, _differences(stored, expected)


def check_read_model(store: Store) -> list[DamagedLog]:
    """What is wrong with the read models of `store`, compared with its log (empty: they agree);
    for a log that verify finds intact (the replay trusts it to hold what mxt wrote).

    A read model behind the log (a command was interrupted before catching up) is not wrong:
    the replay stops where it stands. Nor is one that is missing or of an older mxt: reads
    replay the log instead, and the next writing command makes it.
    """
    if tables.stored_version(store) != tables.READ_MODEL_VERSION:
        return []
    with store.read() as cursor:
        stored = _digests(cursor, None)
        replayed = _replayed(Projector(store), cursor, "pg_temp" if store.is_postgres else "temp")
    return [replayed] if isinstance(replayed, DamagedLog) else _differences(stored, replayed[1])


# The read model's position and the digest of each table a replay up to it makes; or, when
# the read model is out of step with its rows or the log, the error saying so.
Replayed: TypeAlias = tuple[int, dict[str, int]] | DamagedLog


def _replayed(projector: Projector, cursor: Any, schema: str) -> Replayed:
    """The log replayed into temporary tables (in `schema`), up to where the stored read
    model stands, and digested; the tables are dropped again."""
    try:
        held = projector.in_step(cursor)
    except DamagedLog as error:
        return error
    tables.shadow(cursor)
    try:
        # verified: the replay trusts the log; what it finds counts only once verify finds
        # the log intact
        projector.replay(cursor, before=held + 1, verified=True)
        return held, _digests(cursor, schema)
    finally:
        tables.drop_shadow(cursor, projector.store.is_postgres)


def _digests(cursor: Any, schema: str | None) -> dict[str, int]:
    """`table_digest` of each read-model table (in `schema`, else as the name finds it)."""
    return {table: table_digest(cursor, f"{schema}.{table}" if schema else table)
            for table in tables.NAMES}  # fmt: skip


def _differences(stored: dict[str, int], expected: dict[str, int]) -> list[DamagedLog]:
    """A problem for each table whose stored digest is not the replay's."""
    return [
        DamagedLog(
            f"read model: {table} does not hold what the log says it should",
            state=None,
            remedy="rebuild",
        )
        for table in tables.NAMES
        if stored[table] != expected[table]
    ]
