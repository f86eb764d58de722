"""Recording: idempotent imports, all-or-nothing files, corrections and retractions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import count_stored_events, invoke, make_announcement

from mxt.domain.errors import (
    AlreadyRetracted,
    ConflictingAnnouncement,
    InvalidCorrection,
    UnknownAnnouncement,
)
from mxt.domain.recording import correct, import_lines, load, record, retract
from mxt.events.announcements import parse_announcement, parse_line, with_id
from mxt.events.errors import InputError
from mxt.storage.store import Store

Run = Callable[..., Result]


def numbered(lines: list[Any]) -> list[tuple[int, Any]]:
    """Interchange dicts (or JSON strings) validated, numbered from 1 like a file's lines."""
    return [
        (number, parse_line(json.loads(line) if isinstance(line, str) else line))
        for number, line in enumerate(lines, start=1)
    ]


def orders(count: Any = 240000, **fields: Any) -> dict[str, Any]:
    return make_announcement("orders", **{"id": "yu7-locked", "count": count, **fields})


def write_jsonl(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


# -- idempotency -----------------------------------------------------------------------


def test_importing_the_seed_twice_records_it_once(
    store: Store, seed_lines: list[str], stored_events: Callable[[], int]
) -> None:
    first = import_lines(store, numbered(seed_lines))
    assert (first.recorded, first.already_present) == (len(seed_lines), 0)
    assert stored_events() == len(seed_lines)
    again = import_lines(store, numbered(seed_lines))
    assert (again.recorded, again.already_present) == (0, len(seed_lines))
    assert stored_events() == len(seed_lines)


def test_an_announcement_without_id_is_recorded_once_however_it_is_spelt(
    store: Store, stored_events: Callable[[], int]
) -> None:
    plain = make_announcement("target")
    respelt = {**dict(reversed(list(plain.items()))), "value": "350k", "previous": "300,000"}
    new_id, created = record(store, parse_announcement(plain))
    assert created and new_id.startswith("a-")
    assert record(store, parse_announcement(respelt)) == (new_id, False)
    result = import_lines(store, numbered([plain, respelt, {**plain, "certainty": "confirmed"}]))
    assert (result.recorded, result.already_present) == (0, 3)
    assert stored_events() == 1
    # Different content is a different announcement.
    assert record(store, parse_announcement({**plain, "value": 360000}))[1] is True
    assert stored_events() == 2


def test_the_same_line_twice_in_one_file_is_recorded_once(
    store: Store, stored_events: Callable[[], int]
) -> None:
    result = import_lines(store, numbered([orders(), orders(), make_announcement("launch")]))
    assert (result.recorded, result.already_present) == (2, 1)
    assert stored_events() == 2


def test_an_id_recorded_with_other_content_is_a_conflict_and_nothing_is_written(
    store: Store, stored_events: Callable[[], int]
) -> None:
    record(store, parse_announcement(orders()))
    with pytest.raises(ConflictingAnnouncement, match="yu7-locked"):
        record(store, parse_announcement(orders(count=1)))
    with pytest.raises(ConflictingAnnouncement, match="line 2"):
        import_lines(store, numbered([make_announcement("launch"), orders(count=1)]))
    with pytest.raises(ConflictingAnnouncement, match="line 3"):
        import_lines(
            store,
            numbered([make_announcement("launch"), orders(count=7, id="x"), orders(8, id="x")]),
        )
    assert stored_events() == 1
    announcement = load(store, "yu7-locked")
    assert announcement is not None and announcement.current["count"] == 240000


# -- all or nothing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        ({"kind": "correction", "id": "nobody", "set": {"count": 1}, "reason": "r"},
         UnknownAnnouncement, "line 4: id: no announcement 'nobody'"),
        ({"kind": "retraction", "id": "nobody", "reason": "r"},
         UnknownAnnouncement, "line 4: id: no announcement 'nobody'"),
        ({"kind": "correction", "id": "yu7-locked", "set": {"count": -5}, "reason": "r"},
         InputError, "line 4: count: must be >= 0"),
        ({"kind": "correction", "id": "yu7-locked", "set": {"colour": "red"}, "reason": "r"},
         InputError, "line 4: colour: unknown field"),
        (orders(count=5), ConflictingAnnouncement, "line 4: id: 'yu7-locked'"),
    ],
)  # fmt: skip
def test_a_bad_line_n_leaves_the_store_unchanged_and_is_named(
    store: Store,
    stored_events: Callable[[], int],
    bad: dict[str, Any],
    error: type[Exception],
    message: str,
) -> None:
    record(store, parse_announcement(orders()))
    before = stored_events()
    lines = [make_announcement("launch"), make_announcement("showcase"), orders(), bad]
    lines.append(make_announcement("statement"))
    with pytest.raises(error) as caught:
        import_lines(store, numbered(lines))
    assert str(caught.value).startswith(message)
    assert stored_events() == before
    assert load(store, "yu7-locked").current["count"] == 240000  # type: ignore[union-attr]


def test_a_bad_line_after_many_batches_still_leaves_nothing(
    store: Store, stored_events: Callable[[], int]
) -> None:
    """The good lines before it were already handed to the database: they are rolled back."""
    lines: list[Any] = [
        make_announcement("deliveries", model=f"M{i}", units=i) for i in range(2500)
    ]
    lines.insert(2400, {"kind": "retraction", "id": "missing-id", "reason": "r"})
    with pytest.raises(UnknownAnnouncement, match="^line 2401: "):
        import_lines(store, numbered(lines))
    assert stored_events() == 0
    del lines[2400]
    assert import_lines(store, numbered(lines)).recorded == 2500
    assert stored_events() == 2500


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "line 3: malformed JSON"),
        ('["a list"]', "line 3: expected a JSON object"),
        (json.dumps(make_announcement("orders", kind="order")), "line 3: kind: unknown kind"),
        (json.dumps(make_announcement("orders", count=-1)), "line 3: count: must be >= 0"),
        (json.dumps(make_announcement("orders", announced_on="2025-6-1")), "line 3: announced_on:"),
        (json.dumps(make_announcement("orders", source=None)), "line 3: source: missing"),
        (
            json.dumps(make_announcement("orders", recorded_at="2025-01-01T00:00:00Z")),
            "line 3: recorded_at: is set by the store",
        ),
    ],
)
def test_a_bad_line_of_a_file_leaves_the_store_unchanged(
    run: Run, store_path: Path, tmp_path: Path, seed_lines: list[str], bad_line: str, message: str
) -> None:
    assert run("import", str(write_jsonl(tmp_path / "seed.jsonl", seed_lines))).exit_code == 0
    before = count_stored_events(store_path)
    lines = [json.dumps(make_announcement("launch")), "", bad_line, *seed_lines]
    result = run("import", str(write_jsonl(tmp_path / "bad.jsonl", lines)))
    assert result.exit_code == 2
    assert message in result.stderr
    assert count_stored_events(store_path) == before


# -- export and import -------------------------------------------------------------------


def history(tmp_path: Path, seed_lines: list[str]) -> Path:
    """The seed, then corrections and retractions of it, as one interchange file."""
    changes = [
        {"kind": "correction", "id": "xiaomi-yu7-wait-12m", "set": {"max_months": 11},
         "reason": "misread"},
        {"kind": "correction", "id": "xiaomi-yu7-locked-18h", "set": {"count": "250k"},
         "reason": "rounded"},
        {"kind": "correction", "id": "xiaomi-yu7-locked-18h", "set": {"within": None},
         "reason": "not in the source"},
        {"kind": "correction", "id": "xiaomi-su7-wait-8m", "set": {"source.url": "https://e.com/a"},
         "reason": "better source"},
        {"kind": "retraction", "id": "xiaomi-su7-wait-8m", "reason": "duplicate report"},
        {"kind": "retraction", "id": "xiaomi-hiring-statement", "reason": "not a fact"},
    ]  # fmt: skip
    return write_jsonl(tmp_path / "history.jsonl", [*seed_lines, *changes])


def test_export_import_export_is_identical(
    tmp_path: Path, seed_lines: list[str], store_path: Path, run: Run
) -> None:
    assert run("import", str(history(tmp_path, seed_lines))).exit_code == 0
    exported = run("export")
    assert exported.exit_code == 0
    lines = exported.stdout.splitlines()
    assert len(lines) == len(seed_lines) + 6
    # The seed comes back as written (the same JSON values; key order is the store's).
    assert [json.loads(line) for line in lines[: len(seed_lines)]] == [
        json.loads(line) for line in seed_lines
    ]
    assert json.loads(lines[len(seed_lines) + 1])["set"] == {"count": 250000}  # normalised
    copy_path = tmp_path / "copy.sqlite"
    imported = invoke("--store", str(copy_path), "import", "-", "--json", input=exported.stdout)
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.stdout) == {"recorded": len(lines), "already_present": 0}
    again = invoke("--store", str(copy_path), "export")
    assert again.stdout == exported.stdout
    assert count_stored_events(copy_path) == count_stored_events(store_path)


def test_reimporting_an_export_with_corrections_and_retractions_records_nothing(
    tmp_path: Path, seed_lines: list[str], store_path: Path, run: Run
) -> None:
    assert run("import", str(history(tmp_path, seed_lines))).exit_code == 0
    before = count_stored_events(store_path)
    export = tmp_path / "export.jsonl"
    export.write_text(run("export").stdout, encoding="utf-8")
    result = run("import", "--json", str(export))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"recorded": 0, "already_present": before}
    # The original file, with `250k` spelt as given, is also already present.
    result = run("import", "--json", str(history(tmp_path, seed_lines)))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"recorded": 0, "already_present": before}
    assert count_stored_events(store_path) == before


def test_the_same_correction_twice_is_two_corrections_and_reimports_as_present(
    store: Store, stored_events: Callable[[], int]
) -> None:
    fix = {"kind": "correction", "id": "yu7-locked", "set": {"count": 5}, "reason": "r"}
    undo = {"kind": "correction", "id": "yu7-locked", "set": {"count": 240000}, "reason": "r"}
    lines = [orders(), fix, undo, fix]
    assert import_lines(store, numbered(lines)).recorded == 4
    again = import_lines(store, numbered(lines))
    assert (again.recorded, again.already_present) == (0, 4)
    announcement = load(store, "yu7-locked")
    assert announcement is not None
    assert [c.changes for c in announcement.corrections] == [
        {"count": 5},
        {"count": 240000},
        {"count": 5},
    ]
    assert announcement.current["count"] == 5
    assert stored_events() == 4


# -- corrections and retractions -------------------------------------------------------


def test_a_correction_is_a_new_event_and_the_original_stays(
    store: Store, stored_events: Callable[[], int]
) -> None:
    record(store, parse_announcement(orders()))
    correct(store, "yu7-locked", {"count": "250k", "source.url": "https://e.com"}, "misread")
    assert stored_events() == 2
    announcement = load(store, "yu7-locked")
    assert announcement is not None
    assert announcement.original["count"] == 240000
    assert "url" not in announcement.original["source"]
    assert announcement.current["count"] == 250000
    assert announcement.current["source"]["url"] == "https://e.com"
    assert announcement.corrections[0].changes == {"count": 250000, "source.url": "https://e.com"}
    assert announcement.corrections[0].reason == "misread"
    assert announcement.corrections[0].recorded_at >= announcement.recorded_at


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"count": -1}, "count"),
        ({"count": "-5k"}, "count"),
        ({"stage": "maybe"}, "stage"),
        ({"model": None}, "model"),
        ({"anounced_on": "2025-07-02"}, "anounced_on"),
        ({"announced_on": "2025-02-30"}, "announced_on"),
        ({"id": "other"}, "id"),
        ({"kind": "launch"}, "kind"),
        ({"recorded_at": "2025-07-01T00:00:00Z"}, "recorded_at"),
        ({"source.nothing.deeper": "x"}, "source.nothing.deeper"),
    ],
)
def test_a_correction_is_revalidated_and_a_bad_one_writes_nothing(
    store: Store, stored_events: Callable[[], int], changes: dict[str, Any], field: str
) -> None:
    record(store, parse_announcement(orders()))
    with pytest.raises(InputError) as caught:
        correct(store, "yu7-locked", changes, "reason")
    assert caught.value.field == field
    assert stored_events() == 1
    assert load(store, "yu7-locked").corrections == ()  # type: ignore[union-attr]


def test_a_correction_that_changes_nothing_is_refused(
    store: Store, stored_events: Callable[[], int]
) -> None:
    record(store, parse_announcement(orders()))
    with pytest.raises(InvalidCorrection, match="changes nothing"):
        correct(store, "yu7-locked", {"count": "240k"}, "same")
    assert stored_events() == 1


def test_correcting_or_retracting_an_unknown_id_is_an_error(
    store: Store, stored_events: Callable[[], int]
) -> None:
    record(store, parse_announcement(orders()))
    with pytest.raises(UnknownAnnouncement, match="id: no announcement 'yu7-lockd'"):
        correct(store, "yu7-lockd", {"count": 1}, "typo")
    with pytest.raises(UnknownAnnouncement, match="yu7-lockd"):
        retract(store, "yu7-lockd", "typo")
    assert stored_events() == 1


def test_retracting_twice_is_an_error_and_a_retracted_announcement_cannot_be_corrected(
    store: Store, stored_events: Callable[[], int]
) -> None:
    record(store, parse_announcement(orders()))
    retract(store, "yu7-locked", "duplicate")
    assert stored_events() == 2
    announcement = load(store, "yu7-locked")
    assert announcement is not None and announcement.retracted
    assert announcement.retraction_reason == "duplicate"
    with pytest.raises(AlreadyRetracted, match="retracted"):
        retract(store, "yu7-locked", "again")
    with pytest.raises(AlreadyRetracted, match="retracted"):
        correct(store, "yu7-locked", {"count": 1}, "late fix")
    # In a file, a retraction already applied is simply present; a new correction is not.
    result = import_lines(
        store, numbered([{"kind": "retraction", "id": "yu7-locked", "reason": "duplicate"}])
    )
    assert (result.recorded, result.already_present) == (0, 1)
    with pytest.raises(AlreadyRetracted, match="^line 1: "):
        import_lines(
            store,
            numbered([{"kind": "correction", "id": "yu7-locked", "set": {"count": 1},
                       "reason": "late"}]),
        )  # fmt: skip
    assert stored_events() == 2


def test_corrections_apply_to_an_announcement_of_the_same_file(store: Store) -> None:
    lines = [
        orders(),
        {"kind": "correction", "id": "yu7-locked", "set": {"count": "1.2m"}, "reason": "r"},
        {"kind": "retraction", "id": "yu7-locked", "reason": "gone"},
    ]
    assert import_lines(store, numbered(lines)).recorded == 3
    announcement = load(store, "yu7-locked")
    assert announcement is not None
    assert announcement.current["count"] == 1200000 and announcement.retracted


def test_recorded_at_is_one_instant_per_import_and_never_goes_back(store: Store) -> None:
    import_lines(store, numbered([orders(), make_announcement("launch")]))
    import_lines(store, numbered([make_announcement("showcase")]))
    first = load(store, "yu7-locked")
    launch = load(store, with_id(parse_announcement(make_announcement("launch")))["id"])
    assert first is not None and launch is not None
    assert first.recorded_at == launch.recorded_at
    with store.read() as cursor:
        cursor.execute("SELECT recorded_at FROM mxt_chain ORDER BY position")
        stamps = [row[0] for row in cursor.fetchall()]
    assert len(stamps) == 3
    assert stamps == sorted(stamps) and stamps[0] == stamps[1] <= stamps[2]


def test_an_export_taken_while_others_write_can_be_imported(
    store: Store, store_path: Path, tmp_path: Path
) -> None:
    from mxt.projections.questions.export import export_lines

    record(store, parse_announcement(orders()))
    correct(store, "yu7-locked", {"count": 250000}, "misread")
    with Store(store_path) as reader:
        lines = export_lines(reader)
        taken = [next(lines), next(lines)]  # the announcement, then its correction
        assert [json.loads(line)["kind"] for line in taken] == ["orders", "correction"]
        # Meanwhile, another writer records an announcement and corrects it.
        launch = make_announcement("launch", id="yu7-de", market="DE")
        fix = {"kind": "correction", "id": "yu7-de", "set": {"market": "FR"}, "reason": "r"}
        import_lines(store, numbered([launch, fix]))
        taken.extend(lines)
    exported = [json.loads(line) for line in taken]
    announced = {
        line["id"] for line in exported if line["kind"] not in ("correction", "retraction")
    }
    assert all(line["id"] in announced for line in exported), exported
    copy = Store(tmp_path / "copy.sqlite")
    try:
        import_lines(copy, numbered(exported))
    finally:
        copy.close()


def test_corrections_wait_in_the_batch_and_the_log_keeps_the_order_of_the_lines(
    store: Store,
) -> None:
    """Corrections and retractions are appended with the announcements around them (one
    append per batch), yet the log holds every event in the order of its line, and a line
    about an announcement that is still waiting sees it (and its earlier changes) whole."""
    import sqlite3

    from mxt.domain.stored import aggregate_id

    record(store, parse_announcement(orders(id="old")))
    fix = {"kind": "correction", "set": {"count": 7}, "reason": "r"}
    lines = [
        orders(id="a"),
        {**fix, "id": "old"},  # a recorded announcement, while `a` waits
        orders(id="b"),
        {**fix, "id": "a"},  # an announcement that waits
        {**fix, "id": "a", "set": {"count": 8}},  # and its correction, waiting too
        {"kind": "retraction", "id": "old", "reason": "gone"},
        {**fix, "id": "b"},
    ]
    result = import_lines(store, numbered(lines))
    assert (result.recorded, result.already_present) == (len(lines), 0)
    with sqlite3.connect(store.location) as connection:
        log = connection.execute(
            "SELECT originator_id, originator_version, topic FROM stored_events ORDER BY rowid"
        ).fetchall()
    expected = [("old", 1, "Recorded"), ("a", 1, "Recorded"), ("old", 2, "Corrected"),
                ("b", 1, "Recorded"), ("a", 2, "Corrected"), ("a", 3, "Corrected"),
                ("old", 3, "Retracted"), ("b", 2, "Corrected")]  # fmt: skip
    assert log == [
        (aggregate_id(name).hex, version, f"mxt.domain.model:Announcement{topic}")
        for name, version, topic in expected
    ]
    counts = {name: load(store, name) for name in ("old", "a", "b")}
    assert [(a.current["count"], a.retracted) for a in counts.values() if a is not None] == [
        (7, True),
        (8, False),
        (7, False),
    ]
    assert invoke("--store", store.location, "verify").exit_code == 0


def test_a_bad_correction_names_an_earlier_conflict_first(
    store: Store, stored_events: Callable[[], int]
) -> None:
    """A correction waits in the batch; still, when it is bad, an earlier line's conflict
    with the log (found when the batch is appended) is the error named."""
    record(store, parse_announcement(orders()))
    unknown = {"kind": "correction", "id": "nobody", "set": {"count": 1}, "reason": "r"}
    lines = [make_announcement("launch"), orders(count=1), unknown]
    with pytest.raises(ConflictingAnnouncement, match="line 2"):
        import_lines(store, numbered(lines))
    assert stored_events() == 1


@pytest.mark.parametrize("changes", [{"market": 7}, {"market": ["CN"]}, {"markets": [7]}])
def test_a_correction_naming_markets_that_are_no_text_is_bad_input(
    store: Store, changes: dict[str, Any]
) -> None:
    """The markets a correction sets are looked at for regions before the corrected
    announcement is validated: a number there is named (exit 2), never a crash."""
    record(store, parse_announcement(make_announcement("launch", id="l1")))
    line = {"kind": "correction", "id": "l1", "set": changes, "reason": "r"}
    with pytest.raises(InputError, match=f"line 1: {next(iter(changes))}"):
        import_lines(store, numbered([line]))
