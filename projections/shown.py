"""What `mxt show` answers: one announcement as the log lists it, its corrections, its
retraction, and the state values it supports (`queries.ReadSide.show`). (Records'
annotations are evaluated here, as in `state`.)"""

from collections.abc import Iterator
from typing import Any, NamedTuple

from mxt.events.content import Content

from .audit import FieldCorrection
from .records import Support


class Retracted(NamedTuple):
    """An announcement's retraction: why, and when it was recorded."""

    reason: str | None
    recorded_at: str


class Shown(NamedTuple):
    """`mxt show`: one announcement as the log lists it, its corrections, its retraction,
    and the state values it supports."""

    entry: Content
    corrections: list[FieldCorrection]
    retraction: Retracted | None
    supports: list[Support]

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield from self.entry.items()
        yield "corrections", self.corrections
        yield "retraction", self.retraction
        yield "supports", self.supports
