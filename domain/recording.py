"""The write verbs: record, import, correct, retract. Each runs in one write transaction.

This module batches lines and runs the transaction; what each line adds to the log is
decided by the pure functions of `decisions`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

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
from .stored import aggregate_id, recorded_event, stored_announcement

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
# (`with_id`), as a file's lines parsed in a process of their own come (`mxt import`).
ImportLine: TypeAlias = "Line | Content"
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
                if isinstance(line, dict):
                    batch.add_content(line_number, line)
                    continue
                from mxt.events.schemas.base import Announcement, Correction, Retraction, with_id

                if isinstance(line, Announcement):
                    batch.add_content(line_number, with_id(line))
                    continue
                batch.flush()
                if isinstance(line, Correction):
                    _correct(transaction, line, batch, result, strict=strict)
                elif isinstance(line, Retraction):
                    _retract(transaction, line, result, strict=strict)
                else:
                    _define(transaction, line, batch, result, strict=strict)
            except (
                InputError,
                UnknownAnnouncement,
                AlreadyRetracted,
                InvalidCorrection,
                InvalidRegion,
                ConflictingAnnouncement,
            ) as error:
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
    """Announcements waiting to be appended together."""

    def __init__(self, transaction: WriteTransaction, result: ImportResult) -> None:
        self.transaction = transaction
        self.result = result
        self.pending: dict[str, tuple[LineRef, Content]] = {}
        # Identical correction lines seen in this import, to match them with stored ones.
        self.corrections_seen: dict[tuple[str, str, str], int] = {}
        # Likewise identical region definitions, by their canonical JSON.
        self.regions_seen: dict[str, int] = {}
        # The regions of one's own an announcement may name, as this transaction sees them.
        self.defined = RegionsInLog(transaction)

    def add_content(self, line_number: LineRef, content: Content) -> None:
        """Adds an announcement in its stored form (`with_id`)."""
        check_regions_named(content, self.defined)
        earlier = self.pending.get(content["id"])
        if earlier is not None:
            if earlier[1] != content:
                raise ConflictingAnnouncement(content["id"])
            self.result.already_present += 1
            return
        self.pending[content["id"]] = (line_number, content)
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        origins = {
            aggregate_id(announcement_id): announcement_id for announcement_id in self.pending
        }
        existing = self.transaction.existing(origins)
        events, states = [], []
        timestamp = self.transaction.recorded_at_json
        for origin, announcement_id in origins.items():
            line_number, content = self.pending[announcement_id]
            stored_bytes = existing.get(announcement_id)
            stored = (
                None
                if stored_bytes is None
                else upcast(stored_announcement(stored_bytes, f"the stored {announcement_id!r}"))
            )
            try:
                new = decide_recording(stored, content)
            except ConflictingAnnouncement as error:
                raise _at_line(error, line_number) from None
            if not new:
                self.result.already_present += 1
                continue
            event, state = recorded_event(origin, content, timestamp)
            events.append(event)
            states.append(state)
        self.transaction.append_stored(events, states)
        self.result.recorded += len(events)
        self.pending.clear()


def define_region(store: Store, line: RegionLine) -> bool:
    """Records a region of one's own (`mxt region define`); returns whether the log gained a
    definition (not when the same one is in force already)."""
    return import_lines(store, [(None, line)], strict=True).recorded == 1


def _correct(
    transaction: WriteTransaction,
    line: Correction,
    batch: _Batch,
    result: ImportResult,
    *,
    strict: bool,
) -> None:
    check_regions_named(dict(line.set), batch.defined)
    aggregate = _load(transaction, line.id)
    decision = decide_correction(
        aggregate, line, lambda: transaction.recorded_at, strict=strict,
        repeats=batch.corrections_seen,
    )  # fmt: skip
    batch.corrections_seen[decision.key] = batch.corrections_seen.get(decision.key, 0) + 1
    _append(transaction, decision.events, result)


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
    transaction: WriteTransaction, line: Retraction, result: ImportResult, *, strict: bool
) -> None:
    aggregate = _load(transaction, line.id)
    events = decide_retraction(aggregate, line, lambda: transaction.recorded_at, strict=strict)
    _append(transaction, events, result)


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
