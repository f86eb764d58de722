"""The view: the named questions the read model's tables answer, and the only code that
reads them (the projector writes them; `projections/tables.py` has their shape).

Every question takes a read cursor and the two time axes (`as_of`, a date; `known_at`, a
moment) and returns `Row`s: one version of one announcement each, in time order, its content
read from the stored event and checked against the hash chain's digest of it.
"""

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, NamedTuple

from mxt.events.kinds import RANK, policy_markets
from mxt.storage.chain import column_digest
from mxt.storage.clock import stamp_problem
from mxt.storage.errors import DamagedLog
from mxt.storage.mapping import origin_hex
from mxt.storage.store import Store

from .tables import (
    REGION_COLUMNS,
    SEAL,
    First,
    RegionRow,
    Version,
    content_of,
    key,
    row_seal,
    rows_in,
    sealed,
)

if TYPE_CHECKING:
    from mxt.events.regions import UserRegion

# A version row `v` known at a moment (two parameters: the moment, twice).
VISIBLE = "v.known_from<=? AND (v.known_to IS NULL OR v.known_to>?)"


# What a row's statement reads (`_to_row` names them): the version's own columns and its
# seal (`content`: its own JSON, or NULL when it is its recorded event's), then its
# recorded event's stored columns and the digest the hash chain took of them.
ROW_COLUMNS = (
    f"SELECT {', '.join('v.' + column for column in Version._fields)}, v.seal, e.state, "
    "e.originator_id, e.originator_version, e.topic, "
    # the chain's digest of the event: its entry is sought by the chain's own numbering first
    # (in a SQLite store, an event's chain position is its notification id: one seek, not a
    # seek in the `notification_id` index and then one in the table), else by notification id
    "COALESCE((SELECT c.digest FROM mxt_chain c WHERE c.position = e.rowid "
    "AND c.notification_id = e.rowid), "
    "(SELECT c.digest FROM mxt_chain c WHERE c.notification_id = e.rowid)) "
)
ROW_EVENT = "LEFT JOIN stored_events e ON e.rowid = v.recording_notification_id "
SELECT_ROW = f"{ROW_COLUMNS}FROM mxt_rm_versions v {ROW_EVENT}"
# The ranks (`events/kinds.py` RANK), one row each: the groups of `View.latest` are sought
# once per rank they hold.
LEVELS = "(" + " UNION ALL ".join(f"SELECT {n} AS level" for n in sorted(set(RANK.values()))) + ")"
# The versions of announcements known at a moment (one parameter), each one's oldest first.
HISTORY = (
    "AND v.known_from<=? ORDER BY v.recording_notification_id, v.known_from, v.notification_id"
)


# The row of a company or model (parameters: its keys, a date, a moment twice) that is its
# earliest visible one up to the date, found by a walk of its rows in time order
# (`mxt_rm_entity`): for a name whose listed row (`mxt_rm_firsts`) has been closed since.
EARLIEST = (
    f"SELECT {', '.join('f.' + column for column in Version._fields)}, f.seal "
    "FROM mxt_rm_versions f WHERE f.notification_id = (SELECT v.notification_id "
    "FROM mxt_rm_versions v WHERE v.company_key=? AND v.model_key=? "
    f"AND v.announced_on<=? AND {VISIBLE} AND v.retracted=0 "
    "ORDER BY v.announced_on, v.recorded_at, v.recording_notification_id LIMIT 1)"
)
# Each company's and model's last listed row up to a moment (a parameter), of those the
# conditions after it choose (`e`: `mxt_rm_entities`).
LISTED = (
    f"SELECT {', '.join('l.' + column for column in First._fields)}, l.seal "
    "FROM mxt_rm_entities e JOIN mxt_rm_firsts l ON l.company_key=e.company_key "
    "AND l.model_key=e.model_key AND l.notification_id=(SELECT x.notification_id "
    "FROM mxt_rm_firsts x WHERE x.company_key=e.company_key AND x.model_key=e.model_key "
    "AND x.known_from<=? ORDER BY x.notification_id DESC LIMIT 1) "
)


class Row(NamedTuple):
    """One version of one announcement, as the queries see it (a tuple: a query makes
    hundreds)."""

    ann_id: str
    content: dict[str, Any]
    recorded_at: str
    recording_notification_id: int  # the notification id of its announcement's recording
    retracted: bool
    known_from: str
    event: str
    reason: str | None
    changes: dict[str, Any] | None
    # (company key, kind, model key, subject), as the read model keeps it (None: worked out
    # from the content, as `evidence.slot_key` does)
    slot: tuple[str, str, str, str] | None = None

    @property
    def announced_on(self) -> str:
        return str(self.content["announced_on"])

    @property
    def order(self) -> tuple[str, str, int]:
        """Announcements in time: `announced_on`, then the later record of the same day."""
        return (self.announced_on, self.recorded_at, self.recording_notification_id)


class Head(NamedTuple):
    """A row as the read model's index tells it, before its stored event is read: enough for
    a question to choose the rows it needs (`View.listing`'s `choose`), which alone are then
    read and checked."""

    notification_id: int
    company_key: str
    subject: str
    announced_on: str
    recorded_at: str
    recording_notification_id: int

    @property
    def order(self) -> tuple[str, str, int]:
        """As `Row.order`: `announced_on`, then the later record of the same day."""
        return (self.announced_on, self.recorded_at, self.recording_notification_id)


class Logged(NamedTuple):
    """One event of the log as the read model holds it: its log position, the row (version)
    it made, and for a correction or retraction the version it replaced (None for a
    recording)."""

    position: int
    row: Row
    before: Row | None


class LogSpan(NamedTuple):
    """When recording began and last happened, and the notification ids of the log's last
    stored event and of the last one the hash chain covers."""

    first_recorded: str | None
    last_recorded: str | None
    last: int
    chained: int

    def check(self) -> None:
        """Cheap signs of a damaged log, checked before any answer: its last stored event is
        not the hash chain's last, or the chain's first or last `recorded_at` is no timestamp
        (the moments every known-at answer is measured against)."""
        if self.last != self.chained:
            raise DamagedLog(
                f"log: its last stored event (#{self.last}) is not the hash chain's last "
                f"(#{self.chained})"
            )
        for stamp in (self.first_recorded, self.last_recorded):
            problem = stamp is not None and stamp_problem(stamp, None)
            if problem:
                raise DamagedLog(f"log: the hash chain's {problem}")


class View:
    """The read model's answers for one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # rows already made, by the columns they were made from (`remembering`); None: none kept
        self._made: dict[str, tuple[Any, Row]] | None = None

    @contextmanager
    def remembering(self) -> Iterator[None]:
        """Inside, a row read again with the very columns it was read with before (the same
        version, seal, stored event and digest) is the `Row` made then, checked then, not
        checked and decoded again: for a question that reads the same rows several ways (the
        report, a company at a time). Rows are shared: nothing may change one."""
        self._made = {}
        try:
            yield
        finally:
            self._made = None

    def _maker(self) -> Callable[[Any], Row]:
        """What makes each row of a statement: `_row`, or outside `remembering` `_to_row`
        itself (a call less a row)."""
        return _to_row if self._made is None else self._row

    def _row(self, values: Any) -> Row:
        """`_to_row`, or the row made from the same columns inside `remembering`."""
        made = self._made
        if made is None:
            return _to_row(values)
        found = made.get(values[SEAL])  # by the row's seal, then every column compared
        if found is None or found[0] != values:
            found = made[values[SEAL]] = (values, _to_row(values))
        return found[1]

    @staticmethod
    def log_span(cursor: Any) -> LogSpan:
        """The log's span (from the hash chain): what every answer's notes and checks need."""
        cursor.execute(  # one aggregate a subquery: each is a seek in its index, not a scan
            "SELECT (SELECT MIN(recorded_at) FROM mxt_chain), "
            "(SELECT MAX(recorded_at) FROM mxt_chain), "
            "(SELECT MAX(notification_id) FROM mxt_chain)"
        )
        first, last_recorded, chained = cursor.fetchone()
        cursor.execute("SELECT MAX(rowid) FROM stored_events")
        return LogSpan(first, last_recorded, cursor.fetchone()[0] or 0, chained or 0)

    @staticmethod
    def position_at(cursor: Any, moment: str) -> int:
        """The log position of the last event recorded at or before `moment` (0: none): what
        `--known-at moment` sees is the log up to it (`recorded_at` never goes back along the
        chain). Read from the end, so a recent moment costs only the events after it."""
        cursor.execute(
            "SELECT notification_id FROM mxt_chain WHERE recorded_at<=? "
            "ORDER BY position DESC LIMIT 1",
            (moment,),
        )
        found = cursor.fetchone()
        return int(found[0]) if found is not None else 0

    @staticmethod
    def recorded_at_of(cursor: Any, position: int) -> str | None:
        """When the event at log position `position` was recorded (None: no such event)."""
        cursor.execute("SELECT recorded_at FROM mxt_chain WHERE notification_id=?", (position,))
        found = cursor.fetchone()
        return None if found is None else str(found[0])

    def recorded_between(self, cursor: Any, after: int, upto: int) -> list[Logged]:
        """Every recording, correction and retraction of the log after position `after` up
        to `upto`, in log order, each with the version it replaced."""
        cursor.execute(
            SELECT_ROW + "WHERE v.notification_id>? AND v.notification_id<=? "
            "ORDER BY v.notification_id",
            (after, upto),
        )
        made = [(int(values[0]), self._row(values)) for values in cursor.fetchall()]
        fixed = sorted(
            {row.recording_notification_id for _, row in made if row.event != "recorded"}
        )
        versions: dict[int, list[tuple[int, Row]]] = {}
        for values in rows_in(
            cursor,
            SELECT_ROW + "WHERE v.recording_notification_id IN ({}) "
            "AND v.notification_id<=? ORDER BY v.notification_id",
            fixed,
            after=[upto],
        ):
            row = self._row(values)
            versions.setdefault(row.recording_notification_id, []).append((int(values[0]), row))
        return [
            Logged(
                position, row, _replaced(versions.get(row.recording_notification_id, []), position)
            )
            for position, row in made
        ]

    def latest(
        self,
        cursor: Any,
        as_of: str,
        known_at: str,
        kinds: Sequence[str],
        *,
        company: str | None = None,
        model: str | None = None,
        subjects: Sequence[str] = (),
        beside: Sequence[str] = (),
        before: Sequence[str] = (),
        naming: Sequence[str] = (),
        excluding: Sequence[str] = (),
    ) -> list[Row]:
        """The latest visible announcement of each certainty in each group, as of `as_of`:
        one indexed seek per group and certainty it holds, and the rows found read in the same
        statement. The rank rule (docs/concepts.md, Rank)
        needs no more: the latest of the highest rank is in force, the latest of a lower rank may
        stand beside it.

        `company`, `model` (model "" is the company's own) and `subjects` narrow the groups;
        the company's own groups of the kinds `beside` come too, with a `model`'s. With
        `before` (days up to `as_of`), each group's latest of each certainty announced up to
        each of those days comes too, once, of the groups whose subject names one of `naming`
        (a region whose members change with the day). `excluding`: company keys whose groups
        are not sought.
        Rows come back in time order.
        """
        seek, params = _latest_seek(
            as_of, known_at, kinds, company, model, subjects, beside, before, naming, excluding
        )
        cursor.execute(
            f"{ROW_COLUMNS}FROM ({seek}) s CROSS JOIN mxt_rm_versions v {ROW_EVENT}"
            "WHERE v.notification_id = s.found",
            params,
        )
        rows = list(map(self._maker(), cursor.fetchall()))
        rows.sort(key=lambda row: row.order)
        return rows

    def listing(
        self,
        cursor: Any,
        as_of: str,
        known_at: str,
        kinds: Sequence[str],
        markets: Sequence[str],
        every: bool = False,
        before: Sequence[str] = (),
        naming: Sequence[str] = (),
        choose: Callable[[list[Head]], Iterable[int]] | None = None,
    ) -> list[Row]:
        """The latest visible announcement of `kinds` (which list markets: policies) of each
        rank in each group whose markets list one of `markets` or `*` (any company), as of
        `as_of` (and up to each day `before`, as `latest` reads them with `naming`), in time
        order; with `every`, every one (exits). With `choose` (not with `every`), only the
        rows it picks (their notification ids) from those found, each told by its `Head`
        alone, are read: a question that needs a few of them reads and checks no other.

        Such a group is its scope, `markets|except` (`events/kinds.py` `subject_of`): the
        groups are chosen by the markets they list, then sought as `latest` (or `in_groups`)
        does.
        """
        if not kinds:
            return []
        cursor.execute(
            "SELECT DISTINCT subject FROM mxt_rm_groups WHERE kind IN "
            f"({','.join('?' * len(kinds))}) AND first_on<=?",
            (*kinds, as_of),
        )
        wanted = {"*", *markets}
        listing = [
            subject
            for (subject,) in cursor.fetchall()
            if not wanted.isdisjoint(policy_markets(subject))
        ]
        if not listing:
            return []
        if every:
            return self.in_groups(cursor, as_of, known_at, kinds, subjects=listing)
        if choose is None:
            return self.latest(
                cursor, as_of, known_at, kinds, subjects=listing, before=before, naming=naming
            )
        seek, params = _latest_seek(
            as_of, known_at, kinds, None, None, listing, (), before, naming, heads=True
        )
        cursor.execute(seek, params)
        found = [_unpacked(*values) for values in cursor.fetchall() if values[2] is not None]
        return self.of_ids(cursor, sorted(set(choose(found))))

    def of_ids(self, cursor: Any, notification_ids: Sequence[int]) -> list[Row]:
        """The rows of these notification ids (each one version), in time order."""
        statement = SELECT_ROW + "WHERE v.notification_id IN ({})"
        rows = list(map(self._maker(), rows_in(cursor, statement, _padded(notification_ids))))
        rows.sort(key=lambda row: row.order)
        return rows

    def in_groups(
        self,
        cursor: Any,
        as_of: str,
        known_at: str,
        kinds: Sequence[str],
        *,
        company: str | None = None,
        model: str | None = None,
        subjects: Sequence[str] = (),
        companies: Sequence[str] = (),
        models: Sequence[tuple[str, str]] = (),
        beside: Sequence[str] = (),
        other_than: str | None = None,
        choose: Callable[[list[Head]], Iterable[int]] | None = None,
    ) -> list[Row]:
        """Every visible announcement up to `as_of` of the groups `latest` would narrow to
        (the company's own groups of the kinds `beside` with a `model`'s, as there), in time
        order (launches: the earliest launch date of a slot counts, not the latest);
        `companies`, when given, narrows them to those companies, `models` to those (company
        key, model key) pairs; `other_than` leaves out that model's groups (read already).
        With `choose`, only the rows it picks (their notification ids) of those found, each
        told by its `Head`, are read and checked (as `listing` does).

        The groups are read first and each group's rows through its index (`CROSS JOIN`
        keeps SQLite to that order); the date is checked in that index's entries, before any
        row or event is read (`|| ''` keeps SQLite from steering to another index for it).
        A `Head` is told by that index alone, without the row.
        """
        where, params = _narrow("g", company, model, kinds, subjects, beside)
        if companies:
            where.append(f"g.company_key IN ({','.join('?' * len(companies))})")
            params.extend(key(name) for name in companies)
        if other_than is not None:
            where.append("g.model_key<>?")
            params.append(key(other_than))
        if models:
            pairs = ",".join(["(?, ?)"] * len(models))
            where.append(f"(g.company_key, g.model_key) IN (VALUES {pairs})")
            params.extend(value for pair in models for value in pair)
        where.append("g.first_on<=?")
        found = (
            f"SELECT {', '.join('v.' + column for column in Head._fields)} "
            if choose
            else ROW_COLUMNS
        )
        cursor.execute(
            f"{found}FROM mxt_rm_groups g CROSS JOIN mxt_rm_versions v "
            + ("" if choose else ROW_EVENT)
            + f"WHERE {' AND '.join(where)} AND v.company_key=g.company_key AND v.kind=g.kind "
            "AND v.model_key=g.model_key AND v.subject=g.subject "
            f"AND v.announced_on || ''<=? AND {VISIBLE} AND v.retracted=0",
            [*params, as_of, as_of, known_at, known_at],
        )  # fmt: skip
        if choose is not None:
            heads = list(map(Head._make, cursor.fetchall()))
            return self.of_ids(cursor, sorted(set(choose(heads))))
        rows = list(map(self._maker(), cursor.fetchall()))
        rows.sort(key=lambda row: row.order)
        return rows

    def every(
        self,
        cursor: Any,
        as_of: str,
        known_at: str,
        kinds: Sequence[str],
        *,
        companies: Sequence[str],
        include_retracted: bool = False,
    ) -> list[Row]:
        """Every visible announcement of `kinds` of some companies up to `as_of`, in time
        order."""
        retracted = "" if include_retracted else "AND v.retracted=0 "
        cursor.execute(
            SELECT_ROW + f"WHERE v.company_key IN ({','.join('?' * len(companies))}) "
            f"AND v.kind IN ({','.join('?' * len(kinds))}) "
            f"AND v.announced_on<=? AND {VISIBLE} "
            + retracted
            + "ORDER BY v.announced_on, v.recorded_at, v.recording_notification_id",
            (*map(key, companies), *kinds, as_of, known_at, known_at),
        )
        return [self._row(values) for values in cursor.fetchall()]

    def names(
        self, cursor: Any, as_of: str, known_at: str, companies: Sequence[str] | None = None
    ) -> dict[str, tuple[str, dict[str, str]]]:
        """Each company (or those of `companies`, by name or key) and its models with a
        visible announcement up to `as_of`, spelled as in their earliest one: company key ->
        (name, {model key: name})."""
        where, params = "e.first_on<=?", [as_of]
        wanted = None if companies is None else sorted({key(company) for company in companies})
        if wanted is not None and len(wanted) <= 500:  # (more: each read, then left out)
            if not wanted:
                return {}
            where += f" AND e.company_key IN ({','.join('?' * len(wanted))})"
            params += wanted
        # the last row listed up to `known_at` comes no later than any visible then: while it
        # is still visible, it is the earliest (none is on or before `as_of` when it is not)
        cursor.execute(LISTED + f"WHERE {where}", [known_at, *params])
        firsts: list[First | Version] = []
        walks = []
        for values in cursor.fetchall():
            listed = First._make(sealed(values, len(First._fields)))
            if listed.known_to is not None and listed.known_to <= known_at:
                walks.append((listed.company_key, listed.model_key))  # corrected, retracted
            elif listed.announced_on <= as_of:
                firsts.append(listed)
        for company_key, model_key in walks:
            cursor.execute(EARLIEST, (company_key, model_key, as_of, known_at, known_at))
            firsts += [Version._make(sealed(values)) for values in cursor.fetchall()]
        firsts.sort(key=lambda f: (f.announced_on, f.recorded_at, f.recording_notification_id))
        # earliest first: a company is spelled as in its earliest announcement
        result: dict[str, tuple[str, dict[str, str]]] = {}
        keep = None if wanted is None else set(wanted)
        for first in firsts:
            if keep is not None and first.company_key not in keep:
                continue
            entry = result.setdefault(first.company_key, (first.company, {}))
            if first.model_key and first.model is not None:
                entry[1][first.model_key] = first.model
        return result

    def stream_rows(
        self,
        cursor: Any,
        known_at: str,
        *,
        as_of: str | None = None,
        companies: Sequence[str] = (),
        model: str | None = None,
        kinds: Sequence[str] = (),
        include_retracted: bool = False,
    ) -> Iterator[Row]:
        """Every version visible at `known_at` (one per announcement), of `companies` (none:
        of every company), filtered, in time order, read from the cursor one at a time (the
        log streams its answer).

        A scan: for the log and the diff, whose answers list every announcement anyway.
        """
        where, params = _narrow("v", None, model, kinds)
        if companies:
            where.append(f"v.company_key IN ({','.join('?' * len(companies))})")
            params.extend(map(key, companies))
        where.append(VISIBLE)
        params += [known_at, known_at]
        if as_of is not None:
            where.append("v.announced_on<=?")
            params.append(as_of)
        if not include_retracted:
            where.append("v.retracted=0")
        cursor.execute(
            SELECT_ROW + f"WHERE {' AND '.join(where)} "
            "ORDER BY v.announced_on, v.recorded_at, v.recording_notification_id",
            params,
        )
        for values in iter(cursor.fetchone, None):
            yield self._row(values)

    def rows(self, cursor: Any, known_at: str, **narrowing: Any) -> list[Row]:
        """`stream_rows`, as one list."""
        return list(self.stream_rows(cursor, known_at, **narrowing))

    def region_definitions(
        self, cursor: Any, known_at: str, name: str | None = None
    ) -> "list[UserRegion]":
        """Every definition of a region of one's own (or of `name`) recorded by `known_at`,
        in the order recorded (each row's seal checked)."""
        where, params = "known_from<=?", [known_at]
        if name is not None:
            where += " AND name=?"
            params.append(name)
        return [region for _, region in self._definitions(cursor, where, params)]

    def defined_between(
        self, cursor: Any, after: int, upto: int
    ) -> "list[tuple[int, UserRegion, UserRegion | None]]":
        """Every definition of a region of one's own recorded after log position `after` up
        to `upto`, in log order: its position, the definition, and the one of the same name
        it replaced (None: the name's first)."""
        made = self._definitions(cursor, "notification_id>? AND notification_id<=?", [after, upto])
        names = sorted({region.name for _, region in made})
        earlier = self._definitions(
            cursor, f"notification_id<=? AND name IN ({','.join('?' * len(names))})",
            [upto, *names],
        ) if names else []  # fmt: skip
        found = []
        for position, region in made:
            before = [old for at, old in earlier if old.name == region.name and at < position]
            found.append((position, region, before[-1] if before else None))
        return found

    def _definitions(
        self, cursor: Any, where: str, params: Sequence[Any]
    ) -> "list[tuple[int, UserRegion]]":
        """The definitions of regions of one's own that `where` selects, in the order
        recorded, each with its log position (each row's seal checked)."""
        from mxt.events.regions import UserRegion

        cursor.execute(
            f"SELECT {REGION_COLUMNS}, seal FROM mxt_rm_regions WHERE {where} "
            "ORDER BY notification_id",
            params,
        )
        definitions = []
        for values in cursor.fetchall():
            row = RegionRow._make(values[:-1])
            if row_seal(row) != values[-1]:
                raise DamagedLog(
                    f"read model: the row of event #{row.notification_id} was changed behind "
                    "mxt's back",
                    state=None,
                    remedy="rebuild",
                )
            definitions.append((int(row.notification_id), UserRegion(
                row.name, tuple(json.loads(row.markets)), tuple(json.loads(row.excepted)),
                row.reason, row.known_from,
            )))  # fmt: skip
        return definitions

    def any_region(self, cursor: Any) -> bool:
        """Whether the log defines any region of one's own."""
        cursor.execute("SELECT 1 FROM mxt_rm_regions LIMIT 1")
        return cursor.fetchone() is not None

    def regions(self, cursor: Any, known_at: str) -> "dict[str, UserRegion]":
        """The regions of one's own in force at `known_at`: the latest definition known of
        each name, by name."""
        return {region.name: region for region in self.region_definitions(cursor, known_at)}

    def history(self, cursor: Any, ann_id: str, known_at: str) -> list[Row]:
        """Every version of one announcement known at `known_at`, oldest first."""
        from mxt.domain.stored import aggregate_id

        cursor.execute(
            SELECT_ROW + "WHERE v.recording_notification_id = (SELECT rowid FROM stored_events "
            "WHERE originator_id=? AND originator_version=1) " + HISTORY,
            (self.store.origin(aggregate_id(ann_id)), known_at),
        )
        return [self._row(values) for values in cursor.fetchall()]

    def histories(
        self, cursor: Any, recordings: Sequence[int], known_at: str
    ) -> dict[int, list[Row]]:
        """`history` of several announcements at once, each found by the notification id of its
        recording (`Row.recording_notification_id`): that id -> its versions, oldest first."""
        found: dict[int, list[Row]] = {}
        statement = SELECT_ROW + "WHERE v.recording_notification_id IN ({}) " + HISTORY
        for values in rows_in(cursor, statement, recordings, after=[known_at]):
            row = self._row(values)
            found.setdefault(row.recording_notification_id, []).append(row)
        return found


def _replaced(versions: Sequence[tuple[int, Row]], position: int) -> Row | None:
    """The version of an announcement just before the one made at `position` (None: it is
    its recording)."""
    earlier = [row for made_at, row in versions if made_at < position]
    return earlier[-1] if earlier else None


def _padded(ids: Sequence[int]) -> Sequence[int]:
    """`ids`, the last repeated up to the next power of two (up to `rows_in`'s 500 a
    statement): a list of ids asked `IN (…)` is a statement of its own for each length, which
    SQLite compiles anew (some 0.4 M instructions, as much as reading a dozen rows) unless the
    connection's cache of statements holds it; padded, a question's lists of any length are a
    handful of statements, each compiled once. A repeated id finds its row once."""
    size = len(ids)
    if size <= 1 or size >= 500:
        return ids
    padded = 1 << (size - 1).bit_length()
    return [*ids, *([ids[-1]] * (min(padded, 500) - size))]


def _narrow(
    alias: str,
    company: str | None,
    model: str | None,
    kinds: Sequence[str],
    subjects: Sequence[str] = (),
    beside: Sequence[str] = (),
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) choosing rows or groups of `alias`: with a
    `model` and `beside`, the model's groups and the company's own of the kinds `beside`.

    With a `company`, its groups are sought by its key, never through the index of a kind's
    subjects across every company (`mxt_rm_group_subject`): SQLite, knowing nothing of how
    many groups each holds, took that index for a company's launches in a few dozen markets
    (`state model`'s launches near an entry of the whole company), reading the groups of
    those markets of every company (1.1 ms a question at 1M, against 0.27 by the company's
    key). `|| ''` keeps the subjects a condition on the groups found, not a way to find them.
    """
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("company_key", company), ("model_key", model)):
        if value is not None and not (beside and column == "model_key"):
            where.append(f"{alias}.{column}=?")
            params.append(key(value))
    if beside and model is not None:  # (`IN`: each kind's groups are sought by both keys)
        where.append(
            f"{alias}.model_key IN (?, '') AND ({alias}.model_key=? OR {alias}.kind IN "
            f"({','.join('?' * len(beside))}))"
        )
        params += [key(model), key(model), *beside]
    subject = f"{alias}.subject" + (" || ''" if company is not None else "")
    for column, values in ((f"{alias}.kind", kinds), (subject, subjects)):
        if values:
            where.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    return where, params


def _latest_seek(
    as_of: str,
    known_at: str,
    kinds: Sequence[str],
    company: str | None,
    model: str | None,
    subjects: Sequence[str],
    beside: Sequence[str],
    before: Sequence[str],
    naming: Sequence[str],
    excluding: Sequence[str] = (),
    heads: bool = False,
) -> tuple[str, list[Any]]:
    """The statement (and its parameters) of `View.latest`'s seeks: one column, `found`, the
    notification id of each latest row it finds (NULL where a seek finds none). With `heads`,
    the group's company key and subject come first, and `found` is the row's `Head` packed in
    one text (`_PACKED`): its columns are all in the index the seek walks, so no row is
    looked up for them (a scalar subquery answers one column)."""
    where, params = _narrow("g", company, model, kinds, subjects, beside)
    if excluding:
        where.append(f"g.company_key NOT IN ({','.join('?' * len(excluding))})")
        params.extend(excluding)
    days = [as_of, *(day for day in before if day < as_of and naming)]
    where.append("g.first_on<=b.upto")
    if len(days) > 1:  # the other groups only as of `as_of` (day 0)
        named = " OR ".join(["g.subject LIKE ?"] * len(naming))  # (a name's letters only)
        where.append(f"(b.day=0 OR {named})")
        params += [f"%{name}%" for name in naming]
    where.append("(g.ranks & (1 << r.level)) > 0")  # only the ranks the group holds
    bounds = " UNION ALL ".join(
        f"SELECT {n} AS day, CAST(? AS TEXT) AS upto" for n in range(len(days))
    )
    seek = (
        f"SELECT {'DISTINCT ' if len(days) > 1 else ''}"
        f"{'g.company_key, g.subject, ' if heads else ''}"
        f"(SELECT {_PACKED if heads else 'v.notification_id'} FROM mxt_rm_versions v "
        "WHERE v.company_key=g.company_key AND v.kind=g.kind AND v.model_key=g.model_key "
        "AND v.subject=g.subject "
        f"AND v.rank=r.level AND v.announced_on<=b.upto AND {VISIBLE} AND v.retracted=0 "
        "ORDER BY v.announced_on DESC, v.recorded_at DESC, v.recording_notification_id DESC "
        "LIMIT 1) "
        f"AS found FROM mxt_rm_groups g CROSS JOIN {LEVELS} r CROSS JOIN "
        f"({bounds}) b "
        f"WHERE {' AND '.join(where)}"
    )
    return seek, [known_at, known_at, *days, *params]


_RECORDING = Version._fields.index("recording_notification_id")
# A row's `Head` but for its group's keys, in one text (`_latest_seek`'s `heads`)
_PACKED = (
    "v.notification_id || '|' || v.announced_on || '|' || v.recorded_at || '|' "
    "|| v.recording_notification_id"
)


def _unpacked(company_key: str, subject: str, packed: str) -> Head:
    """The `Head` of a row found by `_latest_seek` with `heads`."""
    notification_id, announced_on, recorded_at, recording = packed.split("|")
    return Head(int(notification_id), company_key, subject, announced_on, recorded_at,
                int(recording))  # fmt: skip


def _to_row(values: Sequence[Any]) -> Row:
    """One row as `SELECT_ROW` reads it, as a `Row`, once checked (two cheap hashes, so
    that nothing edited behind mxt's back is served): its recorded event still has the
    digest the hash chain took when it was recorded, and the row itself still says what it
    said when mxt wrote it (its seal, `tables.row_seal`). (The row's own columns are sliced
    once, and the seal checked on them, not through `sealed`: a question makes this for each
    of its rows.)"""
    own = tuple(values[:SEAL])
    seal, state, origin, version, topic, digest = values[SEAL:]
    recording = own[_RECORDING]
    if state is None:
        raise DamagedLog(f"log: stored event #{recording} is gone from the log", state="deleted")
    if digest is None or digest != column_digest(origin_hex(origin), version, topic, state):
        raise DamagedLog(f"log: stored event #{recording} changed since it was recorded")
    if row_seal(own) != seal:
        sealed(values)  # (raises: the row was changed behind mxt's back)
    (_, ann_id, kind, company_key, model_key, subject, _, _, _, recorded_at, _, known_from, _,
     retracted, event, reason, changes, content, _) = own  # fmt: skip
    return _ROW((
        ann_id, content_of(content, state), recorded_at, recording, bool(retracted), known_from,
        event, reason, json.loads(changes) if changes else None,
        (company_key, kind, model_key, subject),
    ))  # fmt: skip


_ROW = partial(tuple.__new__, Row)  # a `Row` of a tuple of its fields (`Row._make`, less a call)
