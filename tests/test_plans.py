"""SPEC §5.2, plans change, on hand-made announcements: given these, the rules answer that.

Each test is one bullet of §5.2 (or a reproduction of issue 23), asked of the pure rules in
`projections/rules/plans.py` as of dates around every announcement.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import pytest

from mxt.events.dates import parse_day_or_period
from mxt.projections.rules.plans import (
    Arrival,
    LaunchLifecycle,
    Said,
    counted_from,
    entry_lifecycle,
    exit_covers,
    factory_lifecycle,
    launch_lifecycle,
    launched_by,
    plan_audit,
    said_of,
)

_RECORDED = itertools.count()  # announcements are made in the order the tests write them


def d(text: str) -> date:
    return date.fromisoformat(text)


def said(kind: str, announced_on: str, certainty: str = "confirmed", **fields: Any) -> Said:
    """One announcement of `kind` by Tesla, as the rules read it; its id is `fields["id"]`
    or made up, and it is recorded after every one made before it in the test."""
    ann_id = fields.pop("id", f"{kind}-{announced_on}-{next(_RECORDED)}")
    retracted = fields.pop("retracted", False)
    content = {"kind": kind, "company": "Tesla", "announced_on": announced_on,
               "certainty": certainty, "source": {"title": "t"}, **fields}  # fmt: skip
    order = (d(announced_on), next(_RECORDED))
    return said_of(content, ann_id, order, retracted)


def launch(announced_on: str, on: str | None = None, status: str | None = None,
           market: str = "US", model: str = "Model Y", **fields: Any) -> Said:  # fmt: skip
    if on is not None:
        fields["launched_on"] = on
    if status is not None:
        fields["status"] = status
    return said("launch", announced_on, model=model, market=market, **fields)


def factory(announced_on: str, status: str, on: str | None = None, **fields: Any) -> Said:
    if on is not None:
        fields["effective_on"] = on
    return said("factory", announced_on, site="Monterrey", phase=1, status=status, **fields)


def entry(announced_on: str, expected: str, market: str = "IN", **fields: Any) -> Said:
    return said("expected-entry", announced_on, market=market, expected=expected, **fields)


def exit_(announced_on: str, markets: list[str], **fields: Any) -> Said:
    return said("exit", announced_on, markets=markets, **fields)


def life(rows: list[Said], as_of: str, exits: list[Said] | None = None) -> LaunchLifecycle:
    found = launch_lifecycle(rows, d(as_of), exits or [])
    assert found is not None
    return found


# -- issue 23's reproduction ---------------------------------------------------------------

REPRODUCTION = [
    launch("2022-11-25", "2022-12-31", id="plan"),  # a launch planned for 2022-12-31
    launch("2023-01-13", "2023-02-28", id="delay"),  # delayed, after the first date passed
    launch("2023-03-01", id="launch"),  # the real launch
]


def test_a_passed_plan_is_overdue_never_a_launch() -> None:
    early = life(REPRODUCTION, "2023-01-05")
    assert early.status == "overdue"
    assert early.launched_on is None
    assert early.days_overdue == 5
    assert early.plan is not None and early.plan.planned.text == "2022-12-31"
    moved = life(REPRODUCTION, "2023-01-20")
    assert (moved.status, moved.launched_on, moved.days_overdue) == ("announced", None, None)
    assert moved.plan is not None
    assert (moved.plan.first_planned.text, moved.plan.planned.text) == ("2022-12-31", "2023-02-28")
    assert moved.plan.slips == 1
    due_day = life(REPRODUCTION, "2023-02-28")
    assert due_day.status == "announced"  # due on its day, overdue only after it


def test_the_reproduction_launched_late_on_its_real_date() -> None:
    launched = life(REPRODUCTION, "2023-03-05")
    assert launched.status == "available"
    assert launched.launched_on == d("2023-03-01")
    assert launched.launch_id == "launch"
    assert launched.plan is not None
    assert launched.plan.outcome == "happened"
    assert launched.plan.happened_on == d("2023-03-01")
    assert launched.plan.late_days == 60  # against the first plan, 2022-12-31
    assert launched.plan.on_time is False
    assert launched.plan.slips == 1


def test_a_claim_on_sale_by_a_passed_plan_date_does_not_hold() -> None:
    """A claim "on sale in the US by 2023-01-31": the launch of 2023-03-01 came later
    (fails); before it, the passed plan never makes a launch (the claim cannot hold), and
    the delay to 2023-02-28 says it will come later (fails)."""
    by = d("2023-01-31")
    assert launched_by([life(REPRODUCTION, "2023-03-05")], by) is False
    assert launched_by([life(REPRODUCTION, "2023-01-05")], by) is None  # overdue: no launch
    assert launched_by([life(REPRODUCTION, "2023-02-01")], by) is False  # the plan is later
    assert launched_by([life(REPRODUCTION, "2023-03-05")], d("2023-03-01")) is True
    assert launched_by([], by) is None


def test_an_expected_certainty_plan_is_never_a_launch() -> None:
    rumour = [launch("2024-01-10", "2024-06-30", certainty="expected")]
    assert life(rumour, "2024-08-01").status == "overdue"
    assert life(rumour, "2024-08-01").launched_on is None


# -- dates with a precision ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [("2025-06-26", "2025-06-26", "2025-06-26"), ("2025", "2025-01-01", "2025-12-31"),
     ("2025-H2", "2025-07-01", "2025-12-31"), ("2024-H1", "2024-01-01", "2024-06-30"),
     ("2025-Q4", "2025-10-01", "2025-12-31"), ("2024-02", "2024-02-01", "2024-02-29"),
     ("0001", "0001-01-01", "0001-12-31"), ("9999-Q4", "9999-10-01", "9999-12-31")],
)  # fmt: skip
def test_a_period_starts_on_its_first_day_and_is_due_on_its_last(
    text: str, first: str, last: str
) -> None:
    when = parse_day_or_period(text)
    assert (when.first, when.last, when.text, str(when)) == (d(first), d(last), text, text)
    assert when.is_day == (len(text) == 10)


@pytest.mark.parametrize(
    "text",
    ["0000", "0000-H1", "2025-H3", "2025-Q0", "2025-13", "2025-02-30", "2025-6", "H2 2025",
     "2025-h2", "2025Q4", "٢٠٢٥", "", "2025-06-26T00:00"],
)  # fmt: skip
def test_what_is_not_a_day_or_a_period_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day_or_period(text)
    for value in (2025, ["2025"], None):
        with pytest.raises(ValueError):
            parse_day_or_period(value)


def test_what_happened_on_a_period_counts_from_its_last_day_or_its_announcement() -> None:
    december = parse_day_or_period("2022-12")
    assert counted_from(december, d("2023-01-05")) == d("2022-12-31")
    assert counted_from(december, d("2022-12-20")) == d("2022-12-20")  # said within it
    assert counted_from(parse_day_or_period("2026-H2"), d("2025-01-01")) == d("2026-12-31")
    assert counted_from(parse_day_or_period("2022-12-03"), d("2023-01-05")) == d("2022-12-03")


# -- happened or planned ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("announced_on", "on", "status", "expected"),
    [("2025-03-01", None, None, "launched"), ("2025-03-01", "2025-03-01", None, "launched"),
     ("2025-03-01", "2025-02-10", None, "launched"), ("2025-03-02", "2025-03-03", None, "planned"),
     ("2023-01-05", "2022-12", None, "launched"), ("2022-12-20", "2022-12", None, "planned"),
     ("2025-08-01", "2025-H2", None, "planned"), ("2026-01-01", "2025", None, "launched"),
     ("2025-08-01", "2025-H2", "launched", "launched"),
     ("2025-03-01", "2025-02-10", "planned", "planned"),
     ("2025-03-01", None, "paused", "paused"), ("2025-03-01", None, "cancelled", "cancelled")],
)  # fmt: skip
def test_without_a_status_a_launch_happened_by_its_date_and_its_announcement(
    announced_on: str, on: str | None, status: str | None, expected: str
) -> None:
    row = launch(announced_on, on, status)
    assert row.status == expected
    assert row.planned == (expected == "planned")


def test_a_launch_that_happened_on_a_period_counts_from_the_earlier_day() -> None:
    """A launch "in December 2022", said on 2023-01-05, counts from 2022-12-31; "launched
    this half" (status launched, 2025-H2), said on 2025-08-01, from 2025-08-01."""
    late_report = life([launch("2023-01-05", "2022-12")], "2023-01-05")
    assert (late_report.launched_on, late_report.launched_as_said) == (d("2022-12-31"), "2022-12")
    this_half = life([launch("2025-08-01", "2025-H2", "launched")], "2025-08-01")
    assert this_half.launched_on == d("2025-08-01")
    assert this_half.status == "available"


def test_a_plan_said_as_a_period_is_due_on_its_last_day() -> None:
    rows = [launch("2025-03-01", "2025-H2")]
    assert life(rows, "2025-12-31").status == "announced"
    overdue = life(rows, "2026-01-02")
    assert (overdue.status, overdue.days_overdue) == ("overdue", 2)


def test_a_factory_status_dated_after_its_announcement_is_a_plan() -> None:
    assert factory("2024-01-10", "operational", "2024-06-30").planned
    assert not factory("2024-01-10", "operational", "2024-01-09").planned
    assert not factory("2024-01-10", "operational").planned
    assert factory("2024-01-10", "operational", "2024").planned  # the year has not ended
    assert not factory("2025-01-10", "operational", "2024").planned


# -- plans of one slot -------------------------------------------------------------------------


def test_the_plan_in_force_is_the_latest_of_the_highest_rank_whatever_its_date() -> None:
    rows = [
        launch("2024-01-10", "2024-12-31"),
        launch("2024-03-01", "2024-09-30"),  # a pull-in
        launch("2024-05-01", "2025-03-31"),  # a slip
        launch("2024-06-01", "2025-06-30", certainty="reported"),  # a report of another slip
    ]
    found = life(rows, "2024-07-01")
    assert found.plan is not None
    assert (found.plan.first_planned.text, found.plan.planned.text) == ("2024-12-31", "2025-03-31")
    assert (found.plan.slips, found.plan.pull_ins) == (1, 1)
    assert found.plan.planned_id == rows[2].id
    # the confirmed plan stands: a report never moves it, so it is overdue after its date
    assert life(rows, "2025-04-02").status == "overdue"


def test_slips_count_each_move_later_of_the_due_day() -> None:
    rows = [launch("2024-01-10", "2024"), launch("2024-02-10", "2024-H2"),  # same due day
            launch("2024-03-10", "2025-Q1"), launch("2024-04-10", "2025-06"),
            launch("2024-05-10", "2025")]  # fmt: skip
    found = life(rows, "2024-06-01")
    assert found.plan is not None
    assert (found.plan.slips, found.plan.pull_ins) == (3, 0)
    assert found.plan.first_planned.text == "2024"


# -- overdue -------------------------------------------------------------------------------------


def test_an_overdue_plan_stays_overdue_until_it_happens_moves_or_is_cancelled() -> None:
    plan = launch("2024-01-10", "2024-03-31")
    assert life([plan], "2024-06-30").days_overdue == 91
    moved = [plan, launch("2024-07-01", "2024-09-30")]
    assert life(moved, "2024-07-01").status == "announced"
    cancelled = [plan, launch("2024-07-01", status="cancelled")]
    assert life(cancelled, "2024-07-01").status == "cancelled"
    assert life(cancelled, "2024-07-01").plan.outcome == "cancelled"  # type: ignore[union-attr]
    happened = [plan, launch("2024-07-01", "2024-06-20")]
    assert life(happened, "2024-07-01").status == "available"
    assert life(happened, "2024-07-01").launched_on == d("2024-06-20")


# -- pauses, cancellations, exits ----------------------------------------------------------------


def test_a_pause_after_the_launch_pauses_the_market_and_a_resumption_keeps_the_first_date() -> None:
    rows = [
        launch("2023-03-01", id="first"),
        launch("2024-04-20", "2024-05-01", "paused", id="stop"),  # announced before it starts
        launch("2024-06-10", "2024-06-10", "launched", id="resumed"),
    ]
    before = life(rows, "2024-04-25")
    assert (before.status, before.paused_from) == ("available", None)
    paused = life(rows, "2024-05-02")
    assert (paused.status, paused.paused_from, paused.decided_by) == (
        "paused", d("2024-05-01"), "stop"
    )  # fmt: skip
    assert paused.launched_on == d("2023-03-01")
    resumed = life(rows, "2024-06-15")
    assert (resumed.status, resumed.launched_on, resumed.launch_id) == (
        "available", d("2023-03-01"), "first"
    )  # fmt: skip


def test_a_later_city_or_report_never_moves_the_first_launch_later() -> None:
    rows = [launch("2025-07-15", "2025-07-15"), launch("2025-08-11", "2025-08-11", "launched")]
    assert life(rows, "2025-09-01").launched_on == d("2025-07-15")
    earlier = [*rows, launch("2025-09-01", "2025-07-10", "launched")]
    assert life(earlier, "2025-09-02").launched_on == d("2025-07-10")  # earlier: it may


def test_a_cancelled_plan_is_cancelled_until_a_later_plan_revives_it() -> None:
    rows = [launch("2024-01-10", "2024-12-31", id="plan"),
            launch("2024-06-01", status="cancelled", id="cancel"),
            launch("2025-02-01", "2025-12-31", id="revived")]  # fmt: skip
    cancelled = life(rows, "2024-06-02")
    assert (cancelled.status, cancelled.decided_by) == ("cancelled", "cancel")
    assert cancelled.plan is not None and cancelled.plan.cancelled_id == "cancel"
    assert life(rows, "2025-01-31").status == "cancelled"  # its old date passing changes nothing
    revived = life(rows, "2025-02-01")
    assert revived.status == "announced"
    assert revived.plan is not None
    assert (revived.plan.first_planned.text, revived.plan.slips) == ("2024-12-31", 1)


def test_a_pause_before_the_launch_pauses_the_market_but_its_plan_can_fall_overdue() -> None:
    rows = [launch("2024-01-10", "2024-06-30"), launch("2024-03-01", status="paused")]
    held = life(rows, "2024-07-05")
    assert held.status == "paused"
    assert held.plan is not None and held.plan.outcome == "overdue"


def test_an_exit_withdraws_the_model_from_its_date() -> None:
    rows = [launch("2019-06-01", market="GB")]
    leaving = [exit_("2024-04-01", ["GB"], effective_on="2024-06-30", id="leave")]
    assert life(rows, "2024-05-01", leaving).status == "available"
    gone = life(rows, "2024-07-01", leaving)
    assert (gone.status, gone.decided_by) == ("withdrawn", "leave")
    assert (gone.available_from, gone.available_until) == (d("2019-06-01"), d("2024-06-30"))
    assert gone.launched_on == d("2019-06-01")


def test_a_temporary_exit_pauses_and_a_later_launch_lifts_it_from_its_own_date() -> None:
    rows = [launch("2023-03-01", market="DE"), launch("2024-06-10", market="DE")]
    stop_sale = [exit_("2024-05-02", ["EU"], effective_on="2024-05-01", temporary=True)]
    paused = life(rows, "2024-05-10", stop_sale)
    assert (paused.status, paused.paused_from) == ("paused", d("2024-05-01"))
    lifted = life(rows, "2024-06-10", stop_sale)
    assert (lifted.status, lifted.launched_on) == ("available", d("2023-03-01"))


def test_a_launch_after_a_withdrawal_starts_a_new_stretch_on_sale() -> None:
    rows = [launch("2019-06-01", market="GB"), launch("2026-03-01", "2026-03-01", market="GB"),
            launch("2026-05-01", "2026-05-01", "launched", market="GB")]  # fmt: skip
    leave, leave_again = exit_("2024-06-30", ["GB"]), exit_("2027-01-10", ["*"])
    back = life(rows, "2026-04-01", [leave, leave_again])
    assert (back.status, back.launched_on) == ("available", d("2019-06-01"))
    again = life(rows, "2027-02-01", [leave, leave_again])
    assert (again.available_from, again.available_until) == (d("2026-03-01"), d("2027-01-10"))


def test_a_relaunch_plan_after_a_withdrawal_is_announced_then_overdue() -> None:
    rows = [launch("2019-06-01", market="GB"), launch("2025-01-10", "2025-12-31", market="GB")]
    leave = [exit_("2024-06-30", ["GB"])]
    assert life(rows, "2025-02-01", leave).status == "announced"
    overdue = life(rows, "2026-01-10", leave)
    assert (overdue.status, overdue.days_overdue) == ("overdue", 10)
    assert overdue.plan is not None and overdue.plan.first_planned.text == "2025-12-31"


def test_an_exit_of_a_market_where_the_model_was_only_planned_cancels_the_plan() -> None:
    rows = [launch("2024-01-10", "2025-06-30", market="FR")]
    assert life(rows, "2024-03-01", [exit_("2024-02-01", ["EU"])]).status == "cancelled"
    suspended = life(rows, "2024-03-01", [exit_("2024-02-01", ["EU"], temporary=True)])
    assert suspended.status == "paused"


def test_a_lower_rank_exit_does_not_end_a_confirmed_launch() -> None:
    rows = [launch("2023-03-01", market="GB")]
    rumour = [exit_("2024-06-30", ["GB"], certainty="reported")]
    assert life(rows, "2024-07-01", rumour).status == "available"


def test_a_cancelled_launch_after_the_launch_withdraws_it() -> None:
    rows = [launch("2023-03-01"), launch("2024-06-30", status="cancelled")]
    gone = life(rows, "2024-07-01")
    assert (gone.status, gone.available_until) == ("withdrawn", d("2024-06-30"))


@pytest.mark.parametrize(
    ("markets", "excepted", "model", "market", "covers"),
    [(["*"], [], None, "US", True), (["*"], ["CN"], None, "CN", False),
     (["EU"], [], None, "DE", True), (["DE"], [], None, "EU", False),
     (["*"], ["EU"], None, "FR", False), (["US"], [], "Model 3", "US", False),
     (["US"], [], "model y", "US", True), (["US", "CA"], [], None, "CA", True)],
)  # fmt: skip
def test_which_exits_cover_a_model_in_a_market(
    markets: list[str], excepted: list[str], model: str | None, market: str, covers: bool
) -> None:
    fields: dict[str, Any] = {"except": excepted} if excepted else {}
    if model:
        fields["model"] = model
    assert exit_covers(exit_("2024-01-01", markets, **fields), "Model Y", market) is covers


def test_nothing_recorded_is_nothing_and_a_stop_still_ahead_is_not_in_effect() -> None:
    assert launch_lifecycle([], d("2025-01-01")) is None
    assert launch_lifecycle([launch("2025-03-01")], d("2025-02-01")) is None
    ahead = life([launch("2025-01-10", "2025-05-01", "paused")], "2025-02-01")
    assert ahead.status == "unknown"


def test_a_retracted_announcement_counts_for_nothing() -> None:
    rows = [launch("2022-11-25", "2022-12-31"), launch("2023-01-02", retracted=True)]
    assert life(rows, "2023-01-10").status == "overdue"


# -- factories -----------------------------------------------------------------------------------


def test_a_factory_never_becomes_operational_because_its_date_passed() -> None:
    rows = [factory("2023-01-10", "under-construction"),
            factory("2023-02-01", "operational", "2024-H1", id="plan")]  # fmt: skip
    found = factory_lifecycle(rows, d("2024-07-05"))
    assert found is not None
    assert (found.status, found.reached_on) == ("under-construction", d("2023-01-10"))
    assert found.plan is not None
    assert (found.plan.outcome, found.plan.days_overdue, found.plan.planned.text) == (
        "overdue", 5, "2024-H1"
    )  # fmt: skip


def test_a_paused_factory_shows_the_status_it_had_reached_before() -> None:
    rows = [factory("2023-01-10", "under-construction"),
            factory("2023-02-01", "operational", "2024"),
            factory("2023-11-02", "paused", "2023-10")]  # fmt: skip
    found = factory_lifecycle(rows, d("2023-11-05"))
    assert found is not None
    assert (found.status, found.reached_before, found.reached_on) == (
        "paused", "under-construction", d("2023-10-31")
    )  # fmt: skip
    assert found.plan is not None and found.plan.outcome == "pending"
    later = factory_lifecycle(rows, d("2025-01-03"))
    assert later is not None and later.plan is not None
    assert (later.plan.outcome, later.plan.days_overdue) == ("overdue", 3)  # a pause ends nothing


@pytest.mark.parametrize("stop", ["cancelled", "closed"])
def test_a_cancelled_or_closed_factory_ends_its_plan(stop: str) -> None:
    rows = [factory("2023-01-10", "completed"), factory("2023-02-01", "operational", "2024"),
            factory("2023-06-01", stop)]  # fmt: skip
    found = factory_lifecycle(rows, d("2025-01-01"))
    assert found is not None and found.plan is not None
    assert (found.status, found.reached_before, found.plan.outcome) == (stop, "completed",
                                                                        "cancelled")  # fmt: skip


def test_a_later_status_of_a_plants_progress_fulfils_a_plan_for_an_earlier_one() -> None:
    rows = [factory("2023-01-10", "land-acquired"),
            factory("2023-01-10", "completed", "2023-12-31"),
            factory("2024-02-10", "operational", "2024-02-01")]  # fmt: skip
    found = factory_lifecycle(rows, d("2024-03-01"))
    assert found is not None and found.plan is not None
    assert (found.plan.outcome, found.plan.happened_on, found.plan.late_days) == (
        "happened", d("2024-02-01"), 32
    )  # fmt: skip
    assert found.status == "operational"


def test_a_plan_of_a_factory_is_kept_apart_from_a_plan_for_another_status() -> None:
    rows = [factory("2023-01-10", "under-construction", "2023-06"),
            factory("2023-03-10", "operational", "2025")]  # fmt: skip
    found = factory_lifecycle(rows, d("2023-04-01"))
    assert found is not None and found.plan is not None
    assert (found.status, found.plan.planned.text, found.plan.slips) == (None, "2025", 0)
    audit = plan_audit(rows, d("2023-04-01"))
    assert audit is not None
    assert [(line.planned_status, line.slip_days) for line in audit.lines] == [
        ("under-construction", None), ("operational", None)
    ]  # fmt: skip


# -- market entries ------------------------------------------------------------------------------


def test_a_company_wide_entry_is_fulfilled_by_any_models_launch_there() -> None:
    rows = [entry("2024-03-01", "2025", certainty="expected", id="india")]
    launches = [Arrival("Model 3", "IN", d("2025-07-15"), "m3-in"),
                Arrival("Model Y", "US", d("2020-01-01"), "my-us")]  # fmt: skip
    waiting = entry_lifecycle(rows, d("2025-07-01"), launches)
    assert waiting is not None and waiting.status == "expected"
    done = entry_lifecycle(rows, d("2025-07-20"), launches)
    assert done is not None
    assert (done.status, done.plan.happened_on, done.plan.happened_id, done.fulfilled_in) == (
        "fulfilled", d("2025-07-15"), "m3-in", "IN"
    )  # fmt: skip
    after_its_year = entry_lifecycle(rows, d("2026-03-01"), launches)
    assert after_its_year is not None and after_its_year.status == "fulfilled"


def test_a_models_entry_is_fulfilled_only_by_that_model_and_regions_count() -> None:
    rows = [entry("2024-03-01", "2025-H1", market="EU", model="Model Y")]
    other = [Arrival("Model 3", "DE", d("2025-02-01"), "m3-de")]
    assert entry_lifecycle(rows, d("2025-03-01"), other).status == "expected"  # type: ignore[union-attr]
    own = [*other, Arrival("model y", "DE", d("2025-03-01"), "my-de")]
    assert entry_lifecycle(rows, d("2025-03-02"), own).status == "fulfilled"  # type: ignore[union-attr]
    by_region = [entry("2024-03-01", "2025-H1", market="DE", model="Model Y")]
    in_eu = [Arrival("Model Y", "EU", d("2025-03-01"), "my-eu")]
    assert entry_lifecycle(by_region, d("2025-03-02"), in_eu).status == "fulfilled"  # type: ignore[union-attr]


def test_an_unfulfilled_entry_is_overdue_after_its_period_and_a_later_date_is_a_slip() -> None:
    rows = [entry("2023-06-01", "2024-12", certainty="expected")]
    late = entry_lifecycle(rows, d("2025-01-10"))
    assert late is not None
    assert (late.status, late.plan.days_overdue) == ("overdue", 10)
    slipped = entry_lifecycle([*rows, entry("2025-01-20", "2026", certainty="expected")],
                              d("2025-02-01"))  # fmt: skip
    assert slipped is not None
    assert (slipped.status, slipped.plan.slips, slipped.plan.first_planned.text) == (
        "expected", 1, "2024-12"
    )  # fmt: skip
    assert entry_lifecycle(rows, d("2024-12-31")).status == "expected"  # type: ignore[union-attr]


def test_a_launch_not_yet_made_by_the_as_of_date_fulfils_nothing() -> None:
    rows = [entry("2024-03-01", "2025")]
    later = [Arrival("Model Y", "IN", d("2025-09-01"), "my-in")]
    assert entry_lifecycle(rows, d("2025-08-01"), later).status == "expected"  # type: ignore[union-attr]


# -- the audit of plans --------------------------------------------------------------------------


def test_the_audit_lists_every_plan_with_its_move_and_status() -> None:
    rows = [
        launch("2022-11-25", "2022-12-31", id="p1", speaker="Elon Musk"),
        launch("2023-01-13", "2023-02-28", id="p2"),
        launch("2023-01-20", "2023-01-31", id="p3", retracted=True),
        launch("2023-02-01", "2023-04-30", certainty="reported", id="r1"),
        launch("2023-03-01", id="launch"),
    ]
    audit = plan_audit(rows, d("2023-03-05"))
    assert audit is not None
    assert (audit.kind, audit.model, audit.market) == ("launch", "Model Y", "US")
    assert [(line.id, line.status, line.slip_days) for line in audit.lines] == [
        ("p1", "superseded", None), ("p2", "in-force", 59), ("p3", "retracted", -28),
        ("r1", "unconfirmed", 61),
    ]  # fmt: skip
    assert [line.previous.text if line.previous else None for line in audit.lines] == [
        None, "2022-12-31", "2023-02-28", "2023-02-28"
    ]  # fmt: skip
    assert audit.lines[0].speaker == "Elon Musk"
    assert audit.lines[0].planned.text == "2022-12-31"
    assert (audit.outcome, audit.happened_on) == ("happened", d("2023-03-01"))
    assert audit.record is not None
    assert (audit.record.first_planned.text, audit.record.slips, audit.record.late_days) == (
        "2022-12-31", 1, 60
    )  # fmt: skip


def test_the_audit_outcome_follows_the_as_of_date() -> None:
    assert plan_audit(REPRODUCTION, d("2022-12-01")).outcome == "pending"  # type: ignore[union-attr]
    assert plan_audit(REPRODUCTION, d("2023-01-05")).outcome == "overdue"  # type: ignore[union-attr]
    cancelled = [*REPRODUCTION[:2], launch("2023-02-10", status="cancelled")]
    assert plan_audit(cancelled, d("2023-03-05")).outcome == "cancelled"  # type: ignore[union-attr]


def test_a_slot_without_a_plan_is_not_in_the_audit() -> None:
    assert plan_audit([launch("2023-03-01")], d("2023-03-05")) is None
    assert plan_audit(REPRODUCTION, d("2022-11-01")) is None  # nothing announced yet


def test_a_plan_overtaken_by_a_launch_before_it_is_happened_without_late_days() -> None:
    """A plan announced after a launch reported later to have happened before it: the
    audit says it happened (when), with no plan to measure it against."""
    rows = [launch("2023-01-13", "2023-02-28"), launch("2023-01-20", "2022-12-20")]
    audit = plan_audit(rows, d("2023-02-01"))
    assert audit is not None
    assert (audit.outcome, audit.happened_on, audit.record) == ("happened", d("2022-12-20"), None)
