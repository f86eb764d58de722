"""Calendar periods of targets and deliveries (docs/concepts.md, Periods): `YYYY`, `YYYY-H1`/`H2`,
`YYYY-Q1`…`Q4`, `YYYY-MM`, as spans of days.

Pure arithmetic: which period contains which, how many days and whole months a period has,
what is left of it after a day. Nothing here touches the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from mxt.events.dates import parse_day_or_period


@dataclass(frozen=True, order=True)
class Period:
    """A period as the days it spans, `first` to `last` inclusive."""

    first: date
    last: date
    text: str

    @property
    def days(self) -> int:
        """How many days the period has."""
        return (self.last - self.first).days + 1

    @property
    def months(self) -> tuple[str, ...]:
        """The months (`YYYY-MM`) the period is made of, in order."""
        return tuple(
            f"{year:04d}-{month:02d}"
            for year in range(self.first.year, self.last.year + 1)
            for month in range(1, 13)
            if self.first <= date(year, month, 1) <= self.last
        )

    @property
    def is_month(self) -> bool:
        """Whether the period is one month (`2025-06`)."""
        return len(self.text) == 7 and self.text[5] not in "HQ"

    def contains(self, other: Period) -> bool:
        """Whether every day of `other` is a day of this period."""
        return self.first <= other.first and other.last <= self.last

    def days_until(self, day: date) -> int:
        """How many of the period's days fall on or before `day`."""
        if day < self.first:
            return 0
        return (min(day, self.last) - self.first).days + 1

    def months_after(self, day: date) -> int:
        """How many whole months of the period begin after `day`."""
        return sum(1 for month in self.months if parse_period(month).first > day)

    def parts(self) -> tuple[Period, ...]:
        """The periods one level down: a year's halves, a half's quarters, a quarter's
        months; a month has none."""
        year = self.first.year
        if self.text == f"{year:04d}":
            return (parse_period(f"{year}-H1"), parse_period(f"{year}-H2"))
        if "-H" in self.text:
            half = int(self.text[-1])
            return tuple(parse_period(f"{year}-Q{q}") for q in (2 * half - 1, 2 * half))
        if "-Q" in self.text:
            return tuple(parse_period(month) for month in self.months)
        return ()


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """The period a text names, as `events.dates` reads every date said as a period (one
    rule for the calendar); ValueError when it names none (a day is no period), or one of
    year 0000, which the calendar does not have."""
    if text[:4] == "0000":
        raise ValueError(f"{text!r}: years run from 0001 to 9999")
    try:
        said = parse_day_or_period(text)
    except ValueError:
        said = None
    if said is None or said.is_day:
        raise ValueError(f"{text!r} is not a period (2025, 2025-H1, 2025-Q3 or 2025-06)")
    return Period(said.first, said.last, text)


def is_calendar_period(text: str) -> bool:
    """Whether `text` names a period the calendar has. The schemas refuse any other, but a
    store written before they refused year 0000 may hold one: the rules leave it out (it
    counts toward nothing) rather than fail every answer that would read it."""
    try:
        parse_period(text)
    except ValueError:
        return False
    return True


def month_before(month: str) -> str:
    """The month (`YYYY-MM`) before another."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def months_ending(month: str, count: int) -> tuple[str, ...]:
    """The `count` months ending with `month`, oldest first."""
    found = [month]
    while len(found) < count:
        found.append(month_before(found[-1]))
    return tuple(reversed(found))
