"""Termination by a signal (SIGTERM from `kill` or a service manager, SIGHUP when the
terminal closes) that still lets a command take back what it half made: a temporary page,
a store a failed `copy` began."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Terminated(BaseException):
    """A signal that ends the process arrived: raised where the process was, so that the
    `finally` and `except BaseException` blocks on the way out run."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by signal {signum}")
        self.signum = signum


def _raise_terminated(signum: int, _frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def cleaning_up_on_termination() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP raise `Terminated`, so that its clean-up runs;
    then the process ends by that same signal, as it would have without the block (its
    parent sees the signal, not an exit code). Outside the main thread it changes nothing
    (Python delivers signals to the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _raise_terminated) for number in ENDING_SIGNALS}
    try:
        yield
    except Terminated as ended:
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.signal(ended.signum, signal.SIG_DFL)
        os.kill(os.getpid(), ended.signum)
        raise  # only if the signal was blocked
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
