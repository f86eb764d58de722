"""Figures in a sentence: counts with their bounds, durations and month spans.

Every function reads the *normalised* sentence (`normalise`): typographic quotes and dashes
made plain, and numbers in words made digits by text2num ("three minutes" -> "3 minutes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_MULTIPLIER = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "mln": 1_000_000,
               "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000}  # fmt: skip
_SCALED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(thousand|million|mln|billion|bn|k)\b", re.I)
_SCALED_RANGE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)(\s*(?:-|–|to|and)\s*)(\d+(?:\.\d+)?)\s*"
    r"(thousand|million|mln|billion|bn|k)\b",
    re.I,
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_BOUND_WORDS: dict[str, str] = {
    "more than": "at-least", "over": "at-least", "above": "at-least", "at least": "at-least",
    "exceeding": "at-least", "in excess of": "at-least", "upwards of": "at-least",
    "north of": "at-least", "surpassing": "at-least", "topping": "at-least",
    "top": "at-least", "tops": "at-least", "topped": "at-least",
    "nearly": "about", "almost": "about", "about": "about", "around": "about",
    "roughly": "about", "approximately": "about", "some": "about", "close to": "about",
    "an estimated": "about", "up to": "at-most", "fewer than": "at-most",
    "less than": "at-most", "under": "at-most", "below": "at-most", "at most": "at-most",
    "no more than": "at-most",
}  # fmt: skip
_BOUND = "|".join(sorted((re.escape(word) for word in _BOUND_WORDS), key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?:(?<!handed )\b(?P<word>{_BOUND})\s+|(?P<tilde>~)|\bbetween\s+)?"
    rf"(?<![\w.,$€£¥])(?P<low>{_NUMBER})(?![\w])"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<high>{_NUMBER})(?![\w]))?",
    re.IGNORECASE,
)
_NOT_A_COUNT_AFTER = re.compile(
    r"^\s*(?:%|percent|per cent|pct|percentage|yuan|rmb|cny|dollars?|euros?|usd|eur|yen|won|"
    r"st\b|nd\b|rd\b|th\b|kwh|kw\b|km|miles|hours?|minutes?|days?|weeks?|months?|years?|"
    r"seconds?|times|x\b|models?\b|phases?\b)",
    re.IGNORECASE,
)
_DURATION = re.compile(
    r"\b(?:within|in|inside|after)\s+(?:just\s+|only\s+|the first\s+|the\s+|less than\s+|"
    r"under\s+)?(?P<n>\d+(?:\.\d+)?|an?)\s*(?P<unit>minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"months?)\b",
    re.IGNORECASE,
)
_UNIT_CODES = {"min": "min", "hou": "h", "hrs": "h", "hr": "h", "day": "d", "wee": "w", "mon": "mo"}
_SPAN = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|an?|half a)\s*(?P<unit>months?|weeks?|years?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Figure:
    """A count found in the text, with its bound (`high` for a range) and where it stands."""

    value: int
    bound: str
    high: int | None
    start: int
    end: int


def normalise(sentence: str) -> str:
    """The sentence with plain quotes and dashes, scaled numbers written out ("1.2 million"
    -> "1200000") and numbers in words as digits."""
    from text_to_num import alpha2digit  # numbers in words: a library, not a word list

    text = sentence.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = text.replace("—", ", ").replace(" – ", ", ")
    text = _SCALED_RANGE.sub(_range_written_out, text)
    text = _SCALED.sub(_written_out, text)
    return str(alpha2digit(text, "en", threshold=0))


def _written_out(match: re.Match[str]) -> str:
    number = Decimal(match.group(1)) * _MULTIPLIER[match.group(2).lower()]
    return str(int(number)) if number == number.to_integral_value() else match.group(0)


def _range_written_out(match: re.Match[str]) -> str:
    unit = match.group(4)
    low = _SCALED.sub(_written_out, f"{match.group(1)} {unit}")
    high = _SCALED.sub(_written_out, f"{match.group(3)} {unit}")
    return f"{low}{match.group(2)}{high}"


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def is_year(text: str) -> bool:
    """True for a bare four-digit year such as `2025` (never a count)."""
    return bool(re.fullmatch(r"(19|20)\d\d", text))


def counts(text: str, minimum: int = 1) -> list[Figure]:
    """The whole counts of a normalised sentence with their bounds ("more than 240,000" ->
    240000 at-least; "38,500 to 39,500" -> a range), leaving out years, percentages, money,
    ordinals, durations and counts below `minimum`."""
    found: list[Figure] = []
    for match in _FIGURE.finditer(text):
        low, high = match.group("low"), match.group("high")
        if is_year(low) and not high:
            continue
        if _NOT_A_COUNT_AFTER.match(text[match.end() :]):
            continue
        value, top = _number(low), _number(high) if high else None
        if value != value.to_integral_value() or value < minimum:
            continue
        bound = "exact"
        if match.group("word"):
            bound = _BOUND_WORDS[match.group("word").lower()]
        elif match.group("tilde"):
            bound = "about"
        if top is not None and top > value and top == top.to_integral_value():
            found.append(Figure(int(value), "range", int(top), match.start(), match.end()))
            continue
        end = match.end() if top is None else match.start("low") + len(low)
        found.append(Figure(int(value), bound, None, match.start(), end))
    return found


def duration(text: str) -> str | None:
    """The span something took, in mxt's spelling ("within 18 hours" -> `18h`,
    "within just 3 minutes" -> `3min`, "in a week" -> `1w`), or None."""
    match = _DURATION.search(text)
    if not match:
        return None
    amount = match.group("n").lower()
    number = "1" if amount in ("a", "an") else amount
    unit = match.group("unit").lower()
    code = _UNIT_CODES.get(unit[:3], _UNIT_CODES.get(unit, "d"))
    return f"{number}{code}"


def months_span(text: str) -> float | None:
    """The longest span of months, weeks or years in a normalised sentence, in months
    ("up to a year" -> 12, "8 months" -> 8, "38 weeks" -> 8.7), or None."""
    longest: float | None = None
    for match in _SPAN.finditer(text):
        amount = match.group("n").lower()
        number = 1.0 if amount in ("a", "an") else 0.5 if amount == "half a" else float(amount)
        unit = match.group("unit").lower()
        months = number * 12 if unit.startswith("year") else number
        if unit.startswith("week"):
            months = round(number * 12 / 52, 1)
        longest = months if longest is None else max(longest, months)
    return longest


def nearest(figures: list[Figure], position: int) -> Figure | None:
    """The figure closest to a position in the sentence (a cue word), or None."""
    if not figures:
        return None
    return min(figures, key=lambda f: min(abs(f.start - position), abs(f.end - position)))
