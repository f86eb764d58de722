"""How events are stored: their state as JSON bytes, read back through their pydantic models,
and aggregate ids as either backend gives them back."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent, Transcoder
from eventsourcing.utils import get_topic, resolve_topic

from .errors import DamagedLog


class JSONBytes(Transcoder):
    """Encodes event state with pydantic-core's JSON (fast, and knows dates and UUIDs)."""

    def encode(self, obj: Any) -> bytes:
        from pydantic_core import to_json

        return to_json(obj)

    def decode(self, data: bytes) -> Any:
        return stored_state(data)


def stored_state(data: bytes, where: str = "a stored event", *keys: str) -> dict[str, Any]:
    """A stored event's JSON state, which must be an object holding `keys`; anything else is a
    damaged log (`DamagedLog`, exit 1), never a traceback."""
    try:
        state = json.loads(data)
    except ValueError:
        state = None
    if not isinstance(state, dict) or any(key not in state for key in keys):
        raise DamagedLog(f"log: {where} cannot be read as mxt wrote it")
    return state


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


def origin_hex(originator_id: Any) -> str:
    """An aggregate id read back from either backend, as hex text."""
    return originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)
