"""`mxt record`, `mxt correct`, `mxt retract`: appending to the log from the command line."""

from __future__ import annotations

from typing import Any

import click

from mxt.events.content import Content

from .main import Context, accept_store_option
from .render import emit_json, note

LIST_OPTIONS = ("markets", "except")
# The fields every announcement has: options of every kind, declared below by hand because
# they are spelled differently from the schema (`--source` is `source.title`).
COMMON_FIELDS = frozenset(
    {"id", "kind", "company", "announced_on", "source", "speaker", "certainty", "note"}
)
BOUND_SPELLINGS = "also with its bound: 200k+ or >200,000, <1m, ~28k, 38.5k-39.5k"


def example(kind: str) -> str:
    """The options of one real `mxt record KIND` (the registry's example; the tests run it)."""
    from mxt.events.kinds import KINDS

    return KINDS[kind].example


def split_list(values: tuple[str, ...]) -> list[str]:
    """A repeated option, each value possibly comma-separated: `--markets DE,FR --markets ES`."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def kind_option(
    name: str,
    alias: str | None,
    description: str | None,
    required: bool,
    choices: list[str],
    is_list: bool,
    is_flag: bool,
) -> click.Option:
    """The option of one schema field (`schemas.prebuilt.FIELD_FACTS`): named after it (`-`
    for `_`), marked when required, listing its allowed values and bound spellings, repeated
    for a list."""
    spelled = (alias or name).replace("_", "-")
    words = [description or ""]
    if choices:
        words.append(f"One of: {', '.join(choices)}.")
    if name in ("count", "value", "units"):
        words.append(f"A count: 350000, 350,000, 350k, 1.2m; {BOUND_SPELLINGS}.")
    if required:
        words.insert(0, "[required]")
    if is_list:
        words.append("Repeat, or separate with commas.")
    if is_flag:  # a flag: given, true; absent, not stored
        return click.Option(
            [f"--{spelled}", name], is_flag=True, flag_value=True, default=None,
            help=" ".join(word for word in words if word),
        )  # fmt: skip
    return click.Option(
        [f"--{spelled}", f"{name}_" if is_list else name],
        multiple=is_list,
        metavar="|".join(choices) if choices and len(choices) <= 6 else "VALUE",
        help=" ".join(word for word in words if word),
    )


COMMON_OPTIONS = [
    click.Option(["--company"], help="[required] Company name."),
    click.Option(["--announced-on"], metavar="YYYY-MM-DD",
                 help="[required] When it became public."),
    click.Option(["--source", "source_title"], metavar="TITLE",
                 help="[required] Title of the source."),
    click.Option(["--url"], help="Address of the source."),
    click.Option(["--publisher"], help="Publisher of the source."),
    click.Option(["--quote"], help="The sentence of the source that says it."),
    click.Option(["--speaker"], help="Who said it, e.g. 'Lei Jun (CEO)'."),
    click.Option(["--certainty"], metavar="confirmed|reported|expected",
                 help="Default confirmed. An answer follows confirmed over reported over "
                 "expected."),
    click.Option(["--note"], help="Free text."),
    click.Option(["--id", "announcement_id"],
                 help="Idempotency key (default: derived from content)."),
    click.Option(["--json", "as_json"], is_flag=True, help='Print {"id": ..., "created": ...}.'),
]  # fmt: skip


class KindCommand(click.Command):
    """A `record KIND` command: an option of another kind is an unknown field of this one,
    said in one line like every bad input."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from mxt.events.errors import InputError

        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as error:
            field = error.option_name.lstrip("-").replace("-", "_")
            raise InputError(field, f"unknown field (for kind {self.name})") from None


def kind_command(kind: str) -> click.Command:
    """`mxt record KIND`: the common options and the kind's own, from its schema's fields
    (as `schemas.prebuild` wrote them down: no model is defined)."""
    from mxt.events.schemas.prebuilt import DOCS, FIELD_FACTS

    own = {facts[0]: facts for facts in FIELD_FACTS[kind] if facts[0] not in COMMON_FIELDS}
    last = ("bound", "high", "markets", "except_")  # the qualifiers after the kind's own
    ordered = sorted(own, key=lambda name: name in last)
    options = [kind_option(*own[name]) for name in ordered]

    @click.pass_obj
    def callback(context: Context, **values: Any) -> None:
        record_one(context, kind, values)

    summary = " ".join((DOCS[kind] or "").strip().split("\n\n")[0].split())
    return KindCommand(
        kind,
        params=[*COMMON_OPTIONS, *options],
        callback=callback,
        help=f"Append one announcement of kind {kind} and print its id."
        + (f" {summary}" if summary and not summary.startswith("A kind") else "")
        + f"\n\nExample: mxt record {kind} {example(kind)}",
        short_help=f"Record one announcement of kind {kind}.",
    )


class RecordGroup(click.Group):
    """`mxt record KIND`: one command per kind, built from that kind's schema alone (the
    registry names the kinds; `schema_of` imports the one asked for)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        from mxt.events.kinds import KIND_NAMES

        return list(KIND_NAMES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from mxt.events.kinds import KIND_NAMES

        if cmd_name not in KIND_NAMES:
            return None
        command = kind_command(cmd_name)
        accept_store_option(command)  # built on demand: the group's own pass never sees it
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        from mxt.events.errors import InputError
        from mxt.events.kinds import KIND_NAMES

        if args and not args[0].startswith("-") and args[0] not in KIND_NAMES:
            raise InputError("kind", f"unknown kind {args[0]!r} (one of: {', '.join(KIND_NAMES)})")
        return super().resolve_command(ctx, args)


@click.group("record", cls=RecordGroup)
def record_command() -> None:
    """Append one announcement of KIND and print its id. `mxt record KIND --help` lists
    that kind's options.

    Example: mxt record target --company Xiaomi --announced-on 2025-03-18
    --source "Weibo post" --metric production --period 2025 --value 350k --previous 300k
    """


def record_one(context: Context, kind: str, values: dict[str, Any]) -> None:
    """Builds the announcement from the options given, records it and prints its id."""
    from mxt.domain.recording import record
    from mxt.events.schemas import validate_for_record

    as_json = values.pop("as_json")
    announcement_id = values.pop("announcement_id")
    source = {name: values.pop(option) for name, option in
              (("title", "source_title"), ("url", "url"), ("publisher", "publisher"),
               ("quote", "quote"))}  # fmt: skip
    data: Content = {"kind": kind}
    if announcement_id is not None:
        data["id"] = announcement_id
    if any(value is not None for value in source.values()):
        data["source"] = {k: v for k, v in source.items() if v is not None}
    for name, value in values.items():
        if name.endswith("_"):
            if value:
                data[name.rstrip("_")] = split_list(value)
        elif value is not None:
            data[name] = value
    content = validate_for_record(data)  # (no model defined: its prebuilt core schema)
    with context.open_store("create") as store:  # recording makes a new store
        new_id, created = record(store, content)
    context.commit_done(f"recorded {new_id}" if created else f"already recorded: {new_id}")
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

    changes: Content = {}
    for text in assignments:
        name, value = parse_assignment(text)
        if name in changes:
            raise InputError("set", f"{name} is given more than once")
        changes[name] = value
    with context.open_store("write") as store:
        correct(store, announcement_id, changes, reason)
    context.commit_done(f"corrected {announcement_id}")
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

    with context.open_store("write") as store:
        retract(store, announcement_id, reason)
    context.commit_done(f"retracted {announcement_id}")
    click.echo(announcement_id)
