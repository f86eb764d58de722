"""What every announcement kind shares: the common fields, the source, the stored form, and
the checking of one announcement against its kind's schema (one line per bad input).

Also the two other interchange lines, `Correction` and `Retraction`, which the write verbs
tell apart from announcements.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mxt.events.content import Content, JsonObject, derive_id
from mxt.events.fields import Identifier, IsoDate, Name, Text
from mxt.events.metrics import Metric as Metric

from .checks import CLAIM_TYPES as CLAIM_TYPES
from .checks import OTHER_LINES as OTHER_LINES
from .checks import describe as describe
from .checks import stored_order

Certainty = Literal["confirmed", "reported", "expected"]
M = TypeVar("M", bound=BaseModel)


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
        return stored_order(content, getattr(self, "count_field", None))


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


def validated(schema: type[M], data: JsonObject) -> M:
    """`data` validated against one model; bad input is one `InputError` naming the field."""
    try:
        return schema.model_validate(data)
    except ValidationError as error:  # (one model: no union tag before its fields)
        raise describe(error, tagged=False) from None


def with_id(announcement: Announcement) -> Content:
    """The stored form of an announcement, its id filled in."""
    content = announcement.dump()
    if "id" not in content:
        content = {"id": derive_id(content), **content}
    return content
