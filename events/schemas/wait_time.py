"""The `wait-time` kind: how long buyers of a model (or one trim) wait at most."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import Name, PositiveNumber

from .base import Announcement


class WaitTime(Announcement):
    """How long buyers of a model (or one trim) wait at most."""

    kind: Literal["wait-time"] = "wait-time"
    model: Name = Field(description="Model name.")
    trim: Name | None = Field(default=None, description="Trim; absent: the model as a whole.")
    max_months: PositiveNumber = Field(description="Longest wait in months (> 0).")


SCHEMA = WaitTime
