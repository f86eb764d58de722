"""The announcement schemas, one module per kind (`launch` … `claim`), on a shared base.

`schema_of` imports the module of one kind only: `mxt record KIND` defines and builds that
kind's model and no other. `mxt.events.announcements` gathers every kind, for the commands
that read any kind of line (`import`, `correct`, `schema`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from mxt.events.kinds import KIND_NAMES

if TYPE_CHECKING:
    from .base import Announcement


def module_of(kind: str) -> str:
    """The module defining a kind's schema: `mxt.events.schemas.wait_time` for `wait-time`."""
    return f"{__name__}.{kind.replace('-', '_')}"


def schema_of(kind: str) -> type[Announcement]:
    """The pydantic model of one kind (a name of `KIND_NAMES`), its module imported on first use."""
    if kind not in KIND_NAMES:
        raise KeyError(kind)
    schema: type[Announcement] = import_module(module_of(kind)).SCHEMA
    return schema
