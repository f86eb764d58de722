"""Rules that make extraction generalise after round 4 (issue 26, phase 5), each tested on
sentences written for these tests, not taken from the corpus: a sale denied before a date
is a policy and never a launch, a date "not before" a month or a part of a year, …"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from drafting import drafts_on

from mxt.events.announcements import parse_json_line
from mxt.extract import extract_drafts, names, when
from mxt.extract.sentences import split_sentences

PUBLISHED = date(2025, 7, 16)  # a Wednesday


drafts, typed = drafts_on(PUBLISHED)


# -- policies ----------------------------------------------------------------------------


def test_not_before_a_month_alone_or_a_part_of_a_year() -> None:
    assert when.not_before("will not go on sale before March", PUBLISHED) == date(2026, 3, 1)
    assert when.not_before("not before October", PUBLISHED) == date(2025, 10, 1)
    found = when.not_before("won't start before the second half of 2026", PUBLISHED)
    assert found == date(2026, 7, 1)


def test_a_sale_denied_before_a_date_is_a_policy_and_never_a_launch() -> None:
    text = "Mazda said the CX-80 will not go on sale in Norway and Denmark before March."
    (found,) = typed(text)
    assert (found["kind"], found["markets"], found["not_before"]) == (
        "policy", ["NO", "DK"], "2026-03-01",
    )  # fmt: skip
    text = "Mazda said the new MX-5 will not arrive in European showrooms before 2027."
    (found,) = typed(text)
    assert (found["kind"], found["markets"]) == ("policy", ["EUROPE"])
    # the market told before the verb
    text = "Sales of the Mazda CX-80 in Canada will not start before September, Mazda said."
    (found,) = typed(text)
    assert (found["kind"], found["markets"], found["not_before"]) == (
        "policy", ["CA"], "2025-09-01",
    )  # fmt: skip


# -- deliveries --------------------------------------------------------------------------


def test_a_figure_told_by_a_participle_or_a_noun_reaching_it() -> None:
    text = "Mazda led the Japanese brands, registering roughly 21,000 cars in Europe in June."
    (found,) = typed(text)
    assert (found["units"], found["metric"], found["markets"], found["period"]) == (
        21000, "registrations", ["EUROPE"], "2025-06",
    )  # fmt: skip
    text = "Mazda's sales fell 5.6% year on year to 96,270 units in June."
    assert [d["units"] for d in typed(text)] == [96270]
    text = "Mazda said deliveries of its CX-80 crossover topped 1,000 units in June."
    (found,) = typed(text)
    assert (found["units"], found["bound"], found["model"]) == (1000, "at-least", "CX-80")
    text = "Mazda's sales in Japan came in at over 14,000 units in June."
    assert [(d["units"], d["bound"]) for d in typed(text)] == [(14000, "at-least")]


# -- showcases ---------------------------------------------------------------------------


def test_a_model_shown_at_a_show_the_clause_opens_on_or_where_a_place_was_named() -> None:
    text = "At the Guangzhou Auto Show last week, Mazda showcased the EZ-60 crossover."
    (found,) = typed(text)
    assert (found["kind"], found["model"], found["venue"]) == (
        "showcase", "EZ-60", "Guangzhou Auto Show",
    )  # fmt: skip
    text = "It came after Mazda's event in Irvine, California, where it unveiled the CX-70."
    (found,) = typed(text)
    assert (found["model"], found["market"]) == ("CX-70", "US")


def test_a_model_shown_in_the_passive_its_subject_or_a_version_of_it() -> None:
    text = "Mazda's CX-20, a compact crossover built on a new platform, was displayed in Tokyo."
    (found,) = typed(text)
    assert (found["kind"], found["model"], found["market"]) == ("showcase", "CX-20", "JP")
    text = (
        "Mazda confirmed the CX-20 will go on sale in Europe in 2027. A concept version was "
        "shown in Paris in March."
    )
    shown = [d for d in typed(text, date(2025, 4, 2)) if d["kind"] == "showcase"]
    assert [(d["model"], d["market"]) for d in shown] == [("CX-20", "FR")]


def test_a_doubt_in_a_relative_clause_is_not_the_clauses() -> None:
    text = (
        "The Japan Mobility Show opened in Tokyo on Wednesday. Mazda used the show to display "
        "the CX-20, which it is still considering exporting."
    )
    assert [d["model"] for d in typed(text) if d["kind"] == "showcase"] == ["CX-20"]
    text = "Mazda unveiled a concept version of its next Atenza, which could reach Europe in 2027."
    text = "The Japan Mobility Show opened on Wednesday. " + text
    assert [d["model"] for d in typed(text) if d["kind"] == "showcase"] == ["Atenza"]


def test_a_volkswagen_id_name_is_one_model_and_does_not_end_its_sentence() -> None:
    text = "Volkswagen said the ID. Polo, its cheapest EV, goes on sale in Germany in 2026."
    (found,) = typed(text)
    assert (found["kind"], found["model"], found["market"]) == ("launch", "ID. Polo", "DE")
    assert [s.text for s in split_sentences(text)] == [text]


# -- factories ---------------------------------------------------------------------------


def test_a_plants_start_told_after_a_long_aside_and_its_end_or_shutdown_planned() -> None:
    text = (
        "Series production at Mazda's new plant in Pilsen, Czech Republic, a 1.5 billion euro "
        "investment with capacity for 120,000 cars a year, will start in late October."
    )
    (found,) = typed(text)
    assert (found["site"], found["status"], found["effective_on"]) == (
        "Pilsen", "operational", "2025-10",
    )  # fmt: skip
    text = "Mazda will end vehicle production at its Hofu plant by the end of March 2028."
    (found,) = typed(text)
    assert (found["site"], found["status"], found["effective_on"]) == ("Hofu", "closed", "2028-03")
    text = (
        "Mazda is preparing to shut its Flat Rock, Michigan, factory for several weeks in August."
    )
    (found,) = typed(text)
    assert (found["site"], found["status"], found["effective_on"]) == (
        "Flat Rock", "paused", "2025-08",
    )  # fmt: skip


def test_a_plant_making_cars_since_a_month_is_operational() -> None:
    text = "Mazda's factory in Salvador, Bahia, has been assembling the CX-30 from kits since May."
    (found,) = typed(text)
    assert (found["site"], found["status"]) == ("Salvador", "operational")
    assert "effective_on" not in found or found["effective_on"] <= PUBLISHED.isoformat()


# -- interviews: the first person, "here", a question's model ----------------------------

INTERVIEW = (
    "Q&A: Mazda Australia's boss on the CX-80 and the MX-30\n\n"
    "Mazda Australia sold 51,236 vehicles in Australia in the first half of 2026. We met its "
    "chief executive in Melbourne, Australia.\n\n"
    "Q: What about the CX-80?\n\n"
    "A: We've got more than 3,000 orders in hand, and buyers are waiting up to two months.\n\n"
    "Q: And the MX-30?\n\n"
    "A: We'll stop selling the MX-30 here at the end of September. The CX-70 goes on sale in "
    "August. The CX-60 EV won't go on sale here before October."
)


def test_an_answer_speaks_of_its_questions_model_and_here_is_where_the_text_is_set() -> None:
    found = typed(INTERVIEW, date(2026, 7, 8))
    by_kind = {d["kind"]: d for d in found}
    assert (by_kind["orders"]["model"], by_kind["orders"]["count"]) == ("CX-80", 3000)
    assert (by_kind["wait-time"]["model"], by_kind["wait-time"]["max_months"]) == ("CX-80", 2)
    assert (by_kind["exit"]["model"], by_kind["exit"]["markets"]) == ("MX-30", ["AU"])
    assert (by_kind["policy"]["markets"], by_kind["policy"]["not_before"]) == (
        ["AU"], "2026-10-01",
    )  # fmt: skip
    # a launch the speaker names without a market is where the text is set, not Japan
    assert (by_kind["launch"]["model"], by_kind["launch"]["market"]) == ("CX-70", "AU")
    assert by_kind["launch"]["status"] == "planned"


def test_a_text_is_set_in_the_country_it_names_most() -> None:
    assert names.setting("Kia sold 100 cars in Australia and 90 in Korea.") is None
    assert names.setting("Kia Australia sold cars in Australia; Korea built them.") == "AU"


# -- regions and entries -----------------------------------------------------------------


def test_regions_by_their_names() -> None:
    assert names.included_markets("in the GCC, starting with the UAE") == ["GCC", "AE"]
    assert names.included_markets("across Western Europe and Central America") == [
        "WESTERN-EUROPE", "CENTRAL-AMERICA",
    ]  # fmt: skip
    text = "Mazda will begin selling the CX-80 in the GCC in the third quarter."
    (found,) = typed(text)
    assert (found["kind"], found["market"], found["status"]) == ("launch", "GCC", "planned")


def test_a_brand_going_into_a_market_and_its_debut_moved_are_expected_entries() -> None:
    for text, market, expected in (
        ("Mazda said the brand will launch in Poland in the fourth quarter.", "PL", "2025-Q4"),
        ("Mazda will bring its new Eunos brand to Europe in the second half of 2026.",
         "EUROPE", "2026-H2"),
        ("Mazda's European debut, first planned for this year, will now take place in 2026.",
         "EUROPE", "2026"),
        ("Mazda is widely expected to bring the CX-80 to Brazil, with 2027 the likeliest date.",
         "BR", "2027"),
    ):  # fmt: skip
        (found,) = typed(text)
        assert (found["kind"], found["market"], found["expected"]) == (
            "expected-entry", market, expected,
        ), text  # fmt: skip
    # a debut made at a show is no entry
    text = "The CX-80 made its European debut at the Paris Motor Show on Monday."
    assert [d["kind"] for d in typed(text)] != ["expected-entry"]


# -- model names -------------------------------------------------------------------------


def test_models_listed_with_their_bodies_a_badge_and_a_series_in_capitals() -> None:
    text = "Mazda started selling the CX-30 city car and the CX-90 SUV in Germany this month."
    launched = [(d["model"], d["market"]) for d in typed(text) if d["kind"] == "launch"]
    assert launched == [("CX-30", "DE"), ("CX-90", "DE")]
    assert [m.name for m in names.models("the Renault 5 E-Tech electric")] == ["Renault 5 E-Tech"]
    assert [m.name for m in names.models("the TIGGO 8 and the EURO 7 rules")] == ["TIGGO 8"]


# -- sentences written otherwise ----------------------------------------------------------


def test_launches_told_otherwise() -> None:
    published = date(2025, 10, 15)
    for text, model, market in (
        ("Mazda introduced the CX-30 to the Mexican market in September.", "CX-30", "MX"),
        ("Deliveries of the Mazda CX-60 in Australia started in August.", "CX-60", "AU"),
        ("The Mazda CX-80 is now on sale in Thailand.", "CX-80", "TH"),
    ):
        (found,) = typed(text, published)
        assert (found["kind"], found["model"], found["market"], found["status"]) == (
            "launch", model, market, "launched",
        ), text  # fmt: skip


def test_a_wait_in_words_a_two_word_name_a_plant_named_by_what_it_makes() -> None:
    published = date(2025, 10, 15)
    (found,) = typed("Customers ordering a Mazda CX-80 today face a six-month wait.", published)
    assert (found["kind"], found["model"], found["max_months"]) == ("wait-time", "CX-80", 6)
    text = "Waiting times for the Toyota Land Cruiser have stretched to 18 months in Australia."
    (found,) = typed(text, published)
    assert (found["model"], found["max_months"]) == ("Land Cruiser", 18)
    (found,) = typed("Stellantis will close its Luton van plant in April.", published)
    assert (found["site"], found["status"], found["effective_on"]) == ("Luton", "closed", "2026-04")
    text = "BMW will show the Neue Klasse iX3 at the IAA in Munich next month."
    assert [d["model"] for d in typed(text, published)] == ["iX3"]


def test_a_half_of_a_companys_own_year_is_no_calendar_period() -> None:
    text = "Mazda's sales in the April-September first half of its business year totaled 600,000."
    assert typed(text, date(2025, 10, 29)) == []


def test_a_plants_opening_postponed_and_a_company_starting_deliveries_in_a_market() -> None:
    published = date(2025, 10, 15)
    (found,) = typed("Mazda postponed the opening of its Tennessee plant to 2028.", published)
    assert (found["site"], found["status"], found["effective_on"]) == (
        "Tennessee", "operational", "2028",
    )  # fmt: skip
    text = "We will start deliveries in Thailand in March, said Mazda's Asia head."
    (found,) = typed(text, published)
    assert (found["kind"], found["market"], found["expected"]) == (
        "expected-entry", "TH", "2026-03",
    )  # fmt: skip
    # with a model, a planned launch
    (found,) = typed("Mazda will start deliveries of the CX-80 in Thailand in March.", published)
    assert (found["kind"], found["status"], found["market"]) == ("launch", "planned", "TH")


# -- places --------------------------------------------------------------------------------


def test_a_city_names_its_country_unless_another_of_its_size_shares_its_name() -> None:
    assert [names.place_market(city) for city in ("Munich", "Detroit", "Sao Paulo")] == [
        "DE", "US", "BR",
    ]  # fmt: skip
    assert names.place_market("Zaragoza") == "ES"  # far bigger than its namesakes
    assert names.place_market("Munich", cities=False) is None
    text = "Mazda showed the CX-80 at an event in Milan on Tuesday."
    (found,) = typed(text)
    assert (found["kind"], found["market"]) == ("showcase", "IT")
    # a plant's country: its sentence's, before a city of the same name abroad
    text = "Mazda will start production at its Orion Assembly plant in Michigan in 2026."
    (found,) = typed(text)
    assert found["market"] == "US"


# -- exits and waits -----------------------------------------------------------------------


def test_an_exit_with_what_is_withdrawn_between_and_not_the_wider_retreat() -> None:
    published = date(2025, 10, 15)
    (found,) = typed(
        "Mazda will withdraw the CX-30 sedan from Europe at the end of June.", published
    )
    assert (found["kind"], found["markets"], found["model"], found["effective_on"]) == (
        "exit", ["EUROPE"], "CX-30", "2026-06",
    )  # fmt: skip
    (found,) = typed("Mazda has pulled the MX-30 from the UK market.", published)
    assert (found["kind"], found["markets"]) == ("exit", ["GB"])
    text = "Mazda stopped selling the MX-30 in Norway in April as part of a retreat from Europe."
    (found,) = typed(text, published)
    assert found["markets"] == ["NO"]


def test_a_wait_buyers_are_told_to_expect_is_the_wait_now() -> None:
    text = "Buyers ordering the Mazda CX-80 now should expect to wait up to five months."
    (found,) = typed(text, date(2025, 10, 15))
    assert (found["kind"], found["max_months"]) == ("wait-time", 5)


def test_the_plan_as_it_was_is_no_entry_and_an_id_name_keeps_its_number() -> None:
    published = date(2025, 10, 15)
    text = "The CX-80, which Mazda had planned to launch in Europe in September, has been delayed."
    assert [d for d in typed(text, published) if d["kind"] == "expected-entry"] == []
    text = "Mazda plans to launch the CX-80 in Europe in September."
    (found,) = typed(text, published)
    assert (found["kind"], found["market"], found["expected"]) == (
        "expected-entry", "EUROPE", "2026-09",
    )  # fmt: skip
    text = "The launch of the Volkswagen ID. 2all in Europe has been pushed back to 2026."
    (found,) = typed(text, published)
    assert (found["model"], found["status"], found["launched_on"]) == (
        "ID. 2all",
        "planned",
        "2026",
    )


def test_a_rivals_figure_beside_the_news_is_the_rivals_own() -> None:
    text = "Mazda delivered 41,581 cars in September, beating Subaru's 34,749 and Honda's 33,951."
    found = {(d["company"], d["units"], d["period"]) for d in typed(text, date(2025, 10, 2))}
    assert found == {
        ("Mazda", 41581, "2025-09"), ("Subaru", 34749, "2025-09"), ("Honda", 33951, "2025-09"),
    }  # fmt: skip


def test_launches_arriving_or_with_deliveries_starting_and_entries_set() -> None:
    published = date(2025, 10, 15)
    text = (
        "Orders for the Mazda CX-80 open in India next month, with deliveries starting in January."
    )
    (found,) = typed(text, published)
    assert (found["kind"], found["status"], found["market"], found["launched_on"]) == (
        "launch", "planned", "IN", "2026-01",
    )  # fmt: skip
    (found,) = typed("The Mazda CX-80 arrives in Spain in November.", published)
    assert (found["status"], found["launched_on"]) == ("planned", "2025-11")
    (found,) = typed("The Mazda CX-80 arrived in Spain in June.", published)
    assert (found["status"], found["market"]) == ("launched", "ES")
    (found,) = typed("Mazda is set to enter the Indian market in 2027.", published)
    assert (found["kind"], found["market"], found["expected"]) == ("expected-entry", "IN", "2027")
    (found,) = typed("Mazda will only sell the CX-80 in Europe from next year.", published)
    assert (found["kind"], found["not_before"]) == ("policy", "2026-01-01")
    # a debut in a country is a launch there, not a show
    kinds = [d["kind"] for d in typed("The Mazda CX-80 debuts in Europe in May.", published)]
    assert kinds == ["launch"]


def test_a_plant_due_to_open_a_groundbreaking_and_sales_that_began() -> None:
    published = date(2025, 10, 15)
    text = "Mazda said the new plant in Izmir is due to open by the end of 2026."
    (found,) = typed(text, published)
    assert (found["site"], found["status"], found["effective_on"]) == (
        "Izmir",
        "operational",
        "2026",
    )
    (found,) = typed("Groundbreaking for Mazda's Hofu plant took place on Monday.", published)
    assert (found["status"], found["effective_on"]) == ("under-construction", "2025-10-13")
    assert typed("Mazda's groundbreaking technology at its Hofu plant impressed.", published) == []
    (found,) = typed("Sales of the Mazda CX-80 in Europe began in September.", published)
    assert (found["kind"], found["status"], found["market"]) == ("launch", "launched", "EUROPE")


def test_a_year_ending_in_a_month_is_a_fiscal_year_not_that_month() -> None:
    text = "Mazda cut its sales forecast to 1.3 million vehicles for the year ending March 2026."
    assert typed(text, date(2025, 10, 15)) == []
    text = "For the year to March 2027, Mazda forecast global sales of 1.4 million units."
    assert typed(text, date(2025, 10, 15)) == []


def test_a_groundbreaking_moved_and_a_launch_told_as_done_beside_a_delay() -> None:
    published = date(2025, 10, 15)
    text = "Mazda said groundbreaking for its Barcelona plant has been postponed to 2026."
    (found,) = typed(text, published)
    assert (found["status"], found["effective_on"]) == ("under-construction", "2026")
    # done, or planned? the draft is left a statement, never a launch a year on
    text = "Deliveries of the Mazda CX-60 in Australia started in August after a three-month delay."
    assert typed(text, published) == []
    (found,) = typed("The Mazda CX-80 launch in Spain has been delayed to March.", published)
    assert (found["status"], found["launched_on"]) == ("planned", "2026-03")
