"""The `deliveries` kind: units delivered (or sold, or produced) in a period."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from mxt.events.fields import Name, Period

from .base import Metric
from .bounded import Bounded, SpelledCount


class Deliveries(Bounded):
    """Units delivered (or sold, or produced) in a period: a company total or one model's."""

    count_field: ClassVar[str] = "units"

    kind: Literal["deliveries"] = "deliveries"
    period: Period = Field(description="YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM.")
    units: SpelledCount
    metric: Metric | None = Field(default=None, description="Default: deliveries.")
    model: Name | None = Field(default=None, description="Absent: the company total.")


SCHEMA = Deliveries
