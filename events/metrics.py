"""What a figure counts: the metrics (docs/concepts.md, Metrics), and which of them may stand
in for another when a target's own metric has no figure.

Nothing here imports pydantic: the schemas take `Metric` from here, the read side takes
`METRICS` and `stand_ins`.
"""

from __future__ import annotations

from typing import Literal, get_args

# Every metric, in the order a vehicle meets them: built, shipped to dealers, delivered to
# customers, reported as "sales", sold at retail, registered; shipped abroad from the home
# market; ordered. `deliveries` is the default of a `deliveries` figure.
Metric = Literal[
    "production",  # units built
    "wholesale",  # units shipped to dealers
    "deliveries",  # units handed to customers (the default)
    "sales",  # what the company itself reports as "sales"
    "retail",  # units sold to end customers by the dealers
    "registrations",  # units registered (the authorities' or an association's count)
    "exports",  # units shipped abroad from the home market
    "bookings",  # orders taken
]
METRICS: tuple[str, ...] = get_args(Metric)
DEFAULT_METRIC = "deliveries"

# Each metric's nearest stand-in: when a target's metric has no figure, this one's figures
# count instead (and so on down the chain). `production`, `wholesale`, `exports` and
# `bookings` have none: a figure of another metric never measures them.
_NEXT_STAND_IN: dict[str, str] = {
    "sales": "deliveries",
    "deliveries": "retail",
    "retail": "registrations",
}


def stand_ins(metric: str) -> tuple[str, ...]:
    """The metrics whose figures may stand in for `metric`'s when it has none, nearest first:
    `sales` <- `deliveries` <- `retail` <- `registrations`; none for `production` (a target
    of units built is never measured by units sold), `wholesale`, `exports` or `bookings`.
    The metric itself is not among them; an unknown one has none."""
    chain: list[str] = []
    current = _NEXT_STAND_IN.get(metric)
    while current is not None and current not in chain:
        chain.append(current)
        current = _NEXT_STAND_IN.get(current)
    return tuple(chain)


def measured_by(metric: str) -> tuple[str, ...]:
    """The metrics whose figures may measure a target of `metric`, in the order they are
    tried: the metric itself, then its stand-ins (`stand_ins`)."""
    return (metric, *stand_ins(metric))
