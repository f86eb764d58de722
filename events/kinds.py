"""What each kind means to the read side, in one place, without pydantic: `KINDS`.

For every kind: the field that carries its value (and whether that value is a count with a
bound), its *slot* (what a later announcement of the kind replaces: docs/concepts.md), whether it
has a scope (`markets`/`except`), whether its `market` names one market, whether two of its
announcements can contradict each other, and how it reads in one line. The read model, the
rules, `diff`, `show`, `conflicts`, `log` and the report read these instead of switching on
kind strings; the schemas (`events/schemas/`) declare each kind's fields.

Also here: the spellings that old stores still hold (`within: 3m` meant minutes) and the
function that reads them in today's spelling (`upcast`).

Its `NamedTuple`s' annotations are evaluated (no `from __future__ import annotations`):
typing compiles each annotation given as text, which every read command would pay for.
"""

import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from .content import Content, JsonObject

if TYPE_CHECKING:
    from fractions import Fraction

from .dates import parse_day_or_period, said_as_done

# confirmed > reported > expected: a lower number is stronger evidence.
RANK = {"confirmed": 0, "reported": 1, "expected": 2}
CERTAINTIES = tuple(RANK)
BOUNDS = ("exact", "at-least", "at-most", "about", "range")


class Kind(NamedTuple):
    """What one kind of announcement means to the read side."""

    summary: Callable[[Content], str]  # the announcement in one line (`log`, report)
    example: str  # the options of one real `mxt record KIND` (its `--help`; the tests run it)
    value: str | None = None  # the field holding its value (None: none that others replace)
    counted: bool = False  # that value is a count with a bound, and the kind has a scope
    slot: tuple[str, ...] | None = None  # the fields of its slot (None: none replaces another)
    model_slot: bool = False  # its slot names a model (or, for some kinds, the company: null)
    market_field: str | None = None  # `market`: names one market; `markets`: lists several
    disagrees: bool = False  # two in one slot can contradict each other (`conflicts`)
    grows: bool = False  # its counts are cumulative: a later, larger one is history (orders)
    plans: bool = False  # it may be a plan (SPEC §5.2): `mxt audit plans` lists its slots
    # How a slot's value is settled (docs/concepts.md): `latest`, the latest of the highest
    # rank; `earliest`, the earliest that happened (a launch); `reached`, the latest reached by
    # the as-of date, beside a later plan (a factory); `planned`, the latest of the highest
    # rank beside the plans before it (an expected entry: its first date, its slips); `every`,
    # each announcement standing on its own, in time order (an exit). Any but `latest` reads
    # every row.
    settled: str = "latest"
    decides: str | None = None  # the market status it decides (docs/concepts.md, Statuses)
    covers_models: bool = False  # one naming no model is about every model of its company
    shown_in: tuple[str, ...] = ()  # the state answers (`model`, `company`) showing its values
    about: Callable[[JsonObject], str] | None = None  # a change's subject, in a few words


# Every kind, in the order the schemas declare them (a test holds the two equal). Adding a
# kind is a change here, plus its schema and its rule: docs/adding-a-kind.md.
KINDS: dict[str, Kind] = {
    "launch": Kind(  # a log entry spells its own status `launch_status` (`status` is the record's)
        lambda c: f"{_model(c)} in {c['market']} {_launch_said(c)}",
        '--company Xiaomi --announced-on 2025-06-26 --source "Xiaomi launch event" '
        "--model YU7 --market CN --segment SUV",
        value="launched_on",
        slot=("market",),
        model_slot=True,
        market_field="market",
        disagrees=True,
        plans=True,
        settled="earliest",
        decides="available",
        shown_in=("model", "company"),
        about=lambda c: _where(c),
    ),
    "orders": Kind(
        lambda c: (
            f"{_model(c)} {_count(c, 'count')} {c['stage']}"
            f"{_opt(' within ', c.get('within'))}{Scope.of(c, sort=False).spelled()}"
        ),
        '--company Xiaomi --announced-on 2025-06-26 --source "Lei Jun on Weibo" '
        "--model YU7 --stage pre-booking --count 200k+ --within 3min",
        value="count",
        counted=True,
        slot=("stage",),
        model_slot=True,
        disagrees=True,
        grows=True,
        shown_in=("model",),
        about=lambda c: f"{c['model']} {c['stage']}",
    ),
    "wait-time": Kind(
        lambda c: (
            f"{_model(c)}{_opt(' (', c.get('trim'), ')')} up to {_number(c['max_months'])} months"
        ),
        "--company Xiaomi --announced-on 2025-07-01 --source Reuters --model YU7 "
        "--max-months 12 --certainty reported",
        value="max_months",
        slot=("trim",),
        model_slot=True,
        disagrees=True,
        shown_in=("model",),
        about=lambda c: c["model"] + _opt(" (", c.get("trim"), ")"),
    ),
    "target": Kind(
        lambda c: (
            f"{c['metric']} {c['period']}{Scope.of(c, sort=False).spelled()}: "
            f"{_count(c, 'value')}{_was(c)}"
        ),
        '--company NIO --announced-on 2025-09-02 --source "NIO Q2 results" '
        "--metric deliveries --period 2025-Q4 --value 38.5k-39.5k",
        value="value",
        counted=True,
        slot=("metric", "period"),
        disagrees=True,
        shown_in=("company",),
        about=lambda c: f"{c['metric']} {c['period']}{Scope.of(c, sort=False).spelled()}",
    ),
    "deliveries": Kind(
        lambda c: (
            f"{_model(c) or 'total'}{_opt(' ', c.get('metric'))} {c['period']}"
            f"{Scope.of(c, sort=False).spelled()}: {_count(c, 'units')}"
        ),
        '--company BYD --announced-on 2025-10-01 --source "BYD release" '
        "--period 2025-09 --units 396,270",
        value="units",
        counted=True,
        slot=("metric", "period"),
        model_slot=True,
        disagrees=True,
        shown_in=("model", "company"),
        about=lambda c: f"total {c['metric']} {c['period']}{Scope.of(c, sort=False).spelled()}",
    ),
    "factory": Kind(  # its statuses follow each other: a later one never contradicts one
        lambda c: f"{c['site']} phase {c['phase']} {c['factory_status']}{_factory_when(c)}",
        '--company Xiaomi --announced-on 2025-06-19 --source "Beijing planning '
        'commission" --site "Beijing Yizhuang" --phase 3 --status land-acquired',
        value="status",
        slot=("site", "phase"),
        plans=True,
        settled="reached",
        shown_in=("company",),
        about=lambda c: f"{c['site']} phase {c['phase']}{_opt(' (plan: ', c.get('plan'), ')')}",
    ),
    "policy": Kind(
        lambda c: f"not before {c['not_before']} in {Scope.of(c, sort=False).text()}",
        '--company Xiaomi --announced-on 2025-07-02 --source "Lei Jun livestream" '
        "--markets '*' --except CN --not-before 2027-01-01",
        market_field="markets",
        decides="blocked",
        covers_models=True,
        shown_in=("company",),
        about=lambda c: f"not before {c['not_before']} in {Scope.of(c, sort=False).text()}",
    ),
    "showcase": Kind(
        lambda c: f"{_model(c)} at {c['venue']} ({c.get('market') or 'online'})",
        '--company Xiaomi --announced-on 2024-02-26 --source "MWC 2024" --model SU7 '
        '--market ES --venue "MWC 2024, Barcelona"',
        market_field="market",
        decides="showcased",
        about=lambda c: _where(c),
    ),
    "expected-entry": Kind(
        lambda c: f"{_model(c) or 'all models'} in {c['market']} by {c['expected']}",
        '--company Tesla --announced-on 2025-03-01 --source "Reuters" '
        "--market IN --expected 2025-06 --certainty expected",
        value="expected",
        slot=("market",),
        model_slot=True,
        market_field="market",
        disagrees=True,
        plans=True,
        settled="planned",
        decides="expected",
        covers_models=True,
        shown_in=("company",),
        about=lambda c: _where(c),
    ),
    "exit": Kind(  # each one stands on its own: exits and launches apply in time order
        lambda c: (
            f"{_model(c) or 'all models'} {'paused' if c.get('temporary') else 'withdrawn'}"
            f" in {Scope.of(c, sort=False).text()}{_opt(' from ', c.get('effective_on'))}"
        ),
        '--company Smart --announced-on 2025-04-01 --source "Reuters" --markets GB '
        "--effective-on 2025-H2",
        market_field="markets",
        settled="every",
        decides="withdrawn",
        covers_models=True,
        shown_in=("company",),
        about=lambda c: f"{c.get('model') or '(all models)'} in {Scope.of(c, sort=False).text()}",
    ),
    "statement": Kind(
        lambda c: f"{c.get('topic')}: {_cut(c.get('text', ''), 60)}",
        '--company Xiaomi --announced-on 2025-07-04 --source "Khabar Panel" '
        '--topic hiring --text "Active hiring for manufacturing and logistics"',
        market_field="market",
    ),
    "claim": Kind(
        lambda c: f"claims {claim_statement(c['claim'])}",
        '--company Xiaomi --announced-on 2025-07-01 --source "Khabar Panel" '
        '--certainty reported --claim \'{"type": "streak", "metric": "deliveries", '
        '"at_least": 20000, "months": 8, "ending": "2025-06", "exact": true}\'',
    ),
}
KIND_NAMES = tuple(KINDS)
# The same facts as tables, for the code that asks one question of every kind.
VALUE_FIELD = {name: kind.value for name, kind in KINDS.items() if kind.value}
COUNT_KINDS = frozenset(name for name, kind in KINDS.items() if kind.counted)
SCOPED_KINDS = COUNT_KINDS
SLOT_FIELDS = {name: kind.slot for name, kind in KINDS.items() if kind.slot is not None}
MODEL_SLOT_KINDS = frozenset(name for name, kind in KINDS.items() if kind.model_slot)
DISAGREEING_KINDS = tuple(name for name, kind in KINDS.items() if kind.disagrees)
NAME_FIELDS = frozenset({"site", "trim"})
DEFAULTS = {("deliveries", "metric"): "deliveries"}


def kinds_where(test: Callable[[Kind], bool]) -> tuple[str, ...]:
    """The names of the kinds whose registry entry passes `test`, in the registry's order."""
    return tuple(name for name, kind in KINDS.items() if test(kind))


class Scope(NamedTuple):
    """Where a count counts (docs/concepts.md, Slots): the markets listed, `*` for every one,
    less those excepted. `Scope.of` reads it from an announcement (or an answer's lists)."""

    markets: tuple[str, ...] = ("*",)
    excepted: tuple[str, ...] = ()

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield "markets", list(self.markets)
        yield "except", list(self.excepted)

    @classmethod
    def of(cls, content: Any, sort: bool = True) -> "Scope":
        """The scope of an announcement (or of an answer's `markets` and `except`), each
        list sorted (`sort`: as a slot compares them) or as written; absent markets mean
        every one."""
        markets = tuple(content.get("markets") or ("*",))
        excepted = tuple(content.get("except") or ())
        if sort:
            return cls(tuple(sorted(markets)), tuple(sorted(excepted)))
        return cls(markets, excepted)

    @property
    def worldwide(self) -> bool:
        """Every market, none excepted."""
        return self.markets == ("*",) and not self.excepted

    def text(self, separator: str = ", ") -> str:
        """The scope in a few words: `DE, FR`, `* except CN` (`separator` between codes)."""
        listed = separator.join(self.markets)
        return listed + (f" except {separator.join(self.excepted)}" if self.excepted else "")

    def spelled(self) -> str:
        """` in DE, FR` or ` in * except CN`; '' when worldwide: the one spelling of a scope
        after what it qualifies (summaries, tables, the report)."""
        return "" if self.worldwide else f" in {self.text()}"


# In an answer's JSON, a scope is its `markets` and `except` beside what it qualifies (it is
# a flat record: `mxt.projections.rules.records`).
Scope._flat = True  # type: ignore[attr-defined]


def rank(content: Mapping[str, Any]) -> int:
    """How strong an announcement's evidence is: 0 confirmed, 1 reported, 2 expected."""
    return RANK.get(content.get("certainty") or "confirmed", 0)


def field_value(content: Content, name: str) -> Any:
    """A slot field as the slot compares it (defaults filled in)."""
    value = content.get(name)
    if value is None:
        value = DEFAULTS.get((content["kind"], name))
    return value


def subject_of(content: Content) -> str:
    """What a later announcement of the same kind (and company and model) replaces, as text.

    Kinds without slots (policies, showcases, statements) get a subject that groups alike
    announcements for lookups; each of those still stands on its own.
    """
    kind = content["kind"]
    names = SLOT_FIELDS.get(kind)
    if names is not None:
        parts = [_spelled(name, field_value(content, name)) for name in names]
        if kind in SCOPED_KINDS:
            scope = Scope.of(content)
            if not scope.worldwide:
                parts.append(",".join(scope.markets) + "-" + ",".join(scope.excepted))
        return "|".join(parts)
    market_field = KINDS[kind].market_field
    if market_field == "markets":  # a policy: its scope
        scope = Scope.of(content)
        return "|".join((",".join(scope.markets), ",".join(scope.excepted)))
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


def bounded(content: Content) -> tuple[Any, str, int | None]:
    """(value, bound, high) of an announcement's value; `high` only for a range."""
    kind = content["kind"]
    value = content.get(VALUE_FIELD.get(kind, ""))
    if kind == "launch" and value is None:
        value = content["announced_on"]
    if kind not in COUNT_KINDS:
        return value, "exact", None
    bound = content.get("bound") or "exact"
    return value, bound, content.get("high") if bound == "range" else None


# A whole count, a number of months, or an exact fraction (of an `about` count).
Exact: TypeAlias = "int | float | Fraction"


class Span(NamedTuple):
    """The values a count stands for (docs/concepts.md, Rank): `low` to `high` inclusive
    (`high` None: no limit), exactly. Exact v is [v, v], at-least v is [v, ∞), at-most v is
    [0, v], about v is [0.95 v, 1.05 v], a range is [v, high]: `span`."""

    low: Exact
    high: "Exact | None"

    def plus(self, other: "Span") -> "Span":
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

    def meets(self, other: "Span") -> bool:
        """Whether two counts agree: their spans share a value."""
        below = self.high is not None and self.high < other.low
        above = other.high is not None and other.high < self.low
        return not (below or above)


def span(value: int | float, bound: str | None = "exact", high: int | None = None) -> Span:
    """The values a count (`value`, its `bound`, a range's `high`) stands for, exactly: the
    numbers themselves, and fractions for `about` (±5 %, the one bound that needs them; they
    are loaded only then)."""
    if bound == "at-least":
        return Span(value, None)
    if bound == "at-most":
        return Span(0, value)
    if bound == "about":
        from fractions import Fraction

        number = Fraction(value)
        return Span(number * Fraction(19, 20), number * Fraction(21, 20))
    if bound == "range":
        return Span(value, high if high is not None else value)
    return Span(value, value)


def agree(first: Content, second: Content) -> bool:
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


def summary(content: Content) -> str:
    """One announcement in one line, as its kind spells it (`KINDS`)."""
    return KINDS[content["kind"]].summary(content)


def claim_statement(claim: Content) -> str:
    """What a claim says, in a few words (`deliveries >= 20,000, 8 months to 2025-06`; a
    scoped one `… in * except CN`)."""
    return _claim_words(claim) + Scope.of(claim, sort=False).spelled()


def _claim_words(claim: Content) -> str:
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
    if kind == "compare":
        by = f" by {int(claim['by']):,}" if claim.get("by") else ""
        return f"{claim['metric']} {claim['period']} {claim['op']} {claim['than']}{by}"
    return f"{claim['model']} launched in {claim['market']} on or before {claim['on_or_before']}"


def _claimed(claim: Content) -> str:
    """What a streak or total claim counts: its metric, of its model if it names one."""
    model = claim.get("model")
    return f"{claim['metric']} of {model}" if model else f"{claim['metric']}"


def _model(content: Content) -> str:
    return str(content.get("model") or "")


def _launch_said(entry: Content) -> str:
    """What a launch says, by its status (as a log entry spells it, `launch_status`; without
    one, a date still ahead is a plan): `on 2025-06-26`, `planned for 2025-H2`, `paused from
    2024-05-01`, `cancelled on 2024-09-30`."""
    day = entry.get("launched_on") or entry["announced_on"]
    status = entry.get("launch_status") or ("planned" if _ahead(entry, day) else None)
    if status == "planned":
        return f"planned for {day}"
    if status == "paused":
        return f"paused from {day}"
    if status == "cancelled":
        return f"cancelled on {day}"
    return f"on {day}"


def _factory_when(entry: Content) -> str:
    """When a factory status is reached: ` on 2025-06`, or ` planned for 2026-H2` (a date
    still ahead when it was said); '' when it was reached the day it was announced."""
    day = entry.get("effective_on")
    if not day:
        return ""
    return f" planned for {day}" if _ahead(entry, day) else f" on {day}"


def _ahead(entry: Content, day: str) -> bool:
    """Whether a date an announcement gives was still ahead when it was said (a plan)."""
    try:
        when = parse_day_or_period(day)
        announced_on = parse_day_or_period(entry.get("announced_on")).first
    except ValueError:
        return False
    return not said_as_done(when, announced_on)


def _where(subject: JsonObject) -> str:
    """A model (or every model) in a market (or online): `SU7 in ES`, `(all models) in JP`."""
    return f"{subject.get('model') or '(all models)'} in {subject.get('market') or 'online'}"


def _opt(before: str, value: Any, after: str = "") -> str:
    """`value` between `before` and `after`, or nothing when it is empty."""
    return f"{before}{value}{after}" if value else ""


def _was(target: Content) -> str:
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


def _count(value: Content, name: str) -> str:
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


def upcast(content: Content) -> Content:
    """An announcement (or a correction's changes) as stored by an older mxt, read with
    today's meaning: `within: 3m` (minutes then) becomes `3min`. Returns `content` itself
    when nothing needs changing."""
    within = content.get("within")
    if isinstance(within, str):
        spelled = normalise_duration(within)
        if spelled != within:
            return {**content, "within": spelled}
    return content
