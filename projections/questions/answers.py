"""What every question answers with (`Answer`, holding a typed record: `records`), and
`answering`, which makes a question say when recording began if it was asked about a moment
before that."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ..rules.state import Query

if TYPE_CHECKING:
    from mxt.events.regions import UserRegions

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


class Answer(Generic[T]):
    """A query's result (a record, or a list of records), and whether anything at all was
    known about its subject; `began` is when recording began, when the question's
    `known_at` is before it. (A plain class: every read command makes this type, and a
    dataclass costs start-up.)"""

    __slots__ = ("data", "known", "began")

    def __init__(self, data: T, known: bool, began: str | None = None) -> None:
        self.data = data
        self.known = known
        self.began = began


class Asked(Protocol):
    """What a question is asked of (a `ReadSide`): when recording began, and the moment a
    query's default `--known-at` stands for."""

    first_recorded: str | None

    def resolve(self, query: Query) -> Query: ...

    def user_regions(self, known_at: str) -> UserRegions: ...


def answering(question: F) -> F:
    """A question of the read side (a `ReadSide` method, or a function whose first argument is the
    read_side) asked at the moment its query stands for (`ReadSide.resolve`: the default
    `--known-at` is everything recorded), whose answer says when recording began if the
    query's `known_at` is before that (so an empty answer explains itself). The rules inside
    it read regions of one's own as they were known at the query's `known_at`."""

    @wraps(question)
    def ask(read_side: Asked, *args: Any, **kwargs: Any) -> Any:
        args = tuple(read_side.resolve(a) if isinstance(a, Query) else a for a in args)
        kwargs = {k: read_side.resolve(v) if isinstance(v, Query) else v for k, v in kwargs.items()}
        query = next(a for a in (*args, *kwargs.values()) if isinstance(a, Query))
        from mxt.events.regions import regions_in_force

        with regions_in_force(read_side.user_regions(query.known_at)), collecting_after():
            answer = question(read_side, *args, **kwargs)
        if read_side.first_recorded is not None and query.known_at < read_side.first_recorded:
            answer.began = read_side.first_recorded
        return answer

    return ask  # type: ignore[return-value]


@contextmanager
def collecting_after() -> Iterator[None]:
    """Python's collector of reference cycles paused while the block runs (unless it was
    paused already), then resumed. A question makes thousands of rows and records and frees
    them all when it ends, with hardly a cycle among them; a collection every few hundred
    of them, walking every object still alive, took a tenth to a fifth of `state market`'s
    time at 1M lines. What is freed by reference counting is freed as before; the few
    cycles wait for the next collection after the question."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
