"""`state market` reads only what decides a market: of the policies found for it, each
company's latest covering it (read by scope and day from the read model's index before any
row is read); the names of the companies its rows concern (every company's with `--all`); and
one status for all the models of a company that none of its facts names. Each narrowing is
checked here where a wrong one would answer differently."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mxt.cli.main import cli


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


@pytest.fixture
def store(store_location: str, tmp_path: Path) -> str:
    stream = tmp_path / "story.jsonl"
    stream.write_text("".join(json.dumps(line) + "\n" for line in STORY))
    result = CliRunner().invoke(cli, ["--store", store_location, "import", str(stream)])
    assert result.exit_code == 0, result.output
    return store_location


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
