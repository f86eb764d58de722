"""The `expected-entry` kind: a model, or the company as a whole, is expected to enter a
market."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import DayOrPeriod, Market, Name

from .base import Announcement


class ExpectedEntry(Announcement):
    """A model, or the company as a whole, is expected to enter a market."""

    kind: Literal["expected-entry"] = "expected-entry"
    market: Market = Field(description="ISO 3166-1 alpha-2 code, or EU.")
    model: Name | None = Field(default=None, description="Absent: the company as a whole.")
    expected: DayOrPeriod = Field(
        description="When, as said: a day YYYY-MM-DD or a period YYYY, YYYY-H1/H2, "
        "YYYY-Q1..Q4, YYYY-MM."
    )


SCHEMA = ExpectedEntry
