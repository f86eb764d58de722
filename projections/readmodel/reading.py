"""A read of a store's read model: its stored tables when they answer for the log, else a
replay of the log into temporary tables that shadow them (`tables.shadow`), held for the
store's life. Reading never writes: a read model that is missing, of another version or
behind its log is left as it is, for the next writing command (or `mxt rebuild`) to store.
"""

from typing import Any, NamedTuple

from mxt.storage.store import Store

from . import tables
from .projector import Projector, refusing
from .view import LogSpan, View


class Reading(NamedTuple):
    """A store ready to be asked: its `view`, the log's `span` (checked for the cheap signs of
    damage), and why its stored read model could not answer (`replayed`; None: it answers)."""

    view: View
    span: LogSpan
    replayed: str | None


def open_reading(store: Store) -> Reading:
    """`store` made ready to be asked: the log's span read and checked, then the stored read
    model, or a replay of the log into temporary tables when it cannot answer."""
    found = tables.stored_version(store)
    view = View(store)
    with store.read() as cursor:
        span = view.log_span(cursor)
        span.check()
        replayed = _stale(store, cursor, found, span.last)
    if replayed is not None:
        _replay(store)
    return Reading(view, span, replayed)


def _stale(store: Store, cursor: Any, found: str | None, last: int) -> str | None:
    """Why the stored read model (of version `found`) cannot answer (None: it can)."""
    if found != tables.READ_MODEL_VERSION:
        return "its read model is of another mxt version" if found else "it has no read model"
    if Projector(store).in_step(cursor) < last:
        return "its read model is behind its log"
    return None


def _replay(store: Store) -> None:
    """Replays the log into temporary read-model tables, on one read transaction that every
    later question shares (`Store.hold`) until the store is closed."""
    cursor = store.hold()
    try:
        tables.shadow(cursor)
        Projector(store).replay(cursor, check=refusing("a read from a replay of the log"))
    except BaseException:
        store.release()  # a replay that fails ends its transaction at once
        raise
