"""`mxt compare`: companies side by side (SPEC 5.3; README "Regions, metrics, comparisons").
Parse, ask, print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from mxt.events.errors import InputError
from mxt.events.kinds import spell_count

from .main import Context, read_options
from .render import Output, table

if TYPE_CHECKING:
    from mxt.projections.rules.compare import Comparison

COMPARE_SECTIONS = {"targets": (), "figures": (), "markets_by_status": (), "slippage": ()}


@click.command("compare")
@click.argument("companies", nargs=-1, metavar="COMPANY COMPANY…")
@click.option("--metric", metavar="METRIC", help="The metric of the monthly figures (and "
              "of the targets shown, when given). Default: deliveries.")  # fmt: skip
@click.option("--period", metavar="PERIOD", help="The months compared (2025, 2025-H1, "
              "2025-Q3; and the targets' period, when given). Default: the year of "
              "--as-of.")  # fmt: skip
@click.option("--markets", "markets", multiple=True, metavar="CODE", help="The scope of the "
              "figures and targets: countries, regions or '*'. Repeat, or separate with "
              "commas. Default: worldwide.")  # fmt: skip
@click.option("--except", "excepted", multiple=True, metavar="CODE",
              help="Markets left out of --markets.")  # fmt: skip
@read_options(sections=COMPARE_SECTIONS)
@click.pass_obj
def compare_command(
    context: Context,
    companies: tuple[str, ...],
    metric: str | None,
    period: str | None,
    markets: tuple[str, ...],
    excepted: tuple[str, ...],
    as_of: str | None,
    known_at: str | None,
    output: Output,
) -> None:
    """Companies side by side: targets in force with progress and pace, a metric's monthly
    figures (one column per company, bounds shown), the markets where each has a model
    available, announced, overdue or withdrawn, and how late its plans came (mean and worst).

    Example: mxt compare BYD Tesla --metric registrations --period 2025 --markets EUROPE
    """
    from mxt.events.kinds import Scope
    from mxt.events.metrics import METRICS
    from mxt.projections.questions.comparison import compare_answer
    from mxt.projections.rules.periods import parse_period

    from .options import known_at_label, make_query, parse_market
    from .read import _report_unknown
    from .write import split_list

    if len(set(name.casefold() for name in companies)) < 2:
        raise InputError("COMPANY", "compare needs two companies or more")
    if metric is not None and metric not in METRICS:
        raise InputError("--metric", f"{metric!r} is not a metric (one of: {', '.join(METRICS)})")
    if period is not None:
        try:
            parse_period(period)
        except ValueError as error:
            raise InputError("--period", str(error)) from None
    query = make_query(as_of, known_at)
    read_side = context.open_read_side()
    known = read_side.user_regions(read_side.resolve(query).known_at)
    listed = [code for code in split_list(markets) if code == "*"] + [
        str(parse_market(code, "--markets", known)) for code in split_list(markets) if code != "*"
    ]
    left_out = [str(parse_market(code, "--except", known)) for code in split_list(excepted)]
    if left_out and not listed:
        listed = ["*"]
    scope = Scope.of({"markets": listed, "except": left_out})
    answer = compare_answer(read_side, query, companies, metric, period, scope)
    if output.machine:
        output.emit(answer.data)
    else:
        _tables(answer.data, known_at_label(query.known_at))
    _report_unknown(answer, f"companies {', '.join(companies)}", query)


def _tables(comparison: Comparison, known: str) -> None:
    """The comparison as four readable tables."""
    from .progress import progress_table

    scope = _scope_words(comparison)
    head = f"{', '.join(comparison.companies)} as of {comparison.as_of} (known at {known})"
    progress_table(comparison.targets, f"targets: {head}")
    table(
        [{"month": row.month, **{name: _figure(value) for name, value in row.figures.items()}}
         for row in comparison.figures],
        ["month", *comparison.companies],
        title=f"{comparison.metric} {comparison.period}{scope}, by month",
    )  # fmt: skip
    table(
        [{**row._asdict(), "markets": ", ".join(row.markets) or "-"}
         for row in comparison.markets_by_status],
        ["company", "status", "number", "markets"],
        title="markets by status",
    )  # fmt: skip
    table(
        [{**row._asdict(),
          "mean_late_days": "-" if row.mean_late_days is None else f"{row.mean_late_days:+,.1f}",
          "worst_late_days": "-" if row.worst_late_days is None else f"{row.worst_late_days:+,}"}
         for row in comparison.slippage],
        ["company", "slots", "happened", "on_time", "overdue", "mean_late_days",
         "worst_late_days"],
        title="plans: what became of them",
    )  # fmt: skip


def _scope_words(comparison: Comparison) -> str:
    """` in EUROPE`, ` in * except CN`, or '' for a worldwide comparison."""
    from mxt.events.kinds import Scope

    return Scope.of({"markets": comparison.markets, "except": comparison.except_}).spelled()


def _figure(value: dict[str, Any] | None) -> str:
    """A month's figure as a table spells it (`9,200`, `~8,700`, `20,000+`), or `-`."""
    if value is None:
        return "-"
    return spell_count(value["units"], value["bound"], value["high"])
