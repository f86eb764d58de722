"""`mxt verify`'s second half: do the read models hold what the log says they should?

The check replays the log, with the read model's own code, into temporary tables that shadow
the stored ones for the length of one read transaction (SQLite and PostgreSQL both look up a
temporary table before a stored one of the same name), and compares an order-free digest of
each table with the stored one. Nothing is written to the store: it works on a read-only one.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from mxt.domain.store import Store

from .readmodel import TABLES, ReadModel

_TABLE = re.compile(r"^CREATE TABLE (\w+)")
_MODULUS = 2**256
PAGE = 5000


def read_model_tables() -> list[str]:
    """The names of the read model's tables."""
    return [found.group(1) for found in map(_TABLE.match, TABLES) if found]


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
    """What is wrong with the read models of `store`, compared with its log (empty: they agree).

    A read model behind the log (a command was interrupted before catching up) is not wrong:
    the replay stops where it stands.
    """
    from mxt.domain.errors import DamagedLog

    read_model = ReadModel(store)
    tables = read_model_tables()
    with store.read() as cursor:
        try:
            position = read_model.in_step(cursor)
        except DamagedLog as error:
            return [str(error)]
        stored = {table: table_digest(cursor, table) for table in tables}
        for statement in TABLES:
            cursor.execute(statement.replace("CREATE TABLE", "CREATE TEMPORARY TABLE", 1))
        try:
            read_model.replay(cursor, before=position + 1)
            expected = {table: table_digest(cursor, table) for table in tables}
        finally:
            for table in tables:
                cursor.execute(f"DROP TABLE {'pg_temp' if store.is_postgres else 'temp'}.{table}")
    return [
        f"read model: {table} does not hold what the log says it should (run mxt rebuild)"
        for table in tables
        if stored[table] != expected[table]
    ]
