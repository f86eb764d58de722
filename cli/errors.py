"""What each error means at the terminal: the one place exit codes are decided, and the one
place an error's way out is worded with a command or an option.

0 success; 1 an operational failure (the store missing, unreachable, read-only, full or
damaged); 2 bad input (a one-line message naming the field, nothing written).
"""

from __future__ import annotations

from typing import TypeAlias

from mxt.domain.errors import DomainError
from mxt.events.errors import InputError
from mxt.storage.errors import DamagedLog, StorageError, StoreUnavailable

OPERATIONAL = 1
BAD_INPUT = 2

# The first class an error is an instance of gives its code: the more specific first.
EXIT_CODES: tuple[tuple[type[Exception], int], ...] = (
    (StoreUnavailable, OPERATIONAL),
    (DamagedLog, OPERATIONAL),
    (StorageError, BAD_INPUT),
    (DomainError, BAD_INPUT),
    (InputError, BAD_INPUT),
)

# What helps (an error's `remedy`), in the commands that do it.
REMEDIES = {
    "verify": "mxt verify names the damage",
    "rebuild": "run mxt rebuild",
    "create": "only record, import and region define create one",
    "correct": "use `mxt correct` to change it",
    "list-watches": "mxt watch list shows them",
    "add-watch-again": "mxt watch remove it, then add it again to start from now",
}
# The work that refuses a damaged log unless an option says to go on (`rebuild --force`).
OVERRIDES = {"rebuild": "--force"}

Error: TypeAlias = DomainError | StorageError | InputError


def exit_code(error: Error) -> int:
    """The exit code of a domain, storage or input error."""
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


def worded(error: Error) -> str:
    """An error's message as the terminal shows it: its own words, then what helps."""
    remedy = REMEDIES.get(getattr(error, "remedy", None) or "")
    if not isinstance(error, DamagedLog):
        return f"{error} ({remedy})" if remedy else str(error)
    text = error.refusal
    if error.refused_by in OVERRIDES:
        text += f" unless {OVERRIDES[error.refused_by]}"
    said = "; ".join(part for part in (error.state, remedy) if part)
    return f"{text} ({said})" if said else text
