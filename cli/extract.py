"""`mxt extract`: draft announcements found in a news text, as import-format JSON Lines."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

MAX_TEXT_BYTES = 1 << 20  # a long article is 50 KB; drafting 1 MiB takes about a minute


def _read_text(path: str) -> str:
    """The text of FILE (or stdin for `-`), read in one bounded chunk; unreadable or
    non-UTF-8 input, or more than `MAX_TEXT_BYTES`, is bad input."""
    from mxt.events.errors import InputError

    try:
        if path == "-":
            raw = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        else:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as error:
        raise InputError("file", f"{path}: {error.strerror}") from None
    if len(raw) > MAX_TEXT_BYTES:
        raise InputError("file", f"{path}: longer than {MAX_TEXT_BYTES:,} bytes (1 MiB), the "
                         "most mxt extract reads")  # fmt: skip
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("file", f"{path}: not UTF-8 text") from None
    if not text.strip():
        raise InputError("file", f"{path}: no text")
    return text


@click.command("extract")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--published", required=True, metavar="YYYY-MM-DD",
              help="When the text was published: relative dates are read against it.")  # fmt: skip
@click.option("--source", "title", help="Source title (default: the text's first line).")
@click.option("--url", help="Source URL.")
@click.option("--publisher", help="Source publisher.")
@click.option("--company", help="The company the text is about (when it names several).")
def extract_command(
    file: str,
    published: str,
    title: str | None,
    url: str | None,
    publisher: str | None,
    company: str | None,
) -> None:
    """Print the draft announcements found in a news text FILE (`-` = stdin) as JSON Lines
    ready for `mxt import`, never writing to a store. Each draft quotes its sentence
    verbatim (`source.quote`), reads its certainty from the wording and says in its `note`
    what was guessed; a fact it is unsure of becomes a `statement` draft whose note gives
    the reading. When the store (--store, MXT_STORE or the default) exists, the company and
    model names it holds are known too; it is only read, and none is created. Review, then
    import.

    Example: mxt extract article.txt --published 2025-07-04 | mxt import --dry-run -
    """
    from mxt.events.codes import parse_iso_date
    from mxt.events.errors import InputError
    from mxt.extract import SourceInfo, extract_drafts

    try:
        day = parse_iso_date(published)
    except ValueError as error:
        raise InputError("published", str(error)) from None
    _check_options(title, url, publisher, company)
    text = _read_text(file)
    companies, models = store_names()
    drafts = extract_drafts(
        text, day, SourceInfo(title, url, publisher), company, companies, models
    )
    out = sys.stdout
    for draft in drafts:
        out.write(json.dumps(importable(draft), ensure_ascii=False))
        out.write("\n")


def store_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The company and model names the store holds, as first spelled, when there is a
    store; none when there is nothing there (nothing is created). The store is opened for
    reading only; another program's file is refused, a store that cannot be read fails."""
    from mxt.storage.errors import NotAStore, StoreMissing

    from .main import Context
    from .options import make_query

    context = click.get_current_context().find_object(Context)
    try:
        read_side = context.open_read_side() if context else None
    except NotAStore:
        raise
    except StoreMissing:
        return (), ()
    if read_side is None:
        return (), ()
    known = read_side.names(make_query())
    companies = tuple(names.company for names in known.values())
    models = tuple(
        model for names in known.values() for model in names.models.values() if _usable(model)
    )
    return companies, models


def _usable(model: str) -> bool:
    """True for a model name that can be looked for in a text: not a short number ("01"),
    which dates and figures hold too."""
    return len(model) >= 2 and not (model.isdigit() and len(model) < 3)


def _check_options(
    title: str | None, url: str | None, publisher: str | None, company: str | None
) -> None:
    """What every draft will carry is checked by the rules `mxt import` applies, before
    anything is read: a --company or --source that import would refuse is bad input here."""
    from pydantic import TypeAdapter, ValidationError

    from mxt.events.errors import InputError
    from mxt.events.fields import Name
    from mxt.events.schemas.base import Source, describe, validated

    source = {"title": title or "t", "url": url, "publisher": publisher}
    try:
        validated(Source, {name: value for name, value in source.items() if value is not None})
    except InputError as error:  # named by its option: --source, --url, --publisher
        field = "source" if error.field == "title" else error.field
        raise InputError(field, error.message) from None
    if company is not None:
        try:
            TypeAdapter(Name).validate_python(company)
        except ValidationError as error:
            raise InputError("company", describe(error).message) from None


def importable(draft: dict[str, Any]) -> dict[str, Any]:
    """A draft as `mxt import` accepts it: checked against its kind's schema. One that
    fails (a figure beyond 2^53, a wait of 0 months) becomes a statement of its sentence,
    its note saying what import refused, so that every line extract writes imports."""
    from mxt.events.announcements import parse_line
    from mxt.events.errors import InputError

    try:
        parse_line(draft)
        return draft
    except InputError as error:
        refused = error.describe()
    statement = {
        "kind": "statement",
        "company": draft["company"],
        "announced_on": draft["announced_on"],
        "topic": draft["kind"],
        "text": draft["source"]["quote"],
        "certainty": draft["certainty"],
        "source": draft["source"],
        "note": f"{draft['note']} Drafted as {draft['kind']}, which import refuses ({refused}): "
        "kept as a statement.",
    }
    parse_line(statement)  # the quote, title and company follow the rules already
    return statement
