"""`mxt audit targets` and `mxt show`: how a target changed, and where a value comes from."""

from __future__ import annotations

import json
from typing import Any

from conftest import invoke, run_ok

from mxt.cli.demo import seed_path

from backends import store_location

KEYS = {
    "company", "metric", "period", "value", "previous", "change", "change_pct",
    "stated_previous", "announced_on", "recorded_at", "id", "source", "certainty", "status",
    "corrections", "speaker", "previous_mismatch", "markets", "except", "bound", "high",
    "previous_high", "stated_previous_high",
}  # fmt: skip


def target(store: str, value: str, day: str, ident: str, *extra: str) -> None:
    run_ok(store, "record", "target", "--company", "Volta", "--announced-on", day, "--source",
        "press", "--metric", "production", "--period", "2026", "--value", value, "--id", ident,
        *extra)  # fmt: skip


def test_the_seed_audit_shows_the_raise_to_350k(store_location: str) -> None:
    store = store_location
    run_ok(store, "import", str(seed_path()))
    audit = run_ok(store, "audit", "targets", "--company", "xiaomi", "--json")
    assert [set(revision) for revision in audit] == [KEYS, KEYS]
    first, second = audit
    assert (first["value"], first["previous"], first["status"]) == (300_000, None, "superseded")
    assert second["value"] == 350_000
    assert second["previous"] == 300_000
    assert second["stated_previous"] == 300_000
    assert second["previous_mismatch"] is False
    assert (second["change"], second["change_pct"]) == (50_000, 16.67)
    assert second["status"] == "in-force"
    assert second["source"]["title"].startswith("Xiaomi Won")
    human = run_ok(store, "audit", "targets")
    assert "+50,000 (+16.67%)" in human


def test_corrections_retractions_and_a_stated_previous_that_disagrees(store_location: str) -> None:
    store = store_location
    target(store, "100k", "2025-01-10", "t1")
    target(store, "150k", "2025-02-10", "t2", "--previous", "90k")  # history says 100k
    target(store, "170k", "2025-03-10", "t3")
    run_ok(store, "correct", "t2", "--set", "value=140k", "--reason", "misread the slide")
    before_retraction = run_ok(store, "audit", "targets", "--json")
    run_ok(store, "retract", "t3", "--reason", "never said")
    audit = run_ok(store, "audit", "targets", "--json")
    by_id = {revision["id"]: revision for revision in audit}
    assert [revision["id"] for revision in audit] == ["t1", "t2", "t3"]
    assert by_id["t2"]["value"] == 140_000
    assert by_id["t2"]["previous"] == 100_000
    assert by_id["t2"]["stated_previous"] == 90_000
    assert by_id["t2"]["previous_mismatch"] is True
    assert by_id["t2"]["change_pct"] == 40.0
    assert by_id["t2"]["status"] == "in-force"
    [correction] = by_id["t2"]["corrections"]
    assert correction["field"] == "value"
    assert (correction["from"], correction["to"]) == (150_000, 140_000)
    assert correction["reason"] == "misread the slide"
    assert by_id["t3"]["status"] == "retracted"
    # Before the retraction was recorded, t3 was in force: the audit as known then says so.
    known_then = before_retraction[-1]["recorded_at"]
    assert {r["id"]: r["status"] for r in before_retraction}["t3"] == "in-force"
    as_known = run_ok(store, "audit", "targets", "--known-at", by_id["t2"]["corrections"][0][
        "recorded_at"], "--json")  # fmt: skip
    assert {r["id"]: r["status"] for r in as_known}["t3"] == "in-force"
    assert known_then <= by_id["t2"]["corrections"][0]["recorded_at"]
    # As of February, t3 had not been announced yet.
    as_of = run_ok(store, "audit", "targets", "--as-of", "2025-02-28", "--json")
    assert [r["id"] for r in as_of] == ["t1", "t2"]
    human = run_ok(store, "audit", "targets")
    assert "stated previous 90,000" in human


def test_show_names_the_source_corrections_and_what_it_supports(store_location: str) -> None:
    store = store_location
    run_ok(store, "import", str(seed_path()))
    shown = run_ok(store, "show", "xiaomi-2025-target-350k", "--json")
    assert shown["value"] == 350_000
    assert shown["status"] == "active"
    assert shown["recorded_at"].endswith("Z")
    assert shown["corrections"] == []
    assert shown["retraction"] is None
    assert any(s["value"]["id"] == "xiaomi-2025-target-350k" for s in shown["supports"])
    superseded = run_ok(store, "show", "xiaomi-2025-target-300k", "--json")
    assert superseded["supports"] == []
    missing = invoke("--store", store, "show", "nope")
    assert missing.exit_code == 2
    assert "nope" in missing.stderr
