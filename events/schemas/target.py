"""The `target` kind: a production, delivery or sales target for a period (and a scope)."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, model_validator

from mxt.events.fields import Count, Period

from .base import Metric
from .bounded import Bounded, SpelledCount
from .checks import check_previous, spelled_previous


class Target(Bounded):
    """A production, delivery or sales target for a period (and a scope)."""

    count_field: ClassVar[str] = "value"

    kind: Literal["target"] = "target"
    metric: Metric = Field(description="What is counted.")
    period: Period = Field(description="YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM.")
    value: SpelledCount
    previous: SpelledCount | None = Field(
        default=None, description="The value it says it replaces."
    )
    previous_high: Count | None = Field(default=None, description="When that was a range.")

    _spelled_previous = model_validator(mode="before")(spelled_previous)
    _check_previous = model_validator(mode="after")(check_previous)


SCHEMA = Target
