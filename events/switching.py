"""A function that starts cheap and turns fast (`Switching`): for the digests and the JSON
decoding of the read side, whose faster implementations cost an import that only a process
making thousands of calls earns back."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


class Switching:
    """A function answering with `own` for a process's first `after` calls, then with the
    function `load` gives (importing `module`, a cost worth paying only for a process making
    many calls): the same answers, each faster. A process that has `module` already (another
    part of it paid for the import) takes `load`'s from the first call. `made` counts the
    calls before the switch; `fast` is `load`'s function once taken."""

    def __init__(
        self, own: Callable[[Any], Any], load: Callable[[], Any], module: str, after: int
    ) -> None:
        self.own = own
        self.load = load
        self.module = module
        self.after = after
        self.made = 0
        self.fast: Callable[[Any], Any] | None = None

    def __call__(self, value: Any) -> Any:
        fast = self.fast
        if fast is not None:
            return fast(value)
        self.made += 1
        if self.made <= self.after and self.module not in sys.modules:
            return self.own(value)
        fast = self.fast = self.load()
        return fast(value)
