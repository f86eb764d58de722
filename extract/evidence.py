"""What a typed draft needs before it is offered typed: evidence in its own clause and
sentence. A draft that lacks it is kept as a `statement` whose note gives the reading and
what was missing, because a wrong typed draft costs a reviewer more than a missing one.

The rules read the shape of the sentence, never a list of sentences: a reached status needs
a sentence with no wording of a plan, delay, halt or doubt; a figure needs to be the only one
its clause leaves unexplained; a company that the clause does not name needs a sentence that
refers back to it, not one about somebody else; a count reported for a period long past is a
comparison, not the news.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import figures, when
from .cues import UNKNOWN_COMPANY, Clue, Draft, without_relatives
from .roles import MONTH_MAY, hedged, role_of

_FLAGS = re.IGNORECASE
# Wording that says something has not happened (yet), or may not: a plan, a delay, a halt,
# a condition, a doubt or a date not before which. "due to" (because of) is not a plan.
_NOT_REACHED = re.compile(
    r"\b(?:will|would|shall|expect\w*|plan(?!ts?\b)\w*|aim\w*|intend\w*|set\s+to|due(?!\s+to\b)|"
    r"schedul\w*|slated|target\w*|delay\w*|postpon\w*|push(?:ed|es|ing)?|slip\w*|"
    r"halt\w*|paus\w*|suspend\w*|stop\w*|idl\w*|cancel\w*|scrap\w*|shelv\w*|not\s+(?:\w+\s+)"
    r"{0,2}before|until|yet\s+to|could|may|might|should|prepar\w*|upcoming|soon|"
    r"to\s+(?:begin|start|open|launch|go)|deni\w*|deny|rumou?r\w*|reportedly)\b",
    _FLAGS,
)
# Words that stand for a company named before: the paragraph's company may be meant.
_REFERS_BACK = re.compile(
    r"\b(?:it|its|it's|the\s+(?:company|carmaker|automaker|car\s+maker|auto\s+maker|"
    r"group|firm|brand|maker|manufacturer|startup|start-up|venture|business|EV\s+maker|"
    r"electric[- ]vehicle\s+maker|(?:\w+[- ])?(?:based\s+)?(?:carmaker|automaker|company|"
    r"manufacturer|maker|group|brand)))\b",
    _FLAGS,
)
# Words that make a sentence about somebody other than one company: several makers, a
# nation's or a market's figures, an industry body.
_SOMEBODY_ELSE = re.compile(
    r"(?i:\b(?:brands|carmakers|automakers|makers|manufacturers|rivals|competitors|companies|"
    r"firms|players|OEMs|industry|the\s+(?:[\w-]+\s+){0,2}market\s+(?:up|down)\b|"
    r"(?:whole|overall|total|wider|entire)\s+(?:[\w-]+\s+){0,2}"
    r"market|share\s+of\s+the\s+(?:[\w-]+\s+){0,2}market|market\s+(?:grew|rose|fell|shrank|"
    r"expanded|sold|reached|totall?ed)|"
    r"segment|sector|association|analysts?|consensus|"
    r"estimates?|(?:sales|registrations|exports|deliveries)\s+of\s+(?:all\s+)?(?:NEVs|EVs|"
    r"electric|new|passenger|plug-in|cars|vehicles)|(?:NEV|EV|electric[- ]vehicle|electric[- ]car|"
    r"plug-in|hybrid|new[- ]energy(?:[- ]vehicle)?)s?\s+(?:retail\s+|wholesale\s+)?(?:sales|"
    r"exports|registrations|deliveries|output|production|shipments)|"
    # a figure from somebody's data: "according to CPCA preliminary data", "industry data show"
    r"(?:according\s+to|per)\s+(?:[\w&().-]+\s+){0,5}?(?:data|figures|statistics|estimates?)|"
    r"data\s+(?:show|showed|shows|from))\b)|"
    # a nation's or a market's own figures: "China's automobile exports", "Chile's
    # new-vehicle market"
    r"\b[A-Z][a-z]+'s\s+(?:(?:new|light|commercial)[- ])?(?:automobile|car|vehicle|auto|EV|NEV|"
    r"passenger|total|overall)\b",
)
# A segment's figure: "its EV sales stood at 5,000", "SUV sales rose to 47,306".
_SEGMENT = re.compile(
    r"(?i:\b(?:EVs?|electric(?:[- ]vehicles?|[- ]cars?)?|SUVs?|hybrids?|PHEVs?|BEVs?|plug-in|"
    r"CNG|diesel|petrol|commercial(?:[- ]vehicles?)?|trucks?|pickups?|luxury|premium)\s+"
    r"(?:car\s+|vehicle\s+)?(?:sales|deliveries|exports|registrations|volumes?|shipments|"
    r"output|production)\b)"
)
_COUNT_KINDS = ("orders", "target", "deliveries")
# A figure a correction withdraws: "the earlier version gave … as 63,279 because of an
# error", "was incorrectly reported as", "misstated".
_AN_ERROR = re.compile(
    r"\b(?:error|mistake|typo|incorrect(?:ly)?|wrong(?:ly)?|erroneous(?:ly)?|misstat\w*|"
    r"mis-?reported|earlier\s+version|previous\s+version|originally\s+(?:reported|stated|gave))\b",
    _FLAGS,
)
# A figure the writer forecasts in the first person ("We forecast 2026 overseas volume of
# 620k", "our estimate is 480,000"): an analyst's view, not a company's target.
_OWN_FORECAST = re.compile(
    r"\b[Ww]e\s+(?:now\s+|also\s+|still\s+)?(?:forecast|estimate|see|model|project|predict)\b|"
    r"\b[Oo]ur\s+(?:[\w-]+\s+){0,2}?(?:forecast|estimate|projection)s?\b"
)
# A figure of several companies at once: "Hyundai and Kia together sold", "their combined".
_TOGETHER = re.compile(r"\b(?:together|combined|jointly|between\s+them|the\s+two)\b", _FLAGS)
# How long after its end a period is still the news, by its length: a month reported up to
# two months on, a quarter or a half up to four, a year up to four months into the next.
_FRESH_DAYS = {7: 62, 6: 125, 4: 125}


def reached(draft: Draft) -> bool:
    """True when the draft says something happened: a launch that took place, a factory
    phase that reached a status other than a pause, cancellation or closure."""
    if draft.kind == "launch":
        return draft.fields.get("status") == "launched"
    if draft.kind == "factory":  # a date it is reached on, or none: a plan is due later
        return draft.fields["status"] not in ("paused", "cancelled", "closed") and bool(
            draft.fields.get("_reached") or not draft.fields.get("effective_on")
        )
    return False


# Words that tell a status as reached already: a past tense or a perfect ("opened",
# "has been building", "since October"), which a date in the future cannot be read against.
_TOLD_AS_PAST = re.compile(
    r"\b(?:has|have|had|was|were|did|since|ago|already|so\s+far|began|begun|went|came|"
    r"made|built|ran|took|hit|rose|(?<!to\s)(?<!will\s)put|\w+ed)\b",
    _FLAGS,
)


_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def ahead_as_plan(draft: Draft, clue: Clue) -> Draft:
    """The draft as a plan when it says a status was reached that its own words put after
    publication: its own date is still to come, or its clause tells it in the present
    tense with a date still to come ("the plant starts building trucks in 2027"). A launch
    becomes planned and a factory status due on that date. Any other draft is returned as
    it is."""
    if not reached(draft):
        return draft
    key = "launched_on" if draft.kind == "launch" else "effective_on"
    own = draft.fields.get(key)
    due = own if isinstance(own, str) and _after(own, clue.published) else None
    if due is None:
        at = draft.fields.get("_cue_at")
        start = at if isinstance(at, int) else 0
        told = clue.text[start:]
        if _TOLD_AS_PAST.search(clue.text[max(0, start - 30) : start] + told):
            return draft
        if _WEEKDAY.search(told):
            return draft  # "launches the EV2 on Monday": news tells a weekday just past
        from .cues import due_as_said

        said = due_as_said(told, clue.published)
        if said is None or _ends_by(said, clue.published):
            return draft
        due = said
    fields = {k: v for k, v in draft.fields.items() if k != "_reached"}
    fields[key] = due
    if draft.kind == "launch":
        fields["status"] = "planned"
    guesses = [*draft.guesses, f"{key} {due}: a plan (its date is after publication)"]
    return Draft(draft.kind, fields, guesses, None, draft.company, True, draft.expected)


def _ends_by(day_or_period: str, published: date) -> bool:
    """True when a day, or the end of a period, is not after publication."""
    if len(day_or_period) == 10:
        return date.fromisoformat(day_or_period) <= published
    return when.last_day(day_or_period) <= published


def _after(day_or_period: str, published: date) -> bool:
    """True when a day, or the start of a period, comes after publication."""
    try:
        first = (
            date.fromisoformat(day_or_period)
            if len(day_or_period) == 10
            else when.first_day(day_or_period)
        )
    except ValueError:
        return False
    return first > published


def not_reached_wording(text: str) -> bool:
    """True when a sentence holds wording of a plan, delay, halt, doubt or condition."""
    return bool(_NOT_REACHED.search(MONTH_MAY.sub(" ", text)))


# A sentence that ends in a question mark asks whether something is so ("Zeekr pulling the
# 001 from Norway?"): a rumour or a reader's question, never a fact to import typed.
_ASKED = re.compile(r"\?[\"”’)\]]*\s*$")


def doubts(draft: Draft, clue: Clue, used: set[int]) -> list[str]:
    """What the draft lacks to be offered typed (empty: it may be). `used`: where the
    figures that the clause's drafts stand on start, so that another one is a rival."""
    found = []
    if _ASKED.search(clue.whole):
        found.append("its sentence asks it (a question, not a fact)")
    # (a stop-sale or a pause "pending" something says what it waits for)
    waiting = draft.kind == "exit" or draft.fields.get("status") == "paused"
    if draft.kind != "expected-entry" and hedged(without_relatives(clue.text), waiting=waiting):
        found.append("the clause hedges it")
    if reached(draft):
        found.extend(_reached_doubts(draft, clue))
    if draft.fields.get("_undated"):
        found.append("the text gives no date for the entry (its year would be a guess)")
    company = _company_doubt(draft, clue)
    if company:
        found.append(company)
    if draft.kind == "target" and _OWN_FORECAST.search(_up_to_clause(clue)):
        found.append("the writer forecasts it in the first person (a view, not a target)")
    if draft.kind in _COUNT_KINDS:
        found.extend(_figure_doubts(draft, clue, used))
        if _AN_ERROR.search(clue.text):
            found.append("its clause calls a figure an error (a correction's wrong figure)")
        if len(set(clue.named)) >= 2 and _TOGETHER.search(_told_before(draft, clue.text)):
            found.append("it counts several companies together, not one")
    if draft.kind == "deliveries":
        stale = _stale(str(draft.fields["period"]), clue.published)
        if stale:
            found.append(stale)
        segment = _SEGMENT.search(_told_before(draft, clue.text))
        if segment and "model" not in draft.fields:
            found.append(f"it counts a segment ({segment.group(0)}), not the company's total")
    return found


def _up_to_clause(clue: Clue) -> str:
    """The sentence up to the end of the clause: the clause with the subject that its
    earlier clauses give it ("We see…, and forecast sales of 320,000")."""
    at = clue.whole.find(clue.text)
    return clue.whole[: at + len(clue.text)] if at >= 0 else clue.text


def _reached_doubts(draft: Draft, clue: Clue) -> list[str]:
    """Why a status said to be reached is in doubt: its clause speaks of a plan, delay, halt
    or doubt; its sentence delays, halts, denies, hedges or conditions something (the
    sentence a reviewer reads must not say otherwise); or a launch names neither its market
    nor its day."""
    sentence = role_of(clue.whole)
    if not_reached_wording(clue.text):
        return ["its clause also speaks of a plan, a delay, a halt or a doubt"]
    if sentence.delay or sentence.halt or sentence.denial or sentence.hedge or sentence.condition:
        return ["its sentence delays, halts, denies or doubts something"]
    if draft.fields.get("_market_guessed") and not draft.fields.get("launched_on"):
        return ["the text names neither the market nor the day of the launch"]
    if draft.kind == "launch" and _in_aside(clue.text, draft.fields.get("_cue_at")):
        return ["the launch is told in passing, in an aside about something else"]
    at = draft.fields.get("_cue_at")
    years = _YEAR.findall(clue.text[at if isinstance(at, int) else 0 :])
    if any(int(year) > clue.published.year for year in years):
        return ["its clause dates it in a year after publication"]
    return []


_YEAR = re.compile(r"\b(20\d\d)\b")


# A phrase that tells something in passing: "the Tank 300, which went on sale in 2023, …",
# "the N7, developed with Dongfeng and launched in China on 27 April, …", "since it went on
# sale".
_ASIDE = re.compile(
    r"(?:,\s+(?:which|that|who)\b|,\s+(?:\w+\s+){0,4}?(?:launched|introduced|unveiled|"
    r"released|developed|built|made)\b|\b(?:since|after|when)\s+(?:it|they)\b)[^,]*$",
    _FLAGS,
)


def _in_aside(clause: str, at: object) -> bool:
    """True when the word at `at` stands in an aside of the clause (see `_ASIDE`) that
    opened before it: a launch told as the participle itself ("the XEV 9S, launched on
    November 27, has…") is a launch all the same (the corpora's labels count it so)."""
    return isinstance(at, int) and bool(_ASIDE.search(clause[: at + 1]))


def _company_doubt(draft: Draft, clue: Clue) -> str | None:
    """Why the clause's company is in doubt: it is not named in the sentence, and the
    sentence, up to the draft's figure, speaks of several companies, of a market, an
    industry or analysts, and the clause does not refer back to one ("it", "the company")."""
    if clue.company == UNKNOWN_COMPANY:
        return "the text names no company"
    if not clue.company_guessed:
        return None
    at = draft.fields.get("_at")
    told = clue.whole
    if isinstance(at, int) and clue.text in clue.whole:
        told = clue.whole[: clue.whole.find(clue.text) + at]
        if not re.search(r"[A-Za-z]", told):  # a figure that heads its line ("1.5 million:
            told = clue.whole  # China's NEV sales…") is told by the words after it
    if _SOMEBODY_ELSE.search(told) and not _REFERS_BACK.search(clue.text):
        return "the company is not named and the clause speaks of others or of a market"
    body = _body_told(clue, told)
    if body:
        return f"the company is not named, and the figure is told by {body}, not a company"
    teller = _ORGANISATION.search(told)
    if teller and not _known_name(teller.group("name"), clue):
        return f"the company is not named, and the figure is told by {teller.group('name')}"
    stranger = _unknown_name(clue, told) or _unknown_plain_name(clue, told)
    if stranger:
        return f"the company is not named, and the clause names {stranger}, which mxt does not know"
    return None


# An organisation that tells or makes a figure of its own: a name ending in a word for a
# firm, a group or a research house ("Cox Automotive", "the Hunter Motor Group, which…,
# sold"), or any capitalised name that reckons, estimates or counts ("Polk counts…").
_ORGANISATION = re.compile(
    r"(?P<name>(?:(?!(?:The|A|An|Its|Their|This|That|Our)\s)[A-Z][\w&.-]*\s){1,3}(?:Automotive|Dynamics|Group|Research|Analytics|"
    r"Insights?|Intelligence|Consulting|Consultancy|Partners|Data|Holdings)(?!\s+[A-Z])"
    r"|[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,2}(?=\s+(?:reckons|estimates|counts|calculates|"
    r"tallies|tallied|estimated|reckoned|counted|calculated)\b))\b"
)


def _known_name(name: str, clue: Clue) -> bool:
    """True when a name is, or holds, a company or a market mxt knows (the carmaker's own
    "Hyundai Motor Group"; "Europe")."""
    from . import names

    return bool(
        names.companies(name, clue.named, actors_only=False) or names.markets(name.split()[-1])
    )


# A figure a body gives: "…, according to the Samar automotive market research institute".
_ACCORDING_TO_A_BODY = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?(?:[\w&().-]+\s+){0,6}?(?P<body>(?:association|federation|"
    r"institute|society|council|ministry|agency|bureau|authority|commission|regulator|registry|"
    r"forecaster|consultancy))\b",
    _FLAGS,
)


def _body_told(clue: Clue, told: str) -> str | None:
    """The industry body, registry or data firm that tells the clause's figure: named
    before the figure ("Gaikindo has kept its forecast of 850,000"), or as its source
    ("…, according to the Samar institute")."""
    for body in clue.bodies:
        if re.search(rf"(?<![\w-]){re.escape(body)}(?![\w-])", told):
            return body
    source = _ACCORDING_TO_A_BODY.search(clue.text)
    if source is None:
        return None
    body = source.group("body").lower()
    return f"{'an' if body[0] in 'aeiou' else 'a'} {body}"


# A name of a shape no plain word has: capitals inside or after a first letter, "&", a digit
# ("O&J", "GWM", "BYD", "SAIC-GM", "Tata.ev").
_ODD_NAME = re.compile(
    r"(?<![\w&.-])(?:[A-Z][\w]*[&.][\w&.]+|[A-Z]{2,}[\w-]*|[A-Z][a-z]+[A-Z]\w*)"
    # …perhaps with more words of its name ("ElectroMobility Poland wants to build…")
    r"(?:\s[A-Z][\w&-]*){0,2}"
    # …as the subject of a verb: "O&J plans to enter"
    r"(?=\s+(?:plans?|wants?|said|says|will|would|has|have|had|is|are|was|were|aims?|expects?|sold|"
    r"delivered|exported|launched|reported|announced|intends?|hopes?|targets?|posted|shipped|"
    r"produced|recorded|began|started|opened|confirmed)\b)"
)
# Capitalised words that name no company: a person's title, a body, a unit.
_NOT_A_COMPANY = frozenset(
    re.split(
        r"\s+",
        "CEO CFO COO CTO EV EVs NEV NEVs SUV SUVs MPV PHEV BEV HEV ICE US UK EU UAE USA AI IPO "
        "YoY QoQ MoM PV PVs CV CVs CKD SKD KD OEM OEMs JV GDP VAT YTD FY CY HQ R&D",
    )
)


# A name of plain capitalised words that opens a fact as its subject ("Daimler Truck
# delivered 38,950 trucks", "Harbour Cars will open…"): an actor mxt does not know, if it
# is no company, market, model or common word mxt knows. (Not "said", "told": a person's
# name speaks for a company.)
_PLAIN_NAME_ACTING = re.compile(
    # (one word only inside a sentence, after a word in lower case: "its rival Tata sold")
    r"(?<![\w&.'-])(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}|(?<=[a-z]\s)[A-Z][a-z]+)"
    r"(?=\s+(?:also\s+|now\s+)?"
    r"(?:delivered|sold|exported|shipped|produced|built|registered|launched|kept|raised|cut|"
    r"posted|recorded|plans|will|aims|expects|wants|intends|began|started|opened|handed|booked|"
    r"took|reported)\b)"
)


_A_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|of|to|for|by|on|outside)\s+$")


def _unknown_plain_name(clue: Clue, told: str) -> str | None:
    """A name of plain words the clause's fact is told of (`_PLAIN_NAME_ACTING`) that mxt
    does not know as a company, a market, a model or a common word."""
    from . import names

    for match in _PLAIN_NAME_ACTING.finditer(told):
        name = match.group("name")
        words = name.split()
        if len(words) == 1 and _A_PLACE_BEFORE.search(told[: match.start()]):
            continue  # a place: "its plant in Sanand began making…"
        if any(names.companies(w, clue.named, actors_only=False) for w in words):
            continue
        if names.markets(name) or names.models(name, clue.known):
            continue
        if any(names.not_a_name(word) for word in words):
            continue
        return name
    return None


def _unknown_name(clue: Clue, told: str) -> str | None:
    """A name the clause gives before its figure that is neither a company, a model nor a
    place mxt knows, and is shaped like a name ("O&J plans to enter…"): the actor may be a
    company mxt does not know, so the clause's guessed company is not to be trusted."""
    from . import names

    known_models = {m.name for m in names.models(told, clue.known)}
    for match in _ODD_NAME.finditer(told):
        word = match.group(0).split()[0].rstrip(".")
        if word in _NOT_A_COMPANY or word in known_models or names.markets(word):
            continue
        if names.a_makers_word(word):  # "TVS" of TVS Motor: a known company after all
            continue
        if any(word in model for model in known_models):
            continue
        return word
    return None


def _figure_doubts(draft: Draft, clue: Clue, used: set[int]) -> list[str]:
    """A count whose clause holds another count that no draft explains, or that its whole
    sentence reads as a figure of another kind ("compared with the first quarter of 2025,
    when it sold 172,219": the clause alone does not tell)."""
    rivals = [
        f
        for f in figures.counts(clue.text, minimum=100)
        if f.start not in used and not _restated(clue.text, f.start)
    ]
    if rivals:
        return [f"its clause holds another figure ({rivals[0].value:,})"]
    at, offset = draft.fields.get("_at"), clue.whole.find(clue.text)
    if isinstance(at, int) and _BARE.match(clue.text[at:]):
        others = [f for f in figures.counts(clue.whole, every=True) if f.role == "other"]
        if others:  # "has 96 dealerships and plans to reach 120 by December"
            unit = clue.whole[others[0].end :].split()[:1]
            return [f"its figure names no unit, and its sentence counts {' '.join(unit)}"]
    if isinstance(at, int) and offset > 0:
        read = figures.counts(clue.whole, every=True)
        role = next((f.role for f in read if f.start <= offset + at < f.end + 1), "count")
        if role == "earlier":
            return ["its sentence reads the figure as one compared with, not the news"]
    return []


# A figure's own words in brackets just after it: "2,01,734 units (two lakh one thousand…)".
_RESTATED = re.compile(r"\d[\d,.]*(?:\s+[a-z]+){0,2}\s*\([^()]*$")


def _restated(clause: str, at: int) -> bool:
    """True when the figure at `at` stands in brackets just after another figure: the same
    figure written again (in words, or to another precision), not a rival."""
    return bool(_RESTATED.search(clause[:at]))


# A figure followed by no noun: "to reach 120 by December", "120."
_BARE = re.compile(
    r"^\d(?:[\d,.]*\d)?(?![\d,])\s*(?:$|[,.;)]|(?:by|in|this|next|before|after|for|from|at|on)\b)"
)


def _told_before(draft: Draft, clause: str) -> str:
    """The words of the clause before the draft's figure (all of it when it has none)."""
    at = draft.fields.get("_at")
    return clause[:at] if isinstance(at, int) else clause


def _stale(period: str, published: date) -> str | None:
    """Why a reported period is not the news: it ended long before publication."""
    length = 7 if len(period) == 7 and period[5] not in "QH" else 4 if len(period) == 4 else 6
    if len(period) == 7 and period[5] == "Q":
        length = 6
    ended = when.last_day(period)
    if ended + timedelta(days=_FRESH_DAYS[length]) < published:
        return f"the period {period} ended long before publication (a comparison, not the news)"
    return None
