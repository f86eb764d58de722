"""The export stream, read from the log itself (not from the read model's versions)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from mxt.domain.store import origin_hex

from .readmodel import CORRECTED, RECORDED, RETRACTED, key


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def export_lines(tracker: Any, company: str | None = None) -> Iterator[str]:
    """JSONL lines: every announcement as recorded, then each correction and retraction.

    Importing them into an empty store and exporting again gives the same lines.
    """
    store = tracker.store
    wanted: set[str] | None = None
    if company is not None:
        with store.read() as cursor:
            cursor.execute(
                "SELECT DISTINCT origin FROM rm_versions WHERE company_key=?", (key(company),)
            )
            wanted = {row[0] for row in cursor.fetchall()}
    for notification in store.notifications():
        if notification.topic == RECORDED and _wanted(notification, wanted):
            yield _line(json.loads(notification.state)["announcement"])
    for notification in store.notifications():
        if notification.topic not in (CORRECTED, RETRACTED) or not _wanted(notification, wanted):
            continue
        state = json.loads(notification.state)
        with store.read() as cursor:
            cursor.execute(
                "SELECT ann_id FROM rm_versions WHERE origin=? LIMIT 1",
                (origin_hex(notification.originator_id),),
            )
            found = cursor.fetchone()
        if found is None:
            continue
        if notification.topic == CORRECTED:
            yield _line(
                {
                    "kind": "correction",
                    "id": found[0],
                    "set": state["changes"],
                    "reason": state["reason"],
                }
            )
        else:
            yield _line({"kind": "retraction", "id": found[0], "reason": state["reason"]})


def _wanted(notification: Any, wanted: set[str] | None) -> bool:
    return wanted is None or origin_hex(notification.originator_id) in wanted
