"""Figures in a sentence: counts with their bounds, durations and month spans.

Every function reads the *normalised* sentence (`normalise`): typographic quotes and dashes
made plain, and numbers in words made digits by text2num ("three minutes" -> "3 minutes").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

# Scales, the Indian lakh (100,000) and crore (10 million) among them.
_MULTIPLIER = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "mln": 1_000_000,
               "m": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
               "lakh": 100_000, "lakhs": 100_000, "lac": 100_000, "crore": 10_000_000,
               "crores": 10_000_000}  # fmt: skip
_SCALES = r"thousand|million|mln|billion|bn|lakhs?|lac|crores?|k"
_SCALED = re.compile(rf"(?<![\w.])(\d+(?:\.\d+)?)\s*({_SCALES})\b", re.I)
_SCALED_RANGE = re.compile(
    rf"(?<![\w.])(\d+(?:\.\d+)?)(\s*(?:-|–|to|and)\s*)(\d+(?:\.\d+)?)\s*({_SCALES})\b",
    re.I,
)
# Grouped in thousands (240,000) or the Indian way (1,92,984), or plain.
_NUMBER = r"\d{1,2}(?:,\d\d)+,\d{3}(?!\d)|\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_BOUND_WORDS: dict[str, str] = {
    "more than": "at-least", "over": "at-least", "above": "at-least", "at least": "at-least",
    "exceeding": "at-least", "in excess of": "at-least", "upwards of": "at-least",
    "north of": "at-least", "surpassing": "at-least", "topping": "at-least",
    "top": "at-least", "tops": "at-least", "topped": "at-least", "to exceed": "at-least",
    "to surpass": "at-least", "to cross": "at-least", "to top": "at-least",
    "to pass": "at-least", "not less than": "at-least", "no fewer than": "at-least",
    "crossed": "at-least", "surpassed": "at-least", "exceeded": "at-least",
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
    r"(?P<n>\d+(?:\.\d+)?|an?|half a)(?:\s*|-)(?P<unit>months?|weeks?|years?)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class Figure:
    """A count found in the text, with its bound (`high` for a range), where it stands, and
    what it counts: `count` (units of the fact at hand) or one of the things that are not
    such a count (`capacity`, `area`, `money`, `share`, `earlier`, `rate`, `threshold`,
    `cumulative`, `estimate`, `industry`, `other`)."""

    value: int
    bound: str
    high: int | None
    start: int
    end: int
    role: str = "count"


# What a figure counts, from the words around it: capacity, floor area, money, shares, a
# year-earlier comparison, a whole market's total, or people and places rather than cars.
_AREA_AFTER = re.compile(
    r"^\s*(?:-\s*)?(?:square|sq\.?|sqm|m2|m²|acres?|hectares?|ha\b|mu\b|tons?|tonnes?|gwh|mwh|"
    r"gw\b|mw\b)",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(
    r"(?:[$€£¥₹]|\b(?:rs\.?|inr|usd|eur|rmb|cny|yuan|us\$)\s?)$|\b(?:priced|price[sd]?|costs?|"
    r"costing|worth|valued|invest\w*|spend\w*|revenue|profit|loss|funding|raised|budget|"
    r"starting|starts?)\s+(?:at|of|from)?\s*(?:about\s+|around\s+|just\s+|only\s+)?$",
    re.IGNORECASE,
)
_MONEY_AFTER = re.compile(
    r"^\s*(?:yuan|rmb|cny|rupees?|lakh|crore|dollars?|euros?|usd|eur|yen|won|pounds?|"
    r"baht|ringgit|reais|rand|dirhams?)\b",
    re.IGNORECASE,
)
_SHARE_AFTER = re.compile(r"^\s*(?:shares|stock|stake)\b", re.IGNORECASE)
_CAPACITY_BEFORE = re.compile(
    r"\b(?:capacity|capable\s+of|able\s+to\s+(?:build|make|produce|assemble|turn\s+out)|"
    r"can\s+(?:build|make|produce|assemble|turn\s+out)|designed\s+to\s+(?:build|make|produce)|"
    r"(?:build|make|produce|assemble|turn\s+out)\s+up\s+to|room\s+for|space\s+for)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_CAPACITY_AFTER = re.compile(
    r"^[^.;,]{0,40}?\b(?:(?:a|per)\s+year(?!\s+(?:earlier|ago|before|'s))|annually|a\s+year's|annual|per\s+annum|of\s+capacity|"
    r"-?units?\s+(?:of\s+)?(?:annual\s+)?capacity|capacity)\b",
    re.IGNORECASE,
)
_EARLIER = re.compile(
    r"\b(?:a\s+year\s+(?:earlier|ago|before)|year-(?:ago|earlier)|last\s+year'?s?|the\s+"
    r"(?:same|year-ago|prior-year)\s+(?:period|month|quarter)|(?:up|down|compared|rising|falling|"
    r"rose|fell|increased|decreased|climbed|dropped|jumped|grew|gained|slid|slipped)\s+"
    r"(?:[\w.%]+\s+){0,2}(?:from|with|against|on)|versus|vs\.?|compared\s+(?:with|to)|against|"
    r"(?:after|following)\s+(?:selling|delivering|producing|shipping|exporting|sales\s+of|"
    r"deliveries\s+of)|for\s+comparison\W+(?:\w+\W+){0,6}|"
    # a figure something is measured against: "beat the 330,325 units", "nearly double the
    # 417,204 it sold"
    # "a touch below the 13,972 it delivered a year earlier"
    r"(?:below|above|short\s+of|shy\s+of)\s+(?=the\s)|"
    r"(?:beat|beats|beating|outpac\w*|outsold|outstripp?\w*|(?:double|triple|twice|treble|"
    r"half)(?:\s+of)?)\s+(?=the\s|its\s|last\s+year's\s))\s*(?:the\s+|a\s+|an\s+|its\s+|"
    r"last\s+year's\s+)?(?:about\s+|around\s+|some\s+|nearly\s+|roughly\s+)?$",
    re.IGNORECASE,
)
# A clause that opens on a time back ("A year earlier, Kia had sold 250,000"), or a figure
# in a "when" clause about a period compared with ("compared with the first quarter of 2025,
# when it sold 172,219"): the figure of that time, not the news.
_BACK_THEN = re.compile(
    r"(?:(?:^|[;:]\s*|\.\s+)(?:a\s+year\s+(?:earlier|ago|before)|the\s+year\s+before|"
    r"in\s+the\s+(?:same|year-ago|prior-year)\s+(?:period|month|quarter|half)(?:\s+(?:a\s+year\s+"
    r"(?:earlier|ago)|of\s+last\s+year|last\s+year))?)\s*,[^;:]*|"
    r"\b(?:compared\s+(?:with|to)|versus|than|from)\b[^.;]{0,60}?,?\s+when\s+(?:\w+\s+){1,3}"
    r"(?:(?:about|around|some|nearly|roughly|more\s+than|over)\s+)?)$",
    re.IGNORECASE,
)
# A figure a new one follows: "after roughly 429,000 last year", "after 97,399 in 2024".
_AFTER_BEFORE = re.compile(
    r"\bafter\s+(?:(?:about|around|roughly|some|nearly|almost|just\s+over|a\s+record)\s+)?$",
    re.IGNORECASE,
)
_BACK_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:last\s+year|a\s+year\s+(?:earlier|ago|before)|in\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# A whole a share is told of: "44% of the 816,747 vehicles sold", "2.5% of the roughly 43
# lakh", "a share of about 44% of the".
_WHOLE_BEFORE = re.compile(
    r"(?:%|\bper\s*cent|\bpercent|\bshare)\s+of\s+(?:the\s+|all\s+|an\s+estimated\s+)?"
    r"(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+|almost\s+)?$",
    re.IGNORECASE,
)
# A milestone that a figure is the bar of: "the first … to pass 70,000 units in a month".
_BAR_BEFORE = re.compile(
    r"\b(?:first|1st|only|second|2nd|third|3rd)\b[^.;,]{0,60}?\bto\s+(?:pass|cross|top|surpass|exceed|"
    r"break|hit|reach|sell|deliver)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_EARLIER_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:a\s+year\s+(?:earlier|ago|before)|in\s+the\s+year-ago\s+"
    r"(?:period|month|quarter)|in\s+the\s+same\s+(?:period|month|quarter)\s+(?:a\s+year\s+"
    r"(?:earlier|ago|before)|last\s+year|of\s+(?:last\s+year|(?:19|20)\d\d))|"
    # ("in the same period" alone is the period just named: "sales rose to 545,522 in the
    # same period")
    r"(?:in|for)\s+(?:the\s+)?(?:whole\s+of\s+)?last\s+year)",
    re.IGNORECASE,
)
_INDUSTRY = re.compile(
    r"\b(?:(?:overall|total|whole|wider|broader)\s+(?:\w+[- ]){0,2}market|(?:passenger[- ]"
    r"(?:car|vehicle)|nev|new[- ]energy(?:\s+vehicle)?|ev|electric[- ]vehicle|car|auto)\s+"
    r"market\s+(?:sold|grew|rose|fell|total\w*|reached|expanded|shr[ua]nk)|industry[- ]wide|"
    r"nationwide|the\s+industry|the\s+market\s+as\s+a\s+whole|(?:industry|market)\s+"
    r"(?:sales|volumes?|total|data)|(?:total|overall)\s+(?:car|vehicle|ev|nev)\s+sales|"
    r"all\s+(?:carmakers|automakers|brands)|association|CAAM|CPCA|ACEA|SIAM|SMMT|FADA|KBA|"
    r"industry\s+(?:body|group|data)|(?:country|China|India|Europe|Japan)'s\s+(?:automobile|"
    r"car|vehicle|auto|NEV|EV|passenger[- ]car)\s+(?:exports|sales|market|output))\b",
    re.IGNORECASE,
)
# A sentence whose subject is a total, not a company: "The total number of electric cars
# registered in Chile in May was 2,140".
_TOTAL_AS_SUBJECT = re.compile(r"\W*(?:the\s+)?(?:combined\s+)?total\s+number\s+of\b", re.I)
# Products that are not cars: "its tractor sales rose to 50,000", "50,000 scooters".
_NOT_CARS = (
    r"tractors?|two-wheelers?|motorcycles?|motorbikes?|scooters?|bikes?|buses|batteries|"
    r"smartphones?|phones?|chargers?|engines?"
)
_NOT_CARS_BEFORE = re.compile(
    rf"\b(?:{_NOT_CARS})\s+(?:sales|exports|deliveries|output|"
    rf"production|volumes?)\b[^.;,]{{0,30}}$",
    re.IGNORECASE,
)
_OTHER_AFTER = re.compile(
    rf"^\s*(?:\w+\s+)?(?:{_NOT_CARS}|"
    r"employees|workers|jobs|staff|people|engineers|dealers|dealerships|"
    r"stores|showrooms|outlets|chargers|charging|stations|swap|suppliers|cities|countries|"
    r"markets|kilometres|kilometers|km|miles|horsepower|hp|patents|robots|members|users|"
    r"visitors|followers|views|likes|stores?)\b",
    re.IGNORECASE,
)


# A pace rather than a count of a period: "a monthly run rate of 5,000", "5,000 cars a month".
_RATE_BEFORE = re.compile(
    r"\b(?:run[- ]rate|(?:monthly|weekly|daily)\s+(?:\w+\s+){0,2}(?:rate|pace|average|volume)|"
    r"(?:rate|pace)\s+of|averag\w*)\b[^.;]{0,25}$",
    re.IGNORECASE,
)
_RATE_AFTER = re.compile(
    r"^[^.;,]{0,25}?\b(?:(?:a|per|each|every)\s+(?:month|week|day|quarter)|monthly|weekly|daily|"
    r"on\s+average)\b",
    re.IGNORECASE,
)
# A running total rather than a period's count: "cumulative deliveries", "so far".
_CUMULATIVE = re.compile(
    r"\b(?:cumulative(?:ly)?|in\s+total\s+since|to\s+date|since\s+(?:launch|inception|its\s+"
    r"(?:founding|launch|debut))|all[- ]time|lifetime|so\s+far|year[- ]to[- ]date|YTD|since|"
    r"(?:in\s+)?the\s+(?:1st|first)\s+(?:2|4|5|7|8|9|10|11|two|four|five|seven|eight|"
    r"nine|ten|eleven)\s+months)\b",  # (the first 3 or 6 months are a quarter or a half)
    re.IGNORECASE,
)


def running_total(text: str) -> bool:
    """True when a normalised sentence counts from a start rather than over a period ("in
    the first nine months", "so far this year", "year-to-date"): a figure of it is a running
    total (not "on sale since September", which counts nothing)."""
    return bool(_CUMULATIVE.search(text)) and any(
        f.role == "cumulative" for f in counts(text, every=True)
    )


# Somebody else's estimate of the figure: "analysts had pencilled in about 387,000".
_ESTIMATE_BEFORE = re.compile(
    r"\b(?:analysts?|consensus|estimates?|estimated|forecasters?|pencill?ed\s+in|polled|"
    r"expectations?\s+(?:of|for))\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_FACTORY_WORDS = re.compile(
    r"\b(?:capacity|plant|factory|facility|facilities|site|line|lines|capable|able\s+to)\b",
    re.IGNORECASE,
)
# A threshold of a streak ("the eighth straight month of over 20,000"): a claim, not a count.
_STREAK = re.compile(
    r"\b(?:straight|consecutive|successive|in\s+a\s+row|running)\s*(?:months?|quarters?|years?)?",
    re.IGNORECASE,
)


_BAR_WORD = re.compile(
    r"\b(?:above|over|topp?(?:ed|ing)?|tops|exceed\w*|surpass\w*|more\s+than|at\s+least|beyond|"
    r"past|pass\w*|cross\w*)\s+$",
    re.IGNORECASE,
)


# A listing's code: "(NYSE: NIO, HKEX: 9866)".
_TICKER_BEFORE = re.compile(
    r"\b(?:NYSE|NASDAQ|HKEX|HKSE|SSE|SZSE|SGX|NSE|BSE|TSE|KRX|LSE|SEHK|stock\s+code|ticker)\s*:?\s*$",
    re.IGNORECASE,
)


# A currency's ISO 4217 code just before a figure: "MAD 157000000000", "EUR 14.2bn".
_CODE_BEFORE = re.compile(r"(?<![\w-])(?P<code>[A-Z]{3})\s?$")
# More than any maker builds in years (the world builds about 90 million vehicles a year): a
# figure above it counts money or something else, never vehicles.
MOST_VEHICLES = 200_000_000


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    """The ISO 4217 codes of currencies (pycountry), but those a carmaker is named by
    ("NIO")."""
    import pycountry

    from .names import companies

    return frozenset(
        c.alpha_3 for c in pycountry.currencies if not companies(c.alpha_3, actors_only=False)
    )


def _in_currency(before: str) -> bool:
    """True when the words before a figure end with a currency's code ("MAD 157 …")."""
    code = _CODE_BEFORE.search(before)
    return code is not None and code.group("code") in _currency_codes()


def _role(text: str, start: int, end: int) -> str:
    """What the figure at text[start:end] counts (see `Figure.role`)."""
    before, after = text[max(0, start - 60) : start], text[end:]
    if _TICKER_BEFORE.search(before):
        return "other"
    if _AREA_AFTER.match(after):
        return "area"
    if _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after) or _in_currency(before):
        return "money"
    if _SHARE_AFTER.match(after):
        return "share"
    if _OTHER_AFTER.match(after) or _NOT_CARS_BEFORE.search(before):
        return "other"
    if _EARLIER.search(before) or _EARLIER_AFTER.match(after):
        return "earlier"
    if _BACK_THEN.search(text[max(0, start - 120) : start]):
        return "earlier"
    if _AFTER_BEFORE.search(before) and _BACK_AFTER.match(after):
        return "earlier"  # "is targeting 550,000 in 2026, after roughly 429,000 last year"
    if _WHOLE_BEFORE.search(before):
        return "industry"
    if _BAR_BEFORE.search(before):
        return "threshold"
    if _CAPACITY_BEFORE.search(before):
        return "capacity"
    if _RATE_BEFORE.search(before) or _RATE_AFTER.match(after):
        return "rate"
    if _CAPACITY_AFTER.match(after) and _FACTORY_WORDS.search(text):
        return "capacity"
    # a streak's bar: "the eighth straight month of over 20,000", "topped 20,000 for the
    # third straight month" (not "delivered 40,397, its third straight month above 30,000")
    if _STREAK.search(text[max(0, start - 80) : end + 40]) and _BAR_WORD.search(before):
        return "threshold"
    # a running total told anywhere before the figure in its clause ("Year-to-date retail
    # sales reached around 44,482"), or just after it
    clause_start = max(text.rfind(c, 0, start) for c in ";,:") + 1
    if _CUMULATIVE.search(text[max(clause_start, start - 80) : start]) or _CUMULATIVE.search(
        text[end : end + 25]
    ):
        return "cumulative"
    if _ESTIMATE_BEFORE.search(before):
        return "estimate"
    window = text[max(0, start - 50) : end + 50]
    if _INDUSTRY.search(window) or _TOTAL_AS_SUBJECT.match(text[clause_start:start]):
        return "industry"
    return "count"


_SHOUTED_WORD = re.compile(r"[A-Z][A-Z'&.-]*")
_MONTH_OR_DAY = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$"
)


_TITLED_WORD = re.compile(r"\b[A-Z][A-Za-z'&.-]*")
# The short words of grammar, not names: in a line of capitals they are lowered too.
_FUNCTION_WORD = re.compile(
    r"(?i:a|an|the|in|on|at|to|of|for|by|up|as|and|or|but|nor|no|not|its|his|her|our|all|"
    r"out|off|new|say|has|had|was|are|is|be|via|per|yet|now|too|due|set|top|cut|may|can)"
)


def unshouted(text: str) -> str:
    """A line written in capitals (a wire's headline) in ordinary case, so that it reads as
    a sentence does: names of companies, markets, months and days capitalised, other words
    of four letters or more in lower case; short words ("UK", "BYD", "EV") and codes with
    figures ("VF 6", "Q1") as written. Any other text as it is."""
    if re.search(r"[a-z]", text) or len(re.findall(r"[A-Z]{4,}", text)) < 2:
        return text
    from .names import company_mentions, markets

    def titled(word: str) -> str:
        return word if len(word) <= 3 else word[0] + word[1:].lower()

    title = _SHOUTED_WORD.sub(lambda m: titled(m.group(0)), text)
    kept = [(m.start, m.end) for m in company_mentions(title, actors_only=False)]
    kept += [(m.start, m.end) for m in markets(title)]

    def cased(match: re.Match[str]) -> str:
        word = match.group(0)
        inside = any(start <= match.start() < end for start, end in kept)
        if inside or _MONTH_OR_DAY.match(word):
            return word
        if len(word) <= 3 and not _FUNCTION_WORD.fullmatch(word):
            return word
        return word.lower()

    return _TITLED_WORD.sub(cased, title)


def normalise(sentence: str) -> str:
    """The sentence with plain quotes and dashes, scaled numbers written out ("1.2 million"
    -> "1200000") and numbers in words as digits."""
    from text_to_num import alpha2digit  # numbers in words: a library, not a word list

    text = sentence.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = unshouted(text)
    text = text.replace("—", ", ").replace(" – ", ", ")
    text = _FRACTION_OF.sub(_fraction_written_out, text)
    text = _SCALED_RANGE.sub(_range_written_out, text)
    text = _SCALED.sub(_written_out, text)
    text = _WORD_SPAN.sub(lambda m: f"{_SMALL[m.group(1).lower()]}-{m.group(2)}", text)
    text = _VAGUE.sub("some", text)
    return str(alpha2digit(text, "en", threshold=0))


# A quantity told vaguely is no figure: "a few hundred orders", "several thousand",
# "hundreds of thousands of cars" (read as "some").
_VAGUE = re.compile(
    r"\b(?:(?:a\s+few|several|some|many)\s+(?:hundred|thousand|million)(?:\s+(?:thousand|million))?"
    r"|(?:tens|hundreds|thousands|millions)\s+of(?:\s+(?:thousands|millions)\s+of)?)\b",
    re.IGNORECASE,
)


# A span in words joined to its unit, which `alpha2digit` leaves: "a six-month wait".
_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_WORD_SPAN = re.compile(rf"\b({'|'.join(_SMALL)})-(months?|weeks?|years?|days?)\b", re.IGNORECASE)


_FRACTIONS = {"half": Decimal("0.5"), "a quarter": Decimal("0.25"),
              "three-quarters": Decimal("0.75"), "three quarters": Decimal("0.75")}  # fmt: skip
_FRACTION_OF = re.compile(
    r"\b(half|a\s+quarter|three[- ]quarters)\s+(?:of\s+)?an?\s+(million|billion)\b", re.I
)


def _fraction_written_out(match: re.Match[str]) -> str:
    """ "half a million" -> "500000"."""
    fraction = _FRACTIONS[re.sub(r"\s+", " ", match.group(1).lower())]
    return str(int(fraction * _MULTIPLIER[match.group(2).lower()]))


def _written_out(match: re.Match[str]) -> str:
    number = Decimal(match.group(1)) * _MULTIPLIER[match.group(2).lower()]
    return str(int(number)) if number == number.to_integral_value() else match.group(0)


def _range_written_out(match: re.Match[str]) -> str:
    if is_year(match.group(1)):  # "in 2024 and 1.3 million in 2025": a year, then a figure
        return (
            match.group(1)
            + match.group(2)
            + _SCALED.sub(_written_out, match.group(0)[match.start(3) - match.start() :])
        )
    unit = match.group(4)
    low = _SCALED.sub(_written_out, f"{match.group(1)} {unit}")
    high = _SCALED.sub(_written_out, f"{match.group(3)} {unit}")
    return f"{low}{match.group(2)}{high}"


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def is_year(text: str) -> bool:
    """True for a bare four-digit year such as `2025` (never a count)."""
    return bool(re.fullmatch(r"(19|20)\d\d", text))


# A word shaped as a model's name, never a plain word: a small letter or two before a
# capital ("eActros", "iCar", "eVitara"); a number right after it is part of the name.
_MODEL_WORD_BEFORE = re.compile(r"(?<![\w-])[a-z]{1,2}[A-Z][a-z]\w*\s$")


def counts(text: str, minimum: int = 1, every: bool = False) -> list[Figure]:
    """The whole counts of a normalised sentence with their bounds ("more than 240,000" ->
    240000 at-least; "38,500 to 39,500" -> a range), leaving out years, percentages, money
    written as a unit, ordinals, durations and counts below `minimum`; and, unless `every`,
    the figures that are not counts of the fact at hand (capacity, area, prices, shares,
    last year's, a whole market's: `Figure.role`)."""
    found: list[Figure] = []
    for match in _FIGURE.finditer(text):
        low, high = match.group("low"), match.group("high")
        if is_year(low) and (not high or is_year(high)):
            continue  # a year, or a span of years ("between 2025 and 2030")
        if is_year(low):  # "in 2024 and 1,300,000 in 2025": a year, then a figure of its own
            found.extend(_figure(text, high, match.start("high"), match.end(), "exact"))
            continue
        if _NOT_A_COUNT_AFTER.match(text[match.end() :]):
            continue
        if re.search(r"(?<![\w-])[A-Z]{1,3}-$", text[: match.start("low")]):
            continue  # a model's code: "F-150", "CX-90"
        if _MODEL_WORD_BEFORE.search(text[: match.start("low")]):
            continue  # the number of a model's name: "the eActros 600"
        value, top = _number(low), _number(high) if high else None
        if value != value.to_integral_value() or value < minimum:
            continue
        if value > MOST_VEHICLES:
            continue  # money or something else, never a count of vehicles
        bound = "exact"
        if match.group("word"):
            bound = _BOUND_WORDS[match.group("word").lower()]
        elif match.group("tilde"):
            bound = "about"
        role = _role(text, match.start("low"), match.end())
        if top is not None and top > value and top == top.to_integral_value():
            found.append(Figure(int(value), "range", int(top), match.start(), match.end(), role))
            continue
        end = match.end() if top is None else match.start("low") + len(low)
        found.append(Figure(int(value), bound, None, match.start(), end, role))
    found = [f for f in found if f.value >= minimum]
    return found if every else [f for f in found if f.role == "count"]


def _figure(text: str, number: str, start: int, end: int, bound: str) -> list[Figure]:
    """The figure a number written alone makes, if it is a whole number."""
    value = _number(number)
    if value != value.to_integral_value():
        return []
    return [Figure(int(value), bound, None, start, end, _role(text, start, end))]


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


# A span told as what something changed from: "eased to 4 months, from more than a year".
_FROM_BEFORE = re.compile(
    r"\b(?:from|down\s+from|up\s+from|compared\s+with|versus|vs\.?)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


def months_span(text: str) -> float | None:
    """The longest span of months, weeks or years in a normalised sentence, in months
    ("up to a year" -> 12, "8 months" -> 8, "38 weeks" -> 8.7), or None; a span told as
    what it changed from ("to 4 months, from more than a year") is not read."""
    longest: float | None = None
    for match in _SPAN.finditer(text):
        if _FROM_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
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
