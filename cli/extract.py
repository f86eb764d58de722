"""`mxt extract`: draft announcements found in a news text, as import-format JSON Lines."""

from __future__ import annotations

import json
import sys

import click


def _read_text(path: str) -> str:
    """The text of FILE (or stdin for `-`); unreadable or non-UTF-8 input is bad input."""
    from mxt.events.errors import InputError

    try:
        if path == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as handle:
                raw = handle.read()
    except OSError as error:
        raise InputError("file", f"{path}: {error.strerror}") from None
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
    what was guessed; sentences of no kind become `statement` drafts. Review, then import.

    Example: mxt extract article.txt --published 2025-07-04 | mxt import --dry-run -
    """
    from mxt.events.codes import parse_iso_date
    from mxt.events.errors import InputError
    from mxt.extract import SourceInfo, extract_drafts

    try:
        day = parse_iso_date(published)
    except ValueError as error:
        raise InputError("published", str(error)) from None
    text = _read_text(file)
    drafts = extract_drafts(text, day, SourceInfo(title, url, publisher), company)
    out = sys.stdout
    for draft in drafts:
        out.write(json.dumps(draft, ensure_ascii=False))
        out.write("\n")
