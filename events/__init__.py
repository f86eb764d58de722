"""The announcement vocabulary: one pydantic model per kind, with the interchange format.

Names are loaded on first use, so that a command that only reads never builds the models.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "InputError": "errors",
    "market_covers": "codes",
    "parse_count": "fields",
    "parse_iso_date": "codes",
    "apply_changes": "content",
    "canonical_json": "content",
    "derive_id": "content",
    "normalised_changes": "content",
}
_ANNOUNCEMENTS = (
    "SCHEMAS",
    "Announcement",
    "Correction",
    "Retraction",
    "Source",
    "apply_correction",
    "json_schema",
    "parse_announcement",
    "parse_line",
    "with_id",
)
_WHERE.update(dict.fromkeys(_ANNOUNCEMENTS, "announcements"))

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
