"""Field types shared by every announcement kind: dates, names, markets, counts, periods."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainValidator, WithJsonSchema

from .codes import (
    MONTH_PATTERN,
    PERIOD_PATTERN,
    check_market,
    check_market_said,
    market_covers,
    parse_iso_date,
)
from .dates import DAY_OR_PERIOD_PATTERN, parse_day_or_period
from .invisible import refused_in_name
from .kinds import normalise_duration

__all__ = ["check_market", "market_covers", "parse_iso_date"]

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


def _trimmed(value: Any) -> Any:
    """Text trimmed before any length check (other types are left for the schema to refuse)."""
    return value.strip() if isinstance(value, str) else value


def _normalised_name(value: Any) -> Any:
    """A name NFKC-normalised and trimmed, before any length check: `Ｘｉａｏｍｉ` is `Xiaomi`."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def _check_name(value: str) -> str:
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


def _check_text(value: str) -> str:
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


def _check_market_or_all(value: str) -> str:
    return "*" if value.strip() == "*" else check_market_said(value)


def _check_year(value: str) -> str:
    """A period, month or date whose year is one of the calendar's (0001 to 9999): Python's
    dates, and so every answer about the period, stop there."""
    if value[:4] == "0000":
        raise ValueError(f"{value!r}: years run from 0001 to 9999")
    return value


def _check_period(value: str) -> str:
    if not _PERIOD.match(value):
        raise ValueError(f"{value!r} is not a period (2025, 2025-H1, 2025-Q3 or 2025-06)")
    return _check_year(value)


def _check_month(value: str) -> str:
    if not _MONTH.match(value):
        raise ValueError(f"{value!r} is not a month YYYY-MM")
    return _check_year(value)


def _spelled_flag(value: Any) -> Any:
    """A yes/no field as the command line spells it (`--set temporary=true`): `true` or
    `false`; any other value is left for the strict boolean check (JSON `true`/`false`)."""
    return {"true": True, "false": False}.get(value, value) if isinstance(value, str) else value


def _check_day_or_period(value: Any) -> str:
    """A day or a period as it was said (`events.dates`): `2025-06-26`, `2025`, `2025-H2`,
    `2025-Q4`, `2025-12`; a `date` is that day. Kept as written."""
    return parse_day_or_period(value).text


def _check_duration(value: str) -> str:
    text = value.strip().lower()
    if not _DURATION.match(text):
        raise ValueError(f"{value!r} is not a duration (e.g. 3min, 18h, 2d, 1w, 6mo)")
    return normalise_duration(text)


def check_identifier(value: str) -> str:
    """An announcement id: letters, digits and `._:-`, at most 64 characters."""
    if not _IDENT.match(value):
        raise ValueError(f"{value!r} is not an id (letters, digits and ._:- up to 64 characters)")
    return value


def _check_positive_number(value: Any) -> int | float:
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


def _schema(**keywords: Any) -> Any:
    """Extra JSON Schema keywords of a field type whose rules a validator function checks.

    (pydantic leaves constraints written after a validator out of the JSON Schema.)
    """
    return Field(json_schema_extra=keywords)


Name = Annotated[
    str, BeforeValidator(_normalised_name), Field(max_length=200), AfterValidator(_check_name)
]
Text = Annotated[
    str, BeforeValidator(_trimmed), Field(max_length=10_000), AfterValidator(_check_text)
]
IsoDate = Annotated[date, BeforeValidator(parse_iso_date), _schema(format="date")]
Count = Annotated[
    int,
    BeforeValidator(parse_count),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": MAX_COUNT},
                {"type": "string", "pattern": r"^\s*(\d{1,3}(,\d{3})+|[\d_]+)(\.\d+)?[kKmM]?\s*$"},
            ],
            "description": "A whole number from 0 to 2^53; as text also 350,000, 350k or 1.2m.",
            "examples": [350000, "350,000", "350k", "1.2m"],
        }
    ),
]
PositiveNumber = Annotated[
    int | float,
    PlainValidator(_check_positive_number),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "maximum": MAX_COUNT}),
]
Market = Annotated[
    str,
    AfterValidator(check_market_said),
    _schema(
        pattern=r"^([A-Z]{2}|[A-Z][A-Z0-9-]{1,22}[A-Z0-9])$",
        description="ISO 3166-1 alpha-2 code, or a region (built in, or defined by a region line)",
    ),
]
MarketOrAll = Annotated[
    str,
    AfterValidator(_check_market_or_all),
    _schema(
        pattern=r"^([A-Z]{2}|[A-Z][A-Z0-9-]{1,22}[A-Z0-9]|\*)$",
        description="ISO 3166-1 alpha-2 code, a region, or * (all)",
    ),
]
Period = Annotated[
    str,
    AfterValidator(_check_period),
    _schema(pattern=PERIOD_PATTERN),
]
Month = Annotated[str, AfterValidator(_check_month), _schema(pattern=MONTH_PATTERN)]
Flag = Annotated[
    bool, BeforeValidator(_spelled_flag), Field(strict=True), WithJsonSchema({"type": "boolean"})
]
DayOrPeriod = Annotated[
    str,
    PlainValidator(_check_day_or_period),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DAY_OR_PERIOD_PATTERN,
            "description": "A day YYYY-MM-DD, or a period: YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or "
            "YYYY-MM (starts on its first day, due on its last).",
        }
    ),
]
Duration = Annotated[
    str,
    AfterValidator(_check_duration),
    _schema(
        pattern=r"^\d+(\.\d+)?([mM][iI][nN]|[mM][oO]|[smhdwSMHDW])$",
        description="A number and a unit: min, h, d, w, mo (the older m means minutes).",
    ),
]
Identifier = Annotated[
    str, AfterValidator(check_identifier), _schema(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
]
