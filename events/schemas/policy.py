"""The `policy` kind: sales in some markets will not start before a date."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import IsoDate, Market, MarketOrAll

from .base import Announcement


class Policy(Announcement):
    """Sales in some markets will not start before a date."""

    kind: Literal["policy"] = "policy"
    markets: list[MarketOrAll] = Field(min_length=1, description="Codes, regions, or * (all).")
    except_: list[Market] = Field(
        default_factory=list, alias="except", description="Markets left out of `markets`."
    )
    not_before: IsoDate = Field(description="No sales before this date (YYYY-MM-DD).")


SCHEMA = Policy
