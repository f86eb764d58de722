"""Rules from round 5's misses, after its one first run (issue 26): each tested on sentences
written for these tests, not taken from the corpus. A phase told in Roman numerals or in
words is that phase; construction told as finished is no construction under way; what
happens "after completion" is no completion."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from drafting import drafts_on

PUBLISHED = date(2025, 9, 3)


drafts, _ = drafts_on(PUBLISHED)


def factories(text: str) -> list[tuple[int, str]]:
    """(phase, status) of each factory draft of a text, each checked as `import` checks it."""
    found = drafts(text, known_companies=("Norvik Motors",))
    return [(draft["phase"], draft["status"]) for draft in found if draft["kind"] == "factory"]


def test_a_phase_in_roman_numerals_or_words_is_that_phase() -> None:
    assert factories(
        "Construction of phase III of Norvik Motors' Pune plant started in August."
    ) == [(3, "under-construction")]
    assert factories(
        "Norvik Motors began construction of the second phase of its Pune plant in August."
    ) == [(2, "under-construction")]
    assert factories("Norvik Motors said phase two of its Pune plant was completed in August.") == [
        (2, "completed")
    ]


def test_construction_told_as_finished_is_not_under_way() -> None:
    found: list[Any] = factories(
        "Construction of the Velta Works in Brno, Norvik Motors' second battery-car "
        "facility, was completed in July, and the plant will start production in October."
    )
    assert (1, "under-construction") not in found
    assert (1, "completed") in found


def test_what_happens_after_completion_is_no_completion() -> None:
    found = factories(
        "Norvik Motors started construction of phase II of its Pune plant in August; after "
        "completion, the site will build 100,000 cars a year."
    )
    assert found == [(2, "under-construction")]
