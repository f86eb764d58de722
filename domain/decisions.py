"""The rules of the write verbs, as pure functions of (current state, command).

Each function answers what the log should gain from one command — the events to append,
none when the command is already in the log — or raises the domain error that refuses it.
None of them reads or writes a store: `recording` loads the state, asks, and appends what
was decided, inside its transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeAlias

from mxt.events.content import Content, canonical_json, normalised_changes
from mxt.events.regions import UserRegions, is_region, loop_through

from .errors import (
    AlreadyRetracted,
    ConflictingAnnouncement,
    InvalidCorrection,
    InvalidRegion,
    UnknownAnnouncement,
)

if TYPE_CHECKING:
    # (the schemas load with the lines that need them: `mxt record` defines no model)
    from mxt.events.schemas.base import Correction, Retraction
    from mxt.events.schemas.region import RegionLine

    # The event models are built by the decisions that make events (a correction, a
    # retraction); a recording is stored without them (`stored.recorded_event`).
    from .model import AnnouncementAggregate, DomainEvent, RegionAggregate

# The moment the events are recorded at, asked for only when an event is decided (the store
# reads the log's last `recorded_at` to make it, and warns if the clock is behind).
Clock: TypeAlias = Callable[[], datetime]
# One correction line as an import counts its repeats: id, canonical changes, reason.
CorrectionKey: TypeAlias = tuple[str, str, str]


@dataclass(frozen=True)
class CorrectionDecision:
    """What a correction line comes to: its changes as the kind spells them, and the
    events to append (none: the line is in the log already)."""

    key: CorrectionKey
    events: tuple[DomainEvent, ...]


def decide_recording(stored: Content | None, content: Content) -> bool:
    """Whether an announcement (its stored form `content`) is to be appended: yes if its id
    is new, no if the same content is recorded under it; other content is a conflict."""
    if stored is None:
        return True
    if stored != content:
        raise ConflictingAnnouncement(content["id"])
    return False


def decide_correction(
    aggregate: AnnouncementAggregate | None,
    line: Correction,
    clock: Clock,
    *,
    strict: bool,
    repeats: Mapping[CorrectionKey, int],
) -> CorrectionDecision:
    """The correction `line` decided against the announcement's current state.

    With `strict` (`mxt correct`) a retracted announcement or a change that changes nothing
    is refused. Without it (an import), a line already applied counts as present: the
    announcement holds more identical corrections than `repeats` says this input has
    brought before — so an exported history imported again records nothing.
    """
    aggregate = known(aggregate, line.id)
    if strict:
        open_to_change(aggregate)
    from mxt.events.schemas import apply_correction

    corrected = apply_correction(aggregate.current, line.set)
    changes = normalised_changes(corrected, line.set)
    key = (line.id, canonical_json(changes), line.reason)
    if strict and corrected == aggregate.current:
        raise InvalidCorrection(f"set: changes nothing in {line.id!r}")
    if not strict:
        if repeats.get(key, 0) < applied(aggregate, changes, line.reason):
            return CorrectionDecision(key, ())
        open_to_change(aggregate)
    from .model import AnnouncementCorrected

    event = AnnouncementCorrected(
        originator_id=aggregate.id,
        originator_version=aggregate.version + 1,
        timestamp=clock(),
        changes=changes,
        reason=line.reason,
    )
    return CorrectionDecision(key, (event,))


def decide_retraction(
    aggregate: AnnouncementAggregate | None, line: Retraction, clock: Clock, *, strict: bool
) -> tuple[DomainEvent, ...]:
    """The retraction `line` decided: one event, or none if the announcement is retracted
    already (with `strict`, `mxt retract`, that is an error)."""
    aggregate = known(aggregate, line.id)
    if aggregate.retracted:
        if strict:
            raise AlreadyRetracted(line.id)
        return ()
    from .model import AnnouncementRetracted

    event = AnnouncementRetracted(
        originator_id=aggregate.id,
        originator_version=aggregate.version + 1,
        timestamp=clock(),
        reason=line.reason,
    )
    return (event,)


def known(aggregate: AnnouncementAggregate | None, announcement_id: str) -> AnnouncementAggregate:
    """The announcement a correction or retraction is about; it must be recorded."""
    if aggregate is None:
        raise UnknownAnnouncement(announcement_id)
    return aggregate


def open_to_change(aggregate: AnnouncementAggregate) -> None:
    """Refuses a change to a retracted announcement."""
    if aggregate.retracted:
        raise AlreadyRetracted(aggregate.announcement_id)


def applied(aggregate: AnnouncementAggregate, changes: Content, reason: str) -> int:
    """How many corrections of the announcement made exactly these changes for this reason."""
    return sum(
        1
        for correction in aggregate.corrections
        if correction.changes == changes and correction.reason == reason
    )


def check_regions_named(named: Iterable[tuple[str, str]], defined: UserRegions) -> None:
    """Every region an announcement names (`stored.regions_named`: its market, its scope's
    markets and excepts, its claim's) is built in or defined in the log (`defined`); raises
    `InvalidRegion` naming the field and the first that is neither (SPEC §5.3: a market
    takes a region)."""
    for field, code in named:
        if not is_region(code, defined):
            raise InvalidRegion(
                f"{field}: {code} is no region (built in, or defined: mxt region list)"
            )


@dataclass(frozen=True)
class RegionDecision:
    """What a region's definition comes to: the definition as stored (its canonical JSON is
    how an import counts its repeats), and the events to append (none: it is in the log)."""

    key: str
    events: tuple[DomainEvent, ...]


def decide_region(
    aggregate: RegionAggregate | None,
    line: RegionLine,
    clock: Clock,
    *,
    defined: UserRegions,
    strict: bool,
    repeats: Mapping[str, int],
) -> RegionDecision:
    """The definition `line` decided against the region's definitions so far (`aggregate`)
    and the regions of one's own in force (`defined`).

    Every region it names must be built in or defined, and it must not contain itself
    through them (`InvalidRegion`). With `strict` (`mxt region define`) a definition the
    same as the one in force records nothing. Without it (an import), a line counts as
    present when the region holds more definitions identical to it than `repeats` says this
    input has brought before: an exported history imported again records nothing, and a
    later different line replaces the definition in force.
    """
    definition = {key: value for key, value in line.dump().items() if key != "kind"}
    for field, codes in (("markets", line.markets), ("except", line.except_)):
        unknown = [code for code in codes if len(code) > 2 and not is_region(code, defined)]
        if unknown:
            raise InvalidRegion(
                f"{field}: {unknown[0]} is no region (built in, or defined: mxt region list)"
            )
    through = loop_through(line.name, (*line.markets, *line.except_), defined)
    if through is not None:
        raise InvalidRegion(f"markets: {line.name} would contain itself (through {through})")
    key = canonical_json(definition)
    if aggregate is not None:
        if strict and aggregate.current == definition:
            return RegionDecision(key, ())
        held = sum(1 for earlier in aggregate.definitions if earlier == definition)
        if not strict and repeats.get(key, 0) < held:
            return RegionDecision(key, ())
    from .model import RegionDefined, region_aggregate_id

    event = RegionDefined(
        originator_id=region_aggregate_id(line.name),
        originator_version=aggregate.version + 1 if aggregate is not None else 1,
        timestamp=clock(),
        region=definition,
    )
    return RegionDecision(key, (event,))
