"""The export stream, read from the log itself (not from the read model)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from mxt.domain.store import Store, origin_hex, stored_announcement, stored_state
from mxt.domain.stored import CORRECTED_TOPIC, RECORDED_TOPIC, RETRACTED_TOPIC
from mxt.events.content import Content
from mxt.events.kinds import upcast

from .tables import key


def _line(value: Content) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def export_lines(store: Store, company: str | None = None) -> Iterator[str]:
    """JSONL lines: every announcement as recorded, then each correction and retraction.

    Both passes stop at the end of the log as it was when the export began, so an export
    taken while others write is a consistent prefix of the history. Importing the lines into
    an empty store and exporting again gives the same lines. `company` keeps the
    announcements recorded for that company, with their corrections and retractions.
    """
    last = store.max_notification_id()
    wanted = key(company) if company is not None else None
    chosen: set[str] = set()  # with --company: the aggregates exported
    for notification in store.notifications(stop=last):
        if notification.topic != RECORDED_TOPIC:
            continue
        announcement = upcast(
            stored_announcement(notification.state, f"stored event #{notification.id}")
        )
        if wanted is not None:
            if key(announcement["company"]) != wanted:
                continue
            chosen.add(origin_hex(notification.originator_id))
        yield _line(announcement)
    for notification in store.notifications(stop=last):
        if notification.topic not in (CORRECTED_TOPIC, RETRACTED_TOPIC):
            continue
        origin = origin_hex(notification.originator_id)
        if wanted is not None and origin not in chosen:
            continue
        needs = ("reason", "changes") if notification.topic == CORRECTED_TOPIC else ("reason",)
        state = stored_state(notification.state, f"stored event #{notification.id}", *needs)
        announcement_id = _announcement_id(store, notification.originator_id)
        if notification.topic == CORRECTED_TOPIC:
            yield _line(
                {"kind": "correction", "id": announcement_id, "set": upcast(state["changes"]),
                 "reason": state["reason"]}
            )  # fmt: skip
        else:
            yield _line({"kind": "retraction", "id": announcement_id, "reason": state["reason"]})


def _announcement_id(store: Store, originator_id: Any) -> str:
    """The announcement id of an aggregate: the `id` in its recorded event."""
    found = store.app.recorder.select_events(originator_id, lte=1)
    if len(found) != 1:
        from mxt.domain.errors import DamagedLog

        raise DamagedLog(f"log: the recording of {originator_id} is missing (see mxt verify)")
    [recorded] = found
    announcement_id: str = stored_announcement(recorded.state)["id"]
    return announcement_id
