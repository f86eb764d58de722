"""eventsourcing's PostgreSQL persistence, connecting with the whole `postgresql://` URL.

Imported only for a PostgreSQL store (it needs psycopg): `postgres_env` names its factory.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresFactory

CONNINFO = "POSTGRES_CONNINFO"  # the setting that carries libpq's connection string


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
