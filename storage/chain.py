"""The hash chain a store writes beside its events, in the same transaction.

Each stored event gets a digest of its own bytes (aggregate id, version, topic, state) and a
chain hash `sha256(previous chain hash + digest + recorded_at)`, kept in `mxt_chain` by its
own `position` (1, 2, 3…), beside the event's `notification_id`: every stored column is
covered, the chain's own `recorded_at` included. The head hash (the last chain hash) is a
digest of the whole history. What the chain proves, and what counts as damage, is
`mxt.domain.integrity`'s to say.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mxt.events.digest import sha256

from .clock import stamp_text
from .mapping import origin_hex

if TYPE_CHECKING:  # (a read checks rows against the chain without loading eventsourcing)
    from eventsourcing.persistence import Notification, StoredEvent

GENESIS = "0" * 64  # the chain hash before the first entry
TABLE = (
    "CREATE TABLE IF NOT EXISTS mxt_chain ("
    "position INTEGER PRIMARY KEY, "
    "notification_id INTEGER NOT NULL UNIQUE, "
    "digest TEXT NOT NULL, "
    "chain_hash TEXT NOT NULL, "
    "recorded_at TEXT NOT NULL)"
)
# The chain's first and last `recorded_at` (what every answer's known-at is measured against)
# read in two seeks, not a scan of the whole chain: a one-off question costs the same however
# long the log. `recorded_at` follows the log as mxt writes it, but a log written by an older
# mxt or a wrong clock need not, so the span is taken from the values, not the positions.
# Made with the chain, and by the first write to a store made before it (`Chain.open`).
RECORDED_INDEX = "CREATE INDEX IF NOT EXISTS mxt_chain_recorded ON mxt_chain (recorded_at)"


def event_digest(event: StoredEvent) -> str:
    """A digest of one stored event's bytes."""
    return column_digest(
        origin_hex(event.originator_id), event.originator_version, event.topic, event.state
    )


def column_digest(origin: str, version: int, topic: str, state: bytes) -> str:
    """The digest of a stored event's columns, its aggregate id already as hex text."""
    digest = sha256(f"{origin}\n{version}\n{topic}\n".encode())
    digest.update(state)
    return digest.hexdigest()


def chain_hash(previous: str, digest: str, recorded_at: str) -> str:
    """The chain hash of one entry: the previous one, the event's digest, its `recorded_at`."""
    return sha256(f"{previous}{digest}{recorded_at}".encode()).hexdigest()


def last_recorded_at(cursor: Any) -> Any:
    """The chain's last `recorded_at`, as stored (None: the chain is empty)."""
    cursor.execute("SELECT recorded_at FROM mxt_chain ORDER BY position DESC LIMIT 1")
    row = cursor.fetchone()
    return None if row is None else row[0]


class Chain:
    """The chain's tail, extended as a write transaction appends. (A plain class, not a
    dataclass: making one costs every command that imports this module, read commands too,
    about half a millisecond.)"""

    __slots__ = ("position", "head")

    def __init__(self, position: int, head: str) -> None:
        self.position = position
        self.head = head

    @staticmethod
    def create_table(cursor: Any) -> None:
        cursor.execute(TABLE)
        cursor.execute(RECORDED_INDEX)

    @classmethod
    def open(cls, cursor: Any) -> Chain:
        """The chain's tail, for a write transaction about to append (which holds the log's
        write lock: the index of `recorded_at` is made here in a store made without it)."""
        cursor.execute(RECORDED_INDEX)
        cursor.execute("SELECT position, chain_hash FROM mxt_chain ORDER BY position DESC LIMIT 1")
        row = cursor.fetchone()
        return cls(0, GENESIS) if row is None else cls(row[0], row[1])

    def extend(
        self,
        cursor: Any,
        notifications: Sequence[Notification],
        states: Sequence[dict[str, Any]] | None = None,
        recorded_at: str | None = None,
    ) -> None:
        """Chains `notifications` (with their decoded `states`, when the caller has them; or
        `recorded_at`, the `timestamp` every one of their states holds, when it knows it)."""
        from pydantic_core import from_json

        rows = []
        for index, notification in enumerate(notifications):
            digest = event_digest(notification)
            if recorded_at is None:
                state = states[index] if states is not None else from_json(notification.state)
                stamp = stamp_text(state["timestamp"])
            else:
                stamp = recorded_at
            self.head = chain_hash(self.head, digest, stamp)
            self.position += 1
            rows.append((self.position, notification.id, digest, self.head, stamp))
        cursor.executemany("INSERT INTO mxt_chain VALUES (?,?,?,?,?)", rows)
