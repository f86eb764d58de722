"""The `showcase` kind: a model is shown (not sold) somewhere."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import Market, Name

from .base import Announcement


class Showcase(Announcement):
    """A model is shown (not sold) somewhere."""

    kind: Literal["showcase"] = "showcase"
    model: Name = Field(description="Model name.")
    market: Market | None = Field(default=None, description="Absent: online or worldwide.")
    venue: Name = Field(description="Where, e.g. 'MWC 2024, Barcelona'.")


SCHEMA = Showcase
