"""Rules from round 8's misses, phase 8 of issue 26: each tested on sentences written for
these tests, not taken from the corpus, each test failing before its rule. No typed draft
says a status was reached that its own words put after publication: a present tense with a
date still to come is a plan, and a past tense dated in a later year is no fact."""

from __future__ import annotations

from datetime import date

from drafting import drafts_on

PUBLISHED = date(2026, 4, 8)

drafts, typed = drafts_on(PUBLISHED)


def test_a_plant_that_starts_building_in_a_later_year_is_a_plan() -> None:
    text = "Tesla says its Dunmore plant starts building vans in 2028."
    plants = [d for d in typed(text) if d["kind"] == "factory"]
    assert plants, "the plant's milestone is drafted"
    assert all(d["effective_on"] > PUBLISHED.isoformat() for d in plants)
    assert all(d["effective_on"].startswith("2028") for d in plants)


def test_a_plant_building_since_a_past_month_is_still_reached() -> None:
    text = "BYD said its Szeged plant started production in October."
    plants = [d for d in typed(text) if d["kind"] == "factory"]
    assert [d["effective_on"] for d in plants] == ["2025-10"]


def test_a_launch_told_as_past_but_dated_in_a_later_year_is_no_fact() -> None:
    text = "The Seal went on sale in Germany on 12 May 2027, BYD said."
    assert [d for d in typed(text) if d["kind"] == "launch"] == []
    assert [d["kind"] for d in drafts(text)] == ["statement"]
