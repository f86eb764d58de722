"""eventsourcing's PostgreSQL persistence, connecting with the whole `postgresql://` URL.

Imported by eventsourcing (the `PERSISTENCE_MODULE` of `postgres.postgres_env`) only when the
log of a PostgreSQL store is written or read itself (`Store.app`).
"""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresFactory

from .postgres import CONNINFO


class URLPostgresFactory(PostgresFactory):
    """eventsourcing's PostgreSQL factory whose connections are made from libpq's connection
    string for the whole URL (`POSTGRES_CONNINFO`: its query parameters, such as `sslmode`,
    included), which eventsourcing's own settings (host, port, user, password, database
    name) cannot carry. Set before the pool first connects (the recorder's construction)."""

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        pool = self.datastore.pool
        pool.conninfo = self.env.get(CONNINFO) or ""
        pool.kwargs = {"row_factory": pool.kwargs["row_factory"]}  # type: ignore[index]
