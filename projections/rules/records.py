"""Answers as records, and the one way they are written as JSON.

An answer is made of records: `NamedTuple`s whose fields, in order, are its JSON keys (a
trailing `_` dropped: `except_` is `except`). `record` says more of one: `hidden`, fields
never written (what a rule keeps for `diff` or `show`); `flat`, that it is written into the
object holding it rather than as an object of its own (a scope's `markets` and `except`, a
slot's value beside the fields naming it). A record whose keys depend on its data writes
them itself (`json_items()`).

`to_json` is the one walk every output format starts from (the tables and the report read
the records themselves); `flatten` and `cell` are how the terminal's tables and the report's
show a value; `located` finds, in an answer, the records showing one announcement (`mxt
show`'s supports).

Records are `NamedTuple`s whose annotations are evaluated (their modules have no `from
__future__ import annotations`): typing compiles each annotation given as text, which would
cost every read command a few milliseconds.
"""

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple, TypeVar

from mxt.events.content import JsonObject
from mxt.events.invisible import printable

R = TypeVar("R", bound=type)


def record(*, hidden: tuple[str, ...] = (), flat: bool = False) -> Callable[[R], R]:
    """Marks a record's `hidden` fields, or the record as `flat` (see the module)."""

    def mark(cls: R) -> R:
        cls._hidden = hidden  # type: ignore[attr-defined]
        cls._flat = flat  # type: ignore[attr-defined]
        return cls

    return mark


def is_record(value: Any) -> bool:
    """Whether `value` is a record of an answer (a `NamedTuple`)."""
    return isinstance(value, tuple) and hasattr(value, "_fields")


def is_flat(value: Any) -> bool:
    """Whether `value` is a record written into the object holding it."""
    return getattr(type(value), "_flat", False) and is_record(value)


# Per record class, the (index, JSON name) of the fields it writes (None: it writes its own
# `json_items()`), worked out once.
_PLANS: dict[type, tuple[tuple[int, str], ...] | None] = {}


def _plan(cls: type) -> tuple[tuple[int, str], ...] | None:
    if cls not in _PLANS:
        hidden = getattr(cls, "_hidden", ())
        _PLANS[cls] = None if hasattr(cls, "json_items") else tuple(
            (index, name.rstrip("_"))
            for index, name in enumerate(cls._fields)  # type: ignore[attr-defined]
            if name not in hidden
        )  # fmt: skip
    return _PLANS[cls]


def items(record: Any) -> Iterator[tuple[str, Any]]:
    """A record's (JSON name, value) pairs, in order, before the values are written: its
    `json_items()`, or its fields less the hidden ones, each flat record's pairs in its
    place."""
    plan = _plan(type(record))
    if plan is None:
        yield from record.json_items()
        return
    for index, name in plan:
        value = record[index]
        if getattr(type(value), "_flat", False):
            yield from items(value)
        else:
            yield name, value


def to_json(value: Any) -> Any:
    """An answer as JSON values (dicts, lists, text, numbers, booleans, null): each record an
    object of its `items`, each tuple or list a list. (The plain types are told by their exact
    type first: a large answer holds tens of thousands of values.)"""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return [to_json(item) for item in value]
    if kind is dict:
        return {name: to_json(item) for name, item in value.items()}
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple):
        if hasattr(value, "_fields"):
            written: dict[str, Any] = {}
            _write_items(value, written)
            return written
        return [to_json(item) for item in value]
    if isinstance(value, list):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {name: to_json(item) for name, item in value.items()}
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _write_items(record: Any, written: dict[str, Any]) -> None:
    """`written` given each of a record's `items`, as JSON values, in order (a flat record's
    in its place)."""
    plan = _plan(type(record))
    if plan is None:
        for name, value in record.json_items():
            written[name] = to_json(value)
        return
    for index, name in plan:
        value = record[index]
        if type(value) in _PLAIN:
            written[name] = value
        elif getattr(type(value), "_flat", False):
            _write_items(value, written)
        else:
            written[name] = to_json(value)


def without_nulls(value: Any) -> Any:
    """A JSON value with its null fields left out, at every depth."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


# -- a value as a table shows it ----------------------------------------------------------


def flatten(row: Mapping[str, Any], prefix: str = "") -> JsonObject:
    """`{"source": {"title": t}}` as `{"source.title": t}`; lists are kept whole."""
    flat: JsonObject = {}
    for name, value in row.items():
        if isinstance(value, dict) and value:
            flat.update(flatten(value, f"{prefix}{name}."))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def cell(value: Any) -> str:
    """A JSON value as one cell of a table: `-` for nothing, `yes`/`no`, a list's items
    joined, a large count with thousands separators, text with what is unprintable escaped."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(cell(item) for item in value) or "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}"
    return printable(str(value))


# -- what an announcement supports ----------------------------------------------------------


class Support(NamedTuple):
    """A state value an announcement supports: where it is in an answer (`company Xiaomi.
    targets[2]`), and the value there: a state's without its null fields, a check's (the
    progress of a target, a claim's verdict) whole (`whole`)."""

    path: str
    value: Any
    whole: bool = False

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield "path", self.path
        value = to_json(self.value)
        yield "value", value if self.whole else without_nulls(value)


def record_id(record: Any) -> str | None:
    """The id of the announcement a record shows: its own `id`, or that of the value it
    holds flat (a slot's value beside the fields naming it)."""
    for name, value in zip(record._fields, record, strict=True):
        if name == "id":
            return value
        if is_flat(value) and "id" in value._fields:
            return value.id
    return None


def located(value: Any, ann_id: str, path: str) -> Iterator[Support]:
    """Every record of an answer that shows the announcement `ann_id`, with its path (`path`
    for `value` itself; then `.field`, `[index]` and `.key` as its JSON nests them), in the
    order its JSON lists them, a record before the records inside it."""
    if is_record(value):
        if record_id(value) == ann_id:
            yield Support(path, value)
        for name, item in items(value):
            if isinstance(item, tuple | list | dict):
                yield from located(item, ann_id, f"{path}.{name}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from located(item, ann_id, f"{path}[{index}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from located(item, ann_id, f"{path}.{key}")
