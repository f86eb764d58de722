"""One change of `mxt diff` (`Change`): what changed (an area: a kind, a market status, a
target's pace or a claim's verdict), whose, about what, from what to what, and the
announcement behind it; and a slot's value as an answer holds it, as `diff` compares them
(`Held`). (Records' annotations are evaluated here, as in `state`.)"""

from collections.abc import Iterator
from typing import Any, NamedTuple

from .evidence import SlotKey


class Held(NamedTuple):
    """A slot's value as an answer holds it, for `diff` to compare two answers slot by slot:
    the slot, the fields naming it in the answer (in order), its value, bound and a range's
    top (None: nothing there), the announcement it comes from, and for a plan or a launch
    market its status (`announced`, `overdue`, `paused`, `fulfilled`…)."""

    slot: SlotKey
    subject: tuple[tuple[str, Any], ...]
    value: Any
    bound: str | None
    high: int | None
    id: str | None
    status: str | None = None


class Change(NamedTuple):
    """A change between two as-of dates: its `area`, the company, the fields naming its
    subject (`model`, `market`, `metric`, `period`, `stage`…, in order), the value before and
    after, the id of the announcement behind it (the new fact; for something that stopped,
    the fact that stopped) and that announcement's day; a count's bounds and a range's tops
    before and after; a plan's or a launch market's status before and after (a plan that
    slipped keeps its status and moves its date; one that fell overdue keeps its date);
    `about`, the subject in a few words (the table's)."""

    area: str
    company: str
    subject: tuple[tuple[str, Any], ...]
    from_: Any
    to: Any
    id: str | None
    bounds: tuple[str | None, str | None] | None = None  # (before, after), for a count
    announced_on: str | None = None
    about: str = ""
    highs: tuple[int | None, int | None] | None = None  # (before, after), for a count
    statuses: tuple[str | None, str | None] | None = None  # (before, after), for a plan

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield "area", self.area
        yield "company", self.company
        yield from self.subject
        yield from (("from", self.from_), ("to", self.to))
        if self.statuses is not None:
            yield "from_status", self.statuses[0]
            yield "to_status", self.statuses[1]
        yield "id", self.id
        if self.bounds is not None:
            yield "from_bound", self.bounds[0]
            yield "to_bound", self.bounds[1]
            highs = self.highs or (None, None)
            yield "from_high", highs[0]
            yield "to_high", highs[1]
        yield "announced_on", self.announced_on

    def named(self, name: str) -> Any:
        """A field of the subject (None when it has none of that name)."""
        return dict(self.subject).get(name)

    def sort_key(self) -> tuple[str, ...]:
        """Changes in order: by the day of the announcement behind each, then area, company,
        model, market (and the rest of the subject)."""
        subject = ("model", "market", "metric", "period", "stage", "site", "phase")
        return (
            self.announced_on or "",
            self.area,
            str(self.company).casefold(),
            *(str(self.named(name) or "").casefold() for name in subject),
            str(self.id or "").casefold(),
        )
