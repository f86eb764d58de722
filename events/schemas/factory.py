"""The `factory` kind: a factory phase reaches a status (or is planned to, SPEC §5.2)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from mxt.events.fields import Count, DayOrPeriod, Market, Name

from .base import Announcement
from .checks import one_country

FactoryStatus = Literal[
    "land-acquired",
    "under-construction",
    "completed",
    "operational",
    "paused",
    "cancelled",
    "closed",
]


class Factory(Announcement):
    """A factory phase reaches a status (or is planned to)."""

    kind: Literal["factory"] = "factory"
    site: Name = Field(description="Factory site.")
    phase: int = Field(ge=1, description="Phase number (>= 1).")
    market: Annotated[Market, AfterValidator(one_country)] | None = Field(
        default=None, description="The country it stands in (ISO 3166-1 alpha-2)."
    )
    status: FactoryStatus = Field(
        description="Status reached; paused, cancelled and closed keep the one reached before."
    )
    effective_on: DayOrPeriod | None = Field(
        default=None,
        description="When the status is reached: a day, or a period as said (2026-H2); "
        "default announced_on; a later one is a plan.",
    )
    capacity: Count | None = Field(default=None, description="Units a year.")
    assembly: Literal["full", "ckd", "skd"] | None = Field(
        default=None, description="Full production, or assembly of kits (CKD, SKD)."
    )


SCHEMA = Factory
