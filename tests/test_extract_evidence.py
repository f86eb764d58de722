"""A typed draft needs evidence, else it is a statement that keeps the reading (issue 26,
phase 2): sentences of the shapes that made wrong typed drafts, written for these tests,
read by the whole pipeline."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from drafting import drafts_on

from bench.extract import says_reached
from mxt.events.announcements import parse_json_line
from mxt.extract import extract_drafts

PUBLISHED = date(2025, 7, 10)  # a Thursday


drafts, typed = drafts_on(PUBLISHED)


def kept(text: str) -> list[str]:
    """The notes of the statements that keep a typed reading."""
    return [d["note"] for d in drafts(text) if "kept as a statement: read as" in d["note"]]


@pytest.mark.parametrize(
    ("text", "doubt"),
    [
        # a figure beside another that nothing explains
        ("BYD's sales in June were 380,000, compared with Tesla's 40,000.", "another figure"),
        # a period long past: a comparison, not the news
        ("In May 2024, XPeng delivered just 10,146 vehicles.", "ended long before"),
        # a segment's figure is not the company's total
        ("Tata Motors said its EV sales stood at 5,000 units in June.", "segment"),
        # a launch that happened, beside a plan in its clause
        ("Tesla's Model Y L launched in China on Tuesday with deliveries set to begin in "
         "September.", "plan"),
        # a launch told in passing in a sentence that says 'not before'
        ("Tesla said the Cybertruck, which went on sale in the U.S. late last year, will not "
         "be sold outside the U.S. before 2025.", "delays, halts"),
        # no company named anywhere
        ("The SU7 had a waiting list of nearly 12 months in March.", "names no company"),
    ],
)  # fmt: skip
def test_a_draft_without_evidence_is_a_statement_with_its_reading(text: str, doubt: str) -> None:
    notes = kept(text)
    assert notes and any(doubt in note for note in notes), drafts(text)
    assert not [d for d in typed(text) if d["kind"] in ("deliveries", "launch", "wait-time")]


@pytest.mark.parametrize(
    "text",
    [
        "According to data from the China Passenger Car Association, retail sales of NEVs in "
        "China reached about 1.02 million in June.",
        "Chinese brands doubled their share of the European market, with nearly 60,000 "
        "Chinese-branded cars registered across the region in June.",
        "Analysts polled by the company had pencilled in about 387,000 deliveries.",
        "Its cumulative deliveries reached 871,952 by the end of June.",
        "Zeekr's sales in Europe remained small, at about 3,000 units so far this year.",
        "Mahindra's tractor sales rose to 50,000 units in June.",
        "Mahindra is aiming for a monthly run rate of around 5,000 units once production starts.",
        "To reach the low end of its guidance, NIO needs to deliver nearly 25,000 units in June.",
    ],
)
def test_figures_of_a_market_an_estimate_a_total_or_a_rate_are_no_company_count(
    text: str,
) -> None:
    context = "Tesla Q2\n\nTesla delivered 384,000 cars in the second quarter. " + text
    counts = [
        d for d in typed(context)
        if d["kind"] in ("deliveries", "target") and d.get("units") != 384000
    ]  # fmt: skip
    assert counts == []


def test_a_launch_word_about_something_else_is_no_launch_of_the_model_named_before() -> None:
    text = (
        "BYD News\n\nBYD sold 380,000 cars in June. The Seal was its best seller. "
        "BYD also launched a price war in China last month. The company launched its own "
        "chip unit in May.\n\nThe Atto 2 went on sale in Germany in June. The seven-seat SUV "
        "went on sale in Japan last month."
    )
    launches = [(d["model"], d["market"]) for d in typed(text) if d["kind"] == "launch"]
    assert launches == [("Atto 2", "DE"), ("Atto 2", "JP")]


@pytest.mark.parametrize(
    ("sentence", "kind", "market"),
    [
        ("Kia expects to start selling the PV5 in Japan in 2026.", "expected-entry", "JP"),
        ("BMW plans to launch the iX3 in China in 2026.", "expected-entry", "CN"),
        ("Kia will start selling the PV5 in Japan in 2026.", "launch", "JP"),
        ("The Aion V is set to launch in Thailand on October 15.", "launch", "TH"),
        ("Leapmotor said it would start selling the C10 in Brazil in November.", "launch", "BR"),
    ],
)
def test_a_plan_not_yet_firm_is_an_expected_entry_and_a_firm_one_a_planned_launch(
    sentence: str, kind: str, market: str
) -> None:
    (found,) = [d for d in typed(sentence) if d["kind"] in ("launch", "expected-entry")]
    assert (found["kind"], found["market"]) == (kind, market)
    assert not says_reached(found)


def test_a_region_is_written_in_the_specs_words_and_kept_faithfully() -> None:
    # "Europe" is not the EU: a launch there is planned in EUROPE (the UN M49 region, SPEC
    # 5.3), and a figure's scope says EUROPE, as said.
    (launch,) = drafts("Kia said the EV2 will go on sale in Europe in April 2026.")
    assert (launch["kind"], launch["market"]) == ("launch", "EUROPE")
    (figure,) = typed("Kia said it sold 38,912 cars in Europe in June.")
    assert figure["markets"] == ["EUROPE"] and "stand" not in figure.get("note", "")


def test_models_listed_together_and_markets_listed_together() -> None:
    found = typed(
        "Leapmotor said on Tuesday it would start selling the C10 and B10 in Brazil, Chile "
        "and Peru in November."
    )
    assert {(d["model"], d["market"]) for d in found if d["kind"] == "launch"} == {
        (model, market) for model in ("C10", "B10") for market in ("BR", "CL", "PE")
    }
    both = drafts("Mahindra received 30,179 bookings for the XEV 9e and BE 6 on the first day.")
    assert [d["kind"] for d in both] == ["statement"]  # one count for two models


def test_parts_of_a_whole_each_get_their_draft() -> None:
    found = typed(
        "Hyundai Motor India sold 60,924 units in June, comprising domestic sales of 44,024 "
        "units and exports of 16,900 units."
    )
    scopes = {d["units"]: (d.get("markets"), d.get("except")) for d in found}
    assert scopes == {60924: (None, None), 44024: (["IN"], None), 16900: (["*"], ["IN"])}
    group = typed(
        "Geely News\n\nGroup sales were 3,024,567 units in 2025, of which Zeekr contributed "
        "224,133 units.",
        date(2026, 3, 20),
    )
    assert [(d["company"], d["units"]) for d in group] == [("Geely", 3024567)]


def test_a_joint_venture_a_partner_and_a_host_are_told_apart() -> None:
    (sold,) = typed("The GAC Toyota bZ3X sold 5,510 units in China in April.", date(2025, 5, 14))
    assert sold["company"] == "GAC Toyota" and "joint venture of GAC and Toyota" in sold["note"]
    text = (
        "Nissan News\n\nThe N7, developed with Dongfeng, has drawn more than 10,000 orders "
        "in China. Polestar said the Polestar 7 will be built at Volvo Cars' plant in Kosice."
    )
    assert {d["company"] for d in drafts(text)} == {"Nissan", "Polestar"}


def test_dates_of_a_moved_plan_and_of_the_news() -> None:
    (plant,) = typed("Volvo has pushed the start of series production at its Kosice plant "
                     "back to 2027 from 2026.")  # fmt: skip
    assert (plant["status"], plant["effective_on"]) == ("operational", "2027")  # as said
    later_plan = (
        "Leapmotor said series production at the Zaragoza plant is now expected to start in "
        "the second half of 2026 rather than at the end of this year."
    )
    (later,) = typed(later_plan)
    assert later["effective_on"] == "2026-H2"
    (wire,) = typed("BEIJING, Sept 1 (Xinhua) -- Leapmotor delivered 57,066 vehicles in "
                    "August.", date(2025, 9, 2))  # fmt: skip
    assert wire["period"] == "2025-08"


def test_indian_press_figures_and_a_condition() -> None:
    (sold,) = typed("Maruti Suzuki sold 1,92,984 units in March 2025.", date(2025, 4, 2))
    assert sold["units"] == 192984
    (target,) = typed(
        "Chairman R C Bhargava said Maruti Suzuki expects exports to cross 3.7 lakh units in "
        "calendar year 2025."
    )
    assert (target["value"], target["bound"]) == (370000, "at-least")
    assert not typed("Kia will begin production at its Zilina plant next year, subject to "
                     "approval by the board.")  # fmt: skip


def test_showcases_told_ahead_and_premieres() -> None:
    found = typed(
        "Geely News\n\nGeely will show the Galaxy Cruiser, a boxy off-road SUV, at Auto China "
        "2026 in Beijing in April. The EV2 made its world premiere at the Brussels Motor Show."
    )
    shown = {d["model"]: (d["venue"], d.get("market")) for d in found if d["kind"] == "showcase"}
    assert shown == {
        "Galaxy Cruiser": ("Auto China 2026, Beijing", "CN"),
        "EV2": ("Brussels Motor Show", "BE"),  # a city named in the venue
    }


def test_a_fiscal_quarter_is_read_on_the_companys_calendar_or_not_typed() -> None:
    published = date(2025, 4, 2)
    (launch,) = typed("Tata Motors said the Harrier.ev will be launched in the first quarter "
                      "of FY26.", published)  # fmt: skip
    assert launch["launched_on"] == "2025-Q2"  # April-June 2025, as a calendar quarter
    (sold,) = typed("Tata Motors' domestic PV sales in Q4 FY25 stood at 1.47 lakh units.",
                    published)  # fmt: skip
    assert (sold["period"], sold["units"]) == ("2025-Q1", 147000)
    # a fiscal year whose calendar mxt does not know is no period it guesses
    assert not typed("Ford sold 1.2 million vehicles in Q1 FY25.", published)


def test_a_status_to_come_is_never_one_reached() -> None:
    for sentence in (
        "Once the plant in Szeged is operational, BYD will build 150,000 cars a year there.",
        "Until the plant in Szeged starts production, BYD will import cars from China.",
        "It is reported that BYD's plant in Szeged will start trial production in the fourth "
        "quarter of this year and mass production in 2026.",
    ):
        assert not [d for d in typed(sentence) if says_reached(d)], sentence
    (mass,) = typed("BYD's plant in Szeged will start trial production in the fourth quarter "
                    "of this year and mass production in 2026.")  # fmt: skip
    assert (mass["status"], mass["effective_on"]) == ("operational", "2026")
    opened = typed("VinFast broke ground on its plant in Thoothukudi in February 2024 and "
                   "opened it in August.")  # fmt: skip
    assert [d["status"] for d in opened] == ["under-construction", "operational"]


def test_a_name_mxt_does_not_know_keeps_the_paragraphs_company_from_a_typed_draft() -> None:
    text = (
        "Chery News\n\nChery sold 2.8 million cars in 2025. O&J plans to enter the German "
        "market in the first half of 2026. It plans to enter Poland in 2027."
    )
    entries = [(d["company"], d["market"]) for d in typed(text, date(2026, 1, 8))
               if d["kind"] == "expected-entry"]  # fmt: skip
    assert entries == [("Chery", "PL")]
    assert any("O&J, which mxt does not know" in note for note in kept(text))
