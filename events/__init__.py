"""The announcement vocabulary: one pydantic model per kind, with the interchange format."""

from .announcements import (
    KINDS,
    Announcement,
    Correction,
    InputError,
    Retraction,
    Source,
    apply_changes,
    apply_correction,
    canonical_json,
    derive_id,
    effective_date,
    json_schema,
    normalised_changes,
    parse_announcement,
    parse_line,
    with_id,
)
from .fields import REGIONS, market_covers, parse_count, parse_iso_date

__all__ = [
    "KINDS",
    "REGIONS",
    "Announcement",
    "Correction",
    "InputError",
    "Retraction",
    "Source",
    "apply_changes",
    "apply_correction",
    "canonical_json",
    "derive_id",
    "effective_date",
    "json_schema",
    "normalised_changes",
    "market_covers",
    "parse_announcement",
    "parse_count",
    "parse_iso_date",
    "parse_line",
    "with_id",
]
