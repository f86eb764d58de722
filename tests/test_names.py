"""Names as first spelled (SPEC §4: a company and a model are shown as spelled in their
earliest announcement by `announced_on`), at every known-at and as-of: the read model lists
the rows that were a company's or model's earliest when they were written
(`mxt_rm_firsts`), and a question reads the last one listed up to its known-at moment unless
it has since been corrected or retracted. Each story here makes that row wrong in one way: it
was recorded after the moment asked about, corrected to a later date, retracted, or followed
by a later spelling. Each is asked on both backends, written one command at a time (the
projector) and by imports (a bulk import's settle), and `verify` checks that the listing the
commands kept is the one a replay of the log makes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mxt.cli.main import cli

from backends import sql, store_location  # noqa: F401

SOURCE = {"title": "a source"}


def mxt(location: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--store", location, *args])


def launch(ann_id: str, company: str, model: str, announced_on: str) -> dict[str, object]:
    return {"kind": "launch", "id": ann_id, "company": company, "model": model,
            "market": "DE", "announced_on": announced_on, "source": SOURCE}  # fmt: skip


def write(location: str, tmp_path: Path, lines: list[dict[str, object]], bulk: bool) -> None:
    """`lines` into the store: one import (`bulk`: a bulk transaction, settled at its end),
    or one `mxt record`, `correct` or `retract` each (each processed as it is appended)."""
    if bulk:
        path = tmp_path / "lines.jsonl"
        path.write_text("".join(json.dumps(line) + "\n" for line in lines))
        result = mxt(location, "import", str(path))
        assert result.exit_code == 0, result.output
        return
    for line in lines:
        if line["kind"] == "correction":
            changes = [f"{name}={value}" for name, value in dict(line["set"]).items()]
            args = ["correct", str(line["id"]), "--set", *changes, "--reason", "fix"]
        elif line["kind"] == "retraction":
            args = ["retract", str(line["id"]), "--reason", "dup"]
        else:
            args = ["record", "launch", "--id", str(line["id"]), "--company", str(line["company"]),
                    "--model", str(line["model"]), "--market", "DE", "--source", "a source",
                    "--announced-on", str(line["announced_on"])]  # fmt: skip
        result = mxt(location, *args)
        assert result.exit_code == 0, result.output


def recorded_at(location: str, ann_id: str) -> str:
    result = mxt(location, "show", ann_id, "--json")
    assert result.exit_code == 0, result.output
    value: str = json.loads(result.stdout)["recorded_at"]
    return value


def names(location: str, *when: str) -> tuple[str, str]:
    """The company and model names `state model acme/m1` shows (`when`: more options),
    checked against `state company`'s name and the model's row in `state market DE --all`."""
    result = mxt(location, "state", "model", "acme/m1", "--json", *when)
    assert result.exit_code == 0, result.output
    state = json.loads(result.stdout)
    company = mxt(location, "state", "company", "acme", "--json", *when)
    assert json.loads(company.stdout)["company"] == state["company"]
    market = json.loads(mxt(location, "state", "market", "DE", "--all", "--json", *when).stdout)
    shown = {(row["company"], row["model"]) for row in market["models"]}
    assert (state["company"], state["model"]) in shown or state["status"] == "unknown", shown
    return state["company"], state["model"]


def verified(location: str) -> None:
    result = mxt(location, "verify", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["read_models"] == []


@pytest.fixture(params=[False, True], ids=["one-by-one", "imported"])
def bulk(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def test_an_earlier_announcement_recorded_later_spells_the_name_from_then(
    store_location: str, tmp_path: Path, bulk: bool
) -> None:
    write(store_location, tmp_path, [launch("a", "Acme", "M1", "2024-03-01")], bulk)
    write(store_location, tmp_path, [launch("b", "ACME", "m1", "2024-01-01")], bulk)
    first, second = recorded_at(store_location, "a"), recorded_at(store_location, "b")
    assert first < second
    assert names(store_location, "--known-at", first) == ("Acme", "M1")
    assert names(store_location) == ("ACME", "m1")
    # as of a day before the later-spelled one's date, nothing of the company is visible yet
    assert names(store_location, "--as-of", "2024-02-01") == ("ACME", "m1")
    assert names(store_location, "--as-of", "2024-02-01", "--known-at", first) == ("acme", "m1")
    verified(store_location)


def test_a_first_announcement_corrected_to_a_later_date_gives_way_from_then(
    store_location: str, tmp_path: Path, bulk: bool
) -> None:
    write(store_location, tmp_path, [launch("a", "Acme", "M1", "2024-03-01"),
                                     launch("b", "ACME", "m1", "2024-01-01")], bulk)  # fmt: skip
    assert names(store_location) == ("ACME", "m1")
    fix = {"kind": "correction", "id": "b", "set": {"announced_on": "2024-06-01"},
           "reason": "misdated"}  # fmt: skip
    before = recorded_at(store_location, "b")
    write(store_location, tmp_path, [fix], bulk)
    assert names(store_location) == ("Acme", "M1")
    assert names(store_location, "--known-at", before) == ("ACME", "m1")
    # as of a day between the two dates the correction left nothing of ACME's to show
    assert names(store_location, "--as-of", "2024-04-01") == ("Acme", "M1")
    # a correction of something else of the first one left: its new version comes after the
    # corrected row's old one, so that is listed last still, and the question walks the rows
    write(store_location, tmp_path, [{"kind": "correction", "id": "a", "reason": "fix",
                                      "set": {"market": "FR"}}], bulk)  # fmt: skip
    assert names(store_location) == ("Acme", "M1")
    assert names(store_location, "--known-at", before) == ("ACME", "m1")
    assert sql(store_location, "SELECT COUNT(*) FROM mxt_rm_firsts WHERE model_key='m1'") == [(2,)]
    verified(store_location)


def test_a_retracted_first_announcement_spells_nothing_from_then(
    store_location: str, tmp_path: Path, bulk: bool
) -> None:
    write(store_location, tmp_path, [launch("b", "ACME", "m1", "2024-01-01"),
                                     launch("a", "Acme", "M1", "2024-03-01")], bulk)  # fmt: skip
    before = recorded_at(store_location, "a")
    write(store_location, tmp_path, [{"kind": "retraction", "id": "b", "reason": "dup"}], bulk)
    assert names(store_location) == ("Acme", "M1")
    assert names(store_location, "--known-at", before) == ("ACME", "m1")
    assert names(store_location, "--as-of", "2024-02-01", "--known-at", before) == ("ACME", "m1")
    verified(store_location)


def test_a_later_spelling_never_renames(store_location: str, tmp_path: Path, bulk: bool) -> None:
    write(store_location, tmp_path, [launch("a", "Acme", "M1", "2024-01-01")], bulk)
    write(store_location, tmp_path, [launch("b", "ACME", "m1", "2024-05-01"),
                                     launch("c", "acme", "M1", "2024-01-02")], bulk)  # fmt: skip
    assert names(store_location) == ("Acme", "M1")
    assert names(store_location, "--known-at", recorded_at(store_location, "a")) == ("Acme", "M1")
    # a row that comes later than the first is never listed: the first stays the last one
    assert sql(store_location, "SELECT COUNT(*) FROM mxt_rm_firsts WHERE model_key='m1'") == [(1,)]
    verified(store_location)
