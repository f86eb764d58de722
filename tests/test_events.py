"""The announcement vocabulary: every field rule of every kind, good input and bad."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import KIND_FIELDS, make_announcement
from hypothesis import given
from hypothesis import strategies as st

from mxt.events.announcements import (
    SCHEMAS,
    Announcement,
    apply_correction,
    json_schema,
    parse_announcement,
    parse_json_line,
    parse_line,
    with_id,
)
from mxt.events.content import derive_id
from mxt.events.errors import InputError
from mxt.events.fields import parse_count


def rejected(data: Any) -> InputError:
    """The error `parse_line` raises for `data` (the test fails if it accepts it)."""
    with pytest.raises(InputError) as caught:
        parse_line(data)
    return caught.value


def dumped(data: dict[str, Any]) -> dict[str, Any]:
    """The JSON form (`dump`) of a valid announcement line."""
    line = parse_line(data)
    assert isinstance(line, Announcement)
    return line.dump()


def stored(data: dict[str, Any]) -> dict[str, Any]:
    """The stored form (id filled in) of a valid announcement."""
    return with_id(parse_announcement(data))


# -- every kind -------------------------------------------------------------------------


def test_every_kind_of_the_spec_has_a_schema() -> None:
    assert set(SCHEMAS) == {
        "launch", "orders", "wait-time", "target", "deliveries", "factory", "policy",
        "showcase", "expected-entry", "exit", "statement", "claim",
    }  # fmt: skip
    assert set(KIND_FIELDS) == set(SCHEMAS)


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_a_valid_announcement_of_each_kind_is_accepted_and_dumps_back(kind: str) -> None:
    data = make_announcement(kind)
    content = dumped(data)
    assert content["kind"] == kind
    assert content["company"] == "Xiaomi"
    assert content["announced_on"] == "2025-07-01"
    assert content["certainty"] == data.get("certainty", "confirmed")
    for field, value in KIND_FIELDS[kind].items():
        assert content[field] == value
    # The dump is itself valid input that dumps to the same thing (export -> import).
    assert dumped(json.loads(json.dumps(content))) == content


REQUIRED = {
    "launch": ["model", "market"],
    "orders": ["model", "stage", "count"],
    "wait-time": ["model", "max_months"],
    "target": ["metric", "period", "value"],
    "deliveries": ["period", "units"],
    "factory": ["site", "phase", "status"],
    "policy": ["markets", "not_before"],
    "showcase": ["model", "venue"],
    "expected-entry": ["market", "expected"],
    "exit": ["markets"],
    "statement": ["topic", "text"],
}


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        (kind, field)
        for kind, fields in REQUIRED.items()
        for field in [*fields, "company", "announced_on", "source"]
    ],
)
def test_a_missing_required_field_is_named(kind: str, field: str) -> None:
    error = rejected(make_announcement(kind, **{field: None}))
    assert error.field == field
    assert str(error) == f"{field}: missing"


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("launch", "launched_on"), ("launch", "segment"), ("launch", "competitor"),
        ("orders", "within"), ("wait-time", "trim"), ("target", "previous"),
        ("deliveries", "model"), ("factory", "effective_on"), ("factory", "capacity"),
        ("policy", "except"), ("expected-entry", "model"), ("statement", "market"),
        ("showcase", "market"), ("orders", "bound"), ("target", "markets"),
        ("deliveries", "metric"), ("deliveries", "except"), ("launch", "status"),
        ("factory", "market"), ("factory", "assembly"), ("exit", "model"),
        ("exit", "effective_on"), ("exit", "temporary"), ("exit", "except"),
    ],
)  # fmt: skip
def test_optional_fields_may_be_left_out(kind: str, field: str) -> None:
    content = dumped(make_announcement(kind, **{field: None}))
    assert field not in content or content[field] == []


def test_unknown_kind_and_missing_kind_are_named() -> None:
    error = rejected(make_announcement("launch", kind="lunch"))
    assert error.field == "kind"
    assert "lunch" in error.message and "launch" in error.message
    assert rejected(make_announcement("launch", kind=None)).field == "kind"
    with pytest.raises(InputError, match="kind: unknown kind 'lunch'"):
        parse_announcement(make_announcement("launch", kind="lunch"))


@pytest.mark.parametrize("value", [[], "text", 42, None, ["a"]])
def test_a_line_that_is_not_an_object_is_rejected(value: Any) -> None:
    assert rejected(value).message == "expected a JSON object"


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2025-07-01", "2024-02-29", "1999-12-31"])
def test_iso_dates_are_accepted(value: str) -> None:
    assert dumped(make_announcement("orders", announced_on=value))["announced_on"] == value


@pytest.mark.parametrize(
    "value",
    [
        "2025-7-1", "2025/07/01", "01-07-2025", "07/01/2025", "2025-07-01T00:00:00",
        "2025-07-01 ", "2025-02-29", "2025-13-01", "2025-06-31", "20250701", 20250701,
        "July 1, 2025", "", "٢٠٢٥-07-01", "2025-W27-1",
    ],
)  # fmt: skip
def test_dates_are_strict_iso(value: Any) -> None:
    error = rejected(make_announcement("orders", announced_on=value))
    assert error.field == "announced_on"


@pytest.mark.parametrize(
    ("kind", "field"),
    [("launch", "launched_on"), ("factory", "effective_on"), ("policy", "not_before")],
)
def test_every_date_field_is_strict(kind: str, field: str) -> None:
    assert dumped(make_announcement(kind, **{field: "2026-01-31"}))[field] == "2026-01-31"
    assert rejected(make_announcement(kind, **{field: "2026-1-31"})).field == field
    assert rejected(make_announcement(kind, **{field: "2026-02-30"})).field == field


@pytest.mark.parametrize("value", ["2027", "2027-01-01"])
def test_expected_is_a_year_or_a_date(value: str) -> None:
    content = dumped(make_announcement("expected-entry", expected=value))
    assert content["expected"] == value


@pytest.mark.parametrize("value", ["2027-1", "27", "2027-13-01", "2027-02-30", "next year", 2027])
def test_a_bad_expected_is_rejected(value: Any) -> None:
    assert rejected(make_announcement("expected-entry", expected=value)).field == "expected"


# -- enumerations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "field", "good", "bad"),
    [
        ("orders", "stage", ["pre-booking", "locked", "confirmed"], ["prebooking", "Locked", ""]),
        ("target", "metric", ["production", "deliveries", "sales"], ["output", "Sales"]),
        (
            "factory",
            "status",
            [
                "land-acquired",
                "under-construction",
                "completed",
                "operational",
                "paused",
                "cancelled",
                "closed",
            ],
            ["done", "planned", "Paused"],
        ),
        ("launch", "status", ["launched", "planned", "paused", "cancelled"], ["soon", "Planned"]),
        ("factory", "assembly", ["full", "ckd", "skd"], ["CKD", "kits"]),
        ("orders", "certainty", ["confirmed", "reported", "expected"], ["rumour", "CONFIRMED"]),
    ],
)
def test_enumerations(kind: str, field: str, good: list[str], bad: list[str]) -> None:
    for value in good:
        assert dumped(make_announcement(kind, **{field: value}))[field] == value
    for value in bad:
        assert rejected(make_announcement(kind, **{field: value})).field == field


def test_certainty_defaults_to_confirmed() -> None:
    content = dumped(make_announcement("orders"))
    assert content["certainty"] == "confirmed"


# -- markets -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [("CN", "CN"), ("DE", "DE"), ("ES", "ES"), ("IN", "IN"), ("EU", "EU"), ("de", "DE"),
     (" fr ", "FR"), ("GB", "GB")],
)  # fmt: skip
def test_market_codes_are_iso_3166_alpha_2_or_eu(value: str, code: str) -> None:
    assert dumped(make_announcement("launch", market=value))["market"] == code


@pytest.mark.parametrize("value", ["XX", "UK", "EL", "DEU", "E", "", "*", "12", "EU-", "ZZ"])
def test_unknown_market_codes_are_rejected(value: str) -> None:
    error = rejected(make_announcement("launch", market=value))
    assert error.field == "market"


def test_policy_markets_take_a_star_and_except_takes_codes() -> None:
    content = dumped(make_announcement("policy"))
    assert content["markets"] == ["*"]
    assert content["except"] == ["CN"]
    content = dumped(make_announcement("policy", markets=["de", "EU"]))
    assert content["markets"] == ["DE", "EU"]
    assert rejected(make_announcement("policy", markets=["XX"])).field == "markets.0"
    assert rejected(make_announcement("policy", markets=[])).field == "markets"
    assert rejected(make_announcement("policy", markets="DE")).field == "markets"
    assert rejected(make_announcement("policy", **{"except": ["*"]})).field == "except.0"
    assert rejected(make_announcement("policy", **{"except": ["CN", "XX"]})).field == "except.1"


@pytest.mark.parametrize("kind", ["showcase", "expected-entry", "statement", "factory"])
def test_every_market_field_is_checked(kind: str) -> None:
    assert rejected(make_announcement(kind, market="XX")).field == "market"


# -- counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "count"),
    [
        (350000, 350000), ("350000", 350000), ("350,000", 350000), ("1,200,000", 1200000),
        ("350k", 350000), ("350K", 350000), ("1.2m", 1200000), ("1.2M", 1200000),
        ("2.01k", 2010), ("0.5k", 500), ("1.1m", 1100000), (0, 0), ("0", 0), (240000.0, 240000),
    ],
)  # fmt: skip
def test_counts_accept_the_spellings_of_the_spec(value: Any, count: int) -> None:
    assert parse_count(value) == count
    content = dumped(make_announcement("orders", count=value))
    assert content["count"] == count
    assert isinstance(content["count"], int)


@given(st.integers(min_value=0, max_value=10**15))
def test_every_spelling_of_a_count_reads_back_as_it(count: int) -> None:
    assert parse_count(count) == count
    assert parse_count(str(count)) == count
    assert parse_count(f"{count:,}") == count
    assert parse_count(f"{count:_}") == count
    if count % 1000 == 0:
        assert parse_count(f"{count // 1000}k") == count
        assert parse_count(f"{count / 1_000_000:f}".rstrip("0").rstrip(".") + "m") == count


def test_every_decimal_multiple_of_a_unit_is_a_whole_count() -> None:
    """`2.01k` is 2010, not a float just below it: the arithmetic is decimal."""
    for thousandths in range(0, 5000, 7):
        assert parse_count(f"{thousandths / 1000:.3f}m") == thousandths * 1000
    for hundredths in range(0, 5000, 7):
        assert parse_count(f"{hundredths / 100:.2f}k") == hundredths * 10


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "must be >= 0"), ("-5", "must be >= 0"), ("-1.2m", "must be >= 0"),
        (1.5, "must be a whole number"), ("1.5", "must be a whole number"),
        ("1.2345k", "must be a whole number"), (True, "expected a whole number"),
        (float("inf"), "expected a whole number"), (float("nan"), "expected a whole number"),
        ("abc", "is not a count"), ("1e3", "is not a count"), ("1,2,3", "is not a count"),
        ("35,0000", "is not a count"), ("350 000", "is not a count"), ("", "is not a count"),
        ("١٢", "is not a count"), ("3b", "is not a count"), ([1], "expected a whole number"),
        ({}, "expected a whole number"),
    ],
)  # fmt: skip
def test_bad_counts_are_rejected(value: Any, message: str) -> None:
    error = rejected(make_announcement("orders", count=value))
    assert error.field == "count"
    assert message in error.message


@pytest.mark.parametrize(
    ("kind", "field"),
    [("target", "value"), ("target", "previous"), ("deliveries", "units"),
     ("factory", "capacity")],
)  # fmt: skip
def test_every_count_field_takes_suffixes_and_refuses_negatives(kind: str, field: str) -> None:
    assert dumped(make_announcement(kind, **{field: "1.2m"}))[field] == 1200000
    assert rejected(make_announcement(kind, **{field: -1})).field == field


def test_infinity_from_a_json_line_is_an_input_error_not_a_crash() -> None:
    data = json.loads(json.dumps(make_announcement("orders")).replace("240000", "Infinity"))
    assert rejected(data).field == "count"


def test_null_for_a_required_field_is_named() -> None:
    assert rejected({**make_announcement("orders"), "count": None}).field == "count"
    assert rejected({**make_announcement("orders"), "company": None}).field == "company"


@pytest.mark.parametrize("value", [12, 7.5, "12", 0.5, 12.0, "12.0", "7.5"])
def test_wait_time_is_a_positive_number(value: Any) -> None:
    assert dumped(make_announcement("wait-time", max_months=value))["max_months"] == (float(value))


@pytest.mark.parametrize("value", [0, -3, "twelve", float("nan"), float("inf")])
def test_a_bad_wait_time_is_rejected(value: Any) -> None:
    assert rejected(make_announcement("wait-time", max_months=value)).field == "max_months"


@pytest.mark.parametrize(("value", "ok"), [(1, True), (3, True), (0, False), (-1, False)])
def test_factory_phase_starts_at_one(value: int, ok: bool) -> None:
    data = make_announcement("factory", phase=value)
    if ok:
        assert dumped(data)["phase"] == value
    else:
        assert rejected(data).field == "phase"


# -- durations and periods ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("3m", "3min"),
        ("3min", "3min"),
        ("18h", "18h"),
        ("2d", "2d"),
        ("1w", "1w"),
        ("90s", "90s"),
        ("18H", "18h"),
        ("6mo", "6mo"),
        ("1.5MO", "1.5mo"),
    ],
)
def test_durations(value: str, kept: str) -> None:
    assert dumped(make_announcement("orders", within=value))["within"] == kept


@pytest.mark.parametrize(
    "value", ["3", "m3", "3 m", "3 minutes", "-3m", "3y", "", "3mm", 3, "3mins", "3mon"]
)
def test_bad_durations_are_rejected(value: Any) -> None:
    assert rejected(make_announcement("orders", within=value)).field == "within"


@pytest.mark.parametrize(
    "value", ["2025", "2025-H1", "2025-H2", "2025-Q1", "2025-Q3", "2025-Q4", "2025-06", "2025-12"]
)
def test_target_and_deliveries_periods(value: str) -> None:
    assert dumped(make_announcement("target", period=value))["period"] == value
    assert dumped(make_announcement("deliveries", period=value))["period"] == value


@pytest.mark.parametrize(
    "value",
    ["25", "2025-Q5", "2025-Q0", "2025Q3", "2025-q3", "2025-H3", "2025-13", "2025-00", "2025-6",
     "2025-06-01", "FY2025", "", "٢٠٢٥", 2025],
)  # fmt: skip
def test_bad_target_periods_are_rejected(value: Any) -> None:
    assert rejected(make_announcement("target", period=value)).field == "period"


@pytest.mark.parametrize("value", ["2025-H0", "2025-6", "2025-13", "June 2025"])
def test_a_bad_deliveries_period_is_rejected(value: str) -> None:
    assert rejected(make_announcement("deliveries", period=value)).field == "period"


# -- bounds, scopes, expected dates --------------------------------------------------------


@pytest.mark.parametrize(
    ("spelled", "count", "bound", "high"),
    [
        ("200k+", 200_000, "at-least", None),
        (">200,000", 200_000, "at-least", None),
        ("<1m", 1_000_000, "at-most", None),
        ("~28k", 28_000, "about", None),
        ("38.5k-39.5k", 38_500, "range", 39_500),
        ("38,500–39,500", 38_500, "range", 39_500),
        ("396,270", 396_270, None, None),
    ],
)
def test_a_count_may_carry_its_bound(spelled: str, count: int, bound: str, high: int) -> None:
    for kind, field in (("orders", "count"), ("target", "value"), ("deliveries", "units")):
        content = dumped(make_announcement(kind, **{field: spelled}))
        assert (content[field], content.get("bound"), content.get("high")) == (count, bound, high)


def test_bound_fields_are_checked() -> None:
    assert dumped(make_announcement("orders", count=5, bound="exact")).get("bound") is None
    assert "missing" in str(rejected(make_announcement("orders", count=5, bound="range")))
    assert "high" in str(rejected(make_announcement("orders", count=5, high=6)))
    assert "high" in str(rejected(make_announcement("orders", count="6-5")))
    assert "bound" in str(rejected(make_announcement("orders", count="5k+", bound="about")))
    assert rejected(make_announcement("orders", bound="roughly")).field == "bound"


def test_a_previous_range_and_a_scope() -> None:
    content = dumped(
        make_announcement("target", value="38.5k-39.5k", previous="36k-37k", markets=["*"],
                          **{"except": ["cn"]})
    )  # fmt: skip
    assert (content["previous"], content["previous_high"]) == (36_000, 37_000)
    assert (content["markets"], content["except"]) == (["*"], ["CN"])
    assert "previous" in str(rejected(make_announcement("target", previous="30k+")))


@pytest.mark.parametrize(("value", "ok"), [("2027", True), ("2027-03", True),
                                           ("2027-03-01", True), ("2027-13", False),
                                           ("2027-02-30", False), ("27", False)])  # fmt: skip
def test_expected_entry_dates(value: str, ok: bool) -> None:
    data = make_announcement("expected-entry", expected=value)
    if ok:
        assert dumped(data)["expected"] == value
    else:
        assert rejected(data).field == "expected"


# -- source, names, unknown fields, recorded_at ------------------------------------------


def test_source_is_an_object_with_a_title() -> None:
    full = {"title": "T", "url": "https://example.com/a", "publisher": "P", "quote": "Q"}
    assert dumped(make_announcement("orders", source=full))["source"] == full
    assert rejected(make_announcement("orders", source={"url": "https://x.y"})).field == (
        "source.title"
    )
    assert rejected(make_announcement("orders", source="Reuters")).field == "source"
    assert rejected(make_announcement("orders", source={"title": "T", "autor": "A"})).field == (
        "source.autor"
    )
    assert rejected(
        make_announcement("orders", source={"title": "T", "url": "not a url"})
    ).field == ("source.url")


def test_a_misspelt_field_is_rejected_and_named() -> None:
    data = make_announcement("orders", announced_on=None, anounced_on="2025-07-01")
    error = rejected(data)
    assert error.field == "anounced_on"
    assert str(error) == "anounced_on: unknown field"
    with pytest.raises(InputError, match="anounced_on: unknown field"):
        parse_announcement(data)


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_an_extra_field_is_rejected_for_every_kind(kind: str) -> None:
    assert rejected(make_announcement(kind, colour="red")).field == "colour"


def test_recorded_at_is_never_accepted_from_input() -> None:
    error = rejected(make_announcement("orders", recorded_at="2025-07-01T00:00:00Z"))
    assert error.field == "recorded_at"
    assert "set by the store" in error.message


@pytest.mark.parametrize(
    ("field", "value"),
    [("company", "Xia\x00omi"), ("company", "Xiao\nmi"), ("company", "Xia\tomi"),
     ("model", "YU\x1b7"), ("model", "YU7\x7f"), ("speaker", "Lei\x85Jun"),
     ("trim", "Max\r\nPro")],
)  # fmt: skip
def test_control_characters_are_rejected_in_names(field: str, value: str) -> None:
    kind = "wait-time"
    assert rejected(make_announcement(kind, **{field: value})).field == field


def test_control_characters_are_rejected_in_the_source_title() -> None:
    assert rejected(make_announcement("orders", source={"title": "a\x07b"})).field == (
        "source.title"
    )


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_names_are_rejected(value: str) -> None:
    assert rejected(make_announcement("orders", company=value)).field == "company"
    assert rejected(make_announcement("orders", model=value)).field == "model"


def test_names_are_trimmed_and_unicode_is_kept() -> None:
    content = dumped(make_announcement("orders", company="  小米 Xiaomi "))
    assert content["company"] == "小米 Xiaomi"


# -- ids -----------------------------------------------------------------------------------


def test_a_derived_id_is_deterministic_and_follows_the_content() -> None:
    data = make_announcement("target")
    first = stored(data)["id"]
    assert first == stored(make_announcement("target"))["id"]
    # The same content, spelt otherwise: key order, `350k`, default certainty written out.
    respelt = dict(reversed(list(data.items())))
    respelt.update(value="350k", previous="300,000", certainty="confirmed")
    assert stored(respelt)["id"] == first
    # Other content, another id.
    assert stored(make_announcement("target", value=360000))["id"] != first
    assert stored(make_announcement("target", note="x"))["id"] != first
    assert first == derive_id({k: v for k, v in stored(data).items() if k != "id"})


def test_one_number_has_one_spelling_and_one_id() -> None:
    whole = stored(make_announcement("wait-time", max_months=12))
    for spelling in (12.0, "12", "12.0"):
        content = stored(make_announcement("wait-time", max_months=spelling))
        assert content == whole
        assert json.dumps(content["max_months"]) == "12"


def test_a_given_id_is_kept() -> None:
    assert stored(make_announcement("orders", id="yu7-locked-18h"))["id"] == "yu7-locked-18h"


@pytest.mark.parametrize("value", ["", "has space", "a/b", "-leading", "x" * 65, "é"])
def test_a_bad_id_is_rejected(value: str) -> None:
    assert rejected(make_announcement("orders", id=value)).field == "id"


# -- corrections and retractions as lines ---------------------------------------------


def test_correction_and_retraction_lines() -> None:
    correction = parse_line({"kind": "correction", "id": "a1", "set": {"count": 5}, "reason": "r"})
    assert correction.kind == "correction"
    retraction = parse_line({"kind": "retraction", "id": "a1", "reason": "r"})
    assert retraction.kind == "retraction"
    assert rejected({"kind": "correction", "id": "a1", "set": {}, "reason": "r"}).field == "set"
    assert rejected({"kind": "correction", "id": "a1", "set": {"count": 5}}).field == "reason"
    assert rejected({"kind": "retraction", "id": "a1"}).field == "reason"
    assert rejected({"kind": "retraction", "reason": "r"}).field == "id"
    assert rejected({"kind": "retraction", "id": "a1", "reason": "r", "x": 1}).field == "x"


def test_a_correction_is_revalidated_against_its_kind() -> None:
    content = stored(make_announcement("orders"))
    corrected = apply_correction(content, {"count": "250k", "source.url": "https://e.com"})
    assert corrected["count"] == 250000
    assert corrected["source"]["url"] == "https://e.com"
    assert content["count"] == 240000  # the original is not touched
    for changes, field in [
        ({"count": -1}, "count"),
        ({"stage": "maybe"}, "stage"),
        ({"model": None}, "model"),
        ({"colour": "red"}, "colour"),
        ({"id": "other"}, "id"),
        ({"kind": "launch"}, "kind"),
        ({"recorded_at": "2025-01-01T00:00:00Z"}, "recorded_at"),
        ({"announced_on": "2025-7-1"}, "announced_on"),
    ]:
        with pytest.raises(InputError) as caught:
            apply_correction(content, changes)
        assert caught.value.field == field, changes


# -- the JSON Schema ---------------------------------------------------------------------


def test_the_json_schema_is_valid_and_accepts_the_seed(seed_lines: list[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for line in seed_lines:
        assert not list(validator.iter_errors(json.loads(line))), line
    for kind in KIND_FIELDS:
        assert validator.is_valid(make_announcement(kind))
    assert not validator.is_valid(make_announcement("orders", kind="lunch"))
    assert not validator.is_valid(make_announcement("orders", anounced_on="2025-07-01"))
    assert not validator.is_valid(make_announcement("orders", source=None))
    assert not validator.is_valid(make_announcement("target", period="2025-Q5"))


def test_the_registry_names_every_kind_of_the_schemas() -> None:
    from mxt.events.announcements import SCHEMAS
    from mxt.events.kinds import KIND_NAMES

    assert tuple(SCHEMAS) == KIND_NAMES


# One announcement of every kind (as `log` gives it) and the line it reads as.
LINES = [
    ({"kind": "launch", "model": "SU7", "market": "CN", "announced_on": "2024-03-28",
      "launched_on": "2024-03-28"}, "SU7 in CN on 2024-03-28"),
    ({"kind": "launch", "model": "SU7", "market": "CN", "announced_on": "2024-03-01",
      "launched_on": "2024-03-28"}, "SU7 in CN planned for 2024-03-28"),
    ({"kind": "launch", "model": "SU7", "market": "US", "announced_on": "2025-03-01",
      "launched_on": "2024-12", "launch_status": "planned"}, "SU7 in US planned for 2024-12"),
    ({"kind": "launch", "model": "SU7", "market": "US", "announced_on": "2025-03-01",
      "launch_status": "paused"}, "SU7 in US paused from 2025-03-01"),
    ({"kind": "launch", "model": "SU7", "market": "US", "announced_on": "2025-03-01",
      "launched_on": "2025-02-20", "launch_status": "cancelled"},
     "SU7 in US cancelled on 2025-02-20"),
    ({"kind": "factory", "site": "Beijing", "phase": 3, "factory_status": "operational",
      "announced_on": "2025-07-01", "effective_on": "2026-H2"},
     "Beijing phase 3 operational planned for 2026-H2"),
    ({"kind": "orders", "model": "YU7", "count": 240000, "bound": "at-least",
      "stage": "locked", "within": "18h"}, "YU7 240,000+ locked within 18h"),
    ({"kind": "wait-time", "model": "YU7", "trim": "Max", "max_months": 12.0},
     "YU7 (Max) up to 12 months"),
    ({"kind": "target", "metric": "deliveries", "period": "2025", "value": 350000,
      "previous": 300000, "markets": ["*"], "except": ["CN"]},
     "deliveries 2025 in * except CN: 350,000 (was 300,000)"),
    ({"kind": "deliveries", "metric": "sales", "period": "2025-Q1", "units": 28000,
      "bound": "about"}, "total sales 2025-Q1: ~28,000"),
    ({"kind": "factory", "site": "Beijing", "phase": 2, "factory_status": "operating",
      "effective_on": "2025-06-01"}, "Beijing phase 2 operating on 2025-06-01"),
    ({"kind": "policy", "not_before": "2027-01-01", "markets": ["*"], "except": ["CN"]},
     "not before 2027-01-01 in * except CN"),
    ({"kind": "showcase", "model": "SU7", "venue": "Goodwood"}, "SU7 at Goodwood (online)"),
    ({"kind": "expected-entry", "market": "EU", "expected": "2027"},
     "all models in EU by 2027"),
    ({"kind": "exit", "markets": ["*"], "except": ["CN"], "effective_on": "2025-H2"},
     "all models withdrawn in * except CN from 2025-H2"),
    ({"kind": "statement", "topic": "hiring", "text": "x" * 61}, f"hiring: {'x' * 60}…"),
    ({"kind": "claim", "claim": {"type": "streak", "metric": "deliveries", "model": "SU7",
      "at_least": 20000, "months": 8, "ending": "2025-06", "exact": True}},
     "claims deliveries of SU7 >= 20,000, 8 months to 2025-06 (and not the month before)"),
]  # fmt: skip


@pytest.mark.parametrize(("entry", "line"), LINES)
def test_each_kind_reads_in_one_line_as_the_registry_spells_it(
    entry: dict[str, Any], line: str
) -> None:
    from mxt.events.kinds import KINDS, summary

    assert summary(entry) == line
    assert KINDS[entry["kind"]].summary(entry) == line


def test_every_kind_of_the_registry_has_its_line_tested() -> None:
    from mxt.events.kinds import KIND_NAMES

    assert sorted({entry["kind"] for entry, _ in LINES}) == sorted(KIND_NAMES)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('"source": 7', "source: Input should be an object"),
        ('"source": "x"', "source: Input should be an object"),
        ('"note": "bad \\ud800"', "malformed JSON"),
        ('"count": NaN', "count: "),
        ('"certainty": "reported", "certainty": "expected"', "certainty: given twice"),
    ],
)  # fmt: skip
def test_a_bad_line_is_named_as_json_reads_it(text: str, said: str) -> None:
    """A line is parsed once (`load_json`) and its objects validated; a bad one, or one that
    only Python's json reads (a lone surrogate, NaN), is named as pydantic's JSON parser
    names it, as when every line was parsed twice."""
    field = text.split('"')[1]
    plain = json.dumps(make_announcement("orders", **{field: None}))
    line = plain.replace("{", "{" + text + ", ", 1)
    with pytest.raises(InputError) as raised:
        parse_json_line(line.encode())
    assert str(raised.value).startswith(said), str(raised.value)


def test_a_line_parsed_once_is_the_line_parsed_by_pydantics_json_parser() -> None:
    """Text beyond ASCII, escaped or not (a surrogate pair too), and counts spelled as text
    come out of the one parse as pydantic's JSON parser reads them."""
    from mxt.events.announcements import _line_adapter

    for data in (
        make_announcement("orders", note="\U0001f600 é 中", count="350k"),
        make_announcement("target", value="1.2m", previous=1000.0),
        make_announcement("wait-time", max_months="7.5", speaker="Ｘｉａｏｍｉ"),
    ):
        for raw in (json.dumps(data).encode(), json.dumps(data, ensure_ascii=False).encode()):
            assert parse_json_line(raw) == _line_adapter().validate_json(raw)
