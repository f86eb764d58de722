"""A story of plans changing (tests/data/plans-story.jsonl), asked of the rules of SPEC §5.2
as of a date between every two announcements.

Volta Motors, a made-up carmaker: its Monterrey plant slips three times (and is halted for a
while in between); its Arc is launched in the US late, after a delay announced once the
first date had passed, then stopped by a stop-sale and sold again; it leaves Canada; an
analyst's "India in 2025" is fulfilled by the Arc's launch there, while the Arc's German
entry slips to 2026 and falls overdue again.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mxt.events.announcements import parse_announcement, with_id
from mxt.projections.rules.plans import (
    EntryLifecycle,
    FactoryLifecycle,
    LaunchLifecycle,
    PlanRecord,
    Said,
    entry_lifecycle,
    exit_covers,
    factory_lifecycle,
    launch_lifecycle,
    plan_audit,
    said_of,
)

STORY = Path(__file__).parent / "data" / "plans-story.jsonl"


def story() -> list[Said]:
    """The story's announcements, validated as `import` would, in the order of the file."""
    rows = []
    for number, line in enumerate(STORY.read_text(encoding="utf-8").splitlines()):
        content = with_id(parse_announcement(json.loads(line)))
        order = (date.fromisoformat(content["announced_on"]), number)
        rows.append(said_of(content, content["id"], order))
    return rows


ROWS = story()
EXITS = [row for row in ROWS if row.kind == "exit"]


def of(kind: str, **fields: str) -> list[Said]:
    return [
        row
        for row in ROWS
        if row.kind == kind and all(getattr(row, name) == value for name, value in fields.items())
    ]


def arc_in(market: str, as_of: date) -> LaunchLifecycle | None:
    exits = [row for row in EXITS if exit_covers(row, "Arc", market)]
    return launch_lifecycle(of("launch", market=market), as_of, exits)


def plan_text(plan: PlanRecord | None) -> str:
    """A slot's plans in a few words: `2024-H2 overdue 10d slips=1`."""
    if plan is None:
        return "no plan"
    detail = ""
    if plan.outcome == "overdue":
        detail = f" {plan.days_overdue}d"
    elif plan.outcome == "happened":
        detail = f" {plan.happened_on} late {plan.late_days}d"
    return f"{plan.planned.text} {plan.outcome}{detail} slips={plan.slips}"


def factory_text(found: FactoryLifecycle | None) -> str | None:
    if found is None:
        return None
    before = f"/{found.reached_before}" if found.reached_before else ""
    return f"{found.status}{before}; {plan_text(found.plan)}"


def launch_text(found: LaunchLifecycle | None) -> str | None:
    if found is None:
        return None
    words = [found.status]
    if found.launched_on:
        words.append(f"since {found.launched_on}")
    if found.paused_from:
        words.append(f"from {found.paused_from}")
    if found.available_until:
        words.append(f"until {found.available_until}")
    plan = f"; {plan_text(found.plan)}" if found.plan else ""
    return " ".join(words) + plan


def entry_text(found: EntryLifecycle | None) -> str | None:
    return None if found is None else f"{found.status}; {plan_text(found.plan)}"


PLANT_BUILT = "under-construction; 2023-H2 pending slips=0"
ARC_US = "available since 2024-01-15; 2023-12 happened 2024-01-15 late 107d slips=1"
HALTED = "paused/under-construction; 2024-H2"
RESUMED = "under-construction; 2025-H2 pending slips=2"
IN_2025 = "expected; 2025 pending slips=0"
IN_DONE = "fulfilled; 2025 happened 2025-09-01 late -121d slips=0"
DE_2024 = "expected; 2024-12 pending slips=0"
DE_2026 = "expected; 2026 pending slips=1"
PLANT_DONE = "operational; 2026-Q2 happened 2026-06-18 late 900d slips=3"

# As of a day between two announcements (or on one): the plant; the Arc in the US, in
# Canada and in India; the entries expected in India (company-wide) and Germany (Arc).
EXPECTED = [
    ("2022-03-15", "land-acquired; no plan", None, None, None, None, None),
    ("2022-05-01", "land-acquired; 2023-H2 pending slips=0", None, None, None, None, None),
    ("2023-01-01", PLANT_BUILT, None, None, None, None, None),
    ("2023-07-01", PLANT_BUILT, "announced; 2023-09-30 pending slips=0", None, None, None, None),
    ("2023-10-05", PLANT_BUILT, "overdue; 2023-09-30 overdue 5d slips=0", None, None, None, None),
    ("2023-11-01", PLANT_BUILT, "announced; 2023-12 pending slips=1", None, None, None, None),
    ("2024-01-05", "under-construction; 2023-H2 overdue 5d slips=0",
     "overdue; 2023-12 overdue 5d slips=1", None, None, None, None),
    ("2024-01-20", "under-construction; 2023-H2 overdue 20d slips=0", ARC_US, None, None, None,
     None),
    ("2024-01-28", "under-construction; 2024-H2 pending slips=1", ARC_US, None, None, None, None),
    ("2024-02-15", "under-construction; 2024-H2 pending slips=1", ARC_US,
     "available since 2024-02-01", None, None, None),
    ("2024-04-01", "under-construction; 2024-H2 pending slips=1", ARC_US,
     "available since 2024-02-01", None, IN_2025, DE_2024),
    ("2024-05-10", "under-construction; 2024-H2 pending slips=1",
     "paused since 2024-01-15 from 2024-05-01; 2023-12 happened 2024-01-15 late 107d slips=1",
     "available since 2024-02-01", None, IN_2025, DE_2024),
    ("2024-07-01", "under-construction; 2024-H2 pending slips=1", ARC_US,
     "available since 2024-02-01", None, IN_2025, DE_2024),
    ("2024-11-15", f"{HALTED} pending slips=1", ARC_US, "available since 2024-02-01", None,
     IN_2025, DE_2024),
    ("2025-01-10", f"{HALTED} overdue 10d slips=1", ARC_US, "available since 2024-02-01", None,
     IN_2025, "overdue; 2024-12 overdue 10d slips=0"),
    ("2025-02-01", f"{HALTED} overdue 32d slips=1", ARC_US, "available since 2024-02-01", None,
     IN_2025, DE_2026),
    ("2025-03-20", RESUMED, ARC_US, "available since 2024-02-01", None, IN_2025, DE_2026),
    ("2025-05-01", RESUMED, ARC_US, "available since 2024-02-01", None, IN_2025, DE_2026),
    ("2025-07-01", RESUMED, ARC_US, "withdrawn since 2024-02-01 until 2025-06-30", None,
     IN_2025, DE_2026),
    ("2025-09-02", RESUMED, ARC_US, "withdrawn since 2024-02-01 until 2025-06-30",
     "available since 2025-09-01", IN_DONE, DE_2026),
    ("2026-01-05", "under-construction; 2025-H2 overdue 5d slips=2", ARC_US,
     "withdrawn since 2024-02-01 until 2025-06-30", "available since 2025-09-01", IN_DONE,
     DE_2026),
    ("2026-02-02", "under-construction; 2026-Q2 pending slips=3", ARC_US,
     "withdrawn since 2024-02-01 until 2025-06-30", "available since 2025-09-01", IN_DONE,
     DE_2026),
    ("2026-07-01", PLANT_DONE, ARC_US, "withdrawn since 2024-02-01 until 2025-06-30",
     "available since 2025-09-01", IN_DONE, DE_2026),
    ("2027-01-05", PLANT_DONE, ARC_US, "withdrawn since 2024-02-01 until 2025-06-30",
     "available since 2025-09-01", IN_DONE, "overdue; 2026 overdue 5d slips=1"),
]  # fmt: skip


def test_the_story_asks_between_every_two_announcements() -> None:
    days = sorted({row.announced_on for row in ROWS})
    asked = [date.fromisoformat(line[0]) for line in EXPECTED]
    for before, after in zip(days, [*days[1:], date.max], strict=True):
        assert any(before <= day < after for day in asked), before


@pytest.mark.parametrize(
    ("as_of", "plant", "us", "canada", "india", "india_entry", "germany_entry"),
    EXPECTED,
    ids=[line[0] for line in EXPECTED],
)
def test_the_story_as_of_each_day(
    as_of: str,
    plant: str,
    us: str | None,
    canada: str | None,
    india: str | None,
    india_entry: str | None,
    germany_entry: str | None,
) -> None:
    day = date.fromisoformat(as_of)
    assert factory_text(factory_lifecycle(of("factory"), day)) == plant
    launches = {market: arc_in(market, day) for market in ("US", "CA", "IN")}
    assert [launch_text(launches[market]) for market in ("US", "CA", "IN")] == [us, canada, india]
    arrivals = [found.arrival for found in launches.values() if found and found.arrival]
    entries = [
        entry_lifecycle([row for row in of("expected-entry") if row.market == market], day,
                        arrivals)
        for market in ("IN", "DE")
    ]  # fmt: skip
    assert [entry_text(found) for found in entries] == [india_entry, germany_entry]


def answers(rows: list[Said], day: date) -> tuple[object, ...]:
    """Every lifecycle of the story as of `day`, from `rows` in the order given."""
    exits = [row for row in rows if row.kind == "exit"]
    launches = {
        market: launch_lifecycle(
            [row for row in rows if row.kind == "launch" and row.market == market], day,
            [row for row in exits if exit_covers(row, "Arc", market)],
        )
        for market in ("US", "CA", "IN")
    }  # fmt: skip
    arrivals = [found.arrival for found in launches.values() if found and found.arrival]
    entries = [row for row in rows if row.kind == "expected-entry"]
    return (
        factory_lifecycle([row for row in rows if row.kind == "factory"], day),
        *launches.values(),
        *(entry_lifecycle([row for row in entries if row.market == market], day, arrivals)
          for market in ("IN", "DE")),
    )  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(st.permutations(ROWS))
def test_the_answers_do_not_depend_on_the_order_rows_are_given_in(shuffled: list[Said]) -> None:
    """The rules put announcements in time order themselves (`Said.order`)."""
    for as_of, *_ in EXPECTED[::4]:
        day = date.fromisoformat(as_of)
        assert answers(shuffled, day) == answers(ROWS, day)


def test_the_audit_of_the_story_lists_every_slip_and_outcome() -> None:
    as_of = date(2026, 7, 1)
    plant = plan_audit(of("factory"), as_of)
    assert plant is not None
    assert [(line.id, line.planned.text, line.slip_days, line.status) for line in plant.lines] == [
        ("volta-mty-plan-1", "2023-H2", None, "superseded"),
        ("volta-mty-plan-2", "2024-H2", 366, "superseded"),
        ("volta-mty-plan-3", "2025-H2", 365, "superseded"),
        ("volta-mty-plan-4", "2026-Q2", 181, "in-force"),
    ]
    assert (plant.outcome, plant.happened_on) == ("happened", date(2026, 6, 18))
    assert plant.record is not None and plant.record.late_days == 900
    us = plan_audit(of("launch", market="US"), as_of, EXITS)
    assert us is not None
    assert [(line.planned.text, line.slip_days) for line in us.lines] == [
        ("2023-09-30", None), ("2023-12", 92)
    ]  # fmt: skip
    assert us.record is not None
    assert (us.outcome, us.record.late_days, us.record.on_time) == ("happened", 107, False)
    germany = plan_audit([row for row in of("expected-entry") if row.market == "DE"], as_of)
    assert germany is not None
    assert [line.slip_days for line in germany.lines] == [None, 730]
    assert germany.outcome == "pending"
    arrival = arc_in("IN", as_of)
    assert arrival is not None and arrival.arrival is not None
    india = plan_audit([row for row in of("expected-entry") if row.market == "IN"], as_of,
                       launches=[arrival.arrival])  # fmt: skip
    assert india is not None and india.record is not None
    assert (india.outcome, india.record.on_time) == ("happened", True)
    for market in ("CA", "IN"):  # launched without a plan: no plan slot
        assert plan_audit(of("launch", market=market), as_of, EXITS) is None
