"""Property tests: the indexed read model answers exactly as the reference fold.

Random announcement sets (every kind that folds into state, and statements), with
corrections (dotted ones such as `source.url` included) and retractions, are recorded in
several transactions; then for random `as_of` and `known_at` every state query, the log and
`show` of every announcement are compared with `tests/reference.py`, a plain replay of the
whole log.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mxt.domain.recording import import_lines
from mxt.domain.store import Store
from mxt.events.announcements import parse_line
from mxt.projections.diff import diff
from mxt.projections.opening import open_store
from mxt.projections.projector import Projector
from mxt.projections.queries import ReadSide
from mxt.projections.state import Query

import reference
from backends import NO_SERVER, SERVER, postgres_database

EVERYTHING = "9999-12-31T23:59:59.999999Z"
EXAMPLES = int(os.environ.get("MXT_PROPERTY_EXAMPLES", "300"))
START = date(2025, 1, 1)
COMPANIES = ["Acme", "ACME", "Bolt"]  # "Acme" and "ACME" are one company
MODELS = ["M1", "m1", "M2"]
MARKETS = ["CN", "DE", "FR", "EU", "US"]
SOURCE = {"title": "a source"}
SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else None

days = st.integers(min_value=0, max_value=40).map(lambda n: (START + timedelta(n)).isoformat())
counts = st.integers(min_value=0, max_value=500)


certainties = st.sampled_from([None, "confirmed", "reported", "expected"])
bounds = st.sampled_from([None, "exact", "at-least", "at-most", "about", "range"])
scopes = {"markets": st.sampled_from([None, ["*"], ["EU"], ["DE", "US"]]),
          "except": st.sampled_from([None, ["CN"], ["DE"]])}  # fmt: skip
COUNT_FIELD = {"orders": "count", "target": "value", "deliveries": "units"}


def with_high(data: dict[str, Any], widths: list[int]) -> dict[str, Any]:
    """A range gets its top (the count plus a width); other bounds none."""
    if data.get("bound") == "range":
        data["high"] = data[COUNT_FIELD[data["kind"]]] + widths[0]
    if data.get("previous_high") is not None and data.get("previous") is not None:
        data["previous_high"] = data["previous"] + widths[1]
    else:
        data.pop("previous_high", None)
    return data


def announcement(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    common = {
        "company": st.sampled_from(COMPANIES),
        "announced_on": days,
        "source": st.just(SOURCE),
        "certainty": certainties,
    }
    counted = {"bound": bounds, **scopes} if kind in COUNT_FIELD else {}
    own: dict[str, st.SearchStrategy[Any]] = {
        "launch": {"model": st.sampled_from(MODELS), "market": st.sampled_from(MARKETS),
                   "launched_on": st.one_of(st.none(), days)},
        "orders": {"model": st.sampled_from(MODELS),
                   "stage": st.sampled_from(["pre-booking", "locked", "confirmed"]),
                   "count": counts},
        "wait-time": {"model": st.sampled_from(MODELS), "trim": st.sampled_from([None, "Max"]),
                      "max_months": st.integers(1, 12)},
        "target": {"metric": st.sampled_from(["production", "deliveries"]),
                   "period": st.sampled_from(["2025", "2025-Q3", "2025-H2"]), "value": counts,
                   "previous": st.one_of(st.none(), counts),
                   "previous_high": st.sampled_from([None, 1])},
        "deliveries": {"period": st.sampled_from(["2025-01", "2025-02", "2025-Q1", "2025-H1",
                                                  "2025"]),
                       "units": counts, "model": st.sampled_from([None, "M1", "M2"]),
                       "metric": st.sampled_from([None, "deliveries", "sales"])},
        "factory": {"site": st.just("Plant"), "phase": st.integers(1, 2),
                    "status": st.sampled_from(["land-acquired", "completed", "operational"]),
                    "effective_on": st.one_of(st.none(), days)},
        "policy": {"markets": st.sampled_from([["*"], ["EU"], ["DE", "US"]]),
                   "except": st.sampled_from([[], ["CN"], ["DE"]]), "not_before": days},
        "expected-entry": {"market": st.sampled_from(MARKETS),
                           "model": st.sampled_from([None, "M1", "M2"]),
                           "expected": st.sampled_from(["2026", "2025-03", "2025-01-20"])},
        "showcase": {"model": st.sampled_from(MODELS),
                     "market": st.sampled_from([None, *MARKETS]), "venue": st.just("Expo")},
        "statement": {"topic": st.sampled_from(["hiring", "strategy"]),
                      "text": st.sampled_from(["Europe first", "More plants"])},
    }[kind]  # fmt: skip
    widths = st.lists(st.integers(0, 300), min_size=2, max_size=2)
    return st.tuples(
        st.fixed_dictionaries({"kind": st.just(kind), **common, **own, **counted}), widths
    ).map(lambda drawn: with_high({k: v for k, v in drawn[0].items() if v is not None}, drawn[1]))


any_announcement = st.sampled_from(
    ["launch", "orders", "wait-time", "target", "deliveries", "factory", "policy",
     "expected-entry", "showcase", "statement"]
).flatmap(announcement)  # fmt: skip

# A change a correction may make, by kind (all valid for the kind's schema); any kind's may
# also be a dotted one, to one field of the source (`with_source_changes`).
CHANGES: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "launch": st.one_of(
        st.fixed_dictionaries({"market": st.sampled_from(MARKETS)}),
        st.fixed_dictionaries({"certainty": st.sampled_from(["confirmed", "reported"])}),
    ),
    "orders": st.fixed_dictionaries({"count": counts, "bound": st.none(), "high": st.none()}),
    "wait-time": st.fixed_dictionaries({"max_months": st.integers(1, 12)}),
    "target": st.one_of(
        st.fixed_dictionaries({"value": counts, "bound": st.none(), "high": st.none()}),
        st.fixed_dictionaries({"certainty": st.sampled_from(["confirmed", "reported"])}),
    ),
    "deliveries": st.fixed_dictionaries(
        {"units": counts, "bound": st.sampled_from([None, "at-least"]), "high": st.none()}
    ),
    "factory": st.fixed_dictionaries({"status": st.sampled_from(["completed", "operational"])}),
    "policy": st.fixed_dictionaries({"not_before": days}),
    "expected-entry": st.fixed_dictionaries({"expected": st.sampled_from(["2027", "2028"])}),
    "showcase": st.fixed_dictionaries({"venue": st.just("Fair")}),
    "statement": st.fixed_dictionaries({"text": st.just("Asia first")}),
}
SOURCE_CHANGES = st.one_of(
    st.fixed_dictionaries(
        {"source.url": st.sampled_from(["https://a.example/1", "https://b.example/2"])}
    ),
    st.fixed_dictionaries({"source.quote": st.just("as quoted")}),
)
CHANGES = {kind: st.one_of(change, SOURCE_CHANGES) for kind, change in CHANGES.items()}


def same_slot(item: dict[str, Any], certainty: str | None, day: str, value: int) -> dict[str, Any]:
    """Another announcement for the slot of `item`, saying something else."""
    other = {**item, "announced_on": day}
    other.pop("certainty", None)
    if certainty:
        other["certainty"] = certainty
    name = COUNT_FIELD.get(item["kind"])
    if name:
        other[name] = value
        if other.get("bound") == "range":
            other["high"] = value + 50
    elif item["kind"] == "launch":
        other["launched_on"] = day if value % 2 else (START + timedelta(value % 60)).isoformat()
    elif item["kind"] == "wait-time":
        other["max_months"] = value % 12 + 1
    elif item["kind"] == "expected-entry":
        other["expected"] = "2027"
    return other


@st.composite
def histories(draw: st.DrawFn, *, date_changes: bool = True) -> list[list[dict[str, Any]]]:
    """Transactions of interchange lines: announcements, then corrections and retractions."""
    made = draw(st.lists(any_announcement, min_size=1, max_size=12))
    # Other words on the same slots: another certainty, date and value (rank, unconfirmed,
    # launches that must not move, conflicts).
    for index, certainty, day, value in draw(
        st.lists(st.tuples(st.integers(0, 11), certainties, days, counts), max_size=6)
    ):
        made.append(same_slot(made[index % len(made)], certainty, day, value))
    for number, item in enumerate(made):
        item["id"] = f"a{number}"
    transactions: list[list[dict[str, Any]]] = [[] for _ in range(draw(st.integers(1, 4)))]
    placed: dict[str, int] = {}
    for item in made:
        slot = draw(st.integers(0, len(transactions) - 1))
        transactions[slot].append(item)
        placed[item["id"]] = slot
    retracted: set[str] = set()
    for _ in range(draw(st.integers(0, 6))):
        item = draw(st.sampled_from(made))
        slot = draw(st.integers(placed[item["id"]], len(transactions) - 1))
        if item["id"] in retracted:
            continue
        if draw(st.integers(0, 3)) == 0:
            line = {"kind": "retraction", "id": item["id"], "reason": "withdrawn"}
            retracted.add(item["id"])
            # Later lines for it must not follow in this or earlier slots: keep it last.
            slot = len(transactions) - 1
        else:
            change = draw(CHANGES[item["kind"]])
            if date_changes and draw(st.booleans()):
                change = {"announced_on": draw(days)}
            line = {"kind": "correction", "id": item["id"], "set": change, "reason": "fix"}
        transactions[slot].append(line)
    # A retraction ends its announcement's history: drop corrections placed after it.
    for transaction in transactions:
        transaction.sort(key=lambda line: line["kind"] == "retraction")
    return transactions


def record_all(store: Store, transactions: list[list[dict[str, Any]]]) -> list[str]:
    """Records each transaction; returns the recorded_at of each (for known_at choices)."""
    stamps = []
    done: set[str] = set()
    for transaction in transactions:
        lines = []
        for line in transaction:
            if line["kind"] == "retraction":
                if line["id"] in done:
                    continue
                done.add(line["id"])
            elif line["kind"] == "correction" and line["id"] in done:
                continue
            lines.append(line)
        import_lines(store, [(None, parse_line(json.loads(json.dumps(line)))) for line in lines])
        with store.read() as cursor:
            cursor.execute("SELECT MAX(recorded_at) FROM mxt_chain")
            stamps.append(cursor.fetchone()[0])
    return stamps


def open_new(folder: str, name: str = "s.sqlite") -> Store:
    """A new store in `folder`, its read model subscribed (updated as each write commits)."""
    return open_store(str(Path(folder) / name), "create")


def queries(stamps: list[str], data: st.DataObject) -> list[Query]:
    known = sorted({s for s in stamps if s}) + [
        "9999-12-31T23:59:59.999999Z",
        "2000-01-01T00:00:00.000000Z",
    ]
    return [Query(data.draw(days), data.draw(st.sampled_from(known))) for _ in range(3)]


def compare_everything(store: Store, read_side: ReadSide, query: Query) -> None:
    for company, model in itertools.product(["acme", "Bolt", "Nobody"], ["M1", "M2"]):
        assert read_side.model(company, model, query).data == reference.model(
            store, company, model, query
        )
    for company in ["Acme", "bolt", "Nobody"]:
        assert read_side.company(company, query).data == reference.company(store, company, query)
    for market in MARKETS + ["ES"]:
        assert read_side.market(market, query).data == reference.market(store, market, query)
    assert read_side.market("DE", query, every=True).data == reference.market(
        store, "DE", query, every=True
    )
    assert read_side.audit_targets(query).data == reference.audit(store, query)
    assert list(read_side.log(query)) == reference.log(store, query)
    for item in reference.replay(store, EVERYTHING):
        compare_show(store, read_side, item.id, query)


def compare_status_changes(store: Store, read_side: ReadSide, before: Query, after: Query) -> None:
    """`diff`'s market-status changes are those of the reference's two `state market`s, in
    every market the announcements name."""
    changes = [c for c in diff(read_side, before, after).data if c["area"] == "market-status"]
    found = {
        (reference.fold(c["company"]), reference.fold(c["model"]), c["market"], c["from"], c["to"])
        for c in changes
    }
    assert len(found) == len(changes)
    markets = reference.named_markets(store, after)  # the markets a diff looks at
    assert found == reference.status_changes(store, before, after, markets)


def compare_show(store: Store, read_side: ReadSide, announcement_id: str, query: Query) -> None:
    """`show` as the reference says, but for `supports` (the state values it is the source
    of, which the state comparisons above cover): empty for a retracted announcement."""
    expected = reference.show(store, announcement_id, query)
    answer = read_side.show(announcement_id, query)
    if expected is None:
        assert not answer.known
        return
    shown = dict(answer.data)
    supports = shown.pop("supports")
    assert shown == expected
    if expected["status"] == "retracted":
        assert supports == []


def record_and_compare(
    location: str, transactions: list[list[dict[str, Any]]], data: st.DataObject
) -> None:
    """Records the transactions into a new store, then asks it random questions."""
    store = open_store(location, "create")
    stamps = record_all(store, transactions)
    read_side = ReadSide(store)
    for query in queries(stamps, data):
        compare_everything(store, read_side, query)
        earlier = data.draw(days)
        if earlier <= query.as_of:
            compare_status_changes(store, read_side, Query(earlier, query.known_at), query)
    store.close()


settings.register_profile(
    "mxt", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("mxt")


@settings(max_examples=EXAMPLES)
@given(histories(), st.data())
def test_read_model_answers_as_the_reference_fold(
    transactions: list[list[dict[str, Any]]], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        record_and_compare(str(Path(folder) / "s.sqlite"), transactions, data)


@pytest.mark.skipif(not SERVER, reason=NO_SERVER)
@settings(max_examples=EXAMPLES // 5)
@given(histories(), st.data())
def test_postgres_read_model_answers_as_the_reference_fold(
    transactions: list[list[dict[str, Any]]], data: st.DataObject
) -> None:
    """The same property on PostgreSQL (fewer examples: each one is a new database)."""
    with postgres_database() as url:
        record_and_compare(url, transactions, data)


@settings(max_examples=EXAMPLES)
@given(histories(), st.data())
def test_catch_up_and_rebuild_equal_the_inline_read_model(
    transactions: list[list[dict[str, Any]]], data: st.DataObject
) -> None:
    """Rows written inline, replayed by a read of a store whose read model is behind its log
    (writing nothing), caught up from the log by the next write, or rebuilt: the same
    answers."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        inline = open_new(folder, "inline.sqlite")
        stamps = record_all(inline, transactions)
        late_path = str(Path(folder) / "late.sqlite")
        open_store(late_path, "create").close()  # read-model tables made, while the log is empty
        late = Store(late_path)  # then the log written with no projector subscribed
        from mxt.domain.copying import copy_log

        copy_log(inline, late)
        late.close()
        inline_read_side = ReadSide(inline)
        for opened in ("read", "write"):
            late = open_store(late_path, opened)
            if opened == "write":  # the projector catches up before a write's own events
                with late.write() as transaction:
                    late.processors[0](transaction.cursor, [])
            late_read_side = ReadSide(late)
            assert late_read_side.replayed == (
                "its read model is behind its log" if opened == "read" else None
            )
            for query in queries(stamps, data):
                for side in (late_read_side, inline_read_side):
                    answers = [
                        side.company("acme", query).data,
                        side.market("DE", query).data,
                        side.audit_targets(query).data,
                    ]
                    if side is late_read_side:
                        late_answers = answers
                assert late_answers == answers
            late_read_side.close()
        Projector(inline).rebuild()
        for query in queries(stamps, data):
            compare_everything(inline, inline_read_side, query)
        inline.close()


def without_times(audit: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An audit without its transaction times, which depend on when things were recorded."""
    return [
        {
            **{k: v for k, v in revision.items() if k != "recorded_at"},
            "corrections": [
                {k: v for k, v in c.items() if k != "recorded_at"} for c in revision["corrections"]
            ],
        }
        for revision in audit
    ]


@settings(max_examples=EXAMPLES)
@given(histories(date_changes=False), st.randoms(use_true_random=False), st.data())
def test_recording_order_never_changes_an_answer(
    transactions: list[list[dict[str, Any]]], shuffle: Any, data: st.DataObject
) -> None:
    """Announcements on distinct days, recorded in another order: the same state today."""
    lines = [line for transaction in transactions for line in transaction]
    announcements = [line for line in lines if line["kind"] not in ("correction", "retraction")]
    # Distinct days, so that no same-day tie is decided by recording order.
    for offset, item in enumerate(sorted(announcements, key=lambda a: a["id"])):
        item["announced_on"] = (START + timedelta(offset)).isoformat()
    fixes = [line for line in lines if line["kind"] in ("correction", "retraction")]
    shuffled = list(announcements)
    shuffle.shuffle(shuffled)
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        first = open_new(folder, "first.sqlite")
        second = open_new(folder, "second.sqlite")
        record_all(first, [announcements, fixes])
        half = len(shuffled) // 2
        record_all(second, [shuffled[half:], shuffled[:half], fixes])
        a, b = ReadSide(first), ReadSide(second)
        for _ in range(3):
            query = Query(data.draw(days), "9999-12-31T23:59:59.999999Z")
            for company in ["acme", "bolt"]:
                left, right = a.company(company, query).data, b.company(company, query).data
                assert left == right
                for model in ["M1", "M2"]:
                    assert (
                        a.model(company, model, query).data == b.model(company, model, query).data
                    )
            for market in MARKETS:
                assert a.market(market, query).data == b.market(market, query).data
            assert without_times(a.audit_targets(query).data) == without_times(
                b.audit_targets(query).data
            )
        first.close()
        second.close()
