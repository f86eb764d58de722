"""The domain's own promises, below the commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st
from pydantic_core import to_jsonable_python

from mxt.domain.model import AnnouncementRecorded, aggregate_id, recorded_event
from mxt.storage.log import JSONBytes, PydanticMapper


def test_the_fast_recorded_event_is_what_the_mapper_stores() -> None:
    mapper = PydanticMapper(transcoder=JSONBytes())
    content = {"id": "a-1", "kind": "orders", "company": "Xiaomi", "count": 240000}
    for moment in (
        datetime(2025, 7, 1, 9, 30, 0, 123456, UTC),
        datetime(2025, 7, 1, 9, 30, tzinfo=UTC),
    ):
        event = AnnouncementRecorded(
            originator_id=aggregate_id("a-1"), originator_version=1, timestamp=moment,
            announcement=content,
        )  # fmt: skip
        expected, expected_state = mapper.stored_with_state(event)
        stored, state = recorded_event(aggregate_id("a-1"), content, to_jsonable_python(moment))
        assert stored == expected
        assert state == expected_state
        assert mapper.to_domain_event(stored) == event


def test_the_spelled_topics_are_those_of_the_event_classes() -> None:
    """The read side and the fast recording path spell the topics out (`domain/stored.py`),
    so as not to import the models: they must stay what eventsourcing calls them."""
    from eventsourcing.utils import get_topic

    from mxt.domain.model import AnnouncementCorrected, AnnouncementRetracted
    from mxt.domain.stored import CORRECTED_TOPIC, RECORDED_TOPIC, RETRACTED_TOPIC

    assert get_topic(AnnouncementRecorded) == RECORDED_TOPIC
    assert get_topic(AnnouncementCorrected) == CORRECTED_TOPIC
    assert get_topic(AnnouncementRetracted) == RETRACTED_TOPIC


@given(st.text(min_size=1, max_size=80))
def test_the_aggregate_hex_is_uuid5s(announcement_id: str) -> None:
    """An import makes aggregate ids by hand (`aggregate_hex`): they must be `uuid5`'s."""
    from mxt.domain.stored import aggregate_hex

    assert aggregate_hex(announcement_id) == aggregate_id(announcement_id).hex


def test_a_recording_names_only_the_markets_that_may_be_regions() -> None:
    """Country codes need no look-up in the log; the rest (`EU`'s two letters excepted) are
    named with their field, the claim's included."""
    from mxt.domain.stored import recording_of

    content = {"id": "a-1", "kind": "policy", "market": "CN", "markets": ["DE", "Nordics"],
               "except": ["EU27-x"], "claim": {"markets": ["*", "Benelux"]}}  # fmt: skip
    announcement_id, origin, body, named = recording_of(content)
    assert (announcement_id, origin) == ("a-1", aggregate_id("a-1").hex)
    assert json.loads(body) == content
    assert named == (("markets", "Nordics"), ("except", "EU27-x"), ("markets", "Benelux"))
