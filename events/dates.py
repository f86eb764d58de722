"""Dates with a precision (SPEC §5.2): a day `2025-06-26`, or a period `2025`, `2025-H2`,
`2025-Q4`, `2025-12`, as a launch date, a factory's `effective_on`, an expected entry or an
exit was said ("in December", "in the second half", "by end-2026").

A period *starts* on its first day and is *due* on its last; a day is both. The text is kept
as it was said, and shown so. Nothing here imports pydantic: the read side parses these
dates without building the schemas.
"""

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

# ASCII-only (`\d` must not match other scripts' digits): a day, a month, a quarter, a half or
# a year. The day's own checks (30 February) are `date`'s.
_DAY_OR_PERIOD = re.compile(
    r"^(\d{4})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2])(?:-(\d{2}))?)?$", re.ASCII
)
# The same rule for the JSON Schema (years 0001 to 9999; a day's month length is checked by
# the validator).
DAY_OR_PERIOD_PATTERN = (
    r"^(?!0000)\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
)
SPELLINGS = "a day YYYY-MM-DD or a period YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM"


class DayOrPeriod(NamedTuple):
    """A date as it was said: `text`, which starts on `first` and is due on `last` (the same
    day for a day)."""

    text: str
    first: date
    last: date

    @property
    def is_day(self) -> bool:
        """Whether it names one day (`2025-06-26`), not a period."""
        return self.first == self.last and len(self.text) == 10

    @property
    def sort_key(self) -> tuple[date, date]:
        """Where a single day is needed (sorting, a chart): its first day, then its last (a
        month before the year that holds it)."""
        return self.first, self.last

    def ended_by(self, day: date) -> bool:
        """Whether its last day is on or before `day` (a period that has ended)."""
        return self.last <= day

    def __str__(self) -> str:
        return self.text


def month_end(year: int, month: int) -> date:
    """The last day of a month (what `calendar.monthrange` says, without importing calendar,
    which imports locale: a read command need neither)."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - _ONE_DAY


_ONE_DAY = timedelta(days=1)


def parse_day_or_period(value: Any) -> DayOrPeriod:
    """The day or period a text names (a `date` is that day); ValueError naming the
    spellings when it names none, or a year outside 0001-9999."""
    if isinstance(value, date):
        return DayOrPeriod(value.isoformat(), value, value)
    if not isinstance(value, str):
        raise ValueError(f"expected {SPELLINGS}")
    return _parsed(value)


@lru_cache(maxsize=4096)
def _parsed(value: str) -> DayOrPeriod:
    match = _DAY_OR_PERIOD.match(value)
    if match is None:
        raise ValueError(f"{value!r} is not {SPELLINGS}")
    year = int(match.group(1))
    if year == 0:
        raise ValueError(f"{value!r}: years run from 0001 to 9999")
    half, quarter, month, day = match.groups()[1:]
    if day is not None:
        try:
            first = date(year, int(month), int(day))
        except ValueError:
            raise ValueError(f"{value!r} is not a valid date") from None
        return DayOrPeriod(value, first, first)
    if half:
        first_month, last_month = 6 * int(half) - 5, 6 * int(half)
    elif quarter:
        first_month, last_month = 3 * int(quarter) - 2, 3 * int(quarter)
    elif month:
        first_month = last_month = int(month)
    else:
        first_month, last_month = 1, 12
    return DayOrPeriod(value, date(year, first_month, 1), month_end(year, last_month))


def first_day(text: str) -> str:
    """The first day (`YYYY-MM-DD`) of a day or period: what the rules compare where one day
    is needed. Text that names neither (nothing the schemas accept) comes back unchanged."""
    if len(text) == 10:  # a day (the schemas accept no other text of ten characters)
        return text
    try:
        return parse_day_or_period(text).first.isoformat()
    except ValueError:
        return text


def said_as_done(when: DayOrPeriod, announced_on: date) -> bool:
    """Whether a date an announcement gives had ended by the day it was announced: a day on
    or before it, or a period over by then. Such a launch happened and such a factory
    status was reached; a later date is a plan (SPEC §5.2)."""
    return when.last <= announced_on
