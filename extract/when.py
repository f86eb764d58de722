"""Dates and periods in a sentence, resolved against the article's publication date.

Month names and relative phrases ("next month", "in a month", "this year", "on Tuesday") are
read by dateparser with the publication date as its RELATIVE_BASE; PREFER_DATES_FROM says
whether a bare "June" is the last one (a figure reported) or the next one (a plan).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Literal

Prefer = Literal["past", "future"]

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4}  # fmt: skip
_QUARTER = re.compile(
    r"\b(?:(?P<word>first|1st|second|2nd|third|3rd|fourth|4th)[- ]quarter|Q(?P<q>[1-4]))"
    r"(?:\s+(?:of\s+)?(?:calendar\s+)?(?P<year>(?:19|20)\d\d))?|"
    # "2Q25", "Q3'25"
    r"\b(?P<q2>[1-4])Q(?P<yy>\d\d)\b|\bQ(?P<q3>[1-4])\s?'(?P<yy2>\d\d)\b",
    re.IGNORECASE,
)
_QUARTER_ENDING = re.compile(
    rf"\b(?:3|three)\s+months\s+(?:to|ended|ending|through)\s+(?P<month>{_MONTHS})\b",
    re.IGNORECASE,
)
# "from April through June", "between January and June": a quarter or a half when aligned.
_MONTH_SPAN = re.compile(
    rf"\b(?:(?:from|between)\s+(?P<first>{_MONTHS})\s+(?:through|to|until|and|-)\s+|"
    # a dashed span told as a period, or with its year or in brackets: "April-June quarter",
    # "(January-March 2026)"
    rf"(?P<first2>{_MONTHS})\s?[-/–]\s?(?=(?:{_MONTHS})(?:\s+(?:quarter|period|half)\b|"
    r"\s+(?:19|20)\d\d\b|\))))"
    rf"(?P<last>{_MONTHS})(?:\s+(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_QUARTER_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d\d)\s*$")
_HALF = re.compile(
    r"\b(?:(?P<word>first|1st|second|2nd)[- ]half|H(?P<h>[12]))(?:\s+(?:of\s+)?(?:calendar\s+)?"
    r"(?P<year>(?:19|20)\d\d))?|"
    # "2H26", "H2'25"
    r"\b(?P<h2>[12])H(?P<yy>\d\d)\b|\bH(?P<h3>[12])\s?'(?P<yy2>\d\d)\b",
    re.IGNORECASE,
)
_MONTH = re.compile(rf"\b(?P<month>{_MONTHS})\b(?:\s+(?P<year>(?:19|20)\d\d))?")
# ("last year's 97,399" names what is compared, not the period spoken of)
_RELATIVE_YEAR = re.compile(r"\b(?:this|next|last)\s+year\b(?!'s)", re.IGNORECASE)
# The first quarter or half told as months: "the first three months of the year" (Q1).
_FIRST_MONTHS = re.compile(
    r"\b(?:1st|first)\s+(?P<n>3|three|6|six)\s+months(?:\s+of\s+(?:the\s+year|this\s+year|"
    r"(?P<year>(?:19|20)\d\d)))?",
    re.IGNORECASE,
)
# The publication's own year, worded without a number: "full-year", "for the year".
_THIS_YEAR = re.compile(
    r"\b(?:full[- ]year|for\s+the\s+(?:whole\s+|full\s+)?year|the\s+whole\s+year|"
    r"(?:this|the\s+current)\s+(?:fiscal\s+|calendar\s+)?year|annual(?:ly)?|year-end|"
    r"by\s+the\s+end\s+of\s+the\s+year)\b",
    re.IGNORECASE,
)
_RELATIVE_MONTH = re.compile(r"\b(?P<which>last|this|next|previous|past)\s+month\b", re.IGNORECASE)
_RELATIVE_QUARTER = re.compile(
    r"\b(?P<which>last|this|next|previous|past|the\s+current)\s+quarter\b", re.IGNORECASE
)
_SHIFT = {"last": -1, "previous": -1, "past": -1, "this": 0, "the current": 0, "next": 1}
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_YEAR = re.compile(r"(?:(?<![\w-])|(?<=\bmid-))((?:19|20)\d\d)(?![\w-])")  # ("mid-2027" too)
_DAY = re.compile(
    rf"\b(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    rf"(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?\b|"
    rf"\d{{1,2}}\s+(?:{_MONTHS})(?:\s+(?:19|20)\d\d)?\b|yesterday|today)",
)
_SAID_ON = re.compile(
    r"\b(?:said|says|announced|told|confirmed|reported|stated|added)\s+(?:(?!(?:for|to|by|until|till)\b)\w+\s+)?(?:on\s+)?$",
    re.IGNORECASE,
)
_UNTIL = re.compile(
    rf"\b(?:until|till|before|from|by)\s+(?:at\s+least\s+|early\s+|the\s+start\s+of\s+)?"
    rf"(?P<when>(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d|(?:{_MONTHS})\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?)\b"
)
_SOON = re.compile(
    r"\b(?:(?:with)?in\s+(?:a|an|\d+)\s+(?:days?|weeks?|months?)|next\s+(?:week|month|year)|"
    rf"(?:by\s+)?the\s+end\s+of\s+(?:the|this)\s+year|(?:in|from|by)\s+(?:{_MONTHS})"
    r"(?:\s+(?:19|20)\d\d)?|later\s+this\s+year|(?:in|by|from)\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def parse_relative(phrase: str, published: date, prefer: Prefer) -> date | None:
    """The date a phrase names, read by dateparser relative to `published` (None if it
    names none). "within a month" reads as "in a month"; "the end of the year" as 31 December."""
    import dateparser

    text = re.sub(r"^within\b", "in", phrase.strip(), flags=re.IGNORECASE)
    text = re.sub(
        r"^(?:(?:by\s+)?the\s+end\s+of\s+(?:the|this)\s+year|later\s+this\s+year)$",
        "31 December",
        text,
    )
    text = re.sub(r"^(?:in|from|by|on|later)\s+(?=\D)", "", text)
    text = re.sub(r"^(?:in|from|by)\s+(?=\d{4}$)", "", text)
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return date(int(text), 1, 1)  # a year alone: its first day (dateparser keeps today's)
    if prefer == "future" and re.fullmatch(_MONTHS, text):
        named = datetime.strptime(text[:3], "%b").month
        if named == published.month:  # "in July", written in July: this July
            return published.replace(day=1)
    settings = {
        "RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
        "PREFER_DATES_FROM": prefer,
        # A month named alone means its first day; "in a month" keeps the day.
        "PREFER_DAY_OF_MONTH": "first" if _MONTH.search(text) else "current",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    found = dateparser.parse(text, languages=["en"], settings=settings)
    return found.date() if found else None


# The date a plan had before it moved: "rather than at the end of this year", "instead of
# late 2026", "originally planned for March", "(back) to 2027 from 2026".
_OLD_PLAN = re.compile(
    r"\b(?:rather\s+than|instead\s+of|(?:originally|initially|first|previously)\s+"
    r"(?:planned|scheduled|slated|expected|due|set)\s+(?:for|in|by)?|earlier\s+than|"
    # told in the past perfect: "which BYD had said would begin in October", "it had been
    # slated to start in the first half of 2025"
    r"had\s+(?:said|planned|expected|promised|hoped|targeted|aimed|been\s+(?:planned|"
    r"scheduled|slated|expected|due|set))\b)\b[^,;]*|"
    r"(?<=\d)\s+from\s+(?:(?:early|late|mid-?)\s*)?(?:19|20)\d\d\b|"
    # "to the second half of 2026 from the first quarter"
    r"(?<=\d)\s+from\s+the\s+(?:\w+\s+)?(?:quarter|half)\b",
    re.IGNORECASE,
)


def without_old_plan(text: str) -> str:
    """The text without the date a plan had before it moved (see `_OLD_PLAN`)."""
    return _OLD_PLAN.sub(" ", text)


# A fiscal year: "FY26", "FY2025", "fiscal 2025", "fiscal year 2026".
_FISCAL = re.compile(
    r"\b(?:FY\s?'?(?P<fy>\d{2}|\d{4})|fiscal\s+(?:year\s+)?(?P<fiscal>\d{4}))\b", re.IGNORECASE
)
_FISCAL_QUARTER = re.compile(
    r"\b(?:Q(?P<q>[1-4])|(?P<word>first|1st|second|2nd|third|3rd|fourth|4th)\s+quarter)\b",
    re.IGNORECASE,
)


# A part of a company's own year: "the April-September first half of its business year".
_OWN_YEAR = re.compile(
    r"\b(?:half|quarter|months?)\s+of\s+(?:its|the|their)\s+(?:business|fiscal|financial)\s+year\b|"
    # "for the year ending March 2026", "the year to March 2027"
    r"\b(?:year|12\s+months|twelve\s+months)\s+(?:ending|ended|to|through)\s+(?:the\s+end\s+of\s+)?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November)\b",
    re.IGNORECASE,
)


def fiscal_year_named(text: str) -> bool:
    """True when the sentence dates its figures by a fiscal year ("Q4 FY25", "the first
    half of its business year")."""
    return bool(_FISCAL.search(text) or _OWN_YEAR.search(text))


def fiscal_quarter(text: str, first_month: int) -> str | None:
    """The calendar quarter a fiscal quarter names, for a fiscal year that starts in
    `first_month` and is named by the calendar year it ends in ("Q1 FY26", April start ->
    `2025-Q2`); None when the sentence names no fiscal quarter or it is not a calendar one."""
    year, quarter = _FISCAL.search(text), _FISCAL_QUARTER.search(text)
    if year is None or quarter is None or (first_month - 1) % 3:
        return None
    named = year.group("fy") or year.group("fiscal")
    ends = int(named) if len(named) == 4 else 2000 + int(named)
    number = int(quarter.group("q") or _ORDINAL[quarter.group("word").lower()])
    index = (ends - 1) * 4 + (first_month - 1) // 3 + number - 1  # quarters since year 0
    return f"{index // 4}-Q{index % 4 + 1}"


def period(text: str, published: date, prefer: Prefer) -> tuple[str | None, bool]:
    """The period a normalised sentence speaks of (`2025-Q2`, `2025-H1`, `2025-06`, `2025`)
    and whether its year was guessed; (None, False) when it names none, or names a fiscal
    year (its calendar depends on the company: `fiscal_quarter`)."""
    if fiscal_year_named(text):
        return None, False
    relative = _relative_period(text, published)
    if relative is not None:
        return relative, False
    ending = _QUARTER_ENDING.search(text)
    if ending:
        found = parse_relative(ending.group("month"), published, prefer)
        if found and found.month % 3 == 0:
            return f"{found.year}-Q{found.month // 3}", True
    span = _month_span(text, published, prefer)
    if span is not None:
        return span, False
    first = _FIRST_MONTHS.search(text)
    if first:
        letter = "Q1" if first.group("n").lower() in ("3", "three") else "H1"
        if first.group("year"):
            return f"{first.group('year')}-{letter}", False
        ended = 3 if letter == "Q1" else 6  # the year whose first months are over
        return f"{published.year if published.month > ended else published.year - 1}-{letter}", (
            first.group(0).lower().endswith("months")
        )
    quarter = _QUARTER.search(text)
    if quarter:
        return _part_of_year("Q", quarter, text, published, prefer)
    half = _HALF.search(text)
    if half:
        return _part_of_year("H", half, text, published, prefer)
    # A month named alone, not a day of it ("Sept 1" dates the news, "in August" the figure).
    for month in _MONTH.finditer(text):
        if re.match(r"\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", text[month.end() :]):
            continue
        if re.search(r"(?<![\d,.])\b\d{1,2}(?:st|nd|rd|th)?\s+$", text[: month.start()]):
            continue  # "15 July": a day, not the month (its year is the day's, not the month's)
        # "next September" is still to come and "last September" past, whatever the
        # reading prefers
        said = re.search(r"\b(next|last)\s+$", text[: month.start()], re.IGNORECASE)
        if said and month.group("year") is None:
            toward: Prefer = "future" if said.group(1).lower() == "next" else "past"
            found = parse_relative(month.group(0), published, toward)
            if found:
                return f"{found.year}-{found.month:02d}", False
        found = parse_relative(month.group(0), published, prefer)
        if found:
            return f"{found.year}-{found.month:02d}", month.group("year") is None
        break
    season = _season_year(text, published, prefer)
    if season is not None:
        return season, False
    relative_year = _RELATIVE_YEAR.search(text)
    if relative_year:
        word = relative_year.group(0).split()[0].lower()
        return str(published.year + {"last": -1, "this": 0, "next": 1}[word]), False
    year = _YEAR.search(text)
    if year is None and _THIS_YEAR.search(text):
        return str(published.year), False
    if year:
        return year.group(1), False
    return None, False


# A season, which starts in its month ("next spring" is the next one to start; winter, which
# straddles two years, is left out): "next spring", "in the autumn", "summer 2027".
_SEASON = re.compile(
    r"\b(?:(?P<which>next|this|coming|last|the\s+coming)\s+|(?P<bare>in\s+(?:the\s+)?))?"
    r"(?P<season>spring|summer|autumn|fall)(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d))?\b",
    re.IGNORECASE,
)
_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}


def _season_year(text: str, published: date, prefer: Prefer) -> str | None:
    """The year of the season a sentence names ("next spring" written in November: the next
    year's), or None when it names none; a season alone needs "in" ("sales fall" is none)."""
    for match in _SEASON.finditer(text):
        if match.group("year"):
            return match.group("year")
        which = (match.group("which") or "").lower().split()[-1:] or [""]
        if not which[0] and not match.group("bare"):
            continue
        starts = date(published.year, _SEASON_STARTS[match.group("season").lower()], 1)
        if which[0] == "this":
            return str(published.year)
        toward = {"next": "future", "coming": "future", "last": "past"}.get(which[0], prefer)
        if toward == "future":
            return str(published.year if starts > published else published.year + 1)
        return str(published.year if starts <= published else published.year - 1)
    return None


def _part_of_year(
    letter: str, match: re.Match[str], text: str, published: date, prefer: Prefer
) -> tuple[str, bool]:
    """The quarter (`Q`) or half (`H`) a match of `_QUARTER` or `_HALF` names, with its
    year: the one written ("Q3 2025", "2H26"), else one just before, else the nearest."""
    key = letter.lower()
    named = match.group(key) or match.group(f"{key}2") or match.group(f"{key}3")
    number = int(named or _ORDINAL[match.group("word").lower()])
    short = match.group("yy") or match.group("yy2")
    year = f"20{short}" if short else match.group("year") or _year_before(text[: match.start()])
    return _with_year(letter, number, year, 3 if letter == "Q" else 6, published, prefer)


def _relative_period(text: str, published: date) -> str | None:
    """A month or quarter named relative to publication ("last month", "this quarter")."""
    month = _RELATIVE_MONTH.search(text)
    if month:
        index = published.year * 12 + published.month - 1 + _SHIFT[month.group("which").lower()]
        return f"{index // 12}-{index % 12 + 1:02d}"
    quarter = _RELATIVE_QUARTER.search(text)
    if quarter:
        which = re.sub(r"\s+", " ", quarter.group("which").lower())
        index = published.year * 4 + (published.month - 1) // 3 + _SHIFT[which]
        return f"{index // 4}-Q{index % 4 + 1}"
    return None


def _month_span(text: str, published: date, prefer: Prefer) -> str | None:
    """The quarter or half a span of months names ("from April through June" -> Q2), or
    None when it names no such span."""
    match = _MONTH_SPAN.search(text)
    if not match:
        return None
    first = datetime.strptime(
        (match.group("first") or match.group("first2"))[:3].title(), "%b"
    ).month
    last = datetime.strptime(match.group("last")[:3].title(), "%b").month
    months = last - first + 1
    if months not in (3, 6) or (first - 1) % months:
        return None
    letter, number = ("Q", (first + 2) // 3) if months == 3 else ("H", (first + 5) // 6)
    return _with_year(letter, number, match.group("year"), months, published, prefer)[0]


def _year_before(text: str) -> str | None:
    match = _QUARTER_YEAR_BEFORE.search(text)
    return match.group(1) if match else None


def _with_year(
    letter: str, number: int, year: str | None, months: int, published: date, prefer: Prefer
) -> tuple[str, bool]:
    """A quarter or half with its year: the one given, else the latest begun (past) or the
    next not yet ended (future) around the publication date."""
    if year:
        return f"{year}-{letter}{number}", False
    first_month = (number - 1) * months + 1
    begun = date(published.year, first_month, 1) <= published
    last_month = first_month + months - 1
    ended = date(published.year, last_month, 28) < published
    guess = published.year if (begun if prefer == "past" else not ended) else None
    if guess is None:
        guess = published.year - 1 if prefer == "past" else published.year + 1
    return f"{guess}-{letter}{number}", True


def stated_day(text: str, published: date) -> date | None:
    """The day a sentence dates its own news ("said on Tuesday", "on June 30"): a day on or
    before publication and at most a year before it; None when it names no such day. A
    weekday that is the publication's own is that day; a month and day still ahead in the
    publication's year is a plan, not the day of the news."""
    match = _WEEKDAY.search(text) or _DAY.search(text)  # "said on Tuesday" over a dateline
    if not match or re.search(r"\bsince\b[^,.;]{0,40}$", text[: match.start()]):
        return None  # none, or the start of a running count ("since its pre-sale began on…")
    phrase = match.group(0)
    weekday = re.search(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday", phrase)
    if weekday and weekday.group(0) == published.strftime("%A"):
        return published
    if not weekday:
        ahead = parse_relative(phrase, published, "future")
        if ahead is not None and ahead > published and ahead.year == published.year:
            return None
    found = parse_relative(phrase, published, "past")
    if found is None or found > published or found < published - timedelta(days=366):
        return None
    return found


def day_to_come(text: str, published: date) -> date | None:
    """A day and month without a year ("confirmed for 15 July", "on March 3") still ahead in
    the publication's year: that day (the next such day, not last year's), or None. The day
    somebody said something, and a weekday, are not one."""
    for match in _DAY.finditer(text):
        phrase = match.group(0)
        if _SAID_ON.search(text[: match.start()]) or _WEEKDAY.search(phrase):
            continue
        if _YEAR.search(phrase) or not re.search(r"\d", phrase):
            return None
        found = parse_relative(phrase, published, "future")
        ahead = found is not None and found > published and found.year == published.year
        return found if ahead else None
    return None


def future_day(text: str, published: date) -> date | None:
    """A day after publication that the sentence names ("on July 3"), or None; the day
    somebody said something ("said on Tuesday") is not one."""
    for match in _DAY.finditer(text):
        if _SAID_ON.search(text[: match.start()]):
            continue
        found = parse_relative(match.group(0), published, "future")
        return found if found is not None and found > published else None
    return None


def not_before(text: str, published: date) -> date | None:
    """The date after "until", "before", "from" or "by" ("until at least 2027" ->
    2027-01-01; "until March 2026" -> 2026-03-01), or None."""
    match = _UNTIL.search(text)
    if not match:
        return _not_before_period(text, published)
    when = match.group("when")
    if re.fullmatch(r"\d{4}", when):
        return date(int(when), 1, 1)
    found = parse_relative(when, published, "future")
    if found is not None and found <= published:  # "before October 1", written in November
        found = found.replace(year=found.year + 1)
    return found


# "before October", "before the second half of 2026": a month alone, or a part of a year.
_BEFORE_PERIOD = re.compile(
    rf"\b(?:until|till|before|from)\s+(?:at\s+least\s+)?(?P<when>(?:{_MONTHS})\b(?!\s+\d)|"
    r"the\s+(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:half|quarter)\b.*|next\s+year\b)",
    re.IGNORECASE,
)


def _not_before_period(text: str, published: date) -> date | None:
    """The first day of the month or part of a year after "before" or "until" ("not
    before October": the next October from publication), or None."""
    match = _BEFORE_PERIOD.search(text)
    if match is None:
        return None
    said, _ = period(match.group("when"), published, "future")
    if said is None:
        return None
    return first_day(said)


def upcoming(text: str, published: date) -> date | None:
    """The date a plan is due ("within a month", "next month", "by the end of the year",
    "in October"), resolved against `published`, or None."""
    match = _SOON.search(text)
    if not match:
        return None
    found = parse_relative(match.group(0), published, "future")
    return found if found and found >= published.replace(day=1) else None


def year_of(text: str) -> str | None:
    """The first four-digit year a sentence names, or None."""
    match = _YEAR.search(text)
    return match.group(1) if match else None


def first_day(period_text: str) -> date:
    """The first day of a period `YYYY`, `YYYY-MM`, `YYYY-Qn` or `YYYY-Hn`."""
    year, tail = int(period_text[:4]), period_text[5:]
    if not tail:
        return date(year, 1, 1)
    month = {"Q": 3, "H": 6}[tail[0]] * (int(tail[1:]) - 1) + 1 if tail[0] in "QH" else int(tail)
    return date(year, month, 1)


def last_day(period_text: str) -> date:
    """The last day of a period `YYYY`, `YYYY-MM`, `YYYY-Qn` or `YYYY-Hn`."""
    year = int(period_text[:4])
    if len(period_text) == 4:
        return date(year, 12, 31)
    tail = period_text[5:]
    month = {"Q": 3, "H": 6}.get(tail[0], 1) * int(tail[1:]) if tail[0] in "QH" else int(tail)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)
