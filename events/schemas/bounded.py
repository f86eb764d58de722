"""The base of the kinds whose value is a count with a bound and whose scope may be some
markets (`orders`, `target`, `deliveries`)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, WithJsonSchema, model_validator

from mxt.events.content import Content, JsonObject
from mxt.events.fields import Count, Market, MarketOrAll, split_bound

from .base import Announcement

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
BOUNDED_TAIL = ("bound", "high", "markets", "except")


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

    @model_validator(mode="before")
    @classmethod
    def _spelled_bound(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        _split_spelling(data, cls.count_field, "bound", "high")
        if data.get("bound") == "exact":
            del data["bound"]
        return data

    @model_validator(mode="after")
    def _check_range(self) -> Bounded:
        check_high(getattr(self, self.count_field), self.bound, self.high, "high")
        return self

    def dump(self) -> Content:
        """The JSON form, the bound and scope right after the count they qualify."""
        content = super().dump()
        tail = {name: content.pop(name) for name in BOUNDED_TAIL if name in content}
        ordered: Content = {}
        for name, value in content.items():
            ordered[name] = value
            if name == self.count_field:
                ordered.update(tail)
        return {**ordered, **tail}


def _split_spelling(data: JsonObject, field: str, bound_field: str, high_field: str) -> None:
    """Moves a bound written into a count (`200k+`) to its own fields, in place."""
    count, bound, high = split_bound(data.get(field))
    if bound is None:
        return
    given = data.get(bound_field)
    if given not in (None, bound):
        raise ValueError(f"{field}: {data[field]!r} is {bound}, but {bound_field} is {given!r}")
    if high is not None and data.get(high_field) not in (None, high):
        raise ValueError(f"{field}: {data[field]!r} is a range, but {high_field} is also given")
    data[field] = count
    data[bound_field] = bound
    if high is not None:
        data[high_field] = high


def check_high(value: int, bound: str | None, high: int | None, high_field: str) -> None:
    """Refuses a range without its top (or with a top below `value`), and a top without a
    range."""
    if bound == "range":
        if high is None:
            raise ValueError(f"{high_field}: missing (a range needs its top)")
        if high < value:
            raise ValueError(f"{high_field}: must be >= the range's low end {value}")
    elif high is not None:
        raise ValueError(f"{high_field}: only a range (bound: range) has a top")
