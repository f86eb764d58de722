"""What each kind means to the read side, in one place, without pydantic: `KINDS`.

For every kind: the field that carries its value (and whether that value is a count with a
bound), its *slot* (what a later announcement of the kind replaces: docs/concepts.md), whether it
has a scope (`markets`/`except`), whether its `market` names one market, whether two of its
announcements can contradict each other, and how it reads in one line. The read model, the
rules, `diff`, `show`, `conflicts`, `log` and the report read these instead of switching on
kind strings; the schemas (`events/schemas/`) declare each kind's fields.

Also here: the spellings that old stores still hold (`within: 3m` meant minutes) and the
function that reads them in today's spelling (`upcast`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any, NamedTuple

# confirmed > reported > expected: a lower number is stronger evidence.
RANK = {"confirmed": 0, "reported": 1, "expected": 2}
CERTAINTIES = tuple(RANK)
BOUNDS = ("exact", "at-least", "at-most", "about", "range")


class Kind(NamedTuple):
    """What one kind of announcement means to the read side."""

    summary: Callable[[dict[str, Any]], str]  # the announcement in one line (`log`, report)
    value: str | None = None  # the field holding its value (None: none that others replace)
    counted: bool = False  # that value is a count with a bound, and the kind has a scope
    slot: tuple[str, ...] | None = None  # the fields of its slot (None: none replaces another)
    model_slot: bool = False  # its slot names a model (or, for some kinds, the company: null)
    names_market: bool = False  # its `market` field names one market
    disagrees: bool = False  # two in one slot can contradict each other (`conflicts`)


# Every kind, in the order the schemas declare them (a test holds the two equal). Adding a
# kind or a field is a change here, plus its rule (docs/concepts.md) where one decides it.
KINDS: dict[str, Kind] = {
    "launch": Kind(
        lambda c: f"{_model(c)} in {c['market']} on {c.get('launched_on') or c['announced_on']}",
        value="launched_on",
        slot=("market",),
        model_slot=True,
        names_market=True,
        disagrees=True,
    ),
    "orders": Kind(
        lambda c: (
            f"{_model(c)} {_count(c, 'count')} {c['stage']}"
            f"{_opt(' within ', c.get('within'))}{spell_scope(c)}"
        ),
        value="count",
        counted=True,
        slot=("stage",),
        model_slot=True,
        disagrees=True,
    ),
    "wait-time": Kind(
        lambda c: (
            f"{_model(c)}{_opt(' (', c.get('trim'), ')')} up to {_number(c['max_months'])} months"
        ),
        value="max_months",
        slot=("trim",),
        model_slot=True,
        disagrees=True,
    ),
    "target": Kind(
        lambda c: f"{c['metric']} {c['period']}{spell_scope(c)}: {_count(c, 'value')}{_was(c)}",
        value="value",
        counted=True,
        slot=("metric", "period"),
        disagrees=True,
    ),
    "deliveries": Kind(
        lambda c: (
            f"{_model(c) or 'total'}{_opt(' ', c.get('metric'))} {c['period']}"
            f"{spell_scope(c)}: {_count(c, 'units')}"
        ),
        value="units",
        counted=True,
        slot=("metric", "period"),
        model_slot=True,
        disagrees=True,
    ),
    "factory": Kind(  # its statuses follow each other: a later one never contradicts one
        lambda c: (
            f"{c['site']} phase {c['phase']} {c['factory_status']}"
            f"{_opt(' on ', c.get('effective_on'))}"
        ),
        value="status",
        slot=("site", "phase"),
    ),
    "policy": Kind(
        lambda c: (
            f"not before {c['not_before']} in {', '.join(c['markets'])}"
            f"{_opt(' except ', ', '.join(c.get('except') or ()))}"
        ),
    ),
    "showcase": Kind(
        lambda c: f"{_model(c)} at {c['venue']} ({c.get('market') or 'online'})",
        names_market=True,
    ),
    "expected-entry": Kind(
        lambda c: f"{_model(c) or 'all models'} in {c['market']} by {c['expected']}",
        value="expected",
        slot=("market",),
        model_slot=True,
        names_market=True,
        disagrees=True,
    ),
    "statement": Kind(
        lambda c: f"{c.get('topic')}: {_cut(c.get('text', ''), 60)}", names_market=True
    ),
    "claim": Kind(lambda c: f"claims {claim_statement(c['claim'])}"),
}
KIND_NAMES = tuple(KINDS)
# The same facts as tables, for the code that asks one question of every kind.
VALUE_FIELD = {name: kind.value for name, kind in KINDS.items() if kind.value}
COUNT_KINDS = frozenset(name for name, kind in KINDS.items() if kind.counted)
SCOPED_KINDS = COUNT_KINDS
MARKET_KINDS = tuple(name for name, kind in KINDS.items() if kind.names_market)
SLOT_FIELDS = {name: kind.slot for name, kind in KINDS.items() if kind.slot is not None}
MODEL_SLOT_KINDS = frozenset(name for name, kind in KINDS.items() if kind.model_slot)
DISAGREEING_KINDS = tuple(name for name, kind in KINDS.items() if kind.disagrees)
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


# `about v` is v ± 5 %
ABOUT = Fraction(5, 100)


class Span(NamedTuple):
    """The values a count stands for (docs/concepts.md, Rank): `low` to `high` inclusive
    (`high` None: no limit), exactly. Exact v is [v, v], at-least v is [v, ∞), at-most v is
    [0, v], about v is [0.95 v, 1.05 v], a range is [v, high]: `span`."""

    low: Fraction
    high: Fraction | None

    def plus(self, other: Span) -> Span:
        """The span of a sum: any value of this one plus any value of the other."""
        high = None if self.high is None or other.high is None else self.high + other.high
        return Span(self.low + other.low, high)

    def reaches(self, number: int) -> bool | None:
        """Whether every value is >= `number` (True), none is (False), or it cannot say."""
        if self.low >= number:
            return True
        if self.high is not None and self.high < number:
            return False
        return None

    def stays_within(self, number: int) -> bool | None:
        """Whether every value is <= `number` (True), none is (False), or it cannot say."""
        if self.high is not None and self.high <= number:
            return True
        if self.low > number:
            return False
        return None

    def equals(self, number: int) -> bool | None:
        """Whether the count is exactly `number` (True), cannot be (False), or may be."""
        if self.low == number and self.high == number:
            return True
        if self.low > number or (self.high is not None and self.high < number):
            return False
        return None

    def meets(self, other: Span) -> bool:
        """Whether two counts agree: their spans share a value."""
        below = self.high is not None and self.high < other.low
        above = other.high is not None and other.high < self.low
        return not (below or above)


def span(value: int | float, bound: str | None = "exact", high: int | None = None) -> Span:
    """The values a count (`value`, its `bound`, a range's `high`) stands for."""
    number = Fraction(value)
    if bound == "at-least":
        return Span(number, None)
    if bound == "at-most":
        return Span(Fraction(0), number)
    if bound == "about":
        return Span(number * (1 - ABOUT), number * (1 + ABOUT))
    if bound == "range":
        return Span(number, Fraction(high if high is not None else value))
    return Span(number, number)


def agree(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """True when two announcements of one slot agree: their values' spans meet (a count or
    any number), or their values are equal (anything else)."""
    value, bound, high = bounded(first)
    other, other_bound, other_high = bounded(second)
    if not isinstance(value, int | float) or not isinstance(other, int | float):
        return bool(value == other)
    return span(value, bound, high).meets(span(other, other_bound, other_high))


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


def summary(content: dict[str, Any]) -> str:
    """One announcement in one line, as its kind spells it (`KINDS`)."""
    return KINDS[content["kind"]].summary(content)


def spell_scope(content: dict[str, Any]) -> str:
    """` in DE, FR` / ` in * except CN` for a scoped announcement; '' when worldwide."""
    markets = content.get("markets") or ["*"]
    excepted = content.get("except") or []
    if markets == ["*"] and not excepted:
        return ""
    return f" in {', '.join(markets)}" + (f" except {', '.join(excepted)}" if excepted else "")


def claim_statement(claim: dict[str, Any]) -> str:
    """What a claim says, in a few words (`deliveries >= 20,000, 8 months to 2025-06`)."""
    kind = claim["type"]
    if kind == "streak":
        exactly = " (and not the month before)" if claim.get("exact") else ""
        return (
            f"{_claimed(claim)} >= {int(claim['at_least']):,}, {claim['months']} months to "
            f"{claim['ending']}{exactly}"
        )
    if kind == "total":
        return f"{_claimed(claim)} {claim['period']} {claim['op']} {int(claim['value']):,}"
    if kind == "target":
        return f"{claim['metric']} target {claim['period']} = {int(claim['value']):,}"
    return f"{claim['model']} launched in {claim['market']} on or before {claim['on_or_before']}"


def _claimed(claim: dict[str, Any]) -> str:
    """What a streak or total claim counts: its metric, of its model if it names one."""
    model = claim.get("model")
    return f"{claim['metric']} of {model}" if model else f"{claim['metric']}"


def _model(content: dict[str, Any]) -> str:
    return str(content.get("model") or "")


def _opt(before: str, value: Any, after: str = "") -> str:
    """`value` between `before` and `after`, or nothing when it is empty."""
    return f"{before}{value}{after}" if value else ""


def _was(target: dict[str, Any]) -> str:
    """A target's stated previous value, ` (was 300,000)`, or nothing."""
    if target.get("previous") is None:
        return ""
    high = target.get("previous_high")
    was = {
        "value": target["previous"],
        "high": high,
        "bound": "range" if high is not None else None,
    }
    return f" (was {_count(was, 'value')})"


def _cut(text: str, size: int) -> str:
    return f"{text[:size]}{'…' if len(text) > size else ''}"


def _count(value: dict[str, Any], name: str) -> str:
    """A count with its bound, or `-` (`spell_count`)."""
    return spell_count(value.get(name), value.get("bound"), value.get("high")) if value else "-"


def _number(value: Any) -> str:
    """A number as a table cell shows it (`8`, not `8.0`; `12,000`)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}"
    return str(value)


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
