"""Regions' definitions in `mxt changes` and `mxt watch run` (SPEC §10, §5.3): a definition
recorded in the stretch asked about is an event learned (`defined`, its name, what it set and
what that replaced), selected by the companies and models whose announcements name its
region and by the markets it adds or drops; the answers it changes (a model's status in a
country the region now holds) are among the changes. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from test_watch import events_of, last_recorded, ok, on

from backends import store_location  # noqa: F401 (a fixture)

AS_OF = "2024-06-01"


def _story(location: str) -> str:
    """EUROPE-X (the EU and GB) and two launches, one in it; the moment they were all
    recorded; then EUROPE-X takes Norway too."""
    mxt = on(location)
    ok(mxt("region", "define", "EUROPE-X", "--markets", "EU", "--markets", "GB",
           "--reason", "ours"))  # fmt: skip
    ok(mxt("record", "launch", "--company", "Hexa", "--model", "Arc", "--market", "EUROPE-X",
           "--launched-on", "2024-03-01", "--announced-on", "2024-03-02", "--source", "Arc",
           "--id", "hexa-arc"))  # fmt: skip
    ok(mxt("record", "launch", "--company", "Hexa", "--model", "Dot", "--market", "US",
           "--launched-on", "2024-03-01", "--announced-on", "2024-03-02", "--source", "Dot",
           "--id", "hexa-dot"))  # fmt: skip
    ok(mxt("record", "launch", "--company", "Rivet", "--model", "Bolt", "--market", "US",
           "--launched-on", "2024-03-01", "--announced-on", "2024-03-02", "--source", "Bolt",
           "--id", "rivet-bolt"))  # fmt: skip
    moment = last_recorded(location)
    ok(mxt("region", "define", "EUROPE-X", "--markets", "EU", "--markets", "GB",
           "--markets", "NO", "--reason", "with Norway"))  # fmt: skip
    return moment


def _changes(location: str, since: str, *options: str) -> dict[str, Any]:
    result = ok(on(location)("changes", "--since", since, "--as-of", AS_OF, *options, "--json"))
    answer: dict[str, Any] = json.loads(result.output)
    return answer


def _status_changes(answer: dict[str, Any]) -> list[tuple[str, str, Any, Any]]:
    return [
        (change["area"], change["company"], change["from"], change["to"])
        for change in answer["changes"]
    ]


def test_a_region_redefined_is_an_event_learned_with_the_statuses_it_changed(
    store_location: str,
) -> None:
    since = _story(store_location)
    answer = _changes(store_location, since)
    assert events_of(answer) == [("defined", "EUROPE-X")]
    event = answer["events"][0]
    assert (event["kind"], event["set"], event["was"], event["reason"]) == (
        "region", {"markets": ["EU", "GB", "NO"]}, {"markets": ["EU", "GB"]}, "with Norway",
    )  # fmt: skip
    assert event["summary"] == "EUROPE-X: EU, GB, NO (was EU, GB)"
    # Arc, launched in EUROPE-X, is now available in Norway: the one answer that changed
    assert _status_changes(answer) == [("market-status", "Hexa", "unknown", "available")]
    assert answer["changes"][0]["ids"] == ["hexa-arc"]
    # from the log's start: the first definition too, with nothing it replaced
    every = _changes(store_location, "2000-01-01")
    assert [e["id"] for e in every["events"]] == [
        "EUROPE-X", "hexa-arc", "hexa-dot", "rivet-bolt", "EUROPE-X",
    ]  # fmt: skip
    assert (every["events"][0]["set"], every["events"][0]["was"]) == (
        {"markets": ["EU", "GB"], "except": []}, None,
    )  # fmt: skip


def test_a_definition_concerns_the_selections_naming_its_region_or_a_market_it_moved(
    store_location: str,
) -> None:
    since = _story(store_location)
    seen = {
        options: events_of(_changes(store_location, since, *options))
        for options in (
            ("--company", "Hexa"), ("--company", "Rivet"), ("--model", "Arc"),
            ("--model", "Bolt"), ("--market", "NO"), ("--market", "EFTA"), ("--market", "FR"),
            ("--market", "US"), ("--kind", "region"), ("--kind", "launch"),
        )
    }  # fmt: skip
    defined = [("defined", "EUROPE-X")]
    assert seen == {
        ("--company", "Hexa"): defined,  # its Arc names EUROPE-X
        ("--company", "Rivet"): [],  # nothing of Rivet's names it
        ("--model", "Arc"): defined,
        ("--model", "Bolt"): [],
        ("--market", "NO"): defined,  # Norway joined it
        ("--market", "EFTA"): defined,  # a region holding Norway
        ("--market", "FR"): [],  # in it before and after
        ("--market", "US"): [],
        ("--kind", "region"): defined,
        ("--kind", "launch"): [],
    }
    unknown = on(store_location)("changes", "--since", since, "--kind", "regions")
    assert unknown.exit_code == 2 and "region" in unknown.output


def test_a_watch_reports_a_definition_once_in_every_format(store_location: str) -> None:
    mxt = on(store_location)
    ok(mxt("region", "define", "EUROPE-X", "--markets", "EU", "--reason", "ours"))
    ok(mxt("watch", "add", "norway", "--market", "NO"))
    ok(mxt("watch", "add", "rivet", "--company", "Rivet"))
    ok(mxt("record", "launch", "--company", "Hexa", "--model", "Arc", "--market", "EUROPE-X",
           "--launched-on", "2024-03-01", "--announced-on", "2024-03-02", "--source", "Arc",
           "--id", "hexa-arc"))  # fmt: skip
    ok(mxt("region", "define", "EUROPE-X", "--markets", "EU", "--markets", "NO",
           "--reason", "with Norway"))  # fmt: skip
    result = ok(mxt("watch", "run", "--as-of", AS_OF, "--peek", "--json"), 3)
    run = json.loads(result.output)

    def of(watch: str, section: str) -> list[dict[str, Any]]:
        return [item for item in run[section] if item["watch"] == watch]

    assert [(e["event"], e["id"]) for e in of("norway", "events")] == [("defined", "EUROPE-X")]
    assert [c["to"] for c in of("norway", "changes")] == ["available"]
    assert of("rivet", "events") == of("rivet", "changes") == []
    markdown = ok(mxt("watch", "run", "norway", "--as-of", AS_OF, "--format", "markdown"), 3)
    assert "**defined** region EUROPE-X: EU, NO (was EU)" in markdown.output
    assert "announced" not in markdown.output.split("### Recorded")[1]
    assert ok(mxt("watch", "run", "norway", "--as-of", AS_OF, "--json")).exit_code == 0
