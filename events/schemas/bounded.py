"""The base of the kinds whose value is a count with a bound and whose scope may be some
markets (`orders`, `target`, `deliveries`)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, WithJsonSchema, model_validator

from mxt.events.fields import Count, Market, MarketOrAll

from .base import Announcement
from .checks import BOUNDED_TAIL as BOUNDED_TAIL
from .checks import check_high as check_high
from .checks import check_range, spelled_bound

# A count written with its bound: what an input line (or `record`) may give for `count`,
# `value` and `units`; the model splits it into the count, `bound` and `high` (JSON Schema
# only: the validation is Count's, after the split).
_AMOUNT = r"(\d{1,3}(,\d{3})+|[\d_]+)(\.\d+)?[kKmM]?"
SpelledCount = Annotated[
    Count,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {
                    "type": "string",
                    "pattern": rf"^\s*[>≥<≤~]?\s*{_AMOUNT}(\s*[-–—]\s*{_AMOUNT}|\+)?\s*$",
                },
            ],
            "description": "A whole number >= 0; as text also 350,000, 350k or 1.2m, and with "
            "its bound: 200k+ or >200,000 (at least), <1m (at most), ~28k (about), "
            "38.5k-39.5k (a range).",
            "examples": [350000, "350k", "200k+", "~28k", "38.5k-39.5k"],
        }
    ),
]
Bound = Literal["exact", "at-least", "at-most", "about", "range"]


class Bounded(Announcement):
    """A kind whose value is a count with a bound, and whose scope may be some markets.

    The count may be written with its bound (`200k+`, `~28k`, `38.5k-39.5k`): it is split
    into the count, `bound` and `high`. `bound: exact` is the default and is not kept.
    """

    count_field: ClassVar[str] = "count"

    bound: Bound | None = Field(
        default=None, description="How the count is meant (default exact); a range needs high."
    )
    high: Count | None = Field(default=None, description="A range's top (bound: range).")
    markets: list[MarketOrAll] | None = Field(
        default=None, min_length=1, description="Scope: codes, regions or *; absent: worldwide."
    )
    except_: list[Market] | None = Field(
        default=None, alias="except", description="Scope: markets left out of `markets`."
    )

    _spelled_bound = model_validator(mode="before")(spelled_bound)
    _check_range = model_validator(mode="after")(check_range)
