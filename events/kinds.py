"""What each kind means to the read side, in one place, without pydantic.

For every kind: the field that carries its value (and whether that value is a count with a
bound), its *slot* (what a later announcement of the kind replaces: docs/concepts.md), whether it
has a scope (`markets`/`except`), and the market fields it names. The read model, the rules,
`diff`, `show` and `conflicts` read these tables instead of switching on kind strings.

Also here: the spellings that old stores still hold (`within: 3m` meant minutes) and the
function that reads them in today's spelling (`upcast`).
"""

from __future__ import annotations

import math
import re
from typing import Any

# Every announcement kind, in the order the schemas declare them (a test holds the two equal).
KIND_NAMES = (
    "launch", "orders", "wait-time", "target", "deliveries", "factory", "policy", "showcase",
    "expected-entry", "statement", "claim",
)  # fmt: skip
# confirmed > reported > expected: a lower number is stronger evidence.
RANK = {"confirmed": 0, "reported": 1, "expected": 2}
CERTAINTIES = tuple(RANK)
BOUNDS = ("exact", "at-least", "at-most", "about", "range")

# The field holding each kind's value; counts (with a bound) are marked.
VALUE_FIELD = {
    "launch": "launched_on",
    "orders": "count",
    "wait-time": "max_months",
    "target": "value",
    "deliveries": "units",
    "factory": "status",
    "expected-entry": "expected",
}
COUNT_KINDS = frozenset({"orders", "target", "deliveries"})
SCOPED_KINDS = COUNT_KINDS
# Kinds whose `market` field names one market.
MARKET_KINDS = ("launch", "showcase", "expected-entry", "statement")
# Kinds with slots (policies, showcases and statements do not replace each other).
SLOT_FIELDS: dict[str, tuple[str, ...]] = {
    "target": ("metric", "period"),
    "deliveries": ("metric", "period"),
    "orders": ("stage",),
    "wait-time": ("trim",),
    "launch": ("market",),
    "factory": ("site", "phase"),
    "expected-entry": ("market",),
}
# Kinds whose slot names a model (deliveries and expected entries: a model's, or without one the
# company's own).
MODEL_SLOT_KINDS = frozenset({"launch", "orders", "wait-time", "deliveries", "expected-entry"})
NAME_FIELDS = frozenset({"site", "trim"})
DEFAULTS = {("deliveries", "metric"): "deliveries"}


def rank(content: dict[str, Any]) -> int:
    """How strong an announcement's evidence is: 0 confirmed, 1 reported, 2 expected."""
    return RANK.get(content.get("certainty") or "confirmed", 0)


def field_value(content: dict[str, Any], name: str) -> Any:
    """A slot field as the slot compares it (defaults filled in)."""
    value = content.get(name)
    if value is None:
        value = DEFAULTS.get((content["kind"], name))
    return value


def scope(content: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(markets, except) of a scoped announcement, sorted; absent markets mean every one."""
    markets = tuple(sorted(content.get("markets") or ("*",)))
    excepted = tuple(sorted(content.get("except") or ()))
    return markets, excepted


def subject_of(content: dict[str, Any]) -> str:
    """What a later announcement of the same kind (and company and model) replaces, as text.

    Kinds without slots (policies, showcases, statements) get a subject that groups alike
    announcements for lookups; each of those still stands on its own.
    """
    kind = content["kind"]
    names = SLOT_FIELDS.get(kind)
    if names is not None:
        parts = [_spelled(name, field_value(content, name)) for name in names]
        if kind in SCOPED_KINDS:
            markets, excepted = scope(content)
            if markets != ("*",) or excepted:
                parts.append(",".join(markets) + "-" + ",".join(excepted))
        return "|".join(parts)
    if kind == "policy":
        markets, excepted = scope(content)
        return "|".join((",".join(markets), ",".join(excepted)))
    if kind == "showcase":
        return str(content.get("market") or "")
    return str(content.get("topic", ""))


def policy_markets(subject: str) -> set[str]:
    """The markets a policy's subject (`subject_of`: `markets|except`) lists (`*`: every one)."""
    return set(subject.split("|")[0].split(","))


# Every field `subject_of` reads besides `kind`: handed these alone, it answers the same (the
# rebuild in SQL extracts just these from a stored event).
SUBJECT_FIELDS = tuple(
    dict.fromkeys([*(name for names in SLOT_FIELDS.values() for name in names),
                   "markets", "except", "market", "topic"])
)  # fmt: skip


def _spelled(name: str, value: Any) -> str:
    """A slot field as text; names (a site, a trim) match case-insensitively."""
    if value is None:
        return ""
    if name in NAME_FIELDS:
        return " ".join(str(value).split()).casefold()
    return str(value)


# -- values and their bounds -----------------------------------------------------------------


def bounded(content: dict[str, Any]) -> tuple[Any, str, int | None]:
    """(value, bound, high) of an announcement's value; `high` only for a range."""
    kind = content["kind"]
    value = content.get(VALUE_FIELD.get(kind, ""))
    if kind == "launch" and value is None:
        value = content["announced_on"]
    if kind not in COUNT_KINDS:
        return value, "exact", None
    bound = content.get("bound") or "exact"
    return value, bound, content.get("high") if bound == "range" else None


def value_range(value: Any, bound: str = "exact", high: Any = None) -> tuple[float, float]:
    """The interval a count stands for (docs/concepts.md, "Rank"): exact v is [v, v], at-least v is
    [v, inf), at-most v is [0, v], about v is [0.95 v, 1.05 v], a range is [v, high]."""
    if bound == "at-least":
        return float(value), math.inf
    if bound == "at-most":
        return 0.0, float(value)
    if bound == "about":
        return 0.95 * value, 1.05 * value
    if bound == "range" and high is not None:
        return float(value), float(high)
    return float(value), float(value)


def agree(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """True when two announcements of one slot agree: their values' ranges meet (a count), or
    their values are equal (anything else)."""
    value, bound, high = bounded(first)
    other, other_bound, other_high = bounded(second)
    if not isinstance(value, int | float) or not isinstance(other, int | float):
        return bool(value == other)
    low, top = value_range(value, bound, high)
    other_low, other_top = value_range(other, other_bound, other_high)
    return low <= other_top and other_low <= top


def midpoint(value: float, high: float | None) -> float:
    """The middle of a range (or the value itself): how a revised range target changes."""
    return (value + high) / 2 if high is not None else value


def sum_bound(bounds: list[str]) -> str:
    """The bound of a sum (docs/concepts.md, "Rank"): exact when every part is, at-least
    when every part is exact or at-least (likewise at-most), otherwise about."""
    kinds = set(bounds) - {"exact"}
    if not kinds:
        return "exact"
    if kinds in ({"at-least"}, {"at-most"}):
        return kinds.pop()
    return "about"


def spell_count(value: Any, bound: str | None = "exact", high: Any = None) -> str:
    """A count as tables show it: `200,000+`, `≤1,000,000`, `~28,000`, `38,500–39,500`."""
    if value is None:
        return "-"
    text = f"{value:,}" if isinstance(value, int) else str(value)
    if bound == "at-least":
        return text + "+"
    if bound == "at-most":
        return "≤" + text
    if bound == "about":
        return "~" + text
    if bound == "range" and high is not None:
        return f"{text}–{high:,}" if isinstance(high, int) else f"{text}–{high}"
    return text


# -- old spellings ---------------------------------------------------------------------------

_OLD_MINUTES = re.compile(r"^(\d+(?:\.\d+)?)m$", re.ASCII)


def normalise_duration(text: str) -> str:
    """A duration in today's spelling: the older `3m` meant minutes and reads as `3min`."""
    match = _OLD_MINUTES.match(text)
    return f"{match.group(1)}min" if match else text


def upcast(content: dict[str, Any]) -> dict[str, Any]:
    """An announcement (or a correction's changes) as stored by an older mxt, read with
    today's meaning: `within: 3m` (minutes then) becomes `3min`. Returns `content` itself
    when nothing needs changing."""
    within = content.get("within")
    if isinstance(within, str):
        spelled = normalise_duration(within)
        if spelled != within:
            return {**content, "within": spelled}
    return content
