"""`mxt conflicts`: where the sources disagree. Parse, ask, print."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .main import Context, company_filter, read_options
from .render import Output, table

if TYPE_CHECKING:
    from mxt.projections.rules.conflicts import SlotView


@click.command("conflicts")
@company_filter
@read_options
@click.pass_obj
def conflicts_command(
    context: Context,
    companies: tuple[str, ...],
    as_of: str | None,
    known_at: str | None,
    output: Output,
) -> None:
    """Every slot whose announcements disagree beyond their bounds: the value in force (by
    certainty, then date) and each source that says otherwise.

    Example: mxt conflicts --company Xiaomi --as-of 2025-07-10
    """
    from mxt.projections.questions.comparing import conflicts

    from .options import companies_named
    from .read import _query, _report_unknown, count

    query = _query(as_of, known_at)
    read_side = context.open_read_side()
    answer = conflicts(read_side, query, companies)
    if output.machine:
        output.emit(answer.data)
    else:
        rows = []
        for item in answer.data:
            for side, shown in (("in force", item.in_force), *(("other", o) for o in item.others)):
                rows.append({"slot": slot_text(item.slot) if side == "in force" else "",
                             "side": side, **shown._asdict(), "value": count(shown),
                             "source": shown.source["title"]})  # fmt: skip
        table(rows, ["slot", "side", "value", "certainty", "announced_on", "id", "source"],
              title=f"conflicts as of {query.as_of}")  # fmt: skip
    _report_unknown(answer, companies_named(companies), query)


def slot_text(slot: SlotView) -> str:
    """A slot in a few words: `Xiaomi wait-time YU7`, `BYD target sales 2025 in * except CN`."""
    words = slot.words()
    if slot.scope is not None and not slot.scope.worldwide:
        words.append("in " + slot.scope.text(","))
    return " ".join(words)
