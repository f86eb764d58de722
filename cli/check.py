"""`mxt check`: claims checked against the data (README: "Is it on track? Is it true?").
Parse, ask, print, exit."""

from __future__ import annotations

from typing import IO, Any

import click

from .main import Context, company_filter, read_options
from .render import Output, note, table

BOM = b"\xef\xbb\xbf"


def read_claims(stream: IO[bytes], name: str) -> list[Any]:
    """The claims of a JSONL stream, each with its id (given, derived, or `NAME:N`); a bad
    line raises an error naming it."""
    from mxt.events.announcements import parse_claim_line
    from mxt.events.errors import InputError
    from mxt.projections.questions.checking import ClaimToCheck

    from .interchange import bounded_lines

    claims = []
    for number, raw in bounded_lines(stream, name):
        where = f"{name} line {number}"
        if number == 1 and raw.startswith(BOM):
            raise InputError(None, "starts with a byte-order mark (save it as UTF-8 without BOM)",
                             where)  # fmt: skip
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(None, "is not UTF-8 text", where) from None
        if not text.strip():
            continue
        try:
            line = parse_claim_line(text)
        except InputError as error:
            raise error.at_line(where) from None
        claim = line.claim.model_dump(mode="json", by_alias=True, exclude_none=True)
        claims.append(ClaimToCheck(line.id or f"{name}:{number}", line.company, claim))
    return claims


def show_checks(
    context: Context,
    query: Any,
    claims: Any,
    output: Output,
    strict: bool,
    companies: tuple[str, ...] = (),
) -> int:
    """Checks `claims` (None: the recorded ones) about `companies` (none: every company),
    prints the answer; returns the exit code."""
    from mxt.projections.questions.checking import about, check_answer, recorded_claims

    from .options import known_at_label

    read_side = context.open_read_side()
    if claims is None:
        claims = recorded_claims(read_side, query, companies)
    else:
        claims = about(claims, companies)
    answer = check_answer(read_side, query, claims)
    known_at = known_at_label(query.known_at)
    if output.machine:
        output.emit(answer.data)
    else:
        table([row._asdict() for row in answer.data], ["id", "company", "verdict", "why"],
              title=f"claims checked (known at {known_at})")  # fmt: skip
    if not claims:
        before = f"; recording began at {answer.began}" if answer.began else ""
        note(f"note: no claims to check as of {query.as_of} (known at {known_at}){before}")
    failing = {"fails", "undetermined"} if strict else {"fails"}
    return 1 if any(result.verdict in failing for result in answer.data) else 0


@click.command("check")
@click.argument("file", required=False, type=click.Path(allow_dash=True))
@click.option("--strict", is_flag=True, help="An undetermined claim fails too.")
@company_filter
@read_options
@click.pass_obj
def check_command(
    context: Context,
    file: str | None,
    strict: bool,
    companies: tuple[str, ...],
    as_of: str | None,
    known_at: str | None,
    output: Output,
) -> None:
    """Check claims against the recorded data: each holds, fails or is undetermined, with
    the reason and the announcements used. Without FILE, every recorded claim is checked as
    of its own announced_on; the claims of FILE (JSONL: {"company", "claim"} lines or claim
    announcements, `-` = stdin) are checked as of --as-of and recorded nowhere.
    Exit 0 when no claim fails, 1 when one does (--strict: or is undetermined).

    Example: mxt check --strict
    """
    import sys

    from mxt.events.errors import InputError

    from .options import make_query

    query = make_query(as_of, known_at)
    claims = None
    if file is not None:
        try:
            with click.open_file(file, "rb") as stream:  # `-`: standard input
                claims = read_claims(stream, "stdin" if file == "-" else file)
        except OSError as error:
            raise InputError("FILE", f"cannot read {file}: {error.strerror}") from None
    code = show_checks(context, query, claims, output, strict, companies)
    if code:
        sys.stdout.flush()
        raise SystemExit(code)
