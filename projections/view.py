"""The view: the named questions the read model's tables answer, and the only code that
reads them (the projector writes them; `projections/tables.py` has their shape).

Every question takes a read cursor and the two time axes (`as_of`, a date; `known_at`, a
moment) and returns `Row`s: one version of one announcement each, in time order, its content
read from the stored event and checked against the hash chain's digest of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from eventsourcing.persistence import StoredEvent

from mxt.domain.integrity import event_digest
from mxt.domain.store import Store
from mxt.events.kinds import RANK, policy_markets

from .tables import content_of, key

# A version row `v` known at a moment (two parameters: the moment, twice).
VISIBLE = "v.known_from<=? AND (v.known_to IS NULL OR v.known_to>?)"


class Served(NamedTuple):
    """What `SELECT_ROW` reads for one row: the version's own columns, then its recorded
    event's stored columns and the digest the hash chain took of them."""

    ann_id: str
    content: str | None
    recorded_at: str
    recorded_id: int
    retracted: int
    known_from: str
    event: str
    reason: str | None
    changes: str | None
    state: bytes
    originator_id: Any
    originator_version: int
    topic: str
    digest: str | None


SELECT_ROW = (
    "SELECT v.ann_id, v.content, v.recorded_at, v.recorded_id, v.retracted, "
    "v.known_from, v.event, v.reason, v.changes, e.state, "
    "e.originator_id, e.originator_version, e.topic, c.digest "
    "FROM rm_versions v JOIN stored_events e ON e.rowid = v.recorded_id "
    "LEFT JOIN mxt_chain c ON c.notification_id = e.rowid "
)


@dataclass(frozen=True)
class Row:
    """One version of one announcement, as the queries see it."""

    ann_id: str
    content: dict[str, Any]
    recorded_at: str
    recorded_id: int  # the log position of its recording
    retracted: bool
    known_from: str
    event: str
    reason: str | None
    changes: dict[str, Any] | None

    @property
    def announced_on(self) -> str:
        return str(self.content["announced_on"])

    @property
    def order(self) -> tuple[str, str, int]:
        """Announcements in time: `announced_on`, then the later record of the same day."""
        return (self.announced_on, self.recorded_at, self.recorded_id)


class LogSpan(NamedTuple):
    """When recording began and last happened, and the last log position stored and chained."""

    first_recorded: str | None
    last_recorded: str | None
    last: int
    chained: int


class View:
    """The read model's answers for one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def log_span(cursor: Any) -> LogSpan:
        """The log's span (from the hash chain): what every answer's notes and checks need."""
        cursor.execute(
            "SELECT MIN(recorded_at), MAX(recorded_at), MAX(notification_id) FROM mxt_chain"
        )
        first, last_recorded, chained = cursor.fetchone()
        cursor.execute("SELECT MAX(rowid) FROM stored_events")
        return LogSpan(first, last_recorded, cursor.fetchone()[0] or 0, chained or 0)

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
    ) -> list[Row]:
        """The latest visible announcement of each certainty in each group, as of `as_of`:
        one indexed seek per group and certainty it holds. The rank rule (docs/concepts.md, Rank)
        needs no more: the latest of the highest rank is in force, the latest of a lower rank may
        stand beside it.

        `company`, `model` (model "" is the company's own) and `subjects` narrow the groups;
        the company's own groups of the kinds `beside` come too, with a `model`'s.
        Rows come back in time order.
        """
        where, params = _narrow("g", company, None if beside else model, kinds, subjects)
        if beside and model is not None:
            where.append(
                f"(g.model_key=? OR (g.model_key='' AND g.kind IN ({','.join('?' * len(beside))})))"
            )
            params += [key(model), *beside]
        where.append("g.first_on<=?")
        seek = (
            "(SELECT v.notification_id FROM rm_versions v WHERE v.company_key=g.company_key "
            "AND v.kind=g.kind AND v.model_key=g.model_key AND v.subject=g.subject "
            f"AND v.rank=? AND v.announced_on<=? AND {VISIBLE} AND v.retracted=0 "
            "ORDER BY v.announced_on DESC, v.recorded_at DESC, v.recorded_id DESC LIMIT 1)"
        )
        ranks = sorted(set(RANK.values()))
        seeks = [
            value for level in ranks for value in (1 << level, level, as_of, known_at, known_at)
        ]
        guarded = f"CASE WHEN (g.ranks & ?) > 0 THEN {seek} END"  # only the ranks the group holds
        cursor.execute(
            f"SELECT {', '.join([guarded] * len(ranks))} FROM rm_groups g "
            f"WHERE {' AND '.join(where)}",
            [*seeks, *params, as_of],
        )
        found = [position for row in cursor.fetchall() for position in row if position]
        return self._rows_by_id(cursor, found)

    def policies_listing(
        self, cursor: Any, as_of: str, known_at: str, markets: Sequence[str]
    ) -> list[Row]:
        """The latest visible policy of each rank in each group whose markets list one of
        `markets` or `*` (any company), as of `as_of`, in time order.

        A policy's group is its scope, `markets|except` (`events/kinds.py` `subject_of`):
        the groups are chosen by the markets they list, then sought as `latest` does.
        """
        cursor.execute(
            "SELECT DISTINCT subject FROM rm_groups WHERE kind='policy' AND first_on<=?",
            (as_of,),
        )
        wanted = {"*", *markets}
        listing = [
            subject
            for (subject,) in cursor.fetchall()
            if not wanted.isdisjoint(policy_markets(subject))
        ]
        if not listing:
            return []
        return self.latest(cursor, as_of, known_at, ("policy",), subjects=listing)

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
    ) -> list[Row]:
        """Every visible announcement up to `as_of` of the groups `latest` would narrow to,
        in time order (launches: the earliest launch date of a slot counts, not the latest).

        The groups are read first and each group's rows through its index (`CROSS JOIN`
        keeps SQLite to that order); the date is checked in that index's entries, before any
        row or event is read (`|| ''` keeps SQLite from steering to another index for it).
        """
        where, params = _narrow("g", company, model, kinds, subjects)
        where.append("g.first_on<=?")
        columns, joins = SELECT_ROW.split(" FROM rm_versions v ")
        cursor.execute(
            columns + " FROM rm_groups g CROSS JOIN rm_versions v " + joins
            + f"WHERE {' AND '.join(where)} AND v.company_key=g.company_key AND v.kind=g.kind "
            "AND v.model_key=g.model_key AND v.subject=g.subject "
            f"AND v.announced_on || ''<=? AND {VISIBLE} AND v.retracted=0",
            [*params, as_of, as_of, known_at, known_at],
        )  # fmt: skip
        rows = [_to_row(values) for values in cursor.fetchall()]
        rows.sort(key=lambda row: row.order)
        return rows

    def every(
        self,
        cursor: Any,
        as_of: str,
        known_at: str,
        kinds: Sequence[str],
        *,
        company: str,
        include_retracted: bool = False,
    ) -> list[Row]:
        """Every visible announcement of `kinds` of one company up to `as_of`, in time order."""
        retracted = "" if include_retracted else "AND v.retracted=0 "
        cursor.execute(
            SELECT_ROW + f"WHERE v.company_key=? AND v.kind IN ({','.join('?' * len(kinds))}) "
            f"AND v.announced_on<=? AND {VISIBLE} "
            + retracted
            + "ORDER BY v.announced_on, v.recorded_at, v.recorded_id",
            (key(company), *kinds, as_of, known_at, known_at),
        )
        return [_to_row(values) for values in cursor.fetchall()]

    def names(
        self, cursor: Any, as_of: str, known_at: str, company: str | None = None
    ) -> dict[str, tuple[str, dict[str, str]]]:
        """Each company (or one) and its models with a visible announcement up to `as_of`,
        spelled as in their earliest one: company key -> (name, {model key: name})."""
        where, params = "first_on<=?", [as_of]
        if company is not None:
            where += " AND company_key=?"
            params.append(key(company))
        cursor.execute(
            "SELECT (SELECT v.notification_id FROM rm_versions v "
            "WHERE v.company_key=e.company_key AND v.model_key=e.model_key "
            f"AND v.announced_on<=? AND {VISIBLE} "
            "AND v.retracted=0 ORDER BY v.announced_on, v.recorded_at, v.recorded_id LIMIT 1) "
            f"FROM rm_entities e WHERE {where}",
            [as_of, known_at, known_at, *params],
        )
        first_ids = [found[0] for found in cursor.fetchall() if found[0]]
        firsts: list[tuple[Any, ...]] = []
        for start in range(0, len(first_ids), 500):
            chunk = first_ids[start : start + 500]
            cursor.execute(
                "SELECT announced_on, recorded_at, recorded_id, company_key, model_key, company, "
                f"model FROM rm_versions WHERE notification_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            firsts.extend(tuple(row) for row in cursor.fetchall())
        firsts.sort()  # earliest first: a company is spelled as in its earliest announcement
        result: dict[str, tuple[str, dict[str, str]]] = {}
        for *_, company_key, model_key, company_name, model_name in firsts:
            entry = result.setdefault(company_key, (company_name, {}))
            if model_key:
                entry[1][model_key] = model_name
        return result

    def _rows_by_id(self, cursor: Any, positions: list[int]) -> list[Row]:
        rows: list[Row] = []
        for start in range(0, len(positions), 500):
            chunk = positions[start : start + 500]
            cursor.execute(
                SELECT_ROW + f"WHERE v.notification_id IN ({','.join('?' * len(chunk))})", chunk
            )
            rows.extend(_to_row(values) for values in cursor.fetchall())
        rows.sort(key=lambda row: row.order)
        return rows

    def stream_rows(
        self,
        cursor: Any,
        known_at: str,
        *,
        as_of: str | None = None,
        company: str | None = None,
        model: str | None = None,
        kinds: Sequence[str] = (),
        include_retracted: bool = False,
    ) -> Iterator[Row]:
        """Every version visible at `known_at` (one per announcement), filtered, in time order,
        read from the cursor one at a time (the log streams its answer).

        A scan: for the log and the diff, whose answers list every announcement anyway.
        """
        where, params = _narrow("v", company, model, kinds)
        where.append(VISIBLE)
        params += [known_at, known_at]
        if as_of is not None:
            where.append("v.announced_on<=?")
            params.append(as_of)
        if not include_retracted:
            where.append("v.retracted=0")
        cursor.execute(
            SELECT_ROW + f"WHERE {' AND '.join(where)} "
            "ORDER BY v.announced_on, v.recorded_at, v.recorded_id",
            params,
        )
        for values in iter(cursor.fetchone, None):
            yield _to_row(values)

    def rows(self, cursor: Any, known_at: str, **narrowing: Any) -> list[Row]:
        """`stream_rows`, as one list."""
        return list(self.stream_rows(cursor, known_at, **narrowing))

    def history(self, cursor: Any, ann_id: str, known_at: str) -> list[Row]:
        """Every version of one announcement known at `known_at`, oldest first."""
        from mxt.domain.model import aggregate_id

        cursor.execute(
            SELECT_ROW
            + "WHERE v.recorded_id = (SELECT rowid FROM stored_events WHERE originator_id=? "
            "AND originator_version=1) AND v.known_from<=? "
            "ORDER BY v.known_from, v.notification_id",
            (self.store.origin(aggregate_id(ann_id)), known_at),
        )
        return [_to_row(values) for values in cursor.fetchall()]


def _narrow(
    alias: str,
    company: str | None,
    model: str | None,
    kinds: Sequence[str],
    subjects: Sequence[str] = (),
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) choosing rows or groups of `alias`."""
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("company_key", company), ("model_key", model)):
        if value is not None:
            where.append(f"{alias}.{column}=?")
            params.append(key(value))
    for column, values in (("kind", kinds), ("subject", subjects)):
        if values:
            where.append(f"{alias}.{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    return where, params


def _check_intact(served: Served) -> None:
    """A row's recorded event still has the digest the hash chain took when it was recorded:
    a cheap check (one hash) so that an event edited in the log is never served."""
    stored = StoredEvent(served.originator_id, served.originator_version, served.topic,
                         served.state)  # fmt: skip
    if served.digest is None or event_digest(stored) != served.digest:
        from mxt.domain.errors import DamagedLog

        raise DamagedLog(
            f"log: stored event #{served.recorded_id} changed since it was recorded (damaged; "
            "mxt verify names the damage)"
        )


def _to_row(values: Sequence[Any]) -> Row:
    served = Served._make(values)
    _check_intact(served)
    return Row(
        ann_id=served.ann_id,
        content=content_of(served.content, served.state),
        recorded_at=served.recorded_at,
        recorded_id=served.recorded_id,
        retracted=bool(served.retracted),
        known_from=served.known_from,
        event=served.event,
        reason=served.reason,
        changes=json.loads(served.changes) if served.changes else None,
    )
