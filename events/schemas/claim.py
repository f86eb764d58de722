"""The `claim` kind: a checkable statement somebody made, with its claim object
(docs/concepts.md, Claims)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, model_validator

from mxt.events.fields import Count, IsoDate, Market, MarketOrAll, Month, Name, Period

from .base import Announcement, Frozen, Metric
from .checks import decode_claim, within_the_calendar

# A claim's scope (SPEC 5.3): the markets its figures count in (codes, regions or `*`) less
# those excepted; absent, worldwide. A figure counts toward a claim of its own scope only, as
# toward a target. (Declared last in each claim type, so that it follows what it qualifies.)
ScopeMarkets = Annotated[
    list[MarketOrAll] | None,
    Field(min_length=1, description="Scope: codes, regions or *; absent: worldwide."),
]
ScopeExcept = Annotated[
    list[Market] | None, Field(alias="except", description="Scope: markets left out of `markets`.")
]


class StreakClaim(Frozen):
    """The `months` months ending with `ending` each reached `at_least`; with `exact`, the
    month before them did not ("the eighth straight month")."""

    type: Literal["streak"]
    metric: Metric
    model: Name | None = None
    at_least: Count
    months: int = Field(ge=1, le=1200, strict=True)
    ending: Month
    exact: bool | None = Field(default=None, strict=True, description="Default false.")
    markets: ScopeMarkets = None
    except_: ScopeExcept = None

    _within_the_calendar = model_validator(mode="after")(within_the_calendar)


class TotalClaim(Frozen):
    """The total of `period` (as far as announced by the claim's date) compared to `value`."""

    type: Literal["total"]
    metric: Metric
    model: Name | None = None
    period: Period
    op: Literal[">=", "<=", "="]
    value: Count
    markets: ScopeMarkets = None
    except_: ScopeExcept = None


class TargetClaim(Frozen):
    """The target in force on the claim's date is `value`."""

    type: Literal["target"]
    metric: Metric
    period: Period
    value: Count
    markets: ScopeMarkets = None
    except_: ScopeExcept = None


class CompareClaim(Frozen):
    """The claim's company against `than` in `metric` over `period` (in the claim's scope):
    its total minus `than`'s is above `by` (`>`), at least `by` (`>=`), below minus `by`
    (`<`) or at most minus `by` (`<=`); `by` defaults to 0. "BYD outsold Tesla in Europe in
    April": `{"type": "compare", "metric": "registrations", "period": "2025-04", "markets":
    ["EUROPE"], "than": "Tesla", "op": ">"}`."""

    type: Literal["compare"]
    metric: Metric
    period: Period
    than: Name
    op: Literal[">", ">=", "<", "<="]
    by: Count | None = None
    markets: ScopeMarkets = None
    except_: ScopeExcept = None


class LaunchedClaim(Frozen):
    """`model` was on sale in `market` on or before `on_or_before`."""

    type: Literal["launched"]
    model: Name
    market: Market
    on_or_before: IsoDate


ClaimObject = Annotated[
    StreakClaim | TotalClaim | TargetClaim | LaunchedClaim | CompareClaim,
    Field(discriminator="type"),
    BeforeValidator(decode_claim),
]


class Claim(Announcement):
    """A checkable statement somebody made; `mxt check` tests it against the data (docs/concepts.md,
    Claims)."""

    kind: Literal["claim"] = "claim"
    claim: ClaimObject = Field(
        description="The claim object (JSON on the command line): streak, total, target, "
        "launched or compare, each but launched with an optional scope (markets, except; "
        "docs/concepts.md, Claims)."
    )


SCHEMA = Claim
