"""`mxt changes`: what the store learned between two known-at moments (SPEC §10). Parse, ask,
print; and the writing of such an answer in every format, which `watch run` shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from mxt.events.errors import InputError
from mxt.events.kinds import KIND_NAMES

from .main import Context, MxtError
from .render import Output, output_options, table

if TYPE_CHECKING:
    from mxt.projections.learned import NewEvent

    from .digest import Digest

CHANGES_SECTIONS: dict[str, tuple[str, ...]] = {"events": ()}
EVENT_COLUMNS = ["recorded_at", "event", "id", "kind", "company", "summary", "reason"]


def selection_options(function: Any) -> Any:
    """`--company`, `--market` and `--model`, each repeatable: which announcements an answer
    is about (received as `companies`, `markets`, `models`)."""
    function = click.option(
        "--model", "models", multiple=True, metavar="NAME",
        help="Only this model (any case; repeat it for several).",
    )(function)  # fmt: skip
    function = click.option(
        "--market", "markets", multiple=True, metavar="CODE",
        help="Only announcements naming this market, a region containing it, or a policy "
        "covering it (repeat it for several).",
    )(function)  # fmt: skip
    return click.option(
        "--company", "companies", multiple=True, metavar="NAME",
        help="Only this company (any case; repeat it for several).",
    )(function)  # fmt: skip


def as_of_option(function: Any) -> Any:
    """`--as-of`: the date the answers are read as of (received as `as_of`)."""
    return click.option(
        "--as-of", metavar="YYYY-MM-DD",
        help="The date the answers are read as of (announcements made by then). Default: today.",
    )(function)  # fmt: skip


def event_rows(events: Sequence[NewEvent], **extra: Any) -> list[dict[str, Any]]:
    """The events as a table draws them."""
    return [{**extra, **event._asdict()} for event in events]


def write_answer(
    output: Output, answer: dict[str, Any], digest: Callable[[], Digest], draw: Callable[[], None]
) -> None:
    """Writes an answer of `changes` or `watch run`: a digest (Markdown, or HTML, which needs
    the report extra), a machine format of its JSON `answer`, or the tables `draw` draws."""
    if output.digest:
        from .digest import INSTALL_HINT, html, markdown

        if output.format == "markdown":
            click.echo(markdown(digest()), nl=False)
            return
        try:
            page = html(digest())
        except ImportError:
            raise MxtError(INSTALL_HINT, 1) from None
        click.echo(page)
    elif output.machine:
        output.emit(answer)
    else:
        draw()


def check_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    """`--kind` values, each a kind of announcement."""
    for kind in kinds:
        if kind not in KIND_NAMES:
            raise InputError("kind", f"unknown kind {kind!r} (one of: {', '.join(KIND_NAMES)})")
    return tuple(dict.fromkeys(kinds))


@click.command("changes")
@click.option("--since", required=True, metavar="TIMESTAMP", help="What was recorded after "
              "this moment (as --known-at: ISO 8601, or a date meaning its end, UTC).")  # fmt: skip
@click.option("--until", metavar="TIMESTAMP", help="… up to this moment (included). Default: "
              "everything recorded.")  # fmt: skip
@selection_options
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help=f"Only this kind (repeat it for several): {', '.join(KIND_NAMES)}.")  # fmt: skip
@as_of_option
@output_options(sections=CHANGES_SECTIONS, digests=True)
@click.pass_obj
def changes_command(
    context: Context,
    since: str,
    until: str | None,
    companies: tuple[str, ...],
    markets: tuple[str, ...],
    models: tuple[str, ...],
    kinds: tuple[str, ...],
    as_of: str | None,
    output: Output,
) -> None:
    """List what the store learned between two moments: the announcements, corrections and
    retractions recorded after --since up to --until, with their ids (the transaction-axis
    twin of diff, which compares two as-of dates).

    Example: mxt changes --since 2025-07-01 --company Xiaomi --format markdown
    """
    from mxt.domain.watches import check_markets, check_names
    from mxt.projections.learned import Selection, changes

    from .digest import covering, of_changes
    from .options import parse_as_of, parse_known_at

    since_at = parse_known_at(since, "since")
    until_at = parse_known_at(until, "until") if until is not None else None
    if until_at is not None and until_at < since_at:
        raise InputError("until", f"{until_at} is before --since {since_at}")
    selection = Selection(
        check_names(companies, "company"), check_markets(markets), check_names(models, "model"),
        check_kinds(kinds),
    )  # fmt: skip
    learned = changes(context.open_read_side(), since_at, until_at, selection, parse_as_of(as_of))

    def draw() -> None:
        span = (learned.since, learned.until, learned.from_position, learned.to_position)
        table(event_rows(learned.events), EVENT_COLUMNS, title=f"changes {covering(*span)}")

    write_answer(output, learned.json(), lambda: of_changes(learned), draw)
