"""What `mxt region list` and `mxt region show` answer: every region, and one region's
members on a day, as known at a moment.

The built-in regions come from `events.regions` (with the source each was taken from); a
user's own from the read model (`View.regions`): the latest definition of each name recorded
by `known_at`. A region of one's own is resolved on `as_of`: the regions it names count the
members of that day.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from mxt.events.errors import InputError
from mxt.events.regions import (
    ALL,
    NAME,
    BuiltinRegion,
    UserRegion,
    UserRegions,
    builtin_regions,
    data_as_of,
    every_country,
    is_builtin,
    members,
)

from ..rules.state import Query
from .answers import Answer, answering

if TYPE_CHECKING:
    from .read_side import ReadSide

EVERY_MARKET = "every market (ISO 3166-1)"


def _user_regions(read_side: ReadSide, query: Query) -> UserRegions:
    """The regions of one's own in force at the query's `known_at`."""
    return read_side.user_regions(query.known_at)


@answering
def region_list(read_side: ReadSide, query: Query) -> Answer:
    """Every region: the built-in ones, then one's own known at `known_at`, each with how many
    members it has on `as_of` and where it comes from (a source, or a definition)."""
    user = _user_regions(read_side, query)
    rows = [_listed(ALL, None, None, query, user)]
    rows += [_listed(name, region, None, query, user) for name, region in builtin_regions().items()]
    rows += [_listed(name, None, region, query, user) for name, region in sorted(user.items())]
    return Answer(rows, True)


def _listed(
    name: str,
    builtin: BuiltinRegion | None,
    own: UserRegion | None,
    query: Query,
    user: UserRegions,
) -> dict[str, Any]:
    """One row of `region list`."""
    return {
        "name": name,
        "defined_by": "log" if own is not None else "built-in",
        "title": EVERY_MARKET if name == ALL else builtin.title if builtin else None,
        "source": builtin.source.title if builtin else None,
        "markets": list(own.markets) if own else None,
        "except": list(own.excepted) if own else None,
        "reason": own.reason if own else None,
        "recorded_at": own.recorded_at if own else None,
        "member_count": len(members(name, query.as_of, user)),
    }


@answering
def region_show(read_side: ReadSide, name: str, query: Query) -> Answer:
    """One region as of `as_of`, known at `known_at`: its members that day (and, for a bloc,
    those that had left by then), where it comes from, and what it names. A name of no
    region known then is the empty answer (its note says so); a name that can be no region
    (a country code, a malformed one) is bad input."""
    code = name.strip().upper()
    if len(code) == 2 and code.isalpha() and not is_builtin(code):
        raise InputError("name", f"{code} is a country code, not a region (mxt region list)")
    if not is_builtin(code) and not NAME.match(code):
        raise InputError("name", f"{name!r} is not a region's name (mxt region list names them)")
    user = _user_regions(read_side, query)
    builtin = builtin_regions().get(code)
    own = user.get(code)
    known = is_builtin(code) or own is not None
    answer: dict[str, Any] = {
        "name": code,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "defined_by": None if not known else "log" if own is not None else "built-in",
        "title": EVERY_MARKET if code == ALL else builtin.title if builtin else None,
        "source": _source(builtin) if builtin else None,
        "markets": list(own.markets) if own else None,
        "except": list(own.excepted) if own else None,
        "reason": own.reason if own else None,
        "recorded_at": own.recorded_at if own else None,
        "member_count": 0,
        "members": [],
        "former": [],
    }
    if not known:
        return Answer(answer, False)
    found = sorted(members(code, query.as_of, user))
    joined = _stretches(builtin, query.as_of) if builtin is not None else {}
    answer["member_count"] = len(found)
    answer["members"] = [
        {"market": market, "name": country_name(market), "joined": joined.get(market)}
        for market in found
    ]
    if builtin is not None and builtin.dated:
        answer["former"] = _former(builtin, query.as_of, set(found))
    return Answer(answer, True)


def _source(region: BuiltinRegion) -> dict[str, Any]:
    """Where a built-in region comes from, and the date the data stands at."""
    source = region.source
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "note": source.note,
        "as_of": data_as_of(),
    }


def _stretches(region: BuiltinRegion, day: str) -> dict[str, str | None]:
    """The day each member of a bloc on `day` joined (the stretch of membership it is in)."""
    return {m.code: m.joined for m in region.memberships if m.on(day) and m.joined is not None}


def _former(region: BuiltinRegion, day: str, current: set[str]) -> list[dict[str, Any]]:
    """The countries that had left a bloc by `day` and are not members again that day."""
    return [
        {"market": m.code, "name": country_name(m.code), "joined": m.joined, "left": m.left}
        for m in sorted(region.memberships, key=lambda m: (m.left or "", m.code))
        if m.left is not None and m.left <= day and m.code not in current
    ]


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    """A country's short English name (ISO 3166-1, its common name where it has one)."""
    if code not in every_country():
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None)
