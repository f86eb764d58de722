"""How stored events read back without eventsourcing: their state as JSON, and aggregate ids as
either backend gives them back. (How events are written, through eventsourcing's mapper, is
`log`'s.)"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from .errors import DamagedLog


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


def origin_hex(originator_id: Any) -> str:
    """An aggregate id read back from either backend, as hex text."""
    return originator_id.hex if isinstance(originator_id, UUID) else str(originator_id)
