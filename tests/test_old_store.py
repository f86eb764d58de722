"""A store written by the mxt before bounds, ranks and scopes (commit df4fe6f) still works.

`tests/data/written-by-mxt-df4fe6f.sqlite` holds that mxt's import of its seed file (with
`within: "3m"`, minutes then) and a correction `within=20m`. Opened by today's mxt, its read
model is rebuilt, the old spellings read with today's meaning, and every answer where the
new rules do not apply is what it was.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mxt.cli.main import cli

OLD = Path(__file__).parent / "data" / "written-by-mxt-df4fe6f.sqlite"


@pytest.fixture
def old_store(tmp_path: Path) -> str:
    copy = tmp_path / "old.sqlite"
    shutil.copy(OLD, copy)
    return str(copy)


def run(store: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--store", store, *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def test_old_durations_read_as_minutes_and_are_written_unambiguously(old_store: str) -> None:
    yu7 = run(old_store, "state", "model", "Xiaomi/YU7", "--as-of", "2025-07-10", "--json")
    assert yu7["orders"]["pre-booking"]["within"] == "3min"
    assert yu7["orders"]["locked"]["within"] == "20min"  # the correction's `20m`
    # No bound was recorded then: the counts are exact, as they were.
    assert (yu7["orders"]["pre-booking"]["count"], yu7["orders"]["pre-booking"]["bound"]) == (
        200_000,
        "exact",
    )
    exported = [json.loads(line) for line in run(old_store, "export").splitlines()]
    prebooking = next(e for e in exported if e.get("id") == "xiaomi-yu7-prebookings-3m")
    assert prebooking["within"] == "3min"
    correction = next(e for e in exported if e["kind"] == "correction")
    assert correction["set"] == {"within": "20min"}


@pytest.mark.xfail(
    strict=True,
    reason="verify of the merged hardening (main 270e33e..d373e1c) reports every chain entry "
    "of a store written by df4fe6f as altered: the chain's format changed (domain/integrity)",
)
def test_an_old_store_still_verifies(old_store: str) -> None:
    assert run(old_store, "verify").startswith("ok: 22 events")


def test_old_answers_stand_where_the_new_rules_do_not_apply(old_store: str) -> None:
    company = run(old_store, "state", "company", "Xiaomi", "--as-of", "2025-07-10", "--json")
    assert [(t["period"], t["value"], t["id"]) for t in company["targets"]] == [
        ("2025", 350_000, "xiaomi-2025-target-350k")
    ]
    assert [(d["period"], d["units"], d["certainty"]) for d in company["deliveries"]] == [
        ("2025-06", 28_000, "reported")
    ]
    de = run(old_store, "state", "market", "DE", "--as-of", "2025-07-10", "--json")
    assert {m["model"]: m["status"] for m in de["models"] if m["model"]} == {
        "SU7": "blocked",
        "YU7": "blocked",
    }
    audit = run(old_store, "audit", "targets", "--json")
    assert [(r["value"], r["previous"], r["status"]) for r in audit] == [
        (300_000, None, "superseded"),
        (350_000, 300_000, "in-force"),
    ]


def test_today_spelling_of_an_old_line_is_already_present(old_store: str, tmp_path: Path) -> None:
    exported = run(old_store, "export").splitlines()
    again = tmp_path / "again.jsonl"
    again.write_text("\n".join(line for line in exported if '"correction"' not in line) + "\n")
    result = CliRunner().invoke(cli, ["--store", old_store, "import", str(again), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"recorded": 0, "already_present": 21}


def test_an_old_file_without_ids_derives_the_ids_it_derived_before() -> None:
    from mxt.events.announcements import parse_announcement, with_id

    line = {
        "kind": "orders",
        "company": "Xiaomi",
        "announced_on": "2025-06-26",
        "model": "YU7",
        "stage": "pre-booking",
        "count": 200000,
        "within": "3m",
        "source": {"title": "t"},
    }
    old = with_id(parse_announcement(line))
    new = with_id(parse_announcement({**line, "within": "3min"}))
    assert old["within"] == new["within"] == "3min"
    # df4fe6f derived ids as a digest of the content as it spelled it then: `3m`.
    then = {key: value for key, value in old.items() if key != "id"} | {"within": "3m"}
    text = json.dumps(then, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert old["id"] == new["id"] == "a-" + hashlib.sha256(text.encode()).hexdigest()[:16]
