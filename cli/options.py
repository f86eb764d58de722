"""The read commands' options turned into questions, and the notes they print on stderr.

`--as-of`, `--known-at`, `--since`/`--until`, `diff`'s `--from`/`--to` and `--market` are
parsed here, each error naming its option; the read side only ever receives a `Query`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from mxt.events.codes import check_market, parse_iso_date
from mxt.events.errors import InputError
from mxt.projections.questions.read_side import EVERYTHING, EverythingRecorded
from mxt.projections.rules.state import Query
from mxt.storage.clock import format_timestamp

if TYPE_CHECKING:
    from mxt.events.regions import UserRegions


def parse_as_of(text: str | None, field: str = "as_of") -> str:
    """`--as-of` (or another date option, named by `field`): YYYY-MM-DD, default today."""
    if text is None:
        return date.today().isoformat()
    try:
        return parse_iso_date(text).isoformat()
    except ValueError as error:
        raise InputError(field, str(error)) from None


def parse_known_at(text: str | None, field: str = "known_at") -> str:
    """`--known-at`: an ISO 8601 timestamp, or a date meaning the end of that day in UTC;
    by default `EVERYTHING` recorded."""
    if text is None:
        return EVERYTHING
    try:
        if len(text) == 10:
            moment = datetime.combine(parse_iso_date(text), time.max, tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
        return format_timestamp(moment)
    except (ValueError, OverflowError):
        raise InputError(field, f"{text!r} is not an ISO 8601 timestamp or a date") from None


def parse_market(
    text: str | None, field: str = "--market", known: UserRegions | None = None
) -> str | None:
    """`--market`: a country or region code (`de` is DE), or None when not given; a region
    of one's own when it is among `known` (the store's, at the question's known-at)."""
    if text is None:
        return None
    from mxt.events.regions import regions_in_force

    try:
        with regions_in_force(known or {}):
            return check_market(text)
    except ValueError as error:
        raise InputError(field, str(error)) from None


def make_query(as_of: str | None = None, known_at: str | None = None) -> Query:
    """The question of `--as-of` and `--known-at` (by default: everything recorded)."""
    if known_at is None:
        return EverythingRecorded(parse_as_of(as_of), EVERYTHING)
    return Query(parse_as_of(as_of), parse_known_at(known_at))


def parse_span(date_from: str, date_to: str | None, known_at: str | None) -> tuple[Query, Query]:
    """The two questions a diff compares: as of `--from` and as of `--to` (default today),
    both seen at `--known-at` (default: everything recorded)."""
    before = make_query(parse_as_of(date_from, "--from"), known_at)
    after = Query(parse_as_of(date_to, "--to"), before.known_at)
    if after.as_of < before.as_of:
        raise InputError("--to", f"{after.as_of} is before --from {before.as_of}")
    return before, after


def known_at_label(known_at: str) -> str:
    """`known_at` for the person reading: the default shows as "everything recorded"."""
    return "everything recorded" if known_at == EVERYTHING else known_at


def nothing_known_note(subject: str, query: Query, began: str | None = None) -> str:
    """The stderr note of an empty answer; says when recording began if `known_at` is
    before it, so that an analyst sees why."""
    note = (
        f"note: nothing is known about {subject} as of {query.as_of} "
        f"(known at {known_at_label(query.known_at)})"
    )
    if began is not None:
        note += f"; recording began at {began}"
    return note


def companies_named(companies: Sequence[str]) -> str:
    """The companies a command was asked about, as its notes name them (none: any)."""
    return ", ".join(companies) or "any company"


def diff_subject(companies: Sequence[str], market: str | None) -> str:
    """What a diff is about, as its note names it: companies, a market, or both."""
    return " in ".join(filter(None, (companies_named(companies), market and f"market {market}")))


def replayed_note(store: str, reason: str) -> str:
    """The stderr note of an answer read from a replay of the log (`ReadSide.replayed`)."""
    return (
        f"note: {store}: {reason}; answered from a replay of the log, nothing written "
        "(mxt rebuild stores the read model, and any write catches it up)"
    )
