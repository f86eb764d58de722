"""The rules of recording announcements and of the log's integrity: the announcement
aggregate and its events, what each line appends (or why it is refused), the write verbs, and
what the hash chain says about the log. (Where the log lives: `mxt.storage`.)

Names are loaded on first use, so that importing `mxt.domain.errors` (as every command does)
does not build the announcement models.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "AlreadyRetracted": "errors",
    "ConflictingAnnouncement": "errors",
    "DamagedLog": "errors",
    "DomainError": "errors",
    "InvalidCorrection": "errors",
    "StoreUnavailable": "errors",
    "UnknownAnnouncement": "errors",
    "ImportResult": "recording",
    "correct": "recording",
    "import_lines": "recording",
    "load": "recording",
    "record": "recording",
    "retract": "recording",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
