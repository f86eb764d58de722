"""The write verbs' rules as pure functions: state and command in, events out (or an error).

No store is opened here: the aggregate is folded from events built in the test.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from conftest import make_announcement

from mxt.domain.decisions import decide_correction, decide_recording, decide_retraction
from mxt.domain.errors import (
    AlreadyRetracted,
    ConflictingAnnouncement,
    InvalidCorrection,
    UnknownAnnouncement,
)
from mxt.domain.model import (
    AnnouncementAggregate,
    AnnouncementCorrected,
    AnnouncementRecorded,
    AnnouncementRetracted,
    DomainEvent,
    aggregate_id,
    project_announcement,
)
from mxt.events.announcements import Announcement, Correction, Retraction, parse_line, with_id

AT = datetime(2025, 7, 2, 8, 0, tzinfo=UTC)


def clock() -> datetime:
    return AT


def no_clock() -> datetime:
    raise AssertionError("no event is decided, so no time is asked for")


def recorded(**overrides: Any) -> tuple[dict[str, Any], list[DomainEvent]]:
    """A wait-time announcement's stored content and the event that recorded it."""
    line = parse_line(make_announcement("wait-time", **overrides))
    assert isinstance(line, Announcement)
    content = with_id(line)
    event = AnnouncementRecorded(
        originator_id=aggregate_id(content["id"]), originator_version=1, timestamp=AT,
        announcement=content,
    )  # fmt: skip
    return content, [event]


def aggregate_of(events: list[DomainEvent]) -> AnnouncementAggregate:
    folded = project_announcement(None, events)
    assert folded is not None
    return folded


def correction(announcement_id: str, reason: str = "misread", **changes: Any) -> Correction:
    line = parse_line({"kind": "correction", "id": announcement_id, "set": changes,
                       "reason": reason})  # fmt: skip
    assert isinstance(line, Correction)
    return line


def retraction(announcement_id: str) -> Retraction:
    line = parse_line({"kind": "retraction", "id": announcement_id, "reason": "duplicate"})
    assert isinstance(line, Retraction)
    return line


def test_recording_a_new_id_appends_the_same_content_does_not_other_content_conflicts() -> None:
    content, _ = recorded()
    assert decide_recording(None, content) is True
    assert decide_recording(dict(content), content) is False
    with pytest.raises(ConflictingAnnouncement):
        decide_recording({**content, "max_months": 3}, content)


def test_a_correction_is_one_event_on_the_next_version_with_normalised_changes() -> None:
    content, events = recorded()
    decision = decide_correction(
        aggregate_of(events), correction(content["id"], max_months="11"), clock, strict=True,
        repeats={},
    )  # fmt: skip
    (event,) = decision.events
    assert isinstance(event, AnnouncementCorrected)
    assert (event.originator_version, event.timestamp) == (2, AT)
    assert event.changes == {"max_months": 11}
    assert decision.key[0] == content["id"]


def test_a_dotted_correction_changes_one_field_of_the_source() -> None:
    content, events = recorded()
    line = correction(content["id"], **{"source.url": "https://example.com/a"})
    (event,) = decide_correction(aggregate_of(events), line, clock, strict=True,
                                 repeats={}).events  # fmt: skip
    assert isinstance(event, AnnouncementCorrected)
    assert event.changes == {"source.url": "https://example.com/a"}


def test_strict_refuses_a_correction_that_changes_nothing_and_an_unknown_id() -> None:
    content, events = recorded()
    with pytest.raises(InvalidCorrection, match="changes nothing"):
        decide_correction(aggregate_of(events), correction(content["id"], max_months=12),
                          no_clock, strict=True, repeats={})  # fmt: skip
    with pytest.raises(UnknownAnnouncement):
        decide_correction(
            None, correction("nobody", max_months=3), no_clock, strict=True, repeats={}
        )


def test_an_import_counts_a_correction_already_applied_as_present() -> None:
    content, events = recorded()
    line = correction(content["id"], max_months=11)
    first = decide_correction(aggregate_of(events), line, clock, strict=False, repeats={})
    events.extend(first.events)
    again = decide_correction(aggregate_of(events), line, no_clock, strict=False, repeats={})
    assert again.events == ()
    # the same line twice in one input, once in the log: the second one is new
    twice = decide_correction(aggregate_of(events), line, clock, strict=False,
                              repeats={first.key: 1})  # fmt: skip
    assert len(twice.events) == 1


def test_a_retracted_announcement_cannot_change() -> None:
    content, events = recorded()
    events.extend(decide_retraction(aggregate_of(events), retraction(content["id"]), clock,
                                    strict=True))  # fmt: skip
    assert isinstance(events[-1], AnnouncementRetracted)
    retracted = aggregate_of(events)
    with pytest.raises(AlreadyRetracted):
        decide_retraction(retracted, retraction(content["id"]), no_clock, strict=True)
    assert decide_retraction(retracted, retraction(content["id"]), no_clock, strict=False) == ()
    for strict in (True, False):
        with pytest.raises(AlreadyRetracted):
            decide_correction(retracted, correction(content["id"], max_months=3), no_clock,
                              strict=strict, repeats={})  # fmt: skip


# -- regions of one's own -------------------------------------------------------------------


def region(name: str, *markets: str, excepted: tuple[str, ...] = (), reason: str = "r") -> Any:
    from mxt.events.schemas.region import RegionLine

    line = parse_line({"kind": "region", "name": name, "markets": list(markets),
                       "except": list(excepted), "reason": reason})  # fmt: skip
    assert isinstance(line, RegionLine)
    return line


def defined(*lines: Any) -> Any:
    """The aggregate of a region defined by `lines`, in order."""
    from mxt.domain.model import RegionDefined, project_region, region_aggregate_id

    events = [
        RegionDefined(originator_id=region_aggregate_id(line.name), originator_version=version,
                      timestamp=AT, region={k: v for k, v in line.dump().items() if k != "kind"})
        for version, line in enumerate(lines, start=1)
    ]  # fmt: skip
    return project_region(events)


def test_a_region_is_defined_then_replaced_and_the_same_definition_is_not_repeated() -> None:
    from mxt.domain.decisions import decide_region

    first, second = region("EUROPE-JATO", "EU", "EFTA", "GB"), region("EUROPE-JATO", "EU", "GB")
    [event] = decide_region(None, first, clock, defined={}, strict=True, repeats={}).events
    assert (event.originator_version, event.timestamp) == (1, AT)
    assert event.region == {"name": "EUROPE-JATO", "markets": ["EFTA", "EU", "GB"],
                            "except": [], "reason": "r"}  # fmt: skip
    held = defined(first)
    assert decide_region(held, first, no_clock, defined={}, strict=True, repeats={}).events == ()
    [later] = decide_region(held, second, clock, defined={}, strict=True, repeats={}).events
    assert later.originator_version == 2 and later.region["markets"] == ["EU", "GB"]


def test_an_import_counts_identical_definitions_against_those_in_the_region_history() -> None:
    from mxt.domain.decisions import decide_region

    first, second = region("MINE", "DE"), region("MINE", "FR")
    history = defined(first, second, first)  # DE, then FR, then DE again
    seen: dict[str, int] = {}
    for line in (first, second, first):  # the same history imported again: nothing new
        decision = decide_region(history, line, no_clock, defined={}, strict=False, repeats=seen)
        assert decision.events == ()
        seen[decision.key] = seen.get(decision.key, 0) + 1
    third = decide_region(history, first, clock, defined={}, strict=False, repeats=seen)
    assert [e.originator_version for e in third.events] == [4]  # a third DE line is new
    # `mxt region define` compares with the definition in force only
    assert decide_region(history, second, clock, defined={}, strict=True, repeats={}).events


def test_a_region_names_only_defined_regions_and_never_contains_itself() -> None:
    from mxt.domain.decisions import decide_region
    from mxt.domain.errors import InvalidRegion
    from mxt.events.regions import UserRegion

    with pytest.raises(InvalidRegion, match="markets: OTHER is no region"):
        decide_region(None, region("MINE", "OTHER"), no_clock, defined={}, strict=True,
                      repeats={})  # fmt: skip
    with pytest.raises(InvalidRegion, match="except: OTHER is no region"):
        decide_region(None, region("MINE", "*", excepted=("OTHER",)), no_clock, defined={},
                      strict=True, repeats={})  # fmt: skip
    others = {"OTHER": UserRegion("OTHER", ("MINE", "DE"))}
    with pytest.raises(InvalidRegion, match=r"MINE would contain itself \(through OTHER\)"):
        decide_region(None, region("MINE", "OTHER"), no_clock, defined=others, strict=True,
                      repeats={})  # fmt: skip
    fine = {"OTHER": UserRegion("OTHER", ("EU", "DE"))}
    assert decide_region(None, region("MINE", "OTHER", "EU"), clock, defined=fine, strict=True,
                         repeats={}).events  # fmt: skip
