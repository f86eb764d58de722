"""What a clause does with its fact: reports it, plans it, aims at it, delays or halts it,
denies it, hedges it or makes it a condition.

The cues read a clause's role before typing a fact: a clause that delays, halts, denies,
hedges or conditions something never yields a status reached (a launch that happened, a
factory phase completed), and a clause that names a target never yields an actual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FLAGS = re.IGNORECASE
_PLAN = re.compile(
    r"\b(?:will|shall|(?:is|are|was|were)\s+(?:set|due|scheduled|slated|poised|going|about|"
    r"expected|planned|supposed|likely|tipped)\s+to|expects?\s+to|expected\s+to|plans?\s+to|"
    r"planning\s+to|intends?\s+to|aims?\s+to|aiming\s+to|hopes?\s+to|wants?\s+to|seeks?\s+to|"
    r"is\s+to|are\s+to|to\s+be\s+(?:launched|completed|finished|built|opened)|upcoming|"
    r"forthcoming|should|would|(?:in|within)\s+the\s+coming|next\s+(?:year|month|quarter|week)|"
    r"later\s+this\s+(?:year|month)|by\s+(?:the\s+end\s+of|end-|year-end|mid-)|on\s+track\s+to|"
    r"preparing\s+to|prepares?\s+to|gearing\s+up|ready\s+to)\b",
    _FLAGS,
)
_TARGET = re.compile(
    r"\b(?:target(?:s|ed|ing)?|goal|aims?\s+(?:to|for)|aiming\s+(?:to|for)|guidance|"
    r"forecasts?|outlook|projects?\s+(?:to|that)|projected|expects?\s+to\s+(?:deliver|sell|produce|"
    r"build|make|ship|export|reach|hit|achieve|top|exceed)|sees\s+(?:deliveries|sales|output)|"
    r"ambition|objective|guid(?:ed|es|ing)|plans?\s+to\s+(?:deliver|sell|produce|build|make|ship|export))\b",
    _FLAGS,
)
_DELAY = re.compile(
    r"\b(?:delay\w*|postpon\w*|push(?:ed|es|ing)?\s+(?:[\w-]+\s+){0,10}?back|pushed\s+to|(?:has|have)\s+slipped|slip(?:s|ped|"
    r"ping)?\s+(?:to|into|from|by)|set\s+back|behind\s+schedule|defer\w*|later\s+than\s+"
    r"(?:\w+\s+)?(?:planned|expected|originally|scheduled)|not\s+(?:\w+\s+){0,9}?(?:before|until)|"
    r"(?:no|not)\s+(?:sooner|earlier)\s+than|at\s+the\s+earliest|won't\s+(?:\w+\s+){0,3}until|"
    r"(?:has|have)\s+yet\s+to|is\s+yet\s+to|are\s+yet\s+to|still\s+(?:waiting|awaiting)|"
    r"rescheduled|reschedul\w*|on\s+hold)\b",
    _FLAGS,
)
_HALT = re.compile(
    r"\b(?:halt\w*|paus\w*|suspend\w*|suspension|stopp?(?:ed|s|ing)?\s+(?:production|sales|"
    r"selling|deliveries|work|construction|operations?|orders)|idl(?:ed|es|ing)|(?:to|will|would|and)\s+idle|shut\w*|"
    r"clos(?:e|ed|es|ing|ures?)(?!\s+(?:to|by)\b)|mothball\w*|cancel\w*|scrap\w*|shelv\w*|abandon\w*|axed|"
    r"withdr[ae]w\w*|pull(?:ed|s|ing)?\s+out|exit\w*|wound\s+down|wind\w*\s+down|"
    r"discontinu\w*|recall\w*|stop-sale|"
    # "will stop the lines at its Busan plant", "will interrupt production in Zwickau"
    r"stop(?:s|ping)?\s+(?:the\s+|its\s+|their\s+)?(?:assembly\s+|production\s+)?lines?|"
    r"interrupt\w*\s+(?:production|output|assembly|work)|"
    # told in the passive: "production at Cassino will be stopped for eight days"
    r"(?:production|output|assembly|work|construction)\b[^,;]{0,60}?\b(?:be|been|was|were|is|"
    r"are)\s+(?:\w+ly\s+)?stopped)\b",
    _FLAGS,
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies)|dismiss\w*|rejected|refuted|(?:has|have|had)\s+no\s+(?:\w+\s+){0,2}"
    r"plans?|no\s+plans?|not\s+(?:\w+\s+){0,2}plan\w*|never|(?:did|does|do|has|have|had|is|are|"
    r"was|were|will|would|could)\s*(?:not|n't)|(?:did|does|do|has|have|had|is|are|was|were|will|"
    r"would|could|wo|ca)n't|won't|can't|cannot|false)\b",
    _FLAGS,
)
_HEDGE = re.compile(
    r"\b(?:could|may|might|possibly|perhaps|consider\w*|weigh\w*|mull\w*|explor\w*|"
    r"evaluat\w*|studying|in\s+talks|talks\s+with|negotiat\w*|reportedly|rumou?r\w*|speculat\w*|"
    r"potential(?:ly)?|if\s+approved|pending|tipped)\b",
    _FLAGS,
)
_CONDITION = re.compile(
    r"^\s*(?:if|unless|provided|assuming|once|until)\b|\b(?:if|unless)\s|\bsubject\s+to\b|"
    r"\b(?:conditional|contingent|dependent)\s+(?:on|upon)\b|\bprovided\s+that\b",
    _FLAGS,
)
# "May" the month is not doubt; "May 2025", "in May", "since May", and a capital "May" that
# does not open its sentence ("its May sales": the modal is written "may" there).
MONTH_MAY = re.compile(
    r"\b(?:in|on|since|by|from|until|of|early|late|mid-?)\s+May\b|\bMay\s+\d|(?<=[\w,;:)]\s)May\b"
)


@dataclass(frozen=True)
class Role:
    """What a clause does with its fact (several may hold at once)."""

    plan: bool = False
    target: bool = False
    delay: bool = False
    halt: bool = False
    denial: bool = False
    hedge: bool = False
    condition: bool = False

    @property
    def blocks_reached(self) -> bool:
        """True when the clause may not say that something happened: it plans, delays,
        halts, denies, hedges or conditions it."""
        return self.plan or self.delay or self.halt or self.denial or self.hedge or self.condition

    @property
    def blocks_typing(self) -> bool:
        """True when no fact of the clause may be typed at all: it is denied or conditioned."""
        return self.denial or self.condition


# A date not before which something happens: a delay, not a denial of the thing itself
# ("is not expected to be completed before 2027", "won't be sold until 2026").
_NOT_BEFORE = re.compile(
    r"\b(?:(?:is|are|was|were|will|would|could|does|do|did)\s*(?:not|n't)|won't|not)\s+"
    r"(?:\w+\s+){0,9}?(?:before|until)\b",
    _FLAGS,
)


# Where a reason starts: "because", "because of".
_BECAUSE = re.compile(r"\bbecause\b", _FLAGS)


def role_of(clause: str) -> Role:
    """The role of a normalised clause."""
    # a reason ("…, because they do not comply with new rules") is not the fact: its
    # negation, doubt or halt is the reason's
    text = _BECAUSE.split(MONTH_MAY.sub(" month ", clause))[0]
    return Role(
        plan=bool(_PLAN.search(text)),
        target=bool(_TARGET.search(text)),
        delay=bool(_DELAY.search(text)),
        halt=bool(_HALT.search(text)),
        denial=bool(_DENIAL.search(_NOT_BEFORE.sub(" later ", text))),
        hedge=bool(_HEDGE.search(text)),
        condition=bool(_CONDITION.search(text)),
    )


def hedged(clause: str, waiting: bool = False) -> bool:
    """True when the clause hedges its fact; `waiting`: a stop-sale's "pending
    re-certification" says what it waits for, not a doubt that it happened."""
    if waiting:
        clause = re.sub(r"\bpending\b", " ", clause, flags=_FLAGS)
    return role_of(clause).hedge
