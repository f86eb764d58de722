"""The announcement schemas, one module per kind (`launch` … `claim`), on a shared base.

`schema_of` imports the module of one kind only; what turns on an announcement's kind
(`parse_announcement`, `apply_correction`) lives here, above the kinds' modules and their
base. `mxt record KIND` defines no model at all: it validates with that kind's prebuilt core
schema (`validate_for_record`, `prebuilt_KIND.py`). `mxt.events.announcements` gathers every
kind, for the commands that read any kind of line (`import`, `correct`, `schema`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from mxt.events.content import Content, JsonObject, apply_changes, derive_id
from mxt.events.errors import InputError
from mxt.events.kinds import KIND_NAMES

if TYPE_CHECKING:
    from .base import Announcement

# What a correction cannot change.
FIXED_FIELDS = frozenset({"id", "kind", "recorded_at"})


def module_of(kind: str) -> str:
    """The module defining a kind's schema: `mxt.events.schemas.wait_time` for `wait-time`."""
    return f"{__name__}.{kind.replace('-', '_')}"


def schema_of(kind: str) -> type[Announcement]:
    """The pydantic model of one kind (a name of `KIND_NAMES`), its module imported on first use."""
    if kind not in KIND_NAMES:
        raise KeyError(kind)
    schema: type[Announcement] = import_module(module_of(kind)).SCHEMA
    return schema


def parse_announcement(data: JsonObject) -> Announcement:
    """Validates one announcement given as a dict with a `kind` (only that kind's schema is
    built)."""
    from .base import validated
    from .checks import kind_of

    return validated(schema_of(kind_of(data)), data)


def apply_correction(content: Content, changes: Content) -> Content:
    """The announcement with `changes` applied and re-validated against its kind.

    A key `source.url` changes one field of the source; a value of None removes an
    optional field.
    """
    for field in changes:
        if field in FIXED_FIELDS:
            raise InputError(field, "cannot be corrected")
    return parse_announcement(apply_changes(content, changes)).dump()


def validate_for_record(data: JsonObject) -> Content:
    """One announcement given as a dict with a `kind`, validated as its kind's model validates
    it, in its stored form (`base.with_id`: the model's JSON form, its id filled in).

    Without defining the model: pydantic_core runs the core schema pydantic builds from it,
    prebuilt (`prebuilt_KIND.py`, written by `python -m mxt.events.schemas.prebuild`). Bad input is
    the same one `InputError` naming the field as `parse_announcement` raises. Under a
    pydantic-core other than the one they were written for, the models validate instead.
    """
    from pydantic_core import SchemaSerializer, SchemaValidator, ValidationError, __version__

    from .checks import describe, kind_of, stored_order
    from .prebuilt import PYDANTIC_CORE

    kind = kind_of(data)
    try:
        if __version__ != PYDANTIC_CORE:  # (another schema format: the model, as the import)
            content = schema_of(kind).model_validate(data).dump()
        else:
            module = import_module(f"{__name__}.prebuilt_{kind.replace('-', '_')}")
            schema = module.core_schema()
            checked = SchemaValidator(schema).validate_python(data)
            dumped = SchemaSerializer(schema).to_python(
                checked, mode="json", by_alias=True, exclude_none=True
            )
            content = stored_order(dumped, getattr(checked, "count_field", None))
    except ValidationError as error:  # (one kind's schema: no union tag before its fields)
        raise describe(error, tagged=False) from None
    if "id" not in content:
        content = {"id": derive_id(content), **content}
    return content
