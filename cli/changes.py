"""`mxt changes`: what the store learned between two known-at moments (SPEC §10). Parse, ask,
print; and the writing of such an answer in every format, which `watch run` shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from mxt.events.errors import InputError
from mxt.events.kinds import KIND_NAMES

from .main import Context, MxtError, company_filter
from .render import Output, output_options, table

if TYPE_CHECKING:
    from mxt.projections.rules.alerts import Alert
    from mxt.projections.rules.learned import NewEvent, StateChange

    from .digest import Digest

CHANGES_SECTIONS: dict[str, tuple[str, ...]] = {"events": (), "changes": (), "alerts": ()}
EVENT_COLUMNS = ["recorded_at", "event", "id", "kind", "company", "summary", "reason"]
CHANGE_COLUMNS = ["area", "company", "about", "from", "to", "ids"]
ALERT_COLUMNS = ["alert", "company", "reason", "ids"]


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
    return company_filter(function)


def as_of_option(function: Any) -> Any:
    """`--as-of`: the date the answers are read as of (received as `as_of`)."""
    return click.option(
        "--as-of", metavar="YYYY-MM-DD",
        help="The date the answers are read as of (announcements made by then). Default: today.",
    )(function)  # fmt: skip


def event_rows(events: Sequence[NewEvent], **extra: Any) -> list[dict[str, Any]]:
    """The events as a table draws them."""
    return [{**extra, **event._asdict()} for event in events]


def change_rows(changes: Sequence[StateChange], **extra: Any) -> list[dict[str, Any]]:
    """The state changes as a table draws them: a status beside its value, a bound beside
    its count (`diff`'s `spelled`)."""
    from .diff import spelled

    rows = []
    for found in changes:
        change = found.change
        rows.append({**extra, "area": change.area, "company": change.company,
                     "about": change.about or _subject_words(change.subject),
                     "from": change.from_, "to": change.to, **spelled(change),
                     "ids": list(found.ids)})  # fmt: skip
    return rows


def _subject_words(subject: Sequence[tuple[str, Any]]) -> str:
    return " ".join(str(value) for _, value in subject if value not in (None, [], ()))


def alert_rows(alerts: Sequence[Alert], **extra: Any) -> list[dict[str, Any]]:
    """The alerts as a table draws them."""
    return [{**extra, "alert": alert.alert, "company": alert.company, "reason": alert.reason,
             "ids": list(alert.ids)} for alert in alerts]  # fmt: skip


def draw_learned(
    title: str, events: Sequence[NewEvent], changes: Sequence[StateChange], alerts: Sequence[Alert]
) -> None:
    """The tables of one answer of `changes` (or one watch's report): the events recorded,
    the changes in the answers, the alerts."""
    table(event_rows(events), EVENT_COLUMNS, title=title)
    table(change_rows(changes), CHANGE_COLUMNS, title="  changes in the answers")
    table(alert_rows(alerts), ALERT_COLUMNS, title="  alerts")


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


# What `changes --kind` takes: a kind of announcement, or `region` (regions' definitions).
CHANGE_KINDS = (*KIND_NAMES, "region")


def check_kinds(kinds: Sequence[str]) -> tuple[str, ...]:
    """`--kind` values, each a kind of announcement or `region`."""
    for kind in kinds:
        if kind not in CHANGE_KINDS:
            raise InputError("kind", f"unknown kind {kind!r} (one of: {', '.join(CHANGE_KINDS)})")
    return tuple(dict.fromkeys(kinds))


@click.command("changes")
@click.option("--since", required=True, metavar="TIMESTAMP", help="What was recorded after "
              "this moment (as --known-at: ISO 8601, or a date meaning its end, UTC).")  # fmt: skip
@click.option("--until", metavar="TIMESTAMP", help="… up to this moment (included). Default: "
              "everything recorded.")  # fmt: skip
@selection_options
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help=f"Only this kind (repeat it for several): {', '.join(CHANGE_KINDS)} "
              "(definitions of regions of one's own).")  # fmt: skip
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
    """List what the store learned between two moments: the announcements, corrections,
    retractions and regions' definitions recorded after --since up to --until, with their
    ids (a region's name); what they changed in
    the answers as of --as-of (values, statuses, plans, targets, paces, verdicts, conflicts);
    and the alerts that began to hold (the transaction-axis twin of diff, which compares two
    as-of dates).

    Example: mxt changes --since 2025-07-01 --company Xiaomi --format markdown
    """
    from mxt.projections.questions.learning import changes
    from mxt.projections.rules.learned import Selection
    from mxt.storage.watches import check_markets, check_names

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
        draw_learned(f"changes {covering(*span)}", learned.events, learned.changes,
                     learned.alerts)  # fmt: skip

    write_answer(output, learned.json(), lambda: of_changes(learned), draw)
