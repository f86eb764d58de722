"""Sentences and clauses of a news text, each kept exactly as written (for `source.quote`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_END = re.compile(r"[.!\"”’)]$")
# A list item ("- Deliveries of 28,000 in June") is no heading, full stop or not.
# (nor a ticker's line after its time: "06:15  LEAPMOTOR APRIL DELIVERIES 71,006 VEHICLES")
_BULLET = re.compile(r"^(?:[-•*·–▪●]|\d{1,2}[.)]|\d{1,2}:\d\d)\s")
# Verbs that open a clause of their own after "and": "delivered 35,837 in the second quarter
# and reiterated its target of 200,000" holds two facts.
_CLAUSE_VERBS = (
    r"(?:also\s+|now\s+|then\s+|still\s+)?(?:said|says|reiterated|reaffirmed|maintained|kept|"
    r"expects?|expected|plans?|planned|aims?|targets?|forecasts?|sees|will|would|is|are|was|were|"
    r"has|have|had|raised|lowered|cut|lifted|trimmed|set|began|begins|started|starts|launched|"
    r"launches|opened|opens|delivered|sold|produced|shipped|exported|booked|posted|reported|"
    r"unveiled|announced|halted|paused|suspended|delayed|postponed|pushed|added|hopes?|intends?|"
    r"could|may|might|should|did|does|declined|denied|confirmed\s+(?:that|its|it)|guided|"
    r"predicted|projected|unveiled|introduced|completed|finished|bought|acquired|secured|"
    # the same verbs in the present: "delivered 18,920 in 2026 and guides to…"
    r"reiterates|reaffirms|maintains|keeps|raises|lowers|cuts|lifts|trims|sets|delivers|sells|"
    r"produces|ships|exports|books|posts|reports|unveils|announces|halts|pauses|suspends|"
    r"delays|postpones|pushes|adds|guides|predicts|projects|completes|buys|acquires)\b"
)
_CLAUSE_BREAK = re.compile(
    r",\s+(?:and|but|while|whereas|although|though|as)\s+|;\s+|\s*[—–]\s*|\s+-\s+|"
    # what a colon introduces, told in a clause of its own: "…remains a rumour here: the
    # company said it will not deliver the truck in Europe before 2028"
    r":\s+(?=(?:the|it|its|they|their|we|our)\s+[\w-]+\s)|"
    # a verb of its own after an aside: "The 7X, launched in June, will go on sale in…"
    r",\s+(?=(?:will|would|is|are|was|were|has|have|had|now|also|then)\s+\w+)|"
    # "Xpeng, which sold 42,013 cars last month, plans to enter Indonesia"
    r",\s+(?=(?:plans|expects|aims|intends|hopes|wants|said|says)\s+(?:to|it|that|its)\b)|"
    # a part of the whole just told: "3.45 million, including an overseas target of 640,000"
    # (a part holds a figure of its own before any comma: not "including EVs, of 51,616")
    r",\s+(?=(?:of\s+which|including|includ\w+|among\s+(?:them|which)|comprising|"
    r"consisting\s+of|with)\b[^,]*?\d)|"
    # a time or a place told apart: "… before 2026, when it plans to begin shipping…",
    # "… at its plant in Georgia, where construction has been paused"
    r",\s+(?=when\s|where\s+(?:construction|production|work|output|operations|assembly)\b)|"
    # a comment in apposition: "…, the latest sign of strain in a market that has yet to…"
    r",\s+(?=(?:the\s+latest|the\s+first|the\s+second|the\s+third|another|a|an)\s+"
    r"(?:[\w-]+\s+)?(?:sign|signs|blow|setback|step|move|example|indication|such)\b)|"
    # a result told apart: "delivered 9,745 in the quarter, bringing its total to 42,247"
    r",\s+(?=(?:bringing|taking|lifting|pushing|raising)\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:total|tally|count)\b)|"
    rf"(?<=[a-z0-9%)])\s+(?:and|but)\s+(?={_CLAUSE_VERBS})"
)


# A subordinate clause that opens the sentence ("Although X hasn't announced plans, …").
_OPENING_CLAUSE = re.compile(
    r"^((?:Although|Though|While|Whereas|Despite|Even\s+though|Because|Since|After|Before|"
    r"If|Unless|Once|As)\b[^,;]{3,}),\s+"
)
# pysbd's abbreviation pass takes time in the square of what it reads at once: a paragraph
# is given to it in pieces of at most this many characters (1,000 to 2,000 read fastest),
# each ending where a sentence seems to end.
PIECE = 2_000
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the text, verbatim, the paragraph (line) it is in, and whether it
    stands alone as a heading."""

    text: str
    heading: bool
    paragraph: int = 0


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd  # rule-based sentence boundaries that keep the original characters

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[Sentence]:
    """The text's sentences in order, stripped but otherwise verbatim; a line that is one
    short sentence without a closing full stop (a title, a sub-heading) is a heading."""
    found: list[Sentence] = []
    for paragraph, line in enumerate(text.splitlines()):
        line = line.strip()
        if not line:
            continue
        spans = [span.sent.strip() for piece in _pieces(line)
                 for span in _segmenter().segment(piece)]  # fmt: skip
        spans = _joined([span for span in spans if span], line)
        alone = len(spans) == 1 and not _BULLET.match(line)
        for span in spans:
            found.append(Sentence(span, alone and not _END.search(span), paragraph))
    return found


# A full stop that is part of a name, not a sentence's end: Volkswagen's "ID. Polo".
_NAME_STOP = re.compile(r"(?<![\w-])ID\.$")


def _joined(spans: list[str], line: str) -> list[str]:
    """The spans of a line, each that ends on a name's full stop joined to the next (as
    the line writes them)."""
    joined: list[str] = []
    at = 0
    for span in spans:
        start = line.find(span, at)
        if joined and _NAME_STOP.search(joined[-1]) and start >= 0:
            first = line.rfind(joined[-1], 0, start)
            joined[-1] = line[first : start + len(span)] if first >= 0 else joined[-1]
        else:
            joined.append(span)
        at = max(at, start + len(span)) if start >= 0 else at
    return joined


def _pieces(line: str) -> Iterator[str]:
    """A paragraph in consecutive pieces of at most `PIECE` characters, each cut after the
    last sentence end it holds (else after its last space, else anywhere): what pysbd reads
    at once, so that the time it takes grows with the text, not its square."""
    start = 0
    while len(line) - start > PIECE:
        window = line[start : start + PIECE]
        ends = [found.end() for found in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ") + 1 or PIECE
        yield line[start : start + cut]
        start += cut
    yield line[start:]


def split_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence: parts joined by ", and", ";", a dash, or "and" before a
    verb of its own ("… and reiterated its target"), verbatim."""
    opening = _OPENING_CLAUSE.match(sentence)
    head = [opening.group(1)] if opening else []
    rest = sentence[opening.end() :] if opening else sentence
    parts = [part.strip() for part in head + _CLAUSE_BREAK.split(rest)]
    return [part for part in parts if part]
