"""The `exit` kind: sales of a model, or of every model of the company, stop in some markets
(a withdrawal, or a temporary suspension such as a stop-sale; SPEC §5.2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import DayOrPeriod, Flag, Market, MarketOrAll, Name

from .base import Announcement


class Exit(Announcement):
    """Sales stop in some markets: a withdrawal, or a temporary suspension."""

    kind: Literal["exit"] = "exit"
    markets: list[MarketOrAll] = Field(min_length=1, description="Codes, regions, or * (all).")
    except_: list[Market] | None = Field(
        default=None, alias="except", description="Markets left out of `markets`."
    )
    model: Name | None = Field(default=None, description="Absent: every model of the company.")
    effective_on: DayOrPeriod | None = Field(
        default=None,
        description="When sales stop: a day, or a period as said; default announced_on.",
    )
    temporary: Flag | None = Field(
        default=None, description="A suspension (a stop-sale), not a withdrawal. Default false."
    )


SCHEMA = Exit
