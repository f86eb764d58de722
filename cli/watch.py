"""`mxt watch add|list|remove|run`: saved selections with a cursor, kept beside the log (SPEC
§10; `mxt.storage.watches`). Parse, ask, print; `run` prints what is new and then moves the
cursors, in one transaction, so that a run that fails or is killed reports it again."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from contextlib import redirect_stdout
from typing import TYPE_CHECKING

import click

from .changes import CHANGES_SECTIONS, as_of_option, draw_learned, selection_options, write_answer
from .main import Context
from .render import Output, note, output_options, table

if TYPE_CHECKING:
    from mxt.projections.rules.learned import WatchRun

NOTHING_NEW, SOMETHING_NEW = 0, 3  # `watch run`'s exit codes (1 and 2 as every command's)
ATTEMPTS = 20  # runs read again when another run of the same watch moved its cursor first
RUN_SECTIONS: dict[str, tuple[str, ...]] = {"watches": (), **CHANGES_SECTIONS}


@click.group("watch")
def watch_command() -> None:
    """Saved watches: a selection of companies, markets and models, and a cursor, the point of
    the log up to which the watch has reported. `watch run` prints what was recorded since.

    Example: mxt watch add xiaomi-eu --company Xiaomi --market EU && mxt watch run xiaomi-eu
    """


@watch_command.command("add")
@click.argument("name")
@selection_options
@click.option(
    "--alert", "alerts", multiple=True, metavar="KIND",
    help="An alert the watch reports (repeat it): overdue, slipped, out-of-reach, behind, "
    "conflict, claim-fails, target-revised, exit. Default: every one.",
)  # fmt: skip
@click.pass_obj
def watch_add(
    context: Context,
    name: str,
    companies: tuple[str, ...],
    markets: tuple[str, ...],
    models: tuple[str, ...],
    alerts: tuple[str, ...],
) -> None:
    """Save a watch that reports what is recorded from now on (the store must exist: a watch
    never creates one).

    Example: mxt watch add xiaomi-eu --company Xiaomi --market EU --alert overdue
    """
    from mxt.storage.watches import add_watch

    with context.open_store("read") as store:
        watch = add_watch(
            store, name, companies=companies, markets=markets, models=models, alerts=alerts
        )
    click.echo(f"watch {watch.name}: reports what is recorded after event #{watch.cursor}")


@watch_command.command("list")
@output_options
@click.pass_obj
def watch_list(context: Context, output: Output) -> None:
    """List the saved watches: their selection, cursor and when they last reported.

    Example: mxt watch list --json
    """
    from mxt.storage.watches import saved

    with context.open_store("read") as store, store.read() as cursor:
        watches = saved(store, cursor)
    rows = [
        {
            "name": watch.name,
            "companies": list(watch.companies),
            "markets": list(watch.markets),
            "models": list(watch.models),
            "alerts": None if watch.alerts is None else list(watch.alerts),
            "cursor": watch.cursor,
            "created_at": watch.created_at,
            "reported_at": watch.updated_at,
        }
        for watch in watches
    ]
    if output.machine:
        output.emit(rows)
    else:
        shown = [{**row, "alerts": "every" if row["alerts"] is None else row["alerts"]}
                 for row in rows]  # fmt: skip
        table(shown, list(rows[0]) if rows else ["name"], title="watches")


@watch_command.command("remove")
@click.argument("name")
@click.pass_obj
def watch_remove(context: Context, name: str) -> None:
    """Forget a watch and its cursor.

    Example: mxt watch remove xiaomi-eu
    """
    from mxt.storage.watches import remove_watch

    with context.open_store("read") as store:
        remove_watch(store, name)
    click.echo(f"watch {name}: removed")


@watch_command.command("run")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option("--peek", is_flag=True, help="Show what is new, and leave the cursors where "
              "they are.")  # fmt: skip
@click.option("--all", "every", is_flag=True, help="List every alert that holds now, not only "
              "those that began to hold since the watch last reported.")  # fmt: skip
@as_of_option
@output_options(sections=RUN_SECTIONS, digests=True)
@click.pass_obj
def watch_run(
    context: Context,
    names: tuple[str, ...],
    peek: bool,
    every: bool,
    as_of: str | None,
    output: Output,
) -> None:
    """Print, for each watch named (default: every watch), what was recorded after its cursor
    that its selection matches, the changes it made in the answers, and the alerts that
    began to hold since the watch last reported (--all: every alert that holds); then move
    its cursor to the log's last event (unless --peek). Exits 3 when something is new (an
    event, or an alert that began to hold), 0 when nothing is (1 and 2 as usual), for cron
    or CI.

    Example: mxt watch run xiaomi-eu --format markdown | mail -s "mxt" me@example.com
    """
    from mxt.storage.errors import StoreUnavailable
    from mxt.storage.watches import CursorMoved

    from .options import parse_as_of

    day = parse_as_of(as_of)
    for attempt in range(ATTEMPTS):
        try:
            dated = as_of is not None
            run = _run_once(context, names, (day, dated, every), output, peek, attempt == 0)
            break
        except CursorMoved:
            continue
    else:
        raise StoreUnavailable(
            f"watch: other runs of the same watches kept moving their cursors; gave up after "
            f"{ATTEMPTS} attempts (nothing was reported)"
        )
    raise SystemExit(SOMETHING_NEW if run.new else NOTHING_NEW)


def _run_once(
    context: Context,
    names: tuple[str, ...],
    when: tuple[str, bool, bool],
    output: Output,
    peek: bool,
    first: bool,
) -> WatchRun:
    """One attempt of `watch run`, on a snapshot of its own: reads what is new, renders it,
    and writes it while the cursors move (`advance`), or leaves them (`peek`). Raises
    `CursorMoved` (nothing written) when another run moved one of them first. `when`: the
    as-of day, whether it was given, and whether every alert is asked for (`--all`)."""
    from mxt.projections.opening import open_read_side
    from mxt.projections.questions.learning import watch_run as read_watches
    from mxt.storage.watches import advance

    from .options import replayed_note

    read_side = open_read_side(context.store_location)
    try:
        if first and read_side.replayed is not None:
            note(replayed_note(read_side.store.display_location, read_side.replayed))
        day, dated, every = when
        run = read_watches(read_side, names, day, dated=dated, every=every)
        if first and not run.reports:
            note("note: no watch is saved (mxt watch add NAME … saves one)")
        text = _rendered(lambda: _write_run(output, run))
        if peek:
            _send(text)
        else:
            # The run's snapshot ends before its cursors move (everything it read is in
            # `text`): a SQLite file in rollback-journal mode lets no write commit while a
            # read transaction is open on it, this process's own included.
            read_side.store.release()
            advance(read_side.store, run.moves(), lambda: _send(text))
        return run
    finally:
        read_side.close()


def _write_run(output: Output, run: WatchRun) -> None:
    from .digest import covering, of_watch_run

    def draw() -> None:
        for report in run.reports:
            span = report.span
            title = (
                f"watch {report.watch.name}: {len(report.events)} new, "
                f"{covering(span.since, span.until, span.after, span.upto)}"
            )
            draw_learned(title, report.events, report.changes, report.alerts)

    write_answer(output, run.json(), lambda: of_watch_run(run), draw)


def _rendered(write: Callable[[], None]) -> str:
    """What `write` prints on stdout, kept as text (to be written once the cursors can move)."""
    kept = _Kept()
    with redirect_stdout(kept):
        write()
    return kept.getvalue()


class _Kept(io.StringIO):
    """Standard output kept as text, which says it is no terminal (so tables are not styled
    for one: the text may go anywhere)."""

    def isatty(self) -> bool:
        return False


def _send(text: str) -> None:
    """Writes `text` on stdout and flushes it: once this returns, the report is out (a
    failure to write raises, and the run's cursors stay where they were)."""
    click.echo(text, nl=False)
    sys.stdout.flush()
