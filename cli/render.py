"""Output: one rendering path for every read command, in four formats.

`table` is for people (aligned text); `json` is one document; `jsonl` and `csv` are row
formats: one row per item of the answer's list, nested values flattened to dotted columns
(`source.title`, `unconfirmed.value`). Machine formats put nothing else on stdout: notes go
to stderr. Modelled on sqlite-utils' `output_options`.

Answers are written as their records say (`mxt.projections.rules.records`: `to_json`, and
`flatten` and `cell` for rows and tables), loaded only by the commands that write one: a
write command prints notes and JSON, and loads no records.
"""

from __future__ import annotations

import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice, repeat
from json.encoder import encode_basestring
from typing import Any, NamedTuple, TypeVar, overload

import click

from mxt.events.content import JsonObject
from mxt.events.errors import InputError
from mxt.events.invisible import printable

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("table", "json", "jsonl", "csv")
ROW_FORMATS = ("jsonl", "csv")
# A digest to paste into an e-mail or a chat (`changes`, `watch run`): the whole answer as
# Markdown text, or as one self-contained HTML page (`mxt.report.digest`).
DIGESTS = ("markdown", "html")
PAGE = 500  # rows written (and, for tables, aligned) at a time


class Output(NamedTuple):
    """How a read command's answer is to be written: a format and, for an answer made of
    several lists, the one list (`section`) to write as rows.

    Every list and mapping of such an answer is a section, and so is `summary`, one row of
    its plain values. `sections` names them for `--help` and, for a mapping or a list of
    plain values, gives the column(s) its rows get (`()` for a list of objects):
    `{"orders": ("stage",)}` makes `{"locked": {...}}` the row `{"stage": "locked", ...}`;
    `{"market_statuses": ("market", "status")}` makes `{"DE": "blocked"}` the row
    `{"market": "DE", "status": "blocked"}`.

    (A NamedTuple, not a frozen dataclass: making a dataclass costs every read command about
    half a millisecond.)
    """

    format: str = "table"
    section: str | None = None
    sections: Mapping[str, tuple[str, ...]] | None = None
    csv_raw: bool = False  # CSV cells as stored, formulas not neutralised (`csv_cell`)

    @property
    def digest(self) -> bool:
        """Whether the answer is to be written as a digest (`DIGESTS`), whole."""
        return self.format in DIGESTS

    @property
    def machine(self) -> bool:
        """Whether the command should hand its answer to `emit` rather than draw its own
        human tables (any format but `table`, or `table` of one chosen section)."""
        return self.format != "table" or self.section is not None

    def emit(self, answer: Any) -> None:
        """Write `answer` (a record or list of records of the read side, written as JSON by
        `to_json`; or an iterator of dicts streamed as it comes)."""
        if not isinstance(answer, Iterator):
            from mxt.projections.rules.records import to_json

            answer = to_json(answer)
        if self.sections is not None:
            answer = self._section_of(answer)
        if self.format == "json":
            emit_json(answer)
        elif self.format == "jsonl":
            for row in _flat_rows(answer):
                click.echo(json.dumps(row, ensure_ascii=False))
        elif self.format == "csv":
            emit_csv(_flat_rows(answer), getattr(answer, "columns", None), raw=self.csv_raw)
        else:
            rows = list(_flat_rows(answer))
            table(rows, _columns(rows), title=self.section)

    def _section_of(self, answer: JsonObject) -> Any:
        """The chosen list of a several-list answer (or the whole answer as JSON)."""
        assert self.sections is not None  # checked by the caller
        lists = sections_of(answer, self.sections)
        if self.section is None:
            if self.format in ROW_FORMATS:
                raise InputError(
                    "section", f"{self.format} needs --section, one of: {', '.join(lists)}"
                )
            return answer
        if self.section not in lists:
            raise InputError(
                "section", f"unknown section {self.section!r} (one of: {', '.join(lists)})"
            )
        return lists[self.section]


@overload
def output_options(function: F, *, sections: None = None, digests: bool = False) -> F: ...
@overload
def output_options(
    function: None = None,
    *,
    sections: Mapping[str, tuple[str, ...]] | None = None,
    digests: bool = False,
) -> Callable[[F], F]: ...
def output_options(
    function: Any = None,
    *,
    sections: Mapping[str, tuple[str, ...]] | None = None,
    digests: bool = False,
) -> Any:
    """Adds `--format table|json|jsonl|csv` and `--json` (same as `--format json`) to a click
    command, and `--section NAME` when its answer has several lists; the command receives
    one `output: Output` argument instead.

    Use it bare on a command whose answer is one list (or one object)::

        @click.command("conflicts")
        @output_options
        def conflicts_command(output: Output, ...) -> None:
            answer = ...
            if output.machine:
                output.emit(answer.data)   # a list, or an iterator of dicts (streamed)
            else:
                table(...)                 # the human rendering

    and as `@output_options(sections={"targets": (), "orders": ("stage",)})` on one whose
    answer is a dict of several lists: each named list becomes a section, plus `summary`,
    one row of the answer's plain values (see `Output`). `read_options` in cli/main.py adds
    `--as-of`/`--known-at` and then these. With `digests`, `--format` also takes `markdown`
    and `html` (`DIGESTS`), which the command writes itself when `output.digest`.
    """
    if function is None:
        return functools.partial(output_options, sections=sections, digests=digests)

    @functools.wraps(function)
    def with_output(
        *args: Any, output_format: str | None, as_json: bool, csv_raw: bool, **kwargs: Any
    ) -> Any:
        section = kwargs.pop("section", None)
        if as_json and output_format not in (None, "json"):
            raise InputError("format", f"--json contradicts --format {output_format}")
        chosen = "json" if as_json else output_format or "table"
        if csv_raw and chosen != "csv":
            raise InputError("csv-raw", "applies to --format csv only")
        if section is not None and chosen in DIGESTS:
            raise InputError("section", f"a {chosen} digest holds the whole answer")
        return function(*args, output=Output(chosen, section, sections, csv_raw), **kwargs)

    if sections is not None:
        with_output = click.option(
            "--section",
            metavar="NAME",
            help="The list to write (needed by csv and jsonl): "
            + ", ".join(["summary", *sections])
            + ".",
        )(with_output)
    with_output = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(
        with_output
    )
    with_output = click.option(
        "--csv-raw",
        is_flag=True,
        help="CSV cells exactly as stored: a cell starting with = + - @, a tab or a carriage "
        "return is otherwise prefixed with ' so that a spreadsheet shows it rather than runs it.",
    )(with_output)
    with_output = click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS + DIGESTS if digests else FORMATS),
        help="table (default, for people), json (one document), jsonl or csv (one row per "
        "item, nested fields as dotted columns such as source.title)"
        + (
            "; markdown or html, a digest to paste into an e-mail or a chat (html: one "
            "self-contained page)."
            if digests
            else "."
        ),
    )(with_output)
    return with_output


def sections_of(
    answer: Mapping[str, Any], columns: Mapping[str, tuple[str, ...]]
) -> dict[str, list[JsonObject]]:
    """The lists of a several-list answer as row lists: `summary` (one row of its plain
    values), then one per list or mapping, in the answer's order; `columns` names the
    columns of a mapping's rows (default `key`, `value`) or of a list of plain values."""
    lists: dict[str, list[JsonObject]] = {
        "summary": [{k: v for k, v in answer.items() if not isinstance(v, list | dict)}]
    }
    for name, value in answer.items():
        names = columns.get(name) or (("key", "value") if isinstance(value, dict) else ("value",))
        if isinstance(value, dict):
            lists[name] = [
                {names[0]: k, **item} if isinstance(item, dict) else {names[0]: k, names[-1]: item}
                for k, item in value.items()
            ]
        elif isinstance(value, list):
            lists[name] = [item if isinstance(item, dict) else {names[0]: item} for item in value]
    return lists


def _flat_rows(answer: Any) -> Iterator[JsonObject]:
    """The rows of an answer, flattened: each item of a list (or iterator), or the one
    object."""
    from mxt.projections.rules.records import flatten

    if isinstance(answer, Mapping):
        yield flatten(answer)
        return
    for item in answer:
        yield flatten(item) if isinstance(item, Mapping) else {"value": item}


def _columns(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every column of `rows`, in the order first seen; an object that is null in some rows
    and has fields in others is only its dotted columns (`unconfirmed.value`, …), left empty
    where it is null."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    parents = {name.rsplit(".", 1)[0] for name in seen if "." in name}
    return [name for name in seen if name not in parents]


def emit_json(value: Any) -> None:
    """Machine output: one JSON document on stdout; an iterator is streamed as an array."""
    if isinstance(value, Iterator):
        emit_json_array(value)
    else:
        click.echo(json_document(value))


def emit_json_array(items: Iterator[Any]) -> None:
    """A JSON array written item by item, exactly as `json.dumps(list, indent=2)` would."""
    first = next(items, _END)
    if first is _END:
        click.echo("[]")
        return
    click.echo("[")
    previous = first
    for item in items:
        click.echo(_indented(previous) + ",")
        previous = item
    click.echo(_indented(previous))
    click.echo("]")


_END = object()


def _indented(item: Any) -> str:
    return "  " + json_document(item, "\n  ")


def json_document(value: Any, newline: str = "\n") -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, byte for byte, each of its lines
    after the first indented as `newline` says (after its "\\n"), about twice as fast: with
    `indent`, json writes through its pure-Python encoder, a generator a token, which took
    `state company` of a large company (113 KB of JSON) 2.4 ms. Anything but JSON's own
    values with text keys (or nesting too deep) is left to json itself."""
    parts: list[str] = []
    try:
        _write_json(value, parts, newline)
    except (_NotPlain, RecursionError):
        text = json.dumps(value, indent=2, ensure_ascii=False)
        return text.replace("\n", newline) if newline != "\n" else text
    return "".join(parts)


class _NotPlain(Exception):
    """A value `json_document` leaves to json (a key that is not text, a type of its own)."""


def _json_float(value: float) -> str:
    """A float as json writes it (NaN and the infinities as JavaScript spells them)."""
    if value != value:
        return "NaN"
    if value in (_INFINITY, -_INFINITY):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_INFINITY = float("inf")
# How json writes a value that holds no other, by its exact type (a subclass, or a
# container: not here).
_PLAIN: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null",
    float: _json_float,
}


def _write_json(value: Any, parts: list[str], newline: str) -> None:
    """Appends the JSON of `value` to `parts` as `json.dumps(indent=2)` writes it, its lines
    after the first beginning with `newline` (the indent of the depth it is at)."""
    plain = _PLAIN.get(type(value))
    if plain is not None:
        parts.append(plain(value))
        return
    kind = type(value)
    if kind is not dict and kind is not list and kind is not tuple:
        raise _NotPlain
    if not value:
        parts.append("{}" if kind is dict else "[]")
        return
    inner = newline + "  "
    before = ("{" if kind is dict else "[") + inner
    for name, item in value.items() if kind is dict else zip(repeat(None), value):
        if kind is dict:
            if type(name) is not str:
                raise _NotPlain
            before += encode_basestring(name) + ": "
        plain = _PLAIN.get(type(item))
        if plain is not None:
            parts.append(before + plain(item))
        else:
            parts.append(before)
            _write_json(item, parts, inner)
        before = "," + inner
    parts.append(newline + ("}" if kind is dict else "]"))


def emit_csv(
    rows: Iterator[JsonObject], columns: Sequence[str] | None = None, raw: bool = False
) -> None:
    """CSV on stdout (RFC 4180, UTF-8, one header row): `columns` when known beforehand
    (a streamed answer), else those of every row. Lists and objects are written as JSON,
    nulls as empty cells; a text a spreadsheet would run as a formula is neutralised unless
    `raw` (`csv_cell`)."""
    import csv  # only the commands asked for CSV load it

    if columns is None:
        materialised = list(rows)
        columns, rows = _columns(materialised), iter(materialised)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="raise")
    known = set(columns)
    writer.writeheader()
    while page := list(islice(rows, PAGE)):
        writer.writerows(
            {name: csv_cell(value, raw) for name, value in row.items()
             if value is not None or name in known}  # a null object: its dotted columns
            for row in page
        )  # fmt: skip
        click.echo(buffer.getvalue(), nl=False)
        buffer.seek(0)
        buffer.truncate()
    if buffer.getvalue():
        click.echo(buffer.getvalue(), nl=False)


# What a spreadsheet may run as a formula when a cell starts with it (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any, raw: bool = False) -> Any:
    """One CSV field: empty for null, JSON for lists and objects, `true`/`false`. A text
    that starts like a formula (`FORMULA_STARTS`: `=HYPERLINK(...)`, `+1`, `@SUM`) gets a
    leading `'`, OWASP's rule, so that a spreadsheet shows it as text instead of running
    it; `raw` keeps it as stored. Numbers are never changed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if not raw and isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def note(message: str) -> None:
    """A remark for the person at the terminal, on stderr (never mixed into --json); any
    control character in it (a stored name, say) is shown escaped."""
    click.echo(printable(message), err=True)


def table(rows: Iterable[JsonObject], columns: Sequence[str], title: str | None = None) -> None:
    """An aligned text table of `rows`, one line per row, `columns` as headers.

    Rows are read a page at a time (a streamed answer is never held whole); a column
    widens, never narrows, from one page to the next.
    """
    from mxt.projections.rules.records import cell

    if title:
        click.echo(click.style(printable(title), bold=True))
    widths = [len(column) for column in columns]
    pages = iter(rows)
    first = True
    while page := list(islice(pages, PAGE)):
        cells = [[cell(row.get(column)) for column in columns] for row in page]
        widths = [max(w, *(len(line[i]) for line in cells)) for i, w in enumerate(widths)]
        if first:
            header = "  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True))
            click.echo(("  " + header).rstrip())
            first = False
        for line in cells:
            click.echo(
                "  " + "  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip()
            )
    if first:
        click.echo("  (none)")


def fields(pairs: Sequence[tuple[str, Any]], title: str | None = None) -> None:
    """`name: value` lines, aligned."""
    from mxt.projections.rules.records import cell

    if title:
        click.echo(click.style(printable(title), bold=True))
    width = max((len(name) for name, _ in pairs), default=0)
    for name, value in pairs:
        click.echo(f"  {name.ljust(width)}  {cell(value)}")
