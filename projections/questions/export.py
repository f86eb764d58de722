"""The export stream, read from the log itself (not from the read model), once the log passes
the chain check."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from mxt.domain.integrity import refuse_damage, stored_events, verify_log
from mxt.domain.stored import (
    CORRECTED_TOPIC,
    RECORDED_TOPIC,
    REGION_TOPIC,
    RETRACTED_TOPIC,
    stored_announcement,
)
from mxt.events.content import Content
from mxt.events.kinds import upcast
from mxt.storage.errors import DamagedLog
from mxt.storage.mapping import origin_hex, stored_state
from mxt.storage.store import Store

from ..readmodel.tables import key


def _line(value: Content) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def export_lines(store: Store, companies: Sequence[str] = ()) -> Iterator[str]:
    """JSONL lines: every definition of a region of one's own (so that an import knows each
    region before an announcement names it), every announcement as recorded, then each
    correction and retraction, each in the order recorded.

    The log is read in one snapshot, and verified first: a log that fails the chain check
    (an edited, deleted or slipped-in event) is refused before a line is written
    (`DamagedLog`), so that an export never carries a forged value or a hole into another
    store. An export taken while others write is a consistent prefix of the history.
    Importing the lines into an empty store and exporting again gives the same lines.
    `companies` keeps the announcements recorded for those companies, with their
    corrections and retractions (and every region: a region belongs to no company).
    """
    with store.read() as cursor:
        refuse_damage(verify_log(cursor), "export")
        cursor.execute("SELECT COALESCE(MAX(rowid), 0) FROM stored_events")
        last = cursor.fetchone()[0]
        wanted = {key(company) for company in companies}
        chosen: set[str] = set()  # with companies: the aggregates exported
        yield from _region_lines(cursor, last)
        for notification_id, origin, _, topic, state in stored_events(cursor, last):
            if topic != RECORDED_TOPIC:
                continue
            where = f"stored event #{notification_id}"
            announcement = upcast(stored_announcement(bytes(state), where))
            if wanted:
                if key(announcement["company"]) not in wanted:
                    continue
                chosen.add(origin_hex(origin))
            yield _line(announcement)
        for notification_id, origin, _, topic, state in stored_events(cursor, last):
            if topic not in (CORRECTED_TOPIC, RETRACTED_TOPIC):
                continue
            if wanted and origin_hex(origin) not in chosen:
                continue
            needs = ("reason", "changes") if topic == CORRECTED_TOPIC else ("reason",)
            fix = stored_state(bytes(state), f"stored event #{notification_id}", *needs)
            announcement_id = _announcement_id(cursor, origin)
            if topic == CORRECTED_TOPIC:
                yield _line(
                    {"kind": "correction", "id": announcement_id, "set": upcast(fix["changes"]),
                     "reason": fix["reason"]}
                )  # fmt: skip
            else:
                yield _line({"kind": "retraction", "id": announcement_id, "reason": fix["reason"]})


def _region_lines(cursor: Any, last: int) -> Iterator[str]:
    """The definitions of regions of one's own up to event `last`, as interchange lines, in
    the order recorded (found by their topic: the database skips every other event)."""
    cursor.execute(
        "SELECT rowid, state FROM stored_events WHERE topic=? AND rowid<=? ORDER BY rowid",
        (REGION_TOPIC, last),
    )
    for notification_id, state in cursor.fetchall():
        where = f"stored event #{notification_id}"
        region = stored_state(bytes(state), where, "region")["region"]
        if not isinstance(region, dict):
            raise DamagedLog(f"log: {where} cannot be read as mxt wrote it (damaged)")
        yield _line({"kind": "region", **region})


def _announcement_id(cursor: Any, origin: Any) -> str:
    """The announcement id of an aggregate (`origin`, as the store's SQL compares it): the
    `id` in its recorded event."""
    cursor.execute(
        "SELECT state FROM stored_events WHERE originator_id=? AND originator_version=1", (origin,)
    )
    found = cursor.fetchall()
    if len(found) != 1:
        raise DamagedLog(f"log: the recording of {origin_hex(origin)} is missing", state=None)
    announcement_id: str = stored_announcement(bytes(found[0][0]))["id"]
    return announcement_id
