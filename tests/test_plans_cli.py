"""Issue 23's reproductions, each answered as SPEC §5.2 defines, through the command line on
SQLite and PostgreSQL: a passed plan is overdue, never a launch; plans, slips and their
outcome in `audit plans`; pauses, halts, shelved plants and exits; dates said as periods;
expected entries fulfilled; `diff`'s plan moves and range tops; `conflicts` without history;
`progress`'s rank rule for periods; `audit targets` and the report agreeing on what is in
force. And the story of tests/data/plans-story.jsonl through every read command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke_on, run_ok

from backends import store_location

SOURCE = {"title": "a source"}
STORY = Path(__file__).parent / "data" / "plans-story.jsonl"


def load(store: str, *lines: dict[str, Any]) -> None:
    """Imports announcements (each with the company Tesla and a source unless given)."""
    text = "".join(
        json.dumps({"company": "Tesla", "source": SOURCE, **line}) + "\n" for line in lines
    )
    run_ok(store, "import", "-", input=text)


def ask(store: str, *args: str) -> Any:
    return run_ok(store, *args, "--json")


# -- a passed plan is never a launch ---------------------------------------------------------

US_PLANS = (
    {"id": "plan", "kind": "launch", "announced_on": "2022-11-25", "model": "Model Y",
     "market": "US", "launched_on": "2022-12-31"},
    {"id": "delay", "kind": "launch", "announced_on": "2023-01-13", "model": "Model Y",
     "market": "US", "launched_on": "2023-02-28"},
    {"id": "launch", "kind": "launch", "announced_on": "2023-03-01", "model": "Model Y",
     "market": "US", "launched_on": "2023-03-01"},
)  # fmt: skip


def test_a_passed_plan_is_overdue_never_a_launch(store_location: str) -> None:
    store = store_location
    load(store, *US_PLANS)
    model = ask(store, "state", "model", "Tesla/Model Y", "--as-of", "2023-03-05")
    assert (model["status"], model["launched_on"], model["markets"]) == (
        "launched", "2023-03-01", ["US"],
    )  # fmt: skip
    [place] = model["launches"]
    assert (place["status"], place["first_planned"], place["planned"], place["slips"]) == (
        "available", "2022-12-31", "2023-02-28", 1,
    )  # fmt: skip
    before = ask(store, "state", "model", "Tesla/Model Y", "--as-of", "2023-01-05")
    assert (before["status"], before["launched_on"], before["planned_launch_on"]) == (
        "announced", None, "2022-12-31",
    )  # fmt: skip
    assert before["market_statuses"] == {"US": "overdue"}
    [row] = ask(store, "state", "market", "US", "--as-of", "2023-01-05")["models"]
    assert (row["status"], row["planned"], row["days_overdue"], row["id"]) == (
        "overdue", "2022-12-31", 5, "plan",
    )  # fmt: skip
    # the delay moves it: announced again until 2023-02-28 passes, then overdue again
    assert ask(store, "state", "model", "Tesla/Model Y", "--as-of", "2023-02-01")[
        "market_statuses"] == {"US": "announced"}  # fmt: skip
    assert ask(store, "state", "model", "Tesla/Model Y", "--as-of", "2023-02-28")[
        "market_statuses"
    ] == {"US": "announced"}  # fmt: skip (due on its last day)
    # "on sale in the US by 2023-01-31" never held: the launch came on 2023-03-01
    claim = {"type": "launched", "model": "Model Y", "market": "US", "on_or_before": "2023-01-31"}
    load(store, {"id": "claim", "kind": "claim", "announced_on": "2023-03-05", "claim": claim})
    checked = invoke_on(store, "check", "--json")
    assert checked.exit_code == 1  # a claim fails
    [verdict] = json.loads(checked.stdout)
    assert (verdict["verdict"], verdict["evidence"]) == ("fails", ["launch"])


def test_an_expected_plan_never_becomes_a_launch(store_location: str) -> None:
    store = store_location
    load(store, {"id": "rumour", "kind": "launch", "announced_on": "2024-01-10",
                 "model": "Cybertruck", "market": "DE", "launched_on": "2024-H1",
                 "certainty": "expected"})  # fmt: skip
    model = ask(store, "state", "model", "Tesla/Cybertruck", "--as-of", "2024-09-01")
    assert (model["status"], model["launched_on"], model["markets"]) == ("announced", None, [])
    assert model["market_statuses"] == {"DE": "overdue"}
    assert model["launches"][0]["days_overdue"] == 63  # due on 2024-06-30


def test_audit_plans_keeps_every_plan_and_its_slips(store_location: str) -> None:
    """No plan has to be retracted to get the right state: `audit plans` lists each."""
    store = store_location
    load(store, *US_PLANS)
    rows = ask(store, "audit", "plans", "--as-of", "2023-03-05")
    assert [(r["id"], r["planned_as_said"], r["previous"], r["slip_days"], r["status"])
            for r in rows] == [
        ("plan", "2022-12-31", None, None, "superseded"),
        ("delay", "2023-02-28", "2022-12-31", 59, "in-force"),
    ]  # fmt: skip
    assert rows[0]["slot"] == {
        "first_planned": "2022-12-31", "planned": "2023-02-28", "slips": 1,
        "outcome": "happened", "happened_on": "2023-03-01", "on_time": False, "late_days": 60,
        "days_overdue": None,
    }  # fmt: skip
    earlier = ask(store, "audit", "plans", "--as-of", "2023-01-20", "--kind", "launch")
    assert earlier[0]["slot"]["outcome"] == "pending"
    overdue = ask(store, "audit", "plans", "--as-of", "2023-03-01", "--market", "US")
    assert overdue[0]["slot"]["outcome"] == "happened"
    assert ask(store, "audit", "plans", "--model", "Model 3") == []
    csv = run_ok(store, "audit", "plans", "--format", "csv").splitlines()
    assert {"slot.late_days", "slip_days", "planned_as_said"} <= set(csv[0].split(","))
    table = run_ok(store, "audit", "plans", "--as-of", "2023-03-05")
    assert "+59" in table and "+60d" in table


# -- pauses, halts, shelved plans, exits ---------------------------------------------------


def test_a_halted_plant_a_stopped_line_a_shelved_plant_and_a_closing(store_location: str) -> None:
    store = store_location
    load(
        store,
        {"kind": "factory", "announced_on": "2023-05-01", "site": "Saltillo", "phase": 1,
         "market": "MX", "status": "under-construction"},
        {"kind": "factory", "announced_on": "2024-07-18", "site": "Saltillo", "phase": 1,
         "status": "paused", "id": "halted"},
        {"kind": "factory", "announced_on": "2023-01-01", "site": "Fremont", "phase": 2,
         "status": "operational"},
        {"kind": "factory", "announced_on": "2024-02-01", "site": "Fremont", "phase": 2,
         "status": "paused", "effective_on": "2024-01", "id": "line-stopped"},
        {"kind": "factory", "announced_on": "2022-06-01", "site": "Chennai", "phase": 1,
         "status": "operational", "effective_on": "2025-H2"},
        {"kind": "factory", "announced_on": "2024-03-01", "site": "Chennai", "phase": 1,
         "status": "cancelled", "id": "shelved"},
        {"kind": "launch", "announced_on": "2021-05-01", "model": "Model 3", "market": "DE"},
        {"kind": "exit", "announced_on": "2024-09-01", "markets": ["EU"], "id": "closing",
         "effective_on": "2024-12"},
    )  # fmt: skip
    company = ask(store, "state", "company", "Tesla", "--as-of", "2025-01-10")
    plants = {(f["site"], f["status"], f["reached_before"]) for f in company["factories"]}
    assert plants == {
        ("Saltillo", "paused", "under-construction"), ("Fremont", "paused", "operational"),
        ("Chennai", "cancelled", None),
    }  # fmt: skip
    fremont = next(f for f in company["factories"] if f["site"] == "Fremont")
    assert (fremont["effective_on"], fremont["effective_as_said"]) == ("2024-01-31", "2024-01")
    chennai = next(f for f in company["factories"] if f["site"] == "Chennai")
    assert chennai["planned"] is None  # a cancelled plan is no plan in force
    [shelved] = ask(store, "audit", "plans", "--kind", "factory", "--as-of", "2025-01-10")
    assert shelved["slot"]["outcome"] == "cancelled"
    model = ask(store, "state", "model", "Tesla/Model 3", "--as-of", "2025-01-10")
    assert model["market_statuses"] == {"DE": "withdrawn"}  # (never launched in the EU as such)
    [place] = model["launches"]
    assert (place["status"], place["available_from"], place["available_until"], place["id"]) == (
        "withdrawn", "2021-05-01", "2024-12-31", "closing",
    )  # fmt: skip
    # announced in September, the exit takes effect at the end of December
    assert ask(store, "state", "model", "Tesla/Model 3", "--as-of", "2024-10-01")[
        "market_statuses"] == {"DE": "available"}  # fmt: skip
    assert [e["id"] for e in company["exits"]] == ["closing"]


def test_a_stop_sale_pauses_and_its_end_resumes_without_moving_the_first_launch(
    store_location: str,
) -> None:
    store = store_location
    load(
        store,
        {"kind": "launch", "announced_on": "2024-01-16", "model": "Arc", "market": "US",
         "launched_on": "2024-01-15"},
        {"kind": "exit", "announced_on": "2024-05-02", "model": "Arc", "markets": ["US"],
         "effective_on": "2024-05-01", "temporary": True, "id": "stop"},
        {"kind": "launch", "announced_on": "2024-06-10", "model": "Arc", "market": "US",
         "status": "launched", "id": "resumed"},
    )  # fmt: skip
    paused = ask(store, "state", "market", "US", "--as-of", "2024-05-10")["models"][0]
    assert (paused["status"], paused["paused_from"], paused["launched_on"], paused["id"]) == (
        "paused", "2024-05-01", "2024-01-15", "stop",
    )  # fmt: skip
    again = ask(store, "state", "model", "Tesla/Arc", "--as-of", "2024-07-01")
    assert (again["market_statuses"], again["launched_on"]) == ({"US": "available"}, "2024-01-15")
    changes = ask(store, "diff", "--from", "2024-04-01", "--to", "2024-05-10")
    launch = next(c for c in changes if c["area"] == "launch")
    assert (launch["from_status"], launch["to_status"], launch["id"]) == (
        "available", "paused", "stop",
    )  # fmt: skip
    assert any(c["area"] == "exit" and c["to_status"] == "paused" for c in changes)
    shown = ask(store, "show", "stop", "--as-of", "2024-05-10")
    assert "model Tesla/Arc.market_statuses.US" in [s["path"] for s in shown["supports"]]


# -- dates said as periods, entries fulfilled ---------------------------------------------


@pytest.mark.parametrize(
    ("kind", "fields", "said"),
    [
        ("launch", {"model": "Model Y", "market": "US", "launched_on": "2024-12"}, "in December"),
        ("launch", {"model": "Model Y", "market": "US", "launched_on": "2024-Q3"}, "from Sept."),
        ("factory", {"site": "Berlin", "phase": 2, "status": "operational",
                     "effective_on": "2024-H2"}, "H2 2024"),
        ("expected-entry", {"market": "IN", "expected": "2025"}, "in 2025"),
        ("expected-entry", {"market": "IN", "expected": "2026-H2"}, "end-2026"),
    ],
)  # fmt: skip
def test_a_date_is_kept_as_it_was_said(
    store_location: str, kind: str, fields: dict[str, Any], said: str
) -> None:
    store = store_location
    load(store, {"kind": kind, "announced_on": "2024-01-10", "id": "said", **fields})
    [row] = ask(store, "audit", "plans", "--as-of", "2024-02-01")
    assert row["planned_as_said"] == next(v for k, v in fields.items() if k in (
        "launched_on", "effective_on", "expected"))  # fmt: skip
    assert [e["id"] for e in ask(store, "log")] == ["said"]


def test_a_company_wide_entry_is_fulfilled_by_a_launch(store_location: str) -> None:
    store = store_location
    load(
        store,
        {"kind": "expected-entry", "announced_on": "2024-03-01", "market": "IN",
         "expected": "2025", "certainty": "expected", "id": "india"},
        {"kind": "launch", "announced_on": "2025-07-15", "model": "Model Y", "market": "IN",
         "id": "y-in"},
        {"kind": "launch", "announced_on": "2025-09-01", "model": "Model 3", "market": "IN"},
        {"kind": "launch", "announced_on": "2025-01-10", "model": "Model S", "market": "US"},
    )  # fmt: skip
    before = ask(store, "state", "model", "Tesla/Model S", "--as-of", "2025-03-01")
    assert before["market_statuses"] == {"IN": "expected", "US": "available"}
    after = ask(store, "state", "model", "Tesla/Model S", "--as-of", "2025-10-01")
    assert after["market_statuses"] == {"US": "available"}  # nothing expected any more
    [entry] = ask(store, "state", "company", "Tesla", "--as-of", "2025-10-01")["expected_entries"]
    assert (entry["status"], entry["fulfilled_on"], entry["fulfilled_by"]) == (
        "fulfilled", "2025-07-15", "y-in",
    )  # fmt: skip
    market = ask(store, "state", "market", "IN", "--as-of", "2025-10-01")["models"]
    assert [(m["model"], m["status"]) for m in market] == [
        ("Model 3", "available"),
        ("Model Y", "available"),
    ]  # fmt: skip (the company's row is gone once fulfilled)
    changes = ask(store, "diff", "--from", "2025-07-01", "--to", "2025-08-01")
    entry_change = next(c for c in changes if c["area"] == "expected-entry")
    assert (entry_change["from_status"], entry_change["to_status"]) == ("expected", "fulfilled")


def test_an_overdue_entry_keeps_the_market_expected_with_its_own_status(
    store_location: str,
) -> None:
    store = store_location
    entry = {"kind": "expected-entry", "announced_on": "2024-03-01", "market": "DE",
             "model": "Arc", "expected": "2024-12", "certainty": "reported"}  # fmt: skip
    load(store, entry, {"kind": "launch", "announced_on": "2024-02-01", "model": "Arc",
                        "market": "US"})  # fmt: skip
    [row] = ask(store, "state", "market", "DE", "--as-of", "2025-01-10")["models"]
    assert (row["status"], row["expected_status"], row["days_overdue"]) == (
        "expected", "overdue", 10,
    )  # fmt: skip


# -- diff, conflicts, progress, audit and report --------------------------------------------


def test_diff_shows_plan_moves_and_both_ends_of_a_range(store_location: str) -> None:
    store = store_location
    load(
        store,
        {"kind": "factory", "announced_on": "2023-02-01", "site": "Mexico", "phase": 1,
         "status": "operational", "effective_on": "2025", "id": "p-2025"},
        {"kind": "factory", "announced_on": "2024-04-01", "site": "Mexico", "phase": 1,
         "status": "operational", "effective_on": "2028", "id": "p-2028"},
        {"kind": "target", "announced_on": "2024-01-05", "metric": "deliveries",
         "period": "2024", "value": 50_000},
        {"kind": "target", "announced_on": "2024-04-05", "metric": "deliveries",
         "period": "2024", "value": 40_000, "bound": "range", "high": 50_000, "id": "cut"},
    )  # fmt: skip
    changes = ask(store, "diff", "--from", "2024-03-01", "--to", "2024-05-01")
    plan = next(c for c in changes if c["area"] == "factory")
    assert (plan["plan"], plan["from"], plan["to"], plan["id"]) == (
        "operational", "2025", "2028", "p-2028",
    )  # fmt: skip
    target = next(c for c in changes if c["area"] == "target")
    assert (target["from"], target["from_high"], target["to"], target["to_high"]) == (
        50_000, None, 40_000, 50_000,
    )  # fmt: skip
    table = run_ok(store, "diff", "--from", "2024-03-01", "--to", "2024-05-01")
    assert "40,000–50,000" in table and "announced 2028" in table
    overdue = ask(store, "diff", "--from", "2025-12-01", "--to", "2029-01-05")
    assert any(c["area"] == "factory" and c["to_status"] == "overdue" for c in overdue)


def test_conflicts_leave_out_growth_slips_and_statuses_that_moved_on(store_location: str) -> None:
    store = store_location
    load(
        store,
        {"kind": "orders", "announced_on": "2024-08-01", "model": "R2", "stage": "pre-booking",
         "count": 24_308},
        {"kind": "orders", "announced_on": "2024-10-01", "model": "R2", "stage": "pre-booking",
         "count": 65_000, "bound": "at-least", "certainty": "reported"},
        {"kind": "expected-entry", "announced_on": "2024-03-01", "model": "R2", "market": "DE",
         "expected": "2024-12"},
        {"kind": "expected-entry", "announced_on": "2025-01-20", "model": "R2", "market": "DE",
         "expected": "2026", "certainty": "reported"},
        {"kind": "launch", "announced_on": "2024-02-01", "model": "R2", "market": "US"},
        {"kind": "launch", "announced_on": "2024-05-01", "model": "R2", "market": "US",
         "status": "paused", "certainty": "reported"},
        {"kind": "factory", "announced_on": "2024-01-01", "site": "Normal", "phase": 1,
         "status": "under-construction"},
        {"kind": "factory", "announced_on": "2024-09-01", "site": "Normal", "phase": 1,
         "status": "operational"},
    )  # fmt: skip
    assert ask(store, "conflicts", "--as-of", "2025-02-01") == []
    # a smaller count said later is no growth: that still disagrees
    load(store, {"kind": "orders", "announced_on": "2024-11-01", "model": "R2",
                 "stage": "pre-booking", "count": 20_000, "certainty": "reported",
                 "id": "smaller"})  # fmt: skip
    [conflict] = ask(store, "conflicts", "--as-of", "2025-02-01")
    assert [o["id"] for o in conflict["others"]] == ["smaller"]


def test_a_reported_quarter_never_replaces_confirmed_months(store_location: str) -> None:
    store = store_location
    load(
        store,
        {"kind": "target", "announced_on": "2025-01-02", "metric": "deliveries",
         "period": "2025-Q1", "value": 170_000},
        *({"kind": "deliveries", "announced_on": f"2025-0{m + 1}-02", "period": f"2025-0{m}",
           "units": 58_000, "id": f"m{m}"} for m in (1, 2, 3)),
        {"kind": "deliveries", "announced_on": "2025-04-03", "period": "2025-Q1",
         "units": 174_000, "bound": "about", "certainty": "reported", "id": "estimate"},
    )  # fmt: skip
    [row] = ask(store, "progress", "--as-of", "2025-04-10")
    assert (row["actual"], row["actual_bound"], row["sources"]) == (
        174_000, "exact", ["m1", "m2", "m3"],
    )  # fmt: skip
    confirmed = {"kind": "deliveries", "announced_on": "2025-04-05", "period": "2025-Q1",
                 "units": 175_000, "id": "quarter"}  # fmt: skip
    load(store, confirmed)  # the company's own quarter, confirmed: it replaces its months
    [row] = ask(store, "progress", "--as-of", "2025-04-10")
    assert (row["actual"], row["sources"]) == (175_000, ["quarter"])


def test_audit_targets_and_the_report_agree_on_what_is_in_force(
    store_location: str, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    store = store_location
    load(
        store,
        {"kind": "target", "announced_on": "2025-01-10", "metric": "deliveries",
         "period": "2025", "value": 800_000, "bound": "at-least", "id": "confirmed"},
        {"kind": "target", "announced_on": "2025-03-10", "metric": "deliveries",
         "period": "2025", "value": 1_000_000, "certainty": "reported", "id": "reported"},
    )  # fmt: skip
    audit = {r["id"]: r["status"] for r in ask(store, "audit", "targets", "--as-of", "2025-06-01")}
    assert audit == {"confirmed": "in-force", "reported": "superseded"}
    page = tmp_path / "report.html"
    run_ok(store, "report", "-o", str(page), "--as-of", "2025-06-01")
    html = page.read_text(encoding="utf-8")
    revisions = html[html.index("revisions</caption>") : html.index("</table>", html.index(
        "revisions</caption>"))]  # fmt: skip
    assert "confirmed" in revisions and "reported" not in revisions
    assert "1,000,000" not in revisions


# -- the story -----------------------------------------------------------------------------


def test_the_story_through_the_command_line(store_location: str, tmp_path: Path) -> None:
    """tests/data/plans-story.jsonl: the plant that slips three times, the Arc launched late
    in the US after a delay announced after its first date, its stop-sale and its end, the
    exit from Canada, the entry into India fulfilled — answered by the read commands."""
    store = store_location
    run_ok(store, "import", str(STORY))
    plans = ask(store, "audit", "plans", "--as-of", "2026-07-01")
    plant = [r for r in plans if r["kind"] == "factory"]
    assert [(r["planned_as_said"], r["slip_days"]) for r in plant] == [
        ("2023-H2", None), ("2024-H2", 366), ("2025-H2", 365), ("2026-Q2", 181)
    ]  # fmt: skip
    assert (plant[0]["slot"]["outcome"], plant[0]["slot"]["late_days"]) == ("happened", 900)
    outcomes = {(r["kind"], r["model"], r["market"]): r["slot"]["outcome"] for r in plans}
    assert outcomes == {
        ("factory", None, "MX"): "happened", ("launch", "Arc", "US"): "happened",
        ("expected-entry", None, "IN"): "happened", ("expected-entry", "Arc", "DE"): "pending",
    }  # fmt: skip
    late = ask(store, "audit", "plans", "--as-of", "2026-01-05", "--kind", "factory")
    assert (late[0]["slot"]["outcome"], late[0]["slot"]["days_overdue"]) == ("overdue", 5)
    arc = ask(store, "state", "model", "Volta Motors/Arc", "--as-of", "2025-09-02")
    assert arc["market_statuses"] == {"CA": "withdrawn", "DE": "expected", "IN": "available",
                                      "US": "available"}  # fmt: skip
    assert arc["launched_on"] == "2024-01-15"
    changes = ask(store, "diff", "--from", "2025-03-01", "--to", "2025-07-01")
    assert {(c["area"], c.get("market"), c.get("to_status")) for c in changes} >= {
        ("launch", "CA", "withdrawn"), ("market-status", "CA", None),
    }  # fmt: skip
    page = tmp_path / "story.html"
    run_ok(store, "report", "-o", str(page), "--as-of", "2026-07-01")
    html = page.read_text(encoding="utf-8")
    assert "Plans and their slippage" in html and "mean +" in html
    assert invoke_on(store, "audit", "plans", "--kind", "target").exit_code == 2


def test_the_readme_section_on_plans_runs_as_written(tmp_path: Path) -> None:
    """README, "When plans change": its commands answer what is late, by how much, since when."""
    import os
    import re
    import subprocess
    import sys

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## When plans change") : text.index("## Regions, metrics")]
    script = "\n".join(re.findall(r"```sh\n(.*?)```", section, re.S)).replace(
        "mxt report --company Volta", "mxt report --company Volta -o plans.html"
    )
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "MXT_STORE": str(tmp_path / "plans.sqlite")}  # fmt: skip
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    late = re.search(r"Volta +Arc +overdue +- +2023-12 +2023-09-30 +1 +5 ", result.stdout)
    assert late is not None, result.stdout
    assert re.search(r"happened +2024-01-15 +\+107d", result.stdout)
    assert ",operational,2025-07-01,2025-H2," in result.stdout and result.stdout.count(",5\n")
    assert "withdrawn 2025-06-30" in result.stdout
