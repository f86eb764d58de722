"""The `launch` kind: a model goes on sale in a market."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import IsoDate, Market, Name

from .base import Announcement


class Launch(Announcement):
    """A model goes on sale in a market."""

    kind: Literal["launch"] = "launch"
    model: Name = Field(description="Model name.")
    market: Market = Field(description="ISO 3166-1 alpha-2 code, or EU.")
    launched_on: IsoDate | None = Field(default=None, description="Default: announced_on.")
    segment: Name | None = None
    competitor: Name | None = None


SCHEMA = Launch
