"""Recording announcements on the eventsourcing library: the log, its rules, its integrity."""

from .errors import (
    AlreadyRetracted,
    ConflictingAnnouncement,
    DamagedLog,
    DomainError,
    InvalidCorrection,
    StoreUnavailable,
    UnknownAnnouncement,
)
from .recording import ImportResult, correct, import_lines, record, retract
from .store import Store, default_store_path, format_timestamp

__all__ = [
    "AlreadyRetracted",
    "ConflictingAnnouncement",
    "DamagedLog",
    "DomainError",
    "ImportResult",
    "InvalidCorrection",
    "Store",
    "StoreUnavailable",
    "UnknownAnnouncement",
    "correct",
    "default_store_path",
    "format_timestamp",
    "import_lines",
    "record",
    "retract",
]
