"""The write verbs: record, import, correct, retract. Each runs in one write transaction.

This module batches lines and runs the transaction; what each line adds to the log is
decided by the pure functions of `decisions`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from eventsourcing.persistence import StoredEvent

from mxt.events.content import Content
from mxt.events.errors import InputError
from mxt.events.kinds import upcast
from mxt.events.regions import UserRegion
from mxt.storage.store import Store, WriteTransaction

from .decisions import (
    check_regions_named,
    decide_correction,
    decide_recording,
    decide_region,
    decide_retraction,
)
from .errors import (
    AlreadyRetracted,
    ConflictingAnnouncement,
    DomainError,
    InvalidCorrection,
    InvalidRegion,
    UnknownAnnouncement,
)
from .stored import (
    RECORDED_TOPIC,
    Recording,
    aggregate_id,
    recorded_state_frame,
    recording_of,
    regions_named,
    stored_announcement,
)

if TYPE_CHECKING:
    # (the schemas load with the lines that need them: `mxt record` defines no model)
    from mxt.events.schemas.base import Announcement, Correction, Retraction

    # (`mxt record` never loads the region line's schema: a line that is none of the others
    # is a region's definition)
    from mxt.events.schemas.region import RegionLine

    from .model import AnnouncementAggregate, DomainEvent, RegionAggregate

BATCH_SIZE = 1000

Line: TypeAlias = "Announcement | Correction | Retraction | RegionLine"
# A line as an import takes it: an announcement may come as its stored form already made
# (`with_id`), or as its recording already made (`stored.recording_of`), as a file's lines
# parsed in a process of their own come (`mxt import`).
ImportLine: TypeAlias = "Line | Content | Recording"
# Where a line comes from, for error messages: its number in the one input file, a label such
# as `b.jsonl line 3` when several files are imported together, or None (a single command).
LineRef: TypeAlias = int | str | None


@dataclass
class ImportResult:
    """How many lines an import recorded, and how many were in the store already."""

    recorded: int = 0
    already_present: int = 0


def load(store: Store, announcement_id: str) -> AnnouncementAggregate | None:
    """The announcement with this id, as the log holds it (corrected, retracted), or None."""
    from .model import project_announcement

    events = store.events_of(aggregate_id(announcement_id))
    return project_announcement(None, events) if events else None


def record(store: Store, announcement: Announcement | Content) -> tuple[str, bool]:
    """Appends one announcement (validated, or already in its stored form: `with_id`,
    `schemas.validate_for_record`); returns its id and whether it was new."""
    if not isinstance(announcement, dict):
        from mxt.events.schemas.base import with_id

        announcement = with_id(announcement)
    result = import_lines(store, [(None, announcement)])
    return announcement["id"], result.recorded == 1


def correct(store: Store, announcement_id: str, changes: Content, reason: str) -> None:
    """Records a correction of `announcement_id`, re-validated against its kind."""
    from mxt.events.schemas.base import Correction, validated

    line = validated(Correction, {"id": announcement_id, "set": changes, "reason": reason})
    import_lines(store, [(None, line)], strict=True)


def retract(store: Store, announcement_id: str, reason: str) -> None:
    """Records the retraction of `announcement_id`."""
    from mxt.events.schemas.base import Retraction, validated

    line = validated(Retraction, {"id": announcement_id, "reason": reason})
    import_lines(store, [(None, line)], strict=True)


class _DryRunDone(Exception):
    """Ends a dry run's transaction so that it rolls back."""


def import_lines(
    store: Store,
    lines: Iterable[tuple[LineRef, ImportLine]],
    *,
    strict: bool = False,
    dry_run: bool = False,
    bulk: bool = False,
) -> ImportResult:
    """Appends every line in one transaction: all of them, or none if one is bad.

    Announcements already recorded (same id, same content) and correction or retraction
    lines already applied count as already present, so importing a file twice records it
    once. With `strict`, a correction that changes nothing or a second retraction is an
    error instead (the `mxt correct` / `mxt retract` commands). With `dry_run`, every rule
    is checked and the counts answered as for a real import, then the transaction rolls
    back: nothing is written. `bulk` (a file import) lets the store's processors do their
    work once, at the end of the transaction (`Store.write`).
    """
    result = ImportResult()
    with contextlib.suppress(_DryRunDone):
        _import_in_transaction(store, lines, result, strict=strict, dry_run=dry_run, bulk=bulk)
    return result


def _import_in_transaction(
    store: Store,
    lines: Iterable[tuple[LineRef, ImportLine]],
    result: ImportResult,
    *,
    strict: bool,
    dry_run: bool,
    bulk: bool = False,
) -> None:
    with store.write(bulk=bulk) as transaction:
        batch = _Batch(transaction, result)
        for line_number, line in lines:
            try:
                if isinstance(line, tuple):
                    batch.add(line_number, line)
                    continue
                if isinstance(line, dict):  # (`mxt record`'s: no schema module loads)
                    batch.add(line_number, recording_of(line))
                    continue
                from mxt.events.schemas.base import Announcement, Correction, Retraction, with_id

                if isinstance(line, Announcement):
                    batch.add(line_number, recording_of(with_id(line)))
                    continue
                if isinstance(line, Correction):
                    _correct(transaction, line, batch, strict=strict)
                elif isinstance(line, Retraction):
                    _retract(transaction, line, batch, strict=strict)
                else:
                    batch.flush()  # (the regions an announcement names are read from the log)
                    _define(transaction, line, batch, result, strict=strict)
            except (
                InputError,
                UnknownAnnouncement,
                AlreadyRetracted,
                InvalidCorrection,
                InvalidRegion,
                ConflictingAnnouncement,
            ) as error:
                batch.flush()  # an earlier line's conflict with the log is named first
                raise _at_line(error, line_number) from None
        batch.flush()
        if dry_run:
            raise _DryRunDone


def _at_line(error: InputError | DomainError, line_number: LineRef) -> Exception:
    """The error placed on the input line it is about (`line 7: count: ...`)."""
    if line_number is None or error.line is not None:
        return error
    return error.at_line(line_number)


class _Batch:
    """Announcements, corrections and retractions waiting to be appended together, in the
    order of their lines (one append per thousand lines, not one per correction)."""

    def __init__(self, transaction: WriteTransaction, result: ImportResult) -> None:
        self.transaction = transaction
        self.result = result
        self.pending: dict[str, tuple[LineRef, Recording]] = {}
        # What waits, in order: the id of a pending announcement, or a correction's or a
        # retraction's stored event; and the announcements those change.
        self.waiting: list[str | StoredEvent] = []
        self.changed: set[str] = set()
        # Identical correction lines seen in this import, to match them with stored ones.
        self.corrections_seen: dict[tuple[str, str, str], int] = {}
        # Likewise identical region definitions, by their canonical JSON.
        self.regions_seen: dict[str, int] = {}
        # The regions of one's own an announcement may name, as this transaction sees them.
        self.defined = RegionsInLog(transaction)

    def add(self, line_number: LineRef, recording: Recording) -> None:
        """Adds an announcement's recording (`stored.recording_of`)."""
        announcement_id, _, body, named = recording
        if named:
            check_regions_named(named, self.defined)
        earlier = self.pending.get(announcement_id)
        if earlier is not None:
            if _content(earlier[1]) != _content(recording):
                raise ConflictingAnnouncement(announcement_id)
            self.result.already_present += 1
            return
        self.pending[announcement_id] = (line_number, recording)
        self.waiting.append(announcement_id)
        if len(self.waiting) >= BATCH_SIZE:
            self.flush()

    def seen_in_log(self, announcement_id: str) -> None:
        """Makes the log hold all that waits about an announcement (so that loading it from
        the log sees it whole)."""
        if announcement_id in self.pending or announcement_id in self.changed:
            self.flush()

    def change(self, announcement_id: str, events: Sequence[DomainEvent]) -> None:
        """Adds the events decided for a correction or retraction line, counting the line as
        recorded or present."""
        if not events:
            self.result.already_present += 1
            return
        self.waiting.extend(self.transaction.stored(events))
        self.changed.add(announcement_id)
        self.result.recorded += 1
        if len(self.waiting) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        """Appends what waits, but the announcements recorded already (the same content under
        the same id: counted present; other content: `ConflictingAnnouncement`)."""
        if not self.waiting:
            return
        existing = self.transaction.existing(
            {recording[1]: announcement_id for announcement_id, (_, recording) in
             self.pending.items()}
        )  # fmt: skip
        prefix, suffix = recorded_state_frame(self.transaction.recorded_at_json)
        events, recorded = [], 0
        for waiting in self.waiting:
            if not isinstance(waiting, str):
                events.append(waiting)
                continue
            line_number, recording = self.pending[waiting]
            stored_bytes = existing.get(waiting)
            if stored_bytes is None:
                state = prefix + recording[2] + suffix
                events.append(StoredEvent(recording[1], 1, RECORDED_TOPIC, state))
                recorded += 1
                continue
            stored = stored_announcement(stored_bytes, f"the stored {waiting!r}")
            try:
                decide_recording(upcast(stored), _content(recording))
            except ConflictingAnnouncement as error:
                raise _at_line(error, line_number) from None
            self.result.already_present += 1
        self.pending.clear()
        self.waiting.clear()
        self.changed.clear()
        self.transaction.append_stored(events, stamped=True)
        self.result.recorded += recorded


def _content(recording: Recording) -> Content:
    """The announcement a recording stores, in its stored form (`with_id`)."""
    from pydantic_core import from_json

    content: Content = from_json(recording[2])
    return content


def define_region(store: Store, line: RegionLine) -> bool:
    """Records a region of one's own (`mxt region define`); returns whether the log gained a
    definition (not when the same one is in force already)."""
    return import_lines(store, [(None, line)], strict=True).recorded == 1


def _correct(
    transaction: WriteTransaction, line: Correction, batch: _Batch, *, strict: bool
) -> None:
    batch.seen_in_log(line.id)
    check_regions_named(regions_named(dict(line.set)), batch.defined)
    aggregate = _load(transaction, line.id)
    decision = decide_correction(
        aggregate, line, lambda: transaction.recorded_at, strict=strict,
        repeats=batch.corrections_seen,
    )  # fmt: skip
    batch.corrections_seen[decision.key] = batch.corrections_seen.get(decision.key, 0) + 1
    batch.change(line.id, decision.events)


def _define(
    transaction: WriteTransaction,
    line: RegionLine,
    batch: _Batch,
    result: ImportResult,
    *,
    strict: bool,
) -> None:
    aggregate = _load_region(transaction, line.name)
    decision = decide_region(
        aggregate, line, lambda: transaction.recorded_at, defined=RegionsInLog(transaction),
        strict=strict, repeats=batch.regions_seen,
    )  # fmt: skip
    batch.regions_seen[decision.key] = batch.regions_seen.get(decision.key, 0) + 1
    _append(transaction, decision.events, result)


class RegionsInLog(Mapping[str, UserRegion]):
    """The regions of one's own in force as a write transaction sees them (its own appends
    included), each read from the log when first asked for. Only asked by name: it cannot
    list them."""

    def __init__(self, transaction: WriteTransaction) -> None:
        self.transaction = transaction

    def __getitem__(self, name: str) -> UserRegion:
        if len(name) < 3:  # a country code or `*`: never a region of one's own
            raise KeyError(name)
        aggregate = _load_region(self.transaction, name)
        if aggregate is None:
            raise KeyError(name)
        current = aggregate.current
        return UserRegion(name, tuple(current["markets"]), tuple(current["except"]),
                          current["reason"])  # fmt: skip

    def __iter__(self) -> Iterator[str]:
        raise NotImplementedError("the regions in the log are asked for by name")

    def __len__(self) -> int:
        raise NotImplementedError("the regions in the log are asked for by name")


def _retract(
    transaction: WriteTransaction, line: Retraction, batch: _Batch, *, strict: bool
) -> None:
    batch.seen_in_log(line.id)
    aggregate = _load(transaction, line.id)
    events = decide_retraction(aggregate, line, lambda: transaction.recorded_at, strict=strict)
    batch.change(line.id, events)


def _load(transaction: WriteTransaction, announcement_id: str) -> AnnouncementAggregate | None:
    """The announcement as this transaction sees it (its own appends included)."""
    from .model import project_announcement

    events = transaction.events_of(aggregate_id(announcement_id))
    return project_announcement(None, events) if events else None


def _append(
    transaction: WriteTransaction, events: Sequence[DomainEvent], result: ImportResult
) -> None:
    """Appends the events decided for one line, counting the line as recorded or present."""
    if not events:
        result.already_present += 1
        return
    transaction.append(events)
    result.recorded += 1


def _load_region(transaction: WriteTransaction, name: str) -> RegionAggregate | None:
    """The region of one's own called `name`, as this transaction sees it (None: never
    defined)."""
    from .model import project_region, region_aggregate_id

    return project_region(transaction.events_of(region_aggregate_id(name)))
