"""The schemas' own checks that span fields (a range's top, a launch before its announcement,
a streak within the calendar, …), the ordering of an announcement's stored form, and the
one-line report of a failed validation. Plain functions, without pydantic: the models
(`events/schemas/`) declare them as their validators, and the prebuilt validators of
`mxt record` (`prebuilt.py`) call the same functions without defining any model.

A model-level check takes the validated announcement (or claim) as `checked`: a model
instance, or the plain object a prebuilt validator makes; either has the fields as
attributes and the model's class variables (`count_field`).
"""

from __future__ import annotations

from typing import Any

from pydantic_core import ValidationError

from mxt.events.checks import split_bound
from mxt.events.codes import FIRST_MONTH, month_index, month_of_index
from mxt.events.content import Content, JsonObject, load_json
from mxt.events.dates import parse_day_or_period
from mxt.events.errors import InputError
from mxt.events.kinds import KIND_NAMES

CLAIM_TYPES = ("streak", "total", "target", "launched", "compare")
# The interchange lines that are no announcement: they change the log's history or its words.
OTHER_LINES = ("correction", "retraction", "region")
# The fields of an announcement's `source` (`base.Source`; a test holds them equal).
SOURCE_FIELDS = ("title", "url", "publisher", "quote")
# A bounded kind's fields that follow its count in the stored form.
BOUNDED_TAIL = ("bound", "high", "markets", "except")


def kind_of(data: JsonObject) -> str:
    """The kind an announcement given as a dict names, one of `KIND_NAMES`."""
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KIND_NAMES:
        if kind is None:
            raise InputError("kind", "missing")
        raise InputError("kind", f"unknown kind {kind!r} (one of: {', '.join(KIND_NAMES)})")
    return kind


def spelled_bound(cls: Any, data: Any) -> Any:
    """A bounded kind's count written with its bound (`200k+`, `~28k`, `38.5k-39.5k`), split
    into the count, `bound` and `high`; `bound: exact` (the default) is dropped."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    split_spelling(data, cls.count_field, "bound", "high")
    if data.get("bound") == "exact":
        del data["bound"]
    return data


def check_range(checked: Any) -> Any:
    """A bounded kind's `high` goes with a range (`bound: range`), and a range has it."""
    check_high(getattr(checked, checked.count_field), checked.bound, checked.high, "high")
    return checked


def split_spelling(data: JsonObject, field: str, bound_field: str, high_field: str) -> None:
    """Moves a bound written into a count (`200k+`) to its own fields, in place."""
    count, bound, high = split_bound(data.get(field))
    if bound is None:
        return
    given = data.get(bound_field)
    if given not in (None, bound):
        raise ValueError(f"{field}: {data[field]!r} is {bound}, but {bound_field} is {given!r}")
    if high is not None and data.get(high_field) not in (None, high):
        raise ValueError(f"{field}: {data[field]!r} is a range, but {high_field} is also given")
    data[field] = count
    data[bound_field] = bound
    if high is not None:
        data[high_field] = high


def check_high(value: int, bound: str | None, high: int | None, high_field: str) -> None:
    """Refuses a range without its top (or with a top below `value`), and a top without a
    range."""
    if bound == "range":
        if high is None:
            raise ValueError(f"{high_field}: missing (a range needs its top)")
        if high < value:
            raise ValueError(f"{high_field}: must be >= the range's low end {value}")
    elif high is not None:
        raise ValueError(f"{high_field}: only a range (bound: range) has a top")


def spelled_previous(cls: Any, data: Any) -> Any:
    """A target's `previous` written as a range (`300k-320k`) split into `previous` and
    `previous_high`; any other bound is refused."""
    if isinstance(data, dict) and isinstance(data.get("previous"), str):
        count, bound, high = split_bound(data["previous"])
        if bound not in (None, "range"):
            raise ValueError(f"previous: {data['previous']!r}: only a value or a range")
        if bound == "range":
            data = {**data, "previous": count, "previous_high": high}
    return data


def check_previous(checked: Any) -> Any:
    """A target's `previous_high` is the top of a range whose low end `previous` is given."""
    if checked.previous_high is not None:
        if checked.previous is None:
            raise ValueError("previous: missing (previous_high is the top of its range)")
        check_high(checked.previous, "range", checked.previous_high, "previous_high")
    return checked


def happened_by_its_announcement(checked: Any) -> Any:
    """A launch that happened (`status: launched`) began by the day it was announced."""
    if checked.status == "launched" and checked.launched_on is not None:
        said = parse_day_or_period(checked.launched_on)
        if said.first > checked.announced_on:
            raise ValueError(
                f"launched_on: {said.text} is after announced_on {checked.announced_on} "
                "(a launch still to come is status planned)"
            )
    return checked


def one_country(code: str) -> str:
    """A factory stands in one country, never in a region."""
    from mxt.events.regions import is_region

    if is_region(code) or len(code) != 2:
        raise ValueError(f"{code!r} is a region; a factory stands in one country (ISO 3166-1)")
    return code


def within_the_calendar(checked: Any) -> Any:
    """Every month a streak claim reads (with `exact`, the month before the streak too) is a
    month of the calendar: none before 0001-01."""
    first = month_index(checked.ending) - checked.months + 1 - (1 if checked.exact else 0)
    if first < FIRST_MONTH:
        raise ValueError(
            f"{checked.months} months ending {checked.ending}"
            f"{' and the month before' if checked.exact else ''} reach before 0001-01 "
            f"({month_of_index(first)})"
        )
    return checked


def decode_claim(value: Any) -> Any:
    """A claim object given as JSON text (`mxt record claim --claim '{...}'`) is decoded."""
    if isinstance(value, str):
        try:
            return load_json(value)
        except InputError as error:  # pydantic gives this one no place: name the claim
            raise ValueError(f"claim: {error.describe()}") from None
        except ValueError:
            raise ValueError("expected a JSON object") from None
    return value


def stored_order(content: Content, count_field: str | None = None) -> Content:
    """An announcement's JSON form in the order it is kept: `id` and `kind` first; for a
    bounded kind (its `count_field` given), the bound and scope right after the count."""
    head: Content = {key: content.pop(key) for key in ("id", "kind") if key in content}
    content = {**head, **content}
    if count_field is None:
        return content
    tail = {name: content.pop(name) for name in BOUNDED_TAIL if name in content}
    ordered: Content = {}
    for name, value in content.items():
        ordered[name] = value
        if name == count_field:
            ordered.update(tail)
    return {**ordered, **tail}


def describe(error: ValidationError, tagged: bool = True) -> InputError:
    """Turns pydantic's report into one line naming the first bad field.

    An unknown field is named before anything else: a typo (`anounced_on`) also makes the
    field it misspells missing, and the typo is what the user has to fix.
    """
    errors = error.errors()
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = [str(part) for part in first["loc"]]
    # Drop the union tag pydantic puts in front ("launch.count" -> "count").
    if tagged and loc and (loc[0] in KIND_NAMES or loc[0] in OTHER_LINES):
        loc = loc[1:]
    if len(loc) > 1 and loc[0] == "claim" and loc[1] in CLAIM_TYPES:
        loc = [loc[0], *loc[2:]]  # and the claim's own union tag ("claim.streak.months")
    field = ".".join(loc) or None
    kind = first["type"]
    message = first["msg"]
    if kind == "extra_forbidden":
        if field == "recorded_at":
            message = "is set by the store, never by input"
        elif field in SOURCE_FIELDS and field != "title":
            message = f"unknown field (did you mean `source.{field}`?)"
        else:
            message = "unknown field"
    elif kind == "missing":
        message = "missing"
    elif (
        kind in ("string_too_short", "too_short")
        and (first.get("ctx") or {}).get("min_length") == 1
    ):
        message = "must not be empty"
    elif kind in ("too_long", "string_too_long") and isinstance(first["input"], str):
        context = first.get("ctx") or {}
        length = context.get("actual_length") or len(first["input"])  # after NFKC, trimming
        message = f"at most {context.get('max_length'):,} characters (this one has {length:,})"
    elif kind in ("union_tag_invalid", "union_tag_not_found") and field:
        field += ".type"  # a nested union: the claim object's `type`
        message = f"missing or not one of: {', '.join(CLAIM_TYPES)}"
    elif kind == "union_tag_invalid":
        field = "kind"
        tag = (first.get("ctx") or {}).get("tag")
        message = f"unknown kind {tag!r}" if tag is not None else "unknown kind"
        message += f" (one of: {', '.join((*KIND_NAMES, *OTHER_LINES))})"
    elif kind == "union_tag_not_found":
        field = "kind"
        message = "missing"
    elif message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return InputError(field, message)
