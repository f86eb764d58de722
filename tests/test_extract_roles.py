"""Clauses, roles and "not a count": the sentences issue 26 found turned into wrong drafts,
and others of the same shapes, read by the whole pipeline."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from bench.extract import says_reached
from mxt.events.announcements import parse_json_line
from mxt.extract import extract_drafts
from mxt.extract.fit import fit
from mxt.extract.roles import role_of

PUBLISHED = date(2025, 7, 4)  # a Friday


def drafts(text: str, company: str | None = None) -> list[dict[str, Any]]:
    """The drafts of a text, each checked to be a line that `import` accepts."""
    found = extract_drafts(text, PUBLISHED, company=company)
    for draft in found:
        parse_json_line(json.dumps(draft))
    return found


def typed(text: str, company: str | None = None) -> list[dict[str, Any]]:
    return [d for d in drafts(text, company) if d["kind"] != "statement"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tesla said its North Carolina plant is not expected before 2028.",
        "Rivian has delayed the start of production at its Georgia plant to 2028.",
        "Production at the Zwickau plant was halted last week because of a parts shortage.",
        "Nissan said it will not complete the Sunderland plant until 2027 at the earliest.",
        "Volvo is considering building a factory in Mexico.",
        "If demand holds, Kia could begin production at the Zilina plant next year.",
        "BYD denied a report that its Szeged plant had started production.",
        "Ford postponed the launch of the Explorer in India.",
        "The Model Y's launch in India has been pushed back to next year.",
        "Sales of the ID.4 in Canada were suspended in June.",
    ],
)
def test_a_delay_halt_or_hedge_never_says_a_status_was_reached(sentence: str) -> None:
    assert not [d for d in typed(sentence) if says_reached(d)]


def test_a_phase_to_be_finished_in_a_period_is_a_plan() -> None:
    text = (
        "BYD's plant in Szeged is under construction. A second phase is under construction "
        "and should be finished in the second half of 2026."
    )
    completed = [d for d in typed(text) if d["kind"] == "factory" and d["status"] == "completed"]
    assert completed and all(d["effective_on"] == "2026-H2" for d in completed)  # as said


def test_an_actual_and_a_target_in_one_sentence_are_two_drafts() -> None:
    found = typed(
        "NIO delivered 35,837 cars in the second quarter and reiterated its target of 200,000."
    )
    by_kind = {d["kind"]: d for d in found}
    assert by_kind["deliveries"]["units"] == 35837
    assert by_kind["deliveries"]["period"] == "2025-Q2"
    assert by_kind["target"]["value"] == 200000
    assert by_kind["target"]["period"] == "2025"
    assert "previous" not in by_kind["target"]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Leapmotor is aiming for half a million deliveries in 2025.", 500000),
        ("Chery expects to sell 10,000 cars in Europe this year.", 10000),
    ],
)
def test_targets_in_words_and_this_year(sentence: str, value: int) -> None:
    (target,) = [d for d in typed(sentence) if d["kind"] == "target"]
    assert (target["value"], target["period"]) == (value, "2025")
    assert not [d for d in typed(sentence) if d["kind"] == "expected-entry"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tesla runs a factory in Berlin able to build 155,000 cars a year.",
        "The expansion adds 1.1 million square feet of floor space to the Austin plant.",
        "The SU7 is priced from 215,900 yuan in China.",
        "Xiaomi shares rose after it sold 12 million shares to investors.",
        "China's passenger car market grew 5% to 1.9 million units in June.",
        "The company employs 12,000 workers at its Chennai plant.",
    ],
)
def test_capacity_area_prices_shares_and_the_market_are_not_counts(sentence: str) -> None:
    assert not [d for d in typed(sentence) if d["kind"] in ("deliveries", "target")]


def test_last_years_figure_is_not_this_periods() -> None:
    (found,) = [
        d for d in typed("BYD sold 382,585 cars in June, up from 341,658 a year earlier.")
        if d["kind"] == "deliveries"
    ]  # fmt: skip
    assert (found["units"], found["period"]) == (382585, "2025-06")


def test_relative_periods_and_the_day_of_the_news() -> None:
    (last_month,) = typed("XPeng delivered 34,611 cars last month, the company said on Tuesday.")
    assert last_month["period"] == "2025-06"
    assert last_month["announced_on"] == "2025-07-01"
    (dated,) = typed(
        "BEIJING, July 2 (Reuters) - XPeng said on Thursday it sold 5,000 cars in June."
    )
    assert dated["announced_on"] == "2025-07-03"


def test_brands_and_plain_word_models() -> None:
    text = (
        "Tesla Shares Slip\n\n"
        "MG sold 5,000 cars in India in June.\n\n"
        "Hyundai Motor India said the Hyundai Creta led its sales. "
        "The Creta went on sale in Indonesia in May.\n\n"
        "Mahindra delivered 9,000 XUV700 SUVs in June."
    )
    found = typed(text)
    companies = {d["company"] for d in found}
    assert "MG" in companies and "Tesla" not in companies
    launch = [d for d in found if d["kind"] == "launch"]
    assert [(d["model"], d["market"]) for d in launch] == [("Creta", "ID")]
    assert {d.get("model") for d in found if d["kind"] == "deliveries"} >= {"XUV700"}


def test_orders_opened_in_a_market_are_no_launch() -> None:
    found = typed("Zeekr opened orders for the 7X in Europe on Monday.")
    assert not [d for d in found if d["kind"] == "launch"]


def test_a_company_is_never_borrowed_from_another_paragraph() -> None:
    text = (
        "Tesla Deliveries Fall\n\n"
        "Rivian delivered 10,661 vehicles in the second quarter.\n\n"
        "Deliveries came to 384,122 vehicles in the second quarter."
    )
    by_units = {d["units"]: d["company"] for d in typed(text) if d["kind"] == "deliveries"}
    assert by_units == {10661: "Rivian", 384122: "Tesla"}


def test_roles_of_clauses() -> None:
    assert role_of("the plant is not expected before 2028").delay
    assert role_of("production was halted").halt
    assert role_of("it has no plans to enter the US").denial
    assert role_of("it could enter Europe").hedge
    assert not role_of("it began deliveries in May").blocks_reached


def test_fields_the_schema_lacks_are_said_in_the_note_or_make_a_statement() -> None:
    base = {"company": "Kia", "announced_on": "2025-07-04", "source": {"title": "t", "quote": "q"}}
    # what the schema takes (SPEC §5.2: statuses, periods, exits) passes unchanged
    paused, why = fit(
        {**base, "kind": "launch", "model": "EV3", "market": "AU", "status": "paused"}
    )
    assert (paused["kind"], paused["status"], why) == ("launch", "paused", [])
    planned, why = fit({**base, "kind": "launch", "model": "EV3", "market": "AU",
                        "status": "planned", "launched_on": "2025-H2"})  # fmt: skip
    assert (planned["launched_on"], planned["status"], why) == ("2025-H2", "planned", [])
    exports, why = fit({**base, "kind": "deliveries", "period": "2025-06", "units": 5,
                        "metric": "exports"})  # fmt: skip
    assert (exports["metric"], why) == ("exports", [])  # SPEC 5.3's metrics, kept apart
    gone, why = fit({**base, "kind": "exit", "markets": ["RU"]})
    assert (gone["kind"], gone["markets"], why) == ("exit", ["RU"], [])
    # a region (SPEC 5.3) passes as said: an exit from Europe is no exit from the EU
    europe, why = fit({**base, "kind": "exit", "markets": ["EUROPE"]})
    assert (europe["kind"], europe["markets"], why) == ("exit", ["EUROPE"], [])
