"""The domain's errors. The CLI maps them to exit codes; nothing here knows of click."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""

    exit_code = 2


class UnknownAnnouncement(DomainError):
    """No announcement with this id has been recorded."""

    def __init__(self, announcement_id: str) -> None:
        self.announcement_id = announcement_id
        super().__init__(f"id: no announcement {announcement_id!r} is recorded")


class ConflictingAnnouncement(DomainError):
    """An id is recorded already, with other content."""

    def __init__(self, announcement_id: str) -> None:
        self.announcement_id = announcement_id
        super().__init__(
            f"id: {announcement_id!r} is recorded already with other content "
            "(use `mxt correct` to change it)"
        )


class InvalidCorrection(DomainError):
    """A correction that cannot apply (it would break the kind's schema, or it is empty)."""


class AlreadyRetracted(DomainError):
    """The announcement was retracted; it can be neither corrected nor retracted again."""

    def __init__(self, announcement_id: str) -> None:
        self.announcement_id = announcement_id
        super().__init__(f"id: announcement {announcement_id!r} is retracted")


class StoreUnavailable(DomainError):
    """The store cannot be opened or reached."""

    exit_code = 1


class StoreMissing(StoreUnavailable):
    """A read command or `verify` named a store that does not exist: nothing is created."""


class BadStoreLocation(DomainError):
    """A `--store` value that is neither a SQLite path nor a PostgreSQL URL (bad input)."""


class DamagedLog(DomainError):
    """The stored log cannot be read back as mxt wrote it."""

    exit_code = 1
