"""Field types shared by every announcement kind: dates, names, markets, counts, periods."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, PlainValidator, WithJsonSchema

from .checks import (
    MAX_COUNT,
    check_day_or_period,
    check_duration,
    check_identifier,
    check_market_or_all,
    check_month,
    check_name,
    check_period,
    check_positive_number,
    check_text,
    normalised_name,
    parse_count,
    spelled_flag,
    split_bound,
    trimmed,
)
from .codes import (
    MONTH_PATTERN,
    PERIOD_PATTERN,
    check_market,
    check_market_said,
    market_covers,
    parse_iso_date,
)
from .dates import DAY_OR_PERIOD_PATTERN

__all__ = [
    "MAX_COUNT", "check_identifier", "check_market", "market_covers", "parse_count",
    "parse_iso_date", "split_bound",
]  # fmt: skip


def _schema(**keywords: Any) -> Any:
    """Extra JSON Schema keywords of a field type whose rules a validator function checks.

    (pydantic leaves constraints written after a validator out of the JSON Schema.)
    """
    return Field(json_schema_extra=keywords)


Name = Annotated[
    str, BeforeValidator(normalised_name), Field(max_length=200), AfterValidator(check_name)
]
Text = Annotated[
    str, BeforeValidator(trimmed), Field(max_length=10_000), AfterValidator(check_text)
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
    PlainValidator(check_positive_number),
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
    AfterValidator(check_market_or_all),
    _schema(
        pattern=r"^([A-Z]{2}|[A-Z][A-Z0-9-]{1,22}[A-Z0-9]|\*)$",
        description="ISO 3166-1 alpha-2 code, a region, or * (all)",
    ),
]
Period = Annotated[
    str,
    AfterValidator(check_period),
    _schema(pattern=PERIOD_PATTERN),
]
Month = Annotated[str, AfterValidator(check_month), _schema(pattern=MONTH_PATTERN)]
Flag = Annotated[
    bool, BeforeValidator(spelled_flag), Field(strict=True), WithJsonSchema({"type": "boolean"})
]
DayOrPeriod = Annotated[
    str,
    PlainValidator(check_day_or_period),
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
    AfterValidator(check_duration),
    _schema(
        pattern=r"^\d+(\.\d+)?([mM][iI][nN]|[mM][oO]|[smhdwSMHDW])$",
        description="A number and a unit: min, h, d, w, mo (the older m means minutes).",
    ),
]
Identifier = Annotated[
    str, AfterValidator(check_identifier), _schema(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
]
