"""`mxt region define|list|show`: regions of one's own, recorded in the log, and every region's
members on a day."""

from __future__ import annotations

from typing import Any

import click

from .main import Context, read_options
from .render import Output, emit_json, fields, note, table


@click.group("region")
def region_command() -> None:
    """Regions: the built-in ones (UN M49 regions, blocs such as EU with their members of
    each day) and one's own, defined in the log.

    Example: mxt region show EU --as-of 2019-06-01
    """


@region_command.command("define")
@click.argument("name")
@click.option("--markets", "markets", multiple=True, metavar="CODE",
              help="[required] Countries, regions (built in or one's own) or '*'. Repeat, or "
              "separate with commas.")  # fmt: skip
@click.option("--except", "excepted", multiple=True, metavar="CODE",
              help="Markets left out. Repeat, or separate with commas.")  # fmt: skip
@click.option("--reason", help="[required] Why the region is defined (its source).")
@click.option("--json", "as_json", is_flag=True, help='Print {"name": …, "created": true/false}.')
@click.pass_obj
def define(
    context: Context,
    name: str,
    markets: tuple[str, ...],
    excepted: tuple[str, ...],
    reason: str | None,
    as_json: bool,
) -> None:
    """Define a region of one's own (NAME: uppercase letters, digits and -, 3 to 24
    characters), or define it anew: from the moment it is recorded, its latest definition
    is in force. The regions it names are resolved on the day asked about (EU of 2019 still
    counts the United Kingdom).

    Example: mxt region define EUROPE-JATO --markets EU --markets EFTA --markets GB
    --reason "JATO's Europe: EU, EFTA and the UK"
    """
    from mxt.domain.recording import define_region
    from mxt.events.schemas.base import validated
    from mxt.events.schemas.region import RegionLine

    from .write import split_list

    data: dict[str, Any] = {"name": name, "markets": split_list(markets)}
    if excepted:
        data["except"] = split_list(excepted)
    if reason is not None:
        data["reason"] = reason
    line = validated(RegionLine, data)
    with context.open_store("create") as store:
        created = define_region(store, line)
    context.commit_done(f"{'defined' if created else 'unchanged'} {line.name}")
    if as_json:
        emit_json({"name": line.name, "created": created})
    elif created:
        click.echo(f"defined {line.name}")
    else:
        click.echo(f"{line.name}: unchanged (the same definition is in force)")


@region_command.command("list")
@read_options
@click.pass_obj
def region_list(context: Context, as_of: str | None, known_at: str | None, output: Output) -> None:
    """Every region: the built-in ones with their source, then one's own known at
    --known-at with their definition, each with its number of members as of --as-of.

    Example: mxt region list --as-of 2019-06-01
    """
    from mxt.projections.questions.regions import region_list as listing

    from .options import make_query

    answer = listing(context.open_read_side(), make_query(as_of, known_at))
    if output.machine:
        output.emit(answer.data)
        return
    rows = [
        {**row, "what": row["title"] or _definition(row), "members": row["member_count"]}
        for row in answer.data
    ]
    table(rows, ["name", "defined_by", "members", "what"], title="regions")


def _definition(row: dict[str, Any]) -> str:
    """A region of one's own in a few words: `EU, EFTA, GB` / `* except CN`."""
    named = ", ".join(row["markets"] or ())
    return named + (f" except {', '.join(row['except'])}" if row["except"] else "")


@region_command.command("show")
@click.argument("name")
@read_options(sections={"members": (), "former": ()})
@click.pass_obj
def region_show(
    context: Context, name: str, as_of: str | None, known_at: str | None, output: Output
) -> None:
    """One region's members as of --as-of (a bloc's of that day: EU before 2020-02-01 counts
    the United Kingdom), where it comes from, and, for a bloc, who had left by then.

    Example: mxt region show EU --as-of 2019-06-01
    """
    from mxt.projections.questions.regions import region_show as showing

    from .options import make_query, nothing_known_note

    query = make_query(as_of, known_at)
    answer = showing(context.open_read_side(), name, query)
    shown = answer.data
    if output.machine:
        output.emit(shown)
    else:
        source = shown["source"] or {}
        said = [
            ("defined by", shown["defined_by"]),
            ("title", shown["title"]),
            ("source", " — ".join(filter(None, (source.get("publisher"), source.get("title"))))),
            ("url", source.get("url")),
            ("source note", source.get("note")),
            ("data as of", source.get("as_of")),
            ("markets", shown["markets"]),
            ("except", shown["except"] or None),
            ("reason", shown["reason"]),
            ("recorded at", shown["recorded_at"]),
        ]
        fields(
            [(label, value) for label, value in said if value] + [
                ("members", shown["member_count"])],
            title=f"region {shown['name']} as of {shown['as_of']}",
        )  # fmt: skip
        table(shown["members"], ["market", "name", "joined"], title="members")
        if shown["former"]:
            table(shown["former"], ["market", "name", "joined", "left"], title="former members")
    if not answer.known:
        note(nothing_known_note(f"region {shown['name']}", query, answer.began))
