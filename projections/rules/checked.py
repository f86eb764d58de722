"""What `mxt progress` and `mxt check` answer: a target against its actual (`ProgressRow`),
a claim's verdict (`CheckedClaim`), and a recorded claim checked as of its own day
(`RecordedClaim`). (Records' annotations are evaluated here, as in `state`.)"""

from collections.abc import Sequence
from typing import NamedTuple

from mxt.events.content import Content
from mxt.events.kinds import Scope

from .records import record


@record(hidden=("scope",))
class ProgressRow(NamedTuple):
    """`mxt progress`: one target in force against its actual as of a date."""

    company: str
    metric: str
    period: str
    markets: list[str]  # [] worldwide
    except_: list[str]
    target: int
    target_bound: str
    target_high: int | None
    target_id: str
    actual: int | None = None
    actual_bound: str | None = None
    actual_metric: str | None = None
    covered_until: str | None = None
    share_pct: float | None = None
    elapsed_pct: float | None = None
    needed_per_month: float | None = None
    pace: str = "unknown"
    sources: Sequence[str] = ()
    scope: Scope = Scope()


class CheckedClaim(NamedTuple):
    """`mxt check`: one claim's verdict, why, and the ids of the evidence used."""

    id: str
    company: str
    claim: Content
    verdict: str
    why: str
    evidence: list[str]


class RecordedClaim(NamedTuple):
    """A recorded claim checked as of its own day (`state company`'s claims)."""

    id: str
    announced_on: str | None
    claim: Content
    verdict: str
    why: str
    evidence: list[str]
