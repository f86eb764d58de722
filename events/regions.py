"""Regions, and the markets each covers on a day (docs/concepts.md, Regions).

Two sorts. The built-in ones come from cited standards, shipped as one data file
(`events/data/regions.json`, which names each source and the date its data stands at): the
UN M49 regions and sub-regions (`EUROPE`, `ASIA`, `WESTERN-EUROPE`, …), each bloc's member
states with the days they joined and left (`EU`: the United Kingdom until 2020-01-31,
Croatia from 2013-07-01; `EEA`, `EFTA`, `ASEAN`, `GCC`), mxt's own `MIDDLE-EAST`, and `*`,
every market. A user's own regions are defined in the log (`mxt region define`); they come
here as `UserRegion`s, and may name countries, built-in regions and other user regions,
each resolved on the day asked about.

No maintained library holds both (pycountry has no regions; `country_converter` has M49 and
the EU by year but needs pandas; `countrygroups` has lists without exit dates, last released
in 2021), hence the data file. Nothing here imports pydantic or reads a store; its records
are NamedTuples (a read command that compares a market imports this module: a dataclass
costs start-up).
"""

import json
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

ALL = "*"  # every market
DATA = Path(__file__).parent / "data" / "regions.json"
# A region's name: uppercase letters, digits and `-`, 3 to 24 characters, beginning with a
# letter and not ending with `-` (so that it never reads as an option or a range).
NAME = re.compile(r"^[A-Z][A-Z0-9-]{1,22}[A-Z0-9]$", re.ASCII)


class UnknownRegion(ValueError):
    """A name that is neither a built-in region nor one of the user's."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"{name!r} is not a region (mxt region list names them)")


class Source(NamedTuple):
    """Where a built-in region's membership comes from."""

    key: str
    title: str
    publisher: str
    url: str | None = None
    note: str | None = None


class Membership(NamedTuple):
    """One stretch of a country's membership of a region: from `joined` (its first day; None:
    always) to `left` (the first day after it; None: still a member)."""

    code: str
    joined: str | None = None
    left: str | None = None

    def on(self, day: str) -> bool:
        """Whether the country is a member on `day` (`YYYY-MM-DD`)."""
        after = self.joined is None or self.joined <= day
        return after and (self.left is None or day < self.left)


class BuiltinRegion(NamedTuple):
    """A region of the data file: its members (with their dates, for a bloc) and the regions
    it is made of (a continent of its sub-regions)."""

    name: str
    title: str
    source: Source
    memberships: tuple[Membership, ...] = ()
    parts: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        """Whether its membership changes with the day (a bloc's does; an M49 region's not)."""
        return any(m.joined is not None or m.left is not None for m in self.memberships)


class UserRegion(NamedTuple):
    """A region defined in the log: the markets it names (countries, regions, `*`) less those
    it excepts, as its latest definition known says; `recorded_at` is when that was recorded."""

    name: str
    markets: tuple[str, ...]
    excepted: tuple[str, ...] = ()
    reason: str = ""
    recorded_at: str | None = None


UserRegions = Mapping[str, UserRegion]
_NONE: UserRegions = {}
# The regions of one's own that an answer reads by (those known at its --known-at), set by
# the read side around each question (`regions_in_force`) and by a write around the lines it
# decides; the rules read them through `in_force` without a store.
_IN_FORCE: ContextVar[UserRegions] = ContextVar("mxt_user_regions", default=_NONE)


def in_force() -> UserRegions:
    """The regions of one's own the current answer reads by (none outside one)."""
    return _IN_FORCE.get()


@contextmanager
def regions_in_force(user: UserRegions) -> Iterator[UserRegions]:
    """Answers inside the block read regions of one's own as `user` defines them."""
    token = _IN_FORCE.set(user)
    try:
        yield user
    finally:
        _IN_FORCE.reset(token)


@lru_cache(maxsize=1)
def _loaded() -> tuple[dict[str, BuiltinRegion], str, dict[str, Source]]:
    """The data file: its regions by name, the date it stands at, its sources by key."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    sources = {
        key: Source(key, s["title"], s["publisher"], s.get("url"), s.get("note"))
        for key, s in data["sources"].items()
    }
    regions: dict[str, BuiltinRegion] = {}
    for name, entry in data["regions"].items():
        memberships = [Membership(code) for code in entry.get("codes", ())]
        memberships += [Membership(*member) for member in entry.get("members", ())]
        regions[name] = BuiltinRegion(
            name, entry["title"], sources[entry["source"]], tuple(memberships),
            tuple(entry.get("parts", ())),
        )  # fmt: skip
    return regions, str(data["as_of"]), sources


def builtin_regions() -> Mapping[str, BuiltinRegion]:
    """Every built-in region by name (`*` aside), in the data file's order."""
    return _loaded()[0]


def data_as_of() -> str:
    """The date the built-in regions' data stands at."""
    return _loaded()[1]


def is_country_code(code: str) -> bool:
    """Whether a market code (as the schemas took it) is a country's, not a region's: two
    letters and not `EU`, the one built-in region of two letters (a test holds it so)."""
    return len(code) == 2 and code != "EU"


def is_builtin(name: str) -> bool:
    """Whether `name` is a built-in region (or `*`)."""
    return name == ALL or name in _loaded()[0]


def is_region(name: str, user: UserRegions = _NONE) -> bool:
    """Whether `name` is a region: built-in, `*`, or one of `user`'s."""
    return is_builtin(name) or name in user


@lru_cache(maxsize=1)
def every_country() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code: what `*` covers."""
    import pycountry

    return frozenset(country.alpha_2 for country in pycountry.countries)


def _day(on_date: str | date | None) -> str:
    """A day as `YYYY-MM-DD` text; None is today."""
    if on_date is None:
        return date.today().isoformat()
    return on_date.isoformat() if isinstance(on_date, date) else on_date


def members(
    region: str, on_date: str | date | None = None, user: UserRegions = _NONE
) -> frozenset[str]:
    """The countries (ISO 3166-1 alpha-2 codes) `region` covers on `on_date` (default: today):
    a bloc's member states of that day, an M49 region's countries, every country for `*`, and
    for one of `user`'s regions the members of what it names that day, less those of what it
    excepts. Raises `UnknownRegion` for a name that is no region."""
    return _members(region, _day(on_date), user, ())


def _members(region: str, day: str, user: UserRegions, within: tuple[str, ...]) -> frozenset[str]:
    if region == ALL:
        return every_country()
    if region in _loaded()[0]:
        return _builtin_members(region, day)
    defined = user.get(region)
    if defined is None:
        raise UnknownRegion(region)
    if region in within:  # a cycle only a damaged log could hold: it adds nothing more
        return frozenset()
    inside = (*within, region)
    named = frozenset().union(*(_expand(code, day, user, inside) for code in defined.markets))
    excepted = frozenset().union(*(_expand(code, day, user, inside) for code in defined.excepted))
    return named - excepted


def _expand(code: str, day: str, user: UserRegions, within: tuple[str, ...]) -> frozenset[str]:
    """The countries one market of a definition stands for: itself, or a region's members."""
    if is_region(code, user):
        return _members(code, day, user, within)
    return frozenset((code,))


@lru_cache(maxsize=4096)
def _builtin_members(name: str, day: str) -> frozenset[str]:
    region = _loaded()[0][name]
    own = frozenset(m.code for m in region.memberships if m.on(day))
    return own.union(*(_builtin_members(part, day) for part in region.parts))


def covers(
    area: str, market: str, on_date: str | date | None = None, user: UserRegions = _NONE
) -> bool:
    """Whether an announcement for `area` (a country or a region) covers the country `market`
    on `on_date` (default: today): the same code, or a member of the region that day. One
    for a member does not cover its region; one for a region covers no other region."""
    if area == market:
        return True
    return is_region(area, user) and market in members(area, on_date, user)


@lru_cache(maxsize=1)
def change_days() -> tuple[str, ...]:
    """Every day a built-in region's membership changed (a member joined or left), sorted:
    between two of them, every region has the same members."""
    days = {
        day
        for region in _loaded()[0].values()
        for m in region.memberships
        for day in (m.joined, m.left)
        if day is not None
    }
    return tuple(sorted(days))


CONTINENTS = ("AFRICA", "AMERICAS", "ASIA", "EUROPE", "OCEANIA")  # UN M49's five regions


def continent_of(code: str) -> str | None:
    """The UN M49 region (`AFRICA`, `AMERICAS`, `ASIA`, `EUROPE`, `OCEANIA`) holding a
    country, or None (a region's code, or a code no region holds)."""
    held = _containing_builtin(code)
    return next((name for name in CONTINENTS if name in held), None)


def covered_on(codes: tuple[str, ...], day: str, user: UserRegions = _NONE) -> frozenset[str]:
    """Every country one of `codes` covers on `day`: the countries among them and the members
    of the regions among them that day (`*` is every country)."""
    if not user or not any(code in user for code in codes):
        return _covered_builtin(codes, day)
    return frozenset().union(*(_expand(code, day, user, ()) for code in codes))


@lru_cache(maxsize=8192)
def _covered_builtin(codes: tuple[str, ...], day: str) -> frozenset[str]:
    return frozenset().union(*(_expand(code, day, _NONE, ()) for code in codes))


def ever_members(region: str, user: UserRegions = _NONE) -> frozenset[str]:
    """Every country that is a member of `region` on some day (a bloc's former members too):
    the markets an announcement for it may cover, whatever day it takes effect."""
    if region not in user:
        return _ever_builtin(region)
    days = ("0001-01-01", *change_days())
    return frozenset().union(*(members(region, day, user) for day in days))


@lru_cache(maxsize=256)
def _ever_builtin(region: str) -> frozenset[str]:
    """Every country a built-in region holds on some day: each membership's, and its parts'."""
    if region == ALL:
        return every_country()
    found = _loaded()[0][region]
    own = frozenset(m.code for m in found.memberships)
    return own.union(*(_ever_builtin(part) for part in found.parts))


def containing(market: str, user: UserRegions = _NONE) -> frozenset[str]:
    """Every region (built-in, `*`, or one of `user`'s) that has the country `market` among
    its members on some day: the regions whose announcements may cover it, whatever day they
    take effect (the United Kingdom is in `EU`, which it left, and in `EFTA`, which it left
    in 1973)."""
    found = set(_containing_builtin(market))
    days = ("0001-01-01", *change_days())
    for name in user:
        if any(market in members(name, day, user) for day in days):
            found.add(name)
    return frozenset(found)


def _containing_builtin(market: str) -> frozenset[str]:
    """The built-in regions holding a country on some day, and `*`: every country is in one
    M49 region (a test holds it so), so a code no region holds is no country."""
    found = _builtin_holding().get(market, frozenset())
    return found | {ALL} if found else found


@lru_cache(maxsize=1)
def _builtin_holding() -> dict[str, frozenset[str]]:
    """Each country, and the built-in regions that hold it on some day (worked out once,
    without loading the ISO country list: what `*` holds is every code)."""
    holding: dict[str, set[str]] = {}
    for name in _loaded()[0]:
        for code in _ever_builtin(name):
            holding.setdefault(code, set()).add(name)
    return {code: frozenset(names) for code, names in holding.items()}


def check_region_name(value: str) -> str:
    """A name for a region of one's own, upper-cased: uppercase letters, digits and `-`, 3 to
    24 characters, beginning with a letter; never a country code (alpha-2 or alpha-3) nor a
    built-in region's name. Raises ValueError saying which rule it breaks."""
    name = value.strip().upper()
    if is_builtin(name):
        raise ValueError(f"{name} is a built-in region and cannot be redefined")
    if not NAME.match(name):
        raise ValueError(
            f"{value!r}: a region's name is 3 to 24 letters, digits and -, beginning with a "
            "letter (e.g. EUROPE-JATO)"
        )
    if _is_alpha_3(name):
        raise ValueError(f"{name} is a country code (ISO 3166-1 alpha-3), not a region's name")
    return name


def check_region_market(value: str) -> str:
    """A market of a region's definition, upper-cased: `*`, an ISO 3166-1 alpha-2 code, a
    built-in region, or the name of a region of one's own (whether that one is defined is
    the log's to say, `domain.decisions`). Raises ValueError otherwise."""
    code = value.strip().upper()
    if is_builtin(code) or (len(code) == 2 and code.isalpha() and is_country(code)):
        return code
    if NAME.match(code) and not _is_alpha_3(code):
        return code
    raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code or a region")


@lru_cache(maxsize=1024)
def is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 code (upper-case)."""
    import pycountry  # loaded only when a market code is checked

    return pycountry.countries.get(alpha_2=code) is not None


@lru_cache(maxsize=1024)
def _is_alpha_3(code: str) -> bool:
    if len(code) != 3 or not code.isalpha():
        return False
    import pycountry

    return pycountry.countries.get(alpha_3=code) is not None


def loop_through(name: str, markets: tuple[str, ...], user: UserRegions) -> str | None:
    """The first of `markets` (a definition's markets and excepts) through which a region
    `name` would contain itself, by the user regions in force (`user`); None when none does
    (a region that contains itself has no members)."""
    for code in markets:
        if code == name or _reaches(code, name, user, ()):
            return code
    return None


def _reaches(code: str, name: str, user: UserRegions, within: tuple[str, ...]) -> bool:
    """Whether the user region `code` names `name`, directly or through other user regions."""
    defined = user.get(code)
    if defined is None or code in within:
        return False
    return any(
        inner == name or _reaches(inner, name, user, (*within, code))
        for inner in (*defined.markets, *defined.excepted)
    )
