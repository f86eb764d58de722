"""`mxt verify`'s two halves at once (`projections.consistency.inspect_store`): on a SQLite file the
log's check and the stored tables' digests run in a process apart while this one replays.

What must hold: the same answer as the two halves one after the other; a damaged log is
reported as such even when the replay that ran beside its check failed on it; and a writer
committing between the two processes' snapshots raises no false alarm.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import import_fixed_seed, invoke

from mxt.cli.demo import seed_path
from mxt.domain.integrity import verify_store
from mxt.projections.opening import open_store
from mxt.projections.readmodel.consistency import check_read_model, inspect_store
from mxt.storage.store import Store

from backends import sql

STATEMENT = ["record", "statement", "--company", "Xiaomi", "--announced-on", "2025-07-01",
             "--source", "Weibo", "--topic", "hiring", "--text", "hiring again"]  # fmt: skip


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    return Path(import_fixed_seed(tmp_path / "s.sqlite"))


def inspected(location: Path) -> tuple[Any, list[str]]:
    with open_store(location, "read") as store:
        return inspect_store(store)


def one_after_the_other(location: Path) -> tuple[Any, list[str]]:
    with open_store(location, "read") as store:
        report = verify_store(store)
        return report, [] if report.damage else check_read_model(store)


@pytest.mark.parametrize("fork", [True, False])
@pytest.mark.parametrize(
    "tamper",
    [
        None,
        "UPDATE mxt_rm_versions SET announced_on='2020-01-01' WHERE notification_id=4",
        "DELETE FROM mxt_rm_groups WHERE kind='launch'",
        "UPDATE mxt_rm_meta SET value=CAST(value AS INTEGER)+5 WHERE name='notification_id'",
    ],
)
def test_inspect_answers_as_the_two_halves_one_after_the_other(
    seeded: Path, tamper: str | None, fork: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not fork:  # (Windows): the process apart's reading runs here, after the replay
        monkeypatch.delattr(os, "fork")
    if tamper:
        sql(seeded, tamper)
    report, problems = inspected(seeded)
    alone, alone_problems = one_after_the_other(seeded)
    assert (report.events, report.head, report.damage) == (alone.events, alone.head, alone.damage)
    assert list(map(str, problems)) == list(map(str, alone_problems))
    assert bool(problems) == bool(tamper)


def test_a_damaged_log_is_reported_even_when_the_replay_beside_it_fails(seeded: Path) -> None:
    # not JSON: the replay in SQL, which trusts the log, raises on it
    sql(seeded, "UPDATE stored_events SET state=? WHERE rowid=4", b"\x00\xff{not json")
    report, problems = inspected(seeded)
    assert [damage.notification_id for damage in report.damage] == [4]
    assert problems == []


def test_a_write_between_the_two_snapshots_raises_no_false_alarm(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process apart starts its snapshot only after a writer has committed one more
    announcement: its read model's position differs, so the stored tables are digested again
    in this process's snapshot, which the replay matches."""
    before = one_after_the_other(seeded)[0].events
    read_apart = Store.read_apart

    def written_first(self: Store, reading: Callable[[Any], Iterator[Any]], here: Any) -> Any:
        def after_a_write(cursor: Any) -> Iterator[Any]:
            invoke("--store", str(seeded), *STATEMENT)
            yield from reading(cursor)

        return read_apart(self, after_a_write, here)

    monkeypatch.setattr(Store, "read_apart", written_first)
    report, problems = inspected(seeded)
    assert report.events == before + 1  # the log as the process apart saw it
    assert problems == []
    assert one_after_the_other(seeded)[0].events == before + 1
