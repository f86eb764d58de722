"""Announcements as plain JSON objects: canonical spelling, derived ids, applied changes.

Nothing here builds a pydantic model, so the read side can use it without paying for them.
"""

from __future__ import annotations

import json
from typing import Any

from .digest import sha256
from .errors import InputError

# A JSON object, as the `json` module reads and writes it.
JsonObject = dict[str, Any]
# An announcement, or a part of one (its source, a claim, a correction's changes), as its
# JSON object: what the store keeps, `export` writes, the log lists and the rules read. The
# schemas (`events/schemas/`) check it on the way in; the read side reads it as it is.
Content = JsonObject


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys all differ. A key given twice is ambiguous (Python's json
    keeps the last value, other readers the first), so it is refused, named."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise InputError(key, "given twice in one object (which value is meant?)")
            seen.add(key)
    return found


# One decoder for every text (`json.loads` given a hook builds a new one each call, which
# cost an import of 100,000 lines a third of its JSON decoding).
_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)


def load_json(raw: bytes | str) -> Any:
    """One JSON text, its objects' keys all different (`_unique_keys`); nesting deeper than
    the parser can follow is bad input too. Other malformed JSON raises ValueError."""
    try:
        if isinstance(raw, bytes | bytearray):  # as `json.loads` reads bytes
            raw = raw.decode(json.detect_encoding(raw), "surrogatepass")
        return _DECODER.decode(raw)
    except RecursionError:
        raise InputError(None, "malformed JSON: nested too deeply") from None


def canonical_json(data: JsonObject) -> str:
    """One spelling of a JSON object: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def derive_id(content: Content) -> str:
    """The deterministic id of an announcement without one: a digest of its content.

    A duration in minutes is digested in its older spelling (`3min` as `3m`), so that a file
    written before `min` existed derives the ids it derived then.
    """
    body = {key: value for key, value in content.items() if key != "id"}
    within = body.get("within")
    if isinstance(within, str) and within.endswith("min"):
        body["within"] = within[: -len("in")]
    return "a-" + sha256(canonical_json(body).encode()).hexdigest()[:16]


def apply_changes(content: Content, changes: Content) -> Content:
    """`content` with already validated `changes` applied, without validating again."""
    corrected = dict(content)
    for field, value in changes.items():
        target = corrected
        *parents, leaf = field.split(".")
        for parent in parents:
            if not isinstance(target.get(parent), dict):
                raise InputError(field, "unknown field")
            target[parent] = dict(target[parent])
            target = target[parent]
        if value is None:
            target.pop(leaf, None)
        else:
            target[leaf] = value
    return corrected


def field_at(content: Content, dotted: str) -> Any:
    """The value of a (dotted: `source.url`) field of an announcement, None when absent."""
    value: Any = content
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def normalised_changes(corrected: Content, changes: Content) -> Content:
    """The changes as the corrected announcement spells them (`350k` -> 350000)."""
    return {field: field_at(corrected, field) for field in changes}
