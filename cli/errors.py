"""Which exit code each error class means: the one place exit codes are decided.

0 success; 1 an operational failure (the store missing, unreachable, read-only, full or
damaged); 2 bad input (a one-line message naming the field, nothing written).
"""

from __future__ import annotations

from mxt.domain.errors import DamagedLog, DomainError, StoreUnavailable
from mxt.events.errors import InputError

OPERATIONAL = 1
BAD_INPUT = 2

# The first class an error is an instance of gives its code: the more specific first.
EXIT_CODES: tuple[tuple[type[Exception], int], ...] = (
    (StoreUnavailable, OPERATIONAL),
    (DamagedLog, OPERATIONAL),
    (DomainError, BAD_INPUT),
    (InputError, BAD_INPUT),
)


def exit_code(error: DomainError | InputError) -> int:
    """The exit code of a domain or input error."""
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))
