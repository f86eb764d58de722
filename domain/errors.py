"""The domain's errors: typed, carrying their data (the id, the input line). The CLI maps
their classes to exit codes and words what helps (`remedy`: `mxt.cli.errors`); nothing here
knows of click, commands or exit codes. (The store's own errors: `mxt.storage.errors`.)"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on purpose. `line`: where in the input the
    error is (a line number, or a label such as `b.jsonl line 3`), when it is about one."""

    line: int | str | None = None
    remedy: str | None = None  # what helps, if anything (the CLI words it)

    def at_line(self, line: int | str) -> DomainError:
        """This error, placed on a line of the input (its message then begins `line 7:`)."""
        self.line = line
        return self

    def __str__(self) -> str:
        text = super().__str__()
        if self.line is None:
            return text
        where = f"line {self.line}" if isinstance(self.line, int) else self.line
        return f"{where}: {text}"


class UnknownAnnouncement(DomainError):
    """No announcement with this id has been recorded."""

    def __init__(self, announcement_id: str) -> None:
        self.announcement_id = announcement_id
        super().__init__(f"id: no announcement {announcement_id!r} is recorded")


class ConflictingAnnouncement(DomainError):
    """An id is recorded already, with other content: a correction changes it."""

    remedy = "correct"

    def __init__(self, announcement_id: str) -> None:
        self.announcement_id = announcement_id
        super().__init__(f"id: {announcement_id!r} is recorded already with other content")


class InvalidCorrection(DomainError):
    """A correction that cannot apply (it would break the kind's schema, or it is empty)."""


class InvalidRegion(DomainError):
    """A region's definition the log cannot take: it names a region that is not defined, or
    it would contain itself through another region."""


class AlreadyRetracted(DomainError):
    """The announcement was retracted; it can be neither corrected nor retracted again."""

    def __init__(self, announcement_id: str) -> None:
        self.announcement_id = announcement_id
        super().__init__(f"id: announcement {announcement_id!r} is retracted")
