"""The composition root: the one place a store is opened, and its read side wired to it.

The write side (`mxt.domain`) knows nothing of read models: a store runs the processors
subscribed to it inside each write transaction. Here, and only here, the projector is
subscribed, so that every event a command appends updates the read model in the same
transaction. Reading subscribes nothing and writes nothing (`ReadSide`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal, TypeAlias

from mxt.storage.store import Store

from .readmodel.projector import Projector

if TYPE_CHECKING:
    from .questions.read_side import ReadSide

# What the store is opened for, by what the command does to the log:
#   "read":    nothing appended; the store must exist (nothing is created, not even a folder)
#              and nothing is subscribed;
#   "write":   events appended to an existing store, the read side subscribed;
#   "create":  as "write", and a store that does not exist is made (`record`, `import`);
#   "scratch": events appended and thrown away (an import's dry run rolls back): the store
#              must hold an mxt log (nothing is made, the file is left byte for byte as it
#              was), nothing subscribed;
#   "blank":   a new store made for scratch use (a dry run's stand-in), nothing subscribed.
Mode: TypeAlias = Literal["read", "write", "create", "scratch", "blank"]

Location: TypeAlias = str | os.PathLike[str] | None


def open_store(location: Location, mode: Mode) -> Store:
    """The store at `location` (None: the default one), opened for `mode`; with "write" and
    "create" its read model's tables are made or upgraded first (`Projector.prepare`), then
    the projector subscribed."""
    store = Store(location, create=mode in ("create", "blank"), scratch=mode == "scratch")
    if mode in ("read", "scratch", "blank"):
        return store
    try:
        projector = Projector(store)
        projector.prepare()
        store.subscribe(projector.process)
    except BaseException:
        store.close()
        raise
    return store


def open_read_side(location: Location) -> ReadSide:
    """The store opened for reading, and the questions it answers (`ReadSide`): from its read
    model, or, when that is missing, of another version or behind the log, from a replay of
    the log into temporary tables. Nothing is created or written."""
    from .questions.read_side import ReadSide  # loaded only by the commands that ask

    store = open_store(location, "read")
    try:
        return ReadSide(store)
    except BaseException:
        store.close()
        raise
