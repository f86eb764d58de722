"""Rules that generalise what round 3's first run got wrong or missed (issue 26, phase 4),
each tested on sentences written for these tests, not taken from the corpus: exits told
otherwise (at home, in the passive, with a reason), figures that are not the news, the
company and the model a clause is about."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from mxt.events.announcements import parse_json_line
from mxt.extract import extract_drafts
from mxt.extract.roles import hedged, role_of

PUBLISHED = date(2025, 9, 10)  # a Wednesday


def drafts(text: str, published: date = PUBLISHED) -> list[dict[str, Any]]:
    """The drafts of a text, each checked to be a line that `import` accepts."""
    found = extract_drafts(text, published)
    for draft in found:
        parse_json_line(json.dumps(draft))
    return found


def typed(text: str, published: date = PUBLISHED) -> list[dict[str, Any]]:
    return [d for d in drafts(text, published) if d["kind"] != "statement"]


# -- exits -------------------------------------------------------------------------------


def test_a_reason_does_not_deny_the_fact_it_explains() -> None:
    reason = "Audi stopped selling the A1 in Norway because it does not meet the rules"
    assert role_of(reason).halt and not role_of(reason).denial
    sentence = "Audi stopped selling the A1 in Norway in May because it does not meet new rules."
    assert [(d["kind"], d["markets"]) for d in typed(sentence)] == [("exit", ["NO"])]
    # the fact itself denied is still denied
    assert typed("Audi did not stop selling the A1 in Norway because demand held up.") == []


def test_a_maker_that_stops_selling_at_home_leaves_its_home_market() -> None:
    (found,) = typed("Mazda said it will stop selling the CX-3 in Japan in December.")
    assert (found["kind"], found["markets"], found["effective_on"]) == ("exit", ["JP"], "2025-12")
    (found,) = typed("Renault has halted domestic sales of the Clio while it fixes a brake fault.")
    assert (found["kind"], found["markets"], found.get("temporary")) == ("exit", ["FR"], True)
    # a home market named beside another: only the one it leaves abroad
    (found,) = typed("Mazda, the Japanese carmaker, stopped selling the CX-3 in Canada in May.")
    assert found["markets"] == ["CA"]


def test_a_stop_sale_told_in_the_passive_is_an_exit_in_the_market_the_clause_opens_on() -> None:
    text = (
        "Volkswagen sales rose in August.\n\n"
        "In Poland, sales of the ID.7 have been temporarily halted since 2 September "
        "pending a software update."
    )
    (found,) = typed(text)
    assert (found["kind"], found["company"], found["markets"], found["model"]) == (
        "exit", "Volkswagen", ["PL"], "ID.7",
    )  # fmt: skip
    assert found["temporary"] is True


def test_pending_is_a_wait_for_a_stop_sale_and_a_doubt_elsewhere() -> None:
    clause = "sales have been halted pending a software update"
    assert role_of(clause).hedge and hedged(clause) and not hedged(clause, waiting=True)
    assert hedged("sales may be halted pending a review", waiting=True)
