"""The checks behind the announcements' field types (`events.fields`): counts, names, text,
periods, months, durations, ids, numbers. Plain functions, without pydantic: the prebuilt
validators of `mxt record` (`events/schemas/prebuilt.py`) call them as the models do.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from typing import Any

from pydantic_core import PydanticKnownError

from .codes import MONTH_PATTERN, PERIOD_PATTERN, check_market_said
from .dates import parse_day_or_period
from .invisible import refused_in_name
from .kinds import normalise_duration

# Every pattern is ASCII-only: `\d` must not match other scripts' digits ("٢٠٢٥").
_PERIOD = re.compile(PERIOD_PATTERN, re.ASCII)
_MONTH = re.compile(MONTH_PATTERN, re.ASCII)
# `min`, `h`, `d`, `w`, `mo` (and `s`); the older `m` meant minutes.
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)(min|mo|[smhdw])$", re.ASCII)
# Bound spellings of a count: `200k+`, `>200,000`, `<1m`, `~28k`, `38.5k-39.5k`.
_BOUND_PREFIX = {">": "at-least", "≥": "at-least", "<": "at-most", "≤": "at-most", "~": "about"}
_RANGE = re.compile(r"^(.+?)\s*[-–—]\s*(.+)$")
# Digits with optional thousands separators (`350,000`), an optional fraction, a suffix.
_COUNT = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([km]?)$", re.ASCII)
_IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$", re.ASCII)
_NUMBER = re.compile(r"^\d+(\.\d+)?$", re.ASCII)
_MULTIPLIERS = {"": 1, "k": 1_000, "m": 1_000_000}
MAX_COUNT = 2**53  # counts are exact integers up to here: JSON numbers stay exact to 2^53
# Text may hold newlines and tabs, and no other control character.
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def parse_count(value: Any) -> int:
    """A whole count >= 0: `350000`, `350,000`, `350k`, `1.2m`.

    Computed in decimal, so that `2.01k` is 2010 (not 2009.9999999999998).
    """
    if isinstance(value, bool):
        raise ValueError("expected a whole number")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("expected a whole number")
        number = Decimal(repr(value))
    elif isinstance(value, str):
        text = value.strip().lower().replace("_", "")
        match = _COUNT.match(text)
        if not match:
            if text.startswith("-"):
                raise ValueError("must be >= 0")
            raise ValueError(f"{value!r} is not a count (e.g. 350000, 350,000, 350k, 1.2m)")
        digits, fraction, suffix = match.groups()
        number = Decimal(digits.replace(",", "") + (fraction or "")) * _MULTIPLIERS[suffix]
    else:
        raise ValueError("expected a whole number")
    if number < 0:
        raise ValueError("must be >= 0")
    if number > MAX_COUNT:
        raise ValueError(f"must be at most 2^53 ({MAX_COUNT:,}), an exact whole number")
    if number != number.to_integral_value():
        raise ValueError("must be a whole number")
    return int(number)


def split_bound(value: Any) -> tuple[Any, str | None, Any]:
    """A count as written on the command line, split into (count, bound, high):
    `200k+` and `>200,000` are at-least, `<1m` at-most, `~28k` about, `38.5k-39.5k` and
    `38,500–39,500` a range. Anything else comes back unchanged, with no bound."""
    if not isinstance(value, str):
        return value, None, None
    text = value.strip()
    if text.endswith("+"):
        return text[:-1].strip(), "at-least", None
    if text[:1] in _BOUND_PREFIX:
        return text[1:].strip(), _BOUND_PREFIX[text[0]], None
    match = _RANGE.match(text)
    if match and not text.startswith("-"):
        return match.group(1), "range", match.group(2)
    return value, None, None


def trimmed(value: Any) -> Any:
    """Text trimmed before any length check (other types are left for the schema to refuse)."""
    return value.strip() if isinstance(value, str) else value


def normalised_name(value: Any) -> Any:
    """A name NFKC-normalised and trimmed, before any length check: `Ｘｉａｏｍｉ` is `Xiaomi`."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def check_name(value: str) -> str:
    """A name: not empty, with no control, format or invisible character (a `Xia\\u200bomi`
    or a `Xiaomi\\u3164` would look like Xiaomi and be another company): nothing of the
    categories `NAME_FORBIDDEN`, nothing that renders as nothing (`events.invisible`)."""
    if not value:
        raise ValueError("must not be empty")
    if value.isascii() and value.isprintable():
        return value
    for char in value:
        if refused_in_name(char):
            raise ValueError(
                f"must not contain invisible, format or control characters (U+{ord(char):04X})"
            )
    return value


def check_text(value: str) -> str:
    """Free text: not empty after trimming; newlines and tabs allowed, no other control."""
    if not value:
        raise ValueError("must not be empty")
    found = _TEXT_CONTROL.search(value)
    if found:
        raise ValueError(
            f"must not contain control characters (U+{ord(found.group()):04X}); "
            "newline and tab are allowed"
        )
    return value


def check_market_or_all(value: str) -> str:
    return "*" if value.strip() == "*" else check_market_said(value)


def _check_year(value: str) -> str:
    """A period, month or date whose year is one of the calendar's (0001 to 9999): Python's
    dates, and so every answer about the period, stop there."""
    if value[:4] == "0000":
        raise ValueError(f"{value!r}: years run from 0001 to 9999")
    return value


def check_period(value: str) -> str:
    if not _PERIOD.match(value):
        raise ValueError(f"{value!r} is not a period (2025, 2025-H1, 2025-Q3 or 2025-06)")
    return _check_year(value)


def check_month(value: str) -> str:
    if not _MONTH.match(value):
        raise ValueError(f"{value!r} is not a month YYYY-MM")
    return _check_year(value)


def spelled_flag(value: Any) -> Any:
    """A yes/no field as the command line spells it (`--set temporary=true`): `true` or
    `false`; any other value is left for the strict boolean check (JSON `true`/`false`)."""
    return {"true": True, "false": False}.get(value, value) if isinstance(value, str) else value


def check_day_or_period(value: Any) -> str:
    """A day or a period as it was said (`events.dates`): `2025-06-26`, `2025`, `2025-H2`,
    `2025-Q4`, `2025-12`; a `date` is that day. Kept as written."""
    return parse_day_or_period(value).text


def check_duration(value: str) -> str:
    text = value.strip().lower()
    if not _DURATION.match(text):
        raise ValueError(f"{value!r} is not a duration (e.g. 3min, 18h, 2d, 1w, 6mo)")
    return normalise_duration(text)


def check_identifier(value: str) -> str:
    """An announcement id: letters, digits and `._:-`, at most 64 characters."""
    if not _IDENT.match(value):
        raise ValueError(f"{value!r} is not an id (letters, digits and ._:- up to 64 characters)")
    return value


def check_positive_number(value: Any) -> int | float:
    """A number > 0 (`12`, `7.5`, or the same as text) up to 2^53; a whole one is an int
    (`12.0` -> 12), so that one value has one spelling and one derived id."""
    if isinstance(value, str):
        text = value.strip()
        if not _NUMBER.match(text):
            raise ValueError(f"{value!r} is not a number")
        if len(text.partition(".")[0]) > len(str(MAX_COUNT)):  # before any conversion
            raise ValueError(f"must be at most 2^53 ({MAX_COUNT:,})")
        value = float(text) if "." in text else int(text)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("expected a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a number > 0")
    if value <= 0:
        raise ValueError("must be a number > 0")
    if value > MAX_COUNT:  # an int of any size compares exactly; float(int) could overflow
        raise ValueError(f"must be at most 2^53 ({MAX_COUNT:,})")
    return int(value) if isinstance(value, float) and value.is_integer() else value


def max_length(value: Any, max_length: int) -> Any:
    """`value` (text or a list) no longer than `max_length`, refused as pydantic refuses it
    (a `too_long` error): what `Field(max_length=…)` checks after a field's own validator, in
    a prebuilt validator (`events/schemas/prebuilt.py`)."""
    if len(value) > max_length:
        raise PydanticKnownError(
            "too_long",
            {"field_type": "Value", "max_length": max_length, "actual_length": len(value)},
        )
    return value


def serialized(value: Any, handler: Any) -> Any:
    """A field with a plain validator (`PositiveNumber`, `DayOrPeriod`) written out as its
    type writes: pydantic's own serializer of such a field, in a prebuilt validator."""
    return handler(value)
