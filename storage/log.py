"""The log's side that eventsourcing owns: the application over the store, and how events are
mapped to stored events (their state as JSON bytes, read back through their pydantic models).

Imported only when something writes to the log or reads the log itself (`Store.app`): a
store opened to answer questions reads its tables directly, and never loads eventsourcing.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import Mapper, StoredEvent, Transcoder
from eventsourcing.utils import get_topic, resolve_topic

from .mapping import stored_state


class JSONBytes(Transcoder):
    """Encodes event state with pydantic-core's JSON (fast, and knows dates and UUIDs)."""

    def encode(self, obj: Any) -> bytes:
        from pydantic_core import to_json

        return to_json(obj)

    def decode(self, data: bytes) -> Any:
        return stored_state(data)


class PydanticMapper(Mapper[UUID]):
    """Stores `model_dump(mode="json")`; reads back through the model, so reads are validated."""

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        return self.stored_with_state(domain_event)[0]

    def stored_with_state(self, domain_event: Any) -> tuple[StoredEvent, dict[str, Any]]:
        """The stored event, and the JSON state it holds (so that nobody decodes it again)."""
        state = domain_event.model_dump(
            mode="json", exclude={"originator_id", "originator_version"}
        )
        stored = StoredEvent(
            originator_id=domain_event.originator_id,
            originator_version=domain_event.originator_version,
            topic=get_topic(type(domain_event)),
            state=self.transcoder.encode(state),
        )
        return stored, state

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        cls = resolve_topic(stored_event.topic)
        state = self.transcoder.decode(stored_event.state)
        return cls(
            originator_id=stored_event.originator_id,
            originator_version=stored_event.originator_version,
            **state,
        )


class LogApplication(Application[UUID]):
    """The eventsourcing application that owns mxt's log."""

    name = "mxt"

    def construct_mapper(self) -> Mapper[UUID]:
        return PydanticMapper(transcoder=JSONBytes())
