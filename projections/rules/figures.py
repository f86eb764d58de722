"""Counts with bounds (docs/concepts.md, Rank) as the rules of progress and claims add them up.

A count stands for a span of values (`events.kinds.span`: exact `v` for `[v, v]`,
`at-least v` for `[v, ∞)`, `at-most v` for `[0, v]`, `about v` for `[0.95 v, 1.05 v]`,
`range` for `[v, high]`). A comparison with a number answers True, False, or None when the
span straddles it (`~21,000` against 20,000 cannot decide; `25,000+` reaches 20,000).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast

from mxt.events.kinds import Span, span, spell_count, sum_bound

Bound = Literal["exact", "at-least", "at-most", "about", "range"]  # `events.kinds.BOUNDS`


@dataclass(frozen=True)
class Amount:
    """A count as announced: its number, its bound and, for a range, its top."""

    count: int
    bound: Bound = "exact"
    high: int | None = None

    @property
    def span(self) -> Span:
        """The values this amount stands for."""
        return span(self.count, self.bound, self.high)

    @property
    def middle(self) -> int:
        """The amount as one number: a range's midpoint, rounded; otherwise the count."""
        if self.bound == "range" and self.high is not None:
            return round((self.count + self.high) / 2)
        return self.count

    def shown(self) -> str:
        """The count with its bound, as tables show it: `200,000+`, `~28,000`, `≤1,000`."""
        return spell_count(self.count, self.bound, self.high)


# A part of a sum that nobody announced (a month missing between two that were): at least 0.
UNKNOWN_PART = Amount(0, "at-least")


def total(parts: Iterable[Amount]) -> tuple[Amount, Span]:
    """The sum of `parts` as an amount (its bound as docs/concepts.md, Rank says; a range part
    counts by its midpoint when the sum is `about`) and the exact span of values the parts
    allow together."""
    listed = list(parts)
    bound = cast(Bound, sum_bound([part.bound for part in listed]))
    spanned = Span(0, 0)
    for part in listed:
        spanned = spanned.plus(part.span)
    count = sum(part.middle if bound == "about" else part.count for part in listed)
    return Amount(count, bound), spanned
