"""The seed story, told through `state`: given these announcements, the state answers that."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import import_seed, invoke

from mxt.cli.demo import seed_path

from backends import BACKENDS, new_store, store_location

POLICY = "xiaomi-policy-no-sales-outside-cn-until-2027"


@pytest.fixture(scope="module", params=BACKENDS)
def seeded_backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A store holding the seed story on each backend, shared by this module's readers."""
    with new_store(request.param, tmp_path_factory.mktemp("seed")) as location:
        yield import_seed(location)


def state(store: str, *args: str) -> dict[str, Any]:
    result = invoke("--store", store, "state", *args, "--json")
    assert result.exit_code == 0, result.output
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_yu7_is_unknown_the_day_before_its_launch(seeded_backend: str) -> None:
    yu7 = state(seeded_backend, "model", "Xiaomi/YU7", "--as-of", "2025-06-25")
    assert yu7["status"] == "unknown"
    assert yu7["launched_on"] is None
    assert yu7["markets"] == []
    assert yu7["orders"] == {}


def test_yu7_after_launch_has_its_orders_and_market(seeded_backend: str) -> None:
    yu7 = state(seeded_backend, "model", "xiaomi/yu7", "--as-of", "2025-06-28")
    assert set(yu7) == {
        "company", "model", "as_of", "known_at", "status", "launched_on", "planned_launch_on",
        "markets", "market_statuses", "launches", "orders", "max_wait_months", "wait_times",
        "deliveries_units", "deliveries_bound",
    }  # fmt: skip
    assert (yu7["company"], yu7["model"]) == ("Xiaomi", "YU7")  # as first spelled
    assert yu7["status"] == "launched"
    assert yu7["launched_on"] == "2025-06-26"
    assert yu7["markets"] == ["CN"]
    assert yu7["market_statuses"] == {"CN": "available"}
    assert yu7["orders"]["pre-booking"]["count"] == 200_000
    assert yu7["orders"]["pre-booking"]["bound"] == "at-least"
    assert yu7["orders"]["pre-booking"]["within"] == "3min"
    assert yu7["orders"]["locked"] == {
        "count": 240_000,
        "bound": "at-least",
        "high": None,
        "certainty": "confirmed",
        "within": "18h",
        "announced_on": "2025-06-27",
        "id": "xiaomi-yu7-locked-18h",
        "unconfirmed": None,
    }
    assert yu7["max_wait_months"] is None  # the wait was reported on 2025-07-01
    later = state(seeded_backend, "model", "Xiaomi/YU7", "--as-of", "2025-07-02")
    assert later["max_wait_months"] == 12


def test_the_2025_target_before_and_after_its_revision(seeded_backend: str) -> None:
    before = state(seeded_backend, "company", "Xiaomi", "--as-of", "2025-03-17")
    after = state(seeded_backend, "company", "XIAOMI", "--as-of", "2025-03-18")
    assert [(t["metric"], t["period"], t["value"]) for t in before["targets"]] == [
        ("production", "2025", 300_000)
    ]
    assert after["targets"] == [
        {
            "metric": "production",
            "period": "2025",
            "markets": ["*"],
            "except": [],
            "value": 350_000,
            "bound": "exact",
            "high": None,
            "certainty": "confirmed",
            "announced_on": "2025-03-18",
            "id": "xiaomi-2025-target-350k",
            "unconfirmed": None,
        }
    ]
    assert after["company"] == "Xiaomi"


def test_germany_is_blocked_until_2027_then_expected(seeded_backend: str) -> None:
    blocked = state(seeded_backend, "market", "DE", "--as-of", "2025-07-05")
    xiaomi = [m for m in blocked["models"] if m["company"] == "Xiaomi"]
    # One row for the company as a whole (its expected entry into the EU), one per model.
    assert {m["model"]: m["status"] for m in xiaomi} == {
        None: "blocked",
        "SU7": "blocked",
        "YU7": "blocked",
    }
    assert {m["not_before"] for m in xiaomi} == {"2027-01-01"}
    assert {m["certainty"] for m in xiaomi} == {"confirmed"}
    assert [m["model"] for m in blocked["models"] if m["company"] == "Land Rover"] == []
    assert [p["id"] for p in blocked["policies"]] == [POLICY]
    lapsed = state(seeded_backend, "market", "DE", "--as-of", "2027-01-01")
    assert lapsed["policies"] == []
    xiaomi = [m for m in lapsed["models"] if m["company"] == "Xiaomi"]
    assert {m["status"] for m in xiaomi} == {"expected"}  # Europe expected first
    assert {m["expected"] for m in xiaomi} == {"2027"}
    assert {m["certainty"] for m in xiaomi} == {"expected"}


def test_china_is_excepted_from_the_policy(seeded_backend: str) -> None:
    china = state(seeded_backend, "market", "CN", "--as-of", "2025-07-05")
    assert {m["model"]: m["status"] for m in china["models"] if m["company"] == "Xiaomi"} == {
        "SU7": "available",
        "YU7": "available",
    }
    assert china["policies"] == []


def test_a_region_covers_its_members_but_not_the_reverse(store_location: str) -> None:
    store = store_location
    common = ["--company", "Volta", "--source", "press", "--model", "V1"]
    for market, day in (("EU", "2025-01-10"), ("US", "2025-02-01")):
        result = invoke(
            "--store", store, "record", "launch", "--announced-on", day, "--market", market, *common
        )
        assert result.exit_code == 0, result.output
    result = invoke(
        "--store",
        store,
        "record",
        "launch",
        "--announced-on",
        "2025-03-01",
        "--market",
        "JP",
        "--launched-on",
        "2025-09-01",
        *common,
    )
    assert result.exit_code == 0, result.output
    assert state(store, "market", "FR", "--as-of", "2025-03-01")["models"][0]["status"] == (
        "available"
    )
    eu = state(store, "market", "EU", "--as-of", "2025-03-01")["models"][0]
    assert eu["status"] == "available"
    japan = state(store, "market", "JP", "--as-of", "2025-03-01")["models"][0]
    assert (japan["status"], japan["planned_launch_on"]) == ("announced", "2025-09-01")
    # A launch in a member state does not make the whole region available.
    invoke(
        "--store",
        store,
        "record",
        "launch",
        "--announced-on",
        "2025-01-05",
        "--market",
        "DE",
        "--company",
        "Other",
        "--source",
        "press",
        "--model",
        "O1",
    )
    eu_now = state(store, "market", "EU", "--as-of", "2025-03-01")["models"]
    [other] = [m for m in eu_now if m["company"] == "Other"]  # listed for its member
    assert (other["status"], other["members"]["DE"]) == ("unknown", "available")
    assert other["summary"] == "available in 1 of 27"
    every = state(store, "market", "EU", "--as-of", "2025-03-01", "--all")["models"]
    assert [m["status"] for m in every if m["company"] == "Other"] == ["unknown"]
    model = state(store, "model", "Volta/V1", "--as-of", "2025-03-01")
    assert model["markets"] == ["EU", "US"]
    assert model["planned_launch_on"] is None  # launched already; JP is a later market


def test_known_at_hides_what_was_recorded_later(store_location: str) -> None:
    store = store_location
    args = ["--store", store, "record", "target", "--company", "Volta", "--announced-on",
            "2025-01-10", "--source", "press", "--metric", "sales", "--period", "2025"]  # fmt: skip
    assert invoke(*args, "--value", "100k").exit_code == 0
    first = state(store, "company", "Volta")["known_at"]
    assert invoke(*args, "--value", "120k", "--id", "t2").exit_code == 0
    fix = invoke("--store", store, "correct", "t2", "--set", "value=125k", "--reason", "typo")
    assert fix.exit_code == 0, fix.output
    then = state(store, "company", "Volta", "--known-at", first)
    now = state(store, "company", "Volta")
    assert [t["value"] for t in then["targets"]] == [100_000]
    assert [t["value"] for t in now["targets"]] == [125_000]
    # A correction known now applies at every as-of, even before it was made.
    assert [t["value"] for t in state(store, "company", "Volta", "--as-of", "2025-01-10")[
        "targets"]] == [125_000]  # fmt: skip
    retract = invoke("--store", store, "retract", "t2", "--reason", "wrong")
    assert retract.exit_code == 0
    assert [t["value"] for t in state(store, "company", "Volta")["targets"]] == [100_000]


def test_nothing_known_is_an_empty_state_with_a_note(seeded_backend: str) -> None:
    result = invoke("--store", seeded_backend, "state", "company", "Xiaomee", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["targets"] == []
    assert "nothing is known about Xiaomee" in result.stderr


def test_rebuild_gives_the_same_answers(seeded_backend: str) -> None:
    before = state(
        seeded_backend, "company", "Xiaomi", "--as-of", "2025-07-10", "--known-at", "2100-01-01"
    )
    result = invoke("--store", seeded_backend, "rebuild")
    assert result.exit_code == 0
    assert "rebuilt from 33 events" in result.stdout
    after = state(
        seeded_backend, "company", "Xiaomi", "--as-of", "2025-07-10", "--known-at", "2100-01-01"
    )
    assert after == before
    assert [f["status"] for f in after["factories"]] == ["completed", "land-acquired"]
    assert after["factories"][0]["planned"]["status"] == "operational"
