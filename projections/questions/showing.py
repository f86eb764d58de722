"""`mxt show`: one announcement as the log lists it, its corrections and retraction, and
what it supports as of a date: the state values carrying its id (`rules.shown.supported`)
and the progress rows and claims it takes part in (`checking.check_supports`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..readmodel.view import Row
from ..rules.records import Support
from ..rules.state import Query
from .answers import Answer, answering

if TYPE_CHECKING:
    from ..rules.shown import Shown
    from .read_side import ReadSide


@answering
def show(read_side: ReadSide, announcement_id: str, query: Query) -> Answer[Shown | None]:
    """One announcement: its content, source, corrections, retraction and what it supports."""
    history = read_side.history(announcement_id, query)
    if not history:
        return Answer(None, False)
    from ..rules.audit import corrections_of
    from ..rules.log import log_entry
    from ..rules.shown import Retracted, Shown

    current = history[-1]
    retraction = next((row for row in history if row.event == "retracted"), None)
    return Answer(
        Shown(
            log_entry(current),
            corrections_of(history),
            Retracted(retraction.reason, retraction.known_from) if retraction else None,
            [] if current.retracted else supports(read_side, current, query),
        ),
        True,
    )


def supports(read_side: ReadSide, row: Row, query: Query) -> list[Support]:
    """The state values `row` supports as of `query`, in the company's, its models' and
    (for the company as a whole) a market's states; then the claims' verdicts and progress
    rows it is evidence for (`checking`, loaded here: a read command that answers no claims
    never loads their rules)."""
    from ..rules.shown import market_showing, models_showing, supported
    from .checking import check_supports

    company = row.content["company"]
    state = read_side.company(company, query).data
    models = [read_side.model(company, name, query).data for name in models_showing(row, state)]
    market = market_showing(row)
    shown = read_side.market(market, query).data if market is not None else None
    return supported(row, state, models, shown) + check_supports(read_side, row, query)
