"""The `orders` kind: an order milestone of a model."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mxt.events.fields import Duration, Name

from .bounded import Bounded, SpelledCount


class Orders(Bounded):
    """An order milestone of a model."""

    kind: Literal["orders"] = "orders"
    model: Name = Field(description="Model name.")
    stage: Literal["pre-booking", "locked", "confirmed"] = Field(description="Order stage.")
    count: SpelledCount
    within: Duration | None = Field(default=None, description="e.g. 3min, 18h, 2d, 1w, 6mo.")


SCHEMA = Orders
