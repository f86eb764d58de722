"""The replay in SQL makes exactly the rows of the replay event by event (SQLite).

`mxt rebuild` (and verify's replay) project a verified log's recordings in one SQL statement,
with SQLite's JSON functions and `key`, `subject_of` and `stamp_text` called from SQL
(`Projector.replay_in_sql`); every write, and any log not verified, goes event by event
(`replay_in_python`). Both replay the same store into temporary tables here, and every row of
every read-model table must agree, and agree with the tables the imports wrote: on a
generated stream of every kind with corrections and retractions, on names and slots spelled
oddly (non-ASCII, case, inner spaces), on claims, on timestamps in other spellings, and on
random histories (the property tests' generator).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import examples, import_seed, invoke, make_announcement, run_ok
from hypothesis import HealthCheck, given, settings
from test_properties import SCRATCH, histories, record_all

from mxt.domain.stored import RECORDED_TOPIC
from mxt.projections.opening import open_store
from mxt.projections.readmodel import tables
from mxt.projections.readmodel.projector import Projector, _blocks
from mxt.storage.store import Store

from backends import is_postgres, sql, store_location

ROOT = Path(__file__).resolve().parent.parent


def _odd(kind: str, number: int, **fields: Any) -> dict[str, Any]:
    return make_announcement(kind, id=f"odd-{number}", **fields)


# Names and slots that `key` and `subject_of` must spell as Python does: non-ASCII letters
# whose case folds to more letters (ß, İ), full-width forms, inner runs of spaces, case.
ODD_LINES: list[dict[str, Any]] = [
    _odd("launch", 1, company="Škoda  Auto", model="Enyaq  iV"),
    _odd("launch", 2, company="ŠKODA AUTO", model="ENYAQ IV", market="DE"),
    _odd("deliveries", 3, company="Straße Motors", model=None, metric=None),
    _odd(
        "deliveries",
        4,
        company="STRASSE MOTORS",
        metric="sales",
        markets=["EU", "CN"],
        **{"except": ["DE"]},
    ),  # fmt: skip
    _odd("wait-time", 5, company="İstanbul EV", model="Togg T10X", trim="Uzun  Menzil"),
    _odd("wait-time", 6, company="istanbul ev", model="togg t10x", trim="UZUN MENZIL"),
    _odd("factory", 7, company="Ｘｉａｏｍｉ", site="Beijing  Yizhuang", phase=3),
    _odd("factory", 8, site="BEIJING YIZHUANG", phase=3, status="operational"),
    _odd("target", 9, markets=["*"], metric="deliveries", period="2026-H1"),
    _odd("target", 10, markets=["US", "DE"], **{"except": ["CN"]}, certainty="reported"),
    _odd("orders", 11, stage="pre-booking", certainty="expected", markets=["EU"]),
    _odd("policy", 12, markets=["US", "*"], **{"except": []}),
    _odd("showcase", 13, market=None, model="Über Car"),
    _odd("expected-entry", 14, model="MIX  Flip", market="JP"),
    _odd("statement", 15, topic="Stratégie  Europe", model="Ｓｕ７"),
    _odd("claim", 16, company="xiaomi"),
    {"kind": "correction", "id": "odd-1", "set": {"market": "FR"}, "reason": "misread"},
    {"kind": "correction", "id": "odd-5", "set": {"trim": "Kısa Menzil"}, "reason": "misread"},
    {"kind": "correction", "id": "odd-9", "set": {"certainty": "expected"}, "reason": "fix"},
    {"kind": "correction", "id": "odd-9", "set": {"announced_on": "2016-01-01"}, "reason": "x"},
    {"kind": "retraction", "id": "odd-10", "reason": "withdrawn"},
    {"kind": "retraction", "id": "odd-16", "reason": "withdrawn"},
    # a region of one's own: its definition is a row of mxt_rm_regions, by a bulk import too
    {
        "kind": "region",
        "name": "ODD-EUROPE",
        "markets": ["EU", "GB"],
        "except": ["DE"],
        "reason": "a region of one's own",
    },  # fmt: skip
]


def read_model_rows(cursor: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every read-model table (temporary ones first, as the queries see them)."""
    rows = {}
    for table in tables.NAMES:
        cursor.execute(f"SELECT * FROM {table}")
        rows[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
    return rows


def replayed(store: Store, in_sql: bool) -> dict[str, list[tuple[Any, ...]]]:
    """The read-model rows of a replay of the whole log into temporary tables."""
    projector = Projector(store)
    with store.read() as cursor:
        tables.shadow(cursor)
        try:
            replay = projector.replay_in_sql if in_sql else projector.replay_in_python
            position = replay(cursor)
            assert position == projector._max_id(cursor)
            return read_model_rows(cursor)
        finally:
            tables.drop_shadow(cursor, False)


def stored(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    with store.read() as cursor:
        return read_model_rows(cursor)


def test_sql_replay_makes_the_rows_of_the_python_replay(tmp_path: Path) -> None:
    stream = tmp_path / "stream.jsonl"
    made = subprocess.run(
        [sys.executable, "-m", "bench.generate", "--size", "3000", "--out", str(stream),
         "--validate", "0", "--seed", "7"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    odd = tmp_path / "odd.jsonl"
    odd.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in ODD_LINES))
    location = tmp_path / "store.sqlite"
    run_ok(location, "import", str(stream))
    run_ok(location, "import", str(odd))
    store = open_store(location, "read")
    try:
        imported = stored(store)
        in_sql = replayed(store, in_sql=True)
        assert in_sql == replayed(store, in_sql=False)
        assert in_sql == imported  # what the imports wrote, event by event
        kinds = {row[2] for row in in_sql["mxt_rm_versions"]}
        assert {"claim", "policy", "statement", "showcase", "factory"} <= kinds
        events = {row[14] for row in in_sql["mxt_rm_versions"]}
        assert events == {"recorded", "corrected", "retracted"}
        assert ("strasse motors", "") in {row[:2] for row in in_sql["mxt_rm_entities"]}
    finally:
        store.close()
    assert run_ok(location, "rebuild") == "rebuilt from 3023 events\n"
    assert "ok: 3023 events" in run_ok(location, "verify")  # verify's replay agrees too
    store = open_store(location, "read")
    try:
        assert stored(store) == imported
    finally:
        store.close()


def test_sql_replay_reads_timestamps_in_other_spellings(tmp_path: Path) -> None:
    """A timestamp without microseconds or with an offset (older events) goes through
    `stamp_text` from SQL, as it does in Python."""
    location = tmp_path / "store.sqlite"
    odd = tmp_path / "odd.jsonl"
    odd.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in ODD_LINES))
    run_ok(location, "import", str(odd))
    store = open_store(location, "read")
    try:
        with store.write() as transaction:
            for rowid, stamp in ((1, "2025-01-02T03:04:05Z"), (2, "2025-01-02T04:04:05.5+01:00"),
                                 (17, "2025-01-03T00:00:00Z")):  # fmt: skip
                transaction.cursor.execute(
                    "UPDATE stored_events SET state=CAST(json_set(CAST(state AS TEXT), "
                    "'$.timestamp', ?) AS BLOB) WHERE rowid=?",
                    (stamp, rowid),
                )
        in_sql = replayed(store, in_sql=True)
        assert in_sql == replayed(store, in_sql=False)
        recorded_at = {row[0]: row[9] for row in in_sql["mxt_rm_versions"]}
        assert (recorded_at[1], recorded_at[2]) == (
            "2025-01-02T03:04:05.000000Z",
            "2025-01-02T03:04:05.500000Z",
        )
    finally:
        store.close()


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(transactions=histories())
def test_sql_replay_agrees_on_random_histories(transactions: list[list[dict[str, Any]]]) -> None:
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = open_store(str(Path(folder) / "s.sqlite"), "create")
        try:
            record_all(store, transactions)
            in_sql = replayed(store, in_sql=True)
            assert in_sql == replayed(store, in_sql=False) == stored(store)
        finally:
            store.close()


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(transactions=histories())
def test_bulk_imports_make_the_rows_of_the_replay_event_by_event(
    transactions: list[list[dict[str, Any]]],
) -> None:
    """A file import defers the read model to its end (`Projector.settle`: its recordings'
    rows in SQL, then its corrections and retractions, then the groups); the rows it leaves
    are those of a replay event by event, into an empty store (lookup indexes built at the
    end) and into one already holding rows (indexes kept)."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = open_store(str(Path(folder) / "s.sqlite"), "create")
        try:
            record_all(store, transactions, bulk=True)
            assert stored(store) == replayed(store, in_sql=False)
            with store.read() as cursor:
                cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'mxt_rm_%'")
                indexes = {row[0] for row in cursor.fetchall()}
            assert {"mxt_rm_group", "mxt_rm_entity"} <= indexes
        finally:
            store.close()


def test_dropping_the_read_model_leaves_the_connections_settings_as_they_were(
    tmp_path: Path,
) -> None:
    """`tables.make` frees the old tables' pages in `FAST` mode (no page written only to be
    zeroed) and with a small page cache, then puts the pooled connection's own settings
    back, whichever they were."""
    location = tmp_path / "store.sqlite"
    lines = tmp_path / "odd.jsonl"
    lines.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in ODD_LINES))
    run_ok(location, "import", str(lines))
    store = Store(location, create=False)
    try:
        for setting, reads, cache in (("ON", 1, -65536), ("OFF", 0, 500), ("FAST", 2, -3000)):
            with store.write() as transaction:
                cursor = transaction.cursor
                cursor.execute(f"PRAGMA secure_delete={setting}")
                cursor.execute(f"PRAGMA cache_size={cache}")
                tables.make(cursor, is_postgres=False)
                cursor.execute("PRAGMA secure_delete")
                assert cursor.fetchone()[0] == reads
                cursor.execute("PRAGMA cache_size")
                assert cursor.fetchone()[0] == cache
                cursor.execute("SELECT COUNT(*) FROM mxt_rm_versions")
                assert cursor.fetchone()[0] == 0  # made anew, empty
    finally:
        store.close()


def test_the_decoder_turns_to_pydantic_core_after_its_first_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process decodes its first `FAST_AFTER` values with `json.loads`, the rest with
    pydantic_core's `from_json`: the same values either way, damage refused either way."""
    from mxt.cli.demo import seed_path

    location = tmp_path / "s.sqlite"
    assert invoke("--store", str(location), "import", str(seed_path())).exit_code == 0
    with Store(location, create=False) as store, store.read() as cursor:
        cursor.execute("SELECT state FROM stored_events ORDER BY rowid")
        states = [bytes(state) for (state,) in cursor.fetchall()]
    monkeypatch.setattr(tables, "FAST_AFTER", 3)
    monkeypatch.delitem(sys.modules, "pydantic_core", raising=False)  # as in a read command
    decode = tables.Decoder()
    with pytest.raises(ValueError):  # by json.loads
        decode(b"\x00\xff{not json")
    for number, state in enumerate(states, start=1):
        assert decode(state) == json.loads(state)
        assert (decode.fast is None) == (number < 3)
    with pytest.raises(ValueError):  # by from_json
        decode(b"\x00\xff{not json")


@pytest.mark.parametrize("force", [False, True])
def test_a_rebuild_leaves_every_index_of_the_read_model(store_location: str, force: bool) -> None:
    """A replay builds the read model's indexes once its rows are in (the recordings' index
    before the corrections' and retractions' rows, the lookups at the end): after a rebuild
    in SQL (SQLite), event by event (`--force`, and every PostgreSQL one), each is there, and
    the rows are those the imports wrote."""
    import_seed(store_location)
    store = open_store(store_location, "read")
    try:
        imported = stored(store)
    finally:
        store.close()
    run_ok(store_location, "rebuild", *(["--force"] if force else []))
    listing = (
        "SELECT indexname FROM pg_indexes WHERE tablename IN ('mxt_rm_versions', 'mxt_rm_groups')"
        if is_postgres(store_location)
        else "SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
        "AND tbl_name IN ('mxt_rm_versions', 'mxt_rm_groups')"
    )
    names = {name for (name,) in sql(store_location, listing)}
    assert {"mxt_rm_recording", "mxt_rm_group", "mxt_rm_entity", "mxt_rm_group_subject"} <= names
    store = open_store(store_location, "read")
    try:
        assert stored(store) == imported
    finally:
        store.close()


# -- a rebuild's two processes: each makes the rows of its share of every block ---------------


@pytest.mark.parametrize("last", [1, 2, 3, 7, 23, 3023, 10_000, 123_456])
def test_the_blocks_of_a_rebuild_cover_the_log_once_in_order(last: int) -> None:
    """Every notification id up to `last` falls in one share of one block, in log order, and
    both processes make some rows of a log of two events or more."""
    blocks = _blocks(last)
    ids: list[int] = []
    writer, other = set(), set()
    for after, split, end in blocks:
        assert after < split <= end
        writer |= set(range(after + 1, split + 1))
        other |= set(range(split + 1, end + 1))
        ids += range(after + 1, end + 1)
    assert ids == list(range(1, last + 1))
    assert not writer & other and bool(other) == (last >= 2)


def _shares(location: str) -> dict[str, int]:
    """A recording whose row a rebuild makes in the writing process, and one whose row the
    other process makes (`_blocks`)."""
    [(last,)] = sql(location, "SELECT MAX(rowid) FROM stored_events")
    after, split, end = _blocks(last)[1]
    recordings = [
        rowid
        for (rowid,) in sql(location, "SELECT rowid FROM stored_events WHERE topic=? AND rowid>? "
                            "AND rowid<=? ORDER BY rowid", RECORDED_TOPIC, after, end)
    ]  # fmt: skip
    return {
        "writer": next(rowid for rowid in recordings if rowid <= split),
        "other": next(rowid for rowid in recordings if rowid > split),
    }


def _seeded_copy(tmp_path: Path) -> str:
    location = tmp_path / "s.sqlite"
    import_seed(location)
    odd = tmp_path / "odd.jsonl"
    odd.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in ODD_LINES))
    run_ok(location, "import", str(odd))
    return str(location)


@pytest.mark.parametrize("share", ["writer", "other"])
@pytest.mark.parametrize("damage", ["edited", "not json"])
def test_a_rebuild_refuses_a_log_damaged_in_either_share(
    tmp_path: Path, share: str, damage: str
) -> None:
    """An event edited behind mxt's back, or made unreadable, whichever process makes its
    row: the rebuild is refused in one line (verify's words) and the read model is left as
    it was."""
    location = _seeded_copy(tmp_path)
    rowid = _shares(location)[share]
    store = open_store(location, "read")
    try:
        before = stored(store)
    finally:
        store.close()
    [(state,)] = sql(location, "SELECT state FROM stored_events WHERE rowid=?", rowid)
    forged = bytes(state).replace(b'"announced_on":"20', b'"announced_on":"19')
    assert forged != bytes(state)
    sql(location, "UPDATE stored_events SET state=? WHERE rowid=?",
        forged if damage == "edited" else b"\x00\xff{not json", rowid)  # fmt: skip
    refused = invoke("--store", location, "rebuild")
    assert refused.exit_code == 1, refused.output
    assert f"event #{rowid}" in refused.stderr and "unless --force" in refused.stderr
    store = open_store(location, "read")
    try:
        assert stored(store) == before
    finally:
        store.close()


@pytest.mark.parametrize("share", ["writer", "other"])
def test_verify_finds_a_rebuilt_row_changed_in_either_share(tmp_path: Path, share: str) -> None:
    """Every row a rebuild writes carries its seal, whichever process made it: a row changed
    after the rebuild is named by verify, and the rebuild puts it right."""
    location = _seeded_copy(tmp_path)
    rowid = _shares(location)[share]
    run_ok(location, "rebuild")
    assert "ok:" in run_ok(location, "verify")
    sql(location, "UPDATE mxt_rm_versions SET announced_on='1999-01-01' WHERE notification_id=?",
        rowid)  # fmt: skip
    found = invoke("--store", location, "verify")
    assert found.exit_code == 1 and "read model:" in found.stderr
    run_ok(location, "rebuild")
    assert "ok:" in run_ok(location, "verify")
