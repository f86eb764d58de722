"""Market codes, regions and dates: plain functions the read side shares with the schemas.

Nothing here imports pydantic, so a query can check a market or a date without building the
announcement schemas.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# A calendar period (docs/concepts.md, Periods): a year `2025`, a half `2025-H1`, a quarter
# `2025-Q3` or a month `2025-06`. The one spelling of the rule: the schemas check it, the JSON
# Schema states it, the rules of progress and claims parse what it matched (`periods`).
# ASCII-only: `\d` must not match other scripts' digits ("٢٠٢٥").
# (Compiled where it is matched: a read command that checks no period compiles nothing.)
PERIOD_PATTERN = r"^(?!0000)\d{4}(-H[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?$"
MONTH_PATTERN = r"^(?!0000)\d{4}-(0[1-9]|1[0-2])$"


def parse_iso_date(value: Any) -> date:
    """A strict `YYYY-MM-DD` date: no timestamps, no other formats."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError("expected a date YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a valid date") from None


def month_index(month: str) -> int:
    """A month `YYYY-MM` counted in months from year 0: 0001-01 is 12, so that a month
    before the calendar's first (`FIRST_MONTH`) shows as a smaller number."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_of_index(index: int) -> str:
    """The month `YYYY-MM` that `month_index` counts as `index`."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


FIRST_MONTH = month_index("0001-01")  # Python's dates, and so mxt's calendar, run 0001-9999
LAST_MONTH = month_index("9999-12")


def check_market(value: str) -> str:
    """A market code asked about, upper-cased: an ISO 3166-1 alpha-2 code, a built-in region
    (SPEC §5.3), or a region of one's own that the answer reads by (`events.regions.in_force`:
    a read command's options are checked with the store's regions in force)."""
    from .regions import in_force, is_region

    code = check_market_said(value)
    if len(code) > 2 and not is_region(code, in_force()):
        raise ValueError(
            f"{value!r} is not an ISO 3166-1 alpha-2 code or a region (mxt region list)"
        )
    return code


def check_market_said(value: str) -> str:
    """A market code as an announcement says it, upper-cased: an ISO 3166-1 alpha-2 code, a
    built-in region, or the name of a region of one's own (whether it is defined is the log's
    to say when the announcement is recorded: `domain.decisions.check_regions_named`)."""
    from .regions import ALL, check_region_market

    code = value.strip().upper()
    if code != ALL:
        try:
            return check_region_market(code)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code or a region (mxt region list)")


# `market_covers(…, on=EVER)`: whether a region covers a market on any day (its members of
# every day, a bloc's former ones too): where a rule looks for what may cover a market before
# it knows the day that decides.
EVER = "ever"


def market_covers(announced_market: str, market: str, on: str | date | None = None) -> bool:
    """True when an announcement for `announced_market` covers `market`, the announcement
    taking effect on `on` (default: today): the same code, or a member of the region that day
    (SPEC §5.3: the EU of 2019 holds the United Kingdom, the EU of 2021 does not). A region of
    one's own is read as the answer reads it (`events.regions.in_force`). A member state does
    not cover its region.
    """
    if announced_market == market:
        return True
    regions = _REGIONS or _load_regions()
    if regions.is_country_code(announced_market):
        return False  # a country covers only itself
    user = regions.in_force()
    if not regions.is_region(announced_market, user):
        return False
    if on == EVER:
        return market in regions.ever_members(announced_market, user)
    day = on.isoformat() if isinstance(on, date) else on or date.today().isoformat()
    return market in regions.covered_on((announced_market,), day, user)


_REGIONS: Any = None  # `events.regions`, imported when a market is first compared


def _load_regions() -> Any:
    global _REGIONS
    from . import regions

    _REGIONS = regions
    return regions
