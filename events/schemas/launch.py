"""The `launch` kind: a model goes on sale in a market, or is planned to, or its sales there
pause or its plan is cancelled (SPEC §5.2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from mxt.events.fields import DayOrPeriod, Market, Name

from .base import Announcement
from .checks import happened_by_its_announcement

LaunchStatus = Literal["launched", "planned", "paused", "cancelled"]


class Launch(Announcement):
    """A model goes on sale in a market (or is planned to, pauses there, or its plan is
    cancelled)."""

    kind: Literal["launch"] = "launch"
    model: Name = Field(description="Model name.")
    market: Market = Field(description="ISO 3166-1 alpha-2 code, or EU.")
    launched_on: DayOrPeriod | None = Field(
        default=None,
        description="A day, or a period as said (2025-H2); default: announced_on. For a pause, "
        "when sales stopped.",
    )
    status: LaunchStatus | None = Field(
        default=None,
        description="Absent: launched when launched_on is on or before announced_on (or a "
        "period that had ended), else planned.",
    )
    segment: Name | None = None
    competitor: Name | None = None

    _happened_by_its_announcement = model_validator(mode="after")(happened_by_its_announcement)


SCHEMA = Launch
