"""Built-in regions by date, regions of one's own resolved by date, and the metric vocabulary
with its stand-ins: the plain functions of `events.regions` and `events.metrics`."""

from __future__ import annotations

import json
from datetime import date

import pycountry
import pytest
from conftest import make_announcement

from mxt.events.announcements import parse_line
from mxt.events.codes import EVER, check_market, check_market_said, market_covers
from mxt.events.errors import InputError
from mxt.events.metrics import METRICS, measured_by, stand_ins
from mxt.events.regions import (
    ALL,
    DATA,
    UnknownRegion,
    UserRegion,
    builtin_regions,
    check_region_market,
    check_region_name,
    containing,
    covers,
    every_country,
    is_country_code,
    is_region,
    loop_through,
    members,
    regions_in_force,
)

EU_FOUNDERS = {"BE", "DE", "FR", "IT", "LU", "NL"}
# The EU's size on each day its membership changed, and the day before.
EU_SIZES = [
    ("1957-12-31", 0), ("1958-01-01", 6), ("1972-12-31", 6), ("1973-01-01", 9),
    ("1981-01-01", 10), ("1986-01-01", 12), ("1995-01-01", 15), ("2004-04-30", 15),
    ("2004-05-01", 25), ("2007-01-01", 27), ("2013-06-30", 27), ("2013-07-01", 28),
    ("2020-01-31", 28), ("2020-02-01", 27),
]  # fmt: skip
# M49's smallest regions: every country is in exactly one (Antarctica in none).
M49_LEAVES = [
    "NORTHERN-AFRICA", "EASTERN-AFRICA", "MIDDLE-AFRICA", "SOUTHERN-AFRICA", "WESTERN-AFRICA",
    "CARIBBEAN", "CENTRAL-AMERICA", "SOUTH-AMERICA", "NORTH-AMERICA", "CENTRAL-ASIA",
    "EASTERN-ASIA", "SOUTH-EASTERN-ASIA", "SOUTHERN-ASIA", "WESTERN-ASIA", "EASTERN-EUROPE",
    "NORTHERN-EUROPE", "SOUTHERN-EUROPE", "WESTERN-EUROPE", "AUSTRALIA-NEW-ZEALAND",
    "MELANESIA", "MICRONESIA", "POLYNESIA",
]  # fmt: skip


@pytest.mark.parametrize(("day", "size"), EU_SIZES)
def test_the_eu_has_the_member_states_of_the_day(day: str, size: int) -> None:
    assert len(members("EU", day)) == size


def test_the_united_kingdom_is_in_the_eu_before_2020_02_01_and_not_after() -> None:
    assert "GB" in members("EU", "2019-06-01") and "GB" in members("EU", "2020-01-31")
    assert "GB" not in members("EU", "2020-02-01") and "GB" not in members("EU")
    assert "GB" not in members("EU", "1972-12-31") and "GB" in members("EU", "1973-01-01")
    assert "HR" not in members("EU", "2013-06-30") and "HR" in members("EU", "2013-07-01")
    assert members("EU", "1958-01-01") == EU_FOUNDERS
    assert members("EU", date(2019, 6, 1)) == members("EU", "2019-06-01")


def test_a_region_covers_the_members_of_the_day_it_takes_effect() -> None:
    today = members("EU", date.today())
    assert members("EU") == today and len(today) == 27
    assert market_covers("EU", "DE") and not market_covers("EU", "GB")  # default: today
    assert market_covers("EU", "GB", "2019-06-01") and market_covers("EU", "GB", date(2020, 1, 31))
    assert not market_covers("EU", "GB", "2020-02-01")
    assert not market_covers("EU", "HR", "2013-06-30") and market_covers("EU", "HR", "2013-07-01")
    assert market_covers("EU", "GB", EVER) and not market_covers("EU", "US", EVER)
    assert not market_covers("DE", "EU") and not market_covers("DE", "AT", EVER)
    assert market_covers("EUROPE", "NO") and market_covers("*", "CN")
    # every built-in region is a market an announcement may name; a country code never a
    # region's name, and '*' no single market
    assert check_market("eu") == "EU" and check_market("europe") == "EUROPE"
    # a region of one's own: as an announcement says it (the log checks it is defined), and
    # as a question asks about it only while it is defined
    assert check_market_said("europe-jato") == "EUROPE-JATO"
    with pytest.raises(ValueError):
        check_market("europe-jato")
    jato = {"EUROPE-JATO": UserRegion("EUROPE-JATO", ("EU",))}
    with regions_in_force(jato):
        assert check_market("europe-jato") == "EUROPE-JATO"
    for bad in ("*", "DEU", "ZZ", "E"):
        with pytest.raises(ValueError):
            check_market(bad)


def test_eu_is_the_one_built_in_region_whose_name_has_two_letters() -> None:
    # `is_country_code` tells a country from a region by this, without the data file
    assert [name for name in builtin_regions() if len(name) == 2] == ["EU"]
    assert is_country_code("DE") and not is_country_code("EU")
    assert not is_country_code("EUROPE")


def test_regions_of_ones_own_are_read_as_the_answer_reads_them() -> None:
    jato = UserRegion("EUROPE-JATO", ("EU", "EFTA", "GB"))
    assert not market_covers("EUROPE-JATO", "GB")
    with regions_in_force({"EUROPE-JATO": jato}):
        assert market_covers("EUROPE-JATO", "GB") and market_covers("EUROPE-JATO", "NO")
        assert not market_covers("EUROPE-JATO", "HR", "2012-01-01")
        assert market_covers("EUROPE-JATO", "HR", "2014-01-01")
    assert not market_covers("EUROPE-JATO", "GB")


def test_every_country_is_in_exactly_one_m49_region_and_continents_are_their_parts() -> None:
    seen: dict[str, str] = {}
    for leaf in M49_LEAVES:
        for code in members(leaf):
            assert code not in seen, (code, leaf, seen.get(code))
            seen[code] = leaf
    assert set(seen) == every_country() - {"AQ"}
    regions = builtin_regions()
    for name in ("AFRICA", "AMERICAS", "ASIA", "EUROPE", "OCEANIA", "LATIN-AMERICA"):
        parts = regions[name].parts
        assert parts and members(name) == frozenset().union(*(members(p) for p in parts))
    continents = ("AFRICA", "AMERICAS", "ASIA", "EUROPE", "OCEANIA")
    assert sum(len(members(name)) for name in continents) == len(every_country()) - 1


def test_m49_places_some_countries_where_an_analyst_might_not_expect() -> None:
    assert {"CY", "TR"} <= members("ASIA") and not {"CY", "TR"} & members("EUROPE")
    assert "MX" in members("LATIN-AMERICA") and "MX" not in members("NORTH-AMERICA")
    assert members("NORTH-AMERICA") == {"US", "CA", "BM", "GL", "PM"}
    assert {"GB", "NO", "CH", "RU", "UA"} <= members("EUROPE")
    assert "TW" in members("EASTERN-ASIA") and "CN" in members("ASIA")
    assert not members("EU") <= members("EUROPE")  # Cyprus


def test_the_blocs_have_their_members_of_the_day() -> None:
    assert members("EFTA") == {"IS", "LI", "NO", "CH"}
    assert {"GB", "DK", "AT", "PT"} <= members("EFTA", "1972-06-01")
    assert {"AT", "FI", "SE"} <= members("EFTA", "1994-12-31")
    assert not {"AT", "FI", "SE"} & members("EFTA", "1995-01-01")
    assert members("EEA") == members("EU") | {"IS", "LI", "NO"}
    assert "GB" in members("EEA", "2019-06-01") and "CH" not in members("EEA", "2019-06-01")
    assert not members("EEA", "1993-12-31")
    assert len(members("ASEAN")) == 11 and "TL" in members("ASEAN")
    assert "TL" not in members("ASEAN", "2025-10-25")
    assert members("ASEAN", "1967-08-08") == {"ID", "MY", "PH", "SG", "TH"}
    assert members("GCC") == {"AE", "BH", "KW", "OM", "QA", "SA"}
    assert members("GCC") < members("MIDDLE-EAST") and "CY" not in members("MIDDLE-EAST")
    assert {"EG", "IR", "TR", "IL"} <= members("MIDDLE-EAST")


def test_star_is_every_market() -> None:
    assert members(ALL) == every_country() == {c.alpha_2 for c in pycountry.countries}
    assert is_region(ALL) and covers(ALL, "CN")


def test_the_data_file_names_a_source_for_every_region_and_only_iso_codes() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    assert date.fromisoformat(data["as_of"])
    for name, entry in data["regions"].items():
        assert entry["source"] in data["sources"], name
        assert check_region_name_or_builtin(name) == name
        for part in entry.get("parts", ()):
            assert part in data["regions"], (name, part)
        codes = [*entry.get("codes", ()), *(member[0] for member in entry.get("members", ()))]
        assert (codes or entry.get("parts")) and set(codes) <= every_country(), name
        for member in entry.get("members", ()):
            joined, left = date.fromisoformat(member[1]), member[2:] and member[2]
            assert not left or date.fromisoformat(left) > joined, (name, member)
    for key, source in data["sources"].items():
        assert source["title"] and source["publisher"], key


def check_region_name_or_builtin(name: str) -> str:
    """A built-in name follows the rule of a region's name (it is refused only for being
    built in)."""
    with pytest.raises(ValueError, match="built-in region"):
        check_region_name(name)
    return name


def test_a_region_of_ones_own_counts_the_members_of_the_day_it_is_asked_about() -> None:
    jato = UserRegion("EUROPE-JATO", ("EFTA", "EU", "GB"), reason="JATO")
    user = {"EUROPE-JATO": jato}
    before, after = members("EUROPE-JATO", "2013-06-30", user), members("EUROPE-JATO", user=user)
    assert "HR" not in before and "HR" in after
    assert "GB" in before and "GB" in after  # named itself, not only through the EU
    assert after == members("EU") | members("EFTA") | {"GB"}
    overseas = UserRegion("OVERSEAS", (ALL,), ("CN",))
    wider = UserRegion("WIDER-EUROPE", ("EUROPE-JATO", "TR"), ("CH",))
    user = {**user, "OVERSEAS": overseas, "WIDER-EUROPE": wider}
    assert members("OVERSEAS", user=user) == every_country() - {"CN"}
    assert members("WIDER-EUROPE", "2019-06-01", user) == (
        members("EUROPE-JATO", "2019-06-01", user) | {"TR"}
    ) - {"CH"}
    assert covers("WIDER-EUROPE", "HR", "2020-01-01", user)
    assert not covers("WIDER-EUROPE", "HR", "2013-01-01", user)
    with pytest.raises(UnknownRegion, match="not a region"):
        members("WIDER-EUROPE")  # without the user's regions, it is unknown


def test_a_loop_of_regions_adds_nothing_and_is_found_before_it_is_recorded() -> None:
    user = {
        "LOOP-A": UserRegion("LOOP-A", ("LOOP-B", "DE")),
        "LOOP-B": UserRegion("LOOP-B", ("LOOP-A", "FR")),
    }
    assert members("LOOP-A", user=user) == {"DE", "FR"}
    plain = {"LOOP-B": UserRegion("LOOP-B", ("LOOP-C", "FR")),
             "LOOP-C": UserRegion("LOOP-C", ("EU",))}  # fmt: skip
    assert loop_through("LOOP-C", ("LOOP-B",), plain) == "LOOP-B"
    assert loop_through("LOOP-C", ("EU", "DE"), plain) is None
    assert loop_through("LOOP-D", ("LOOP-B",), plain) is None
    assert loop_through("LOOP-D", ("GB", "LOOP-D"), plain) == "LOOP-D"


def test_covers_a_member_of_the_day_never_the_region_from_a_member() -> None:
    assert covers("EU", "GB", "2019-06-01") and not covers("EU", "GB", "2021-01-01")
    assert covers("DE", "DE") and not covers("DE", "EU") and not covers("EU", "EUROPE")
    assert not covers("NOT-A-REGION", "DE")
    assert is_region("EU") and is_region("MIDDLE-EAST") and not is_region("DE")
    assert is_region("MINE", {"MINE": UserRegion("MINE", ("DE",))}) and not is_region("MINE")


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("EU", "built-in"), ("europe", "built-in"), ("*", "built-in"), ("DEU", "alpha-3"),
        ("usa", "alpha-3"), ("DE", "3 to 24"), ("AB", "3 to 24"), ("A" * 25, "3 to 24"),
        ("1ABC", "beginning with a letter"), ("-ABC", "3 to 24"), ("ABC-", "3 to 24"),
        ("AB C", "3 to 24"), ("ÄBC", "3 to 24"), ("AB_C", "3 to 24"),
    ],
)  # fmt: skip
def test_a_region_of_ones_own_has_a_name_of_its_own(given: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        check_region_name(given)


def test_a_good_name_is_upper_cased() -> None:
    assert check_region_name(" europe-jato ") == "EUROPE-JATO"
    assert check_region_name("A" * 24) == "A" * 24 and check_region_name("G7X") == "G7X"
    assert check_region_market("eu") == "EU" and check_region_market("de") == "DE"
    assert check_region_market("mine-2") == "MINE-2" and check_region_market("*") == "*"
    for bad in ("ZZ", "DEU", "X", "1AB"):
        with pytest.raises(ValueError):
            check_region_market(bad)


# -- metrics ---------------------------------------------------------------------------------


def test_the_metric_vocabulary() -> None:
    assert METRICS == ("production", "wholesale", "deliveries", "sales", "retail",
                       "registrations", "exports", "bookings")  # fmt: skip


@pytest.mark.parametrize(
    ("metric", "chain"),
    [
        ("sales", ("deliveries", "retail", "registrations")),
        ("deliveries", ("retail", "registrations")),
        ("retail", ("registrations",)),
        ("registrations", ()), ("production", ()), ("wholesale", ()), ("exports", ()),
        ("bookings", ()), ("no-such-metric", ()),
    ],
)  # fmt: skip
def test_stand_ins_follow_the_chain_and_production_has_none(
    metric: str, chain: tuple[str, ...]
) -> None:
    assert stand_ins(metric) == chain
    assert measured_by(metric) == (metric, *chain)


@pytest.mark.parametrize("metric", METRICS)
def test_every_metric_is_accepted_wherever_a_metric_is_written(metric: str) -> None:
    target = parse_line(make_announcement("target", metric=metric)).dump()
    figure = parse_line(make_announcement("deliveries", metric=metric)).dump()
    claim = {"type": "total", "metric": metric, "period": "2025", "op": ">=", "value": 1}
    claimed = parse_line(make_announcement("claim", claim=claim)).dump()
    assert target["metric"] == figure["metric"] == claimed["claim"]["metric"] == metric


def test_an_unknown_metric_is_refused_naming_the_field() -> None:
    with pytest.raises(InputError, match=r"^metric: .*'production'.*'bookings'"):
        parse_line(make_announcement("target", metric="shipments"))
    with pytest.raises(InputError, match=r"^claim\.metric: "):
        parse_line(make_announcement("claim", claim={
            "type": "streak", "metric": "shipments", "at_least": 1, "months": 1,
            "ending": "2025-06"}))  # fmt: skip


def test_the_regions_containing_a_country_on_some_day() -> None:
    assert containing("GB") == {"*", "EU", "EEA", "EFTA", "EUROPE", "NORTHERN-EUROPE"}
    assert containing("HR") == {"*", "EU", "EEA", "EUROPE", "SOUTHERN-EUROPE"}
    assert containing("CN") == {"*", "ASIA", "EASTERN-ASIA"}
    mine = {"OVERSEAS": UserRegion("OVERSEAS", (ALL,), ("CN",)),
            "EUROPE-JATO": UserRegion("EUROPE-JATO", ("EU", "EFTA"))}  # fmt: skip
    assert "EUROPE-JATO" in containing("GB", mine) and "OVERSEAS" in containing("GB", mine)
    assert "OVERSEAS" not in containing("CN", mine)
    assert containing("ZZ") == frozenset()
