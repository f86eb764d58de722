"""Sentences and clauses of a news text, each kept exactly as written (for `source.quote`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_END = re.compile(r"[.!\"”’)]$")
# Verbs that open a clause of their own after "and": "delivered 35,837 in the second quarter
# and reiterated its target of 200,000" holds two facts.
_CLAUSE_VERBS = (
    r"(?:also\s+|now\s+|then\s+|still\s+)?(?:said|says|reiterated|reaffirmed|maintained|kept|"
    r"expects?|expected|plans?|planned|aims?|targets?|forecasts?|sees|will|would|is|are|was|were|"
    r"has|have|had|raised|lowered|cut|lifted|trimmed|set|began|begins|started|starts|launched|"
    r"launches|opened|opens|delivered|sold|produced|shipped|exported|booked|posted|reported|"
    r"unveiled|announced|halted|paused|suspended|delayed|postponed|pushed|added|hopes?|intends?|"
    r"could|may|might|should|did|does|declined|denied|confirmed\s+(?:that|its|it)|guided|"
    r"predicted|projected|unveiled|introduced|completed|finished|bought|acquired|secured)\b"
)
_CLAUSE_BREAK = re.compile(
    r",\s+(?:and|but|while|whereas|although|though|as)\s+|;\s+|\s*[—–]\s*|\s+-\s+|"
    rf"(?<=[a-z0-9%)])\s+(?:and|but)\s+(?={_CLAUSE_VERBS})"
)


# A subordinate clause that opens the sentence ("Although X hasn't announced plans, …").
_OPENING_CLAUSE = re.compile(
    r"^((?:Although|Though|While|Whereas|Despite|Even\s+though|Because|Since|After|Before|"
    r"If|Unless|Once|As)\b[^,;]{3,}),\s+"
)


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
        spans = [span.sent.strip() for span in _segmenter().segment(line)]
        spans = [span for span in spans if span]
        alone = len(spans) == 1
        for span in spans:
            found.append(Sentence(span, alone and not _END.search(span), paragraph))
    return found


def split_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence: parts joined by ", and", ";", a dash, or "and" before a
    verb of its own ("… and reiterated its target"), verbatim."""
    opening = _OPENING_CLAUSE.match(sentence)
    head = [opening.group(1)] if opening else []
    rest = sentence[opening.end() :] if opening else sentence
    parts = [part.strip() for part in head + _CLAUSE_BREAK.split(rest)]
    return [part for part in parts if part]
