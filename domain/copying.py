"""Moving a whole history between stores, byte for byte, and only a sound one."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import StoredEvent

from mxt.storage.errors import DamagedLog
from mxt.storage.mapping import stored_state
from mxt.storage.store import Store

from .errors import DomainError
from .integrity import VerifyReport, refuse_damage, stored_events, verify_log

PAGE = 5000


class TargetNotEmpty(DomainError):
    """`copy` only fills an empty store: a merged log would have another history."""


def readable(notification_id: int, state: bytes) -> None:
    """A stored event that `copy` can carry: its state is a JSON object with a text
    `timestamp`, else `DamagedLog`."""
    where = f"stored event #{notification_id}"
    if not isinstance(stored_state(state, where, "timestamp")["timestamp"], str):
        raise DamagedLog(f"log: {where} cannot be read as mxt wrote it")


def copy_log(source: Store, destination: Store) -> int:
    """Appends every stored event of `source` to the empty `destination` in one transaction;
    returns how many.

    The source is read in one snapshot and verified first: a log that fails the chain check
    is refused before anything is written, since a copy re-chains what it carries and would
    otherwise make a forged history verify clean. What was written is verified again,
    inside the transaction, before it commits: the same events and, unless the source's
    chain began in mxt's older formula (which a copy re-chains), the same head.
    """
    with source.read() as cursor:
        report = refuse_damage(verify_log(cursor), "copy")
        cursor.execute("SELECT COALESCE(MAX(rowid), 0) FROM stored_events")
        last = cursor.fetchone()[0]
        with destination.write() as transaction:
            transaction.cursor.execute("SELECT COUNT(*) FROM stored_events")
            if transaction.cursor.fetchone()[0]:
                raise TargetNotEmpty(f"to: {destination.display_location} already holds events")
            copied = _append_all(cursor, last, transaction)
            _check_copy(report, verify_log(transaction.cursor), destination.display_location)
    return copied


def _append_all(cursor: Any, last: int, transaction: Any) -> int:
    """Appends the stored events up to `last` read on `cursor`, verbatim, a page at a time."""
    copied = 0
    batch: list[StoredEvent] = []
    for notification_id, origin, version, topic, state in stored_events(cursor, last):
        readable(notification_id, bytes(state))
        batch.append(StoredEvent(_uuid(origin), version, topic, bytes(state)))
        if len(batch) >= PAGE:
            transaction.append_stored(batch)
            copied += len(batch)
            batch = []
    transaction.append_stored(batch)
    return copied + len(batch)


def _uuid(origin: Any) -> Any:
    """An aggregate id read back from either backend, as a UUID."""
    from uuid import UUID

    return origin if isinstance(origin, UUID) else UUID(str(origin))


def _check_copy(source: VerifyReport, copy: VerifyReport, where: str) -> None:
    """Refuses (`DamagedLog`, so that the copy's transaction rolls back) a copy whose log does
    not verify as its source's did."""
    same_head = source.first_formula > 0 or copy.head == source.head
    if copy.damage or copy.events != source.events or not same_head:
        raise DamagedLog(
            f"copy: nothing was written: what it wrote does not verify as its source does "
            f"({copy.events} events, {len(copy.damage)} damaged, head {copy.short_head[:12]}; "
            f"the source: {source.events}, head {source.short_head[:12]}; to {where})",
            state=None,
            remedy=None,
        )
