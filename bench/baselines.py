"""The same-run baselines mxt is measured against, each run as its own process.

    python -m bench.baselines es-save STREAM DB   eventsourcing's batched Application.save
    python -m bench.baselines sqlite STREAM DB    raw sqlite3 executemany, one transaction
    python -m bench.baselines es-read DB          select_notifications + json decode

Each prints one JSON object: `{"events": N, "seconds": S}` (the work alone, start-up
excluded; the caller also times the whole process and reads its peak memory).
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

SAVE_BATCH = 1000
READ_PAGE = 5000


def stream_lines(path: str) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as lines:
        for raw in lines:
            if raw.strip():
                yield json.loads(raw)


def _env(db: str, name: str) -> dict[str, str]:
    """eventsourcing's settings for a SQLite file, or a `postgresql://` URL (a database
    there; its tables named after the application, `name`)."""
    if not db.startswith("postgresql://"):
        return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": db}
    from urllib.parse import urlsplit

    url = urlsplit(db)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": url.path.lstrip("/"),
        "POSTGRES_HOST": url.hostname or "localhost",
        "POSTGRES_PORT": str(url.port or 5432),
        "POSTGRES_USER": url.username or "",
        "POSTGRES_PASSWORD": url.password or "",
    }


def es_save(stream: str, db: str) -> int:
    """One plain eventsourcing aggregate per line, saved 1000 aggregates per `save` call
    (`db`: a SQLite file or a PostgreSQL URL)."""
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate

    class Announced(Aggregate):
        def __init__(self, announcement: dict[str, Any]) -> None:
            self.announcement = announcement

    app: Application[Any] = Application(env=_env(db, "Application"))
    count = 0
    batch: list[Announced] = []
    for line in stream_lines(stream):
        batch.append(Announced(announcement=line))
        if len(batch) >= SAVE_BATCH:
            app.save(*batch)
            count += len(batch)
            batch = []
    if batch:
        app.save(*batch)
        count += len(batch)
    app.close()
    return count


def raw_sqlite(stream: str, db: str) -> int:
    """The same JSON rows into an eventsourcing-shaped table: executemany, one transaction."""
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "CREATE TABLE IF NOT EXISTS stored_events (notification_id INTEGER PRIMARY KEY, "
        "originator_id TEXT NOT NULL, originator_version INTEGER NOT NULL, "
        "topic TEXT NOT NULL, state BLOB, UNIQUE (originator_id, originator_version))"
    )
    count = 0
    rows: list[tuple[str, int, str, bytes]] = []
    insert = (
        "INSERT INTO stored_events (originator_id, originator_version, topic, state) "
        "VALUES (?,?,?,?)"
    )
    connection.execute("BEGIN IMMEDIATE")
    for line in stream_lines(stream):
        state = json.dumps(line, separators=(",", ":")).encode()
        rows.append((str(uuid.uuid4()), 1, "bench:Announced", state))
        if len(rows) >= 10_000:
            connection.executemany(insert, rows)
            count += len(rows)
            rows = []
    connection.executemany(insert, rows)
    count += len(rows)
    connection.execute("COMMIT")
    connection.close()
    return count


def es_read(db: str) -> int:
    """Every stored event of a store, in log order, through `select_notifications`, decoded
    (`db`: an mxt store's SQLite file, or its PostgreSQL URL, whose events table is
    `mxt_events`)."""
    recorder: Any
    if db.startswith("postgresql://"):
        from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore

        env = _env(db, "mxt")
        datastore: Any = PostgresDatastore(
            dbname=env["POSTGRES_DBNAME"], host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"], user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"],
        )  # fmt: skip
        recorder = PostgresApplicationRecorder(datastore, events_table_name="mxt_events")
    else:
        from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

        datastore = SQLiteDatastore(db)
        recorder = SQLiteApplicationRecorder(datastore, events_table_name="stored_events")
    count = 0
    position = 0
    while True:
        page = recorder.select_notifications(position, READ_PAGE, inclusive_of_start=False)
        if not page:
            break
        for notification in page:
            json.loads(notification.state)
        count += len(page)
        position = page[-1].id
    datastore.close()
    return count


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    start = time.perf_counter()
    if args[:1] == ["es-save"] and len(args) == 3:
        count = es_save(args[1], args[2])
    elif args[:1] == ["sqlite"] and len(args) == 3:
        count = raw_sqlite(args[1], args[2])
    elif args[:1] == ["es-read"] and len(args) == 2:
        count = es_read(args[1])
    else:
        sys.exit(__doc__)
    print(json.dumps({"events": count, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main()
