"""Answers that follow the best evidence (docs/concepts.md, Rank; issue 11): each reproduction of
the issue, recorded through the command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from click.testing import Result
from conftest import import_seed, invoke_on, run_ok

from mxt.cli.demo import seed_path

from backends import store_location

__all__ = ["store_location"]


def ask(store: str, *args: str) -> Any:
    return run_ok(store, *args, "--json")


def record(store: str, kind: str, company: str, day: str, *fields: str) -> str:
    args = ["record", kind, "--company", company, "--announced-on", day, "--source", "press"]
    return run_ok(store, *args, *fields).strip()


def test_a_rounded_roundup_never_replaces_the_company_figure(store_location: str) -> None:
    store = store_location
    own = record(store, "deliveries", "BYD", "2025-10-01", "--period", "2025-09",
                 "--units", "396,270")  # fmt: skip
    roundup = record(store, "deliveries", "BYD", "2025-10-02", "--period", "2025-09",
                     "--units", "396k", "--certainty", "reported")  # fmt: skip
    [total] = ask(store, "state", "company", "BYD")["deliveries"]
    assert (total["units"], total["bound"], total["certainty"], total["id"]) == (
        396_270, "exact", "confirmed", own,
    )  # fmt: skip
    assert total["unconfirmed"]["value"] == 396_000
    assert (total["unconfirmed"]["certainty"], total["unconfirmed"]["id"]) == ("reported", roundup)
    [conflict] = ask(store, "conflicts", "--company", "byd")
    assert conflict["slot"]["kind"] == "deliveries" and conflict["slot"]["period"] == "2025-09"
    assert (conflict["in_force"]["id"], [o["id"] for o in conflict["others"]]) == (own, [roundup])
    # "about 396,000" agrees with 396,270: nothing beside the value, no conflict
    record(store, "deliveries", "BYD", "2025-10-03", "--period", "2025-09", "--units", "~396k",
           "--certainty", "reported")  # fmt: skip
    [total] = ask(store, "state", "company", "BYD")["deliveries"]
    assert (total["units"], total["unconfirmed"]) == (396_270, None)
    table = run_ok(store, "state", "company", "BYD")
    assert "396,270" in table


def test_a_second_city_and_a_rumour_never_move_or_undo_a_launch(store_location: str) -> None:
    store = store_location
    first = record(store, "launch", "Tesla", "2025-07-15", "--model", "Model Y", "--market", "IN")
    record(store, "launch", "Tesla", "2025-08-11", "--model", "Model Y", "--market", "IN",
           "--note", "Delhi showroom")  # fmt: skip
    rumour = record(store, "launch", "Tesla", "2025-08-20", "--model", "Model Y", "--market",
                    "IN", "--launched-on", "2026-01-01", "--certainty", "reported")  # fmt: skip
    model = ask(store, "state", "model", "Tesla/Model Y", "--as-of", "2025-09-01")
    assert (model["status"], model["launched_on"], model["markets"]) == (
        "launched", "2025-07-15", ["IN"],
    )  # fmt: skip
    assert model["market_statuses"] == {"IN": "available"}
    [row] = ask(store, "state", "market", "IN", "--as-of", "2025-09-01")["models"]
    assert (row["status"], row["launched_on"], row["id"]) == ("available", "2025-07-15", first)
    [conflict] = ask(store, "conflicts", "--as-of", "2025-09-01")
    assert [o["id"] for o in conflict["others"]] == [rumour]  # not the Delhi event


def test_a_company_wide_expected_entry_shows_everywhere(store_location: str) -> None:
    store = store_location
    record(store, "launch", "Tesla", "2025-01-10", "--model", "Model 3", "--market", "US")
    entry = record(store, "expected-entry", "Tesla", "2025-03-01", "--market", "IN",
                   "--expected", "2025-06", "--certainty", "expected")  # fmt: skip
    market = ask(store, "state", "market", "IN", "--as-of", "2025-04-01")
    assert [(m["model"], m["status"], m["expected"], m["id"]) for m in market["models"]] == [
        (None, "expected", "2025-06", entry), ("Model 3", "expected", "2025-06", entry),
    ]  # fmt: skip
    company = ask(store, "state", "company", "Tesla", "--as-of", "2025-04-01")
    assert [(e["market"], e["model"], e["id"]) for e in company["expected_entries"]] == [
        ("IN", None, entry)
    ]
    changes = ask(store, "diff", "--from", "2025-02-01", "--to", "2025-04-01")
    assert [(c["area"], c.get("model"), c["to"]) for c in changes if c["id"] == entry] == [
        ("expected-entry", None, "2025-06"),
        ("market-status", None, "expected"),
        ("market-status", "Model 3", "expected"),
    ]
    shown = ask(store, "show", entry, "--as-of", "2025-04-01")
    paths = [s["path"] for s in shown["supports"]]
    assert "model Tesla/Model 3.market_statuses.IN" in paths
    assert any(path.startswith("market IN.models") for path in paths)


def test_unknown_is_left_out_and_a_showcase_is_known(store_location: str) -> None:
    store = store_location
    import_seed(store)
    china = ask(store, "state", "market", "CN", "--as-of", "2025-07-10")
    assert "Defender Octa Black Edition" not in [m["model"] for m in china["models"]]
    every = ask(store, "state", "market", "CN", "--as-of", "2025-07-10", "--all")
    defender = [m for m in every["models"] if m["company"] == "Land Rover"]
    assert [m["status"] for m in defender] == ["unknown"]
    spain = invoke_on(store, "state", "market", "ES", "--as-of", "2024-03-01", "--json")
    [su7] = json.loads(spain.stdout)["models"]
    assert (su7["model"], su7["status"], su7["id"]) == (
        "SU7", "showcased", "xiaomi-su7-showcase-mwc2024",
    )  # fmt: skip
    assert "nothing is known" not in spain.stderr
    assert "unavailable" not in run_ok(store, "state", "market", "DE", "--all")
    [shown] = [c for c in ask(store, "diff", "--from", "2024-01-01", "--to", "2024-03-01")
               if c["area"] == "showcase"]  # fmt: skip
    assert (shown["model"], shown["market"], shown["to"]) == ("SU7", "ES", "MWC 2024, Barcelona")


def test_known_at_before_the_first_record_says_when_recording_began(store_location: str) -> None:
    store = store_location
    import_seed(store)
    result = invoke_on(store, "state", "company", "Xiaomi", "--known-at", "2025-06-26", "--json")
    assert json.loads(result.stdout)["targets"] == []
    assert "recording began at 20" in result.stderr
    span = ["diff", "--from", "2025-06-01", "--to", "2025-07-10", "--known-at", "2025-06-26"]
    assert "recording began at 20" in invoke_on(store, *span).stderr
    assert "recording began" not in invoke_on(store, "state", "company", "Nobody").stderr


def test_show_traces_a_status_to_its_policy_and_leaves_nulls_out(store_location: str) -> None:
    store = store_location
    import_seed(store)
    policy = "xiaomi-policy-no-sales-outside-cn-until-2027"
    shown = ask(store, "show", policy, "--as-of", "2025-07-10")
    traced = {s["path"]: s["value"] for s in shown["supports"]}
    assert traced["model Xiaomi/SU7.market_statuses.ES"] == "blocked"
    assert traced["model Xiaomi/YU7.market_statuses.EU"] == "blocked"
    launch = ask(store, "show", "xiaomi-yu7-launch-cn", "--as-of", "2025-07-10")
    assert "None" not in json.dumps(launch["supports"]) and "null" not in json.dumps(
        launch["supports"]
    )
    assert {"path": "model Xiaomi/YU7.market_statuses.CN", "value": "available"} in launch[
        "supports"
    ]
    human = run_ok(store, "show", "xiaomi-yu7-launch-cn", "--as-of", "2025-07-10")
    assert "planned_launch_on" not in human


def test_seed_june_deliveries_and_the_demo_conflict(store_location: str) -> None:
    store = store_location
    import_seed(store)
    totals = ask(store, "state", "company", "Xiaomi", "--as-of", "2025-07-10")["deliveries"]
    [june] = [total for total in totals if total["period"] == "2025-06"]
    assert (june["units"], june["bound"], june["certainty"], june["unconfirmed"]) == (
        25_000,
        "at-least",
        "confirmed",
        None,
    )  # fmt: skip  -- the article's 28,000 lies within "over 25,000"
    yu7 = ask(store, "state", "model", "Xiaomi/YU7", "--as-of", "2025-07-10")
    assert yu7["orders"]["locked"]["bound"] == "at-least"
    assert "240,000+" in run_ok(store, "state", "model", "Xiaomi/YU7")
    [conflict] = ask(store, "conflicts", "--company", "Xiaomi", "--as-of", "2025-07-10")
    assert conflict["slot"] == {"company": "Xiaomi", "kind": "wait-time", "model": "YU7",
                                "trim": None}  # fmt: skip
    assert [o["value"] for o in conflict["others"]] == [13.8]


def test_range_guidance_revises_by_midpoints_and_scopes_are_separate(store_location: str) -> None:
    store = store_location
    common = ["--metric", "deliveries", "--period", "2025-Q4"]
    record(store, "target", "NIO", "2025-09-02", *common, "--value", "38.5k-39.5k")
    record(store, "target", "NIO", "2025-11-25", *common, "--value", "40,000–41,000",
           "--previous", "38.5k-39.5k")  # fmt: skip
    audit = ask(store, "audit", "targets", "--company", "NIO")
    last = audit[-1]
    assert (last["value"], last["bound"], last["high"]) == (40_000, "range", 41_000)
    assert (last["previous"], last["previous_high"], last["change"]) == (38_500, 39_500, 1_500)
    assert last["change_pct"] == round(1_500 * 100 / 39_000, 2)
    assert last["previous_mismatch"] is False
    assert "40,000–41,000" in run_ok(store, "state", "company", "NIO")
    byd = ["--metric", "sales", "--period", "2025"]
    record(store, "target", "BYD", "2025-01-05", *byd, "--value", "5.5m")
    record(store, "target", "BYD", "2025-03-01", *byd, "--value", "800k", "--markets", "*",
           "--except", "CN")  # fmt: skip
    targets = ask(store, "state", "company", "BYD")["targets"]
    assert [(t["markets"], t["except"], t["value"]) for t in targets] == [
        (["*"], [], 5_500_000), (["*"], ["CN"], 800_000),
    ]  # fmt: skip


def test_a_lower_rank_later_report_is_unconfirmed_in_the_audit(store_location: str) -> None:
    store = store_location
    common = ["--metric", "production", "--period", "2026"]
    confirmed = record(store, "target", "Volta", "2025-01-10", *common, "--value", "100k")
    rumour = record(store, "target", "Volta", "2025-02-10", *common, "--value", "150k",
                    "--certainty", "reported")  # fmt: skip
    statuses = {r["id"]: r["status"] for r in ask(store, "audit", "targets")}
    assert statuses == {confirmed: "in-force", rumour: "unconfirmed"}
    [target] = ask(store, "state", "company", "Volta")["targets"]
    assert (target["value"], target["unconfirmed"]["value"]) == (100_000, 150_000)


def test_model_deliveries_sum_with_bounds_and_count_each_month_once(store_location: str) -> None:
    store = store_location
    for period, units in (("2025-04", "1,000"), ("2025-05", "2k+"), ("2025-Q2", "2,500")):
        record(store, "deliveries", "Volta", "2025-07-01", "--model", "V1", "--period", period,
               "--units", units)  # fmt: skip
    record(store, "deliveries", "Volta", "2025-07-01", "--model", "V1", "--period", "2025-01",
           "--units", "500")  # fmt: skip
    model = ask(store, "state", "model", "Volta/V1")
    # the quarter counts instead of its months: 2,500 + 500, both exact
    assert (model["deliveries_units"], model["deliveries_bound"]) == (3_000, "exact")
    record(store, "deliveries", "Volta", "2025-07-02", "--model", "V1", "--period", "2025-02",
           "--units", "300+")  # fmt: skip
    model = ask(store, "state", "model", "Volta/V1")
    assert (model["deliveries_units"], model["deliveries_bound"]) == (3_300, "at-least")


def test_a_conflict_names_company_and_model_as_first_spelled(store_location: str) -> None:
    """SPEC §4: a company (and a model) is shown as spelled in its earliest announcement, in
    `conflicts` too, whichever announcement is in force."""
    store = store_location
    record(store, "wait-time", "Acme", "2025-01-01", "--model", "m1", "--max-months", "6")
    newer = record(store, "wait-time", "ACME", "2025-02-01", "--model", "M1", "--max-months", "8")
    report = record(store, "wait-time", "acme", "2025-03-01", "--model", "M1", "--max-months",
                    "10", "--certainty", "reported")  # fmt: skip
    [conflict] = ask(store, "conflicts", "--company", "ACME")
    assert conflict["slot"] == {"company": "Acme", "kind": "wait-time", "model": "m1", "trim": None}
    assert (conflict["in_force"]["id"], [o["id"] for o in conflict["others"]]) == (newer, [report])


def test_a_conflict_over_a_company_wide_entry_names_its_model_none(store_location: str) -> None:
    """SPEC §8: `slot` names the slot's fields, and an expected entry's slot is (company,
    model, market) (§5.1): an entry of the company as a whole has `model: null`, as a
    company's own deliveries do."""
    store = store_location
    record(store, "expected-entry", "Acme", "2025-01-01", "--market", "EU", "--expected", "2027")
    record(
        store,
        "expected-entry",
        "Acme",
        "2025-01-01",
        "--market",
        "EU",
        "--expected",
        "2028",
        "--certainty",
        "reported",
    )  # fmt: skip (the same day: a slip would be history)
    [conflict] = ask(store, "conflicts")
    assert conflict["slot"] == {"company": "Acme", "kind": "expected-entry", "model": None,
                                "market": "EU"}  # fmt: skip
    assert [o["value"] for o in conflict["others"]] == ["2028"]
