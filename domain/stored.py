"""The log's keys and the stored form of a recording, without the pydantic event models.

`mxt record` and `mxt import` append `AnnouncementRecorded` events in this form directly;
the models of `model` (which read events back, and make corrections and retractions) are
not needed for that.
"""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.persistence import StoredEvent

from mxt.events.content import Content, JsonObject
from mxt.storage.errors import DamagedLog
from mxt.storage.mapping import stored_state

NAMESPACE = UUID("6f0e4f3c-5d52-4d0b-9b43-6d78c1b1e6a1")
# The topics of the stored events (`eventsourcing.utils.get_topic` of `model`'s classes),
# spelled out so that writing a recording, or reading the log, never imports those models.
RECORDED_TOPIC = "mxt.domain.model:AnnouncementRecorded"
CORRECTED_TOPIC = "mxt.domain.model:AnnouncementCorrected"
RETRACTED_TOPIC = "mxt.domain.model:AnnouncementRetracted"


def aggregate_id(announcement_id: str) -> UUID:
    """The aggregate (originator) id of an announcement id."""
    return uuid5(NAMESPACE, announcement_id)


def recorded_event(
    origin: UUID, announcement: Content, timestamp: str
) -> tuple[StoredEvent, JsonObject]:
    """The stored form of `AnnouncementRecorded` (and its JSON state), built directly.

    The import path records many announcements at once; this skips building and dumping a
    model per announcement. It gives exactly what `PydanticMapper.to_stored_event` gives for
    the same event (`timestamp` in pydantic's JSON spelling) — a test holds it to that.
    """
    from pydantic_core import to_json

    state = {"timestamp": timestamp, "announcement": announcement, "schema_version": 1}
    return StoredEvent(origin, 1, RECORDED_TOPIC, to_json(state)), state


def stored_announcement(data: bytes, where: str = "a stored event") -> JsonObject:
    """The announcement inside a stored `AnnouncementRecorded` state (damage: `DamagedLog`)."""
    announcement = stored_state(data, where, "announcement")["announcement"]
    if not isinstance(announcement, dict) or not isinstance(announcement.get("id"), str):
        raise DamagedLog(f"log: {where} cannot be read as mxt wrote it")
    return announcement
