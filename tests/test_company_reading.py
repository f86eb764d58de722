"""The reads of one company's questions (`state model`, `state company`) find that company's
groups by its key, and read of them only what the question narrows to: checked here where a
wrong narrowing would answer differently, on both backends, and (SQLite) where a plan that
reads every company's groups would answer the same, only slower."""

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

from backends import is_postgres, query_plan, store_location, traced_view  # noqa: F401

SOURCE = {"title": "a source"}
KNOWN_AT = "9999-12-31T23:59:59.999999Z"


def launch(ann_id: str, company: str, model: str, market: str, on: str) -> dict[str, Any]:
    return {"id": ann_id, "kind": "launch", "company": company, "model": model,
            "market": market, "announced_on": on, "source": SOURCE}  # fmt: skip


def policy(
    ann_id: str, markets: list[str], on: str, not_before: str, **more: Any
) -> dict[str, Any]:
    return {"id": ann_id, "kind": "policy", "company": "Acme", "markets": markets,
            "not_before": not_before, "announced_on": on, "source": SOURCE, **more}  # fmt: skip


# Acme launches in three markets, Zeta (another company) in the same ones; Acme's policies:
# the EU of 2019 (the United Kingdom a member), then of 2021 (the United Kingdom gone), each
# restated once; China's, expected, then confirmed; a policy for the world but Japan, later
# retracted
STORY = [
    launch("acme-de", "Acme", "Alpha", "DE", "2021-01-01"),
    launch("acme-fr", "Acme", "Alpha", "FR", "2021-02-01"),
    launch("acme-jp", "Acme", "Beta", "JP", "2021-03-01"),
    launch("zeta-de", "Zeta", "Zed", "DE", "2021-01-05"),
    launch("zeta-fr", "Zeta", "Zed", "FR", "2021-02-05"),
    policy("eu-2019", ["EU"], "2019-06-01", "2031-01-01"),
    policy("eu-2019b", ["EU"], "2019-09-01", "2031-06-01"),
    policy("eu-2021", ["EU"], "2021-01-01", "2029-01-01"),
    policy("eu-2021b", ["EU"], "2021-03-01", "2028-01-01"),
    policy("cn-2020", ["CN"], "2020-01-01", "2030-01-01", certainty="expected"),
    policy("cn-2020b", ["CN"], "2020-05-01", "2026-01-01"),
    policy("not-jp", ["*"], "2020-06-01", "2032-01-01", **{"except": ["JP"]}),
    {"kind": "retraction", "id": "not-jp", "reason": "never said"},
]


@pytest.fixture
def store(store_location: str, tmp_path: Path) -> str:  # noqa: F811
    stream = tmp_path / "story.jsonl"
    stream.write_text("".join(json.dumps(line) + "\n" for line in STORY))
    result = CliRunner().invoke(cli, ["--store", store_location, "import", str(stream)])
    assert result.exit_code == 0, result.output
    return store_location


def test_a_companys_groups_in_some_markets_are_its_own_in_those_markets(store: str) -> None:
    """`in_groups` of one company and some subjects: that company's rows in those subjects,
    no other company's, no other subject's."""
    opened = Store(store, create=False)
    try:
        with opened.read() as cursor:
            rows = View(opened).in_groups(
                cursor, "2030-01-01", KNOWN_AT, ("launch",), company="acme", subjects=["DE", "FR"]
            )
            other = View(opened).in_groups(
                cursor, "2030-01-01", KNOWN_AT, ("launch",), company="Zeta", subjects=["JP"]
            )
    finally:
        opened.close()
    assert [row.ann_id for row in rows] == ["acme-de", "acme-fr"]
    assert other == []


def company_policies(store: str, as_of: str) -> list[str]:
    result = CliRunner().invoke(
        cli, ["--store", store, "state", "company", "Acme", "--as-of", as_of, "--json"]
    )
    assert result.exit_code == 0, result.output
    return [found["id"] for found in json.loads(result.stdout)["policies"]]


def test_state_company_shows_every_policy_deciding_a_market(store: str) -> None:
    """`state company`'s policies in force: of each market, the latest policy covering it
    while its `not_before` is ahead. The United Kingdom is still decided by the EU's policy of
    2019 once a later one for the EU no longer covers it; an expected policy decides until a
    confirmed one of its scope comes later; a retracted one decides nothing. `state company`
    reads of its policies only those its index says can decide a market
    (`deciding_anywhere`): choosing only the latest of each scope, or one certainty, would
    miss one of these."""
    assert company_policies(store, "2019-12-01") == ["eu-2019b"]
    assert company_policies(store, "2020-03-01") == ["eu-2019b", "cn-2020"]
    assert company_policies(store, "2022-01-01") == ["eu-2019b", "cn-2020b", "eu-2021b"]
    assert company_policies(store, "2026-06-01") == ["eu-2019b", "eu-2021b"]  # China's lapsed


def test_a_companys_groups_in_some_markets_are_sought_by_its_key(
    store: str,
) -> None:
    """SQLite knows nothing of how many groups a subject holds across companies: unsteered,
    it sought a company's launches in a few markets through the index of every company's
    groups of those markets. The statement must seek the company's own groups."""
    if is_postgres(store):
        pytest.skip("SQLite's query plan (PostgreSQL plans by its own statistics)")
    with traced_view(store) as (view, cursor, statements):
        view.in_groups(
            cursor, "2030-01-01", KNOWN_AT, ("launch",), company="Acme", subjects=["DE", "FR"]
        )
        (statement,) = [s for s in statements if "mxt_rm_groups" in s]
        plan = query_plan(cursor, statement)
    assert "mxt_rm_group_subject" not in plan, plan
    assert "SEARCH g USING PRIMARY KEY (company_key=? AND kind=?)" in plan, plan


# Beyond the story: Beta shown in the United Kingdom (named for it by nothing else), and a
# policy for France alone that the EU's of 2019 and 2021 cover after it (it decides nothing,
# but it names France for Beta); Acme as a whole expected in India, where Alpha launches
MORE = [
    {"kind": "showcase", "id": "beta-gb", "company": "Acme", "model": "Beta", "market": "GB",
     "venue": "Goodwood", "announced_on": "2021-06-01", "source": SOURCE},
    policy("fr-2018", ["FR"], "2018-01-01", "2035-01-01"),
    {"kind": "expected-entry", "id": "acme-in", "company": "Acme", "market": "IN",
     "expected": "2027", "announced_on": "2021-07-01", "source": SOURCE},
    launch("alpha-in", "Acme", "Alpha", "IN", "2023-01-01"),
]  # fmt: skip


@pytest.fixture
def more(store: str, tmp_path: Path) -> str:
    stream = tmp_path / "more.jsonl"
    stream.write_text("".join(json.dumps(line) + "\n" for line in MORE))
    result = CliRunner().invoke(cli, ["--store", store, "import", str(stream)])
    assert result.exit_code == 0, result.output
    return store


def model_statuses(store: str, subject: str, as_of: str) -> dict[str, tuple[str, str | None]]:
    """`state model`'s market statuses, each with the id of the announcement deciding it
    (which the JSON leaves out), checked against the JSON the command prints."""
    opened = Store(store, create=False)
    try:
        company, model = subject.split("/")
        state = ReadSide(opened).model(company, model, make_query(as_of, None)).data
    finally:
        opened.close()
    result = CliRunner().invoke(
        cli, ["--store", store, "state", "model", subject, "--as-of", as_of, "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["market_statuses"] == state.market_statuses
    return {code: (status, state.deciding[code]) for code, status in state.market_statuses.items()}


def test_state_model_reads_every_policy_that_can_decide_a_market(more: str) -> None:
    """`state model` reads of the company's policies only the latest of each scope in each
    stretch of days between changes of a region's members (`latest_each_stretch`). The
    United Kingdom is decided by the EU's policy of 2019 (the latest of its scope before the
    United Kingdom left), not by that of 2021; France is named for Beta by a policy the EU's
    cover since, the latest of its scope; an expected policy decides until a confirmed one
    of its scope comes later. Choosing only the latest of each scope, or only the policies
    deciding a market somewhere, would miss one of these. The company's own entries come
    with the model's groups (`beside`): India is expected for Beta."""
    assert model_statuses(more, "Acme/Beta", "2022-01-01") == {
        "CN": ("blocked", "cn-2020b"),
        "EU": ("blocked", "eu-2021b"),
        "FR": ("blocked", "eu-2021b"),
        "GB": ("blocked", "eu-2019b"),
        "IN": ("expected", "acme-in"),
        "JP": ("available", "acme-jp"),
    }
    # once the EU's policy of 2021 has lapsed, France's own decides nothing either (the
    # latest covering France is that lapsed one); the United Kingdom's still blocks
    later = model_statuses(more, "Acme/Beta", "2030-01-01")
    assert "FR" not in later and "EU" not in later
    assert later["GB"] == ("blocked", "eu-2019b")


def test_state_model_reads_the_launches_of_other_models_that_fulfil_an_entry(more: str) -> None:
    """An entry of the company as a whole is fulfilled by a launch of any of its models:
    `state model` reads the other models' launches near it (its own are read with its other
    groups, `other_than`). Alpha's launch in India fulfils Acme's entry there for Beta too."""
    assert model_statuses(more, "Acme/Beta", "2022-06-01")["IN"] == ("expected", "acme-in")
    assert "IN" not in model_statuses(more, "Acme/Beta", "2024-01-01")
    assert model_statuses(more, "Acme/Alpha", "2024-01-01")["IN"] == ("available", "alpha-in")


def test_rows_asked_by_their_ids_are_each_read_once_in_time_order(store: str) -> None:
    """`of_ids` of any number of ids (a list padded to a power of two: `_padded`) answers
    each of those rows once, in time order, and no other."""
    opened = Store(store, create=False)
    try:
        with opened.read() as cursor:
            view = View(opened)
            every = view.in_groups(cursor, "2030-01-01", KNOWN_AT, ("launch", "policy"))
            ids = {row.ann_id: position for position, row in enumerate(every)}
            cursor.execute("SELECT notification_id, ann_id FROM mxt_rm_versions")
            by_id = {ann_id: int(found) for found, ann_id in cursor.fetchall() if ann_id in ids}
            answers = {
                size: view.of_ids(cursor, sorted(by_id[ann_id] for ann_id in list(ids)[:size]))
                for size in range(len(ids) + 1)
            }
    finally:
        opened.close()
    assert len(ids) >= 9
    for size, rows in answers.items():
        assert rows == sorted(every[:size], key=lambda row: row.order), size


def test_rows_asked_by_their_ids_in_lists_of_many_lengths_are_a_few_statements(
    store: str,
) -> None:
    """A list of ids asked `IN (…)` is a statement of its own for each length, compiled anew
    unless the connection's cache holds it: `of_ids` pads its lists to a power of two, so
    that lists of 1 to 9 ids are five statements (1, 2, 4, 8, 16 ids), not nine."""
    if is_postgres(store):
        pytest.skip("SQLite's statements, as its tracing tells them")
    with traced_view(store) as (view, cursor, statements):
        cursor.execute("SELECT notification_id FROM mxt_rm_versions ORDER BY 1 LIMIT 9")
        ids = [int(found) for (found,) in cursor.fetchall()]
        for size in range(1, 10):
            view.of_ids(cursor, ids[:size])
    asked = [statement for statement in statements if " IN (" in statement]
    lengths = {statement.count(",", statement.index(" IN (")) for statement in asked}
    assert len(ids) == 9 and len(lengths) == 5, sorted(lengths)
