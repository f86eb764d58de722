"""The log's keys and the stored form of a recording, without the pydantic event models.

`mxt record` and `mxt import` append `AnnouncementRecorded` events in this form directly;
the models of `model` (which read events back, and make corrections and retractions) are
not needed for that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias
from uuid import UUID

from mxt.events.content import Content, JsonObject
from mxt.events.digest import uuid5, uuid5_hex
from mxt.storage.errors import DamagedLog
from mxt.storage.mapping import stored_state

if TYPE_CHECKING:  # (a read loads this module, and no eventsourcing)
    from eventsourcing.persistence import StoredEvent

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


def aggregate_hex(announcement_id: str) -> str:
    """`aggregate_id(announcement_id).hex`, made without a UUID object (an import makes one
    per line; a test holds it to `uuid5`)."""
    return uuid5_hex(_NAMESPACE_BYTES, announcement_id)


_NAMESPACE_BYTES = NAMESPACE.bytes


def region_aggregate_id(name: str) -> UUID:
    """The aggregate (originator) id of a region of one's own: one per name, whose events are
    its definitions in order."""
    return uuid5(REGION_NAMESPACE, name)


# An announcement's recording made ahead of its write transaction (in the process that parses
# an import's lines, say): its id, its aggregate id as hex (`aggregate_hex`), its stored JSON
# (the bytes of `announcement` in its `AnnouncementRecorded` state), and the regions it names
# that are no country code, each with its field (only those can be unknown: `recording_of`).
# A plain tuple, not a class: a frame of 500 of them crosses a pipe pickled, at a tenth of a
# named tuple's cost.
Recording: TypeAlias = tuple[str, str, bytes, tuple[tuple[str, str], ...]]

# The fields of an announcement (and of its claim object) that name markets.
MARKET_FIELDS = ("market", "markets", "except")


def recording_of(content: Content) -> Recording:
    """The recording of an announcement in its stored form (`with_id`)."""
    from pydantic_core import to_json

    announcement_id: str = content["id"]
    return (announcement_id, aggregate_hex(announcement_id), to_json(content),
            regions_named(content))  # fmt: skip


def regions_named(content: Content) -> tuple[tuple[str, str], ...]:
    """The markets an announcement (or a correction's changes) names that are no country code
    (`field`, `code`): its market, its scope's markets and excepts, its claim's. Only these
    can name a region of one's own, which the log must define (`check_regions_named`)."""
    named: list[tuple[str, str]] = []
    claim = content.get("claim")
    for where in (content, claim) if isinstance(claim, dict) else (content,):
        for field in MARKET_FIELDS:
            value = where.get(field)
            codes = (value,) if isinstance(value, str) else value if isinstance(value, list) else ()
            for code in codes:
                if isinstance(code, str) and len(code) > 2:  # (other values: the schema's)
                    named.append((field, code))
    return tuple(named)


def recorded_state_frame(timestamp: str) -> tuple[bytes, bytes]:
    """What comes before and after an announcement's JSON in the stored state of its
    `AnnouncementRecorded` stamped `timestamp`: `prefix + to_json(announcement) + suffix` is
    `recorded_event`'s state, byte for byte (pydantic-core writes a dict's items in order,
    without spaces)."""
    from pydantic_core import to_json

    prefix = b'{"timestamp":' + to_json(timestamp) + b',"announcement":'
    return prefix, b',"schema_version":1}'


def recorded_event(
    origin: UUID, announcement: Content, timestamp: str
) -> tuple[StoredEvent, JsonObject]:
    """The stored form of `AnnouncementRecorded` (and its JSON state), built directly.

    The import path records many announcements at once; this skips building and dumping a
    model per announcement. It gives exactly what `PydanticMapper.to_stored_event` gives for
    the same event (`timestamp` in pydantic's JSON spelling) — a test holds it to that.
    """
    from eventsourcing.persistence import StoredEvent
    from pydantic_core import to_json

    state = {"timestamp": timestamp, "announcement": announcement, "schema_version": 1}
    return StoredEvent(origin, 1, RECORDED_TOPIC, to_json(state)), state


def stored_announcement(data: bytes, where: str = "a stored event") -> JsonObject:
    """The announcement inside a stored `AnnouncementRecorded` state (damage: `DamagedLog`)."""
    announcement = stored_state(data, where, "announcement")["announcement"]
    if not isinstance(announcement, dict) or not isinstance(announcement.get("id"), str):
        raise DamagedLog(f"log: {where} cannot be read as mxt wrote it")
    return announcement
