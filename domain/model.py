"""The announcement aggregate and its events, on eventsourcing with pydantic events; and the
aggregate of a region of one's own.

Every announcement is one aggregate, identified by a UUID derived from its announcement id.
Its events are never changed: a correction or a retraction is a new event on the same
aggregate. The event's `timestamp` is the announcement's `recorded_at`, set by the store.

A region of one's own is an aggregate too (its id derived from its name, in a namespace of
its own): each of its events is a definition, the latest of which is in force.
"""

from __future__ import annotations

from datetime import datetime
from functools import singledispatch
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from mxt.events.content import Content, apply_changes

# The read model and the tests take these from here too; they need no model.
from .stored import aggregate_id as aggregate_id
from .stored import recorded_event as recorded_event
from .stored import region_aggregate_id as region_aggregate_id


class DomainEvent(BaseModel):
    """Base of mxt's stored events: frozen, validated again when read back."""

    # Validators built on first use: `mxt record` stores events without building one.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    originator_id: UUID
    originator_version: int
    timestamp: datetime


class AnnouncementRecorded(DomainEvent):
    """An announcement entered the log, as it was given (normalised)."""

    announcement: Content
    schema_version: int = 1


class AnnouncementCorrected(DomainEvent):
    """Fields of an announcement were corrected; `changes` are validated and normalised."""

    changes: Content
    reason: str


class AnnouncementRetracted(DomainEvent):
    """An announcement was withdrawn."""

    reason: str


class AppliedCorrection(BaseModel):
    """One correction as the aggregate holds it: the changes, the content before them, why, when."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    changes: Content
    previous: Content
    reason: str
    recorded_at: datetime


class AnnouncementAggregate(BaseModel):
    """The aggregate: an announcement with its corrections and retraction."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: UUID
    version: int
    announcement_id: str
    original: Content
    current: Content
    recorded_at: datetime
    corrections: tuple[AppliedCorrection, ...] = ()
    retraction_reason: str | None = None
    retracted_at: datetime | None = None

    @property
    def retracted(self) -> bool:
        return self.retracted_at is not None


@singledispatch
def mutate(
    event: DomainEvent, aggregate: AnnouncementAggregate | None
) -> AnnouncementAggregate | None:
    """Applies one event to the aggregate."""
    raise NotImplementedError(type(event).__name__)


@mutate.register
def _(event: AnnouncementRecorded, _: AnnouncementAggregate | None) -> AnnouncementAggregate:
    return AnnouncementAggregate(
        id=event.originator_id,
        version=event.originator_version,
        announcement_id=event.announcement["id"],
        original=event.announcement,
        current=event.announcement,
        recorded_at=event.timestamp,
    )


def _recorded(aggregate: AnnouncementAggregate | None, event: DomainEvent) -> AnnouncementAggregate:
    """The aggregate a later event applies to; the log must hold its recording first."""
    if aggregate is None:
        from mxt.storage.errors import DamagedLog

        raise DamagedLog(
            f"{type(event).__name__} v{event.originator_version} of {event.originator_id} "
            "has no recorded announcement before it",
            state=None,
        )
    return aggregate


@mutate.register
def _(
    event: AnnouncementCorrected, aggregate: AnnouncementAggregate | None
) -> AnnouncementAggregate:
    aggregate = _recorded(aggregate, event)
    correction = AppliedCorrection(
        changes=event.changes,
        previous=aggregate.current,
        reason=event.reason,
        recorded_at=event.timestamp,
    )
    return aggregate.model_copy(
        update={
            "version": event.originator_version,
            "current": apply_changes(aggregate.current, event.changes),
            "corrections": (*aggregate.corrections, correction),
        }
    )


@mutate.register
def _(
    event: AnnouncementRetracted, aggregate: AnnouncementAggregate | None
) -> AnnouncementAggregate:
    aggregate = _recorded(aggregate, event)
    return aggregate.model_copy(
        update={
            "version": event.originator_version,
            "retraction_reason": event.reason,
            "retracted_at": event.timestamp,
        }
    )


def project_announcement(
    aggregate: AnnouncementAggregate | None, events: Any
) -> AnnouncementAggregate | None:
    """Folds stored events into the aggregate (eventsourcing's projector function)."""
    for event in events:
        aggregate = mutate(event, aggregate)
    return aggregate


# -- regions of one's own ----------------------------------------------------------------------


class RegionDefined(DomainEvent):
    """A region of one's own was defined (or defined anew): `region` is its interchange line
    without `kind` (`name`, `markets`, `except`, `reason`), validated and normalised."""

    region: dict[str, Any]


class RegionAggregate(BaseModel):
    """A region of one's own: every definition of its name, in the order recorded (the last
    is in force)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: UUID
    version: int
    name: str
    definitions: tuple[dict[str, Any], ...]

    @property
    def current(self) -> dict[str, Any]:
        """The definition in force: the latest recorded."""
        return self.definitions[-1]


def project_region(events: Any) -> RegionAggregate | None:
    """Folds a region's stored events (its definitions) into its aggregate."""
    aggregate: RegionAggregate | None = None
    for event in events:
        if not isinstance(event, RegionDefined):
            from mxt.storage.errors import DamagedLog

            raise DamagedLog(
                f"{type(event).__name__} v{event.originator_version} of {event.originator_id} "
                "is among a region's definitions"
            )
        definitions = (*aggregate.definitions, event.region) if aggregate else (event.region,)
        aggregate = RegionAggregate(
            id=event.originator_id,
            version=event.originator_version,
            name=event.region["name"],
            definitions=definitions,
        )
    return aggregate
