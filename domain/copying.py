"""Moving a whole history between stores, byte for byte."""

from __future__ import annotations

from eventsourcing.persistence import StoredEvent

from .errors import DomainError
from .store import Store

PAGE = 5000


class TargetNotEmpty(DomainError):
    """`copy` only fills an empty store: a merged log would have another history."""


def copy_log(source: Store, destination: Store) -> int:
    """Appends every stored event of `source` to the empty `destination` in one transaction."""
    copied = 0
    with destination.write() as transaction:
        transaction.cursor.execute("SELECT COUNT(*) FROM stored_events")
        if transaction.cursor.fetchone()[0]:
            raise TargetNotEmpty(f"to: {destination.display_location} already holds events")
        batch: list[StoredEvent] = []
        for notification in source.notifications():
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
