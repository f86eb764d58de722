"""Sentences and clauses of a news text, each kept exactly as written (for `source.quote`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_END = re.compile(r"[.!\"”’)]$")
_CLAUSE_BREAK = re.compile(r",\s+(?:and|but|while)\s+|;\s+|\s*[—–]\s*|\s+-\s+")
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
        spans = [span for span in spans if span]
        alone = len(spans) == 1
        for span in spans:
            found.append(Sentence(span, alone and not _END.search(span), paragraph))
    return found


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
    """The clauses of a sentence: parts joined by ", and", ";" or a dash, verbatim."""
    parts = [part.strip() for part in _CLAUSE_BREAK.split(sentence)]
    return [part for part in parts if part]
