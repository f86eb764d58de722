"""`mxt verify`, `mxt rebuild`, `mxt copy`: keeping the log and the read models sound."""

from __future__ import annotations

import click

from .main import Context
from .render import emit_json


@click.command("verify")
@click.option("--expect", metavar="HEAD", help="A head hash kept earlier: fail unless the log "
              "still holds the history it names.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Machine output.")
@click.pass_obj
def verify_command(context: Context, expect: str | None, as_json: bool) -> None:
    """Check that no stored event was edited, deleted, reordered or slipped in.

    Prints the head hash (a digest of the whole history) and exits 0, or names each
    damaged event and exits 1.

    Example: mxt verify --expect 3f2a9c...
    """
    from mxt.domain.integrity import verify_store

    with context.open_store() as store:
        report = verify_store(store, expect)
    if as_json:
        emit_json(
            {
                "intact": report.intact,
                "events": report.events,
                "head": report.short_head,
                "damaged": [
                    {"notification_id": d.notification_id, "position": d.position,
                     "problem": d.problem}
                    for d in report.damage
                ],
                "expected_found": report.expected_found,
            }
        )  # fmt: skip
    else:
        for damage in report.damage:
            click.echo(f"damaged: {damage.describe()}", err=True)
        if report.expected_found is False:
            click.echo(f"damaged: the history with head {expect} is not in this log", err=True)
        if report.intact:
            click.echo(f"ok: {report.events} events, head {report.short_head}")
    if not report.intact:
        raise SystemExit(1)


@click.command("rebuild")
@click.pass_obj
def rebuild_command(context: Context) -> None:
    """Drop every read model and rebuild it from the log.

    Example: mxt rebuild
    """
    from mxt.domain.store import Store
    from mxt.projections.readmodel import ReadModel

    with Store(context.store_location) as store:
        applied = ReadModel(store).rebuild()
    click.echo(f"rebuilt from {applied} events")


@click.command("copy")
@click.option("--to", "target", required=True, metavar="PATH|URL", help="The store to fill.")
@click.pass_obj
def copy_command(context: Context, target: str) -> None:
    """Copy the whole log, verbatim, into another (empty) store: recorded_at, corrections and
    retractions kept, so --known-at answers and the verify head hash are the same on both.

    Example: mxt copy --to postgresql://mxt@db.example/mxt
    """
    from mxt.domain.copying import copy_log
    from mxt.domain.store import Store
    from mxt.projections.readmodel import ReadModel

    with context.open_store() as source, Store(target) as destination:
        ReadModel(destination)
        copied = copy_log(source, destination)
    click.echo(f"copied {copied} events to {target}")
