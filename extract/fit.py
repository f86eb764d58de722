"""Drafts as mxt's schema takes them today: the one place that knows which of the SPEC's
fields and values the event schemas accept yet.

The cues write what the text says in the SPEC's vocabulary (a launch `status`, a factory
`paused`, a date that is a period such as `2025-H2`, the metrics of §5.3, an `exit`). Here
each draft is checked against the schema of its kind, field by field: what the schema
accepts passes unchanged; what it does not is written as the nearest thing it accepts and
said in the note, or, when no such thing is faithful, the draft becomes a `statement`. When
the schemas grow, drafts carry the new fields with no change here.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Any

from . import when

# A metric the schema may not take yet, and the one that stands in for it (§5.3's chain).
_STAND_IN = {"retail": "deliveries", "registrations": "deliveries", "wholesale": "sales",
             "exports": "sales"}  # fmt: skip
_DATE_FIELDS = ("launched_on", "effective_on", "expected")
# A region the schema may not take yet, and the one that stands in for it in a figure's
# scope (where the note can say so without changing what the figure counts much).
_REGION_STAND_IN = {"EUROPE": "EU"}


@cache
def _schema(kind: str) -> Any:
    from mxt.events.kinds import KIND_NAMES
    from mxt.events.schemas import schema_of

    return schema_of(kind) if kind in KIND_NAMES else None


def accepts(kind: str, field: str, value: Any) -> bool:
    """True when the schema of `kind` takes `value` for `field` today."""
    from pydantic import ValidationError

    if _field_name(kind, field) is None:
        return False
    try:
        _adapter(kind, field).validate_python(value)
    except ValidationError:
        return False
    return True


@cache
def _adapter(kind: str, field: str) -> Any:
    from typing import Annotated

    from pydantic import TypeAdapter

    info = _schema(kind).model_fields[_field_name(kind, field)]
    annotation: Any = (
        Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    )
    return TypeAdapter(annotation)


def _field_name(kind: str, field: str) -> str | None:
    """The schema's attribute for a field as the import format spells it (`except` is an
    alias), or None when the schema of `kind` has no such field."""
    schema = _schema(kind)
    if schema is None:
        return None
    return next(
        (name for name, info in schema.model_fields.items() if (info.alias or name) == field),
        None,
    )


def _a_day(period: str, announced_on: date, plan: bool) -> str:
    """One day for a period where the schema takes only a day: its first day, or for a plan
    whose period has begun, its last (the day it is due), so that it still reads as a plan."""
    first, last = when.first_day(period), when.last_day(period)
    if plan and first <= announced_on:
        return max(last, announced_on + timedelta(days=1)).isoformat()
    return first.isoformat()


def fit(line: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The draft as the schema takes it today, and what was changed to fit (for the note).
    A draft whose meaning cannot be kept becomes a `statement` of its quote."""
    kind = line["kind"]
    if _schema(kind) is None:
        return as_statement(line, f"a {kind} ({summary(line)}): mxt's schema has no {kind} yet")
    fitted = dict(line)
    changes: list[str] = []
    announced = date.fromisoformat(line["announced_on"])
    # Dates first: whether a launch without `status` reads as a plan depends on its date.
    for field, value in sorted(line.items(), key=lambda item: item[0] == "status"):
        if field in ("kind", "company", "announced_on", "source", "note", "certainty"):
            continue
        if accepts(kind, field, value):
            continue
        if field == "status" and kind == "launch":
            planned = _reads_planned(fitted, announced)
            if (value == "launched" and not planned) or (value == "planned" and planned):
                del fitted[field]
                continue
            return as_statement(line, f"a launch {value} ({summary(line)}): the schema has "
                                 "no launch status yet")  # fmt: skip
        if field in _DATE_FIELDS and isinstance(value, str) and len(value) in (4, 7):
            # a plan's period is due by its end; one wholly past was reached in it
            plan = line.get("status") == "planned" or (
                field != "launched_on" and when.last_day(value) >= announced
            )
            day = _a_day(value, announced, plan)
            if field == "expected" and accepts(kind, field, day[:7]):
                day = day[:7]
            fitted[field] = day
            changes.append(f"{field} {value} as said, written {day}")
            continue
        if field == "metric" and value in _STAND_IN:
            fitted[field] = _STAND_IN[value]
            changes.append(f"metric {value} as said, written {_STAND_IN[value]} (the schema "
                           f"takes no {value} yet)")  # fmt: skip
            continue
        # a figure's scope only: an exit from Europe is no exit from the EU
        scoped = field == "markets" and _counted(kind)
        stood = [_REGION_STAND_IN.get(v, v) for v in value] if scoped else value
        if stood != value and accepts(kind, field, stood):
            fitted[field] = stood
            changes.append(f"markets {value} as said, written {stood} (the schema takes no "
                           "such region yet)")  # fmt: skip
            continue
        if field in ("market", "assembly", "temporary") and kind == "factory":
            del fitted[field]
            changes.append(f"{field} {value} (the schema takes no factory {field} yet)")
            continue
        return as_statement(line, f"a {kind} with {field} {value} ({summary(line)}): the "
                             "schema does not take it yet")  # fmt: skip
    return fitted, changes


def _counted(kind: str) -> bool:
    """Whether a kind's values are counts with a scope (a figure, a target, orders)."""
    from mxt.events.kinds import KINDS

    return KINDS[kind].counted


def _reads_planned(line: dict[str, Any], announced: date) -> bool:
    """Whether a launch without `status` reads as a plan (§5.2: a later day is a plan)."""
    launched_on = line.get("launched_on")
    if not launched_on:
        return False
    day = date.fromisoformat(launched_on) if len(launched_on) == 10 else None
    return day is not None and day > announced


def summary(line: dict[str, Any]) -> str:
    """The fields a draft says, for a note: `model SU7, market CN`."""
    skip = ("kind", "company", "announced_on", "source", "note", "certainty")
    return ", ".join(f"{k} {v}" for k, v in line.items() if k not in skip)


def as_statement(line: dict[str, Any], why: str) -> tuple[dict[str, Any], list[str]]:
    """A statement of the draft's quote, the typed reading kept in the note (`why`)."""
    statement = {
        "kind": "statement",
        "company": line["company"],
        "announced_on": line["announced_on"],
        "topic": line["kind"],
        "text": line["source"]["quote"],
    }
    if line.get("model"):
        statement["model"] = line["model"]
    if isinstance(line.get("market"), str) and accepts("statement", "market", line["market"]):
        statement["market"] = line["market"]
    statement.update({k: line[k] for k in ("certainty", "source") if k in line})
    return statement, [f"kept as a statement: read as {why}"]


# The fields every announcement has, kept when a draft changes kind.
_COMMON = ("company", "announced_on", "source", "speaker", "certainty", "note")


def recast(line: dict[str, Any], kind: str) -> dict[str, Any]:
    """The draft as another kind (`mxt review`'s change of kind): the fields every
    announcement has, those of the new kind it already holds, and for a statement its quote
    as the text and its old kind as the topic. What the new kind lacks is for the reviewer
    to add; a kind mxt does not know keeps the draft as it is."""
    if kind == "statement":
        statement, _ = as_statement(line, "")
        return {**statement, **({"note": line["note"]} if line.get("note") else {})}
    schema = _schema(kind)
    if schema is None:
        return dict(line)
    own = {info.alias or name for name, info in schema.model_fields.items()} - {"kind", "id"}
    return {"kind": kind, **{k: v for k, v in line.items() if k in _COMMON or k in own}}
