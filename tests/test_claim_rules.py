"""Claims (docs/concepts.md, Claims) on plain facts: every verdict of every claim type, honest
bounds, and a verdict that never depends on the order in which its evidence was recorded."""

from __future__ import annotations

from typing import Any

from conftest import examples, make_fact
from hypothesis import given, settings
from hypothesis import strategies as st

from mxt.events.kinds import Scope
from mxt.projections.rules.claims import Evidence, LaunchFact, check
from mxt.projections.rules.figures import Amount
from mxt.projections.rules.progress import ActualFact, TargetFact

STAMP = "2025-01-01T00:00:00"


def month(period: str, units: int, bound: str = "exact", **extra: Any) -> ActualFact:
    fact_id = f"{period}-{extra.get('model') or 'all'}"
    figure = Amount(units, bound)  # type: ignore[arg-type]
    defaults = {"id": fact_id, "announced_on": "2025-07-01", "recorded_at": STAMP}
    return make_fact(ActualFact, figure, **{**defaults, "period": period, **extra})  # type: ignore[no-any-return]


def streak(months: int = 3, ending: str = "2025-06", **extra: Any) -> dict[str, Any]:
    return {"type": "streak", "metric": "deliveries", "at_least": 20_000, "months": months,
            "ending": ending, **extra}  # fmt: skip


def verdict(claim: dict[str, Any], *facts: ActualFact, as_of: str = "2025-07-31") -> str:
    return check(claim, Evidence(actuals=facts), as_of).verdict


SPRING = (month("2025-03", 19_000), month("2025-04", 21_000), month("2025-05", 24_000),
          month("2025-06", 25_000, "at-least"))  # fmt: skip


# -- streak ---------------------------------------------------------------------------------


def test_a_streak_holds_when_every_month_reaches_the_threshold() -> None:
    answer = check(streak(3), Evidence(actuals=SPRING), "2025-07-31")
    assert answer.verdict == "holds"
    assert answer.evidence == ("2025-04-all", "2025-05-all", "2025-06-all")
    assert "2025-06: 25,000+" in answer.why


def test_a_streak_fails_by_a_month() -> None:
    answer = check(streak(4), Evidence(actuals=SPRING), "2025-07-31")
    assert answer.verdict == "fails"
    assert "2025-03: 19,000" in answer.why
    assert "2025-03-all" in answer.evidence


def test_an_exact_streak_needs_the_month_before_to_fall_short() -> None:
    assert verdict(streak(3, exact=True), *SPRING) == "holds"
    answer = check(streak(2, exact=True), Evidence(actuals=SPRING), "2025-07-31")
    assert answer.verdict == "fails"  # 2025-04 reached 20,000 too: a longer streak
    assert "2025-04: 21,000, the month before, also reached 20,000" in answer.why
    assert verdict(streak(4, exact=True), *SPRING) == "fails"


def test_a_missing_month_leaves_a_streak_undetermined() -> None:
    assert verdict(streak(3), *SPRING[2:]) == "undetermined"
    assert verdict(streak(3, exact=True), *SPRING[1:]) == "undetermined"
    answer = check(streak(3), Evidence(actuals=SPRING[2:]), "2025-07-31")
    assert "2025-04: not announced" in answer.why


def test_a_fail_outweighs_a_missing_month() -> None:
    assert verdict(streak(4), *SPRING[:1], *SPRING[2:]) == "fails"


def test_about_bounds_that_cannot_decide_leave_a_streak_undetermined() -> None:
    rough = (month("2025-05", 21_000, "about"), month("2025-06", 25_000, "at-least"))
    assert verdict(streak(2), *rough) == "undetermined"
    clear = (month("2025-05", 22_000, "about"), month("2025-06", 25_000))
    assert verdict(streak(2), *clear) == "holds"
    short = (month("2025-05", 19_000, "about"), month("2025-06", 25_000))
    assert verdict(streak(2), *short) == "fails"
    assert verdict(streak(1), month("2025-06", 30_000, "at-most")) == "undetermined"


def test_only_months_announced_by_the_claims_day_count() -> None:
    assert verdict(streak(3), *SPRING, as_of="2025-06-30") == "undetermined"


def test_a_model_streak_reads_the_models_figures() -> None:
    facts = (month("2025-05", 30_000), month("2025-05", 12_000, model="su7"),
             month("2025-06", 31_000), month("2025-06", 21_000, model="su7"))  # fmt: skip
    assert verdict(streak(2), *facts) == "holds"
    assert verdict(streak(2, model="SU7"), *facts) == "fails"
    assert verdict(streak(1, model="Su7"), *facts) == "holds"


def test_a_company_month_without_its_total_adds_up_its_models() -> None:
    facts = (month("2025-06", 12_000, model="su7"), month("2025-06", 9_000, model="yu7"))
    assert verdict(streak(1), *facts) == "holds"


def test_a_streak_reads_only_its_metric() -> None:
    made = month("2025-06", 30_000, metric="production")
    assert verdict(streak(1), made) == "undetermined"
    assert verdict(streak(1, metric="production"), made) == "holds"


# -- total ----------------------------------------------------------------------------------


def total_claim(op: str, value: int, period: str = "2025-H1") -> dict[str, Any]:
    return {"type": "total", "metric": "deliveries", "period": period, "op": op, "value": value}


def test_total_claims() -> None:
    facts = (month("2025-Q1", 60_000), month("2025-04", 20_000), month("2025-05", 20_000))
    assert verdict(total_claim(">=", 100_000), *facts) == "holds"
    assert verdict(total_claim(">=", 100_001), *facts) == "fails"
    assert verdict(total_claim("<=", 100_000), *facts) == "holds"
    assert verdict(total_claim("<=", 99_999), *facts) == "fails"
    assert verdict(total_claim("=", 100_000), *facts) == "holds"
    assert verdict(total_claim("=", 90_000), *facts) == "fails"
    answer = check(total_claim(">=", 1), Evidence(actuals=facts), "2025-07-31")
    assert answer.evidence == ("2025-Q1-all", "2025-04-all", "2025-05-all")
    assert "up to 2025-05-31" in answer.why


def test_total_claims_with_loose_bounds_or_gaps() -> None:
    loose = (month("2025-Q1", 60_000, "at-least"), month("2025-04", 20_000))
    assert verdict(total_claim(">=", 80_000), *loose) == "holds"
    assert verdict(total_claim("<=", 80_000), *loose) == "undetermined"
    assert verdict(total_claim("<=", 79_999), *loose) == "fails"
    gap = (month("2025-01", 20_000), month("2025-03", 20_000))
    assert verdict(total_claim(">=", 40_000), *gap) == "holds"
    assert verdict(total_claim("=", 40_000), *gap) == "undetermined"
    about = (month("2025-Q1", 60_000, "about"),)
    assert verdict(total_claim("=", 60_000), *about) == "undetermined"
    assert verdict(total_claim(">=", 60_000), *about) == "undetermined"
    assert verdict(total_claim(">=", 50_000), *about) == "holds"


def test_a_total_without_figures_is_undetermined() -> None:
    answer = check(total_claim(">=", 1), Evidence(), "2025-07-31")
    assert (answer.verdict, answer.evidence) == ("undetermined", ())


# -- target ---------------------------------------------------------------------------------


def goal(value: int, announced_on: str, **extra: Any) -> TargetFact:
    fields: dict[str, Any] = {
        "id": f"target-{value}",
        "announced_on": announced_on,
        "recorded_at": STAMP,
        "certainty": "confirmed",
        "company": "Acme",
        "metric": "production",
        "period": "2025",
        "amount": Amount(value),
        **extra,
    }
    return TargetFact(**fields)


def test_target_claims() -> None:
    claim = {"type": "target", "metric": "production", "period": "2025", "value": 350_000}
    history = Evidence(targets=(goal(300_000, "2024-12-31"), goal(350_000, "2025-03-18")))
    answer = check(claim, history, "2025-04-01")
    assert (answer.verdict, answer.evidence) == ("holds", ("target-350000",))
    assert check(claim, history, "2025-01-01").verdict == "fails"
    assert check(claim, history, "2024-12-01").verdict == "undetermined"
    loose = Evidence(targets=(goal(300_000, "2025-01-01", amount=Amount(300_000, "at-least")),))
    assert check(claim, loose, "2025-04-01").verdict == "undetermined"
    overseas = Evidence(
        targets=(goal(350_000, "2025-01-01", scope=Scope.of({"markets": ["*"], "except": ["CN"]})),)
    )
    assert check(claim, overseas, "2025-04-01").verdict == "undetermined"
    guided = Evidence(targets=(goal(340_000, "2025-01-01", amount=Amount(340_000, "range",
                                                                         360_000)),))  # fmt: skip
    assert check(claim, guided, "2025-04-01").verdict == "undetermined"


# -- launched -------------------------------------------------------------------------------


def launch(market: str, launched_on: str, **extra: Any) -> LaunchFact:
    fields: dict[str, Any] = {
        "id": f"launch-{market}",
        "announced_on": launched_on,
        "recorded_at": STAMP,
        "certainty": "confirmed",
        "model": "su7",
        "market": market,
        "launched_on": launched_on,
        **extra,
    }
    return LaunchFact(**fields)


def launched(market: str, by: str) -> dict[str, Any]:
    return {"type": "launched", "model": "SU7", "market": market, "on_or_before": by}


def test_launched_claims() -> None:
    facts = Evidence(launches=(launch("CN", "2024-03-28"), launch("EU", "2027-03-01")))
    assert check(launched("CN", "2024-12-31"), facts, "2027-12-31").verdict == "holds"
    assert check(launched("CN", "2024-01-31"), facts, "2027-12-31").verdict == "fails"
    assert check(launched("CN", "2024-03-28"), facts, "2027-12-31").verdict == "holds"  # the day
    assert check(launched("DE", "2027-06-30"), facts, "2027-12-31").verdict == "holds"  # EU
    assert check(launched("DE", "2026-06-30"), facts, "2027-12-31").verdict == "fails"
    assert check(launched("US", "2030-01-01"), facts, "2027-12-31").verdict == "undetermined"
    planned = Evidence(launches=(launch("DE", "2027-03-01", announced_on="2026-01-01"),))
    assert check(launched("DE", "2027-06-30"), planned, "2026-06-30").verdict == "undetermined"


# -- order of evidence ----------------------------------------------------------------------

MONTHS = [f"2025-{m:02d}" for m in range(1, 7)]
BOUNDS = ["exact", "at-least", "at-most", "about"]

announcements = st.lists(
    st.builds(
        lambda period, units, bound, day, certainty, index: month(
            period,
            units,
            bound,
            id=f"a{index}",
            announced_on=f"2025-07-{day:02d}",
            certainty=certainty,
            recorded_at=f"2025-07-10T00:00:{index % 60:02d}.{index:06d}",
        ),  # fmt: skip
        st.sampled_from(MONTHS),
        st.integers(15_000, 25_000),
        st.sampled_from(BOUNDS),
        st.integers(1, 28),
        st.sampled_from(["confirmed", "reported", "expected"]),
        st.integers(0, 10**6),
    ),
    max_size=12,
    unique_by=lambda fact: fact.id,
)


@settings(max_examples=examples(200), deadline=None)
@given(announcements, st.randoms(use_true_random=False), st.integers(1, 6), st.booleans())
def test_a_verdict_never_depends_on_the_order_evidence_was_recorded(
    facts: list[ActualFact], random: Any, months: int, exact: bool
) -> None:
    claim = streak(months, exact=exact)
    shuffled = list(facts)
    random.shuffle(shuffled)
    first = check(claim, Evidence(actuals=facts), "2025-07-31")
    again = check(claim, Evidence(actuals=shuffled), "2025-07-31")
    assert first == again
    totals = total_claim(">=", 60_000)
    assert check(totals, Evidence(actuals=facts), "2025-07-31") == check(
        totals, Evidence(actuals=shuffled), "2025-07-31"
    )


def test_a_plan_postponed_before_its_date_never_counts_as_a_launch() -> None:
    """Launches are read as `state model` reads them (README: a delay replaces the earlier
    plan): a plan for March, replaced in February by one for May. A plan whose date passed
    is overdue, never a launch (SPEC §5.2): only a launch recorded decides `holds`."""
    march = launch("DE", "2025-03-01", id="march", announced_on="2025-01-10")
    may = launch("DE", "2025-05-01", id="may", announced_on="2025-02-10")
    facts = Evidence(launches=(march, may))
    answer = check(launched("DE", "2025-03-31"), facts, "2025-06-30")
    assert (answer.verdict, answer.evidence) == ("fails", ("may",))
    overdue = check(launched("DE", "2025-05-31"), facts, "2025-06-30")
    assert (overdue.verdict, overdue.evidence) == ("undetermined", ("may",))
    assert "overdue in DE for 2025-05-01" in overdue.why
    happened = launch("DE", "2025-05-20", id="happened", announced_on="2025-05-21")
    answer = check(launched("DE", "2025-05-31"), Evidence(launches=(march, may, happened)),
                   "2025-06-30")  # fmt: skip
    assert (answer.verdict, answer.evidence) == ("holds", ("happened",))
    again = launch("DE", "2025-03-01", id="again", announced_on="2025-01-10", recorded_at="~")
    same_day = Evidence(launches=(march, again))  # the later record of the day answers
    assert check(launched("DE", "2025-03-31"), same_day, "2025-06-30").evidence == ("again",)


def test_a_launch_that_happened_is_not_moved_by_a_later_announcement() -> None:
    moved = launch("CN", "2024-06-01", id="delay", announced_on="2024-05-01")
    facts = Evidence(launches=(launch("CN", "2024-03-28"), moved))
    assert check(launched("CN", "2024-04-30"), facts, "2024-12-31").verdict == "holds"
    rumour = launch("CN", "2024-01-01", id="rumour", certainty="reported")
    answer = check(launched("CN", "2024-01-31"), Evidence(launches=(*facts.launches, rumour)),
                   "2024-12-31")  # fmt: skip
    assert answer.verdict == "fails"  # the confirmed launches outrank the report
    planned = Evidence(launches=(launch("DE", "2026-03-01", announced_on="2025-01-01"),))
    assert check(launched("DE", "2025-12-31"), planned, "2025-06-30").verdict == "fails"
