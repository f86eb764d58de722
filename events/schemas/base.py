"""What every announcement kind shares: the common fields, the source, the stored form, and
the checking of one announcement against its kind's schema (one line per bad input).

Also the two other interchange lines, `Correction` and `Retraction`, which the write verbs
tell apart from announcements.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mxt.events.content import Content, JsonObject, apply_changes, derive_id
from mxt.events.errors import InputError
from mxt.events.fields import Identifier, IsoDate, Name, Text
from mxt.events.kinds import KIND_NAMES
from mxt.events.metrics import Metric as Metric

Certainty = Literal["confirmed", "reported", "expected"]
CLAIM_TYPES = ("streak", "total", "target", "launched", "compare")
M = TypeVar("M", bound=BaseModel)
# The interchange lines that are no announcement: they change the log's history or its words.
OTHER_LINES = ("correction", "retraction", "region")
# Fields a correction may not change.
FIXED_FIELDS = frozenset({"id", "kind", "recorded_at"})


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Source(Frozen):
    """Where a fact comes from."""

    title: Name
    url: Annotated[str, Field(max_length=2000, pattern=r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")] | None = (
        None
    )
    publisher: Name | None = None
    quote: Text | None = None


class Announcement(Frozen):
    """The fields every announcement has, whatever its kind."""

    schema_version: ClassVar[int] = 1

    id: Identifier | None = Field(
        default=None,
        description="Idempotency key; derived from the canonical content when absent.",
    )
    company: Name
    announced_on: IsoDate = Field(description="When it became public (the as-of axis).")
    source: Source
    speaker: Name | None = None
    certainty: Certainty = "confirmed"
    note: Text | None = None

    def dump(self) -> Content:
        """The JSON form kept in the store and written by `mxt export`."""
        content = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        head: Content = {key: content.pop(key) for key in ("id", "kind") if key in content}
        return {**head, **content}


class Correction(Frozen):
    """An interchange line that corrects fields of a recorded announcement."""

    kind: Literal["correction"] = "correction"
    id: Identifier
    set: Content = Field(min_length=1)
    reason: Text = Field(min_length=1)


class Retraction(Frozen):
    """An interchange line that withdraws a recorded announcement."""

    kind: Literal["retraction"] = "retraction"
    id: Identifier
    reason: Text = Field(min_length=1)


def describe(error: ValidationError, tagged: bool = True) -> InputError:
    """Turns pydantic's report into one line naming the first bad field.

    An unknown field is named before anything else: a typo (`anounced_on`) also makes the
    field it misspells missing, and the typo is what the user has to fix.
    """
    errors = error.errors()
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = [str(part) for part in first["loc"]]
    # Drop the union tag pydantic puts in front ("launch.count" -> "count").
    if tagged and loc and (loc[0] in KIND_NAMES or loc[0] in OTHER_LINES):
        loc = loc[1:]
    if len(loc) > 1 and loc[0] == "claim" and loc[1] in CLAIM_TYPES:
        loc = [loc[0], *loc[2:]]  # and the claim's own union tag ("claim.streak.months")
    field = ".".join(loc) or None
    kind = first["type"]
    message = first["msg"]
    if kind == "extra_forbidden":
        if field == "recorded_at":
            message = "is set by the store, never by input"
        elif field in Source.model_fields and field != "title":
            message = f"unknown field (did you mean `source.{field}`?)"
        else:
            message = "unknown field"
    elif kind == "missing":
        message = "missing"
    elif (
        kind in ("string_too_short", "too_short")
        and (first.get("ctx") or {}).get("min_length") == 1
    ):
        message = "must not be empty"
    elif kind in ("too_long", "string_too_long") and isinstance(first["input"], str):
        context = first.get("ctx") or {}
        length = context.get("actual_length") or len(first["input"])  # after NFKC, trimming
        message = f"at most {context.get('max_length'):,} characters (this one has {length:,})"
    elif kind in ("union_tag_invalid", "union_tag_not_found") and field:
        field += ".type"  # a nested union: the claim object's `type`
        message = f"missing or not one of: {', '.join(CLAIM_TYPES)}"
    elif kind == "union_tag_invalid":
        field = "kind"
        tag = (first.get("ctx") or {}).get("tag")
        message = f"unknown kind {tag!r}" if tag is not None else "unknown kind"
        message += f" (one of: {', '.join((*KIND_NAMES, *OTHER_LINES))})"
    elif kind == "union_tag_not_found":
        field = "kind"
        message = "missing"
    elif message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return InputError(field, message)


def validated(schema: type[M], data: JsonObject) -> M:
    """`data` validated against one model; bad input is one `InputError` naming the field."""
    try:
        return schema.model_validate(data)
    except ValidationError as error:
        raise describe(error) from None


def parse_announcement(data: JsonObject) -> Announcement:
    """Validates one announcement given as a dict with a `kind` (only that kind's schema is
    built)."""
    from . import schema_of

    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KIND_NAMES:
        if kind is None:
            raise InputError("kind", "missing")
        raise InputError("kind", f"unknown kind {kind!r} (one of: {', '.join(KIND_NAMES)})")
    return validated(schema_of(kind), data)


def with_id(announcement: Announcement) -> Content:
    """The stored form of an announcement, its id filled in."""
    content = announcement.dump()
    if "id" not in content:
        content = {"id": derive_id(content), **content}
    return content


def apply_correction(content: Content, changes: Content) -> Content:
    """The announcement with `changes` applied and re-validated against its kind.

    A key `source.url` changes one field of the source; a value of None removes an
    optional field.
    """
    for field in changes:
        if field in FIXED_FIELDS:
            raise InputError(field, "cannot be corrected")
    corrected = apply_changes(content, changes)
    return parse_announcement(corrected).dump()
