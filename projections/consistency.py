"""`mxt verify`'s second half: do the read models hold what the log says they should?

The check replays the log, with the read model's own code, into temporary tables that shadow
the stored ones for the length of one read transaction (SQLite and PostgreSQL both look up a
temporary table before a stored one of the same name), and compares an order-free digest of
each table with the stored one. Nothing is written to the store: it works on a read-only one.
"""

from __future__ import annotations

import hashlib
from typing import Any

from mxt.domain.store import Store

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
            total += int.from_bytes(hashlib.sha256(repr(tuple(row)).encode()).digest(), "big")
    return total % _MODULUS


def check_read_model(store: Store) -> list[str]:
    """What is wrong with the read models of `store`, compared with its log (empty: they agree);
    for a log that verify finds intact (the replay trusts it to hold what mxt wrote).

    A read model behind the log (a command was interrupted before catching up) is not wrong:
    the replay stops where it stands. Nor is one that is missing or of an older mxt: reads
    replay the log instead, and the next writing command makes it.
    """
    from mxt.domain.errors import DamagedLog

    if tables.stored_version(store) != tables.READ_MODEL_VERSION:
        return []
    projector = Projector(store)
    with store.read() as cursor:
        try:
            position = projector.in_step(cursor)
        except DamagedLog as error:
            return [str(error)]
        stored = {table: table_digest(cursor, table) for table in tables.NAMES}
        tables.shadow(cursor)
        try:
            # verified: verify checks the read models only once the log itself is intact
            projector.replay(cursor, before=position + 1, verified=True)
            expected = {table: table_digest(cursor, table) for table in tables.NAMES}
        finally:
            tables.drop_shadow(cursor, store.is_postgres)
    return [
        f"read model: {table} does not hold what the log says it should (run mxt rebuild)"
        for table in tables.NAMES
        if stored[table] != expected[table]
    ]
