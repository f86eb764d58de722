"""The one error of the vocabulary: bad input, said in one line naming the field."""

from __future__ import annotations

from typing import Any


class InputError(ValueError):
    """Bad input, described in one line naming the field (and the line of a file)."""

    def __init__(self, field: str | None, message: str, line: int | str | None = None) -> None:
        self.field = field
        self.message = message
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.line is None:
            return text
        where = f"line {self.line}" if isinstance(self.line, int) else self.line
        return f"{where}: {text}"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as made (a line parsed in another process raises it here: `made_forked`)."""
        return type(self), (self.field, self.message, self.line)

    def at_line(self, line: int | str | None) -> InputError:
        """The same error, placed on a line of an input file: its number, or a label such as
        `b.jsonl line 3`."""
        return InputError(self.field, self.message, line)
