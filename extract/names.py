"""Who and where: companies, models and markets named in a sentence.

Markets come from pycountry's country names (plus a few demonyms and regions it does not
carry); companies from a short list of carmakers and the `--company` given by the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Carmakers and their home markets: the home market is what "outside its home market" and
# a launch with no market named refer to.
HOME_MARKETS: dict[str, str] = {
    "Xiaomi": "CN", "BYD": "CN", "NIO": "CN", "XPeng": "CN", "Li Auto": "CN", "Zeekr": "CN",
    "Geely": "CN", "Leapmotor": "CN", "Great Wall": "CN", "Chery": "CN", "SAIC": "CN",
    "Huawei": "CN", "Aito": "CN", "Tesla": "US", "Rivian": "US", "Lucid": "US", "Ford": "US",
    "General Motors": "US", "Volkswagen": "DE", "BMW": "DE", "Mercedes-Benz": "DE",
    "Porsche": "DE", "Audi": "DE", "Toyota": "JP", "Honda": "JP", "Nissan": "JP",
    "Hyundai": "KR", "Kia": "KR", "Land Rover": "GB", "Jaguar": "GB", "Volvo": "SE",
    "Polestar": "SE", "Renault": "FR", "Stellantis": "NL", "VinFast": "VN",
    "Tata Motors": "IN", "Mahindra": "IN",
}  # fmt: skip
# A rival named for comparison ("a direct competitor to the Tesla Model Y"), or a partner,
# is not the subject.
_RIVAL = re.compile(
    r"\b(?:competitor|rival|alternative|challenger)s?\s+(?:to|of|for)\s+(?:the\s+)?"
    r"|\b(?:than|versus|vs\.?|against|rivall?ing|taking on)\s+(?:the\s+)?"
    # A partner named beside the subject ("its joint venture with Stellantis") is not it.
    r"|\b(?:joint\s+venture|partnership|partner(?:ing)?|tie-up|run)\s+with\s+(?:the\s+)?"
    # An owner ("controlled by Geely") or a host ("at Volvo's plant") is not the subject.
    r"|\b(?:controlled|owned|backed|majority-owned)\s+by\s+(?:the\s+)?|\bat\s+(?=\w+'s\s)"
    r"|\bat\s+(?:(?:a|an|the)\s+)?(?:former\s+|old\s+)?(?=\w+\s+(?:plant|factory|site)\b)",
    re.IGNORECASE,
)
_MODEL = re.compile(
    r"(?<![\w-])(?:Model\s[3SXY]|(?:VF|EV|ID\.)\s?\d{1,2}|(?:Ioniq|Kona|Niro|Aion|Deepal|"
    r"Avatr|Luxeed|Voyah|Lynk\s&\sCo)\s\d{1,3}[A-Z]?|\d[A-Z]|Cybertruck|Seal(?:ion\s\d+)?|Dolphin|Seagull|Atto\s\d|"
    r"Han|Tang|Qin(?:\sPlus)?|Song(?:\sPlus)?|Mona\sM\d\d|Onvo\sL\d\d|Firefly|"
    r"[A-Z]{1,3}\d{1,2}[A-Z]?\+?|[A-Z]{1,2}\d{3}|i[A-Z]?\d{1,2}|[a-z][A-Z]\d[A-Z]?|[A-Z]\s\d{3}|[A-Z][a-z]{2,}\s\d{1,3})(?![\w-])"
)
_NOT_A_MODEL = re.compile(
    r"^(?:Q[1-4]|H[12]|G[78]|G20|COP\d+|CO2|MWC|[A-Z]\d{4}|[2345][GD]|[1-4][QH])$"
)
# Capitalised words that a number follows without making a model name ("Phase 2", "June 30").
_NOT_A_MODEL_WORD = re.compile(
    r"^(?:Phase|Stage|Level|Chapter|Article|Section|Top|Gen|Generation|Euro|Formula|Covid|"
    r"Windows|Class|Category|Tier|Line|Plant|Factory|Week|Day|Year|Round|Version|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|Route|Highway|Terminal|Gate|Hall|Booth|Building|No|Number|"
    r"Within|Over|About|Around|Nearly|Some|Just|Only|After|Before|For|From|Since|Until|With|"
    r"The|All|More|Less|Than|Almost|Roughly|Under|Above|Below|Past|Last|Next|Every|Each|Per|"
    r"Only|Another|Its|Their|Our|And|But|Also|Of|To|In|On|At|By|Up|Top|Some|Nearly)$"
)
_DEMONYMS: dict[str, str] = {
    "Europe": "EU", "European": "EU", "EU": "EU", "European Union": "EU", "Chinese": "CN",
    "German": "DE", "French": "FR", "British": "GB", "UK": "GB", "Britain": "GB",
    "American": "US", "U.S.": "US", "US": "US", "USA": "US", "America": "US",
    "Japanese": "JP", "Indian": "IN", "Norwegian": "NO", "Dutch": "NL", "Spanish": "ES",
    "Italian": "IT", "Thai": "TH", "Australian": "AU", "Mexican": "MX", "Brazilian": "BR",
    "Turkish": "TR", "Turkey": "TR", "Hungarian": "HU", "Korean": "KR", "South Korea": "KR",
    "Russia": "RU", "Russian": "RU", "Vietnam": "VN", "Vietnamese": "VN", "Swedish": "SE",
    "Danish": "DK", "Belgian": "BE", "Polish": "PL", "Israeli": "IL", "Emirati": "AE",
    "UAE": "AE", "Saudi": "SA", "Indonesian": "ID", "Malaysian": "MY", "Singaporean": "SG",
    "Canadian": "CA", "Swiss": "CH", "Austrian": "AT", "Portuguese": "PT", "Irish": "IE",
    "Taiwan": "TW", "Taiwanese": "TW", "Iran": "IR", "Laos": "LA",
}  # fmt: skip
_OUTSIDE = re.compile(r"\b(?:outside|beyond|out of)\s+(?:of\s+)?(?:the\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence, its canonical form and where it starts."""

    name: str
    start: int
    end: int


def _mentions(pattern: re.Pattern[str], text: str, canonical: dict[str, str]) -> list[Mention]:
    return [
        Mention(canonical.get(m.group(0).lower(), m.group(0)), m.start(), m.end())
        for m in pattern.finditer(text)
    ]


def _rival_spans(text: str) -> list[tuple[int, int]]:
    """Where a rival is named: from the comparing word to the next comma or full stop (at
    most a few words on)."""
    spans = []
    for match in _RIVAL.finditer(text):
        stop = re.compile(r"[,.;]").search(text, match.end())
        end = min(match.end() + 25, stop.start() if stop else len(text))
        spans.append((match.start(), end))
    return spans


def _outside_rivals(mentions: list[Mention], text: str) -> list[Mention]:
    spans = _rival_spans(text)
    return [m for m in mentions if not any(a <= m.start <= b for a, b in spans)]


@lru_cache(maxsize=64)
def _company_pattern(extra: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    names = {name.lower(): name for name in HOME_MARKETS}
    names.update({name.lower(): name for name in extra})
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE), names


def companies(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    """The companies a sentence names as actors, in order (rivals named for comparison
    left out), spelled as in the list of carmakers or as the user gave them."""
    pattern, names = _company_pattern(extra)
    found = _outside_rivals(_mentions(pattern, text, names), text)
    return list(dict.fromkeys(m.name for m in found))


@lru_cache(maxsize=1)
def _brand_model() -> re.Pattern[str]:
    """A carmaker's name and a number: models named after their brand ("Polestar 4")."""
    alternation = "|".join(re.escape(n) for n in sorted(HOME_MARKETS, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})\s\d{{1,3}}(?![\w-])")


# A model named by letters alone, known by the article before it: "the electric CLA".
_LETTERS_MODEL = re.compile(
    r"\b[Tt]he\s+(?:(?:new|electric|all-electric|updated|refreshed|latest|compact|flagship|"
    r"entry-level|long-range|redesigned)\s+)*(?P<name>[A-Z]{2,4})(?![\w.-]|\s\d)"
)
_ACRONYMS = frozenset(
    re.split(
        r"\s+",
        "EV EVS SUV MPV CEO CFO COO CTO IAA MWC CES IPO AI GDP VAT US UK EU USA UAE GAC SAIC "
        "BYD NIO BMW GM VW FAW JV OEM NEV PHEV BEV HEV ICE",
    )
)


def _letters_models(text: str) -> list[Mention]:
    found = []
    for match in _LETTERS_MODEL.finditer(text):
        name = match.group("name")
        if name not in _ACRONYMS and not _market_names().get(name) and not companies(name):
            found.append(Mention(name, match.start("name"), match.end("name")))
    return found


def models(text: str) -> list[Mention]:
    """The model names of a sentence (SU7, Model Y, Seal, ET5, Polestar 4, bZ3X, G 580, "the
    electric CLA"…), rivals left out, in order."""
    branded = _mentions(_brand_model(), text, {}) + _letters_models(text)
    found = [
        m
        for m in _mentions(_MODEL, text, {})
        if not _NOT_A_MODEL.match(m.name)
        and not _NOT_A_MODEL_WORD.match(m.name.split()[0])
        and not any(b.start <= m.start < b.end for b in branded)
    ]
    return _outside_rivals(sorted(branded + found, key=lambda m: m.start), text)


@lru_cache(maxsize=1)
def _market_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:
                names[name] = country.alpha_2
    names.update(_DEMONYMS)
    return names


@lru_cache(maxsize=1)
def _market_pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(n) for n in sorted(_market_names(), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def markets(text: str) -> list[Mention]:
    """The markets a sentence names by country, demonym or region ("Europe" -> EU,
    "Norwegian" -> NO), each as its code, in order."""
    names = _market_names()
    return [
        Mention(names[m.group(0)], m.start(), m.end()) for m in _market_pattern().finditer(text)
    ]


def excluded_markets(text: str) -> list[str]:
    """Markets the sentence puts outside ("outside of China" -> CN)."""
    return [m.name for m in markets(text) if _OUTSIDE.search(text[: m.start])]


def included_markets(text: str) -> list[str]:
    """Markets named in a sentence other than those it puts outside, without repeats."""
    return list(
        dict.fromkeys(m.name for m in markets(text) if not _OUTSIDE.search(text[: m.start]))
    )


@lru_cache(maxsize=256)
def place_market(place: str) -> str | None:
    """The market of a place: a country or region name, or a city or province that
    pycountry lists as a subdivision ("Barcelona" -> ES, "Beijing" -> CN)."""
    import pycountry

    code = _market_names().get(place)
    if code:
        return code
    for subdivision in pycountry.subdivisions:
        # Subdivision names may carry a suffix: "Beijing Shi", "Barcelona [Barcelona]".
        if subdivision.name == place or subdivision.name.startswith(place + " "):
            return str(subdivision.country_code)
    return None


def home_market(company: str) -> str | None:
    """The company's home market, when it is a carmaker mxt knows."""
    lowered = {name.lower(): code for name, code in HOME_MARKETS.items()}
    return lowered.get(company.lower())
