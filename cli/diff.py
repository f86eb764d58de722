"""`mxt diff`: the changes in state between two as-of dates. Parse, ask, print."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .main import Context, company_filter
from .render import Output, note, output_options, table

if TYPE_CHECKING:
    from mxt.projections.rules.changes import Change


@click.command("diff")
@click.option("--from", "date_from", required=True, metavar="YYYY-MM-DD",
              help="The earlier as-of date.")  # fmt: skip
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="The later as-of date. "
              "Default: today.")  # fmt: skip
@company_filter
@click.option("--market", metavar="CODE", help="Only changes concerning this market: its "
              "statuses, policies covering it, launches in markets covering it.")  # fmt: skip
@click.option("--known-at", metavar="TIMESTAMP", help="Only what had been recorded by then "
              "(ISO 8601; a date means its end, UTC). Default: everything recorded.")  # fmt: skip
@output_options
@click.pass_obj
def diff_command(
    context: Context,
    date_from: str,
    date_to: str | None,
    companies: tuple[str, ...],
    market: str | None,
    known_at: str | None,
    output: Output,
) -> None:
    """What changed in the state between two as-of dates: launches, order milestones,
    targets (old -> new), delivered totals, wait times, expected entries, showcases,
    policies coming into force or lapsing, market statuses and factory statuses, each with
    the announcement behind it; plans that moved (a launch's, a factory's, an entry's date,
    from -> to), fell overdue, were paused, cancelled or fulfilled, and exits.

    Example: mxt diff --from 2025-06-01 --to 2025-07-10 --company Xiaomi
    """
    from mxt.projections.questions.comparing import diff

    from .options import diff_subject, known_at_label, nothing_known_note, parse_market, parse_span

    before, after = parse_span(date_from, date_to, known_at)
    read_side = context.open_read_side()
    code = parse_market(market, known=read_side.user_regions(read_side.resolve(after).known_at))
    answer = diff(read_side, before, after, companies, code)
    if output.machine:
        output.emit(answer.data)
    else:
        table(
            [
                {
                    **change._asdict(),
                    "from": change.from_,
                    "subject": change.about,
                    **spelled(change),
                }
                for change in answer.data
            ],
            ["announced_on", "area", "company", "subject", "from", "to", "id"],
            title=f"changes from {before.as_of} to {after.as_of} "
            f"(known at {known_at_label(after.known_at)})",
        )
    if not answer.known:
        note(nothing_known_note(diff_subject(companies, market), after, answer.began))


def spelled(change: Change) -> dict[str, str]:
    """`from` and `to` as tables show them: counts with their bounds and a range's both ends
    (`200,000+`, `38,500–39,500`), a plan or a launch market with its status beside its
    date (`overdue 2023-12`)."""
    from mxt.events.kinds import spell_count

    if change.bounds is not None:
        highs = change.highs or (None, None)
        return {
            "from": spell_count(change.from_, change.bounds[0], highs[0]),
            "to": spell_count(change.to, change.bounds[1], highs[1]),
        }
    if change.statuses is not None:
        sides = zip(change.statuses, (change.from_, change.to), strict=True)
        words = [" ".join(str(part) for part in side if part is not None) for side in sides]
        return {"from": words[0] or "-", "to": words[1] or "-"}
    return {}
