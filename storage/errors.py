"""What the storage raises on purpose: typed, carrying their data. Nothing here names a
command: a `remedy` says what would help, and the CLI words it (`mxt.cli.errors`)."""

from __future__ import annotations

from typing import Literal, TypeAlias

# What helps, as the CLI words it: `verify` names what is damaged; `rebuild` makes the read
# model anew from the log; `create` is done by the commands that make a store;
# `list-watches` shows the watches saved; `add-watch-again` removes a watch and adds it anew.
Remedy: TypeAlias = Literal["verify", "rebuild", "create", "list-watches", "add-watch-again"]


class StorageError(Exception):
    """Base of every error the storage raises on purpose. `remedy`: what would help, if
    anything."""

    remedy: Remedy | None = None


class StoreUnavailable(StorageError):
    """The store cannot be opened or reached."""


class StoreMissing(StoreUnavailable):
    """A read or `verify` named a store that does not exist, or a place that holds no mxt
    log: nothing is created there."""

    remedy: Remedy | None = "create"


class NotAStore(StoreMissing):
    """The location holds something mxt must never write as a store: another program's
    tables (and no mxt log), a device, a pipe. Nothing was written."""

    remedy: Remedy | None = None


class BadStoreLocation(StorageError):
    """A `--store` value that is neither a SQLite path nor a PostgreSQL URL (bad input)."""


class BadSetting(StorageError):
    """An environment setting (`MXT_LOCK_TIMEOUT`, `MXT_CONNECT_TIMEOUT`) mxt cannot read
    (bad input)."""


class DamagedLog(StorageError):
    """The log, or the read model beside it, cannot be read back as mxt wrote it.

    `problem` says what is wrong, and where (`log: stored event #7 is not JSON`); `state`
    how, in a word (`damaged`, `deleted`; None when the problem says it); `refused_by` the
    work that will not go on with a damaged log (`copy`, `export`, …); `remedy` what helps.
    """

    def __init__(
        self,
        problem: str,
        *,
        state: str | None = "damaged",
        refused_by: str | None = None,
        remedy: Remedy | None = "verify",
    ) -> None:
        self.problem = problem
        self.state = state
        self.refused_by = refused_by
        self.remedy = remedy
        super().__init__(problem)

    @property
    def refusal(self) -> str:
        """The problem, and the work refusing to go on with it."""
        if self.refused_by is None:
            return self.problem
        return f"{self.problem}: {self.refused_by} refuses a damaged log"

    def __str__(self) -> str:
        return self.refusal + (f" ({self.state})" if self.state else "")

    def __reduce__(self) -> tuple[object, ...]:  # (a process apart hands it back pickled)
        return (_damaged_log, (self.problem, self.state, self.refused_by, self.remedy))


def _damaged_log(
    problem: str, state: str | None, refused_by: str | None, remedy: Remedy | None
) -> DamagedLog:
    return DamagedLog(problem, state=state, refused_by=refused_by, remedy=remedy)
