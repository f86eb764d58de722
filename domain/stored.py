"""The log's keys and the stored form of a recording, without the pydantic event models.

`mxt record` and `mxt import` append `AnnouncementRecorded` events in this form directly;
the models of `model` (which read events back, and make corrections and retractions) are
not needed for that.
"""

from __future__ import annotations

from uuid import UUID

from eventsourcing.persistence import StoredEvent

from mxt.events.content import Content, JsonObject
from mxt.events.digest import uuid5
from mxt.storage.errors import DamagedLog
from mxt.storage.mapping import stored_state

NAMESPACE = UUID("6f0e4f3c-5d52-4d0b-9b43-6d78c1b1e6a1")
# Regions of one's own have aggregate ids of their own namespace: no announcement id can
# ever name the aggregate of a region.
REGION_NAMESPACE = UUID("0c5b3f86-8f1e-4b51-9d5e-2a7c9e4d1f63")
# The topics of the stored events (`eventsourcing.utils.get_topic` of `model`'s classes),
# spelled out so that writing a recording, or reading the log, never imports those models.
RECORDED_TOPIC = "mxt.domain.model:AnnouncementRecorded"
CORRECTED_TOPIC = "mxt.domain.model:AnnouncementCorrected"
RETRACTED_TOPIC = "mxt.domain.model:AnnouncementRetracted"
REGION_TOPIC = "mxt.domain.model:RegionDefined"


def aggregate_id(announcement_id: str) -> UUID:
    """The aggregate (originator) id of an announcement id."""
    return uuid5(NAMESPACE, announcement_id)


def region_aggregate_id(name: str) -> UUID:
    """The aggregate (originator) id of a region of one's own: one per name, whose events are
    its definitions in order."""
    return uuid5(REGION_NAMESPACE, name)


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
