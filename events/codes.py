"""Market codes, regions and dates: plain functions the read side shares with the schemas.

Nothing here imports pydantic, so a query can check a market or a date without building the
announcement schemas.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

# The regions mxt knows, each with its member states. EU uses GR for Greece (ISO), not EL.
REGIONS: dict[str, frozenset[str]] = {
    "EU": frozenset(
        "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()  # noqa: SIM905
    ),
}

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


@lru_cache(maxsize=1024)
def _is_country(code: str) -> bool:
    import pycountry  # loaded only when a market code is checked

    return pycountry.countries.get(alpha_2=code) is not None


def check_market(value: str) -> str:
    """A market code: ISO 3166-1 alpha-2 or a known region, upper-cased."""
    code = value.strip().upper()
    if code in REGIONS or (len(code) == 2 and code.isalpha() and _is_country(code)):
        return code
    raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code or a known region (EU)")


def market_covers(announced_market: str, market: str) -> bool:
    """True when an announcement for `announced_market` covers `market`.

    A region covers each of its member states; a member state does not cover its region.
    """
    return announced_market == market or market in REGIONS.get(announced_market, ())
