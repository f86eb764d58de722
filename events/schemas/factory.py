"""The `factory` kind: a factory phase reaches a status (or is planned to, SPEC §5.2)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from mxt.events.fields import Count, DayOrPeriod, Market, Name
from mxt.events.regions import is_region

from .base import Announcement

FactoryStatus = Literal[
    "land-acquired",
    "under-construction",
    "completed",
    "operational",
    "paused",
    "cancelled",
    "closed",
]


def _one_country(code: str) -> str:
    """A factory stands in one country, never in a region."""
    if is_region(code) or len(code) != 2:
        raise ValueError(f"{code!r} is a region; a factory stands in one country (ISO 3166-1)")
    return code


class Factory(Announcement):
    """A factory phase reaches a status (or is planned to)."""

    kind: Literal["factory"] = "factory"
    site: Name = Field(description="Factory site.")
    phase: int = Field(ge=1, description="Phase number (>= 1).")
    market: Annotated[Market, AfterValidator(_one_country)] | None = Field(
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
