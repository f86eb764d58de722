"""`state market` reads only what decides a market: of the policies found for it, each
company's latest covering it (read by scope and day from the read model's index before any
row is read); the showcases only of the companies no policy blocks in every market asked;
launches elsewhere in a region only of the models whose entry for it none read has fulfilled;
the names of the companies its rows concern (every company's with `--all`); and one status
for all the models of a company that none of its facts names. Each narrowing is checked here
where a wrong one would answer differently, and the answers end with `verify`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mxt.cli.main import cli
from mxt.cli.options import make_query
from mxt.projections.questions.read_side import ReadSide
from mxt.projections.readmodel.view import View
from mxt.storage.store import Store

from backends import is_postgres, query_plan, traced_view

KNOWN_AT = "9999-12-31T23:59:59.999999Z"


def announcement(ann_id: str, kind: str, announced_on: str, **fields: Any) -> dict[str, Any]:
    company = fields.pop("company", "Acme")
    source = {"title": f"{ann_id} said"}
    return {"id": ann_id, "kind": kind, "company": company, "announced_on": announced_on,
            "source": source, **fields}  # fmt: skip


STORY = [
    # Acme's policies: the EU of 2019 (the United Kingdom a member), China alone, then the
    # EU of 2021 (the United Kingdom gone): each market is decided by the latest covering it
    announcement("eu-2019", "policy", "2019-06-01", markets=["EU"], not_before="2031-01-01"),
    announcement("cn-2020", "policy", "2020-01-01", markets=["CN"], not_before="2030-01-01"),
    announcement("eu-2021", "policy", "2021-01-01", markets=["EU"], not_before="2029-01-01"),
    # Acme's models: Alpha launched in Germany, Beta shown there, Gamma and Delta named by no
    # fact of a market (orders only); Zeta Cars has a model and nothing about any market
    announcement("alpha-de", "launch", "2020-05-01", model="Alpha", market="DE"),
    announcement("beta-show", "showcase", "2020-06-01", model="Beta", market="DE", venue="IAA"),
    announcement("gamma-orders", "orders", "2019-07-01", model="Gamma", stage="locked", count=10),
    announcement("delta-orders", "orders", "2020-08-01", model="Delta", stage="locked", count=20),
    announcement(
        "zeta-orders",
        "orders",
        "2020-08-01",
        company="Zeta Cars",
        model="Zed",
        stage="locked",
        count=5,
    ),  # fmt: skip
]


OMEGA = [
    # Omega: a policy for Germany alone, and its model shown in Germany and in France
    announcement(
        "omega-de", "policy", "2020-01-01", company="Omega", markets=["DE"], not_before="2030-01-01"
    ),  # fmt: skip
    announcement(
        "omega-show-de",
        "showcase",
        "2020-02-01",
        company="Omega",
        model="O1",
        market="DE",
        venue="IAA",
    ),  # fmt: skip
    announcement(
        "omega-show-fr",
        "showcase",
        "2020-03-01",
        company="Omega",
        model="O1",
        market="FR",
        venue="Mondial",
    ),  # fmt: skip
]


def imported(store_location: str, tmp_path: Path, lines: list[dict[str, Any]]) -> str:
    stream = tmp_path / "story.jsonl"
    stream.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = CliRunner().invoke(cli, ["--store", store_location, "import", str(stream)])
    assert result.exit_code == 0, result.output
    return store_location


@pytest.fixture
def store(store_location: str, tmp_path: Path) -> str:
    return imported(store_location, tmp_path, STORY)


@pytest.fixture
def with_omega(store_location: str, tmp_path: Path) -> str:
    """The story, and Omega's policy for Germany and its showcases there and in France."""
    return imported(store_location, tmp_path, STORY + OMEGA)


def market(store: str, code: str, as_of: str, *more: str) -> Any:
    result = CliRunner().invoke(
        cli, ["--store", store, "state", "market", code, "--as-of", as_of, "--json", *more]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def statuses(found: Any) -> dict[str, tuple[str, str | None]]:
    return {
        f"{row['company']}/{row['model']}": (row["status"], row["id"]) for row in found["models"]
    }


def test_each_market_is_decided_by_the_latest_policy_covering_it(store: str) -> None:
    # China: the 2021 policy is the latest, but it does not cover China; the 2020 one does
    china = market(store, "CN", "2022-01-01")
    assert [policy["id"] for policy in china["policies"]] == ["cn-2020"]
    assert statuses(china)["Acme/Gamma"] == ("blocked", "cn-2020")
    # Germany: the EU policy of 2021, not the older one of 2019 that covers it too
    germany = market(store, "DE", "2022-01-01")
    assert [policy["id"] for policy in germany["policies"]] == ["eu-2021"]
    assert statuses(germany)["Acme/Delta"] == ("blocked", "eu-2021")
    # the United Kingdom: the EU policy of 2019 (a member then), not the later one for the EU
    uk = market(store, "GB", "2022-01-01")
    assert [(policy["id"], policy["not_before"]) for policy in uk["policies"]] == [
        ("eu-2019", "2031-01-01")
    ]
    # before 2021, the 2019 policy decides Germany too
    assert [policy["id"] for policy in market(store, "DE", "2020-12-31")["policies"]] == ["eu-2019"]
    # nothing covers the United States
    assert market(store, "US", "2022-01-01")["policies"] == []


def test_a_region_reads_the_policy_deciding_each_member(store: str) -> None:
    found = market(store, "EU", "2019-12-01")  # the United Kingdom a member, before 2021
    gamma = next(row for row in found["models"] if row["model"] == "Gamma")
    assert gamma["members"]["GB"] == gamma["members"]["DE"] == "blocked"
    assert [policy["id"] for policy in found["policies"]] == ["eu-2019"]
    later = market(store, "EU", "2022-01-01")
    assert {policy["id"] for policy in later["policies"]} == {"eu-2021"}


def test_models_no_fact_names_share_their_companys_status_each_under_its_own_name(
    store: str,
) -> None:
    germany = market(store, "DE", "2022-01-01")
    assert statuses(germany) == {
        "Acme/Alpha": ("available", "alpha-de"),  # its own launch decides
        "Acme/Beta": ("blocked", "eu-2021"),  # a policy in force outranks a showcase
        "Acme/Delta": ("blocked", "eu-2021"),
        "Acme/Gamma": ("blocked", "eu-2021"),
    }
    # once the policy has lapsed, Beta is showcased and Gamma and Delta unknown (not listed)
    assert statuses(market(store, "DE", "2031-06-01")) == {
        "Acme/Alpha": ("available", "alpha-de"),
        "Acme/Beta": ("showcased", "beta-show"),
    }


def test_only_all_lists_the_companies_nothing_there_concerns(store: str) -> None:
    assert "Zeta Cars/Zed" not in statuses(market(store, "DE", "2022-01-01"))
    every = statuses(market(store, "DE", "2022-01-01", "--all"))
    assert every["Zeta Cars/Zed"] == ("unknown", None)
    assert every["Acme/Gamma"] == ("blocked", "eu-2021")


def test_the_days_before_a_regions_change_are_read_only_for_the_markets_it_changes() -> None:
    from mxt.projections.rules.state import region_eras

    brexit, croatia = "2020-01-31", "2013-06-30"  # the days before GB left, HR joined
    every = region_eras("2024-06-30")
    assert {brexit, croatia} <= set(every)
    assert brexit in region_eras("2024-06-30", ["GB"])
    assert croatia in region_eras("2024-06-30", ["HR"]) and brexit not in region_eras(
        "2024-06-30", ["HR"]
    )
    assert not {brexit, croatia} & set(region_eras("2024-06-30", ["DE", "US", "EU"]))
    assert set(region_eras("2024-06-30", ["DE", "GB"])) <= set(every)
    assert brexit not in region_eras("2019-06-30", ["GB"])  # not yet


def verified(store: str) -> None:
    result = CliRunner().invoke(cli, ["--store", store, "verify", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["read_models"] == []


def shown_read(store: str, codes: list[str], as_of: str) -> set[str]:
    """The ids of the showcases `state market` reads for `codes` as of `as_of`."""
    with Store(store) as opened:
        rows, _, _ = ReadSide(opened)._market_rows(make_query(as_of), codes)
    return {row.ann_id for row in rows if row.content["kind"] == "showcase"}


def test_the_showcases_of_a_company_blocked_there_are_not_read(with_omega: str) -> None:
    store = with_omega
    # Acme is blocked in Germany by its EU policy of 2021 (in force until 2029): a showcase
    # cannot decide a status there, so Beta's is not read, and Beta is blocked all the same
    assert shown_read(store, ["DE"], "2022-01-01") == set()
    assert statuses(market(store, "DE", "2022-01-01"))["Acme/Beta"] == ("blocked", "eu-2021")
    # in 2030 the policy deciding Germany (2021's) has lapsed, though the older one of 2019
    # that covers Germany too is in force until 2031: Germany is not blocked, Beta showcased
    assert shown_read(store, ["DE"], "2030-06-01") == {"beta-show", "omega-show-de"}
    germany = market(store, "DE", "2030-06-01")
    assert statuses(germany)["Acme/Beta"] == ("showcased", "beta-show")
    assert statuses(germany)["Omega/O1"] == ("showcased", "omega-show-de")
    assert germany["policies"] == []
    verified(store)


def test_a_company_blocked_in_some_members_of_a_region_has_its_showcases_read(
    with_omega: str,
) -> None:
    store = with_omega
    # Omega is blocked in Germany, not in France: the EU's answer shows O1 showcased there
    found = market(store, "EU", "2025-01-01")
    omega = next(row for row in found["models"] if row["company"] == "Omega")
    assert omega["members"]["DE"] == "blocked"
    assert omega["members"]["FR"] == "showcased"
    assert statuses(market(store, "FR", "2025-01-01"))["Omega/O1"] == ("showcased", "omega-show-fr")
    # Germany alone: Omega blocked, its showcases unread
    assert shown_read(store, ["DE"], "2025-01-01") == set()
    assert statuses(market(store, "DE", "2025-01-01"))["Omega/O1"] == ("blocked", "omega-de")
    verified(store)


# Entries for the EU, and launches elsewhere in it: Nova expects Xeno, and itself as a whole,
# in the EU; Orbit expects Zed there, and launched Zed in France, then Germany, and Wisp (no
# entry) in France
ELSEWHERE = [
    announcement(
        "nova-x-eu",
        "expected-entry",
        "2020-01-01",
        company="Nova",
        model="Xeno",
        market="EU",
        expected="2027",
    ),  # fmt: skip
    announcement(
        "nova-eu", "expected-entry", "2020-01-01", company="Nova", market="EU", expected="2027"
    ),  # fmt: skip
    announcement("nova-y-fr", "launch", "2021-03-01", company="Nova", model="Yara", market="FR"),
    announcement("nova-x-it", "launch", "2022-05-01", company="Nova", model="Xeno", market="IT"),
    announcement(
        "orbit-z-eu",
        "expected-entry",
        "2020-01-01",
        company="Orbit",
        model="Zed",
        market="EU",
        expected="2027",
    ),  # fmt: skip
    announcement("orbit-w-fr", "launch", "2020-06-01", company="Orbit", model="Wisp", market="FR"),
    announcement("orbit-z-fr", "launch", "2020-12-01", company="Orbit", model="Zed", market="FR"),
    announcement("orbit-z-de", "launch", "2021-01-01", company="Orbit", model="Zed", market="DE"),
]


@pytest.fixture
def elsewhere(store_location: str, tmp_path: Path) -> str:
    return imported(store_location, tmp_path, ELSEWHERE)


def launches_read(store: str, codes: list[str], as_of: str) -> set[str]:
    """The ids of the launches `state market` reads for `codes` as of `as_of`."""
    with Store(store) as opened:
        rows, _, _ = ReadSide(opened)._market_rows(make_query(as_of), codes)
    return {row.ann_id for row in rows if row.content["kind"] == "launch"}


def test_a_launch_elsewhere_in_the_region_is_read_while_it_may_fulfil_an_entry(
    elsewhere: str,
) -> None:
    store = elsewhere
    # before Zed reached Germany, its launch in France fulfils Orbit's entry for the EU: that
    # launch is read (Wisp's, which no entry of its model awaits, is not), and Zed is not
    # expected in Germany; Nova, expected as a whole, has all its launches elsewhere read
    assert launches_read(store, ["DE"], "2020-12-15") == {"orbit-z-fr"}
    germany = market(store, "DE", "2020-12-15")
    assert "Orbit/Zed" not in statuses(germany)
    assert statuses(germany)["Nova/Xeno"] == ("expected", "nova-x-eu")
    assert statuses(germany)["Nova/None"] == ("expected", "nova-eu")
    # once Zed launched in Germany, its entry is fulfilled by what Germany's answer reads:
    # nothing of Orbit's elsewhere is read. Yara's launch in France fulfils Nova's entry as a
    # whole (read: nothing nearer fulfils it); Xeno is still expected
    assert launches_read(store, ["DE"], "2021-06-01") == {"orbit-z-de", "nova-y-fr"}
    germany = market(store, "DE", "2021-06-01")
    assert statuses(germany)["Orbit/Zed"] == ("available", "orbit-z-de")
    assert statuses(germany)["Nova/Xeno"] == ("expected", "nova-x-eu")
    assert "Nova/None" not in statuses(germany)
    # Xeno's launch in Italy fulfils its own entry: Nova is expected nowhere in Germany
    later = statuses(market(store, "DE", "2022-06-01"))
    assert not any(name.startswith("Nova/") for name in later), later
    verified(store)


def test_past_the_most_keys_a_statement_names_the_answers_stay(
    elsewhere: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mxt.projections.questions import read_side

    store = elsewhere
    asked = [("DE", "2020-12-15"), ("DE", "2021-06-01"), ("EU", "2022-06-01")]
    before = [market(store, code, as_of) for code, as_of in asked]
    monkeypatch.setattr(read_side, "_MANY", 0)  # every model of the companies is read instead
    assert launches_read(store, ["DE"], "2020-12-15") == {"orbit-z-fr", "orbit-w-fr"}
    after = [market(store, code, as_of) for code, as_of in asked]
    assert [(found["models"], found["policies"]) for found in after] == [
        (found["models"], found["policies"]) for found in before
    ]
    verified(store)


def test_a_markets_groups_are_sought_by_the_index_alone(store: str) -> None:
    """The groups of a market's policies and showcases are found through the index of every
    company's groups by subject (`mxt_rm_group_subject`), which holds the ranks each group
    holds: the seeks of their latest rows read no row of the groups' table first (at 1M lines,
    2,000 groups of policies a question)."""
    if is_postgres(store):
        pytest.skip("SQLite's query plan (PostgreSQL plans by its own statistics)")
    with traced_view(store) as (view, cursor, statements):
        markets = ["*", "DE", "EU"]
        none = lambda heads: ()  # noqa: E731 (the heads' seek alone)
        view.listing(cursor, "2030-01-01", KNOWN_AT, ("policy",), markets, choose=none)
        view.latest(cursor, "2030-01-01", KNOWN_AT, ("showcase",), subjects=markets)
        seeks = [s for s in statements if "FROM mxt_rm_groups g" in s]
        plans = [query_plan(cursor, statement) for statement in seeks]
    assert len(plans) == 2, seeks
    for plan in plans:
        assert "SEARCH g USING COVERING INDEX mxt_rm_group_subject (kind=? AND subject=?)" in plan
