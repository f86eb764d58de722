"""Output: JSON for scripts, plain aligned tables for people. One place for both."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import click

# What human output never writes raw: C0 and C1 controls, DEL, and the bidi embeddings,
# overrides and isolates that can make a line read as something else.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def printable(text: str) -> str:
    """`text` with every control or direction character escaped (`\\x1b`, `\\n`, `\\u202e`),
    so that stored text can never move the cursor, clear the screen or forge a row."""

    def escape(found: re.Match[str]) -> str:
        char = found.group()
        if char in _ESCAPES:
            return _ESCAPES[char]
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _UNPRINTABLE.sub(escape, text)


def emit_json(value: Any) -> None:
    """Machine output: one JSON document on stdout."""
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def note(message: str) -> None:
    """A remark for the person at the terminal, on stderr (never mixed into --json); any
    control character in it (a stored name, say) is shown escaped."""
    click.echo(printable(message), err=True)


def cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(cell(item) for item in value) or "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
        return f"{value:,}"
    return printable(str(value))


def table(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None) -> None:
    """An aligned text table of `rows`, one line per row, `columns` as headers."""
    if title:
        click.echo(click.style(printable(title), bold=True))
    if not rows:
        click.echo("  (none)")
        return
    cells = [[cell(row.get(column)) for column in columns] for row in rows]
    widths = [
        max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)
    ]
    header = "  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))
    click.echo(("  " + header).rstrip())
    for line in cells:
        click.echo("  " + "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())


def fields(pairs: Sequence[tuple[str, Any]], title: str | None = None) -> None:
    """`name: value` lines, aligned."""
    if title:
        click.echo(click.style(printable(title), bold=True))
    width = max((len(name) for name, _ in pairs), default=0)
    for name, value in pairs:
        click.echo(f"  {name.ljust(width)}  {cell(value)}")
