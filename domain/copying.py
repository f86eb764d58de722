"""Moving a whole history between stores, byte for byte."""

from __future__ import annotations

from eventsourcing.persistence import StoredEvent

from .errors import DamagedLog, DomainError
from .store import Store, stored_state

PAGE = 5000


class TargetNotEmpty(DomainError):
    """`copy` only fills an empty store: a merged log would have another history."""


def readable(notification_id: int, state: bytes) -> None:
    """A stored event that `copy` can carry: its state is a JSON object with a text
    `timestamp`, else `DamagedLog`."""
    where = f"stored event #{notification_id}"
    if not isinstance(stored_state(state, where, "timestamp")["timestamp"], str):
        raise DamagedLog(f"log: {where} cannot be read as mxt wrote it (damaged; see mxt verify)")


def copy_log(source: Store, destination: Store) -> int:
    """Appends every stored event of `source` to the empty `destination` in one transaction."""
    copied = 0
    with destination.write() as transaction:
        transaction.cursor.execute("SELECT COUNT(*) FROM stored_events")
        if transaction.cursor.fetchone()[0]:
            raise TargetNotEmpty(f"to: {destination.display_location} already holds events")
        batch: list[StoredEvent] = []
        for notification in source.notifications():
            readable(notification.id, notification.state)
            batch.append(
                StoredEvent(
                    originator_id=notification.originator_id,
                    originator_version=notification.originator_version,
                    topic=notification.topic,
                    state=notification.state,
                )
            )
            if len(batch) >= PAGE:
                transaction.append_stored(batch)
                copied += len(batch)
                batch = []
        transaction.append_stored(batch)
        copied += len(batch)
    return copied
