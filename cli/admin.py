"""`mxt verify`, `mxt rebuild`, `mxt copy`: keeping the log and the read models sound."""

from __future__ import annotations

import click

from .errors import worded
from .main import Context
from .render import emit_json, note

EXPECT_MIN_DIGITS = 16  # hex digits of a kept head: fewer would match a forged history too
EXPECT_MAX_DIGITS = 64  # a whole head (SHA-256): more can name no history
REBUILD = "rebuild"


def check_expect(expect: str | None) -> str | None:
    """`--expect`: a head hash, or at least its first 16 hex digits."""
    from mxt.events.errors import InputError

    if expect is None:
        return None
    text = expect.strip().lower()
    if len(text) < EXPECT_MIN_DIGITS or any(c not in "0123456789abcdef" for c in text):
        raise InputError("expect", f"a head hash needs at least {EXPECT_MIN_DIGITS} hex digits")
    if len(text) > EXPECT_MAX_DIGITS:
        raise InputError("expect", f"a head hash has at most {EXPECT_MAX_DIGITS} hex digits")
    return text


@click.command("verify")
@click.option("--expect", metavar="HEAD", help="A head hash kept earlier (at least 16 hex "
              "digits): fail unless the log still holds the history it names.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Machine output.")
@click.pass_obj
def verify_command(context: Context, expect: str | None, as_json: bool) -> None:
    """Check that no stored event was edited, deleted, reordered, re-timed or slipped in, and
    that the read models hold what the log says they should.

    Prints the head hash (a digest of the whole history) and exits 0, or names each
    damaged event and exits 1. Records stamped later than this machine's clock are reported.

    Example: mxt verify --expect 3f2a9c0d1e2b3a4c
    """
    from mxt.projections.readmodel.consistency import inspect_store

    expect = check_expect(expect)  # bad input is named before the store is opened
    with context.open_store("read") as store:
        report, problems = inspect_store(store, expect)
    intact = report.intact and not problems
    if as_json:
        emit_json(
            {
                "intact": intact,
                "events": report.events,
                "head": report.short_head,
                "damaged": [
                    {"notification_id": d.notification_id, "position": d.position,
                     "problem": d.problem}
                    for d in report.damage
                ],
                "expected_found": report.expected_found,
                "file": report.file_damage,
                "read_models": [worded(problem) for problem in problems],
                "future": report.future,
                "latest_recorded_at": report.latest,
                "first_formula": report.first_formula,
            }
        )  # fmt: skip
    else:
        for fault in report.file_damage:
            click.echo(f"damaged: file: {fault}", err=True)
        if report.file_damage:
            click.echo("  (mxt rebuild makes the read model and its indexes anew; the sqlite3 "
                       "shell's REINDEX remakes any index)", err=True)  # fmt: skip
        for damage in report.damage:
            click.echo(f"damaged: {damage.describe()}", err=True)
        if report.expected_found is False:
            click.echo(f"damaged: the history with head {expect} is not in this log", err=True)
        for problem in problems:
            click.echo(f"damaged: {worded(problem)}", err=True)
        if intact:
            click.echo(f"ok: {report.events} events, head {report.short_head}")
        if report.first_formula:
            note(f"note: the first {report.first_formula} chain entries were written by an older "
                 "mxt, whose chain did not cover recorded_at; later entries cover it")  # fmt: skip
    if report.future:
        note(
            f"warning: {report.future} events are stamped later than this machine's clock "
            f"(the latest at {report.latest}): a clock was ahead when they were recorded"
        )
    if not intact:
        raise SystemExit(1)


@click.command("rebuild")
@click.option("--force", is_flag=True, help="Rebuild even from a log that fails verify.")
@click.pass_obj
def rebuild_command(context: Context, force: bool) -> None:
    """Drop every read model and rebuild it from the log, once the log passes verify
    (`--force`: even if it does not, to read what is left).

    Example: mxt rebuild
    """
    from mxt.domain.integrity import refuse_damage, verify_store
    from mxt.projections.readmodel.projector import Projector, refusing
    from mxt.storage.errors import DamagedLog

    with context.open_store("read") as store:
        try:  # verify reads the log with the rebuild
            applied = Projector(store).rebuild(None if force else refusing(REBUILD))
        except DamagedLog:
            if not force:  # an event the rebuild could not read: say what verify finds
                refuse_damage(verify_store(store), REBUILD)
            raise
    context.commit_done(f"rebuilt from {applied} events")
    click.echo(f"rebuilt from {applied} events")


@click.command("copy")
@click.option("--to", "target", required=True, metavar="PATH|URL", help="The store to fill.")
@click.pass_obj
def copy_command(context: Context, target: str) -> None:
    """Copy the whole log, verbatim, into another (empty) store: recorded_at, corrections and
    retractions kept, so --known-at answers and the verify head hash are the same on both.
    The target is a new file, an empty file or database, or an mxt store holding no event;
    a copy that fails (or is killed by SIGTERM or SIGHUP) leaves no store there. A log that
    fails verify is refused; the copy is verified before it is committed.

    Example: mxt copy --to postgresql://mxt@db.example/mxt
    """
    from mxt.domain.copying import copy_log
    from mxt.projections.opening import open_store

    from .signals import cleaning_up_on_termination

    with (
        cleaning_up_on_termination(),
        context.open_store("read") as source,
        open_store(target, "create") as destination,
    ):
        try:
            copied = copy_log(source, destination)
        except BaseException:
            destination.unmake()  # the tables this copy made, and a file it made
            raise
    context.commit_done(f"copied {copied} events")
    click.echo(f"copied {copied} events to {destination.display_location}")
