"""`mxt record`, `mxt correct`, `mxt retract`: appending to the log from the command line."""

from __future__ import annotations

from typing import Any

import click

from .main import Context
from .render import emit_json, note

# Kind fields, as options named after the field with `-` for `_`.
KIND_OPTIONS = (
    "model", "market", "launched-on", "segment", "competitor", "stage", "count", "within",
    "trim", "max-months", "metric", "period", "value", "previous", "units", "site", "phase",
    "status", "effective-on", "capacity", "not-before", "venue", "expected", "topic", "text",
    "claim",
    "bound", "high", "previous-high",
)  # fmt: skip
LIST_OPTIONS = ("markets", "except")


def split_list(values: tuple[str, ...]) -> list[str]:
    """A repeated option, each value possibly comma-separated: `--markets DE,FR --markets ES`."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def kind_fields(function: Any) -> Any:
    for name in reversed(LIST_OPTIONS):
        function = click.option(
            f"--{name}", f"{name}_", multiple=True, metavar="CODE",
            help=f"Policy {name} (repeat, or separate with commas).",
        )(function)  # fmt: skip
    for name in reversed(KIND_OPTIONS):
        function = click.option(f"--{name}", metavar="VALUE", help=f"The `{name}` field.")(function)
    return function


@click.command("record")
@click.argument("kind", metavar="KIND")
@click.option("--company", help="Company name.")
@click.option("--announced-on", metavar="YYYY-MM-DD", help="When it became public.")
@click.option("--source", "source_title", metavar="TITLE", help="Title of the source.")
@click.option("--url", help="Address of the source.")
@click.option("--publisher", help="Publisher of the source.")
@click.option("--quote", help="The sentence of the source that says it.")
@click.option("--speaker", help="Who said it, e.g. 'Lei Jun (CEO)'.")
@click.option("--certainty", metavar="confirmed|reported|expected", help="Default confirmed.")
@click.option("--note", help="Free text.")
@click.option("--id", "announcement_id", help="Idempotency key (default: derived from content).")
@kind_fields
@click.option("--json", "as_json", is_flag=True, help='Print {"id": ..., "created": ...}.')
@click.pass_obj
def record_command(
    context: Context,
    kind: str,
    source_title: str | None,
    url: str | None,
    publisher: str | None,
    quote: str | None,
    announcement_id: str | None,
    as_json: bool,
    **options: Any,
) -> None:
    """Append one announcement of KIND and print its id.

    KIND is one of launch, orders, wait-time, target, deliveries, factory, policy,
    showcase, expected-entry, statement, claim (`--claim` takes the claim object as JSON).
    Counts accept 350000, 350,000, 350k or 1.2m.

    Example: mxt record target --company Xiaomi --announced-on 2025-03-18
    --source "Weibo post" --metric production --period 2025 --value 350k --previous 300k
    """
    from mxt.domain.recording import record
    from mxt.events.announcements import parse_announcement

    data: dict[str, Any] = {"kind": kind}
    if announcement_id is not None:
        data["id"] = announcement_id
    source = {"title": source_title, "url": url, "publisher": publisher, "quote": quote}
    if any(value is not None for value in source.values()):
        data["source"] = {k: v for k, v in source.items() if v is not None}
    for name, value in options.items():
        if name.endswith("_"):
            if value:
                data[name.rstrip("_")] = split_list(value)
        elif value is not None:
            data[name] = value
    announcement = parse_announcement(data)
    with context.open_store() as store:
        new_id, created = record(store, announcement)
    if as_json:
        emit_json({"id": new_id, "created": created})
    else:
        click.echo(new_id)
        if not created:
            note(f"already recorded: {new_id}")


def parse_assignment(text: str) -> tuple[str, Any]:
    """`field=value` from `--set`; list fields take commas, an empty value removes the field."""
    from mxt.events.errors import InputError

    name, sep, value = text.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or not name:
        raise InputError("set", f"expected field=value, got {text!r}")
    if name in LIST_OPTIONS:
        return name, split_list((value,))
    return name, (value if value != "" else None)


@click.command("correct")
@click.argument("announcement_id", metavar="ID")
@click.option(
    "--set", "assignments", multiple=True, required=True, metavar="FIELD=VALUE",
    help="A corrected field (repeat). `source.url=...` for the source; empty value removes.",
)  # fmt: skip
@click.option("--reason", required=True, help="Why the record was wrong.")
@click.pass_obj
def correct_command(
    context: Context, announcement_id: str, assignments: tuple[str, ...], reason: str
) -> None:
    """Record a correction of announcement ID; the stored event itself never changes.

    Example: mxt correct xiaomi-yu7-wait-12m --set max_months=11 --reason "misread the source"
    """
    from mxt.domain.recording import correct
    from mxt.events.errors import InputError

    changes: dict[str, Any] = {}
    for text in assignments:
        name, value = parse_assignment(text)
        if name in changes:
            raise InputError("set", f"{name} is given more than once")
        changes[name] = value
    with context.open_store() as store:
        correct(store, announcement_id, changes, reason)
    click.echo(announcement_id)


@click.command("retract")
@click.argument("announcement_id", metavar="ID")
@click.option("--reason", required=True, help="Why it no longer stands.")
@click.pass_obj
def retract_command(context: Context, announcement_id: str, reason: str) -> None:
    """Record that announcement ID is withdrawn; it stays in the log, marked retracted.

    Example: mxt retract xiaomi-su7-wait-8m --reason "duplicate of another report"
    """
    from mxt.domain.recording import retract

    with context.open_store() as store:
        retract(store, announcement_id, reason)
    click.echo(announcement_id)
