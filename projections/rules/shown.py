"""What `mxt show` answers: one announcement as the log lists it, its corrections, its
retraction, and the state values it supports, found by its id in the states that may show
it (`supported`). (Records' annotations are evaluated here, as in `state`.)"""

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from mxt.events.content import Content
from mxt.events.kinds import KINDS

from ..readmodel.view import Row
from .audit import FieldCorrection
from .company import CompanyState
from .market import MarketState
from .records import Support, located
from .state import ModelState


class Retracted(NamedTuple):
    """An announcement's retraction: why, and when it was recorded."""

    reason: str | None
    recorded_at: str


class Shown(NamedTuple):
    """`mxt show`: one announcement as the log lists it, its corrections, its retraction,
    and the state values it supports."""

    entry: Content
    corrections: list[FieldCorrection]
    retraction: Retracted | None
    supports: list[Support]

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield from self.entry.items()
        yield "corrections", self.corrections
        yield "retraction", self.retraction
        yield "supports", self.supports


def models_showing(row: Row, company: CompanyState) -> list[str]:
    """The models whose states may show `row`'s values: its own, or every model of the
    company for a kind concerning every model (a policy, an expected entry)."""
    content = row.content
    if content.get("model"):
        return [content["model"]]
    return [model.model for model in company.models] if KINDS[content["kind"]].covers_models else []


def market_showing(row: Row) -> str | None:
    """The market whose state may show `row` as the company's as a whole (an expected entry
    naming no model), if any."""
    kind = KINDS[row.content["kind"]]
    if kind.covers_models and kind.market_field == "market" and not row.content.get("model"):
        return str(row.content["market"])
    return None


def supported(
    row: Row, company: CompanyState, models: Sequence[ModelState], market: MarketState | None
) -> list[Support]:
    """The state values (as of one date) that `row` is the source of: values carrying its id
    in the company's and its models' states (an `unconfirmed` report beside a value
    included), launch dates, a model's delivered total, market statuses it decides (a
    launch, a policy, an expected entry, a showcase), and its row of the company as a whole
    in `market` (`market_showing`)."""
    found = list(located(company, row.ann_id, f"company {company.company}"))
    for model in models:
        where = f"model {model.company}/{model.model}"
        found += located(model, row.ann_id, where)
        found += _traced(row, where, model)
    if market is not None:
        found += [
            Support(f"market {market.market}.models[{index}]", status)
            for index, status in enumerate(market.models)
            if status.id == row.ann_id and status.model is None
        ]
    return found


def _traced(row: Row, where: str, model: ModelState) -> list[Support]:
    """The delivered total and market statuses of one model that `row` decides (`where`
    names the model's answer; its launch markets carry their deciding ids, `located`)."""
    found = []
    if row.ann_id in model.figures:
        found.append(Support(f"{where}.deliveries_units", row.content["units"]))
    for code, deciding in model.deciding.items():
        if deciding == row.ann_id:
            found.append(Support(f"{where}.market_statuses.{code}", model.market_statuses[code]))
    return found
