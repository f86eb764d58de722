"""Tamper evidence: what the hash chain a store writes beside its events (`storage.chain`)
says about the log, and the work that refuses a damaged one.

`verify` checks every stored event against its chain entry, and every entry against the one
before it: an event edited, deleted, reordered, re-timed or slipped in is named as damage.
The head hash (the last chain hash) is a digest of the whole history: kept somewhere else, it
proves later that the history it names is still a prefix of the log (`expect`).

Stores written before the chain covered `recorded_at` (mxt up to df4fe6f) hold entries
chained as `sha256(previous chain hash + digest)` (`first_chain_hash`). `verify` accepts such
an entry only where every entry before it is one too: new entries are appended with today's
formula, so an old store's history stays intact (its head unchanged) and the entries after it
are fully covered. A tamperer gains nothing by it: an entry rewritten in the old formula
changes its hash, hence every later one and the head, as any rewritten chain does.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mxt.events.digest import sha256
from mxt.storage.chain import GENESIS, chain_hash, column_digest
from mxt.storage.clock import CLOCK_TOLERANCE, format_timestamp, stamp_problem
from mxt.storage.errors import DamagedLog
from mxt.storage.mapping import origin_hex

HEAD_LENGTH = 32  # hex characters shown for a head hash (128 bits)


# The one spelling of a stored `recorded_at` (`clock.format_timestamp`), which sorts as text.
def first_chain_hash(previous: str, digest: str) -> str:
    """The chain hash of an entry written by mxt up to df4fe6f (its `recorded_at` not
    covered)."""
    return sha256(f"{previous}{digest}".encode()).hexdigest()


@dataclass
class Damage:
    """One damaged place in the log."""

    notification_id: int | None
    position: int | None
    problem: str

    def describe(self) -> str:
        where = (
            f"event #{self.notification_id}"
            if self.notification_id is not None
            else f"chain position {self.position}"
        )
        return f"{where}: {self.problem}"


@dataclass
class VerifyReport:
    """What `mxt verify` found."""

    events: int
    head: str
    damage: list[Damage] = field(default_factory=list)
    expected_found: bool | None = None
    future: int = 0  # events stamped later than this machine's clock (beyond the tolerance)
    latest: str | None = None  # the log's last recorded_at
    first_formula: int = 0  # leading entries chained without their recorded_at (old mxt)
    # what the database's own check finds wrong in the store's file (`store.file_problems`)
    file_damage: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.damage and not self.file_damage and self.expected_found is not False

    @property
    def short_head(self) -> str:
        return self.head[:HEAD_LENGTH]


# A stored event as verify reads it: notification id, aggregate id, version, topic, state.
EventRow = tuple[int, Any, int, str, bytes]


def verify(
    events: Iterable[EventRow],
    chain_rows: Iterable[tuple[int, int, str, str, str]],
    expect: str | None = None,
    now: str | None = None,
) -> VerifyReport:
    """Checks stored events against the chain, both read in log order, in one merged pass.

    Names every event whose bytes changed (edited, swapped, `recorded_at` rewritten), every
    chained event that is gone (deleted), every event with no chain entry (written behind
    mxt's back), every chain entry whose hash does not follow from the one before (its
    `recorded_at` included, or, for the leading entries of an old store only, in the first
    formula) and every entry whose `recorded_at` is no timestamp or goes back before the
    one before it (`stamp_problem`); counts the entries stamped after `now` (the machine's
    clock).
    """
    damage: list[Damage] = []
    previous = GENESIS
    wanted = (expect or "").lower()
    expected_found = None if expect is None else GENESIS.startswith(wanted)
    count = future = first_formula = 0
    latest: str | None = None
    modern = False  # whether an entry of today's formula has been met
    event_iter = iter(events)
    chain_iter = iter(chain_rows)
    event = next(event_iter, None)
    link = next(chain_iter, None)
    while event is not None or link is not None:
        if event is not None and (link is None or event[0] < link[1]):
            count += 1
            damage.append(Damage(event[0], None, "not in the hash chain (inserted outside mxt)"))
            event = next(event_iter, None)
            continue
        assert link is not None  # noqa: S101 (the loop condition and the branch above)
        position, notification_id, digest, stored_hash, recorded_at = link
        if event is None or notification_id < event[0]:
            damage.append(Damage(notification_id, position, "deleted from the log"))
        else:
            count += 1
            if column_digest(origin_hex(event[1]), event[2], event[3], bytes(event[4])) != digest:
                damage.append(Damage(event[0], position, "content changed since it was recorded"))
            event = next(event_iter, None)
        wrong = []  # what is wrong with the chain entry itself
        if chain_hash(previous, digest, str(recorded_at)) == stored_hash:
            modern = True
        elif not modern and first_chain_hash(previous, digest) == stored_hash:
            first_formula += 1  # an old store's entry, with no newer entry before it
        else:
            wrong.append("chain entry was altered")
        stamp = stamp_problem(recorded_at, latest)
        if stamp is None:
            latest = recorded_at
            future += now is not None and recorded_at > now
        else:
            wrong.append(stamp)
        if wrong:
            damage.append(Damage(notification_id, position, "; ".join(wrong)))
        previous = stored_hash
        if wanted and stored_hash.startswith(wanted):
            expected_found = True
        link = next(chain_iter, None)
    return VerifyReport(
        events=count, head=previous, damage=damage, expected_found=expected_found,
        future=future, latest=latest, first_formula=first_formula,
    )  # fmt: skip


def _page_lists(
    cursor: Any, statement: str, limit: int, page: int = 5000
) -> Iterator[list[tuple[Any, ...]]]:
    """Pages of the rows of `statement` (ordered by its first column, which it filters with
    `> ?`, and by `<= limit`)."""
    after = -1
    while True:
        cursor.execute(statement, (after, limit, page))
        rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def _pages(cursor: Any, statement: str, limit: int) -> Iterable[tuple[Any, ...]]:
    """The rows of `_page_lists`, one by one."""
    return itertools.chain.from_iterable(_page_lists(cursor, statement, limit))


def refuse_damage(report: VerifyReport, work: str) -> VerifyReport:
    """`report`, when it finds the log intact; else `DamagedLog` naming its first damage, for
    `work` (`copy`, `export`, …), which refuses a damaged log: what a damaged log would give
    it (a forged value, a history with a hole) is never passed on."""
    if not report.damage:
        return report
    more = f", and {len(report.damage) - 1} more" if len(report.damage) > 1 else ""
    raise DamagedLog(f"log: {report.damage[0].describe()}{more}", state=None, refused_by=work)


def stored_events(cursor: Any, last: int) -> Iterable[EventRow]:
    """Every stored event up to notification `last`, in log order, read on `cursor` a page at
    a time (each page fetched whole: the caller may ask the cursor other things meanwhile)."""
    return _pages(
        cursor,
        "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events "
        "WHERE rowid>? AND rowid<=? ORDER BY rowid LIMIT ?",
        last,
    )


def verify_store(store: Any, expect: str | None = None) -> VerifyReport:
    """Verifies the whole log of `store` in one read snapshot."""
    with store.read() as cursor:
        return verify_log(cursor, expect)


def verify_log(
    cursor: Any, expect: str | None = None, events: Iterable[EventRow] | None = None
) -> VerifyReport:
    """Verifies the log as `cursor`'s transaction sees it; `events` are its stored events
    when the caller reads them anyway (a rebuild), else they are read here, first in one
    walk that judges an intact log (`intact_report`), and only if that finds a doubt in the
    walk that names the damage (`verify`)."""
    now = format_timestamp(datetime.now(UTC) + CLOCK_TOLERANCE)
    cursor.execute("SELECT COALESCE(MAX(rowid), 0), COUNT(*) FROM stored_events")
    last_event, event_count = cursor.fetchone()
    cursor.execute("SELECT COALESCE(MAX(position), 0), COUNT(*) FROM mxt_chain")
    last_link, link_count = cursor.fetchone()
    if events is None:
        if event_count == link_count:
            report = intact_report(cursor, last_link, expect, now)
            if report is not None and report.events == event_count:
                return report
        events = stored_events(cursor, last_event)
    links = _pages(
        cursor,
        "SELECT position, notification_id, digest, chain_hash, recorded_at FROM mxt_chain "
        "WHERE position>? AND position<=? ORDER BY position LIMIT ?",
        last_link,
    )
    # Each page is fetched whole before the next query, so both walks share one cursor.
    return verify(events, links, expect, now)


def intact_report(cursor: Any, last_link: int, expect: str | None, now: str) -> VerifyReport | None:
    """`verify`'s report of a log whose chain entries, in order, each name the next stored
    event and hash it in today's formula, read in one walk of the entries joined to their
    events; None at the first entry that does not (or that is old: `first_chain_hash`).

    The caller holds the report only if it counts every stored event: then no event lacks
    its entry, no entry its event, and none is out of order, which is what `verify` checks
    besides the hashes.
    """
    wanted = (expect or "").lower()
    expected_found = None if expect is None else GENESIS.startswith(wanted)
    previous, last_id, count, future = GENESIS, 0, 0, 0
    latest: str | None = None
    for rows in _page_lists(
        cursor,
        "SELECT c.position, c.notification_id, c.digest, c.chain_hash, c.recorded_at, "
        "e.originator_id, e.originator_version, e.topic, e.state "
        "FROM mxt_chain c JOIN stored_events e ON e.rowid = c.notification_id "
        "WHERE c.position>? AND c.position<=? ORDER BY c.position LIMIT ?",
        last_link,
    ):
        for _, notification_id, digest, stored_hash, stamp, origin, version, topic, state in rows:
            # (a stamp equal to the one before it was checked with it: a transaction's events
            # share one, so a whole import's are checked once)
            if (
                notification_id <= last_id
                or column_digest(origin_hex(origin), version, topic, bytes(state)) != digest
                or (stamp != latest and stamp_problem(stamp, latest) is not None)
                or chain_hash(previous, digest, stamp) != stored_hash
            ):
                return None
            latest = stamp
            if stamp > now:
                future += 1
            if wanted and stored_hash.startswith(wanted):
                expected_found = True
            previous, last_id = stored_hash, notification_id
        count += len(rows)
    return VerifyReport(
        events=count, head=previous, expected_found=expected_found, future=future, latest=latest
    )
