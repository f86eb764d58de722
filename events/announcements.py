"""The whole announcement vocabulary: every kind's model, and the interchange line that may
be any of them, a correction or a retraction.

Each kind is defined in its own module of `mxt.events.schemas` (what `mxt record KIND`
imports alone); this module gathers them for the commands that read lines of any kind
(`import`, `correct`, `retract`, `check`, `schema`).

An announcement's JSON form (``dump``) is what the store keeps and what ``mxt export``
writes: the fields as recorded, normalised (``350k`` becomes ``350000``), without nulls.
"""

from __future__ import annotations

import re
from contextlib import suppress
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter, ValidationError

from .content import JsonObject, load_json
from .errors import InputError
from .fields import Identifier, Name
from .kinds import KIND_NAMES
from .schemas import apply_correction, parse_announcement, schema_of
from .schemas.base import (
    CLAIM_TYPES,
    Announcement,
    Correction,
    Frozen,
    Retraction,
    Source,
    describe,
    with_id,
)
from .schemas.claim import Claim, ClaimObject
from .schemas.region import RegionLine

__all__ = [
    "CLAIM_TYPES",
    "SCHEMAS",
    "Announcement",
    "ClaimLine",
    "Correction",
    "RegionLine",
    "Retraction",
    "Source",
    "apply_correction",
    "describe",
    "json_schema",
    "parse_announcement",
    "parse_claim_line",
    "parse_json_line",
    "parse_line",
    "with_id",
]

# Every kind's schema (its pydantic model), by kind, in the order of the registry
# `events.kinds.KINDS` (a kind's schema is `events/schemas/<kind>.py`: `schema_of`).
SCHEMAS: dict[str, type[Announcement]] = {kind: schema_of(kind) for kind in KIND_NAMES}

# One line of the interchange format: an announcement of any kind, a correction, a
# retraction or a region's definition, told apart by `kind`.
InterchangeLine: Any = Annotated[
    Union[(*SCHEMAS.values(), Correction, Retraction, RegionLine)],  # noqa: UP007 (built from the registry)
    Field(discriminator="kind"),
]

_LINE_ADAPTER: TypeAdapter[Any] | None = None


def _line_adapter() -> TypeAdapter[Any]:
    global _LINE_ADAPTER
    if _LINE_ADAPTER is None:
        _LINE_ADAPTER = TypeAdapter(InterchangeLine)
    return _LINE_ADAPTER


# One line of the interchange format: an announcement, a correction, a retraction, or a
# region's definition.
Line = Announcement | Correction | Retraction | RegionLine


def parse_line(data: Any) -> Line:
    """Validates one interchange line (a decoded JSON object)."""
    if not isinstance(data, dict):
        raise InputError(None, "expected a JSON object")
    try:
        line: Line = _line_adapter().validate_python(data)
        return line
    except ValidationError as error:
        raise describe(error) from None


def parse_json_line(raw: bytes | str) -> Line:
    """Validates one interchange line as it is read (JSON text); a key given twice in one
    object is refused first (`load_json`).

    The text is parsed once, by `load_json`, and its objects validated (pydantic's own JSON
    parser would parse it a second time). A text `load_json` cannot read, or reads but JSON
    would not (`_UNLIKE_JSON`: a lone surrogate escape such as `\\ud800`, or `NaN`), and a
    line found bad, are validated from the text by pydantic's parser, whose report names
    what is wrong as JSON reads it (`Input should be an object`)."""
    try:
        data = load_json(raw)
    except InputError:
        raise
    except ValueError:
        data = None  # malformed: the schema's own parser names where
    if data is not None and not _unlike_json(raw):
        with suppress(ValidationError):
            parsed: Line = _line_adapter().validate_python(data)
            return parsed
    try:
        line: Line = _line_adapter().validate_json(raw)
        return line
    except ValidationError as error:
        first = error.errors()[0]
        if first["type"] == "json_invalid":
            raise InputError(None, f"malformed JSON: {first['msg']}") from None
        if not first["loc"] and first["type"] in ("dict_type", "model_type"):
            raise InputError(None, "expected a JSON object") from None
        raise describe(error) from None


# What Python's `json` reads but JSON (and pydantic's parser) does not: the escape of half a
# surrogate pair, and the constants NaN and ±Infinity.
_UNLIKE_JSON = re.compile(rb"\\u[dD][89a-fA-F]|NaN|Infinity")


def _unlike_json(raw: bytes | str) -> bool:
    """Whether the line may hold what only Python's `json` reads (`_UNLIKE_JSON`); a few
    searches of the bytes, most lines being plain."""
    text = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
    return (b"\\u" in text or b"NaN" in text or b"Infinity" in text) and bool(
        _UNLIKE_JSON.search(text)
    )


class ClaimLine(Frozen):
    """A line of a file given to `mxt check`: a claim about a company, recorded nowhere
    (a whole `claim` announcement is accepted too)."""

    id: Identifier | None = None
    company: Name
    claim: ClaimObject


def parse_claim_line(raw: bytes | str) -> ClaimLine:
    """Validates one line of a claims file: `{company, claim, id?}` or a claim announcement."""
    try:
        data = load_json(raw)
    except InputError:
        raise
    except ValueError as error:
        raise InputError(None, f"malformed JSON: {error}") from None
    if not isinstance(data, dict):
        raise InputError(None, "expected a JSON object")
    if "kind" in data:
        line = parse_line(data)
        if not isinstance(line, Claim):
            raise InputError("kind", f"{data['kind']!r} is not a claim")
        return ClaimLine(id=with_id(line)["id"], company=line.company, claim=line.claim)
    try:
        return ClaimLine.model_validate(data)
    except ValidationError as error:
        raise describe(error, tagged=False) from None


def json_schema() -> JsonObject:
    """The JSON Schema of one interchange line: an announcement, a correction, a retraction
    or a region's definition."""
    schema = _line_adapter().json_schema(mode="validation")
    schema["title"] = "mxt announcement interchange line (JSON Lines)"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
