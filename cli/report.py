"""`mxt report`: one self-contained HTML page (README, "The report"). Parse, gather, write."""

from __future__ import annotations

from pathlib import Path

import click

from mxt.events.errors import InputError

from .main import Context, MxtError, company_filter
from .render import note

INSTALL_HINT = "mxt report needs the report extra (Jinja2, matplotlib): pip install 'mxt[report]'"


@click.command("report")
@company_filter
@click.option("--as-of", metavar="YYYY-MM-DD", help="Announcements made by this date. "
              "Default: today.")  # fmt: skip
@click.option("--known-at", metavar="TIMESTAMP", help="Only what had been recorded by then "
              "(ISO 8601; a date means its end, UTC). Default: everything recorded.")  # fmt: skip
@click.option("--compare", is_flag=True, help="Put the companies side by side first (two or "
              "more): a chart of their monthly deliveries and running totals, and mxt "
              "compare's tables.")  # fmt: skip
@click.option("-o", "--output", "path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("mxt-report.html"), show_default=True,
              help="The HTML file to write: a new file, or a report mxt wrote earlier (any "
              "other file, a store or a device is refused).")  # fmt: skip
@click.pass_obj
def report_command(
    context: Context,
    companies: tuple[str, ...],
    as_of: str | None,
    known_at: str | None,
    compare: bool,
    path: Path,
) -> None:
    """Write one HTML page that opens in any browser with no network: per company its state,
    targets against actuals, monthly deliveries, market availability and a timeline with
    sources and quotes; the header names the dates, event count and verify head hash.

    Example: mxt report --company BYD --company Tesla --compare -o byd-tesla.html
    """
    try:
        from mxt.report.aside import Aside
        from mxt.report.page import check_output, write
    except ImportError:
        raise MxtError(INSTALL_HINT, 1) from None
    from mxt.projections.questions.report import gather_report

    from .options import make_query, nothing_known_note
    from .signals import cleaning_up_on_termination

    if compare and len({name.casefold() for name in companies}) < 2:
        raise InputError("--company", "--compare needs two companies or more")
    check_output(path)  # a store, a device or another file is never replaced by the page
    query = make_query(as_of, known_at)
    read_side = context.open_read_side()
    # the charts and the market matrix made by a second process beside the gathering
    with Aside(read_side, query, context.store_location) as aside:
        report = gather_report(read_side, query, companies, compare, gathered=aside.give,
                               statuses=aside.statuses)  # fmt: skip
        for company in report.companies:
            if not company.timeline_total:
                note(nothing_known_note(company.name, query))
        try:
            with cleaning_up_on_termination():  # no temporary page left behind
                size = write(report, path, aside.drawn(report.companies))
        except OSError as error:
            raise MxtError(f"output: cannot write {path}: {error.strerror}", 1) from None
    count = len(report.companies)
    note(f"wrote {path} ({size:,} bytes, {count} compan{'y' if count == 1 else 'ies'})")
