"""The extract pipeline, one cue at a time, each on sentences of its own."""

from __future__ import annotations

from datetime import date

import pytest

from mxt.extract import cues, figures, names, when
from mxt.extract.cues import Clue
from mxt.extract.drafts import certainty, extract_drafts
from mxt.extract.sentences import split_clauses, split_sentences

PUBLISHED = date(2025, 7, 4)


def clue(sentence: str, company: str = "Acme", **context: object) -> Clue:
    """A sentence read on its own, about `company`, published on PUBLISHED."""
    base: dict[str, object] = {"model": None, "site": None, "horizon": None, "period": None}
    base.update(context)
    return Clue(
        sentence, figures.normalise(sentence), False, PUBLISHED, company, False,
        base["model"], base["site"], base["horizon"], base["period"],
    )  # fmt: skip


def only(found: list[cues.Draft]) -> dict[str, object]:
    assert len(found) == 1, found
    return found[0].said


# -- sentences ---------------------------------------------------------------------------


def test_sentences_keep_every_character_and_mark_headings() -> None:
    text = (
        "Tesla Output Falls\n\nTesla Inc. said on Jan. 2 it sold 1.2 million cars. "
        "Shares rose 2.5%.\n"
    )
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "Tesla Output Falls",
        "Tesla Inc. said on Jan. 2 it sold 1.2 million cars.",
        "Shares rose 2.5%.",
    ]
    assert [s.heading for s in found] == [True, False, False]
    assert all(s.text in text for s in found)


def test_clauses_split_on_and_semicolons_and_dashes() -> None:
    sentence = "Phase 2 is complete, and phase 3 is under way; hiring goes on—for now."
    assert split_clauses(sentence) == [
        "Phase 2 is complete",
        "phase 3 is under way",
        "hiring goes on",
        "for now.",
    ]


# -- figures -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("more than 240,000 orders", [(240000, "at-least", None)]),
        ("over two hundred thousand orders", [(200000, "at-least", None)]),
        ("about 28,000 units", [(28000, "about", None)]),
        ("up to 5,000 cars", [(5000, "at-most", None)]),
        ("38,500 to 39,500 vehicles", [(38500, "range", 39500)]),
        ("between 1.2 and 1.5 million cars", [(1200000, "range", 1500000)]),
        ("1.2 million cars", [(1200000, "exact", None)]),
        ("sales rose about 7% in 2025", []),
        ("priced at 235,900 yuan", []),
        ("the 8th straight month", []),
    ],
)
def test_counts_with_bounds(text: str, expected: list[tuple[int, str, int | None]]) -> None:
    found = figures.counts(figures.normalise(text))
    assert [(f.value, f.bound, f.high) for f in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within just three minutes of launch", "3min"),
        ("Within 18 hours, it locked in", "18h"),
        ("in two days", "2d"),
        ("within a week", "1w"),
        ("within a month", "1mo"),
        ("no duration here", None),
    ],
)
def test_durations(text: str, expected: str | None) -> None:
    assert figures.duration(figures.normalise(text)) == expected


def test_months_span_reads_weeks_and_years() -> None:
    assert figures.months_span(figures.normalise("stretching up to a year")) == 12
    assert figures.months_span(figures.normalise("up to eight months")) == 8
    assert figures.months_span(figures.normalise("as long as six weeks")) == 1.4


# -- dates and periods --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("In June alone, it delivered", "past", ("2025-06", True)),
        ("in September", "future", ("2025-09", True)),
        ("in the second quarter", "past", ("2025-Q2", True)),
        ("in Q4 2024", "past", ("2024-Q4", False)),
        ("in the first half of 2025", "past", ("2025-H1", False)),
        ("this year", "future", ("2025", False)),
        ("next year", "future", ("2026", False)),
        ("its 2025 production goal", "future", ("2025", False)),
        ("no period at all", "past", (None, False)),
    ],
)
def test_periods(text: str, prefer: when.Prefer, expected: tuple[str | None, bool]) -> None:
    assert when.period(figures.normalise(text), PUBLISHED, prefer) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("operations are expected to begin within a month", date(2025, 8, 4)),
        ("next month", date(2025, 8, 4)),
        ("by the end of the year", date(2025, 12, 31)),
        ("in October", date(2025, 10, 1)),
        ("nothing planned", None),
    ],
)
def test_upcoming_dates_resolve_against_publication(text: str, expected: date | None) -> None:
    assert when.upcoming(text, PUBLISHED) == expected


def test_stated_day_of_the_news() -> None:
    assert when.stated_day("the company said on Tuesday", date(2025, 7, 3)) == date(2025, 7, 1)
    assert when.stated_day("said on Friday", PUBLISHED) == PUBLISHED  # the day itself
    assert when.stated_day("said on June 30", PUBLISHED) == date(2025, 6, 30)
    assert when.stated_day("will go on sale on July 9", PUBLISHED) is None  # a plan


def test_not_before_reads_the_year_or_month() -> None:
    assert when.not_before("until at least 2027", PUBLISHED) == date(2027, 1, 1)
    assert when.not_before("until March 2026", PUBLISHED) == date(2026, 3, 1)


# -- names --------------------------------------------------------------------------------


def test_companies_leave_out_rivals_and_take_the_users_name() -> None:
    text = "The YU7 is a direct competitor to the Tesla Model Y, Xiaomi said."
    assert names.companies(text) == ["Xiaomi"]
    assert names.companies("Acme Motors sold 10 cars", ("Acme Motors",)) == ["Acme Motors"]
    assert [m.name for m in names.models(text)] == ["YU7"]


def test_markets_by_country_demonym_region_and_city() -> None:
    text = "Europe first, then Norwegian buyers, then Brazil, outside of China"
    assert [m.name for m in names.markets(text)] == ["EUROPE", "NO", "BR", "CN"]
    assert [m.name for m in names.markets("the EU, North America and South Africa")] == [
        "EU", "NORTH-AMERICA", "ZA",
    ]  # fmt: skip
    assert names.excluded_markets(text) == ["CN"]
    assert names.place_market("Barcelona") == "ES"


# -- one function per kind -----------------------------------------------------------------


def test_orders_cue() -> None:
    found = only(
        cues.orders(clue("Within 18 hours, it locked in over 240,000 orders.", model="YU7"))
    )
    assert found == {"model": "YU7", "stage": "locked", "count": 240000, "bound": "at-least",
                     "within": "18h"}  # fmt: skip
    pre = only(cues.orders(clue("The YU7 got over 200,000 pre-bookings within three minutes.")))
    assert (pre["stage"], pre["count"], pre["within"]) == ("pre-booking", 200000, "3min")
    assert cues.orders(clue("Orders were strong.")) == []


def test_target_cue_with_previous() -> None:
    sentence = "Xiaomi raised its 2025 production goal to 350,000 cars, up from 300,000."
    assert only(cues.target(clue(sentence, "Xiaomi"))) == {
        "metric": "production", "period": "2025", "value": 350000, "previous": 300000,
    }  # fmt: skip
    cut = only(cues.target(clue("BYD cut its sales target to 4.6 million from 5.5 million.")))
    assert (cut["metric"], cut["value"], cut["previous"]) == ("sales", 4600000, 5500000)
    ranged = only(cues.target(clue("It expects to deliver 123,000 to 128,000 cars in Q3.")))
    assert (ranged["value"], ranged["bound"], ranged["high"], ranged["period"]) == (
        123000, "range", 128000, "2025-Q3",
    )  # fmt: skip


def test_deliveries_cue() -> None:
    found = only(cues.deliveries(clue("In June alone, the company delivered 28,000 units.")))
    assert found == {"period": "2025-06", "units": 28000}
    sold = only(cues.deliveries(clue("BYD sold 90,049 cars overseas in June.", "BYD")))
    assert sold == {"period": "2025-06", "units": 90049, "metric": "sales", "markets": ["*"],
                    "except": ["CN"]}  # fmt: skip
    assert cues.deliveries(clue("It expects to deliver 50,000 cars in July.")) == []


def test_wait_time_cue() -> None:
    found = cues.wait_time(clue("Wait times for the YU7 are stretching up to a year."))
    assert only(found) == {"model": "YU7", "max_months": 12.0}
    assert cues.wait_time(clue("Customers will have to wait.")) == []


def test_factory_cue_one_draft_per_clause() -> None:
    sentence = (
        "Xiaomi has completed Phase 2 of its plant near Beijing, and operations are "
        "expected to begin within a month."
    )
    found = cues.factory(clue(sentence, "Xiaomi"))
    assert [
        (d.fields["phase"], d.fields["status"], d.fields.get("effective_on")) for d in found
    ] == [
        (2, "completed", None),
        (2, "operational", "2025-08-04"),
    ]
    assert found[0].fields["site"] == "Beijing"
    land = only(
        cues.factory(clue("It bought land for a third phase of the factory.", site="Hefei"))
    )
    assert (land["phase"], land["status"], land["site"]) == (3, "land-acquired", "Hefei")


def test_policy_cue() -> None:
    sentence = "Xiaomi will not be selling its cars outside of China until at least 2027."
    assert only(cues.policy(clue(sentence, "Xiaomi"))) == {
        "markets": ["*"], "except": ["CN"], "not_before": "2027-01-01",
    }  # fmt: skip
    us = only(cues.policy(clue("XPeng will not sell cars in the United States before 2027.")))
    assert us["markets"] == ["US"]


def test_showcase_cue() -> None:
    sentence = "The SU7 sedan made an appearance at MWC 2024 in Barcelona."
    assert only(cues.showcase(clue(sentence))) == {
        "model": "SU7", "venue": "MWC 2024, Barcelona", "market": "ES",
    }  # fmt: skip


def test_launch_cue_past_and_planned() -> None:
    past = cues.launch(clue("Its first EV, the SU7 sedan, launched in 2024.", "Xiaomi"))
    assert only(past) == {
        "model": "SU7",
        "launched_on": "2024-12-31",
        "market": "CN",
        "status": "launched",
    }
    assert past[0].announced_on == date(2024, 12, 31)
    planned = cues.launch(clue("The P7+ will go on sale on July 9.", "XPeng"))
    assert only(planned)["launched_on"] == "2025-07-09"
    assert planned[0].announced_on is None
    assert cues.launch(clue("Tesla will launch the Model Y in India.", "Tesla")) == []


def test_expected_entry_cue() -> None:
    sentence = "Europe is expected to be high on the list when the time comes."
    assert only(cues.expected_entry(clue(sentence, "Xiaomi", horizon="2027"))) == {
        "market": "EUROPE", "expected": "2027",
    }  # fmt: skip
    soon = only(cues.expected_entry(clue("Tesla is planning to enter India later this year.")))
    assert soon == {"market": "IN", "expected": "2025"}
    month = only(cues.expected_entry(clue("Tesla plans to start sales in India next month.")))
    assert month == {"market": "IN", "expected": "2025-08"}  # published 2025-07-04
    factory = "The plant in Szeged, Hungary, is expected to start production in October."
    assert cues.expected_entry(clue(factory, "BYD")) == []


def test_statement_keeps_the_sentence() -> None:
    sentence = "Active hiring is underway for manufacturing and logistics roles."
    assert only(cues.statement(clue(sentence))) == {"topic": "hiring", "text": sentence}
    assert cues.statement(clue("What About Global Markets?")) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Lei Jun said the company delivered 28,000 cars.", "confirmed"),
        ("Xiaomi announced the SU7 launch.", "confirmed"),
        ("According to people familiar with the matter, BYD cut its goal.", "reported"),
        ("Tesla is reportedly planning to enter India.", "reported"),
        ("Operations are expected to begin within a month.", "expected"),
        ("NIO plans to bring the Firefly to Europe.", "expected"),
        ("The plant could open next year.", "expected"),
        ("The company locked in 240,000 confirmed orders.", "reported"),  # no source named
    ],
)
def test_certainty_from_the_wording(sentence: str, expected: str) -> None:
    draft = cues.Draft("statement", {})
    assert certainty(draft, figures.normalise(sentence))[0] == expected


def test_a_target_is_not_doubtful_for_being_a_plan() -> None:
    draft = cues.Draft("target", {}, planned=True)  # as the target cue makes it
    assert certainty(draft, "BYD said it plans to sell 5.5 million cars.")[0] == "confirmed"
    [drafted] = extract_drafts("BYD said it plans to sell 5.5 million cars in 2026.",
                               date(2025, 7, 4), company="BYD")  # fmt: skip
    assert (drafted["kind"], drafted["certainty"]) == ("target", "confirmed")


def test_a_partner_is_not_the_subject_and_models_may_have_a_space() -> None:
    text = "Its joint venture with Stellantis began selling the C10 in France."
    assert names.companies(text) == []
    assert [m.name for m in names.models("The VF 3 and the EV6 and the ID.4")] == [
        "VF 3", "EV6", "ID.4",
    ]  # fmt: skip
    found = cues.launch(clue(text, "Leapmotor"))
    assert only(found) == {"model": "C10", "market": "FR", "status": "launched"}


def test_factory_operations_to_begin_in_a_month() -> None:
    sentence = "Its factory in Thoothukudi, India, will begin operations in June."
    found = only(cues.factory(clue(sentence, "VinFast", site=None)))
    assert (found["site"], found["status"], found["effective_on"]) == (
        "Thoothukudi", "operational", "2026-06",
    )  # fmt: skip


def test_model_shapes_of_a_word_and_a_number() -> None:
    text = "The Ioniq 9, the Zeekr 7X and the 9X, not the 5G network or Q2"
    assert [m.name for m in names.models(text)] == ["Ioniq 9", "7X", "9X"]


def test_a_launch_told_in_the_past_beside_a_plan() -> None:
    from mxt.extract import extract_drafts

    sentence = "The Zeekr 7X, launched in Australia in June, will go on sale in Mexico in October."
    found = cues.launch(clue(sentence, "Zeekr"))
    assert [d.said for d in found] == [
        {"model": "7X", "launched_on": "2025-06-30", "market": "AU", "status": "launched"},
        {"model": "7X", "launched_on": "2025-10", "market": "MX", "status": "planned"},
    ]
    # The sentence is two clauses (a verb of its own after the aside): the launch that
    # happened is told apart from the plan, so it stays typed.
    drafts = [d for d in extract_drafts(sentence, PUBLISHED) if d["kind"] == "launch"]
    assert [(d["market"], d["launched_on"]) for d in drafts] == [
        ("AU", "2025-06-30"),
        ("MX", "2025-10"),
    ]  # fmt: skip (the plan's month as said, SPEC §5.2)


def test_a_denied_plan_is_no_expected_entry() -> None:
    assert cues.expected_entry(clue("It has no plans to enter the US market.", "Zeekr")) == []


def test_a_status_reached_in_the_past_is_dated_when_reached_not_due() -> None:
    sentence = "The company's new Metaplant in Georgia reached full production in January."
    found = only(cues.factory(clue(sentence, "Hyundai")))
    assert (found["site"], found["status"], found.get("effective_on")) == (
        "Georgia", "operational", "2025-01",
    )  # fmt: skip
    from mxt.extract import evidence

    assert evidence.reached(cues.factory(clue(sentence, "Hyundai"))[0])


def test_a_heading_that_repeats_the_body_is_dropped() -> None:
    from mxt.extract import extract_drafts

    text = (
        "Hyundai Says Ioniq 9 Orders Top 5,000\n\n"
        "Hyundai said customers placed more than 5,000 pre-orders for the Ioniq 9.\n"
    )
    drafts = extract_drafts(text, PUBLISHED)
    assert [(d["kind"], d["count"], d["source"]["quote"][:7]) for d in drafts] == [
        ("orders", 5000, "Hyundai")
    ]
    assert drafts[0]["stage"] == "pre-booking" and drafts[0]["bound"] == "at-least"


def test_two_verbs_two_figures_and_the_quarter_ending_in_a_month() -> None:
    sentence = (
        "Rivian produced 10,720 vehicles and delivered 13,201 in the three months to September."
    )
    found = cues.deliveries(clue(sentence, "Rivian"))
    # Published in July 2025, the last quarter ended in September is 2024's third.
    assert [d.said for d in found] == [
        {"period": "2024-Q3", "units": 10720, "metric": "production"},
        {"period": "2024-Q3", "units": 13201},
    ]
    handed = only(cues.deliveries(clue("It handed over 17,626 cars in August.", "Zeekr")))
    assert (handed["units"], handed.get("bound")) == (17626, None)


def test_brand_named_models_owners_and_an_earlier_range() -> None:
    assert [m.name for m in names.models("The Polestar 4 and the R1S")] == ["Polestar 4", "R1S"]
    text = "The company, which is controlled by Geely, expects to reach sales of 30,000 cars."
    assert names.companies(text) == []
    found = only(cues.target(clue("It now expects to deliver 41,500 to 43,500 cars in 2025, "
                                  "narrowing an earlier range of 40,000 to 46,000.")))  # fmt: skip
    assert (found["value"], found["high"], found["previous"], found["previous_high"]) == (
        41500, 43500, 40000, 46000,
    )  # fmt: skip


def test_round_five_cues() -> None:
    shown = cues.showcase(clue("BMW presented the new iX3 at the IAA Mobility show in Munich."))
    assert only(shown) == {"model": "iX3", "venue": "IAA Mobility, Munich", "market": "DE"}
    assert [m.name for m in names.models("the Tiggo 9, the Jaecoo 7, Phase 2, Within 18")] == [
        "Tiggo 9", "Jaecoo 7",
    ]  # fmt: skip
    sentence = "Chery launched the Tiggo 9 in Australia in May and expects sales in the UK soon."
    assert only(cues.launch(clue(sentence, "Chery")))["market"] == "AU"
    # A plan not yet firm ("plans to launch") is an expected entry; a firm one ("will go on
    # sale") a planned launch.
    plan = "BMW plans to launch the iX3 in China in 2026, built at its Shenyang plant."
    assert cues.launch(clue(plan, "BMW")) == []
    assert only(cues.expected_entry(clue(plan, "BMW"))) == {
        "market": "CN", "expected": "2026", "model": "iX3",
    }  # fmt: skip
    same = cues.deliveries(clue("Total sales for the month came to 224,000.", period="2025-07"))
    assert only(same) == {"period": "2025-07", "units": 224000, "metric": "sales"}


def test_round_six_cues() -> None:
    sentence = (
        "Kia will begin European deliveries of the EV4 in July, the automaker said, after "
        "building the first cars at its Zilina plant in Slovakia in May."
    )
    assert only(cues.launch(clue(sentence, "Kia"))) == {
        "model": "EV4", "launched_on": "2025-07", "status": "planned", "market": "EUROPE",
    }  # fmt: skip
    plant = only(cues.factory(clue(sentence, "Kia")))
    assert (plant["site"], plant["status"], plant.get("effective_on")) == (
        "Zilina", "operational", "2025-05",
    )  # fmt: skip
    on_sale = cues.launch(clue("The EV3 has been on sale in Australia since January.", "Kia"))
    assert only(on_sale) == {
        "model": "EV3",
        "launched_on": "2025-01-31",
        "market": "AU",
        "status": "launched",
    }
    weighing = cues.expected_entry(clue("It is weighing a return to the European market.", "BYD"))
    assert only(weighing)["market"] == "EUROPE"
    carried = only(cues.deliveries(clue("Total sales rose 9% to 132,000 units.", period="2025-10")))
    assert (carried["period"], carried["units"]) == ("2025-10", 132000)


def test_round_seven_cues() -> None:
    text = "the electric CLA, the G 580, its bZ3X, the VF 3 and the new SUV from the EU"
    assert [m.name for m in names.models(text)] == ["CLA", "G 580", "bZ3X", "VF 3"]
    sentence = (
        "Mercedes-Benz delivered 441,500 cars in the third quarter, down 12%, with sales in "
        "China falling 27% to 125,100 units."
    )
    found = cues.deliveries(clue(sentence, "Mercedes-Benz"))
    assert [(d.fields["units"], d.fields.get("markets")) for d in found] == [
        (441500, None), (125100, ["CN"]),
    ]  # fmt: skip
    began = "It opened orders for the electric CLA in Germany, and deliveries there began in June."
    assert only(cues.launch(clue(began, "Mercedes-Benz")))["market"] == "DE"
    reach = "The all-electric GLC will reach European dealers early next year."
    assert only(cues.expected_entry(clue(reach, "Mercedes-Benz"))) == {
        "market": "EUROPE", "expected": "2026", "model": "GLC",
    }  # fmt: skip
