"""A deliberately simple reference fold: the state computed by replaying the whole log.

No read model, no SQL, no index: read every stored event, keep those recorded by `known_at`,
replay corrections and retractions in log order, cut at `as_of`, and hand the survivors to
the same SPEC rules (`projections.state`). If the indexed read model ever disagrees with this,
the read model is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mxt.domain.store import Store, format_timestamp
from mxt.events.content import apply_changes
from mxt.projections.readmodel import CORRECTED, RECORDED, RETRACTED, Row, key
from mxt.projections.state import (
    CompanyFacts,
    Names,
    Query,
    company_state,
    market_state,
    model_state,
    target_audit,
)


@dataclass
class Replayed:
    content: dict[str, Any]
    recorded_at: str
    seq: int
    retracted: bool = False
    versions: list[Row] = field(default_factory=list)


def replay(store: Store, known_at: str) -> dict[str, Replayed]:
    """Every announcement as known at `known_at`, by aggregate id, with its version history."""
    announcements: dict[str, Replayed] = {}
    for notification in store.notifications():
        state = json.loads(notification.state)
        stamp = format_timestamp(datetime.fromisoformat(state["timestamp"]))
        if stamp > known_at:
            continue
        origin = notification.originator_id.hex
        if notification.topic == RECORDED:
            item = Replayed(state["announcement"], stamp, notification.id)
            announcements[origin] = item
            event, reason, changes = "recorded", None, None
        else:
            item = announcements[origin]
            if notification.topic == CORRECTED:
                item.content = apply_changes(item.content, state["changes"])
                event, reason, changes = "corrected", state["reason"], state["changes"]
            else:
                assert notification.topic == RETRACTED
                item.retracted = True
                event, reason, changes = "retracted", state["reason"], None
        item.versions.append(
            Row(item.content["id"], item.content, item.recorded_at, item.seq, item.retracted,
                stamp, event, reason, changes)
        )  # fmt: skip
    return announcements


def visible(store: Store, query: Query, *, include_retracted: bool = False) -> list[Row]:
    """The announcements visible for `query`, in time order, as read-model rows."""
    rows = [
        item.versions[-1]
        for item in replay(store, query.known_at).values()
        if (include_retracted or not item.retracted) and item.content["announced_on"] <= query.as_of
    ]
    return sorted(rows, key=lambda row: row.order)


def names_of(rows: list[Row]) -> dict[str, Names]:
    names: dict[str, Names] = {}
    for row in rows:
        entry = names.setdefault(key(row.content["company"]), Names(row.content["company"]))
        if row.content.get("model"):
            entry.models.setdefault(key(row.content["model"]), row.content["model"])
    return names


def model(store: Store, company: str, name: str, query: Query) -> dict[str, Any]:
    rows = visible(store, query)
    names = names_of(rows).get(key(company), Names(company))
    theirs = [r for r in rows if key(r.content["company"]) == key(company)]
    mine = [r for r in theirs if key(r.content.get("model")) == key(name)]
    facts = CompanyFacts.of(theirs, names)
    return model_state(mine, query, names.company, names.models.get(key(name), name), facts)


def company(store: Store, name: str, query: Query) -> dict[str, Any]:
    rows = visible(store, query)
    names = names_of(rows).get(key(name), Names(name))
    return company_state([r for r in rows if key(r.content["company"]) == key(name)], names, query)


def market(store: Store, code: str, query: Query) -> dict[str, Any]:
    rows = visible(store, query)
    chosen = [
        r for r in rows if r.content["kind"] in ("launch", "policy", "expected-entry", "showcase")
    ]
    return market_state(chosen, names_of(rows), query, code)


def audit(store: Store, query: Query) -> list[dict[str, Any]]:
    rows = [
        r for r in visible(store, query, include_retracted=True) if r.content["kind"] == "target"
    ]
    histories = {
        item.content["id"]: item.versions for item in replay(store, query.known_at).values()
    }
    return target_audit(rows, histories)
