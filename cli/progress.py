"""`mxt progress`: targets against actuals (README: "Is it on track? Is it true?").
Parse, ask, print."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from mxt.events.kinds import spell_count

from .main import Context, read_options, target_filters
from .render import Output, table

if TYPE_CHECKING:
    from mxt.projections.rules.checked import ProgressRow


def progress_table(rows: list[ProgressRow], title: str) -> None:
    """The progress rows as a readable table."""
    table(
        [
            {
                **row._asdict(),
                "scope": "worldwide" if row.scope.worldwide else row.scope.text(),
                "target": spell_count(row.target, row.target_bound, row.target_high),
                "actual": spell_count(row.actual, row.actual_bound)
                + (f" ({row.actual_metric})" if row.actual_metric not in
                   (None, row.metric) else ""),  # fmt: skip
                "share": _pct(row.share_pct),
                "elapsed": _pct(row.elapsed_pct),
                "needed/month": (
                    f"{row.needed_per_month:,.0f}" if row.needed_per_month else "-"
                ),
            }
            for row in rows
        ],
        ["company", "metric", "period", "scope", "target", "actual", "covered_until", "share",
         "elapsed", "needed/month", "pace"],
        title=title,
    )  # fmt: skip


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}%"


@click.command("progress")
@target_filters
@read_options
@click.pass_obj
def progress_command(
    context: Context,
    companies: tuple[str, ...],
    metric: str | None,
    period: str | None,
    as_of: str | None,
    known_at: str | None,
    output: Output,
) -> None:
    """Targets in force against the actuals announced so far: share reached, share of the
    period elapsed, units a month still needed, and the pace.

    Example: mxt progress --company Xiaomi --period 2025 --as-of 2025-07-05
    """
    from mxt.events.errors import InputError
    from mxt.projections.questions.checking import progress_answer
    from mxt.projections.rules.periods import parse_period

    from .options import companies_named, known_at_label, make_query
    from .read import _report_unknown

    if period is not None:
        try:
            parse_period(period)
        except ValueError as error:
            raise InputError("period", str(error)) from None
    query = make_query(as_of, known_at)
    read_side = context.open_read_side()
    answer = progress_answer(read_side, query, companies, metric, period)
    if output.machine:
        output.emit(answer.data)
    else:
        known = known_at_label(query.known_at)
        progress_table(answer.data, f"progress as of {query.as_of} (known at {known})")
    _report_unknown(answer, f"targets of {companies_named(companies)}", query)
