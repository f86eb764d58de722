"""Watches: saved selections with a cursor, kept beside the log, never in it.

A watch is the user's own setting, not an announcement: it lives in a table of mxt's own,
`mxt_watches`, in the store's database, and is no event, not chained, not exported, not
copied by `mxt copy`, and left alone by `verify`'s chain and by `rebuild`. On a PostgreSQL
store shared by a team, each watch belongs to its name: whoever runs `mxt watch run NAME`
moves that watch's cursor.

The cursor is a log position (a notification id), never a wall-clock time. Every writer
appends under the store's write lock (SQLite's `BEGIN IMMEDIATE`; PostgreSQL's `LOCK TABLE
… IN EXCLUSIVE MODE`, held until commit), so log positions are handed out in commit order:
a read snapshot sees every event up to its last position and none after it, and an event
committed later always gets a larger position (PostgreSQL's sequence may leave gaps, from
transactions rolled back, which nothing fills later). "The events after the cursor, up to
the position a run read" therefore loses nothing and repeats nothing, whatever the clocks
of the writers said.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from mxt.events.alerts import ALERT_KINDS
from mxt.events.errors import InputError

from .clock import format_timestamp, now_on
from .errors import DamagedLog, StorageError
from .store import Store

WATCH_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
TABLE = "mxt_watches"
CREATE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    "name TEXT PRIMARY KEY, "
    "selection TEXT NOT NULL, "  # JSON: companies, markets, models, alerts (null: every one)
    "log_position BIGINT NOT NULL, "  # the cursor: the last log position reported
    "created_at TEXT NOT NULL, "
    "updated_at TEXT NOT NULL)"
)


class Watch(NamedTuple):
    """A saved selection and its cursor: the log position up to which it has reported.

    An empty selection field matches everything; `alerts` None asks for every alert."""

    name: str
    companies: tuple[str, ...]
    markets: tuple[str, ...]
    models: tuple[str, ...]
    alerts: tuple[str, ...] | None
    cursor: int
    created_at: str
    updated_at: str


class UnknownWatch(StorageError):
    """No watch of this name is saved (bad input)."""

    remedy = "list-watches"

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"watch: no watch named {name!r}")


class WatchExists(StorageError):
    """A watch of this name is saved already (bad input)."""

    remedy = "add-watch-again"

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"watch: {name!r} exists already")


class CursorMoved(StorageError):
    """A watch's cursor is no longer where a run read it (another run of it reported
    meanwhile), or the watch is gone: nothing was changed; the run reads again."""


class WatchBeyondLog(DamagedLog):
    """A watch's cursor is past the log's last event: the log was replaced by a shorter one
    (a restored backup), so the events between cannot be told apart (exit 1)."""

    def __init__(self, name: str, cursor: int, head: int) -> None:
        super().__init__(
            f"watch {name!r}: its cursor (event #{cursor}) is beyond the log's last event "
            f"(#{head}): was the store replaced?",
            state=None,
            remedy="add-watch-again",
        )


def check_name(name: str) -> str:
    """A watch's name: letters, digits and `._-`, starting with a letter or digit, at most
    64 characters (it is typed on command lines and in crontabs)."""
    if not WATCH_NAME.fullmatch(name):
        raise InputError(
            "name", f"{name!r} is not a watch name (letters, digits and ._- up to 64 characters)"
        )
    return name


def check_names(values: Iterable[str], field: str) -> tuple[str, ...]:
    """Company or model names as announcements hold them (NFKC, trimmed, nothing invisible)."""
    from mxt.events.invisible import refused_in_name

    names = []
    for value in values:
        name = unicodedata.normalize("NFKC", value).strip()
        if not name or any(refused_in_name(char) for char in name):
            raise InputError(field, f"{value!r} is not a name (empty, or invisible characters)")
        names.append(name)
    return tuple(dict.fromkeys(names))


def check_markets(values: Iterable[str]) -> tuple[str, ...]:
    """Market codes or regions, as `--market` takes them everywhere."""
    from mxt.events.codes import check_market

    try:
        return tuple(dict.fromkeys(check_market(value) for value in values))
    except ValueError as error:
        raise InputError("market", str(error)) from None


def check_alerts(values: Iterable[str]) -> tuple[str, ...] | None:
    """Alert kinds of `ALERT_KINDS` (none given: None, every alert)."""
    alerts = tuple(dict.fromkeys(value.strip().lower() for value in values))
    for alert in alerts:
        if alert not in ALERT_KINDS:
            raise InputError("alert", f"unknown alert {alert!r} (one of: {', '.join(ALERT_KINDS)})")
    return alerts or None


def _now(store: Store, cursor: Any) -> str:
    """Now, by the clock that stamps the log's records (a PostgreSQL store's server's)."""
    return format_timestamp(now_on(cursor, store.is_postgres)[0])


def head_position(cursor: Any) -> int:
    """The log position of the last event the cursor's transaction sees (0: none)."""
    cursor.execute("SELECT COALESCE(MAX(notification_id), 0) FROM mxt_chain")
    return int(cursor.fetchone()[0])


def _watch(row: Sequence[Any]) -> Watch:
    name, selection, position, created_at, updated_at = row
    try:
        chosen = json.loads(selection)
        alerts = chosen.get("alerts")
        return Watch(
            name, tuple(chosen["companies"]), tuple(chosen["markets"]), tuple(chosen["models"]),
            None if alerts is None else tuple(alerts), int(position), created_at, updated_at,
        )  # fmt: skip
    except (ValueError, TypeError, KeyError, AttributeError):
        raise DamagedLog(f"watch {name!r}: its stored selection cannot be read") from None


def saved(store: Store, cursor: Any, names: Sequence[str] = ()) -> list[Watch]:
    """The watches saved in the store (or those named, each of which must exist), by name,
    as the cursor's transaction sees them."""
    if not store.tables_exist((TABLE,)):
        found: list[Watch] = []
    else:
        cursor.execute(
            "SELECT name, selection, log_position, created_at, updated_at "
            f"FROM {TABLE} ORDER BY name"
        )
        found = [_watch(row) for row in cursor.fetchall()]
    if not names:
        return found
    by_name = {watch.name: watch for watch in found}
    for name in names:
        if name not in by_name:
            raise UnknownWatch(name)
    return [by_name[name] for name in dict.fromkeys(names)]


def add_watch(
    store: Store,
    name: str,
    *,
    companies: Iterable[str] = (),
    markets: Iterable[str] = (),
    models: Iterable[str] = (),
    alerts: Iterable[str] = (),
) -> Watch:
    """Saves a new watch whose cursor is the log's last position now: it reports what is
    recorded after it was added. The table is made on the first watch."""
    name = check_name(name)
    selection = {
        "companies": list(check_names(companies, "company")),
        "markets": list(check_markets(markets)),
        "models": list(check_names(models, "model")),
        "alerts": (lambda chosen: None if chosen is None else list(chosen))(check_alerts(alerts)),
    }
    store.ensure_tables((TABLE,), lambda: _create_table(store))
    with store.settings() as cursor:
        cursor.execute(f"SELECT 1 FROM {TABLE} WHERE name=?", (name,))
        if cursor.fetchone() is not None:
            raise WatchExists(name)
        now = _now(store, cursor)
        row = (name, json.dumps(selection, ensure_ascii=False), head_position(cursor), now, now)
        if not store.is_postgres:  # the check above ran under the store's write lock
            cursor.execute(f"INSERT INTO {TABLE} VALUES (?,?,?,?,?)", row)
            return _watch(row)
        # PostgreSQL: another `watch add` of the name may have committed since the check
        cursor.execute(
            f"INSERT INTO {TABLE} VALUES (?,?,?,?,?) ON CONFLICT (name) DO NOTHING RETURNING name",
            row,
        )
        if cursor.fetchone() is None:
            raise WatchExists(name)
    return _watch(row)


def _create_table(store: Store) -> None:
    with store.settings() as cursor:
        cursor.execute(CREATE_TABLE)


def remove_watch(store: Store, name: str) -> None:
    """Forgets a watch and its cursor."""
    if not store.tables_exist((TABLE,)):
        raise UnknownWatch(name)
    with store.settings() as cursor:
        cursor.execute(f"SELECT 1 FROM {TABLE} WHERE name=?", (name,))
        if cursor.fetchone() is None:
            raise UnknownWatch(name)
        cursor.execute(f"DELETE FROM {TABLE} WHERE name=?", (name,))


def advance(store: Store, moves: Mapping[str, tuple[int, int]], report: Callable[[], None]) -> None:
    """Moves each watch's cursor from the first position of `moves[name]` to the second, in
    one transaction, once `report` (which writes what the run found) has returned.

    The watches are locked first (PostgreSQL: their rows, `FOR UPDATE`; SQLite: the store's
    write lock), then their cursors compared with the positions the run started from: if
    one has moved (another run of it reported meanwhile) or the watch is gone, nothing is
    written or reported and `CursorMoved` says so, so that two runs never both report the
    same events. If `report` raises, or the process dies before the commit, every cursor
    stays where it was: what was reported then is reported again by the next run."""
    if not moves:
        report()
        return
    names = sorted(moves)
    marks = ",".join("?" * len(names))
    lock = " FOR UPDATE" if store.is_postgres else ""
    with store.settings() as cursor:
        cursor.execute(
            f"SELECT name, log_position FROM {TABLE} WHERE name IN ({marks}) ORDER BY name{lock}",
            names,
        )
        found = {name: int(position) for name, position in cursor.fetchall()}
        for name in names:
            if found.get(name) != moves[name][0]:
                raise CursorMoved(f"watch {name!r}: another run moved its cursor meanwhile")
        report()
        now = _now(store, cursor)
        cursor.executemany(
            f"UPDATE {TABLE} SET log_position=?, updated_at=? WHERE name=?",
            [(moves[name][1], now, name) for name in names],
        )
