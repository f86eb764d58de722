"""The `target` kind: a production, delivery or sales target for a period (and a scope)."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from mxt.events.fields import Count, Period, split_bound

from .base import Metric
from .bounded import Bounded, SpelledCount, check_high


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

    @model_validator(mode="before")
    @classmethod
    def _spelled_previous(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("previous"), str):
            count, bound, high = split_bound(data["previous"])
            if bound not in (None, "range"):
                raise ValueError(f"previous: {data['previous']!r}: only a value or a range")
            if bound == "range":
                data = {**data, "previous": count, "previous_high": high}
        return data

    @model_validator(mode="after")
    def _check_previous(self) -> Target:
        if self.previous_high is not None:
            if self.previous is None:
                raise ValueError("previous: missing (previous_high is the top of its range)")
            check_high(self.previous, "range", self.previous_high, "previous_high")
        return self


SCHEMA = Target
