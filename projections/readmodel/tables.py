"""The read model's tables: their shape, their version, and the only code that makes them.

`mxt_rm_versions` holds one row per version of an announcement's content: a correction closes
the current row (`known_to`) and opens a new one; a retraction opens a row marked retracted.
A row is what was known during `[known_from, known_to)` in transaction time; `announced_on`
is its valid time. A row is keyed by the log position (`notification_id`) of the event that
made it; `recording_notification_id` is that of its announcement's recording. A recorded
(uncorrected) row keeps no copy of its content: it is read from that stored event, so the
read model costs little beside the log.

Every row belongs to a *group*: (company, kind, model, subject), where the subject is what a
later announcement of the same kind replaces, its slot (a target's metric, period and scope,
an order stage, a launch market, …; `events/kinds.py`). Each row keeps its `rank`
(0 confirmed, 1 reported, 2 expected) and its `seal`, a digest of everything it says
(`row_seal`), which every read checks. `mxt_rm_groups` lists the groups with the earliest
date of any row in them, so that "the latest announcement of each rank in each group as of
D, known at T" is one indexed seek per group and rank it holds (`ranks`), however long the
history behind it. That is what keeps as-of queries flat. `mxt_rm_entities` lists each company
and model the same way, and `mxt_rm_firsts` the rows that spell their names (`First`).
`mxt_rm_regions` holds each definition of a region of one's own (`RegionRow`), sealed like
the versions.

Writing commands make or upgrade the tables (`Projector.prepare`) before they append;
reading never does: a read of a store whose tables are missing, of another version or behind the log
answers from a replay into temporary tables (`shadow`) and writes nothing.

Every table and index of mxt's own carries the prefix `mxt_`, so that a file or database
holding another program's tables cannot lose one to a name of mxt's (the read model's tables
were `rm_…` up to version 9: `LEGACY_NAMES`). The log's tables keep eventsourcing's names.
"""

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, NamedTuple

from mxt.events.digest import sha256
from mxt.events.kinds import upcast
from mxt.events.switching import Switching
from mxt.storage.errors import DamagedLog
from mxt.storage.store import Store

# The shape of the read-model tables: a writing command finding another version drops them
# and rebuilds them from the log before it appends. The columns of a lookup index are not
# part of it when every query answers the same from either spelling: a store keeps the index
# it was built with until its next rebuild, rather than every store being replayed for it.
# Version 10 named the tables `mxt_rm_…` (they were `rm_…`); version 11 added each row's seal;
# version 12 keeps the read model's position in `mxt_rm_meta` (it was a row of
# eventsourcing's `tracking` table, which an older mxt's store keeps, unread); version 13 adds
# the regions of one's own (`mxt_rm_regions`); version 14 the rows that spell each company
# and model (`mxt_rm_firsts`). A store at an older version answers from a
# replay of its log, and rebuilds its read model on its next write.
READ_MODEL_VERSION = "14"


class Version(NamedTuple):
    """One `mxt_rm_versions` row, its columns in the table's order."""

    notification_id: int  # the event that made this version
    ann_id: str
    kind: str
    company_key: str
    model_key: str
    subject: str
    company: str
    model: str | None
    announced_on: str
    recorded_at: str
    recording_notification_id: int  # the announcement's recording (`AnnouncementRecorded`)
    known_from: str
    known_to: str | None
    retracted: int
    event: str
    reason: str | None
    changes: str | None  # JSON
    content: str | None  # JSON, for a version whose content is not its recorded event's
    rank: int


COLUMNS = ", ".join(Version._fields)
SEAL = len(Version._fields)  # where a row's seal comes, after its own columns


class RegionRow(NamedTuple):
    """One `mxt_rm_regions` row: a definition of a region of one's own, known from the moment
    it was recorded until a later definition of the name (the latest known is in force)."""

    notification_id: int  # the log position of the definition
    name: str
    markets: str  # JSON list
    excepted: str  # JSON list
    reason: str
    known_from: str  # its recorded_at


REGION_COLUMNS = ", ".join(RegionRow._fields)


class First(NamedTuple):
    """One `mxt_rm_firsts` row: a row of `mxt_rm_versions` that was its company's or model's
    earliest when it was written (`projector.FIRSTS`), with what a name needs of it: when it was
    known (`known_to` set when a correction or retraction closes it), its place in time and
    the names it spells. Sealed like the versions (`row_seal`)."""

    notification_id: int
    company_key: str
    model_key: str
    known_from: str
    known_to: str | None
    announced_on: str
    recorded_at: str
    recording_notification_id: int
    company: str
    model: str | None


FIRST_COLUMNS = ", ".join(First._fields)


def row_seal(row: Sequence[Any]) -> str:
    """The seal of an `mxt_rm_versions` row: a digest of everything the row says (`Version`'s
    columns, in order), written with the row (again when a correction closes it) and checked
    whenever it is read, so that a row edited behind mxt's back (unretracted, re-dated, its
    content forged) is refused as an edited event is (`View`), not served. Whoever can edit
    the database can also compute a seal: that forgery is what `mxt verify` finds, by
    replaying the log."""
    return seal_of(*row)


def seal_of(*row: Any) -> str:
    """`row_seal` of the columns given one by one, as SQL calls it (`mxt_seal`: a rebuild
    calls it once a recording, the tuple made once)."""
    return sha256(repr(row).encode()).hexdigest()[:32]


def sealed(values: Sequence[Any], width: int = SEAL) -> Sequence[Any]:
    """A row's columns, from `values` (`Version`'s columns, or the `width` columns of another
    sealed row whose first is its notification id, then the row's seal), once its seal is
    checked: a row that no longer says what it said when mxt wrote it is refused
    (`DamagedLog`, with the way out)."""
    if row_seal(values[:width]) != values[width]:
        raise DamagedLog(
            f"read model: the row of event #{values[0]} was changed behind mxt's back",
            state=None,
            remedy="rebuild",
        )
    return values[:width]


# The read model's own facts, by name: its `version`, and its position (`POSITION`: the
# notification id of the last event it holds, as text).
META = "CREATE TABLE IF NOT EXISTS mxt_rm_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
POSITION = "notification_id"
TABLES = [
    "CREATE TABLE mxt_rm_versions ("
    "notification_id INTEGER PRIMARY KEY, ann_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, company_key TEXT NOT NULL, model_key TEXT NOT NULL, "
    "subject TEXT NOT NULL, company TEXT NOT NULL, model TEXT, announced_on TEXT NOT NULL, "
    "recorded_at TEXT NOT NULL, recording_notification_id INTEGER NOT NULL, "
    "known_from TEXT NOT NULL, known_to TEXT, retracted INTEGER NOT NULL, event TEXT NOT NULL, "
    "reason TEXT, "
    "changes TEXT, content TEXT, rank INTEGER NOT NULL, seal TEXT NOT NULL)",
    # Groups and entities are read by their keys: kept in key order (`WITHOUT ROWID`, which
    # PostgreSQL's spelling leaves out), a query's groups are read in a few pages, with no
    # second seek from a key index to a table row.
    "CREATE TABLE mxt_rm_entities ("
    "company_key TEXT NOT NULL, model_key TEXT NOT NULL, first_on TEXT NOT NULL, "
    "PRIMARY KEY (company_key, model_key)) WITHOUT ROWID",
    "CREATE TABLE mxt_rm_groups ("
    "company_key TEXT NOT NULL, kind TEXT NOT NULL, model_key TEXT NOT NULL, "
    "subject TEXT NOT NULL, first_on TEXT NOT NULL, ranks INTEGER NOT NULL, "
    "PRIMARY KEY (company_key, kind, model_key, subject)) WITHOUT ROWID",
    # each company's and model's earliest row as the log grew (`projector.FIRSTS`)
    "CREATE TABLE mxt_rm_firsts ("
    "notification_id INTEGER NOT NULL, company_key TEXT NOT NULL, model_key TEXT NOT NULL, "
    "known_from TEXT NOT NULL, known_to TEXT, announced_on TEXT NOT NULL, "
    "recorded_at TEXT NOT NULL, recording_notification_id INTEGER NOT NULL, "
    "company TEXT NOT NULL, model TEXT, seal TEXT NOT NULL, "
    "PRIMARY KEY (company_key, model_key, notification_id)) WITHOUT ROWID",
    # the regions of one's own: a few rows, read whole (`View.regions`)
    "CREATE TABLE mxt_rm_regions ("
    "notification_id INTEGER PRIMARY KEY, name TEXT NOT NULL, markets TEXT NOT NULL, "
    "excepted TEXT NOT NULL, reason TEXT NOT NULL, known_from TEXT NOT NULL, "
    "seal TEXT NOT NULL)",
]
# `mxt_rm_firsts`: for each company and model, the rows that were its earliest when they were
# written. Taken in log order (which is `known_from` order: `recorded_at` never goes back),
# a row is listed when it is not retracted and comes no later (`Row.order`: `announced_on`,
# then `recorded_at` and its recording's position) than every earlier such row of the
# company or model. So the last one listed up to a moment T comes no later than any row
# visible at T: when it is itself still visible at T, it is the earliest visible one, and
# when its `announced_on` is after an as-of date, no visible row is on or before it
# (`View.names`). A few rows per company or model (about the logarithm of its rows, when
# announcements come in any order), each keeping what a name needs (`First`), so each name is
# one short seek in a small table instead of a walk of the company's or model's rows to the
# first that is visible, which `View.names` does only when that row has been corrected or
# retracted since.
# A recording's versions, for a correction or retraction to find the row it closes. A replay
# builds it once its recordings' rows are in, before its corrections' and retractions' rows
# (one sort instead of an insertion per row: a rebuild of 100,000 spent about 5% of its
# statement keeping it up to date); a bulk import keeps it (its fixes seek their rows by it).
RECORDING_INDEX = (
    "CREATE INDEX IF NOT EXISTS mxt_rm_recording ON mxt_rm_versions (recording_notification_id)"
)
# Indexes that a rebuild drops first and builds once at the end.
INDEXES = [
    # covering: a seek of the latest visible row reads no table row it skips (without the
    # visibility columns, `state market` and `state company` took 8% longer)
    "CREATE INDEX IF NOT EXISTS mxt_rm_group ON mxt_rm_versions "
    "(company_key, kind, model_key, subject, rank, announced_on, recorded_at, "
    "recording_notification_id, known_from, known_to, retracted)",
    # a company's or model's rows in time order, for the spelling of its earliest visible row
    # (`View.names`): the seek stops at the first entry whose row is visible, nearly always the
    # first, so the visibility columns stay in the row (covering them cost a rebuild a third
    # more to sort and write this index, and the queries nothing measurable)
    "CREATE INDEX IF NOT EXISTS mxt_rm_entity ON mxt_rm_versions "
    "(company_key, model_key, announced_on, recorded_at, recording_notification_id)",
    # a market's groups (launches, entries, showcases there; policies listing it) across every
    # company; covering the ranks each holds, so that the seeks of its latest rows (`View.latest`,
    # `View.listing`) read no table row of the groups first (`state market` at 1M, 2,000 groups
    # of policies a question: 0.90x the time of each, paired, without it)
    "CREATE INDEX IF NOT EXISTS mxt_rm_group_subject ON mxt_rm_groups "
    "(kind, subject, first_on, ranks)",
]
_TABLE = re.compile(r"^CREATE TABLE (\w+)")
NAMES = [found.group(1) for found in map(_TABLE.match, TABLES) if found]
# The read model's tables as mxt up to version 9 named them, without a prefix of its own: a
# file or database holding another program's `rm_versions` lost it to mxt's first write.
LEGACY_NAMES = ("rm_versions", "rm_entities", "rm_groups", "rm_meta")


@lru_cache(maxsize=8192)
def key(name: str | None) -> str:
    """The matching key of a company or model name: NFKC-normalised, case-insensitive,
    spaces collapsed (`ＸＩＡＯＭＩ` finds Xiaomi)."""
    from unicodedata import normalize

    return " ".join(normalize("NFKC", name).split()).casefold() if name else ""


# How many values a process decodes with the standard library before it imports pydantic_core.
FAST_AFTER = 20_000


class Decoder(Switching):
    """The JSON decoder of stored states and row contents. pydantic_core's `from_json` takes
    1.3 µs for a stored event where `json.loads` takes 3.1, but importing pydantic_core takes
    about 20 ms, the saving on some 11,000 events: so a process decodes its first
    `FAST_AFTER` values with `json.loads` (a one-shot question reads a few hundred) and the
    rest with `from_json` (a rebuild, a report, a long-lived read side). A process that has
    pydantic_core already (any writing command) uses it from the first."""

    def __init__(self) -> None:
        super().__init__(json.loads, _from_json, "pydantic_core", FAST_AFTER)


def _from_json() -> Any:
    from pydantic_core import from_json

    return from_json


decode = Decoder()


def content_of(own: str | None, event_state: Any) -> dict[str, Any]:
    """A row's content: its own JSON, or else the announcement inside its stored event."""
    try:
        content: dict[str, Any] = (
            decode(own) if own is not None else decode(event_state)["announcement"]
        )
        return upcast(content)
    except (ValueError, KeyError, TypeError):
        raise DamagedLog("log: a stored event cannot be read") from None


def applied(cursor: Any) -> int:
    """The read model's position: the notification id of the last event it holds (0: none)."""
    cursor.execute(f"SELECT value FROM mxt_rm_meta WHERE name='{POSITION}'")
    found = cursor.fetchone()
    return 0 if found is None else int(found[0])


def set_applied(cursor: Any, notification_id: int) -> None:
    """Moves the read model's position to `notification_id` (`applied`)."""
    cursor.execute(
        "INSERT INTO mxt_rm_meta VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value=excluded.value",
        (POSITION, str(notification_id)),
    )


def stored_version(store: Store) -> str | None:
    """The version of the read-model tables `store` holds (None: it holds none); that of its
    legacy tables (`legacy_version`) when it holds only those."""
    if not store.tables_exist(("mxt_rm_meta",)):
        return legacy_version(store)
    with store.read() as cursor:
        return version_of(cursor)


def legacy_version(store: Store) -> str | None:
    """The version of the read model an mxt up to version 9 left in `store` (tables named
    `rm_…`): the version row of its `rm_meta` beside mxt's tracking table. None when there
    is none, or when `rm_meta` is not the table mxt made (another program's)."""
    from mxt.storage.failures import is_database_error

    if not store.tables_exist(("tracking", "rm_meta")):
        return None
    with store.read() as cursor:
        try:
            cursor.execute("SELECT value FROM rm_meta WHERE name='version'")
            found = cursor.fetchone()
        except Exception as error:  # columns of another program's table: not mxt's
            if not is_database_error(error):
                raise
            return None
    return str(found[0]) if found is not None and str(found[0]).isdigit() else None


def legacy_tables(store: Store) -> tuple[str, ...]:
    """The tables of a read model an mxt up to version 9 made in `store` (none unless
    `legacy_version` finds its version row: only then are they mxt's)."""
    if legacy_version(store) is None:
        return ()
    return tuple(table for table in LEGACY_NAMES if store.tables_exist((table,)))


def version_of(cursor: Any) -> str | None:
    """The version of the read-model tables in the store (None: it has none)."""
    cursor.execute("SELECT value FROM mxt_rm_meta WHERE name='version'")
    found = cursor.fetchone()
    return None if found is None else str(found[0])


def make(cursor: Any, is_postgres: bool, legacy: tuple[str, ...] = ()) -> None:
    """Drops the read-model tables (and the `legacy` ones an older mxt made: see
    `legacy_tables`) and makes them empty, of this version, without their indexes (the
    replay that fills them builds those once: `RECORDING_INDEX`, `INDEXES`), the position
    cleared. Only a writing command's `Projector.prepare` and `mxt rebuild` call it."""
    with _freeing_pages_fast(cursor, is_postgres):
        for table in NAMES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        for table in legacy:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in TABLES:
        cursor.execute(statement)
    cursor.execute(f"DELETE FROM mxt_rm_meta WHERE name IN ('version', '{POSITION}')")
    cursor.execute("INSERT INTO mxt_rm_meta VALUES ('version', ?)", (READ_MODEL_VERSION,))


# `PRAGMA secure_delete`'s answers, as the pragma is set back (it reads 2 as ON, not FAST).
_SECURE_DELETE = {0: "OFF", 1: "ON", 2: "FAST"}


@contextmanager
def _freeing_pages_fast(cursor: Any, is_postgres: bool) -> Iterator[None]:
    """Lets SQLite free pages without overwriting them with zeros, and without keeping them,
    while the block runs.

    Some builds of SQLite (Debian's, this machine's) zero every page they free
    (`SECURE_DELETE`), so that dropping the read model would write each of its pages once
    more, then again into the write-ahead log. Those pages hold only copies of what the log
    keeps in the same file (the content of every announcement), so zeroing them hides
    nothing; `FAST` still clears what costs no extra write. A drop reads every page it frees:
    a small page cache reuses one page's memory for the next, where the large one a rebuild
    keeps (`Store.write`) would take new memory for each (a third of the drop's time). The
    connection's own settings are put back after (it is pooled).
    """
    if is_postgres:
        yield
        return
    cursor.execute("PRAGMA secure_delete")
    previous = _SECURE_DELETE.get(cursor.fetchone()[0], "ON")
    cursor.execute("PRAGMA cache_size")
    cache = cursor.fetchone()[0]
    cursor.execute("PRAGMA secure_delete=FAST")
    cursor.execute("PRAGMA cache_size=-2048")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA secure_delete={previous}")
        cursor.execute(f"PRAGMA cache_size={int(cache)}")


def shadow(cursor: Any) -> None:
    """Makes empty temporary read-model tables for the length of the cursor's connection:
    SQLite and PostgreSQL look a temporary table up before a stored one of the same name, so
    a replay into them (which builds their indexes, in their schema), and every query read
    from them, leaves the store as it is."""
    for statement in TABLES:
        cursor.execute(statement.replace("CREATE TABLE", "CREATE TEMPORARY TABLE", 1))


def drop_shadow(cursor: Any, is_postgres: bool) -> None:
    """Drops the temporary tables `shadow` made."""
    for table in NAMES:
        cursor.execute(f"DROP TABLE {'pg_temp' if is_postgres else 'temp'}.{table}")


def rows_in(
    cursor: Any, statement: str, ids: Sequence[int], *leading: Any, after: Sequence[Any] = ()
) -> Iterator[Any]:
    """The rows of `statement` whose `{}` is a list of `ids` (between the `leading`
    parameters and those `after`), asked 500 ids at a time (SQLite's limit on parameters is
    not met)."""
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        cursor.execute(statement.format(",".join("?" * len(chunk))), (*leading, *chunk, *after))
        yield from cursor.fetchall()
