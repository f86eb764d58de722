"""`mxt compare` (SPEC 5.3): what each company's own answers hold, asked of a ReadSide, and
put side by side by the pure rules of `rules.compare`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mxt.events.kinds import Scope

from ..readmodel.tables import key
from ..rules.compare import Comparison, markets_by_status, monthly_figures, slippage
from ..rules.periods import parse_period
from ..rules.state import Query
from .answers import Answer, answering
from .checking import company_evidence, progress_answer

if TYPE_CHECKING:
    from .read_side import ReadSide


@answering
def compare_answer(
    read_side: ReadSide,
    query: Query,
    companies: Sequence[str],
    metric: str | None = None,
    period: str | None = None,
    scope: Scope | None = None,
) -> Answer[Comparison]:
    """`mxt compare`: `companies` side by side as of `query.as_of`, known at `known_at`:
    their targets in force with progress and pace (of `metric` and `period`, when given),
    the monthly figures of `metric` (default `deliveries`) in `scope` over `period` (default:
    the year of `as_of`), the markets where each has a model available, announced, overdue
    or withdrawn, and what became of its plans (mean and worst lateness)."""
    scope = scope or Scope()
    figures_metric = metric or "deliveries"
    span = parse_period(period or query.as_of[:4])
    evidence = company_evidence(read_side, query, companies)
    shown = [evidence[key(name)][0] for name in dict.fromkeys(key(c) for c in companies)]
    targets = progress_answer(read_side, query, companies, metric, period).data
    if not scope.worldwide:
        targets = [row for row in targets if row.scope == scope]
    facts = {display: found.actuals for display, found in evidence.values()}
    figures = monthly_figures(facts, figures_metric, scope, span, query.as_of)
    names = read_side.names(query)
    by_status = []
    slipped = []
    for company_key, (display, _) in evidence.items():
        models = names[company_key].models.values() if company_key in names else ()
        statuses = [read_side.model(display, model, query).data.market_statuses
                    for model in models]  # fmt: skip
        by_status += markets_by_status(display, statuses)
        slipped.append(slippage(display, read_side.audit_plans(query, [display]).data))
    comparison = Comparison(
        shown, query.as_of, query.known_at, figures_metric, span.text,
        [] if scope.worldwide else list(scope.markets), list(scope.excepted), targets, figures,
        by_status, slipped,
    )  # fmt: skip
    return Answer(comparison, any(company_key in names for company_key in evidence))
