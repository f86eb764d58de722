"""Counts with bounds (docs/concepts.md, Rank) and the honest comparisons they allow.

A count stands for a range of values: exact `v` for `[v, v]`, `at-least v` for `[v, ∞)`,
`at-most v` for `[0, v]`, `about v` for `[0.95 v, 1.05 v]`, `range` for `[v, high]`. A
comparison with a number answers True, False, or None when the range straddles it
(`~21,000` against 20,000 cannot decide; `25,000+` reaches 20,000).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, cast

from mxt.events.kinds import spell_count, sum_bound

Bound = Literal["exact", "at-least", "at-most", "about", "range"]
BOUNDS: tuple[Bound, ...] = ("exact", "at-least", "at-most", "about", "range")
ABOUT = Fraction(5, 100)  # `about v` is v ± 5 %


@dataclass(frozen=True)
class Span:
    """The values a figure may stand for: `low` to `high` inclusive (`high` None: no limit)."""

    low: Fraction
    high: Fraction | None

    def __add__(self, other: Span) -> Span:
        high = None if self.high is None or other.high is None else self.high + other.high
        return Span(self.low + other.low, high)

    def reaches(self, number: int) -> bool | None:
        """Whether every value is >= `number` (True), none is (False), or it cannot say."""
        if self.low >= number:
            return True
        if self.high is not None and self.high < number:
            return False
        return None

    def stays_within(self, number: int) -> bool | None:
        """Whether every value is <= `number` (True), none is (False), or it cannot say."""
        if self.high is not None and self.high <= number:
            return True
        if self.low > number:
            return False
        return None

    def equals(self, number: int) -> bool | None:
        """Whether the figure is exactly `number` (True), cannot be (False), or may be."""
        if self.low == number and self.high == number:
            return True
        if self.low > number or (self.high is not None and self.high < number):
            return False
        return None

    def meets(self, other: Span) -> bool:
        """Whether two figures agree: their ranges share a value."""
        below = self.high is not None and self.high < other.low
        above = other.high is not None and other.high < self.low
        return not (below or above)


@dataclass(frozen=True)
class Figure:
    """A count as announced: its number, its bound and, for a range, its top."""

    count: int
    bound: Bound = "exact"
    high: int | None = None

    @property
    def span(self) -> Span:
        """The values this figure stands for."""
        value = Fraction(self.count)
        if self.bound == "at-least":
            return Span(value, None)
        if self.bound == "at-most":
            return Span(Fraction(0), value)
        if self.bound == "about":
            return Span(value * (1 - ABOUT), value * (1 + ABOUT))
        if self.bound == "range":
            return Span(value, Fraction(self.high if self.high is not None else self.count))
        return Span(value, value)

    @property
    def middle(self) -> int:
        """The figure as one number: a range's midpoint, rounded; otherwise the count."""
        if self.bound == "range" and self.high is not None:
            return round((self.count + self.high) / 2)
        return self.count

    def shown(self) -> str:
        """The count with its bound, as tables show it: `200,000+`, `~28,000`, `≤1,000`."""
        return spell_count(self.count, self.bound, self.high)


# A part of a sum that nobody announced (a month missing between two that were): at least 0.
UNKNOWN_PART = Figure(0, "at-least")


def total(parts: Iterable[Figure]) -> tuple[Figure, Span]:
    """The sum of `parts` as a figure (its bound as docs/concepts.md, Rank says; a range part counts
    by its midpoint when the sum is `about`) and the exact span of values the parts allow
    together."""
    listed = list(parts)
    bound = cast(Bound, sum_bound([part.bound for part in listed]))
    span = Span(Fraction(0), Fraction(0))
    for part in listed:
        span = span + part.span
    count = sum(part.middle if bound == "about" else part.count for part in listed)
    return Figure(count, bound), span
