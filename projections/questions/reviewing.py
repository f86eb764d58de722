"""`mxt review`'s question: what the store already holds for an announcement not yet
recorded (a draft), asked of a ReadSide from above it (`standing` holds the rules): the
announcement itself, the value in force for the slot it would fill as the company's and its
model's answers hold it, and the company's other slots of its kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mxt.events.content import Content
from mxt.events.kinds import KINDS

from ..rules.state import Query
from .answers import Answer, answering

if TYPE_CHECKING:
    from ..rules.standing import Standing
    from .read_side import ReadSide


@answering
def standing_of(read_side: ReadSide, draft: Content, query: Query) -> Answer[Standing]:
    """What the store holds for `draft` (its id filled in), as of `query`: see `Standing`. A
    kind whose announcements replace none (a policy, a showcase) is weighed against the
    company's announcements of the kind that say the same."""
    from ..rules.diff import holding
    from ..rules.standing import Standing, in_slot, same_fields, standing

    recorded = bool(read_side.history(draft["id"], query))
    if KINDS[draft["kind"]].slot is None:
        rows = read_side.visible(query, draft["company"], kinds=[draft["kind"]])
        alike = next((row for row in rows if same_fields(draft, row.content)), None)
        found = Standing(recorded, None, alike.content if alike else None, True)
        return Answer(found, recorded or alike is not None)
    company, model = draft["company"], draft.get("model")
    answers: list[Any] = [read_side.company(company, query).data]
    held = list(holding(answers))
    if model:
        state = read_side.model(company, model, query).data
        held += holding([state])  # its launch markets among them
    value, nearby = in_slot(draft, held)
    history = read_side.history(value.id, query) if value is not None and value.id else []
    in_force = history[-1].content if history else None
    return Answer(standing(recorded, value, in_force, draft, nearby), recorded or bool(history))
