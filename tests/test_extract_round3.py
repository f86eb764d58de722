"""Rules that generalise what round 3's first run got wrong or missed (issue 26, phase 4),
each tested on sentences written for these tests, not taken from the corpus: exits told
otherwise (at home, in the passive, with a reason), figures that are not the news, the
company and the model a clause is about."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from drafting import drafts_on

from mxt.events.announcements import parse_json_line
from mxt.extract import extract_drafts, figures, names, when
from mxt.extract.roles import hedged, role_of
from mxt.extract.sentences import split_clauses

PUBLISHED = date(2025, 9, 10)  # a Wednesday


drafts, typed = drafts_on(PUBLISHED)


def roles(sentence: str) -> list[tuple[int, str]]:
    return [(f.value, f.role) for f in figures.counts(figures.normalise(sentence), 100, every=True)]


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


# -- figures that are not the news -------------------------------------------------------


def test_a_clause_that_opens_on_a_time_back_counts_that_time() -> None:
    text = "Mazda sold 98,000 cars in August. A year earlier, Mazda had sold 91,500 cars."
    assert [(d["kind"], d["units"]) for d in typed(text)] == [("deliveries", 98000)]
    assert roles("In the same month last year, Subaru sold 50,000 cars.") == [(50000, "earlier")]
    # said in reported speech, the past perfect is the news
    assert roles("Subaru said it had sold 50,000 cars in August.") == [(50000, "count")]


def test_a_figure_in_a_when_clause_about_a_period_compared_with_is_that_periods() -> None:
    text = (
        "For the second quarter, Mazda sold 310,000 cars, up 4 per cent compared with the "
        "second quarter of 2024, when it sold 298,000 cars."
    )
    assert [d["units"] for d in typed(text)] == [310000]


def test_a_wait_changed_from_is_not_read_through_as_long_as() -> None:
    text = "Mazda says buyers of the CX-80 now wait up to 3 months, down from as long as 7 months."
    (found,) = typed(text)
    assert (found["kind"], found["max_months"]) == ("wait-time", 3)


def test_a_figure_heading_its_line_is_told_by_the_words_after_it() -> None:
    text = (
        "Mazda sold 98,000 cars in August.\n\n"
        "2.1 million: Japan's new-car sales in August, per the JADA estimate.\n\n"
        "40 million: plug-in vehicles on the world's roads, according to BNEF figures."
    )
    assert [(d["kind"], d["units"]) for d in typed(text)] == [("deliveries", 98000)]


def test_a_figure_of_two_companies_together_is_neither_ones() -> None:
    assert (
        typed("Renault and Nissan together sold 300,000 cars in February.", date(2025, 3, 10)) == []
    )
    text = "Renault sold 150,000 cars in February, and Nissan sold 140,000."
    assert [(d["company"], d["units"]) for d in typed(text, date(2025, 3, 10))] == [
        ("Renault", 150000), ("Nissan", 140000),
    ]  # fmt: skip


# -- who and what a clause is about ------------------------------------------------------


def test_an_apposition_saying_whose_the_subject_is_names_no_actor() -> None:
    text = (
        "Audi, Volkswagen's premium brand, said its new plant in Hefei, west of Shanghai, "
        "will be completed in July."
    )
    (found,) = typed(text, date(2025, 3, 10))
    assert (found["kind"], found["company"], found["status"]) == ("factory", "Audi", "completed")


def test_a_model_named_in_a_relative_aside_is_not_the_one_the_clause_speaks_of() -> None:
    text = (
        "The Kia EV9, which will be built in Georgia along with the Kia EV6, will go on sale "
        "in Canada next month, Kia said."
    )
    (found,) = typed(text)
    assert (found["kind"], found["model"], found["market"]) == ("launch", "EV9", "CA")


def test_a_model_name_keeps_its_series_in_capitals_and_its_trim_badge() -> None:
    assert [m.name for m in names.models("Leapmotor said its NOVA C11 will go on sale")] == [
        "NOVA C11"
    ]
    assert [m.name for m in names.models("Cupra showed the Born VZ and the Z7 GT")] == ["Z7 GT"]
    # an acronym, a maker or a market before a code is not part of its name
    assert [m.name for m in names.models("the SUV X5 and the BYD M03")] == ["X5", "M03"]


# -- launches ----------------------------------------------------------------------------


def test_up_to_is_a_bound_not_a_plan_and_a_launch_is_dated_by_the_words_before_it() -> None:
    text = (
        "Buyers who ordered the Zeekr 7X after its July launch in China face waits of up to "
        "two months, Zeekr said."
    )
    launch = next(d for d in typed(text) if d["kind"] == "launch")
    assert (launch["model"], launch["market"], launch["status"]) == ("7X", "CN", "launched")
    assert launch["launched_on"].startswith("2025-07")
    # "to" that is not "up to" still plans
    (plan,) = [d for d in typed("The Zeekr 7X is to go on sale in Chile in October.")]
    assert (plan["status"], plan["launched_on"]) == ("planned", "2025-10")


# -- wordings ----------------------------------------------------------------------------


def test_may_with_a_capital_inside_a_sentence_is_the_month() -> None:
    (found,) = typed("Mazda said its May sales came to some 95,000 vehicles.", date(2025, 6, 2))
    assert (found["period"], found["units"], found["bound"]) == ("2025-05", 95000, "about")
    assert typed("May sales may rise to 95,000 vehicles, Mazda said.", date(2025, 6, 2)) == []


def test_not_starting_to_sell_before_a_date_is_a_policy() -> None:
    (found,) = typed("Xiaomi said it would not start selling cars outside China before 2027.")
    assert (found["kind"], found["except"], found["not_before"]) == ("policy", ["CN"], "2027-01-01")


def test_commercial_production_begun_is_a_plant_operational() -> None:
    text = "Mazda's new plant in Hofu, which began commercial production in March, employs 900."
    (found,) = typed(text)
    assert (found["kind"], found["site"], found["status"]) == ("factory", "Hofu", "operational")
    assert found["effective_on"] == "2025-03"


def test_a_plants_old_plan_told_in_the_past_perfect_is_no_plan() -> None:
    text = (
        "Mazda's plant in Hofu had been scheduled to start production in October. "
        "Production there is now expected to begin in March 2026."
    )
    assert [(d["status"], d["effective_on"]) for d in typed(text)] == [("operational", "2026-03")]


# -- periods -----------------------------------------------------------------------------


def test_the_first_three_or_six_months_are_a_quarter_or_a_half_not_a_running_total() -> None:
    text = "Mazda delivered 310,000 vehicles in the first three months of the year."
    (found,) = typed(text, date(2025, 5, 12))
    assert (found["period"], found["units"]) == ("2025-Q1", 310000)
    assert when.period("sold 5000 in the 1st 6 months of 2024", date(2025, 5, 12), "past") == (
        "2024-H1", False,
    )  # fmt: skip
    # the first eight months are still a running total
    assert roles("Mazda sold 800,000 cars in the first eight months") == [(800000, "cumulative")]


def test_last_years_figure_names_no_period() -> None:
    text = "Mazda is targeting 1,300,000 sales in 2025, roughly level with last year's 1,250,000."
    assert when.period(figures.normalise(text), date(2025, 5, 12), "past") == ("2025", False)


def test_a_result_clause_bringing_a_total_is_a_clause_of_its_own() -> None:
    text = (
        "Mazda said it delivered 310,000 vehicles in the first quarter, bringing its total to "
        "1,200,000."
    )
    assert split_clauses(text)[-1] == "bringing its total to 1,200,000."
    (found,) = typed(text, date(2025, 4, 2))
    assert (found["units"], found["period"]) == (310000, "2025-Q1")


def test_a_figure_a_target_follows_is_the_earlier_one_and_gives_no_period() -> None:
    text = (
        "Mazda is targeting 1,400,000 sales in 2026, its chief said, after about 1,250,000 "
        "last year."
    )
    assert roles(text) == [(1400000, "count"), (1250000, "earlier")]
    (found,) = typed(text, date(2026, 1, 9))
    assert (found["kind"], found["value"], found["period"]) == ("target", 1400000, "2026")


def test_the_same_period_alone_is_the_period_just_named() -> None:
    assert roles("Mazda's sales rose 8 per cent to 545,000 in the same period.") == [
        (545000, "count")
    ]
    assert roles("Mazda sold 545,000 cars in the same period last year.") == [(545000, "earlier")]


def test_a_plain_name_sold_or_exhibited_is_a_model() -> None:
    assert "Mirage" in names.learned_models("Mitsubishi will start selling the revived Mirage in")
    assert "Vision" in names.learned_models("Audi will exhibit its six-wheeled Vision at the show")
    # a brand sold is no model
    assert "Fiat" not in names.learned_models("Stellantis is selling the Fiat brand in Brazil.")


def test_launch_wordings_deliveries_to_customers_scheduled_and_introduced_in_a_market() -> None:
    text = (
        "Q7 deliveries to Canadian customers are scheduled to begin in the first half of 2026, "
        "Audi said."
    )
    (found,) = typed(text)
    assert (found["model"], found["market"], found["status"], found["launched_on"]) == (
        "Q7", "CA", "planned", "2026-H1",
    )  # fmt: skip
    (found,) = typed(
        "The Audi Q6, on sale in Germany, will be introduced in Chile in the second quarter."
    )
    assert (found["model"], found["market"], found["launched_on"]) == ("Q6", "CL", "2026-Q2")
    # "introduced" without a market is no launch
    assert typed("Audi introduced a price cut on the Q6 in June.") == []


def test_a_trim_is_no_model() -> None:
    assert [m.name for m in names.models("Deliveries of Pack 3 variants and the XEV 9e")] == [
        "XEV 9e"
    ]


# -- factories ---------------------------------------------------------------------------


def test_a_start_of_production_moved_after_a_long_aside_is_a_plan_at_its_new_date() -> None:
    text = (
        "Series production at Mazda's first Mexican car plant in Salamanca, Guanajuato, "
        "originally planned for November this year, has been pushed back to the second quarter "
        "of 2026, two people said."
    )
    (found,) = typed(text)
    assert (found["kind"], found["status"], found["effective_on"]) == (
        "factory", "operational", "2026-Q2",
    )  # fmt: skip
    assert found["site"] == "Salamanca"  # (not "Mazda", the owner of "Mazda's … plant")


def test_a_plant_the_text_does_not_name_is_the_one_it_names_when_it_tells_the_step_again() -> None:
    text = (
        "Mazda's exports rose in August, even as the start of production at its first Mexican "
        "plant has slipped into next year, two people said.\n\n"
        "Production at the plant in Salamanca, which Mazda had said would begin in November, has "
        "been pushed back to the second quarter of 2026, they said."
    )
    assert [(d["site"], d["effective_on"]) for d in typed(text) if d["kind"] == "factory"] == [
        ("Salamanca", "2026-Q2")
    ]


def test_a_halt_told_on_its_verb_has_its_plant_in_its_subject_and_its_denial_too() -> None:
    text = (
        "Mazda sales rose in June. Production at the Hofu plant in Yamaguchi, which builds the "
        "CX-5, will be halted for two weeks in August because of a parts shortage."
    )
    (found,) = typed(text, date(2025, 7, 17))
    assert (found["kind"], found["site"], found["status"], found["effective_on"]) == (
        "factory", "Hofu", "paused", "2025-08",
    )  # fmt: skip
    denied = (
        "Mazda on Tuesday denied a report that construction of its plant in Salamanca, "
        "Guanajuato, had been halted."
    )
    assert typed(denied) == []


def test_assembly_that_ended_at_a_plant_is_its_closing() -> None:
    text = "Vehicle assembly at Mazda's Hofu plant in Yamaguchi ended in June, after 40 years."
    (found,) = typed(text)
    assert (found["kind"], found["site"], found["status"]) == ("factory", "Hofu", "closed")
    # the year's end is no plant's
    assert typed("Production at Mazda's Hofu plant ended the year 10% higher.") == []


def test_a_plain_word_brand_first_in_its_sentence_counts_when_an_apposition_names_it_a_brand() -> (
    None
):
    assert names.companies("Lotus, Geely's sports-car brand, will enter Japan in 2026") == ["Lotus"]
    assert names.companies("Smart, the group's city-car marque, sold 4,000 cars") == ["Smart"]
    # a plain word first in its sentence is not one
    assert names.companies("Genesis of the plan lies in 2019") == []
    assert names.companies("Smart buyers wait, the carmaker said") == []


def test_exits_worded_as_offering_stopped_or_a_brand_withdrawn() -> None:
    (found,) = typed("Mini will stop offering the Aceman in Canada from next year.")
    assert (found["kind"], found["company"], found["markets"], found["effective_on"]) == (
        "exit", "Mini", ["CA"], "2026",
    )  # fmt: skip
    (found,) = typed("The Lotus brand will be withdrawn from Norway in the first quarter of 2027.")
    assert (found["kind"], found["markets"], found["effective_on"]) == ("exit", ["NO"], "2027-Q1")
    # a plain-word brand first in its sentence, but no company's verb: no company
    assert names.companies("Mini cars sold well in Canada") == []


def test_the_new_wordings_keep_to_their_sense() -> None:
    # sales that stopped growing are no exit; a year production ended with is no closing; a
    # model introduced in a month is not brought to a market
    assert typed("Mazda's sales in Japan have stopped growing, the company said.") == []
    assert typed("Production at the Hofu plant ended 2024 with 300,000 cars, Mazda said.") == []
    assert typed("The Mazda CX-60 was introduced in January.") == []


def test_production_at_a_makers_own_named_plant_paused_is_the_makers() -> None:
    text = (
        "Production at Tesla's Gigafactory Texas in Austin, which builds the Cybertruck and the "
        "Lucid-rivalling Model Y, was paused on Monday and will stay down for a week."
    )
    (found,) = typed(text)
    assert (found["kind"], found["company"], found["site"], found["status"]) == (
        "factory", "Tesla", "Gigafactory Texas", "paused",
    )  # fmt: skip
    # a plant's name in words is kept as written
    (found,) = typed("Production at GM's Factory Zero, which builds the Hummer EV, was paused.")
    assert (found["company"], found["site"]) == ("General Motors", "Factory Zero")
    # another maker's plant that builds a model is still its host: "at Magna's plant"
    assert names.companies("BMW builds the Z4 at Magna's plant in Graz") == ["BMW"]


def test_a_name_and_concept_is_a_concept_car_without_its_maker() -> None:
    assert [m.name for m in names.models("Mazda will exhibit a two-seat Iconic SP Concept")] == [
        "Iconic SP Concept"
    ]
    assert [m.name for m in names.models("the Mazda RX Concept and the Concept itself")] == [
        "RX Concept"
    ]
    text = "Mazda will exhibit a rotary RX Vision Concept at the Japan Mobility Show in Tokyo."
    (found,) = typed(text)
    assert (found["kind"], found["model"], found["market"]) == (
        "showcase",
        "RX Vision Concept",
        "JP",
    )


# -- found on news texts written for the purpose (not in the corpus) ---------------------


def test_a_verb_after_a_relative_aside_opens_the_main_clause() -> None:
    text = "Mazda, which sold 98,000 cars last month, plans to enter Chile next year."
    found = typed(text, date(2025, 11, 1))
    assert [(d["kind"], d.get("units") or d.get("market")) for d in found] == [
        ("deliveries", 98000), ("expected-entry", "CL"),
    ]  # fmt: skip


def test_an_apposition_naming_whose_affiliate_the_subject_is_names_no_actor() -> None:
    text = "The carmaker, an affiliate of Hyundai Motor, said it aims to sell 3.2 million vehicles."
    assert names.companies(figures.normalise(text)) == []


def test_a_targets_period_is_not_that_of_what_it_is_compared_with() -> None:
    text = (
        "Kia said it still aims to sell 3.2 million vehicles this year, unchanged from its "
        "January forecast."
    )
    (found,) = typed(text, date(2025, 10, 8))
    assert (found["kind"], found["value"], found["period"]) == ("target", 3200000, "2025")


def test_next_month_is_a_month_as_said() -> None:
    (found,) = typed("Kia said the PV5 van goes on sale in Chile next month.", date(2025, 11, 1))
    assert (found["model"], found["launched_on"]) == ("PV5", "2025-12")


def test_a_plant_the_clause_introduces_borrows_no_site_nor_market() -> None:
    text = (
        "Hyundai said its Ulsan EV plant would start production in the first quarter of 2026, "
        "while construction of a new plant in Saudi Arabia began in May."
    )
    plants = [(d["site"], d["status"], d.get("market")) for d in typed(text, date(2025, 10, 8))]
    assert plants == [
        ("Ulsan EV", "operational", None), ("Hyundai plant", "under-construction", "SA"),
    ]  # fmt: skip


def test_a_plain_word_brand_first_with_an_interjection_before_its_verb() -> None:
    text = (
        "Kia sold more.\n\nGenesis, meanwhile, has halted sales of the GV60 in Chile pending "
        "a recall."
    )
    exits = [d for d in typed(text) if d["kind"] == "exit"]
    assert [(d["company"], d["markets"], d["model"]) for d in exits] == [
        ("Genesis", ["CL"], "GV60")
    ]


def test_only_a_country_names_no_site() -> None:
    assert names.only_a_country("Saudi Arabia") and names.only_a_country("Thailand")
    # a US state as well as a country, a province, a city: a site
    assert not names.only_a_country("Georgia") and not names.only_a_country("Bahia")


def test_a_plain_name_booked_or_counted_in_units_is_a_model() -> None:
    text = (
        "Mahindra sold more.\n\nCustomers booking the Bolero Neo now face waits of up to 9 months."
    )
    (found,) = typed(text)
    assert (found["kind"], found["model"], found["max_months"]) == ("wait-time", "Bolero Neo", 9)
    text = "Toyota Kirloskar Motor said it had sold 12,000 units of the Innova Hycross in October."
    (found,) = typed(text, date(2025, 11, 2))
    assert (found["units"], found["model"]) == (12000, "Innova Hycross")


def test_not_before_a_date_far_from_its_verb_is_a_delay_not_a_denial() -> None:
    text = (
        "Hyundai Motor India is not expected to begin production at its new Talegaon plant "
        "before the second half of 2026."
    )
    assert not role_of(text).denial and role_of(text).delay
    (found,) = typed(text, date(2025, 11, 2))
    assert (found["site"], found["status"], found["effective_on"]) == (
        "Talegaon", "operational", "2026-H2",
    )  # fmt: skip


def test_deliveries_to_begin_are_a_plan() -> None:
    text = (
        "Zeekr opened orders for the 7X in Chile on Tuesday, with deliveries to begin in December."
    )
    (found,) = typed(text, date(2025, 11, 4))
    assert (found["model"], found["market"], found["status"], found["launched_on"]) == (
        "7X", "CL", "planned", "2025-12",
    )  # fmt: skip


def test_a_streaks_bar_follows_a_bar_word_and_the_months_count_stands() -> None:
    text = (
        "Nio delivered a record 40,397 vehicles in October, its third straight month above 30,000."
    )
    assert roles(text) == [(40397, "count"), (30000, "threshold")]
    assert roles("Deliveries topped 20,000 for the eighth straight month.") == [
        (20000, "threshold")
    ]


def test_a_running_total_told_anywhere_before_the_figure_in_its_clause() -> None:
    assert roles("Year-to-date retail sales of the brand reached around 44,482 cars.") == [
        (44482, "cumulative")
    ]


def test_in_the_month_is_the_month_named_before_not_another_clauses_date() -> None:
    text = (
        "Mazda sold 98,000 vehicles in September. Its unit plans to open a plant in Chile by "
        "the end of 2026, while its Thai arm exported 12,000 units in the month."
    )
    counts = [(d["units"], d["period"]) for d in typed(text, date(2025, 10, 16))]
    assert counts == [(98000, "2025-09"), (12000, "2025-09")]


def test_a_reason_or_a_global_figure_gives_no_market_scope() -> None:
    text = (
        "Mazda said it would cut its full-year global production forecast to 1.1 million "
        "vehicles from 1.2 million, citing weaker demand in China."
    )
    (found,) = typed(text, date(2025, 10, 16))
    assert (found["kind"], found["value"], found["previous"]) == ("target", 1100000, 1200000)
    assert "markets" not in found


def test_a_running_total_leaves_no_period_for_the_same_period_after_it() -> None:
    text = (
        "Cupra sold around 250,000 cars in the first nine months, including 30,000 in "
        "September. Skoda delivered 600,000 vehicles in the same period."
    )
    assert typed(text, date(2025, 10, 31)) == []


def test_next_and_last_with_a_month_name_its_direction() -> None:
    published = date(2025, 10, 31)
    assert when.period("presented at the show next September", published, "past") == (
        "2026-09", False,
    )  # fmt: skip
    assert when.period("on sale since last September", published, "future") == ("2025-09", False)


def test_a_plant_to_idle_is_a_pause_planned_in_its_citys_country() -> None:
    text = "Stellantis said it would idle its Poissy plant near Paris for three weeks in December."
    (found,) = typed(text, date(2025, 10, 31))
    assert (found["site"], found["status"], found["effective_on"], found["market"]) == (
        "Poissy", "paused", "2025-12", "FR",
    )  # fmt: skip


def test_the_weekday_a_sentence_dates_its_news_by_dates_each_of_its_clauses() -> None:
    text = (
        "Mazda on Monday reported record exports of 17,500 units in November, while domestic "
        "sales stood at 48,000 units."
    )
    assert [d["announced_on"] for d in typed(text, date(2025, 12, 2))] == ["2025-12-01"] * 2
    # a day that dates another event is not the news's day
    text = "Mazda launched the CX-80 in Chile on November 27, and sold 48,000 units in November."
    dates = {d["kind"]: d["announced_on"] for d in typed(text, date(2025, 12, 2))}
    assert dates["deliveries"] == "2025-12-02"


def test_a_count_crossed_is_a_floor_and_a_first_vehicle_rolled_out_is_a_start() -> None:
    (found,) = typed("Mazda said bookings for the CX-80 had crossed 50,000.")
    assert (found["count"], found["bound"]) == (50000, "at-least")
    text = (
        "Mazda plans to roll out the first vehicle from its Hofu plant in the first quarter of "
        "2026."
    )
    (found,) = typed(text)
    assert (found["site"], found["status"], found["effective_on"]) == (
        "Hofu", "operational", "2026-Q1",
    )  # fmt: skip


def test_the_quarter_is_no_month_named_before() -> None:
    text = (
        "Ford will cut Lightning output starting in October. Ford sold 545,522 vehicles in the "
        "U.S. in the quarter."
    )
    assert [d for d in typed(text, date(2025, 10, 3)) if d["kind"] == "deliveries"] == []


def test_a_home_market_named_is_the_figures_scope() -> None:
    (found,) = typed("Mazda sold 40,000 vehicles in Japan in September.", date(2025, 10, 3))
    assert found["markets"] == ["JP"]
    (found,) = typed("Mazda sold 40,000 vehicles worldwide in September.", date(2025, 10, 3))
    assert "markets" not in found
    # a country in the company's name is no scope
    (found,) = typed("Hyundai Motor India sold 60,000 units in September.", date(2025, 10, 3))
    assert "markets" not in found


def test_a_start_of_production_pushed_back_to_mid_year_and_a_state_named_like_a_country() -> None:
    text = (
        "General Motors said it would push back the start of truck production at its Orion "
        "Assembly plant in Michigan to mid-2027 from late 2026."
    )
    (found,) = typed(text, date(2025, 10, 3))
    assert (found["site"], found["status"], found["effective_on"]) == (
        "Orion Assembly", "operational", "2027",
    )  # fmt: skip
    text = "Rivian said construction of its Georgia plant will resume in 2026."
    (found,) = typed(text, date(2025, 10, 3))
    assert (found["site"], found["market"]) == ("Georgia", "US")


# -- round 4's misses, read after its one first run (its headline stays that run) --------


def test_factory_halts_worded_otherwise() -> None:
    published = date(2025, 10, 8)
    cases = {
        # a comment in apposition holds no delay of the halt
        "Mazda said it would halt production at its Hofu factory for three weeks this month, "
        "the latest sign of strain in a market that has yet to recover.": ("Hofu", "2025-10"),
        # production at a named place, stopped in the passive
        "Mazda said production at Hofu will be stopped for eight days in November because "
        "of weak demand.": ("Hofu", "2025-11"),
        # a plant shut for a span is paused, not closed
        "Mazda will shut its Hofu factory for several weeks in November to retool.": (
            "Hofu", "2025-11",
        ),
    }  # fmt: skip
    for text, (site, when_) in cases.items():
        (found,) = typed(text, published)
        assert (found["site"], found["status"], found.get("effective_on")) == (
            site, "paused", when_,
        ), text  # fmt: skip
    text = (
        "Mazda will build the CX-5 at Hofu rather than at its plant in Georgia, where "
        "construction has been paused."
    )
    halted = [d for d in typed(text, published) if d["kind"] == "factory"]
    assert [(d["site"], d["status"]) for d in halted] == [("Georgia", "paused")]
    (held,) = typed("Mazda has put on hold plans for a factory in Goias, two people said.")
    assert (held["site"], held["status"]) == ("Goias", "paused")


def test_a_phase_pushed_back_is_its_start_planned_at_the_new_date() -> None:
    text = (
        "Phase 2, which will take the Hofu plant's capacity to 250,000 units a year, has been "
        "pushed back to the second half of 2026 from the first quarter, Mazda said."
    )
    (found,) = typed(text, date(2026, 4, 2))
    assert (found["phase"], found["status"], found["effective_on"]) == (2, "operational", "2026-H2")


def test_an_owner_as_an_adjective_a_distributor_and_a_brand_word_ending_a_name() -> None:
    assert names.companies("after the Geely-backed carmaker said Polestar sold 5,000 cars") == [
        "Polestar"
    ]
    assert names.companies("Zeekr, the brand distributed by Inchcape, sold 800 cars") == ["Zeekr"]
    # "the Dolphin Mini" is a model, not the Mini brand; "Mini" alone still is
    assert names.companies("Buyers of the Dolphin Mini wait up to four months") == []
    assert names.companies("Mini sold 5,000 cars") == ["Mini"]


def test_a_markets_figure_a_figure_measured_against_and_showrooms() -> None:
    text = "Registrations showed the Spanish market up 3 percent at just under 90,000 cars."
    assert typed(text, date(2025, 10, 8)) == []
    text = (
        "Mazda delivered 13,588 vehicles in the third quarter, a touch below the 13,972 expected."
    )
    assert roles(text) == [(13588, "count"), (13972, "earlier")]
    (found,) = typed("The Mazda CX-80 is due in UK showrooms in the second half of 2026.")
    assert (found["model"], found["market"], found["status"], found["launched_on"]) == (
        "CX-80", "GB", "planned", "2026-H2",
    )  # fmt: skip


def test_a_model_name_keeps_its_number_powertrain_and_body() -> None:
    found = names.models("BYD began selling the Seal 6 DM-i Touring in Hungary")
    assert [m.name for m in found] == ["Seal 6 DM-i Touring"]


def test_a_model_named_as_a_likeness_is_not_the_one_spoken_of() -> None:
    found = names.models("the CX-80, built on the same platform as the Mazda CX-60, and the MX-30")
    assert [m.name for m in found] == ["CX-80", "MX-30"]
    assert [m.name for m in names.models("a hatchback like the Model Y")] == []


def test_a_model_shown_told_as_a_participle_or_a_purpose() -> None:
    text = (
        "Mazda brought three cars to IAA Mobility in Munich.\n\n"
        "Mazda answered with the electric CX-60, shown at the show with a bigger battery."
    )
    (found,) = typed(text)
    assert (found["kind"], found["model"], found["venue"]) == (
        "showcase", "CX-60", "IAA Mobility, Munich",
    )  # fmt: skip
    text = "Mazda brought cars to IAA Mobility in Munich. It used the show to display the CX-60."
    assert [d["model"] for d in typed(text) if d["kind"] == "showcase"] == ["CX-60"]
