"""One function per kind of fact: each reads one sentence (a `Clue`) and answers the drafts
of its kind found there, with what it had to guess."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from mxt.events.content import Content

from . import figures, names, when
from .figures import Figure
from .roles import MONTH_MAY, Role, hedged, role_of
from .sentences import split_clauses

# The company of a text that names none (no draft of it is typed).
UNKNOWN_COMPANY = "Unknown"


@dataclass(frozen=True)
class Clue:
    """One clause and what the text around it tells: its sentence (quoted verbatim, and
    normalised as `sentence`), the company it is about, the model and factory site last
    named, the year a policy of the text names, the clause's role, and the plain-word model
    names known from the text or the store."""

    quote: str
    text: str
    heading: bool
    published: date
    company: str
    company_guessed: bool
    model: str | None
    site: str | None
    horizon: str | None
    period: str | None = None
    sentence: str = ""
    role: Role = Role()
    known: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    """The companies its sentence names as actors (not in a part: "…, of which Zeekr…")."""
    carried: str | None = None
    """The company of the paragraph so far (else the text's subject)."""
    event: str | None = None
    """The one show or fair the text names, with its city ("IAA Mobility, Munich")."""
    setting: str | None = None
    """The country the text is set in, that "here" stands for (`names.setting`)."""
    spoken: bool = False
    """Whether its paragraph is an interview's answer (the company's people speaking)."""
    bodies: tuple[str, ...] = ()
    """The industry bodies, registries and data firms the text names (`names.learned_bodies`)."""

    @property
    def whole(self) -> str:
        """The normalised sentence the clause is part of."""
        return self.sentence or self.text


@dataclass
class Draft:
    """A fact found in a sentence: its kind, its own fields, the day it dates itself (if it
    does) and what had to be guessed; `planned`: its own wording states a plan ("aims to
    deliver": a target), which is no doubt; `expected`: it is an expectation by nature (an
    expected entry)."""

    kind: str
    fields: Content
    guesses: list[str] = field(default_factory=list)
    announced_on: date | None = None
    company: str | None = None
    """The company, when it is not the clause's (a plant's owner beside a brand's model)."""
    planned: bool = False
    expected: bool = False

    @property
    def said(self) -> Content:
        """The fields the draft states (those starting with `_` say where it was read)."""
        return {k: v for k, v in self.fields.items() if not k.startswith("_")}


def _search(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text, re.IGNORECASE)


def _count_fields(figure: Figure, key: str) -> Content:
    """`{key: value}` with `bound` (and `high` for a range) when the figure is not exact."""
    found: Content = {key: figure.value}
    if figure.bound != "exact":
        found["bound"] = figure.bound
    if figure.high is not None:
        found["high"] = figure.high
    return found


def _models(clue: Clue, text: str | None = None) -> list[names.Mention]:
    """The models named in the clause (or `text`), the plain-word names known included."""
    return names.models(clue.text if text is None else text, clue.known)


# An aside set off by commas that opens with a relative word: ", which will be built …,".
_RELATIVE_ASIDE = re.compile(r",\s+(?:which|who|that|whose)\b[^,;]*,")


def _outside_asides(found: list[names.Mention], text: str) -> list[names.Mention]:
    """The models named outside the text's relative asides, when any is (a model named in
    ", which will be built along with the Ioniq 5," is not the one the clause speaks of)."""
    asides = [m.span() for m in _RELATIVE_ASIDE.finditer(text)]
    return [m for m in found if not any(a < m.start < b for a, b in asides)] or found


def _model(clue: Clue, position: int, guesses: list[str]) -> str | None:
    """The model named nearest to `position` in the clause, else the one its sentence
    names, else the one last named before this sentence."""
    found = _outside_asides(_models(clue), clue.text)
    start = clue.whole.find(clue.text)
    # its subject told before ("The electric Colt, built by Renault, | will go on sale …, at
    # twice the Space Star's price"): the subject's model, not one named after the verb
    subject = start > 0 and BARE_VERB.match(clue.text)
    if subject and (not found or all(m.start > position for m in found)):
        before = _outside_asides(_models(clue, clue.whole[:start]), clue.whole[: start + 1])
        if before:
            return before[-1].name
    if found:
        return min(found, key=lambda m: abs(m.start - position)).name
    if names.names_another_vehicle(clue.text):
        return None  # "will begin selling the 0 Series SUV": a model mxt cannot name
    in_sentence = list(dict.fromkeys(m.name for m in _models(clue, clue.whole)))
    if len(in_sentence) == 1:
        return in_sentence[0]
    if clue.model:
        guesses.append(f"model {clue.model} taken from an earlier sentence")
    return clue.model


def _listed(clue: Clue, model: str, position: int = 0) -> list[str]:
    """The model and those listed with it in the clause ("the C10 and B10", "the VF 6, VF 7
    and VF 8"), in order: the list of its mention nearest to `position` (the cue), not of
    another mention of it ("1,840 units (C10 and B10), ahead of the C10's launch" launches
    the C10 alone)."""
    found = _models(clue)
    mentions = [i for i, m in enumerate(found) if m.name == model]
    if not mentions:
        return [model]
    at = min(mentions, key=lambda i: abs(found[i].start - position))
    first = last = at
    # (each perhaps with its body: "the T03 city car and the C10 SUV")
    joined = re.compile(
        rf"(?:\s+(?:[a-z-]+\s+)?(?:{names.BODY_STYLES}|car))?(?:,\s*|\s+and\s+|,\s+and\s+)"
        r"(?:the\s+)?"
    )
    while first > 0 and joined.fullmatch(clue.text[found[first - 1].end : found[first].start]):
        first -= 1
    while last + 1 < len(found) and joined.fullmatch(
        clue.text[found[last].end : found[last + 1].start]
    ):
        last += 1
    return list(dict.fromkeys(m.name for m in found[first : last + 1]))


# Where the fiscal year of a company of these home markets starts, and that it is named
# after the calendar year it ends in ("FY26" runs from April 2025 to March 2026).
_FISCAL_START = {"IN": 4, "JP": 4}


def _fiscal(clue: Clue) -> int | None:
    """The month the clause's company's fiscal year starts in, when mxt knows it."""
    return _FISCAL_START.get(names.home_market(clue.company) or "")


def _period(clue: Clue, text: str, prefer: when.Prefer) -> tuple[str | None, bool]:
    """The period `text` names (`when.period`), a fiscal quarter read on the calendar of
    the clause's company."""
    if when.fiscal_year_named(text):
        fiscal = _fiscal(clue)
        return (when.fiscal_quarter(text, fiscal) if fiscal else None), False
    return when.period(text, clue.published, prefer)


def _home_named(text: str, home: str) -> bool:
    """True when the text names the home market as where its figure counts: "in the U.S.",
    "in Japan", "U.S. sales" (not "Hyundai Motor India sold", a name)."""
    return any(
        m.name == home
        and (
            re.search(r"\b(?:in|across)\s+(?:the\s+)?$", text[: m.start])
            or re.match(r"\s+(?:sales|deliveries|registrations)\b", text[m.end :])
        )
        for m in names.markets(text)
    )


def _scope(clue: Clue, text: str | None = None) -> Content:
    """`markets`/`except` for a figure about sales abroad ("overseas", "outside China") or
    in named foreign markets; empty (worldwide) otherwise. `text`: the words around the
    figure, when the sentence holds several."""
    text = clue.text if text is None else text
    # a reason is not the scope ("…, citing weaker demand in China")
    text = re.split(r",\s+(?:citing|amid|due\s+to|because|as\s+a\s+result\s+of)\b", text)[0]
    if _search(r"\b(?:global|worldwide)\b", text) and not names.excluded_markets(text):
        return {}
    home = names.home_market(clue.company)
    outside = names.excluded_markets(text)
    if outside:
        return {"markets": ["*"], "except": outside}
    if _search(r"\b(?:overseas|abroad|exports?|exported|international(?:ly)?)\b", text) and home:
        return {"markets": ["*"], "except": [home]}
    if _search(r"\b(?:domestic(?:ally)?|home[- ]market|local(?:ly)?)\b", text) and home:
        return {"markets": [home]}
    named = names.included_markets(text)
    if home and named == [home] and _home_named(text, home):
        return {"markets": [home]}  # "Ford sold 545,522 vehicles in the U.S."
    foreign = [code for code in names.included_markets(text) if code != home]
    if foreign and _search(r"\b(?:in|across)\s+(?:the\s+)?[A-Z]", text):
        return {"markets": foreign}
    return {}


_HERE = re.compile(r"\b(?:here|in\s+this\s+country)\b", re.IGNORECASE)


# Words a company's own people speak in: an interview's answer, the first person.
_SPOKEN = re.compile(r"^(?:A|Answer)\s*[:.-]\s|\b(?:we|We|our|Our|we're|We're|we'll|We'll)\b")


def _here(clue: Clue, text: str) -> list[str]:
    """[the country the text is set in] when `text` says "here" ("It won't go on sale here
    before October"), else []."""
    return [clue.setting] if clue.setting and _HERE.search(text) else []


_ORDERS = r"\b(?:pre-?bookings?|pre-?orders?|reservations?|orders?|bookings?|deposits?)\b"


def orders(clue: Clue) -> list[Draft]:
    """Order milestones: "over 200,000 pre-bookings within 3 minutes", "locked in 240,000
    orders"; the stage from the wording (locked, pre-booking, confirmed)."""
    cue = _search(_ORDERS, clue.text)
    if not cue or clue.role.blocks_typing or clue.role.target or clue.role.hedge:
        return []
    if clue.role.plan and not _search(
        r"\b(?:received|recorded|racked|garnered|secured|"
        r"logged|locked|passed|surpassed|topped|crossed|"
        r"exceeded|reached|hit)\b",
        clue.text,
    ):
        return []
    # Orders are counted from the start: "so far", "to date" do not make them another count.
    counted = [
        f for f in figures.counts(clue.text, minimum=100, every=True)
        if f.role in ("count", "cumulative")
    ]  # fmt: skip
    figure = figures.nearest(counted, cue.start())
    if figure is None:
        return []
    guesses: list[str] = []
    text = clue.text.lower()
    if "lock" in text:
        stage = "locked"
    elif _search(r"pre-?book|pre-?order|pre-?sale|reservation|deposit|booking", text):
        stage = "pre-booking"
    else:
        stage = "confirmed"
        guesses.append("stage confirmed (the text names no stage)")
    model = _model(clue, figure.start, guesses)
    if model is None or len(_listed(clue, model)) > 1:
        return []  # no model, or several counted together ("for the XEV 9e and BE 6")
    fields: Content = {"model": model, "stage": stage, **_count_fields(figure, "count")}
    fields["_at"] = figure.start
    within = figures.duration(clue.text)
    if within:
        fields["within"] = within
    return [Draft("orders", {**fields, **_scope(clue)}, guesses)]


_TARGET = (
    r"\b(?:target(?:s|ed|ing)?|goal|objective|ambition|guidance|guid(?:ed|es|ing)|"
    r"forecast(?:s|ed|ing)?|outlook|(?:aims?|aiming|plans?|planning|expects?|expected|hopes?|"
    r"intends?|on\s+track|set|looks?|wants?)\s+to\s+(?:\w+\s+and\s+)?(?:deliver|sell|produce|build|"
    r"make|ship|export|wholesale|reach|hit|achieve|top|exceed|cross|surpass)|(?:aims?|aiming)\s+for|"
    # a figure kept to: "is sticking with 20,000 vehicles for the year"
    r"stick(?:s|ing)?\s+(?:with|to)(?=\s+(?:a|an|its|their|the)?\s*\d)|(?:plans?|planning|"
    r"expects?|sees|projects?|wants?)\s+(?:[\w-]+\s+){0,2}?(?:production|sales|deliveries|output|"
    r"exports|volumes?)\b(?:\s+(?:of|at|to\s+(?:reach|cross|top|exceed|hit|be|rise|grow)))?|"
    r"(?:is|are)\s+(?:planned|expected|forecast|projected)\s+to\s+(?:be|reach|exceed|top|hit|"
    r"cross)|"
    # a figure wanted, whatever it counts: "wants 6,000 registrations in 2027", "hopes for
    # about 9,000 sales"
    r"(?:wants?|seeks?|hopes?\s+for|(?:is|are)\s+(?:aiming|looking|hoping)\s+for)"
    r"(?=\s+(?:about\s+|around\s+|some\s+|over\s+|more\s+than\s+|at\s+least\s+)?\d))\b"
)
# How far a target's figure may stand from its word, with no comma between: "guidance,
# NIO needs to deliver 25,000" is arithmetic on a target, not one.
_TARGET_REACH = 70


_METRICS = (
    ("exports", r"\bexport"),
    ("wholesale", r"\b(?:wholesale|dispatch)"),
    ("retail", r"\bretail"),
    ("registrations", r"\bregist(?:ration|ered|ering|ers)"),
    (
        "production",
        r"\b(?:production|produc(?:e|ed|es|ing)|build|built|assembled|output|manufactur)",
    ),
    ("sales", r"\b(?:sales|sell(?:s|ing)?|sold|shipped|shipments?)\b"),
    ("deliveries", r"\bdeliver"),
)


def _metric(text: str, default: str) -> str:
    """The metric of §5.3 a verb or noun names ("exported" -> exports), else `default`."""
    return next((metric for metric, pattern in _METRICS if _search(pattern, text)), default)


def _previous(clue: Clue, counted: list[Figure]) -> tuple[Figure | None, list[Figure]]:
    """The figure the sentence says is replaced ("up from 300,000", "from 300,000 to…",
    "cut from…") and the figures left for the new value."""
    cue = _search(
        r"\bfrom\s+(?:the\s+|its\s+|an?\s+)?(?:earlier|previous|prior|original)?|"
        r"\b(?:earlier|previous|prior|original)\s+(?:\w+\s+){0,2}of\b",
        clue.text,
    )
    if not cue:
        return None, counted
    after = [f for f in counted if f.start >= cue.end() - 1]
    if not after:
        return None, counted
    previous = min(after, key=lambda f: f.start - cue.end())
    return previous, [f for f in counted if f is not previous]


def _near_target(text: str, cue: re.Match[str], figure: Figure) -> bool:
    """True when a figure is the target word's: after it within `_TARGET_REACH` characters,
    or just before it ("a 3.2 million target"), with no comma, semicolon or "need" between."""
    if figure.start >= cue.end():
        between = text[cue.end() : figure.start]
        return len(between) <= _TARGET_REACH and not re.search(r"[,;]|\bneeds?\b", between)
    return len(text[figure.end : cue.start()]) <= 25 and not re.search(
        r"[,;]", text[figure.end : cue.start()]
    )


# Where the words of what a figure is compared with begin.
_COMPARED_WITH = (
    r"\b(?:(?:unchanged|up|down|raised|cut|lowered|revised)\s+from|compared\s+(?:with|to)|"
    r"versus|against)\b"
)


def target(clue: Clue) -> list[Draft]:
    """Production, delivery or sales targets ("raised its 2025 production goal to 350,000,
    up from 300,000"), with what they replace as `previous`. A capacity, a price, an area
    or a whole market's figure is never a target's value."""
    cue = _search(_TARGET, clue.text)
    if not cue or clue.role.blocks_typing or _owned_by_another(clue, cue):
        return []
    every = [
        f for f in figures.counts(clue.text, minimum=100, every=True)
        if f.role in ("count", "earlier")
    ]  # fmt: skip
    if not any(f.role == "count" for f in every):
        return []
    previous, rest = _previous(clue, every)
    rest = [f for f in rest if f.role == "count" and _near_target(clue.text, cue, f)]
    after_to = [f for f in rest if re.search(r"\bto\s+$", clue.text[: f.start])]
    figure = after_to[0] if after_to else figures.nearest(rest, cue.start())
    if figure is None:
        return []
    guesses: list[str] = []
    metric = _metric(clue.text, "deliveries")
    if metric == "deliveries" and not _search(r"\bdeliver", clue.text):
        guesses.append("metric deliveries (the text does not say which)")
    # the period is the target's, not that of a figure compared with after it ("550,000 in
    # 2026, after roughly 429,000 last year")
    compared = [f for f in every if f.role == "earlier" and f.start > figure.start]
    told = clue.text[: compared[0].start] if compared else clue.text
    # …nor that of what it is compared with ("this year, unchanged from its January forecast")
    told = re.split(_COMPARED_WITH, told[figure.start :], maxsplit=1, flags=re.I)[0]
    told = clue.text[: figure.start] + told
    period, guessed = _period(clue, told, "future")
    if period is None and when.fiscal_year_named(clue.whole):
        return []  # a fiscal period of a calendar mxt does not know
    if period is None:
        # Only a year named elsewhere in the sentence: its quarter or month is the actual's.
        year = when.year_of(clue.whole)
        period = year if year and int(year) >= clue.published.year else None
    if period is None:
        if _search(r"\b(?:month|quarter|half|week)\b", clue.text):
            return []  # a period the text words in a way not read here: no guess
        period = str(clue.published.year)
        guesses.append(f"period {period} (the year of publication)")
    elif guessed:
        guesses.append(f"year of the period {period}")
    fields = {"metric": metric, "period": period, **_count_fields(figure, "value")}
    fields["_at"] = figure.start
    if previous is not None:
        fields["previous"] = previous.value
        fields["_previous_at"] = previous.start
        if previous.high is not None:
            fields["previous_high"] = previous.high
    return [Draft("target", {**fields, **_scope(clue)}, guesses, planned=True)]


# Whose a target is, told by a possessive before its word: "the government's 2030 export
# target", "Thailand's goal".
_OWNER_BEFORE = re.compile(
    r"(?P<owner>[\w&.-]+(?:\s[A-Z][\w&.-]*){0,2})(?:'s|s')\s+(?:[\w-]+\s+){0,3}$"
)


# Possessives that stand for the company itself: "its", "the company's".
_REFERRING_OWNERS = frozenset(
    {"its", "their", "company", "group", "carmaker", "automaker", "brand", "firm", "maker"}
)


def _owned_by_another(clue: Clue, cue: re.Match[str]) -> bool:
    """True when a possessive before the target's noun gives it an owner that is no company
    ("the government's target", "the ministry's objective", "India's goal"; not "the
    world's biggest carmaker plans to…")."""
    if not re.match(r"(?i:target|goal|objective|ambition|guidance|forecast|outlook)", cue.group(0)):
        return False
    owner = _OWNER_BEFORE.search(clue.text[: cue.start()])
    if owner is None:
        return False
    name = owner.group("owner")
    referring = name.lower() in _REFERRING_OWNERS
    return not referring and not names.companies(name, clue.named, actors_only=False)


_DELIVERED = (
    r"\b(?:delivered|deliveries|sold|sales|handed over|shipped|shipments|produced|production|"
    # "handed 3,912 cars to customers"
    r"hand(?:ed|s)(?=\s+(?:over\s+)?[\d,.]+\s+(?:[\w-]+\s+){0,2}?(?:cars|vehicles|units)\s+to\s+"
    r"(?:customers|buyers|owners))|"
    r"output|registrations|registered|exported|exports|wholesales?|retail\s+sales|"
    # made, told by a verb just before its figure: "built 291,400 vehicles"
    r"(?:built|assembled|manufactured)(?=\s+(?:about\s+|around\s+|some\s+|nearly\s+|over\s+|"
    r"more\s+than\s+)?\d)|"
    # sent from the factory to dealers: "4,106 units dispatched", "dispatches of 31,000"
    r"dispatch(?:ed|es)|"
    # a participle after the news it explains: "…, registering 114,000 cars in Europe",
    # "after delivering 40,397 vehicles"
    r"(?<=,\s)(?:delivering|selling|registering|shipping|exporting)|"
    r"(?<=after\s)(?:delivering|selling|registering|shipping|exporting))\b"
)


_CHANGED_TO = (
    r"^[^,.;]{0,40}?\b(?:rose|rising|fell|falling|climbed|climbing|dropped|dropping|grew|"
    r"growing|jumped|slipped|slipping|increased|decreased|declined|declining)\b"
    r"(?:[^,.;]|(?<=\d)\.(?=\d)){0,30}?\bto\b"  # "fell 5.6% year on year to"
)
_NOUN_OF = (
    # "sales of 44,024"; "sales came in at over 59,000"; "deliveries of its S800 topped 1,000"
    r"(?:\s+of\s+(?:its|the|their)\s+[^,;]{1,40}?(?=\s+(?:topped|exceeded|surpassed|passed|"
    r"crossed|reached|hit|totall?ed)\b))?"
    r"\s+(?:of|at|stood\s+at|totall?ed|came\s+(?:in\s+)?(?:at|to)|reached|amounted\s+to|"
    r"topped|exceeded|surpassed|passed|crossed|hit|were|was)\s+(?:about\s+|around\s+|"
    r"nearly\s+|over\s+|more\s+than\s+|some\s+|almost\s+|roughly\s+|just\s+over\s+)?\d"
)
# A period named in an earlier sentence: "Total sales for the month came to 224,000".
_SAME_PERIOD = r"\b(?:the|that|same)\s+(?:month|quarter|half|year|period)\b"


def _same_length(period: str, text: str) -> bool:
    """True unless the text says "the month", "the quarter", "the half" or "the year" of a
    period of another length."""
    said = re.search(r"\b(?:the|that|same)\s+(month|quarter|half|year)\b", text, re.IGNORECASE)
    if said is None:
        return True
    length = {"Q": "quarter", "H": "half"}.get(period[5:6], "month") if len(period) > 4 else "year"
    return said.group(1).lower() == length


def deliveries(clue: Clue) -> list[Draft]:
    """Deliveries, sales or production over a period ("In June, the company delivered
    28,000 units"): for each verb the figure nearest it ("produced 10,720 and delivered
    13,201" is two drafts), with a model if one is named there."""
    role = clue.role
    if _search(_TARGET, clue.text) or role.target or role.plan or role.blocks_typing:
        return []
    if role.hedge or _search(r"\b(?:will|would|could|expects?)\b", clue.text):
        return []
    cues = list(re.finditer(_DELIVERED, clue.text, re.IGNORECASE))
    counted = figures.counts(clue.text, minimum=100)
    period, guessed = _period(clue, clue.text, "past")
    if period is None and clue.period is not None and _search(_SAME_PERIOD, clue.text):
        if not _same_length(clue.period, clue.text):
            return []  # "in the quarter" after a month named: not that month
        period, guessed = clue.period, False  # "in the month": the one named before
    if period is None and clue.whole != clue.text:
        period, guessed = _period(clue, clue.whole, "past")
    if period is None and when.fiscal_year_named(clue.whole):
        return []  # a fiscal period of a calendar mxt does not know
    carried = period is None and clue.period is not None and _same_length(clue.period, clue.text)
    if carried:
        period, guessed = clue.period, False
    if not cues or not counted or period is None:
        return []
    nouns = [c for c in cues if c.group(0).lower() in ("deliveries", "sales", "exports")]
    verbs = [c for c in cues if c not in nouns] or cues[:1]
    # A noun whose figure follows a change ("sales in China falling 27% to 125,100").
    verbs += [n for n in nouns if n not in verbs and _search(_CHANGED_TO, clue.text[n.end() :])]
    # A noun with its own figure: "comprising domestic sales of 44,024 and exports of 16,900".
    verbs += [n for n in nouns if n not in verbs and re.match(_NOUN_OF, clue.text[n.end() :])]
    verbs.sort(key=lambda cue: cue.start())
    found: list[Draft] = []
    used: set[int] = set()
    for verb in verbs:
        if carried and not _search(_SAME_PERIOD, clue.text):
            guesses_of_period = [f"period {period} carried from an earlier sentence"]
        else:
            guesses_of_period = []
        left = [f for f in counted if f.start not in used]
        after = [f for f in left if 0 <= f.start - verb.end() <= 40]
        figure = after[0] if after else figures.nearest(left, verb.start())
        if figure is None:
            break
        used.add(figure.start)
        around = (
            clue.text[max(0, verb.start() - 20) : figure.start]
            + re.split(r"\s+and\s+", _phrase_from(clue.text, figure.start), maxsplit=1)[0]
        )
        draft = _delivered(clue, verb.group(0), figure, period, guessed, around)
        draft.guesses.extend(guesses_of_period)
        draft.company = _teller(clue, verb.start())
        found.append(draft)
    if found:  # rivals' figures of the same count: "…, beating Nio's 34,749 and Li Auto's 33,951"
        found += _rivals_counted(clue, [f for f in counted if f.start not in used], found[0])
    return found


# What joins a company to its own figure in a ranking: a possessive ("Nio's 34,749"), or
# "with", "on", "at" ("followed by Ford with 8,473", "ahead of Tesla on 2,016").
_RIVALS_FIGURE = re.compile(r"(?:'s|s')\s+|\s+(?:with|on|at)\s+")


def _rivals_counted(clue: Clue, left: list[Figure], first: Draft) -> list[Draft]:
    """The drafts of figures another company owns in the clause ("Nio's 34,749"), of the
    same metric and period as the clause's first figure."""
    drafts = []
    mentions = names.company_mentions(clue.text)
    for figure in left:
        owner = next(
            (m for m in mentions if _RIVALS_FIGURE.fullmatch(clue.text[m.end : figure.start])),
            None,
        )
        if owner is None or owner.name == (first.company or clue.company):
            continue
        if re.search(_COMPARED_WITH + r"\s+$", clue.text[max(0, owner.start - 20) : owner.start]):
            continue  # "compared with Tesla's 40,000": a yardstick, perhaps of another scope
        fields = {k: v for k, v in first.fields.items() if k in ("period", "metric", "markets")}
        fields.update(_count_fields(figure, "units"))
        fields["_at"] = figure.start
        guesses = [f"period and metric of {first.company or clue.company}'s figure beside it"]
        drafts.append(Draft("deliveries", fields, guesses, company=owner.name))
    return drafts


def _teller(clue: Clue, position: int) -> str | None:
    """The company a figure's verb belongs to when the clause names several ("NIO delivered
    10,525, its sub-brand Onvo delivered 16,434"): the last named before the verb; None
    when the clause's company stands."""
    named = names.company_mentions(clue.text)
    if len({m.name for m in named}) < 2:
        return None
    before = [m for m in named if m.end <= position]
    return before[-1].name if before and before[-1].name != clue.company else None


def _delivered(
    clue: Clue, verb: str, figure: Figure, period: str, guessed: bool, around: str
) -> Draft:
    """One deliveries draft: the figure, its period, its metric (from the verb), a model."""
    guesses = [f"year of the period {period}"] if guessed else []
    fields: Content = {"period": period, **_count_fields(figure, "units")}
    fields["_at"] = figure.start
    metric = _metric(verb, "deliveries")
    if metric != "deliveries":
        fields["metric"] = metric
    named = [m for m in _models(clue) if m.end <= figure.start + 40]
    if named:
        fields["model"] = min(named, key=lambda m: abs(m.start - figure.start)).name
    return Draft("deliveries", {**fields, **_scope(clue, around)}, guesses)


_EXPECT_TO_WAIT = re.compile(
    r"\s+(?:should|will|would|can|must)\s+(?:now\s+)?(?:(?:expect|have|need)\s+to\s+wait\b|"
    # "should expect their car within three months"
    r"(?=(?:expect|get)\s+(?:their|its)\s+(?:car|vehicle|delivery)\s+within\b))",
    re.IGNORECASE,
)


def wait_time(clue: Clue) -> list[Draft]:
    """Waiting times ("wait times of up to 8 months for certain trims") in months."""
    cue = _search(
        r"\bwait(?:ing)?(?:\s+(?:times?|periods?|lists?))?\b|\bwaits\b|\bdelivery\s+times?\b|"
        r"\blead[- ]times?\b|"
        r"\b(?:expect|get|take)\s+(?:their\s+|its\s+)?(?:delivery|car|vehicle)\s+(?:within|in)\b|"
        # a wait quoted to buyers: "dealers are quoting up to four months for the X"
        r"\bquot(?:e|es|ed|ing)\s+(?:(?:customers|buyers|them)\s+)?(?:up\s+to|about|around)\b",
        clue.text,
    )
    # the span may be told after an aside: "the wait for the BE 6, the top variant, now
    # stretches to 4 months"
    told = _continued(clue)
    # a wait buyers are told to expect is the wait now: "should expect to wait up to 5 months"
    role = role_of(_EXPECT_TO_WAIT.sub(" wait", told))
    if not cue or role.blocks_typing or role.plan or role.hedge:
        return []
    months = figures.months_span(told[cue.start() :])
    if months is None:  # told before the word: "face a 6-month wait"
        before = re.search(r"\b(\d+(?:\.\d+)?-(?:months?|weeks?))\s+$", told[: cue.start()])
        months = figures.months_span(before.group(1)) if before else None
    if months is None or months <= 0:
        return []
    guesses: list[str] = []
    model = _model(clue, cue.start(), guesses)
    if model is None:
        return []
    return [Draft("wait-time", {"model": model, "max_months": months}, guesses)]


# A plant's return to work: "will resume production", "will reopen its idled plant".
_RESUMING = (
    r"\b(?:resum|restart)\w*\s+(?:\w+\s+)?(?:production|assembly|operations?)\b|"
    r"\breopen\w*\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?(?:plant|factory|facility)\b"
)


# A deal done over a site or a plant.
_A_DEAL = r"(?:purchase|acquisition|takeover|sale|deal)"


_STATUSES = (
    ("land-acquired", r"\b(?:purchas|acquir|bought|secured|won)\w*\b.{0,30}\b(?:land|plot)\b|"
     r"\bland\b.{0,30}\b(?:purchas|acquir|bought)|"
     # "has taken possession of a 120-hectare plot"
     r"\b(?:taken|took|takes|taking)\s+possession\s+of\b.{0,40}\b(?:land|plot|site)\b"),
    # a start of building moved: "Groundbreaking for the plant has been postponed to 2026"
    ("under-construction", r"\b(?:ground-?breaking|construction)\b[^;]{0,60}?\b(?:pushed\s+back|"
     r"delayed|postponed)\s+(?:\w+\s+){0,2}?(?:to|until|into)\b"),
    # put to work, the step after completion that a clause may tell with it ("complete and
    # put into production"): operational
    # (what is put to work may stand between: "put the first phase of its plant into operation")
    ("operational", r"\b(?:(?:went|gone|goes|go|entered|enters)\s+|put\s+(?:[\w-]+\s+){0,8}?)"
     r"into\s+(?:mass\s+|full\s+)?(?:production|operation|service)\b"),
    # (a deal completed is no plant completed: "completed its purchase of X's plant")
    ("completed", rf"\b(?:complet|finish)\w*\b(?!\s+(?:its|the|their)\s+{_A_DEAL})"),
    ("operational", _RESUMING + r"|\boperations?\b.{0,40}\b(?:begin|start)|\b(?:start\w*|began)\s+"
     r"(?:(?:commercial|serial|series|volume)\s+)?production|"
     r"\b(?:begin|began|start|started|commence)\w*\s+(?:operations?|operating)\b|"
     r"\b(?:full|mass)\s+production\b|"
     r"\b(?:come|comes|came|coming|go|goes|went)\s+on[- ]?stream\b|\bon[- ]stream\b|"
     r"\b(?:assembly|manufacturing)\b.{0,60}?\b(?:began|started|commenced|has\s+(?:begun|"
     r"started))\b|"
     # a phase or a plant moved: "Phase 2, which …, has been pushed back to the second half",
     # "has pushed back the plant's second phase, which adds stamping, to 2027"
     r"\b(?:phase|plant|factory)\b[^;]{0,120}?\b(?:pushed\s+back|delayed|postponed)\s+"
     r"(?:\w+\s+){0,2}?(?:to|until|into)\b|"
     r"\bpush\w*\s+back\s+(?:the\s+)?(?:[\w']+\s+){0,2}?phase\b|"
     # "postponed the opening of its North Carolina plant to 2028"
     r"\b(?:postpon\w*|delay\w*|push\w*\s+back)\s+(?:the\s+)?(?:opening|start|launch)\s+of\s+"
     r"(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?(?:plant|factory|facility)\b|"
     # "would push back the start of electric truck production at its Orion plant to 2027"
     r"\bpush\w*\s+back\s+(?:the\s+)?start\s+of\s+(?:[\w-]+\s+){0,3}?production\b|"
     # a start of production moved: "production at its Rayong plant … pushed back to January"
     r"\bproduction\b.{0,160}?\b(?:pushed\s+back|delayed|postponed|moved|slipped)\s+"
     r"(?:\w+\s+){0,2}?(?:to|until|into)\b|"
     # a phase or a plant expected at a date: "the second phase … is not expected before 2027"
     r"\b(?:phase|plant|factory|facility)\b[^;]{0,120}?\b(?:is|are)\s+(?:now\s+)?(?:not\s+)?"
     r"expected\s+(?:before|in|by|until)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:19|20)\d\d\b|"
     r"\bproduction\b.{0,100}?\b(?:to\s+begin|to\s+start|will\s+begin|will\s+start)\b|"
     r"\b(?:start|began|begin)\w*\s+(?:assembl\w*|building|making|producing|manufacturing)|"
     r"\b(?:building|built|produc\w+|assembl\w+)\s+(?:the\s+|its\s+)?(?:first|1st)\s+(?:cars|vehicles|"
     r"units)|"
     r"\boperational\b|\bbegin\w*\s+production|\bcome\s+online|\bcommenc\w*\s+production|"
     r"\b(?:opened|inaugurated)\s+(?:it|(?:the|its)\s+(?:[\w-]+\s+){0,2}(?:plant|factory|"
     r"facility))\b|\b(?:plant|factory|facility)\b.{0,40}\b(?:was|were|has\s+been)\s+"
     r"(?:opened|inaugurated)\b|"
     r"\bstart\s+of\s+(?:[\w-]+\s+){0,3}?production|"
     r"\bproduction\b.{0,60}?\b(?:began|started|commenced|has\s+(?:begun|started))\b|"
     # (its subject told before an aside: "Series production at BMW's new plant in
     # Debrecen, Hungary, a 2 billion euro investment with capacity for 150,000 cars a
     # year, will start in late October")
     r"\bproduction\b.{0,200}?\bwill\s+(?:\w+\s+)?(?:begin|start)\b|"
     # making cars there for a while: "has been assembling the Dolphin Mini since July"
     r"\b(?:has|have)\s+been\s+(?:assembling|producing|building|making|manufacturing)\b"
     r"(?=[^;]*\bsince\b)|"
     # working for a while: "the plant … has been running since December", "running since
     # October"
     r"\b(?:(?:has|have)\s+been\s+)?(?:running|operating|in\s+operation)\s+since\b|"
     r"\broll\w*\s+out\s+(?:its|the)\s+(?:first|1st)\s+(?:vehicles?|cars?|units?)|"
     # the first ones leaving the line: "expects the first vehicles to come off the line",
     # "the first cars would roll out of the plant"
     r"\b(?:first|1st)\s+(?:[\w-]+\s+)?(?:vehicles?|cars?|units?|trucks?|models?)\s+"
     r"(?:\w+\s+){0,3}?(?:roll\w*|come|came|comes|coming|drive|drove)\s+(?:off|out\s+of)\b|"
     # "the new plant in Izmir … is due to open by the end of 2026"
     r"\b(?:plant|factory|facility)\b[^;]{0,120}?\b(?:due|set|scheduled|expected|slated)\s+"
     r"to\s+open\b|\b(?:plant|factory|facility)\b[^;]{0,60}?\bwill\s+open\b"),
    # a site or a plant bought, once no later step is told: "completed its purchase of X's
    # plant near Pretoria", "bought 80 acres at Sanand" (but "started production at its
    # factory …, when the company bought the site in 2021" is the start of production)
    ("land-acquired", rf"\b{_A_DEAL}\s+of\s+(?:[\w'’-]+\s+){{0,4}}?(?:plant|factory|site|acres|"
     r"hectares)\b|\b(?:acquired|bought|purchased)\s+(?:the|an?|its)\s+(?:[\w'’-]+\s+){0,4}?"
     r"(?:plant|factory|site)\b"),
    ("under-construction", r"\bconstruction\b|\bbr(?:ea|o)ke?s?\s+ground\b|"
     r"\bground\s+(?:was\s+|has\s+been\s+)?broken\b|"
     r"\bground-?breaking\s+(?:ceremony|for|of|at)\b"),
)  # fmt: skip
# Construction told as finished, and what happens once it is.
_BUILT = (
    r"\bconstruction\b[^;]{0,160}?\b(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
    r"(?:now\s+|fully\s+)?(?:complet|finish)\w*"
)
_AFTER_COMPLETION = r"\b(?:after|upon|on|once|when)\s+(?:its\s+|their\s+|the\s+)?complet\w*"
_PLANT_WORDS = (
    r"\b(?:phase|\w*plant|\w*factory|facility|complex|works|site|assembly\s+line|"
    r"production\s+base)\b"
)
# A phase by its number, in figures, Roman numerals or words ("phase 2", "Phase II", "phase
# two", "the 2nd phase", "the second phase").
_PHASE = re.compile(
    r"\bphase\s*(\d+|I{1,3}|IV|V|one|two|three|four|five)\b|"
    r"\b(\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth)\s+phase\b",
    re.IGNORECASE,
)
_PHASE_WORDS = {
    "i": 1, "one": 1, "first": 1, "ii": 2, "two": 2, "second": 2, "iii": 3, "three": 3,
    "third": 3, "iv": 4, "four": 4, "fourth": 4, "v": 5, "five": 5, "fifth": 5,
}  # fmt: skip


# An expansion of a plant: a step after its first, whatever the text calls it.
_EXPANSION = re.compile(
    r"\b(?:expansion|extension|enlargement|(?:second|2nd)\s+(?:line|hall)|new\s+line|"
    r"additional\s+line)\b",
    re.IGNORECASE,
)


def _unnumbered_phase(text: str) -> tuple[int, str]:
    """The phase of a plant a text gives no number: 2 for an expansion ("the extension of
    the site", "the planned expansion of its factory"), else 1; with the guess to note."""
    if _EXPANSION.search(text):
        return 2, "phase 2 (an expansion of the plant; the text names no phase)"
    return 1, "phase 1 (the text names no phase)"


def _phase_of(match: re.Match[str]) -> int:
    """The number of a phase `_PHASE` found."""
    word = (match.group(1) or match.group(2)).lower()
    digits = re.match(r"\d+", word)
    return int(digits.group()) if digits else _PHASE_WORDS[word]


_SITE_AFTER = re.compile(
    r"\b(?:\w*(?:plant|factory|facility|base),?\s+(?:(?:coming\s+up|being\s+built|located|"
    r"based|planned|under\s+construction)\s+)?(?:in|near|at|outside|"
    r"(?:east|west|north|south)\s+of)|(?:[Pp]roduction|[Oo]perations|[Cc]onstruction)\s+at)\s+"
    r"([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)(?![\w'’-])"  # ("production at BYD's plant": its owner)
)
_SITE_BEFORE = re.compile(
    r"\b((?:[A-Z][\w-]+\s){0,2}[A-Z][\w-]+)"
    # with its state or province: "its Normal, Illinois, factory"
    r"(?:,\s+[A-Z][\w-]+(?:\s[A-Z][\w-]+)?,)?"
    # with what it makes: "its Luton van plant", "its Kolin car factory"
    r"(?:\s+(?:van|car|truck|engine|battery|vehicle|EV|bus|assembly|components?))?"
    # (its own name may capitalise the word: "the Gunma Main Plant")
    r"\s+(?:[Pp]lant|[Ff]actory|gigafactory|assembly\s+plant|Assembly\s+Plant)\b"
)


# Wording of a status still to come ("expected to begin", "will start"): only then is a date
# in the clause the day it is due.
_PLAN = r"\b(?:will|expected|expects|plans?|planned|to\s+(?:begin|start)|set\s+to|due|aims?)\b"


def _due(text: str, published: date) -> date | None:
    """When a plan is due: a day ("on July 3"), a relative date ("within a month", "in
    October") or the first day of a period still to come ("the fourth quarter")."""
    due = when.future_day(text, published) or when.upcoming(text, published)
    if due is None:
        period, _ = when.period(text, published, "future")
        if period is not None and when.first_day(period) > published:
            due = when.first_day(period)
    # A plan due in the month of publication is due, at the earliest, on publication.
    return max(due, published) if due is not None else None


_NOT_A_SITE_WORD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|The|A|An|Its|This|That)$"
)
_NOT_A_SITE = (
    "the", "its", "new", "a", "first", "second", "third", "former", "old", "our", "their", "your",
)  # fmt: skip


# A plant with a name of its own: "Factory Zero", "Gigafactory Texas", "Plant 2".
_NAMED_PLANT = re.compile(
    r"\b(?:Factory|Gigafactory|Plant|Metaplant)\s(?:[A-Z][a-z]+|\d{1,2})\b(?!\s+of\b)"
)


def _as_written(site: str | None, clue: Clue) -> str | None:
    """A plant's own name as the quote writes it ("Factory Zero", which the normalised
    sentence reads "Factory 0")."""
    if site is None or not _NAMED_PLANT.fullmatch(site):
        return site
    return next(
        (
            m.group(0)
            for m in _NAMED_PLANT.finditer(clue.quote)
            if figures.normalise(m.group(0)) == site
        ),
        site,
    )


def factory_site(text: str) -> str | None:
    """The place a factory is named by ("a new plant near Beijing" -> Beijing), or its own
    name ("Factory Zero", "Gigafactory Texas")."""
    own = _NAMED_PLANT.search(text)
    if own:
        return own.group(0)
    # "its Zilina plant" names the site; "its Brazilian plant", "a Nissan factory" do not.
    for match in _SITE_BEFORE.finditer(text):
        words = match.group(1).split()
        # Leading words that are not the place: "its", a maker ("Tesla Berlin plant").
        while words and (words[0].lower() in _NOT_A_SITE or names.companies(words[0])):
            words = words[1:]
        site = " ".join(words)
        # a country or a maker names no site ("its Thai plant"); a province or a city does
        named_otherwise = names.only_a_country(site) or names.companies(site)
        plain = not site or site.lower() in _NOT_A_SITE or _NOT_A_SITE_WORD.match(words[0])
        if not plain and not named_otherwise:
            return site
    for match in _SITE_AFTER.finditer(text):
        if (
            match.group(1).lower() not in _NOT_A_SITE
            and not _NOT_A_SITE_WORD.match(match.group(1).split()[0])
            and not names.only_a_country(match.group(1))  # "in Saudi Arabia" names no site
        ):
            return match.group(1)
    if _search(r"\b(?:plant|factory|gigafactory)\b", text):
        for place in re.finditer(r"\bin\s+([A-Z][\w-]+)", text):
            if names.only_a_country(" ".join(text[place.start(1) :].split(",")[0].split()[:2])):
                continue  # a country ("in Saudi Arabia") names no site
            if not _NOT_A_SITE_WORD.match(place.group(1)) and names.place_market(place.group(1)):
                return place.group(1)
    return None


_FACTORY_HALT = (
    ("cancelled", r"\b(?:cancel\w*|scrap\w*|shelv\w*|abandon\w*|axed)\b"),
    (
        "closed",
        # (not "a person close to the talks")
        r"\b(?:clos(?:e|ed|es|ing|ure)(?!\s+to\b)|shut\s+down|shutter\w*|wound\s+down|"
        r"end(?:s|ed|ing)?\s+(?:\w+\s+)?production|"
        # "vehicle assembly at the plant ended in June"
        r"(?:production|assembly|manufacturing)\s+at\b[^;]{0,80}?\bended"
        r"(?!\s+(?:the|a|an|its|up|with|\d)))\b",
    ),
    (
        "paused",
        r"\b(?:paus\w*|halt\w*|suspend\w*|idl(?:e|ed|es|ing)|mothball\w*|on\s+hold|"
        r"stopped|(?:shut|stop|interrupt)\w*\b[^.;]{0,60}?\bfor\s+(?:several|a\s+few|\w+)\s+"
        r"(?:working\s+)?(?:days|weeks|months))\b",
    ),
)


# A plan told in the past perfect: the plan as it was, not as it is.
_HAD_PLANNED = (
    r"\bhad\s+(?:been\s+)?(?:scheduled|planned|slated|expected|due|set|said|aimed|intended|"
    r"hoped|targeted|promised)\b"
)


# Construction told as begun: the plant is being built, whatever words stand between
# ("Vertical construction of the company's manufacturing facility near X began in April").
_CONSTRUCTION_BEGAN = (
    r"\b(?:construction|ground-?breaking|building\s+work|works)\b[^;]{0,80}?"
    r"\b(?:began|begun|started|commenced|has\s+(?:begun|started))\b"
)


def _construction_began(status: str, where: re.Match[str], clause: str) -> bool:
    """True when a status read as operational is construction told as begun ("construction
    of its manufacturing facility … began"): the plant is being built, not running."""
    return status == "operational" and any(
        m.end() == where.end() for m in re.finditer(_CONSTRUCTION_BEGAN, clause, re.I)
    )


def factory(clue: Clue) -> list[Draft]:
    """Factory milestones, one per clause: land bought, construction, a phase completed,
    operations to begin (a later date is a plan, `effective_on`); a pause, cancellation or
    closure. A clause that delays, denies or hedges a milestone, or plans one without a
    date, says no status reached: it is left to a statement."""
    # a plant named as such, or as the place production is at ("production at Cassino")
    plant_named = _search(_PLANT_WORDS, clue.whole) or re.search(_PRODUCTION_AT, clue.whole)
    if not plant_named and not (clue.site and _search(r"\bthere\b", clue.text)):
        return []  # no plant named, nor one named before that the clause speaks of
    role = clue.role
    # (a halt "pending demand" says what it waits for, not a doubt that it happened)
    hedge = hedged(clue.text, waiting=role.halt or role.delay)
    if role.denial or role.condition or (hedge and not role.plan):
        return []
    # "put on hold", with what is held between: "has put its planned plant in X on hold"
    on_hold = _search(
        r"\b(?:put|puts|putting|placed)\s+(?:[^;]{0,80}?\s)?on\s+hold\b|\bon\s+hold\s+plans\b|"
        r"\b(?:is|are|was|were|remains?|remained|been)\s+(?:now\s+|still\s+)?on\s+hold\b",
        clue.text,
    )
    ending = _search(_ENDING, clue.text)
    resuming = _search(_RESUMING, clue.text)
    halted = (role.halt and not role.delay) or _search(_ENDED, clue.text) or on_hold or ending
    if halted and not resuming:
        return _factory_halt(clue)
    found: list[Draft] = []
    # The phase the sentence named before this clause ("completed Phase 2, and operations
    # at the new plant are expected to begin…").
    before = clue.whole[: max(0, clue.whole.find(clue.text[:20]))]
    named_before = list(_PHASE.finditer(before))
    phase: int | None = None
    if named_before:
        phase = _phase_of(named_before[-1])
    for clause, own in _with_subject(clue):
        number = _PHASE.search(clause)
        phase = _phase_of(number) if number else phase
        # a status the clause's own words tell (one told wholly before them is another
        # clause's), its wording allowed to start in the subject ("mass production at …,
        # originally planned for October, has been pushed back to…")
        matched = next(
            (
                (s, m)
                for s, p in _STATUSES
                if (m := _ending_after(p, clause, own)) and not _construction_began(s, m, clause)
            ),
            None,
        )
        if matched is None:
            continue
        status, where = matched
        if status == "under-construction" and _search(r"\bafter\s+construction\b", clause):
            continue
        if (
            status == "under-construction"
            and _search(_BUILT, clue.whole)
            and not _search(r"\b(?:start|began|begun|begin|commenc|launch)\w*", clause)
        ):
            continue  # construction told as finished: "Construction of …, was completed in July"
        if status == "completed" and _search(_AFTER_COMPLETION, clause):
            continue  # what happens once it is: "after completion, the site will build…"
        if _search(_HAD_PLANNED, clause[: where.start()]):
            continue  # the old plan, told in the past perfect ("had been scheduled to start…")
        if _plant_in_passing(clause, where.start()) and role_of(without_relatives(clue.whole)).plan:
            continue  # told in passing of something else, beside a plan ("The X, whose
            # assembly at the Bursa plant began in December, will go on sale…")
        guesses: list[str] = []
        site = _as_written(factory_site(clause), clue)
        # a plant the clause introduces ("a new plant in Saudi Arabia") is not one named
        # elsewhere in its sentence or before
        another = _search(r"\b(?:a|an|another)\s+(?:[\w-]+\s+){0,3}?(?:plant|factory)\b", clause)
        if site is None and not another:
            site = _as_written(factory_site(clue.whole), clue)
        if site is None and clue.site is not None and not another:
            site = clue.site
            guesses.append(f"site {site} taken from an earlier sentence")
        if site is None:
            site = f"{clue.company} plant"
            guesses.append("site (the text does not name the plant)")
        number_of = phase
        if number_of is None:
            number_of, guess = _unnumbered_phase(clause)
            guesses.append(guess)
        fields: Content = {"site": site, "phase": number_of, "status": status}
        fields["_cue_at"] = max(0, clue.text.find(clause)) + where.start()
        fields["_clause"] = clause  # certainty is read from the clause (not sent out)
        # The plan, if any, is worded around the status ("expected to start production").
        around = clause[max(0, where.start() - 40) : where.start()] + _phrase_from(
            clause, where.start()
        )
        # A delay is a plan with its new date ("pushed back to 2027"), or no fact at all.
        planned = bool(_search(_PLAN, around)) or role.plan or role.delay
        # the date said after the status first ("trial production in the fourth quarter and
        # mass production in 2026": mass production is due in 2026)
        after = _phrase_from(clause, where.start())
        due = None
        if planned:
            due = due_as_said(after, clue.published, _fiscal(clue)) or due_as_said(
                around, clue.published, _fiscal(clue)
            )
        if planned and due is None:
            due = due_as_said(clause, clue.published, _fiscal(clue))
        if planned and (due is None or not _still_to_come(due, clue.published)):
            continue  # a plan with no date still to come says no status reached
        if not planned and status == "operational" and _search(_RESUMING, where.group(0)):
            continue  # a return to work already made: the plant's status did not change
        if due is not None:
            fields["effective_on"] = due
            guesses.append(f"effective_on {due} read from the wording (a plan)")
        elif not planned:  # reached, on the day or in the period the clause dates it
            fields["_reached"] = True
            reached_on = _reached_on(after, clue.published)
            if reached_on is not None:
                fields["effective_on"] = reached_on
        capacity = [f for f in figures.counts(clause, 1000, every=True) if f.role == "capacity"]
        if capacity:
            fields["capacity"] = capacity[0].value
        market = _site_market(site, clue)
        if market:
            fields["market"] = market
        owner = _owner(clue)
        if owner:
            guesses.insert(0, f"company {owner}, the plant's owner named before (not the brand)")
        found.append(Draft("factory", fields, guesses, company=owner))
    return found


def _ending_after(pattern: str, text: str, own: int) -> re.Match[str] | None:
    """The first match of `pattern` in `text` that ends after `own`, matches that overlap
    included (a status worded from the subject on, not the subject's own)."""
    compiled = re.compile(pattern, re.IGNORECASE)
    position = 0
    while (match := compiled.search(text, position)) is not None:
        if match.end() > own:
            return match
        position = match.start() + 1
    return None


def _owner(clue: Clue) -> str | None:
    """The owner of a plant when the clause names its company only as the brand of a model
    ("the carmaker's plant, which began assembling the Haval H6"): the paragraph's company,
    else the brand's one maker; None when the clause's company stands."""
    if clue.company_guessed or not names.only_as_brand(clue.company, clue.text, clue.known):
        return None
    if clue.carried not in (None, clue.company):
        return clue.carried
    # no other company named before: the brand's maker, when mxt knows it alone ("the Omoda
    # C5 EV at its plant": Chery's plant)
    maker = names.maker_of(clue.company)
    return maker if maker and " and " not in maker else None


# A clause that opens on its verb, its subject told before an aside ("Production at
# BlueOval City, the complex being built to make it, will also begin in 2027").
BARE_VERB = re.compile(
    r"(?:will|would|is|are|was|were|has|have|had|now|also|then|plans|expects|aims|intends|"
    r"hopes|wants|said|says)\b"
)


def _continued(clue: Clue) -> str:
    """The clause, and the next one of its sentence when that one opens on its verb (its
    subject is this clause: "The launch of the e Vitara, …, has been pushed to December")."""
    start = clue.whole.find(clue.text)
    rest = clue.whole[start + len(clue.text) :] if start >= 0 else ""
    following = split_clauses(rest.lstrip(" ,"))
    if following and BARE_VERB.match(following[0]):
        return f"{clue.text}, {following[0]}"
    return clue.text


def _with_subject(clue: Clue) -> list[tuple[str, int]]:
    """The clauses of the clue, each with where its own words start: the first with the
    words of its sentence before it when it opens on its verb."""
    clauses = [(clause, 0) for clause in split_clauses(clue.text)]
    start = clue.whole.find(clue.text)
    if clauses and BARE_VERB.match(clauses[0][0]) and start > 0:
        clauses[0] = (clue.whole[:start] + clauses[0][0], start)
    return clauses


def _reached_on(text: str, published: date) -> str | None:
    """The day ("on July 4") or the period ("last November") a status was reached, as the
    words after it date it; None when they date nothing, or something after publication."""
    day = when.stated_day(text, published)
    if day is not None:
        return day.isoformat() if day <= published else None
    period, _ = when.period(when.without_old_plan(text), published, "past")
    if period is None or when.first_day(period) > published:
        return None
    return period if when.last_day(period) < published else None


def _still_to_come(when_said: str, published: date) -> bool:
    """True when a day or a period said for a plan ends after publication."""
    if len(when_said) == 10:
        return date.fromisoformat(when_said) > published
    return when.last_day(when_said) > published


def _site_market(site: str, clue: Clue) -> str | None:
    """The country a factory stands in: its site's, else the one its sentence names."""
    home = names.home_market(clue.company)
    if home and any(names.in_country(word, home) for word in site.split()):
        return home  # "its Georgia plant", of a US maker: the state, not the country
    words = site.split()
    code = names.place_market(site) or names.place_market(words[-1], cities=False)
    code = code or next((c for w in words if (c := names.place_market(w, cities=False))), None)
    if code:
        return code
    # a state of the company's home country that is also a country's name ("near Stanton
    # Springs, Georgia", of a US maker): the state
    if home and any(
        names.in_country(clue.text[m.start : m.end], home) for m in names.markets(clue.text)
    ):
        return home
    # the one market its clause names, else the one its sentence names when it speaks of
    # one plant ("its Ulsan plant would start…, while a plant in Saudi Arabia…": not SA)
    in_clause = names.included_markets(clue.text) or names.places(clue.text)[0]
    if in_clause:  # (a country, else a city or province: "its Poissy plant near Paris")
        return in_clause[0] if len(set(in_clause)) == 1 else None
    # a city the site is named after by its last word
    code = names.place_market(words[-1])
    if code:
        return code
    named = names.included_markets(clue.whole)
    plants = re.findall(r"\b(?:plant|factory|facility|gigafactory)\b", clue.whole, re.IGNORECASE)
    return named[0] if len(named) == 1 and len(plants) <= 1 else None


def due_as_said(text: str, published: date, fiscal: int | None = None) -> str | None:
    """When a plan is due, as said: a day ("on July 3", "within a month") or a period still
    to come ("the second half of 2026", "2027", "Q1 FY26" when the company's fiscal year
    starts in month `fiscal`); the plan it replaces ("rather than…", "originally planned
    for…", "back to 2027 from 2026") is not read."""
    text = when.without_old_plan(text)
    if when.fiscal_year_named(text):
        quarter = when.fiscal_quarter(text, fiscal) if fiscal else None
        return quarter if quarter and when.last_day(quarter) > published else None
    period, _ = when.period(text, published, "future")
    day = when.future_day(text, published) or when.upcoming(text, published)
    a_day_said = day is not None and _search(
        r"\b(?:within|next\s+week|on\s+\w+\s+\d)",
        text,  # ("next month" is a month, as said)
    )
    if period is not None and when.last_day(period) > published and not a_day_said:
        return period
    if day is not None and day > published:
        return day.isoformat()
    return None


_PRODUCTION_AT = r"\b[Pp]roduction\s+at\s+[A-Z]"
# Making cars at a plant that ended: its closing ("vehicle assembly … ended in June").
_ENDED = (
    r"\b(?:production|assembly|manufacturing)\s+at\b[^;]{0,80}?\bended"
    r"(?!\s+(?:the|a|an|its|up|with|\d))"
)


# Making cars at a plant that will end: "will end vehicle production at its Oppama plant".
_ENDING = (
    r"\bend(?:s|ed|ing)?\s+(?:[\w-]+\s+)?(?:production|assembly|manufacturing)\s+"
    r"(?:at|in)\b"
)


# A pause of money or of a plan, not of a plant's work: "has paused its planned investment in
# electric production at Oxford", "froze its expansion plans for the plant".
_PAUSED_SPENDING = (
    r"\b(?:paus\w*|halt\w*|suspend\w*|froze|freez\w*|put)\s+(?:its|the|their|a)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:investments?|spending|plans?|projects?|decisions?|expansion)\b"
)


def _factory_halt(clue: Clue) -> list[Draft]:
    """A factory paused, cancelled or closed: the status it moves to (never one reached).
    A clause that opens on its verb has its plant in its subject ("Production at the Revoz
    plant, which builds the Clio, will be halted in August")."""
    if hedged(clue.text, waiting=True) or _search(
        r"\b(?:resum\w*|restart\w*|reopen\w*)\b", clue.whole
    ):
        return []  # (a halt that is over: "resumed in September after a two-year pause")
    told = _with_subject(clue)[0][0]  # (denied with its subject: "denied a report that…")
    if told != clue.text and (role_of(told).blocks_typing or role_of(told).hedge):
        return []
    status = next((s for s, p in _FACTORY_HALT if _search(p, clue.text)), None)
    if status == "paused" and _search(_PAUSED_SPENDING, clue.text):
        return []  # money or a plan held back, not a plant's work
    site = factory_site(clue.text) or factory_site(told)
    if site is None and re.match(r"(?:where|there)\b", clue.text):
        site = factory_site(clue.whole)  # "…at its plant in Georgia, where construction…"
    site = _as_written(site, clue)
    if status is None or site is None:
        return []
    number = _PHASE.search(clue.text)
    phase, guess = (_phase_of(number), "") if number else _unnumbered_phase(clue.text)
    guesses = [guess] if guess else []
    fields: Content = {"site": site, "phase": phase, "status": status}
    market = _site_market(site, clue)
    if market:
        fields["market"] = market
    if clue.role.plan:  # "will close its CIVAC plant by March 2026": a plan with its date
        due = due_as_said(clue.text, clue.published, _fiscal(clue))
        if due is None or not _still_to_come(due, clue.published):
            return []
        fields["effective_on"] = due
        guesses.append(f"effective_on {due} read from the wording (a plan)")
    return [Draft("factory", fields, guesses)]


_NO_SALES = (
    r"\b(?:will\s+not|won't|wont|not|no|never)\s+(?:be\s+)?(?:(?:start|begin|commence)\s+)?"
    r"(?:sell(?:ing)?|sales|sold|"
    r"offer(?:ing|ed)?|deliver(?:ing|ed)?|export(?:ing|ed)?|ship(?:ping|ped)?|available|"
    r"go\s+on\s+sale|hit\s+(?:the\s+)?(?:market|showrooms|roads)|"
    # "will not arrive in European showrooms before 2028"
    r"(?:arrive|reach|land)\s+(?:in\s+)?(?:[\w-]+\s+){0,2}?(?:showrooms|dealerships|dealers))\b|"
    r"\bonly\s+(?:consider\s+)?sell(?:ing)?\b.{0,60}\bfrom\b|"
    # "overseas sales of the model will not start before 2026"
    r"\b(?:sales|deliveries|exports|shipments)\b[^,.;]{0,40}?\b(?:will\s+not|won't|not|"
    r"wouldn't|would\s+not)\s+(?:begin|start|commence)\b"
)
_ABROAD = r"\b(?:overseas|abroad|export\w*|international\w*|outside\s+(?:its|the)\s+home)\b"


# A clause that opens on the market it speaks of: "In the European Union, …".
_IN_A_MARKET = re.compile(r"^(?:-\s*)?In\s+(?:the\s+)?[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2}(?=,)")


def policy(clue: Clue) -> list[Draft]:
    """Export policies: "will not sell its EVs outside China until 2027" -> every market
    except CN, not before 2027-01-01."""
    cue = _search(_NO_SALES, clue.text)
    if not cue or clue.role.condition or clue.role.hedge:
        return []
    rest = clue.text[cue.start() :]
    start = when.not_before(rest, clue.published)
    if start is None:
        return []
    guesses: list[str] = []
    if re.search(r"\b(?:until|from|before)\s+(?:at\s+least\s+)?\d{4}\b", rest, re.IGNORECASE):
        guesses.append(f"not_before {start.isoformat()} (the text names only the year)")
    outside = names.excluded_markets(rest)
    inside = names.included_markets(rest) or names.referred_markets(rest, clue.whole)
    if not outside and not inside:  # told before the verb: "Sales of the 7X in Europe will not…"
        inside = names.included_markets(clue.text[: cue.start()]) or _here(clue, rest)
    opening = _IN_A_MARKET.match(clue.text)
    if not outside and not inside and opening:  # "In the European Union, …, the EX5 will not…"
        inside = names.included_markets(opening.group(0))
    home = names.home_market(clue.company)
    if outside:
        fields: Content = {"markets": ["*"], "except": outside}
    elif inside:
        fields = {"markets": inside}
    elif home and _search(_ABROAD, clue.text):
        fields = {"markets": ["*"], "except": [home]}
        guesses.append(f"except {home} (the company's home market: the text says abroad)")
    else:
        return []
    return [Draft("policy", {**fields, "not_before": start.isoformat()}, guesses)]


# A relative clause or an apposition told after the fact ("…, which it is still considering
# importing", "…, a plug-in hybrid that the company says could reach the Gulf next year"):
# its doubt or plan is its own, not the clause's.
_RELATIVE = re.compile(
    r",\s+(?:which|who|whose)\b[^,;]*|,\s+(?:an?|the)\s+[^,;]*?\b(?:that|which)\b[^,;]*"
)


def _plant_in_passing(text: str, position: int) -> bool:
    """True when `position` lies in a relative clause set off by a comma that names the
    plant itself (", whose assembly at the Bursa plant began in December,"): the clause
    describes something else (a model), the plant is where it happens."""
    return any(
        m.start() <= position < m.end() and _search(_PLANT_WORDS, m.group(0))
        for m in _RELATIVE.finditer(text)
    )


def without_relatives(text: str) -> str:
    """The clause without its relative clauses and appositions."""
    return _RELATIVE.sub("", text)


def _main_role(text: str) -> Role:
    """The role of a clause without its relative clauses and appositions."""
    return role_of(without_relatives(text))


_SHOW_VERB = (
    r"(?:showed|shows|showcased|showcases|unveiled|unveils|presented|presents|revealed|"
    r"reveals|premiered|premieres|debuted|debuts|displayed|exhibited)"
)
# A model shown with no venue in its clause: "BMW showed the iX3 on Monday", "the Boreal was
# unveiled in Brazil in May" (the venue: the place, else the one show the text names).
_SHOWN_HERE = re.compile(
    rf"(?i:\b{_SHOW_VERB}\b|\b(?:was|were|is|are|been)\s+(?:shown|showcased|unveiled|"
    r"presented|revealed|premiered|displayed|exhibited)\b|"
    # a participle after the model ("the electric GLC, shown at the show"), an infinitive
    # of purpose ("used the show to display the Tank 300")
    r",\s+(?:shown|displayed|showcased|unveiled|presented)\b|\bto\s+(?:display|show|showcase)\b)"
)
_SHOWN_IN = re.compile(r"^[^,;]{0,40}?\bin\s+(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")
# A show or fair a text is about: "the IAA Mobility auto show in Munich", "the Bharat
# Mobility Global Expo in New Delhi", "Auto Shanghai".
_EVENT = re.compile(
    r"(?P<name>\b(?:IAA(?:\s+Mobility)?|CES(?:\s+\d{4})?|MWC(?:\s+\d{4})?|Auto\s+(?:Shanghai|China|"
    r"Guangzhou)(?:\s+\d{4})?|(?:[A-Z][\w&.-]*\s){1,4}(?:Motor\s+Show|Auto\s+Show|Mobility\s+Show|Expo|Salon|"
    r"Motor\s+Fair)(?:\s+\d{4})?))(?:\s+(?:auto|motor)\s+show)?"
    r"(?:\s+in\s+(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))?"
)


_SHOW_NAME_EXTRAS = re.compile(r"\s*\b(?:International|(?:19|20)\d\d)\b")


def event_of(text: str) -> str | None:
    """The one show or fair a text names ("IAA Mobility, Munich"), or None when it names
    none or several."""
    found = {
        re.sub(r"^(?:The|This|At|During|In)\s", "", f"{m.group('name')}, {m.group('place')}")
        if m.group("place")
        else re.sub(r"^(?:The|This|At|During|In)\s", "", m.group("name"))
        for m in _EVENT.finditer(text)
    }
    # (one show, whether or not its name says "International" or its year: "Lisbon Motor
    # Show 2026" and "the Lisbon International Motor Show")
    names_only = {_SHOW_NAME_EXTRAS.sub("", name.split(",")[0]).strip() for name in found}
    # "IAA" in a heading and "IAA Mobility" in the body are one show
    longest = max(names_only, key=len, default="")
    if not names_only or any(not longest.startswith(name) for name in names_only):
        return None
    return max(found, key=len)


_SHOWN = re.compile(
    r"(?i:\b(?:made\s+an\s+appearance|appeared|showcased|(?:was|were|be|is|are)\s+(?:shown|"
    r"displayed|exhibited|presented|unveiled)|on\s+display|showed(?:\s+off)?|displayed|exhibited|"
    r"presented|unveiled|revealed|(?:will|to|plans\s+to)\s+(?:show|present|display|exhibit|"
    r"unveil|showcase|reveal)|(?:world|global|public|european|international|[A-Z]{2})?\s*"
    r"(?:premiere|debut))\b"
    r".{0,60}?\bat\s+(?:the\s+)?)"
    r"(?P<venue>[A-Z][\w&.-]*(?:\s(?:[A-Z][\w&.-]*|\d{4}))*)(?:\s+(?:motor\s+)?(?:show|fair|"
    r"exhibition|expo|event|conference))?(?:\s+in\s+(?P<place>[A-Z][\w-]+(?:\s[A-Z][\w-]+)?))?"
)


def showcase(clue: Clue) -> list[Draft]:
    """A model shown at an event ("made an appearance at MWC 2024 in Barcelona", "will show
    the Galaxy Cruiser at Auto China 2026 in Beijing"): the venue with its city, the market
    of that city (or of a place the venue's name holds)."""
    match = _SHOWN.search(clue.text)
    if clue.role.blocks_typing or _main_role(clue.text).hedge:
        return []
    if not match or _MONTH_WORD.match(match.group("venue")):
        return _shown_here(clue)
    guesses: list[str] = []
    model = _model(clue, match.start(), guesses)
    if model is None or not (_models(clue, clue.whole) or _refers_to_a_model(clue.text, match)):
        return []  # a model named before, while something else is shown
    venue, place = match.group("venue").rstrip("."), match.group("place")
    if place and _MONTH_WORD.match(place):
        place = None  # "at the Expo in January": a month, not a city
    fields: Content = {"model": model, "venue": f"{venue}, {place}" if place else venue}
    market = names.place_market(place) if place else None
    market = market or next(
        (code for word in venue.split() if (code := names.place_market(word))), None
    )
    if market:
        fields["market"] = market
    return [Draft("showcase", fields, guesses)]


_MONTH_WORD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _shown_here(clue: Clue) -> list[Draft]:
    """A model shown with no "at" venue: in a place the clause names, else at the one show
    the text names (guessed); none when the clause plans it or names no model after the
    verb."""
    verb = _SHOWN_HERE.search(clue.text)
    if verb is None or _main_role(clue.text).plan:
        return []
    after = clue.text[verb.end() :]
    shown = [m for m in _models(clue) if m.start >= verb.start() - 40]
    guesses: list[str] = []
    passive = re.match(r"(?:was|were|is|are|been)\s", verb.group(0), re.IGNORECASE)
    subject = [m for m in _models(clue) if m.end <= verb.start()] if passive else []
    if shown:
        model: str | None = min(shown, key=lambda m: abs(m.start - verb.start())).name
    elif subject:  # the model the clause opens on: "Cupra's Raval, a hatchback …, was shown"
        model = subject[0].name
    else:  # told before the verb's clause: "the Renault Boreal, …, was unveiled in Brazil"
        model = _model(clue, verb.start(), guesses) if BARE_VERB.match(clue.text) else None
    if model is None and passive and clue.model and _A_VERSION.match(clue.text):
        model = clue.model  # "A concept version was shown in Düsseldorf": the model named before
        guesses.append(f"model {model} (the one the sentence before names)")
    elif model is None or guesses:
        return []
    fields: Content = {"model": model}
    place = _SHOWN_IN.match(after)
    market = names.place_market(place.group("place")) if place else None
    if (
        place
        and _search(r"debut|premiere", verb.group(0))
        and names.only_a_country(place.group("place"))
    ):
        return []  # "debuts in Europe in May": a launch there, not a show
    where = _where_shown(clue, verb.start())
    opening = _AT_AN_EVENT.match(clue.text)
    if place and market:
        fields["venue"], fields["market"] = place.group("place"), market
    elif where is not None:
        fields["venue"], fields["market"] = where
    elif opening:  # "At the Chengdu Auto Show, Tank showcased the Tank 700"
        fields["venue"] = opening.group("venue")
        market = next(
            (code for word in opening.group("venue").split() if (code := names.place_market(word))),
            None,
        )
        if market:
            fields["market"] = market
    elif clue.event and not _dated_elsewhere(clue):
        fields["venue"] = clue.event
        guesses.append(f"venue {clue.event} (the show the text is about)")
        city = clue.event.split(", ")[-1] if ", " in clue.event else None
        market = names.place_market(city) if city else None
        if market:
            fields["market"] = market
    else:
        return []
    return [Draft("showcase", fields, guesses)]


# What stands for a model named before, shown in another form: "A concept version was
# shown", "The prototype was unveiled", "It was shown".
_A_VERSION = re.compile(
    r"^(?:(?:a|an|the|its)\s+(?:[\w-]+\s+)?(?:concept|prototype|version|study)(?:\s+version)?|"
    r"it|the\s+(?:car|model|vehicle))\s+(?:was|were|is|has\s+been)\s",
    re.IGNORECASE,
)
# A clause that opens on the show it tells of: "At the Chengdu Auto Show earlier this month, …".
_AT_AN_EVENT = re.compile(
    r"^(?:At|During)\s+(?:the\s+|this\s+year's\s+)?(?P<venue>(?:[A-Z][\w&.-]*\s){0,4}"
    # (written in lower case too: "At the Lille motor show last weekend, …")
    r"(?i:motor\s+show|auto\s+show|mobility\s+show|expo|salon|motor\s+fair|auto\s+expo)"
    r"(?:\s+\d{4})?)\b"
)
# A show told as the place before "where": "Rivian's event in Laguna Beach, California, on
# March 7, where it unveiled the midsize R2".
_PLACE_BEFORE_WHERE = re.compile(
    r"\bin\s+(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:,\s+(?P<region>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))?"
    r"(?=[^.;]*?,\s+where\s+[^,;]*$)"
)


def _where_shown(clue: Clue, verb: int) -> tuple[str, str] | None:
    """The venue and market of a model shown in a "where" clause, from the place the words
    before "where" name ("…event in Laguna Beach, California, on March 7, where it
    unveiled…"), or None."""
    start = clue.whole.find(clue.text)
    before = clue.whole[: max(0, start) + verb]
    if not re.search(r",\s+where\s+[^,;]*$", before):
        return None
    found = list(_PLACE_BEFORE_WHERE.finditer(before))
    if not found:
        return None
    place, region = found[-1].group("place"), found[-1].group("region")
    market = (names.place_market(region) if region else None) or names.place_market(place)
    if market is None:
        return None
    return (f"{place}, {region}" if region else place), market


def _dated_elsewhere(clue: Clue) -> bool:
    """True when the clause dates what it tells to a month or a year other than that of
    publication ("unveiled the Cybercab last October"): then it is not the show the text is
    about."""
    period, _ = when.period(without_relatives(clue.text), clue.published, "past")
    if period is None:
        return False
    return not when.first_day(period) <= clue.published <= when.last_day(period)


_LAUNCHED = (
    r"\b(?:(?:has|have)\s+been\s+on\s+sale|(?:is|are)\s+(?:now\s+)?on\s+sale\s+(?=in\s)|"
    r"(?:deliveries|sales)\s+(?:[\w.-]+\s+){0,6}?(?:began|started|commenced|(?:have|has)\s+"
    r"(?:begun|started))|"
    # a model added to a market's range: "will add the B05 hatchback to its French range"
    r"add(?:s|ed|ing)?\s+(?=(?:the|its)\s[^,;.]{0,40}?\bto\s+(?:its|the)\s+(?:[A-Z][\w.]*\s+)"
    r"(?:range|line-?up|model\s+range|portfolio)\b)|"
    # "introduced the Atto 2 to the Mexican market"
    r"introduc(?:ed|es)\s+(?=(?:the|its)\s[^,;.]{0,40}?\b(?:in|to|into)\s+(?:the\s+)?"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)[A-Z])|"
    r"launched|launches|"
    # a brand's first showroom opened with its models: "opened its first showroom in Bogotá
    # on 22 April with the C10 and the B10"
    r"opened\s+(?:its|their|the)\s+(?:first\s+|1st\s+)?(?:[\w-]+\s+)?(?:showrooms?|dealerships?|"
    r"stores?|outlets?)(?=[^;,]{0,60}?\bwith\s+the\s)|"
    r"launch|went\s+on\s+sale|goes\s+on\s+sale|go\s+on\s+sale|debut(?:ed|s)?(?!\s+at\b)|"
    r"(?:be(?:come)?|became|is|are)\s+available\s+(?:to\s+order\s+)?(?:in|from)|"
    r"rolled\s+out|hit\s+(?:the\s+)?(?:showrooms|market)|(?:began|started|start|begin|starts|"
    r"begins|commenced|commences)\s+(?:[A-Z]\w+\s+)?(?:sales|selling|deliveries|delivering)|"
    # a model put on sale, the model between: "put the 7X mid-size SUV on sale in Spain"
    r"(?:put|puts)\s+(?=(?:the|its|their)\s[^,;.]{0,40}?\bon\s+sale\b)|"
    r"deliveries\s+(?:\w+\s+){0,6}?(?:to|will|would|should)\s+(?:begin|start|commence)|"
    r"deliveries\s+(?:starting|beginning|commencing|(?:due|set|slated|scheduled)\s+to\s+"
    r"(?:begin|start))|"
    # "it is due in UK showrooms", "will arrive in showrooms"
    r"(?:due|arriv\w*|hit\w*)\s+in\s+(?:[A-Z][\w.]*\s+)?(?:showrooms|dealerships)|"
    # a model brought to a market's showrooms: "lands in UK showrooms in October", "reaches
    # Mexican dealers in March"
    # ("will reach European dealers" is left to an expected entry)
    r"(?<!will\s)(?:land(?:s|ed|ing)?\s+in|reach(?:es|ed|ing)?)\s+(?:the\s+)?(?:[A-Z][\w.]*\s+)?"
    r"(?:showrooms|dealerships|dealers)|"
    # told in the present of a date to come: "The Jaecoo 7 arrives in Spain in November"
    r"arrive[sd]\s+in\s+(?=(?:the\s+)?[A-Z])|"
    # "will be introduced in China": a model brought to a market
    r"(?:be|been|is|are|was|were)\s+introduced\s+(?=(?:in|to|into)\s+(?:the\s+)?(?!"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b)[A-Z]))\b"
)
# A plan that is not yet firm ("plans to launch", "is expected to go on sale", "could
# start selling"): an expected entry, not a planned launch.
_TENTATIVE = re.compile(
    r"\b(?:plans?|planning|planned|expects?|expected|aims?|aiming|intends?|intending|hopes?|"
    r"looks?|looking|seeks?|wants?|considering|considers?|weighs?|weighing|eyes|eyeing|mulls?|"
    r"mulling|could|may|might|likely|tipped|hoping)\b(?:\s+[\w-]+){0,6}\s*$",
    re.IGNORECASE,
)
# A launch word denied just before it: "will not go on sale", "won't be launched".
# The noun "launch" as a point of time or a description, not a launch told: "down from six
# months at launch", "since launch", "has become the most important launch in years".
_LAUNCH_AS_REFERENCE = re.compile(
    r"\b(?:at|since|from|after|before|until)\s+launch$|"
    # a running count's start: "more than 100,000 orders since its commercial launch last autumn"
    r"\bsince\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}launch$|"
    r"\b(?:is|was|are|were|become|became|becomes|remains?|remained)\s+(?:the|a|an|its|their)\s+"
    r"(?:[\w-]+\s+){0,3}launch$",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:not|never|won't|wont|n't)\s+(?:(?:yet|be|been|officially|\w+ly)\s+){0,2}$", re.I
)
# A launch told in the present tense: a plan when its date is still to come.
# ("launches" is left out: a headline's present tense tells what happened that day.)
_PRESENT = re.compile(r"(?:goes|go)\s+on\s+sale\b|arrives\s+in\b", re.IGNORECASE)
# Words of a time still to come that mxt may not date: "soon", "later", "next", "coming".
_TIME_TO_COME = (
    r"\b(?:soon|shortly|later|next|coming|upcoming|in\s+time\s+for|ahead\s+of|after\s+the|"
    r"once|when)\b"
)
# A launch told in the past tense happened, unless it "will be launched".
_PAST_LAUNCH = (
    r"launched|went|debuted|rolled|hit|began|started|has|have|deliveries|introduced|arrived|added|"
    r"commenced|put(?!s)"
)
_FUTURE = (
    r"\b(?:expected|expects|will|plans?|planned|set\s+to|soon|could|may|might|upcoming|"
    r"on\s+track|(?<!\bup\s)to)\b"  # "up to three months" is a bound, not a plan
)
# A launch dated by the words before the noun: "after its September launch".
_DATED_NOUN = re.compile(
    r"\b(?:its|the|their)\s+(?P<when>(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d)\s+$"
)


def _clause_at(text: str, position: int) -> tuple[int, str]:
    """The clause of a normalised sentence that holds `position`, with where it starts."""
    offset = 0
    for clause in split_clauses(text):
        start = text.find(clause, offset)
        if start <= position < start + len(clause):
            return start, clause
        offset = max(offset, start)
    return 0, text


def _clause_of(text: str, position: int) -> str:
    """The clause of a normalised sentence that holds `position`."""
    return _clause_at(text, position)[1]


def _phrase_from(text: str, position: int) -> str:
    """The text from `position` to the next comma, semicolon or full stop, or to a word of
    a plan ("… in May and expects to begin sales in the UK": the plan is another fact)."""
    stop = re.compile(r",(?!\d)|;|\.(?:\s|$)|\band\s+(?:expects|plans|will|aims)\b").search(
        text, position + 1
    )
    return text[position : stop.start() if stop else len(text)]


# Words that stand for a model named before: "it went on sale", "launched the car".
_A_MODEL = (
    r"(?:it|they|them|(?:the|both|the\s+two)\s+(?:[\w-]+\s+){0,3}?(?:cars?|models?|vehicles?|"
    r"SUVs?|sedans?|EVs?|hatchbacks?|crossovers?|pickups?|pick-ups?|utes?|vans?|MPVs?|"
    r"seven-seaters?|saloons?|wagons?))"
)


def _refers_to_a_model(clause: str, cue: re.Match[str]) -> bool:
    """True when a launch word whose clause names no model speaks of one named before: its
    subject or object is "it", "the car", "the model" ("launched a price war" is not)."""
    before, after = clause[: cue.start()], clause[cue.end() :]
    # (an adverb set off between: "The pick-up will, however, be exhibited at…")
    if re.search(rf"\b{_A_MODEL},?\s+(?:[\w-]+,?\s+){{0,3}}$", before, re.IGNORECASE):
        return True
    return bool(re.match(rf"\s+{_A_MODEL}\b", after, re.IGNORECASE))


def _with_listed_markets(text: str, start: int, phrase: str) -> str:
    """The phrase, running on over a list of markets ("in Germany, France and Italy")."""
    rest = text[start + len(phrase) :]
    more = re.match(
        r"(?:,\s*(?:and\s+)?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?|\s+and\s+[A-Z][\w.-]*)+", rest
    )
    return phrase + (more.group(0) if more else "")


def _is_planned(text: str, cue: re.Match[str]) -> bool:
    """True when the launch the cue names is still to come."""
    before = text[max(0, cue.start() - 30) : cue.start()]
    if _search(r"\b(?:to|will|would|should)\s+(?:begin|start|commence)\b|^due\b", cue.group(0)):
        return True  # "with deliveries to begin in December", "due in UK showrooms"
    if re.match(_PAST_LAUNCH, cue.group(0), re.IGNORECASE):
        return bool(
            re.search(r"\b(?:will|to|set\s+to)\s+be\s+(?:\w+ly\s+)?$", before, re.IGNORECASE)
        )
    return bool(_search(_FUTURE, before + text[cue.start() : cue.end() + 30]))


def _launch_day(clue: Clue, phrase: str, planned: bool, guesses: list[str]) -> str | None:
    """When a launch happened (a day, month or year the phrase names, capped at
    publication) or, for a plan, when it is due as said (a day or a period); None when the
    text does not say."""
    if planned:
        due = due_as_said(phrase, clue.published, _fiscal(clue))
        if due is not None:
            guesses.append(f"launched_on {due} (a plan, as the text words it)")
        return due
    day = _launch_happened(clue, phrase, guesses)
    return day.isoformat() if day is not None else None


def _launch_happened(clue: Clue, phrase: str, guesses: list[str]) -> date | None:
    """The day a launch that happened is dated by the phrase, or None."""
    day = when.stated_day(phrase, clue.published)
    if day is not None:
        return day
    period, _ = when.period(phrase, clue.published, "past")
    if period is None or when.last_day(period).year > clue.published.year:
        return None
    day = min(when.last_day(period), clue.published)
    guesses.append(f"launched_on {day.isoformat()} (the text names only {period})")
    return day


def launch(clue: Clue) -> list[Draft]:
    """Launches of a model in a market ("the newly launched YU7 … in China", "the SU7,
    launched in 2024"), and planned ones with their date ("will go on sale on July 3");
    no market named means the company's home market (guessed). Each launch word of the
    clause is read on its own; a model and market told twice give one draft."""
    cancelled = _launch_cancelled(clue)
    if cancelled:
        return cancelled
    found: dict[tuple[str, str], Draft] = {}
    for cue in re.finditer(_LAUNCHED, clue.text, re.IGNORECASE):
        for draft in _launch_at(clue, cue):
            found.setdefault((draft.fields["model"], draft.fields["market"]), draft)
    return list(found.values()) or _market_following(clue)


# A plan to sell a model in a market given up: "has cancelled its plan to sell the X in Y",
# "scrapped the launch of the X in Y".
_LAUNCH_CANCELLED = re.compile(
    r"\b(?:cancel\w*|scrap(?:s|ped|ping)?|shelv\w*|abandon\w*|axed|dropped|called\s+off)\s+"
    r"(?:its\s+|their\s+|the\s+)?(?:plans?\s+to\s+(?:sell|launch|introduce|offer|bring)|"
    r"(?:planned\s+)?(?:launch|sale|sales|introduction|roll-?out)\s+of)\s+(?P<what>[^,;]+)",
    re.IGNORECASE,
)


def _launch_cancelled(clue: Clue) -> list[Draft]:
    """A planned launch called off, in the market the clause names ("Suzuki has cancelled
    its plan to sell the e Vitara in Thailand"): a launch `cancelled`. A denial, a hedge or
    a condition says no such thing."""
    cue = _LAUNCH_CANCELLED.search(clue.text)
    if cue is None:
        return []
    role = role_of(clue.text[: cue.end()])  # (not what follows: "…, saying it would not pay")
    if role.denial or role.hedge or role.condition:
        return []
    if role.plan and not re.search(r"\b(?:has|have|had)\b", clue.text[: cue.start()]):
        return []  # "will cancel …": not yet done
    what = cue.group("what")
    found = _models(clue, what)
    markets = names.included_markets(what)
    if not found or len(markets) != 1:
        return []
    fields: Content = {"model": found[0].name, "market": markets[0], "status": "cancelled"}
    return [Draft("launch", fields, [])]


# A market that comes next for the model its sentence launched before: "…went on sale in
# Germany on 1 September; the UK will follow in the first quarter of 2027".
_MARKET_FOLLOWS = re.compile(
    r"^(?:and\s+|then\s+)?(?:the\s+)?(?P<market>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})\s+"
    r"(?:will\s+follow|follows|is\s+to\s+follow|comes\s+next|is\s+next)\b(?P<rest>[^;]*)"
)


def _market_following(clue: Clue) -> list[Draft]:
    """The planned launch of a market said to follow, in a clause after the one that
    launched the model in its sentence, with the date the clause gives (none: no draft)."""
    follows = _MARKET_FOLLOWS.match(clue.text)
    start = clue.whole.find(clue.text)
    if follows is None or start <= 0 or not _search(_LAUNCHED, clue.whole[:start]):
        return []
    markets = names.included_markets(follows.group("market"))
    due = due_as_said(follows.group("rest"), clue.published, _fiscal(clue))
    before = _models(clue, clue.whole[:start])
    if len(markets) != 1 or due is None or not _still_to_come(due, clue.published) or not before:
        return []
    fields: Content = {"model": before[-1].name, "market": markets[0], "launched_on": due}
    guesses = [f"model {before[-1].name} from the clause before", f"launched_on {due} (a plan)"]
    return [Draft("launch", {**fields, "status": "planned"}, guesses)]


def _launch_at(clue: Clue, cue: re.Match[str]) -> list[Draft]:
    """The launches one launch word of the clause tells (one per market)."""
    # The role of the words around the cue: "X, which went on sale in 2023, will be…".
    role = role_of(
        clue.text[max(0, cue.start() - 40) : cue.start()] + _phrase_from(clue.text, cue.start())
    )
    if role.blocks_typing or role.halt:
        return []  # a halt is a pause or an exit, not a launch
    if _NEGATED.search(clue.text[max(0, cue.start() - 30) : cue.start()]):
        return []  # "will not go on sale … before January": a policy, not a launch
    if _LAUNCH_AS_REFERENCE.search(clue.text[: cue.end()]):
        return []  # "down from six at launch", "the most important launch in years"
    clause = _clause_of(clue.text, cue.start())
    phrase = _phrase_from(clue.text, cue.start())
    if _search(
        r"\b(?:pre-?orders?|orders?|reservations?|bookings?|pre-?sales?|deposits?)\b",
        phrase + " " + clue.text[max(0, cue.start() - 25) : cue.start()],
    ):
        return []  # orders opened somewhere: not the model on sale there
    planned = _is_planned(clue.text, cue) or role.plan or role.delay
    if (
        planned
        and not (_is_planned(clue.text, cue) or role.plan)
        and re.match(_PAST_LAUNCH, cue.group(0), re.IGNORECASE)
    ):
        return []  # told as done, beside a delay ("started in August after a delay"): unsure
    # the present tense with a date still to come: "goes on sale in the UK in June"
    if not planned and _PRESENT.match(cue.group(0)):
        planned = due_as_said(phrase, clue.published, _fiscal(clue)) is not None
        if not planned and _search(_TIME_TO_COME, phrase):
            return []  # "goes on sale after the summer": to come, on a date mxt cannot read
    # a day and month still ahead in the publication's year: "is confirmed for 15 July",
    # written in June, is a plan (that July, not last year's)
    if not planned and when.day_to_come(phrase, clue.published) is not None:
        planned = True
    told = clause
    if cue.group(0).lower() == "launch":  # the noun: "the launch of the X, …, has been pushed…"
        told = _continued(clue)
        planned = planned or role_of(told).plan or role_of(told).delay
        dated = _DATED_NOUN.search(clue.text[: cue.start()])
        if dated and not planned:  # "after its September launch": the launch is dated so
            phrase = f"in {dated.group('when')}"
    if not planned and role.blocks_reached:
        return []
    tentative = planned and _TENTATIVE.search(
        MONTH_MAY.sub(" ", clause[: max(0, cue.start())])[-60:]
    )
    guesses: list[str] = []
    model = _model(clue, cue.start(), guesses)
    named_here = _models(clue) or _models(clue, clue.whole)
    if model is None or (not named_here and not _refers_to_a_model(clue.text, cue)):
        return []  # no model, or one named before while the launch is of something else
    markets = (
        names.included_markets(_with_listed_markets(clue.text, cue.start(), phrase))
        or names.included_markets(clause)
        or names.included_markets(clue.text)  # "… in Germany, and deliveries there began"
    )
    home = names.home_market(clue.company)
    fields: Content = {"model": model, "_cue_at": cue.start()}
    referred = names.referred_markets(phrase, clue.whole) or _here(clue, phrase)
    placed, unplaced = names.places(phrase)
    if not markets and referred:
        markets = referred
        guesses.append(f"market {referred[0]} (the market the sentence names, referred to)")
    elif not markets and placed:
        markets = placed
    elif not markets and (unplaced or set(names.included_markets(clue.whole)) - {home}):
        return []  # the sentence names another place: the home market is no safe guess
    spoken = clue.spoken or _SPOKEN.search(clue.quote)
    if not markets and clue.setting and spoken and clue.setting != home:
        markets = [clue.setting]  # "A: PV5 goes on sale in August" in a text set in Australia
        guesses.append(f"market {clue.setting} (where the text is set; the speaker names none)")
    if not markets and _HERE.search(phrase) and not clue.setting:
        return []  # "goes on sale here": a place the text does not make known
    if (
        not markets
        and home
        and clue.setting not in (None, home)
        and home not in names.included_markets(clue.whole)
    ):
        return []  # a text set in another country: the home market is no safe guess
    if not markets and home:
        markets = [home]
        guesses.append(f"market {home} (the company's home market; the text names none)")
        fields["_market_guessed"] = True
        if _search(r"\b(?:showrooms|dealerships|dealers)\b", cue.group(0)):
            return []  # "reaches GWM showrooms": the showrooms' country is not told
    # A plan not yet firm is an expected entry, but a company enters no home market: there
    # it is a planned launch ("with U.S. deliveries expected to begin in 2026").
    if tentative and (markets != [home] or fields.get("_market_guessed")):
        return []
    # a plan's date as its phrase says it, else as its clause does ("the launch of the X,
    # …, has been pushed to December")
    day = (planned and _launch_day(clue, phrase, planned, guesses)) or _launch_day(
        clue, told if planned else phrase, planned, guesses
    )
    if planned and day is None:
        return []
    if day is not None:
        fields["launched_on"] = day
    fields["status"] = "planned" if planned else "launched"
    announced = None if planned or day is None or len(day) != 10 else date.fromisoformat(day)
    own = _dates_by_market(clue, phrase) if planned and len(markets) > 1 else {}
    return [
        Draft("launch", {**fields, "model": named, "market": market,
                         **({"launched_on": own[market]} if market in own else {})},
              list(guesses), announced_on=announced)
        for named in _listed(clue, model, cue.start()) for market in markets
    ] + (_followed_by(clue, cue, phrase, fields, guesses) if planned else [])  # fmt: skip


def _dates_by_market(clue: Clue, phrase: str) -> dict[str, str]:
    """The date a plan gives each market it names in turn, each market's own ("in Spain in
    November 2026 and in Italy in the first quarter of 2027"): what follows a market up to
    the next one dates it."""
    named = names.markets(phrase)
    dated: dict[str, str] = {}
    for mention, following in zip(named, [*named[1:], None], strict=True):
        until = following.start if following else len(phrase)
        due = due_as_said(phrase[mention.end : until], clue.published, _fiscal(clue))
        if due is not None:
            dated.setdefault(mention.name, due)
    return dated


# The next market of a plan told in turn: "in Europe in March, followed by China in the
# second half of 2026".
_FOLLOWED_BY = re.compile(r"^,\s+(?:followed\s+by|then|and\s+then|and\s+later)\s+(?P<next>[^,;]+)")


def _followed_by(
    clue: Clue, cue: re.Match[str], phrase: str, fields: Content, guesses: list[str]
) -> list[Draft]:
    """The launches a plan names in turn after its first market, each with its own date."""
    then = _FOLLOWED_BY.match(clue.text[cue.start() + len(phrase) :])
    if then is None:
        return []
    markets = names.included_markets(then.group("next"))
    due = due_as_said(then.group("next"), clue.published, _fiscal(clue))
    if not markets or due is None:
        return []
    said = [g for g in guesses if not g.startswith("launched_on")]
    said.append(f"launched_on {due} (a plan, as the text words it)")
    return [
        Draft("launch", {**fields, "launched_on": due, "market": market}, list(said))
        for market in markets
    ]


# Going into a market: a plan not yet firm for a model ("plans to launch the X in Y", "is
# expected to begin sales in Y"), a company's entry ("will enter Y", "entry into Y"), a
# return weighed, or a market tipped to come first.
_ENTRY_VERB = (
    # (a brand's first showrooms: "could open its first dealerships in Lima")
    r"(?:open\w*\s+(?:its|their)\s+(?:first\s+|1st\s+)?(?:[\w-]+\s+)?(?:showrooms?|dealerships?|"
    r"stores?)|enter\w*|launch\w*|sell\w*|bring\w*|ship\w*|export\w*|introduc\w*|expand\w*|"
    r"arriv\w*|reach\w*|debut\w*|offer\w*|roll\w*\s+out|return\w*|(?:begin|start|commence)"
    r"\w*\s+(?:\w+\s+)?(?:sales|selling|deliveries|delivering|shipping|shipments|exports|"
    r"exporting)|go\s+on\s+sale)"
)
_ENTRY = (
    rf"\b(?:(?:plans?|planning|planned|expects?|expected|aims?|aiming|intends?|hopes?|looks?|"
    rf"looking|seeks?|wants?|preparing|considering|considers?|could|may|might|likely|"
    rf"tipped|set|poised|slated|scheduled)\s+(?:[\w-]+\s+){{0,5}}?(?:to\s+)?{_ENTRY_VERB}|will\s+(?:\w+ly\s+)?(?:enter|expand\s+into|"
    rf"arrive\s+in|make\s+its\s+debut\s+in|reach)|weigh(?:s|ing)?\s+(?:a\s+)?(?:return|entry|"
    rf"launch|move)|consider(?:s|ing)?\s+(?:a\s+)?(?:return|entry|entering)|eyes|eyeing|"
    rf"entry\s+into|(?:is|are)\s+(?:expected|likely|tipped|set)\s+to\s+be\s+(?:next|first|"
    rf"high|among|the\s+first|a\s+priority)|launch\s+expected|"
    # a company or a brand going into a market (no model): "the brands will launch in
    # Germany", "will bring its new Lepas brand to Europe"
    rf"will\s+(?:\w+ly\s+)?(?:launch|debut)\s+(?=in\s)|"
    # "We will start deliveries in Thailand in March" (no model: the company's entry)
    rf"will\s+(?:start|begin|commence)\s+(?:deliveries|sales|selling|delivering)\s+(?=in\s)|"
    rf"will\s+(?:\w+ly\s+)?bring\s+(?:its|the|their)\s+(?:[\w-]+\s+){{0,3}}?brands?\s+to|"
    # its debut in a market, moved or dated: "its European debut, first planned for this
    # year, will now take place in the second half of 2025"
    # (a debut made at a show is a showcase: "made its European debut at the Paris show")
    rf"(?<=\s)(?<!made\sits\s)(?<!makes\sits\s)(?<!make\sits\s)"
    rf"(?=[A-Z][a-z]+\s+(?:debut|entry|arrival|market\s+entry)\b))"
)


# Words that make the plan after them the old one: "which Tesla had planned to launch…".
_OLD_PLAN_BEFORE = r"\b(?:had(?:\s+been)?|originally|initially|previously|first)\s+$"
_NO_ENTRY = (
    r"\b(?:no|not|never)\s+(?:\w+\s+){0,2}(?:plans?|intention|intends?)\s+to\b|"
    r"\b(?:will\s+not|won't|does\s+not|doesn't)\s+(?:plan\s+to\s+)?(?:enter|launch|sell)\b"
)


def expected_entry(clue: Clue) -> list[Draft]:
    """Markets a company (or a model) is expected to enter ("Europe is expected to be high
    on the list", "India launch expected soon"), with the year or month expected."""
    cue = _search(_ENTRY, clue.text)
    if not cue or _search(_NO_SALES, clue.text) or clue.role.blocks_typing:
        return []
    if figures.counts(clue.text, minimum=100):
        return []  # "expects to sell 10,000 cars in Europe": a target, not an entry
    if any(draft.fields["status"] == "planned" for draft in launch(clue)):
        return []  # a named model's launch with its date: a planned launch
    start, clause = _clause_at(clue.text, cue.start())
    if _search(_OLD_PLAN_BEFORE, clause[: max(0, cue.start() - start)]):
        return []  # the plan as it was ("which Tesla had planned to launch in September")
    factory_plan = cue.group(0).lower().startswith(("expect", "eye")) and _search(
        r"\b(?:plant|factory|production|assembl\w*)\b", clause
    )
    if factory_plan or _search(_NO_ENTRY, clause) or _LAUNCH_CANCELLED.search(clause):
        return []  # a factory's plan, or a plan denied or given up: not a market entry
    home = names.home_market(clue.company)
    tail = clause[max(0, cue.start() - start) :]
    nearest = (
        names.included_markets(_phrase_from(tail, 0))
        or names.included_markets(tail)
        or names.places(tail)[0]  # a city's country: "its first dealerships in Lima"
    )
    if not nearest and re.match(r"(?:is|are)\s", cue.group(0)):
        nearest = names.included_markets(clause[: max(0, cue.start() - start)])  # "Europe is…"
    markets = [code for code in nearest if code != home]
    if not markets:
        return []
    guesses: list[str] = []
    expected = _expected_when(clue, clause[max(0, cue.start() - start) :], clause, guesses)
    named = _models(clue)
    fields: Content = {"expected": expected}
    if any(guess.endswith("(the text gives no date)") for guess in guesses):
        fields["_undated"] = True
    if named:
        fields["model"] = named[0].name
    return [
        Draft("expected-entry", {"market": m, **fields}, list(guesses), expected=True)
        for m in markets
    ]


def _expected_when(clue: Clue, after: str, clause: str, guesses: list[str]) -> str:
    """When an entry is expected: a month or year named after the cue (else in its clause,
    else in the rest of its sentence: "…, with 2027 the most likely date"), not the date it
    had before it moved; else the year a policy of the text names, else the year of
    publication (for "soon")."""
    start = clue.whole.find(clause)
    rest = clue.whole[start + len(clause) :] if start >= 0 else ""
    for text in (after, clause, rest):
        text = when.without_old_plan(text)
        said = due_as_said(text, clue.published, _fiscal(clue))
        if said is not None and len(said) == 7 and said[5] in "QH":
            return said  # a quarter or a half: "in the second half of the year", "2H26"
        due = when.upcoming(text, clue.published)
        month_named = due is not None and _search(
            rf"\b(?:in|by)\s+{due.strftime('%B')}\b|\bnext\s+month\b|\b(?:in|within)\s+(?:a|one)\s+month\b",
            text,
        )
        if due is not None and month_named:
            return f"{due.year}-{due.month:02d}"
        year = when.year_of(text)
        if year and int(year) >= clue.published.year:
            return year
        if due is not None:
            return str(due.year)
    if clue.horizon:
        guesses.append(f"expected {clue.horizon} (the year the text's policy names)")
        return clue.horizon
    guesses.append(f"expected {clue.published.year} (the text gives no date)")
    return str(clue.published.year)


_TOPICS = (
    ("hiring", r"\b(?:hiring|recruit\w*|jobs?|workers|staff|headcount|layoffs?)\b"),
    ("pricing", r"\b(?:price\w*|discount\w*|costs?)\b"),
    ("production", r"\b(?:production|capacity|supply|bottlenecks?|manufactur\w*)\b"),
    ("deliveries", r"\b(?:deliver\w*|sales|sold)\b"),
    ("demand", r"\b(?:demand|orders?|customers)\b"),
    ("strategy", r"\b(?:strategy|priority|focus\w*|plans?|global\w*|international|expansion|"
     r"markets?)\b"),
)  # fmt: skip


def statement(clue: Clue) -> list[Draft]:
    """A sentence of no kind, kept as a statement: its text verbatim and a topic guessed
    from its words. Headings and questions are not statements."""
    if clue.heading or clue.quote.rstrip().endswith("?") or len(clue.quote.split()) < 6:
        return []
    topic = next((t for t, pattern in _TOPICS if _search(pattern, clue.text)), "general")
    fields: Content = {"topic": topic, "text": clue.quote}
    named = list(dict.fromkeys(m.name for m in _models(clue, clue.whole)))
    if len(named) == 1:
        fields["model"] = named[0]
    return [Draft("statement", fields, [f"topic {topic}"])]


_EXIT = (
    r"\b(?:pull(?:s|ed|ing)?\s+out\s+of|exit(?:s|ed|ing)?|withdr(?:aw|aws|awing|ew)\s+from|"
    # with what is withdrawn between: "will withdraw the G70 sedan from Europe", "has
    # pulled the MX-30 from the UK market"
    # …or dropped from a market's range: "will drop the ë-C4 X from its UK range"
    r"(?:withdr(?:aw|aws|awing|ew)|pull(?:s|ed|ing)?|drop(?:s|ped|ping)?|remov(?:e|es|ed|ing))"
    r"\s+(?:the|its|their)\s+[^,;]{1,40}?\s+from\s+(?=(?:the\s+|its\s+|their\s+)?[A-Z])|"
    # a model retired from, or taken out of, a market's range, perhaps with an aside about it
    # between: "is retiring the X, a rebadged Y, from European showrooms", "is taking its
    # SUV, the 01, out of the Benelux range"
    r"(?:retir(?:e|es|ed|ing)|tak(?:e|es|ing)|took|taken)\s+(?:the|its|their)\s+[^;]{1,60}?\s+"
    r"(?:from|out\s+of)\s+(?=(?:the\s+|its\s+|their\s+)?[A-Z])|"
    # "will be phased out of the Brazilian range", "will come off sale in Norway"
    r"phas(?:e|es|ed|ing)\s+out\s+(?:of|from|in)\s+(?=(?:the\s+|its\s+|their\s+)?[A-Z])|"
    r"(?:come|comes|came|coming|go|goes|went|gone|been|be|taken)\s+off\s+sale|"
    # "will no longer be sold in Thailand after June"
    r"no\s+longer\s+(?:be\s+)?(?:sold|offered|available|on\s+sale|sell\w*|offer\w*)|"
    # "will stop taking UK orders for the X": no new buyer, an exit
    r"stop(?:s|ped|ping)?\s+taking\s+(?:\w+\s+){0,2}?orders|"
    r"leav(?:e|es|ing)|left|(?:stop(?:s|ped|ping)?|halt(?:s|ed|ing)?|end(?:s|ed|ing)?|"
    r"suspend(?:s|ed|ing)?|paus(?:e|es|ed|ing))\s+(?:\w+\s+){0,3}?(?:sales|selling|offering|"
    r"deliveries|imports|exports)|"
    # told in the passive: "the Ora brand will be withdrawn from Germany"
    r"(?:be|been|is|are|was|were)\s+withdrawn\s+from|"
    # told in the passive: "sales of the EX30 have been temporarily suspended"
    r"(?:sales|deliveries)\s+(?:of\s+(?:\S+\s+){1,5}?)?(?:have|has|had|were|was|are|is)\s+"
    r"(?:been\s+)?(?:\w+ly\s+)?(?:suspended|halted|stopped|paused|ended)(?!\s+\w+ing\b))\b"
)
# Sales that have not happened for a while: "have not been sold in Thailand since March".
_NOT_SOLD_SINCE = (
    r"\b(?:has|have|had)\s+not\s+(?:been\s+)?(?:sold|offered|available|on\s+sale)\b"
    r"(?=[^;]{0,60}?\bsince\b)"
)
# Sales at home: "suspended domestic sales of the minivan".
_AT_HOME = r"\b(?:domestic|home[- ]market)\s+(?:sales|deliveries)\b"


def exit_(clue: Clue) -> list[Draft]:
    """Sales that stop in markets ("pulled out of Russia", "suspended sales in Japan"): an
    `exit`, temporary when the wording is a pause; a plan to exit needs its date."""
    since = _search(_NOT_SOLD_SINCE, clue.text)  # a denial that tells an exit
    cue = since or _search(_EXIT, clue.text)
    role = clue.role
    if not cue or (role.denial and not since) or role.condition:
        return []
    if hedged(clue.text, waiting=True):
        return []
    if _search(r"\b(?:leav\w*|left)\b", cue.group(0)) and not _search(
        r"\b(?:leav\w*|left)\s+(?:the\s+)?(?:\w+\s+)?market", clue.text
    ):
        return []
    # the markets it stops in, not those an aside goes on with ("…, consolidating its
    # European business around Sweden and Germany") or gives as the reason ("…, after weak
    # sales in France and Germany")
    after = re.split(
        r",\s+(?:\w+ing|as|while|which|where|after|because|since|owing\s+to|due\s+to)\b|"
        r"\s+as\s+part\s+of\b|\s+amid\b|\s+(?:because\s+of|due\s+to|owing\s+to|citing)\b",
        clue.text[cue.start() :],
    )[0]
    opening = _IN_A_MARKET.match(clue.text)  # "In South Korea, sales of … were suspended"
    named = (
        names.included_markets(after)
        or (names.included_markets(opening.group(0)) if opening else [])
        or _here(clue, after)
    )
    home = names.home_market(clue.company)
    # the home market when it is the only one named, or sales are said to be domestic (a
    # maker that stops selling at home leaves a market too)
    markets = sorted(code for code in named if code != home) or (
        [home] if home and (home in named or _search(_AT_HOME, clue.text)) else []
    )
    if not markets:
        return []
    guesses: list[str] = []
    fields: Content = {"markets": markets}
    model = _model(clue, cue.start(), guesses) if _models(clue) else None
    if model:
        fields["model"] = model
    if _search(r"\b(?:suspend\w*|paus\w*|halt\w*|temporar\w*)", clue.text):
        fields["temporary"] = True
    if role.plan:
        due = due_as_said(after, clue.published, _fiscal(clue))
        if due is None:
            return []
        fields["effective_on"] = due
    elif not _search(_TOLD_DONE, clue.text):
        # told in the present with a date still to come ("is retiring the X … in
        # December"): a plan, due then
        due = due_as_said(after, clue.published, _fiscal(clue))
        if due is not None and _still_to_come(due, clue.published):
            fields["effective_on"] = due
            guesses.append(f"effective_on {due} read from the wording (a plan)")
    return [Draft("exit", fields, guesses)]


# A verb that tells something as done: a past tense or a perfect.
_TOLD_DONE = r"\b(?:has|have|had|was|were|did|since|ago|already|\w+ed|left|withdrew|took|went)\b"


# The cues tried on every clause, in order; `statement` only when none of them finds a fact.
CUES = (
    launch, orders, target, deliveries, wait_time, factory, policy, showcase, expected_entry,
    exit_,
)  # fmt: skip
