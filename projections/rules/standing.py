"""What the store already holds for an announcement not yet recorded (a draft under review,
`mxt review`): the announcement itself, or the value in force for the slot it would fill, and
whether the draft repeats that value, contradicts it or moves it on (a factory's next status).
(Records' annotations are evaluated here, as in `state`.)"""

from collections.abc import Iterator
from typing import Any, NamedTuple

from mxt.events.content import Content
from mxt.events.kinds import KINDS, agree

from .changes import Held
from .state import effective


class Standing(NamedTuple):
    """What the store holds for a draft: whether this very announcement (its id) is recorded;
    the value in force for its slot (`held`: None when its kind has no slot or the slot is
    empty) and the announcement it comes from, as it stands (`in_force`); whether the draft's
    value agrees with it (beyond both bounds, as `conflicts` compares them)."""

    recorded: bool
    held: Held | None
    in_force: Content | None
    agrees: bool | None
    nearby: tuple[Held, ...] = ()  # the values of the company's other slots of this kind

    @property
    def verdict(self) -> str:
        """In a word: `recorded` (this very announcement), `repeat` (the slot holds a value
        that agrees), `contradiction` (one that differs, of a kind whose values contradict each
        other), `update` (a value that differs where a later one follows an earlier, such as a
        factory's next status), `new` (nothing there)."""
        if self.recorded:
            return "recorded"
        if self.in_force is None:
            return "new"
        if self.agrees:
            return "repeat"
        return "contradiction" if KINDS[self.in_force["kind"]].disagrees else "update"

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield "verdict", self.verdict
        yield "recorded", self.recorded
        yield (
            "in_force",
            None
            if self.in_force is None
            else {
                "id": self.in_force.get("id"),
                "value": None if self.held is None else self.held.value,
                "bound": None if self.held is None else self.held.bound,
                "announced_on": self.in_force["announced_on"],
                "certainty": self.in_force.get("certainty", "confirmed"),
            },
        )
        yield "nearby", [dict(found.subject) | {"value": found.value} for found in self.nearby]


def standing(
    recorded: bool,
    held: Held | None,
    in_force: Content | None,
    draft: Content,
    nearby: tuple[Held, ...] = (),
) -> Standing:
    """The standing of `draft`, given what the store holds for it (`nearby`: the values of
    its company's other slots of its kind, shown when its own slot is empty)."""
    if in_force is None:
        return Standing(recorded, held, None, None, nearby)
    if KINDS[draft["kind"]].settled == "earliest":  # a launch that happened stays put
        return Standing(recorded, held, in_force, _same_event(draft, in_force))
    return Standing(recorded, held, in_force, agree(draft, in_force))


def _same_event(draft: Content, in_force: Content) -> bool:
    """Whether a draft of a slot settled by the earliest event that happened (a launch)
    agrees with the one in force: both happened, the draft's day not before it (a later
    report of a launch does not move it); or both are plans for the same day."""
    field = KINDS[draft["kind"]].value or ""
    day, held_day = effective(draft, field), effective(in_force, field)
    happened, held_happened = _happened(draft, day), _happened(in_force, held_day)
    if happened and held_happened:
        return day >= held_day
    return happened == held_happened and day == held_day


def _happened(content: Content, day: str) -> bool:
    """Whether a launch says it happened (SPEC §5.2: its status, else its date as said)."""
    from mxt.events.dates import parse_day_or_period

    from .plans import launch_status

    when = parse_day_or_period(day if content.get("launched_on") is None else
                               content["launched_on"])  # fmt: skip
    said_on = parse_day_or_period(content["announced_on"]).first
    return launch_status(content.get("status"), when, said_on) == "launched"


def in_slot(draft: Content, held: list[Held]) -> tuple[Held | None, tuple[Held, ...]]:
    """Among the slot values an answer holds, the one of the slot `draft` would fill (None:
    empty), and up to five of its company's other slots of its kind (what to show beside an
    empty slot: a plant's other sites)."""
    from .evidence import slot_key

    slot = slot_key(draft)
    value = next((found for found in held if found.slot == slot and found.id), None)
    nearby = tuple(
        found for found in held if found.slot[:2] == slot[:2] and found.slot != slot and found.id
    )
    return value, nearby[:5]


def same_fields(draft: Content, stored: Content) -> bool:
    """Whether two announcements of a kind without slots (a policy, a showcase) say the same:
    every field of their own, common ones (source, certainty, note…) aside, is equal."""
    return _own(draft) == _own(stored)


_COMMON = frozenset({"id", "kind", "company", "announced_on", "source", "speaker",
                     "certainty", "note"})  # fmt: skip


def _own(content: Content) -> Content:
    return {name: value for name, value in content.items() if name not in _COMMON}
