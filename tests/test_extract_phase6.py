"""Rules from rounds 1–6's misses, phase 6 of issue 26: each tested on sentences written for
these tests, not taken from the corpus. A name that ends in a carmaker's corporate word
("Vellmar Automobile", "Ostrava Motor") and opens its clause is a company the text
introduces, not the company named before it; a byline's company is the one "we" speaks
for; a plant that will resume or reopen is a planned return to operation; the name before
a plant ("Vellmar's plant") is its owner; the subject of going on sale is a model; a show
named with and without "International" or its year is one show; a quarter's months in
brackets ("fourth quarter (January-March 2026)") name its period; a plant may capitalise
its own name ("the Gunma Main Plant"); a nation's new-vehicle market's figure is no
company's."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from drafting import drafts_on, kinds_and_companies

from mxt.events.announcements import parse_json_line
from mxt.extract import extract_drafts

PUBLISHED = date(2025, 9, 3)


drafts, typed_drafts = drafts_on(PUBLISHED)


typed = kinds_and_companies(typed_drafts)


def test_a_name_ending_in_a_corporate_word_is_the_clauses_company() -> None:
    text = (
        "Toyota sold 4,100 cars in Portugal in August.\n\n"
        "Toyota also said its dealers were busy. Vellmar Automobile will stop selling the "
        "Kestra van in Portugal at the end of December."
    )
    assert ("exit", "Vellmar Automobile") in typed(text)
    assert ("exit", "Toyota") not in typed(text)
    text = (
        "Hyundai sold 3,000 cars in Chile in July. Ostrava Motor exported 2,150 vehicles "
        "during the month."
    )
    assert ("deliveries", "Ostrava Motor") in typed(text)
    assert [c for k, c in typed(text) if k == "deliveries"].count("Hyundai") == 1


def test_a_known_company_with_a_corporate_word_stays_that_company() -> None:
    text = "Great Wall Motor will stop selling the Ora 03 in Chile at the end of June."
    assert typed(text) == [("exit", "Great Wall Motor")] or ("exit", "Great Wall") in typed(text)
    assert not any(c.startswith("Wall") for _, c in typed(text))


def test_a_bylines_company_is_the_company_we_speaks_for() -> None:
    text = (
        "A note to our customers\n"
        "A letter by Jan Holm, chief executive of Vellmar Automotive - 2 September 2025\n\n"
        "This year we aim to sell around forty thousand vehicles. In August we delivered "
        "3,200 vehicles in Norway."
    )
    assert ("target", "Vellmar Automotive") in typed(text)
    assert ("deliveries", "Vellmar Automotive") in typed(text)
    text = (
        "A blog post by Jan Holm, CEO, Vellmar Automotive\n\n"
        "We have temporarily suspended sales in Canada while the tariffs apply."
    )
    assert typed(text) == [("exit", "Vellmar Automotive")]


def test_without_a_byline_we_names_no_company() -> None:
    text = "This year we aim to sell around forty thousand vehicles."
    assert typed(text) == []
    assert {d["kind"] for d in drafts(text)} == {"statement"}


def factories(text: str) -> list[tuple[int, str, str | None]]:
    """(phase, status, effective_on) of each factory draft of a text."""
    return [
        (d["phase"], d["status"], d.get("effective_on"))
        for d in drafts(text)
        if d["kind"] == "factory"
    ]


def test_a_plant_that_will_resume_is_a_planned_return_to_operation() -> None:
    found = factories(
        "Toyota said its Tahara plant, idle since March, will resume production in 2027."
    )
    assert all(status != "paused" for _, status, _ in found)
    assert found == [(1, "operational", "2027")]
    found = factories("Toyota will reopen its mothballed assembly plant in Tahara in 2027.")
    assert found == [(1, "operational", "2027")]


def test_a_resumption_with_no_date_to_come_is_no_factory_draft() -> None:
    assert factories("Toyota said production at its Tahara plant resumed in May.") == []
    assert factories("Toyota hopes to reopen its idled plant in Tahara one day.") == []


def test_the_owner_named_before_a_plant_is_its_company() -> None:
    text = (
        "Toyota sold 4,100 cars in Portugal in August.\n\n"
        "Toyota also said its dealers were busy. Vellmar's plant in Oklahoma City closed "
        "in January."
    )
    assert [c for k, c in typed(text) if k == "factory"] == ["Vellmar"]


def test_a_place_before_a_plant_is_no_company() -> None:
    text = "Toyota said Kentucky's largest plant closed in January."
    assert "Kentucky" not in [c for _, c in typed(text)]


def launches(text: str) -> list[tuple[str, str, str]]:
    """(model, market, status) of each launch draft of a text."""
    return [(d["model"], d["market"], d["status"]) for d in drafts(text) if d["kind"] == "launch"]


def test_the_subject_of_going_on_sale_is_a_model() -> None:
    assert launches("Subaru said the Kestra went on sale in Japan in March.") == [
        ("Kestra", "JP", "launched")
    ]
    assert launches(
        "The Kestra, a compact SUV, will go on sale in Canada in the fourth quarter of 2026."
        "\n\nSubaru makes it in Gunma."
    ) == [("Kestra", "CA", "planned")]
    assert launches("Subaru said its plant builds the Kestra and the Corvo.") == []


def test_a_season_or_a_place_going_on_sale_is_no_model() -> None:
    assert launches("Subaru said the Spring range went on sale in Japan in March.") == []
    assert launches("Subaru said the Japanese version will go on sale in May.") == []


def test_a_show_named_with_and_without_its_year_is_one_show() -> None:
    text = (
        "Lisbon Motor Show 2026: pickups and a quiet retreat\n\n"
        "The 12th Lisbon International Motor Show opened to the public on Wednesday.\n\n"
        "Toyota unveiled the Kestra SUV on its stand."
    )
    shown = [d for d in drafts(text) if d["kind"] == "showcase"]
    assert [(d["company"], d["model"]) for d in shown] == [("Toyota", "Kestra")]
    assert "Lisbon" in shown[0]["venue"]


def test_two_shows_give_no_venue() -> None:
    text = (
        "The Lisbon Motor Show opened on Wednesday, a week after the Madrid Motor Show.\n\n"
        "Toyota unveiled the Kestra SUV on its stand."
    )
    assert [d for d in drafts(text) if d["kind"] == "showcase"] == []


def test_a_quarters_months_in_brackets_name_its_period() -> None:
    text = (
        "Toyota said its unit sales for the fourth quarter (January-March 2026) were "
        "412,300 vehicles."
    )
    found = extract_drafts(text, date(2026, 5, 13))
    assert [(d["kind"], d.get("units"), d.get("period")) for d in found] == [
        ("deliveries", 412300, "2026-Q1")
    ]


def test_a_fiscal_quarter_without_its_months_is_not_read_as_them() -> None:
    text = "Toyota said its unit sales for the fourth quarter were 412,300 vehicles."
    assert all(d.get("period") != "2026-Q1" for d in extract_drafts(text, date(2026, 5, 13)))


def test_a_plant_whose_name_capitalises_plant_is_a_site() -> None:
    found = factories("Production at Toyota's Tahara Main Plant was suspended for three days.")
    assert [(phase, status) for phase, status, _ in found] == [(1, "paused")]
    text = "Production at Toyota's Tahara Main Plant was halted in May."
    assert [d["site"] for d in drafts(text) if d["kind"] == "factory"] == ["Tahara Main"]


def test_a_capitalised_plant_of_something_else_is_no_site() -> None:
    assert factories("Toyota said the Power Plant Association met in May.") == []


def test_a_nations_new_vehicle_market_figure_is_no_companys() -> None:
    text = (
        "Toyota sold 21,450 cars in Chile in August.\n\n"
        "Chile's new-vehicle market had its busiest August on record, with 39,870 sales "
        "reported by the importers' body."
    )
    found = [(d["kind"], d.get("units")) for d in drafts(text)]
    assert ("deliveries", 21450) in found
    assert ("deliveries", 39870) not in found
