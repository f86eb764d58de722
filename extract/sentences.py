"""Sentences and clauses of a news text, each kept exactly as written (for `source.quote`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_END = re.compile(r"[.!\"”’)]$")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while)\s+|;\s+|\s*[—–]\s*|\s+-\s+")


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
    """The clauses of a sentence: parts joined by ", and", ";" or a dash, verbatim."""
    parts = [part.strip() for part in _CLAUSE_BREAK.split(sentence)]
    return [part for part in parts if part]
