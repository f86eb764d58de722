"""The `statement` kind: anything else worth keeping."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import Market, Name, Text

from .base import Announcement


class Statement(Announcement):
    """Anything else worth keeping; shown by log and show, not folded into state."""

    kind: Literal["statement"] = "statement"
    topic: Name = Field(description="e.g. hiring, strategy.")
    text: Text = Field(min_length=1, description="What was said.")
    model: Name | None = Field(default=None, description="Model it concerns.")
    market: Market | None = Field(default=None, description="Market it concerns.")


SCHEMA = Statement
