"""`progress` rules (docs/concepts.md, Progress) on plain facts: periods, bounds, counting without
double counting, the pace and the monthly rate still needed."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from conftest import make_fact

from mxt.events.kinds import Scope, Span, sum_bound
from mxt.projections.rules.figures import Amount, total
from mxt.projections.rules.periods import month_before, months_ending, parse_period
from mxt.projections.rules.progress import ActualFact, TargetFact, progress, progress_row
from mxt.projections.rules.records import to_json

OVERSEAS = Scope.of({"markets": ["*"], "except": ["CN"]})  # every market but China


def target(value: int, period: str = "2025", **extra: Any) -> TargetFact:
    return make_fact(TargetFact, Amount(value), **{"period": period, **extra})  # type: ignore[no-any-return]


def actual(period: str, units: int, bound: str = "exact", **extra: Any) -> ActualFact:
    fact_id = f"d-{period}-{extra.get('model') or 'all'}-{extra.get('metric', 'deliveries')}"
    figure = Amount(units, bound)  # type: ignore[arg-type]
    return make_fact(ActualFact, figure, **{"id": fact_id, "period": period, **extra})  # type: ignore[no-any-return]


def row(goal: TargetFact, *facts: ActualFact, as_of: str = "2026-01-01") -> dict[str, Any]:
    """The progress row of one target, as its JSON has it."""
    found: dict[str, Any] = to_json(progress_row(goal, facts, as_of))
    return found


# -- periods --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last", "days"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31), 365),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), 366),
        ("2025-H2", date(2025, 7, 1), date(2025, 12, 31), 184),
        ("2025-Q1", date(2025, 1, 1), date(2025, 3, 31), 90),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), 29),
    ],
)
def test_a_period_spans_its_days(text: str, first: date, last: date, days: int) -> None:
    period = parse_period(text)
    assert (period.first, period.last, period.days) == (first, last, days)


def test_periods_nest_and_split_one_level_down() -> None:
    year = parse_period("2025")
    assert [p.text for p in year.parts()] == ["2025-H1", "2025-H2"]
    assert [p.text for p in parse_period("2025-H2").parts()] == ["2025-Q3", "2025-Q4"]
    assert [p.text for p in parse_period("2025-Q2").parts()] == ["2025-04", "2025-05", "2025-06"]
    assert parse_period("2025-06").parts() == ()
    assert year.contains(parse_period("2025-Q3"))
    assert not parse_period("2025-Q3").contains(year)
    assert not year.contains(parse_period("2024-12"))


def test_whole_months_left_after_a_day() -> None:
    year = parse_period("2025")
    assert year.months_after(date(2024, 12, 31)) == 12
    assert year.months_after(date(2025, 6, 30)) == 6
    assert year.months_after(date(2025, 6, 15)) == 6
    assert year.months_after(date(2025, 12, 31)) == 0


def test_month_arithmetic_crosses_years() -> None:
    assert month_before("2025-01") == "2024-12"
    assert months_ending("2025-02", 4) == ("2024-11", "2024-12", "2025-01", "2025-02")


def test_a_bad_period_is_refused() -> None:
    with pytest.raises(ValueError, match="not a period"):
        parse_period("2025-Q5")


# -- bounds ---------------------------------------------------------------------------------


def test_each_bound_stands_for_its_range() -> None:
    assert Amount(100).span == Span(Fraction(100), Fraction(100))
    assert Amount(100, "at-least").span == Span(Fraction(100), None)
    assert Amount(100, "at-most").span == Span(Fraction(0), Fraction(100))
    assert Amount(100, "about").span == Span(Fraction(95), Fraction(105))
    assert Amount(100, "range", 120).span == Span(Fraction(100), Fraction(120))


def test_bounds_count_honestly() -> None:
    assert Amount(25_000, "at-least").span.reaches(20_000) is True
    assert Amount(21_000, "about").span.reaches(20_000) is None
    assert Amount(22_000, "about").span.reaches(20_000) is True  # 20,900 at the lowest
    assert Amount(19_500, "about").span.reaches(20_000) is None  # 20,475 at the highest
    assert Amount(19_000, "about").span.reaches(20_000) is False  # 19,950 at the highest
    assert Amount(19_999).span.reaches(20_000) is False
    assert Amount(30_000, "at-most").span.reaches(20_000) is None
    assert Amount(10_000, "at-most").span.stays_within(20_000) is True
    assert Amount(10_000, "at-least").span.stays_within(20_000) is None
    assert Amount(10_000).span.equals(10_000) is True
    assert Amount(10_000, "about").span.equals(10_000) is None
    assert Amount(10_000, "about").span.equals(12_000) is False


def test_sums_take_the_loosest_bound() -> None:
    assert sum_bound(["exact", "exact"]) == "exact"
    assert sum_bound(["exact", "at-least"]) == "at-least"
    assert sum_bound(["at-most", "exact"]) == "at-most"
    assert sum_bound(["at-most", "at-least"]) == "about"
    assert sum_bound(["exact", "range"]) == "about"
    figure, span = total([Amount(25_000, "at-least"), Amount(28_000, "at-least")])
    assert figure == Amount(53_000, "at-least") and span.high is None
    figure, span = total([Amount(100), Amount(100, "range", 200)])
    assert figure == Amount(250, "about") and span == Span(Fraction(200), Fraction(300))


def test_figures_show_their_bound() -> None:
    shown = [Amount(200_000, "at-least"), Amount(1_000_000, "at-most"), Amount(28_000, "about")]
    assert [f.shown() for f in shown] == ["200,000+", "≤1,000,000", "~28,000"]
    assert Amount(38_500, "range", 39_500).shown() == "38,500–39,500"


# -- counting without double counting -------------------------------------------------------


def test_a_year_figure_wins_over_its_quarters_and_months() -> None:
    counted = row(target(100_000), actual("2025", 90_000), actual("2025-Q1", 20_000),
                  actual("2025-01", 7_000))  # fmt: skip
    assert (counted["actual"], counted["sources"]) == (90_000, ["d-2025-all-deliveries"])
    assert counted["covered_until"] == "2025-12-31"


def test_a_quarter_wins_over_its_months_and_months_fill_the_rest() -> None:
    counted = row(
        target(100_000),
        actual("2025-Q1", 20_000),
        actual("2025-01", 5_000),
        actual("2025-02", 6_000),
        actual("2025-04", 8_000),
        actual("2025-05", 9_000),
    )
    assert counted["actual"] == 37_000
    assert counted["sources"] == [
        "d-2025-Q1-all-deliveries",
        "d-2025-04-all-deliveries",
        "d-2025-05-all-deliveries",
    ]
    assert counted["covered_until"] == "2025-05-31"
    assert counted["actual_bound"] == "exact"


def test_a_half_year_counts_once() -> None:
    counted = row(target(100_000), actual("2025-H1", 50_000), actual("2025-Q2", 30_000),
                  actual("2025-07", 9_000))  # fmt: skip
    assert counted["actual"] == 59_000
    assert counted["covered_until"] == "2025-07-31"


def test_model_figures_count_only_where_the_company_total_is_absent() -> None:
    counted = row(
        target(100_000),
        actual("2025-01", 10_000),
        actual("2025-01", 6_000, model="su7"),
        actual("2025-02", 4_000, model="su7"),
        actual("2025-02", 3_000, model="yu7"),
    )
    assert counted["actual"] == 17_000
    assert counted["sources"] == [
        "d-2025-01-all-deliveries",
        "d-2025-02-su7-deliveries",
        "d-2025-02-yu7-deliveries",
    ]


def test_a_model_quarter_counts_once_over_its_months() -> None:
    counted = row(target(100_000), actual("2025-Q1", 30_000, model="su7"),
                  actual("2025-02", 9_000, model="su7"))  # fmt: skip
    assert counted["actual"] == 30_000


def test_the_scope_is_respected() -> None:
    overseas = OVERSEAS
    counted = row(
        target(10_000, scope=overseas),
        actual("2025-01", 50_000),
        actual("2025-01", 1_000, scope=overseas),
        actual("2025-02", 2_000, scope=OVERSEAS),
        actual("2025-03", 9_000, scope=Scope.of({"markets": ["DE"]})),
    )
    assert counted["actual"] == 3_000
    assert (counted["markets"], counted["except"]) == (["*"], ["CN"])
    assert Scope.of({"markets": ["*"]}) == Scope() and Scope.of(
        {"markets": ["DE", "FR"]}
    ) == Scope.of({"markets": ["FR", "DE"]})


def test_figures_outside_the_period_do_not_count() -> None:
    counted = row(target(100_000, period="2025-H1"), actual("2024-12", 9_000),
                  actual("2025-06", 8_000), actual("2025-07", 7_000))  # fmt: skip
    assert counted["actual"] == 8_000


def test_only_the_stand_ins_measure_a_metric_without_figures() -> None:
    # SPEC 5.3: sales <- deliveries <- retail <- registrations; production <- none
    goal = target(300_000, metric="production")
    counted = row(goal, actual("2025-01", 20_000))
    assert (counted["actual"], counted["actual_metric"], counted["pace"]) == (None, None, "unknown")
    counted = row(goal, actual("2025-01", 20_000), actual("2025-01", 25_000, metric="production"))
    assert (counted["actual"], counted["actual_metric"]) == (25_000, "production")
    sales = target(300_000, metric="sales")
    counted = row(sales, actual("2025-01", 7, metric="registrations"))
    assert (counted["actual"], counted["actual_metric"]) == (7, "registrations")
    counted = row(sales, actual("2025-01", 7, metric="registrations"), actual("2025-01", 9))
    assert (counted["actual"], counted["actual_metric"]) == (9, "deliveries")  # the nearest
    counted = row(target(300_000), actual("2025-01", 9, metric="sales"))
    assert counted["pace"] == "unknown"  # sales never stand in for deliveries
    counted = row(target(300_000, metric="exports"), actual("2025-01", 9, metric="sales"))
    assert counted["pace"] == "unknown"  # nor overseas sales for exports
    assert (
        row(target(300_000, metric="sales"), actual("2025-01", 1, metric="production"))["pace"]
        == "unknown"
    )


def test_bounds_travel_into_the_sum_and_a_missing_month_makes_it_at_least() -> None:
    counted = row(target(100_000), actual("2025-01", 25_000, "at-least"), actual("2025-02", 30_000))
    assert (counted["actual"], counted["actual_bound"]) == (55_000, "at-least")
    gap = row(target(100_000), actual("2025-01", 10_000), actual("2025-03", 10_000))
    assert (gap["actual"], gap["actual_bound"], gap["covered_until"]) == (
        20_000,
        "at-least",
        "2025-03-31",
    )
    rough = row(target(100_000), actual("2025-01", 10_000, "about"), actual("2025-02", 1))
    assert rough["actual_bound"] == "about"


# -- the answer -----------------------------------------------------------------------------


def test_share_elapsed_needed_and_pace() -> None:
    months = [actual(f"2025-{m:02d}", 25_000) for m in range(1, 7)]
    counted = row(target(350_000), *months)
    assert counted["actual"] == 150_000
    assert counted["share_pct"] == 42.86
    assert counted["elapsed_pct"] == round(181 * 100 / 365, 2) == 49.59
    assert counted["needed_per_month"] == round(200_000 / 6, 2)
    assert counted["pace"] == "behind"
    assert row(target(300_000), *months)["pace"] == "on-track"  # 50 % against 49.59 %
    assert row(target(250_000), *months)["pace"] == "ahead"  # 60 %


def test_five_points_apart_exactly_is_on_track() -> None:
    """SPEC §8: "within 5 points is on-track", counted on the hundredths shown: 27.88 %
    against 32.88 % (January to April of 2025) is 5 points exactly, although in floating
    point 32.88 - 5 is 27.880000000000003 and 27.88 + 5 is below 32.88."""
    counted = row(target(10_000), actual("2025-Q1", 2_000), actual("2025-04", 788))
    assert (counted["share_pct"], counted["elapsed_pct"]) == (27.88, 32.88)
    assert counted["pace"] == "on-track"
    ahead = row(target(10_000), actual("2025-Q1", 3_000), actual("2025-04", 788))
    assert (ahead["share_pct"], ahead["elapsed_pct"]) == (37.88, 32.88)
    assert ahead["pace"] == "on-track"
    assert row(target(10_000), actual("2025-Q1", 2_000), actual("2025-04", 787))["pace"] == (
        "behind"
    )


def test_needed_per_month_at_the_edges_of_the_period() -> None:
    first = row(target(120_000), actual("2025-01", 10_000))
    assert first["needed_per_month"] == 10_000  # 110,000 over 11 months
    last = row(target(120_000), actual("2025-12", 10_000))
    assert last["needed_per_month"] is None  # no month left
    assert last["covered_until"] == "2025-12-31" and last["elapsed_pct"] == 100
    assert last["pace"] == "behind"
    met = row(target(10_000), actual("2025-01", 10_000))
    assert (met["needed_per_month"], met["pace"]) == (None, "met")


def test_a_range_target_is_measured_against_its_low_end() -> None:
    guidance = target(38_500, period="2025-Q4", amount=Amount(38_500, "range", 39_500))
    counted = row(guidance, actual("2025-10", 13_000), actual("2025-11", 13_000))
    assert counted["target"] == 38_500
    assert (counted["target_bound"], counted["target_high"]) == ("range", 39_500)
    assert counted["needed_per_month"] == 12_500
    assert counted["share_pct"] == round(26_000 * 100 / 38_500, 2)
    reached = row(guidance, actual("2025-Q4", 38_600))
    assert reached["pace"] == "met"


def test_an_about_actual_that_may_fall_short_is_not_met() -> None:
    counted = row(target(20_000, period="2025-01"), actual("2025-01", 21_000, "about"))
    assert counted["pace"] != "met"
    assert (
        row(target(20_000, period="2025-01"), actual("2025-01", 25_000, "at-least"))["pace"]
        == "met"
    )


def test_without_actuals_the_pace_is_unknown() -> None:
    counted = row(target(350_000))
    assert counted["pace"] == "unknown"
    assert counted["actual"] is None and counted["sources"] == []
    assert set(counted) == {
        "company", "metric", "period", "markets", "except", "target", "target_bound",
        "target_high", "target_id", "actual", "actual_bound", "actual_metric", "covered_until",
        "share_pct", "elapsed_pct", "needed_per_month", "pace", "sources",
    }  # fmt: skip


def test_only_what_was_announced_by_the_day_counts() -> None:
    late = actual("2025-01", 9_000, announced_on="2025-02-01")
    assert row(target(100_000), late, as_of="2025-01-31")["pace"] == "unknown"
    assert row(target(100_000), late, as_of="2025-02-01")["actual"] == 9_000


def test_the_best_evidence_in_a_slot_counts_not_the_latest_line() -> None:
    official = actual("2025-01", 9_000, id="official")
    rumour = actual("2025-01", 12_000, id="rumour", certainty="reported",
                    announced_on="2025-03-01")  # fmt: skip
    revised = actual("2025-01", 9_500, id="revised", announced_on="2025-02-01")
    counted = row(target(100_000), rumour, revised, official)
    assert (counted["actual"], counted["sources"]) == (9_500, ["revised"])


def test_the_target_in_force_is_chosen_per_slot() -> None:
    old = target(300_000, id="old")
    raised = target(350_000, id="raised", announced_on="2025-03-18")
    overseas = target(10_000, id="overseas", scope=OVERSEAS)
    rows = progress([raised, overseas, old], [actual("2025-01", 20_000)], "2025-03-01")
    assert [r.target_id for r in rows] == ["old", "overseas"]
    rows = progress([raised, overseas, old], [], "2025-04-01", period="2025")
    assert [r.target_id for r in rows] == ["raised", "overseas"]
    assert progress([raised], [], "2025-04-01", metric="sales") == []
