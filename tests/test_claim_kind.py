"""The `claim` kind (docs/formats.md, docs/concepts.md Claims): its claim object is validated
strictly."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import make_announcement

from mxt.events.announcements import Announcement, json_schema, parse_line
from mxt.events.errors import InputError

STREAK = {"type": "streak", "metric": "deliveries", "at_least": "20k", "months": 8,
          "ending": "2025-06", "exact": True}  # fmt: skip


def claim(**fields: Any) -> dict[str, Any]:
    return make_announcement("claim", claim=fields)


@pytest.mark.parametrize(
    "fields",
    [
        STREAK,
        {
            "type": "streak",
            "metric": "sales",
            "model": "SU7",
            "at_least": 1,
            "months": 1,
            "ending": "2025-01",
        },  # fmt: skip
        {"type": "total", "metric": "deliveries", "period": "2025-Q2", "op": ">=", "value": "80k"},
        {"type": "target", "metric": "production", "period": "2025", "value": 350_000},
        {"type": "launched", "model": "SU7", "market": "cn", "on_or_before": "2024-12-31"},
    ],
)
def test_each_claim_type_is_accepted(fields: dict[str, Any]) -> None:
    line = parse_line(claim(**fields))
    assert isinstance(line, Announcement)
    assert line.dump()["claim"]["type"] == fields["type"]


def test_counts_in_a_claim_are_normalised() -> None:
    line = parse_line(claim(**STREAK))
    assert isinstance(line, Announcement)
    assert line.dump()["claim"]["at_least"] == 20_000


def test_a_claim_given_as_json_text_is_decoded() -> None:
    line = parse_line(make_announcement("claim", claim='{"type": "target", "metric": "sales", '
                                        '"period": "2025", "value": 5}'))  # fmt: skip
    assert isinstance(line, Announcement)
    assert line.dump()["claim"] == {"type": "target", "metric": "sales", "period": "2025",
                                    "value": 5}  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({**STREAK, "months": 0}, "claim.months"),
        ({**STREAK, "months": "8"}, "claim.months"),
        ({**STREAK, "exact": "yes"}, "claim.exact"),
        ({**STREAK, "ending": "2025-13"}, "claim.ending"),
        ({**STREAK, "metric": "orders"}, "claim.metric"),
        ({**STREAK, "at_least": -1}, "claim.at_least"),
        ({**STREAK, "colour": "red"}, "claim.colour"),
        (
            {"type": "streak", "metric": "deliveries", "months": 8, "ending": "2025-06"},
            "claim.at_least",
        ),  # fmt: skip
        (
            {"type": "total", "metric": "deliveries", "period": "2025", "op": ">", "value": 1},
            "claim.op",
        ),  # fmt: skip
        ({"type": "target", "metric": "sales", "period": "25", "value": 1}, "claim.period"),
        (
            {"type": "launched", "model": "SU7", "market": "XX", "on_or_before": "2025-01-01"},
            "claim.market",
        ),  # fmt: skip
        ({"type": "rumour"}, "claim.type"),
        ({}, "claim.type"),
    ],
)
def test_a_bad_claim_names_its_field(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_line(claim(**fields))
    assert caught.value.field == field
    assert len(str(caught.value)) <= 200


def test_a_claim_that_is_no_object_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        parse_line(make_announcement("claim", claim="not json"))
    assert caught.value.field == "claim"
    with pytest.raises(InputError) as missing:
        parse_line(make_announcement("claim", claim=None))
    assert missing.value.field == "claim"


def test_the_schema_lists_the_claim_types() -> None:
    text = str(json_schema())
    for name in ("StreakClaim", "TotalClaim", "TargetClaim", "LaunchedClaim"):
        assert name in text
