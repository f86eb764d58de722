"""The alerts of SPEC §10 as pure rules (projections/rules/alerts.py), on hand-made answers."""

from __future__ import annotations

from typing import Any

import pytest

from mxt.events.kinds import Scope
from mxt.projections.rules.alerts import (
    Alert,
    BestMonth,
    Capacity,
    began,
    best_month,
    capacity,
    plan_alerts,
    progress_alerts,
)
from mxt.projections.rules.audit import PlanRow, PlanSlot
from mxt.projections.rules.checked import ProgressRow
from mxt.projections.rules.progress import ActualFact, Amount


def row(**fields: Any) -> ProgressRow:
    """Acme's deliveries target of 2025, 120,000, that needs `needed_per_month`."""
    base: dict[str, Any] = dict(company="Acme", metric="deliveries", period="2025", markets=[],
                                except_=[], target=120000, target_bound="exact",
                                target_high=None, target_id="t1", pace="on-track")  # fmt: skip
    return ProgressRow(**{**base, **fields})


@pytest.mark.parametrize(
    ("needed", "best", "stated", "expected"),
    [
        (12000.0, 10000, None, None),  # exactly the best month x 1.2: within reach
        (12001.0, 10000, None, "needs 12,001 a month; best month so far 10,000 (2025-03; ×1.2 "
                               "is 12,000)"),
        (9000.0, 10000, 96000, "needs 9,000 a month; stated capacity 96,000 a year (8,000 a "
                               "month)"),
        (8000.0, 10000, 96000, None),  # exactly the capacity
        (50000.0, None, None, None),  # nothing to measure it against
        (None, 1, 12, None),  # met, or no month left
    ],
)  # fmt: skip
def test_out_of_reach_against_the_best_month_or_the_stated_capacity(
    needed: float | None, best: int | None, stated: int | None, expected: str | None
) -> None:
    months = {"t1": BestMonth("2025-03", best, ("m3",)) if best is not None else None}
    plant = Capacity(stated, ("plant",)) if stated is not None else None
    found = progress_alerts([row(needed_per_month=needed)], months, plant)
    reasons = [alert.reason for alert in found if alert.alert == "out-of-reach"]
    assert reasons == (
        [] if expected is None else [f"deliveries target 2025 of 120,000: {expected}"]
    )
    if expected is not None:
        assert found[0].ids == ("t1", "m3" if "best" in expected else "plant")


def test_behind_names_the_share_and_the_time_gone() -> None:
    [alert] = progress_alerts([row(pace="behind", share_pct=20.0, elapsed_pct=50.0,
                                   sources=["m1", "m2"])], {}, None)  # fmt: skip
    assert alert.alert == "behind" and alert.ids == ("t1", "m1", "m2")
    assert alert.reason.endswith("20.0% reached with 50.0% of the period gone")
    assert progress_alerts([row(pace="ahead")], {}, None) == []


def fact(period: str, units: int, model: str | None = None, **fields: Any) -> ActualFact:
    day, rank = fields.pop("announced_on", "2025-06-01"), fields.pop("certainty", "confirmed")
    return ActualFact(id=f"{period}-{model}", announced_on=day,
                      recorded_at="2025-06-01T00:00:00", certainty=rank,
                      company="Acme", metric="deliveries", period=period,
                      amount=Amount(units, "exact", None), model=model, **fields)  # fmt: skip


def test_best_month_is_a_month_s_total_else_its_models_sum() -> None:
    facts = [
        fact("2025-01", 9000),
        fact("2025-02", 6000, "a"), fact("2025-02", 5000, "b"),  # no total: 11,000
        fact("2025-Q1", 40000),  # a quarter is no month
        fact("2025-03", 50000, certainty="reported"), fact("2025-03", 8000),  # rank rule
        fact("2025-04", 90000, announced_on="2025-08-01"),  # not announced yet
        fact("2025-05", 70000, scope=Scope(("*",), ("CN",))),  # another scope
    ]  # fmt: skip
    assert best_month(facts, "deliveries", Scope(), "2025-07-01") == BestMonth(
        "2025-02", 11000, ("2025-02-a", "2025-02-b")
    )
    assert best_month([], "deliveries", Scope(), "2025-07-01") is None


def plan(planned: str, status: str, slot: PlanSlot, ident: str) -> PlanRow:
    return PlanRow("Acme", "launch", "A1", "DE", None, None, None, planned, planned, None, None,
                   "2025-01-01", "confirmed", status, ident, {}, None, slot)  # fmt: skip


@pytest.mark.parametrize(
    ("outcome", "slips", "expected"),
    [
        ("overdue", 0, ["overdue"]),
        ("overdue", 1, ["overdue", "slipped"]),
        ("pending", 2, ["slipped"]),
        ("happened", 1, []),  # it slipped, and then it happened: nothing to watch
        ("cancelled", 1, []),
        ("pending", 0, []),
    ],
)
def test_plans_overdue_and_slipped(outcome: str, slips: int, expected: list[str]) -> None:
    slot = PlanSlot("2025-03", "2025-06", slips, outcome, None, None, None,
                    10 if outcome == "overdue" else None)  # fmt: skip
    rows = [plan("2025-03", "superseded", slot, "p1"), plan("2025-06", "in-force", slot, "p2")]
    found = plan_alerts(rows)
    assert [alert.alert for alert in found] == expected
    for alert in found:
        assert alert.named("model") == "A1" and alert.named("market") == "DE"
        assert alert.ids == (("p2",) if alert.alert == "overdue" else ("p1", "p2"))


def test_an_alert_begins_once_and_a_new_mark_is_a_new_alert() -> None:
    slipped = Alert("slipped", "Acme", (("model", "A1"), ("market", "DE")), "r", ("p2",),
                    ("2025-06",))  # fmt: skip
    again = slipped._replace(reason="worded otherwise", ids=("p2", "p9"))
    later = slipped._replace(mark=("2025-09",))
    assert began([slipped], [again]) == []  # the same alert, whatever its wording
    assert began([slipped], [again, later]) == [later]
    assert began([], [slipped]) == [slipped]
    assert began([slipped._replace(company="ACME")], [slipped]) == []


def test_capacity_counts_the_factories_producing() -> None:
    from mxt.projections.rules.company import Factory

    def plant(status: str, capacity: int | None, ident: str) -> Factory:
        return Factory("P", 1, None, status, None, None, None, capacity, None, "confirmed", ident,
                       None, ("acme", "factory"))  # fmt: skip

    plants = [plant("operational", 100000, "a"), plant("completed", 20000, "b"),
              plant("under-construction", 500000, "c"),
              plant("operational", None, "d")]  # fmt: skip
    assert capacity(plants) == Capacity(120000, ("a", "b"))
    assert capacity(plants[2:]) is None
