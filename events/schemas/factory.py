"""The `factory` kind: a factory phase reaches a status."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import Count, IsoDate, Name

from .base import Announcement


class Factory(Announcement):
    """A factory phase reaches a status."""

    kind: Literal["factory"] = "factory"
    site: Name = Field(description="Factory site.")
    phase: int = Field(ge=1, description="Phase number (>= 1).")
    status: Literal["land-acquired", "under-construction", "completed", "operational"] = Field(
        description="Status reached."
    )
    effective_on: IsoDate | None = Field(
        default=None, description="When the status is reached; default announced_on."
    )
    capacity: Count | None = Field(default=None, description="Units a year.")


SCHEMA = Factory
