"""`mxt import`, `mxt export`, `mxt schema`: the JSON Lines interchange format."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

import click

from mxt.events.invisible import printable

from .main import Context, company_filter
from .render import emit_json

if TYPE_CHECKING:
    from mxt.domain.recording import ImportResult
    from mxt.storage.store import Store


MAX_LINE_BYTES = 1 << 20  # one line of an input file: an announcement is a few kilobytes at most


def bounded_lines(stream: IO[bytes], name: str) -> Iterator[tuple[int, bytes]]:
    """The lines of a stream with their numbers, each read in one bounded chunk: a line
    longer than `MAX_LINE_BYTES` (or a stream that never ends its first line, such as
    /dev/zero) is bad input, named, before it can fill the memory."""
    from mxt.events.errors import InputError

    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            where = f"{name} line {number}" if name else number
            raise InputError(None, f"longer than {MAX_LINE_BYTES:,} bytes (1 MiB), the most "
                             "one line may hold", where)  # fmt: skip
        yield number, raw


def check_encoding(raw: bytes, number: int) -> None:
    """A line must be UTF-8, and the file must not start with a byte-order mark."""
    from mxt.events.errors import InputError

    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raise InputError(None, "the file starts with a UTF-8 byte-order mark (BOM): save it "
                         "as UTF-8 without BOM")  # fmt: skip
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            None, f"not UTF-8: byte 0x{raw[error.start]:02x} at column {error.start + 1}"
        ) from None


def read_jsonl(
    stream: IO[bytes], name: str, progress: Any = None
) -> Iterator[tuple[int | str, Any]]:
    """Validated lines of one JSONL stream, each with where it is (its number, or `NAME line
    N` when `name` is given); a bad line raises an error naming it."""
    from mxt.events.announcements import parse_json_line
    from mxt.events.errors import InputError

    for number, raw in bounded_lines(stream, name):
        if progress is not None:
            progress.update(len(raw))
        if raw.isspace() or not raw:
            continue
        try:
            check_encoding(raw, number)
            line = parse_json_line(raw)
        except InputError as error:
            raise error.at_line(f"{name} line {number}" if name else number) from None
        yield (f"{name} line {number}" if name else number), line


# Lines a frame carries from the process that parses an import's files (`parsed_apart`), and
# the frames that may wait to be recorded (some 8 MB: slack for two processes on a busy
# machine, where each waits for the other less the more may wait between them).
CHUNK = 500
AHEAD = 64


class _Counted:
    """A progress bar's stand-in in the process that parses: counts the bytes read."""

    def __init__(self) -> None:
        self.read = 0

    def update(self, size: int) -> None:
        self.read += size

    def take(self) -> int:
        """The bytes read since the last time."""
        read, self.read = self.read, 0
        return read


def parsed_apart(
    opened: list[tuple[str, IO[bytes], int]], progress: Any = None
) -> Iterator[tuple[int | str, Any]]:
    """`read_jsonl` of every input, each announcement as its recording already (its stored
    form, its aggregate id and its stored JSON: `recording_of`), the parsing done in a process
    of its own (`made_forked`) on the other core while this one records what it has: an
    import's lines take most of its time to parse. Bad input is
    raised where `read_jsonl` raises it, after every line before it (so an earlier line's
    own error still comes first). Where no process can be forked, they are parsed here."""
    # (imported before the fork, with all that `read_jsonl` imports: the forked process then
    # loads no module, whatever lock a thread of this one holds, a PostgreSQL pool's, say)
    from mxt.domain.stored import recording_of
    from mxt.events.announcements import Announcement, with_id
    from mxt.storage.apart import made_forked

    def making() -> Iterator[tuple[int, list[tuple[int | str, Any]]]]:
        counted, chunk = _Counted(), []
        try:
            for name, handle, _ in opened:
                for where, line in read_jsonl(handle, name, counted):
                    if isinstance(line, Announcement):
                        line = recording_of(with_id(line))
                    chunk.append((where, line))
                    if len(chunk) >= CHUNK:
                        yield counted.take(), chunk
                        chunk = []
        except Exception:  # the lines before it first
            yield counted.take(), chunk
            raise
        yield counted.take(), chunk

    shown = ", ".join(name or "the input" for name, _, _ in opened)
    try:
        chunks = made_forked(making, AHEAD, shown) if hasattr(os, "fork") else None
    except OSError:  # no process to be had: parse here
        chunks = None
    if chunks is None:
        for name, handle, _ in opened:
            yield from read_jsonl(handle, name, progress)
        return
    for size, chunk in chunks:
        if progress is not None:
            progress.update(size)
        yield from chunk


def _open_inputs(files: tuple[str, ...]) -> list[tuple[str, IO[bytes], int]]:
    """Each input with the name its errors carry (only when there are several) and size."""
    from mxt.events.errors import InputError

    opened: list[tuple[str, IO[bytes], int]] = []
    try:
        for path in files:
            if path == "-":
                opened.append(("stdin" if len(files) > 1 else "", sys.stdin.buffer, 0))
                continue
            try:
                handle: IO[bytes] = open(path, "rb")  # noqa: SIM115 (closed by the caller)
            except OSError as error:
                raise InputError("file", f"{path}: {error.strerror}") from None
            opened.append(
                (path if len(files) > 1 else "", handle, os.fstat(handle.fileno()).st_size)
            )
    except BaseException:
        _close_inputs(opened)
        raise
    return opened


def _close_inputs(opened: list[tuple[str, IO[bytes], int]]) -> None:
    for _, handle, _ in opened:
        if handle is not sys.stdin.buffer:
            handle.close()


def _dry_run_store(location: str | None) -> Store | None:
    """The store a dry run checks against, opened so that its writes roll back and its file
    stays byte for byte as it was: the mxt store named, or None when nothing, an empty file
    or an empty database is there (an empty temporary store stands in; nothing is made).
    Another program's file, or a device, is refused as `import` would refuse it."""
    from mxt.projections.opening import open_store
    from mxt.storage.errors import NotAStore, StoreMissing

    try:
        return open_store(location, "scratch")
    except NotAStore:
        raise
    except StoreMissing:
        return None


class _Summary:
    """The announcements a dry run would record, one printable line each."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def watch(self, lines: Iterator[tuple[int | str, Any]]) -> Iterator[tuple[int | str, Any]]:
        from mxt.events.announcements import Announcement, RegionLine, with_id

        for where, line in lines:
            label = f"line {where}" if isinstance(where, int) else where
            if isinstance(line, Announcement):
                content = with_id(line)
                self.lines.append(
                    f"{label}: {content['kind']} {content['company']} "
                    f"{content['announced_on']} {content['id']}"
                )
            elif isinstance(line, RegionLine):
                self.lines.append(f"{label}: region {line.name}")
            else:
                self.lines.append(f"{label}: {line.kind} of {line.id}")
            yield where, line


def record_lines(context: Context, lines: Iterable[tuple[int | str, Any]]) -> ImportResult:
    """Records validated interchange lines in one transaction, as `mxt import` does (`mxt
    review` too): every one of them or none; the store is made when it does not exist."""
    from mxt.domain.recording import import_lines

    with context.open_store("create") as store:
        result = import_lines(store, lines, bulk=True)
    context.commit_done(f"recorded {result.recorded}, already present {result.already_present}")
    return result


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--json", "as_json", is_flag=True, help='Print {"recorded": N, "already_present": M}.'
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar (default: when stderr is a terminal).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Check every line as import would and print what would be recorded; write nothing.",
)
@click.pass_obj
def import_command(
    context: Context,
    files: tuple[str, ...],
    as_json: bool,
    progress: bool | None,
    dry_run: bool = False,
) -> None:
    """Append the announcements, corrections, retractions and regions of JSONL FILEs (`-` =
    stdin).

    All the lines of all the files are recorded in one transaction: every one of them, or
    none if one is bad. Lines already in the store count as already present. With
    --dry-run every rule is checked (against the store when it exists, else against an
    empty one) and nothing is written; no store is created.

    Example: mxt import announcements.jsonl
    """
    import tempfile
    from pathlib import Path

    from mxt.domain.recording import import_lines
    from mxt.projections.opening import open_store

    show_progress = sys.stderr.isatty() if progress is None else progress
    summary = _Summary()
    opened = _open_inputs(files)
    try:
        total = sum(size for _, _, size in opened) or None
        with click.progressbar(
            length=total or 0, label="importing", file=sys.stderr, hidden=not show_progress
        ) as bar:

            def lines() -> Iterator[tuple[int | str, Any]]:
                for name, handle, _ in opened:
                    yield from read_jsonl(handle, name, bar if total else None)

            if not dry_run:
                result = record_lines(context, parsed_apart(opened, bar if total else None))
            else:
                with tempfile.TemporaryDirectory(prefix="mxt-dry-run-") as folder:
                    stand_in = str(Path(folder) / "empty.sqlite")
                    store = _dry_run_store(context.store_location) or open_store(stand_in, "blank")
                    with store:
                        result = import_lines(store, summary.watch(lines()), dry_run=True)
    finally:
        _close_inputs(opened)
    counts = {"recorded": result.recorded, "already_present": result.already_present}
    if as_json:
        emit_json({**counts, "dry_run": True} if dry_run else counts)
    elif dry_run:
        for line in summary.lines:
            click.echo(printable(line))
        click.echo(
            f"dry run: would record {result.recorded}, already present "
            f"{result.already_present}; nothing written"
        )
    else:
        click.echo(f"recorded {result.recorded}, already present {result.already_present}")


@click.command("export")
@company_filter
@click.pass_obj
def export_command(context: Context, companies: tuple[str, ...]) -> None:
    """Write the whole history as JSON Lines: the regions of one's own, announcements as
    recorded, then corrections and retractions, each in the order they were recorded.

    Example: mxt export --company Xiaomi > xiaomi.jsonl
    """
    from mxt.projections.questions.export import export_lines

    out = sys.stdout
    with context.open_store("read") as store:
        for line in export_lines(store, companies):
            out.write(line)
            out.write("\n")


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of one line of the interchange format.

    Example: mxt schema > mxt-announcement.schema.json
    """
    from mxt.events.announcements import json_schema

    emit_json(json_schema())
