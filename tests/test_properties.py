"""Property tests: the indexed read model answers exactly as the reference fold.

Random announcement sets (every kind: those that fold into state, statements and claims of
every type), with corrections (dotted ones such as `source.url` and `claim.at_least`
included) and retractions, are recorded in several transactions; then for random `as_of`
and `known_at` every state query, the claims' verdicts, the log and `show` of every
announcement are compared with `tests/reference.py`, a plain replay of the whole log. The
same comparison runs on streams of `bench.generate` (claims included).

`mxt progress` and `mxt conflicts` are compared on the same histories and the generated
streams, and each on histories of its own: targets with figures to be measured against
(`measured_together`), slots contested by several certainties and bounds (`contested_echoes`).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import tempfile
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import LONG, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mxt.domain.recording import import_lines
from mxt.events.announcements import parse_line
from mxt.projections.opening import open_store
from mxt.projections.questions.checking import company_claims, progress_answer
from mxt.projections.questions.comparing import conflicts, diff
from mxt.projections.questions.read_side import ReadSide
from mxt.projections.questions.showing import show
from mxt.projections.readmodel.projector import Projector
from mxt.projections.rules.records import to_json
from mxt.projections.rules.state import Query
from mxt.storage.store import Store

import reference
from backends import NO_SERVER, SERVER, postgres_database

EVERYTHING = "9999-12-31T23:59:59.999999Z"
EXAMPLES = int(os.environ.get("MXT_PROPERTY_EXAMPLES") or examples(300))
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


MONTHS = ["2025-01", "2025-02", "2025-03"]
FIGURE_PERIODS = ["2025-01", "2025-02", "2025-03", "2025-Q1", "2025-H1", "2025"]
TARGET_PERIODS = ["2025", "2025-Q3", "2025-H2"]
METRICS = st.sampled_from(["deliveries", "sales", "production"])
ABOUT = {"model": st.sampled_from(MODELS)}  # a claim's optional model
CLAIM_FORMS = {
    "streak": st.fixed_dictionaries(
        {"type": st.just("streak"), "metric": METRICS, "at_least": counts,
         "months": st.integers(1, 3), "ending": st.sampled_from(MONTHS)},
        optional={**ABOUT, "exact": st.booleans()},
    ),
    "total": st.fixed_dictionaries(
        {"type": st.just("total"), "metric": METRICS,
         "period": st.sampled_from([*FIGURE_PERIODS, "2025-Q2"]),
         "op": st.sampled_from([">=", "<=", "="]), "value": counts},
        optional=ABOUT,
    ),
    "target": st.fixed_dictionaries(
        {"type": st.just("target"), "metric": METRICS,
         "period": st.sampled_from([*TARGET_PERIODS, "2024"]), "value": counts}
    ),
    "launched": st.fixed_dictionaries(
        {"type": st.just("launched"), "model": st.sampled_from(MODELS),
         "market": st.sampled_from([*MARKETS, "ES"]), "on_or_before": days}
    ),
}  # fmt: skip
CLAIMS = st.one_of(*CLAIM_FORMS.values())


# Dates said as a period (SPEC §5.2): ended before the stories begin, during them, after.
PLAN_PERIODS = st.sampled_from(["2024-12", "2025-01", "2025-02", "2025-Q1", "2025-H1", "2025",
                                "2025-Q3", "2024-H2"])  # fmt: skip
# A launch's status and date: a launch that happened began by its announcement (every day
# drawn is in 2025-01-01..2025-02-10, a correction's too: those periods began before it).
LAUNCH_STATUSES = {
    "status": st.sampled_from([None, None, "planned", "paused", "cancelled"]),
    "launched_on": st.one_of(st.none(), days, PLAN_PERIODS),
}


def launch_status(data: dict[str, Any], launched: bool) -> dict[str, Any]:
    """A launch, now and then stated `launched` (dated by a period that began before it)."""
    if launched and data["kind"] == "launch" and data.get("status") is None:
        data["status"] = "launched"
        data["launched_on"] = data.get("launched_on") if data.get("launched_on") in (
            "2024-12", "2025-01", "2024-H2") else None  # fmt: skip
        if data["launched_on"] is None:
            data.pop("launched_on")
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
                   **LAUNCH_STATUSES},
        "orders": {"model": st.sampled_from(MODELS),
                   "stage": st.sampled_from(["pre-booking", "locked", "confirmed"]),
                   "count": counts},
        "wait-time": {"model": st.sampled_from(MODELS), "trim": st.sampled_from([None, "Max"]),
                      "max_months": st.integers(1, 12)},
        "target": {"metric": st.sampled_from(["production", "deliveries"]),
                   "period": st.sampled_from(TARGET_PERIODS), "value": counts,
                   "previous": st.one_of(st.none(), counts),
                   "previous_high": st.sampled_from([None, 1])},
        "deliveries": {"period": st.sampled_from(FIGURE_PERIODS), "units": counts,
                       "model": st.sampled_from([None, "M1", "M2"]),
                       "metric": st.sampled_from([None, "deliveries", "sales"])},
        "factory": {"site": st.just("Plant"), "phase": st.integers(1, 2),
                    "status": st.sampled_from(["land-acquired", "under-construction",
                                               "completed", "operational", "paused",
                                               "cancelled", "closed"]),
                    "effective_on": st.one_of(st.none(), days, PLAN_PERIODS),
                    "market": st.sampled_from([None, "DE", "US"])},
        "policy": {"markets": st.sampled_from([["*"], ["EU"], ["DE", "US"]]),
                   "except": st.sampled_from([[], ["CN"], ["DE"]]), "not_before": days},
        "expected-entry": {"market": st.sampled_from(MARKETS),
                           "model": st.sampled_from([None, "M1", "M2"]),
                           "expected": st.one_of(
                               st.sampled_from(["2026", "2025-03", "2025-01-20"]),
                               PLAN_PERIODS)},
        "exit": {"markets": st.sampled_from([["US"], ["EU"], ["*"], ["DE", "FR"]]),
                 "except": st.sampled_from([None, ["DE"], ["CN"]]),
                 "model": st.sampled_from([None, "M1", "M2"]),
                 "effective_on": st.one_of(st.none(), days, PLAN_PERIODS),
                 "temporary": st.sampled_from([None, True, False])},
        "showcase": {"model": st.sampled_from(MODELS),
                     "market": st.sampled_from([None, *MARKETS]), "venue": st.just("Expo")},
        "statement": {"topic": st.sampled_from(["hiring", "strategy"]),
                      "text": st.sampled_from(["Europe first", "More plants"])},
        "claim": {"claim": CLAIMS},
    }[kind]  # fmt: skip
    widths = st.lists(st.integers(0, 300), min_size=2, max_size=2)
    return st.tuples(
        st.fixed_dictionaries({"kind": st.just(kind), **common, **own, **counted}), widths,
        st.booleans(),
    ).map(lambda drawn: launch_status(
        with_high({k: v for k, v in drawn[0].items() if v is not None}, drawn[1]), drawn[2]
    ))  # fmt: skip


any_announcement = st.sampled_from(
    ["launch", "orders", "wait-time", "target", "deliveries", "factory", "policy",
     "expected-entry", "showcase", "statement", "claim", "launch", "exit"]
).flatmap(announcement)  # fmt: skip


def worldwide(data: dict[str, Any]) -> dict[str, Any]:
    """`data` without a scope: the figures and targets claims are checked against."""
    return {k: v for k, v in data.items() if k not in ("markets", "except")}


def ranged(data: dict[str, Any]) -> dict[str, Any]:
    """`data`, a target, as a range (guidance such as 38,500–39,500)."""
    return {**data, "bound": "range", "high": data["value"] + 50}


# What claims are checked against, worldwide, and claims (`claim_about` adds more).
evidence_announcement = st.one_of(
    st.sampled_from(["deliveries", "deliveries", "target", "launch", "claim"]).flatmap(
        lambda kind: announcement(kind).map(worldwide)
    ),
    announcement("target").map(worldwide).map(ranged),
)

# What progress counts: targets and figures that meet. A few scopes, each spelled more than
# one way (worldwide absent or `["*"]`; overseas `except: [CN]` with or without `["*"]`),
# periods of every kind (year, half, quarter, month) nested in one another, every metric,
# company totals and models' figures, every bound (`bound: range` gets its `high`).
MEASURED_SCOPES = [{}, {"markets": ["*"]}, {"except": ["CN"]},
                   {"markets": ["*"], "except": ["CN"]}, {"markets": ["EU"]}]  # fmt: skip
MEASURED_PERIODS = {
    "target": ["2025", "2025-H1", "2025-Q1", "2025-Q2", "2025-02"],
    "deliveries": ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-Q1",
                   "2025-Q2", "2025-H1", "2025"],
}  # fmt: skip
MEASURED_METRICS = {"target": ["deliveries", "sales", "production"],
                    "deliveries": [None, "deliveries", "sales"]}  # fmt: skip


def measured(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """A target or a figure (`kind`) in one of the scopes, periods and metrics above."""
    return st.tuples(
        announcement(kind).map(worldwide),
        st.sampled_from(MEASURED_SCOPES),
        st.sampled_from(MEASURED_PERIODS[kind]),
        st.sampled_from(MEASURED_METRICS[kind]),
    ).map(
        lambda drawn: {
            **{k: v for k, v in drawn[0].items() if k != "metric"},
            **drawn[1],
            "period": drawn[2],
            **({"metric": drawn[3]} if drawn[3] else {}),
        }
    )


@st.composite
def measured_together(draw: st.DrawFn) -> list[dict[str, Any]]:
    """One to three targets, each with up to six figures, most of them of its company (as
    spelled or not), its scope (in either spelling), its metric or plain deliveries, and
    periods inside its own, now and then with another figure of a period nested with theirs
    (which of the two counts is the question); the others drawn freely. A third of the
    targets have one figure of theirs only, made the same day, near their pace (so that
    the pace is on track, or a few points off it)."""
    made = []
    for _ in range(draw(st.integers(1, 3))):
        target = draw(measured("target"))
        made.append(target)
        inside = [
            period
            for period in MEASURED_PERIODS["deliveries"]
            if reference.months(period) <= reference.months(target["period"])
        ]
        if draw(st.integers(0, 2)) == 0:
            figure = {**draw(figure_of(target, inside)), "announced_on": target["announced_on"]}
            on_pace(target, figure, draw(st.integers(100, 500)), draw(st.sampled_from(POINTS)))
            made.append(figure)
            continue
        for _ in range(draw(st.integers(0, 6))):
            figure = draw(st.one_of(measured("deliveries"), *[figure_of(target, inside)] * 4))
            made.append(figure)
            nested = [p for p in inside if nests(p, figure["period"])]
            if figure["period"] in inside and nested and draw(st.integers(0, 2)):
                # a quarter and its month, a year and its half: which of the two counts
                other = {**figure, "period": draw(st.sampled_from(nested)), "units": draw(counts)}
                if other.get("bound") == "range":
                    other["high"] = other["units"] + 50
                made.append(other)
    return made


def figure_of(target: dict[str, Any], inside: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A figure for `target`: of its company (as spelled, or in capitals), its scope (in
    either spelling), its metric or plain deliveries, a period `inside` its own."""
    spellings = [s for s in MEASURED_SCOPES if reference.scope_of(s) == reference.scope_of(target)]
    return st.tuples(
        measured("deliveries").map(worldwide),
        st.sampled_from([target["company"], target["company"].upper()]),
        st.sampled_from(inside),
        st.sampled_from([target["metric"], "deliveries"]),
        st.sampled_from(spellings),
    ).map(
        lambda drawn: {
            **drawn[0],
            "company": drawn[1],
            "period": drawn[2],
            "metric": drawn[3],
            **drawn[4],
        }
    )


def nests(period: str, other: str) -> bool:
    """Whether one of two different periods is made of parts of the other."""
    mine, theirs = reference.months(period), reference.months(other)
    return mine < theirs or theirs < mine


POINTS = [-7, 7, 0, 3, -3, 12, -12, 0]  # a target's share against its time: on track or not


def on_pace(target: dict[str, Any], figure: dict[str, Any], units: int, points: int) -> None:
    """Sets the figure to `units` and `target` to what makes the figure's share of it
    `points` off the share of the period's days up to the figure's end: on track (within 5
    points), near its edges, or out of it."""
    figure["units"] = units
    if figure.get("bound") == "range":
        figure["high"] = units + 50
    first, last = reference.days_of(target["period"])
    until = reference.days_of(figure["period"])[1]
    elapsed = ((until - first).days + 1) * 100 / ((last - first).days + 1)
    target["value"] = int(units * 100 / max(elapsed + points, 1))
    if target.get("bound") == "range":
        target["high"] = target["value"] + 50


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
    "exit": st.one_of(
        st.fixed_dictionaries({"temporary": st.booleans()}),
        st.fixed_dictionaries({"effective_on": st.one_of(days, PLAN_PERIODS)}),
    ),
    "showcase": st.fixed_dictionaries({"venue": st.just("Fair")}),
    "statement": st.fixed_dictionaries({"text": st.just("Asia first")}),
}
# A claim's change depends on its type: a dotted field, or a whole new claim of that type.
CLAIM_CHANGES: dict[str, st.SearchStrategy[dict[str, Any]]] = {
    "streak": st.one_of(
        st.fixed_dictionaries({"claim.at_least": counts}),
        st.fixed_dictionaries({"claim.months": st.integers(1, 3)}),
        st.fixed_dictionaries({"claim.exact": st.booleans()}),
    ),
    "total": st.fixed_dictionaries({"claim.value": counts, "claim.op": st.just(">=")}),
    "target": st.fixed_dictionaries({"claim.value": counts}),
    "launched": st.fixed_dictionaries({"claim.on_or_before": days}),
}
CLAIM_CHANGES = {
    name: st.one_of(change, st.fixed_dictionaries({"claim": CLAIM_FORMS[name]}))
    for name, change in CLAIM_CHANGES.items()
}
SOURCE_CHANGES = st.one_of(
    st.fixed_dictionaries(
        {"source.url": st.sampled_from(["https://a.example/1", "https://b.example/2"])}
    ),
    st.fixed_dictionaries({"source.quote": st.just("as quoted")}),
)
CHANGES = {kind: st.one_of(change, SOURCE_CHANGES) for kind, change in CHANGES.items()}
CLAIM_CHANGES = {name: st.one_of(c, SOURCE_CHANGES) for name, c in CLAIM_CHANGES.items()}


def changes_for(item: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The corrections valid for `item` (a claim's by its type)."""
    if item["kind"] == "claim":
        return CLAIM_CHANGES[item["claim"]["type"]]
    return CHANGES[item["kind"]]


def same_slot(
    item: dict[str, Any], certainty: str | None, day: str, value: int, bound: str | None = None
) -> dict[str, Any]:
    """Another announcement for the slot of `item`, saying something else (a count with
    `bound`, when given, instead of the item's)."""
    other = {**item, "announced_on": day}
    other.pop("certainty", None)
    if certainty:
        other["certainty"] = certainty
    name = COUNT_FIELD.get(item["kind"])
    if name:
        other[name] = value
        if bound:
            other["bound"] = bound
        other.pop("high", None)
        if other.get("bound") == "range":
            other["high"] = value + 50
    elif item["kind"] == "launch":
        other["launched_on"] = day if value % 2 else (START + timedelta(value % 60)).isoformat()
        other.pop("status", None)  # (by its date; a stated one may not fit the new one)
        # now and then a pause, a launch (a resumption, once paused) or a cancellation
        said = {1: ("paused", day), 2: ("launched", None), 3: ("cancelled", day)}.get(value % 5)
        if said is not None:
            other["status"], other["launched_on"] = said
            if said[1] is None:
                other.pop("launched_on")
    elif item["kind"] == "wait-time":
        other["max_months"] = value % 12 + 1
    elif item["kind"] == "expected-entry":
        other["expected"] = "2027"
    return other


def claim_about(item: dict[str, Any], day: str, value: int, exact: bool) -> dict[str, Any] | None:
    """A claim about what `item` says (its figure's month or period, its target, its
    launch), made on `day` or after the item, with a threshold or date near what the item
    says (its edges included), so that it may hold or fail."""
    said = item.get("launched_on") or item["announced_on"]
    on = max(day, reference.span(said)[1].isoformat())  # a plan has come due
    about = {"kind": "claim", "company": item["company"], "announced_on": on, "source": SOURCE}
    kind = item["kind"]
    near = max(item.get(COUNT_FIELD.get(kind, ""), 0) + value % 5 - 2, 0)  # edges often
    claim: dict[str, Any] = {"metric": item.get("metric") or "deliveries"}
    if item.get("model") and value % 4:  # now and then the company's, with a model's figure
        claim["model"] = item["model"]
    if kind == "deliveries" and item["period"][5:].isdigit() and exact:
        # "the first month": the item's month is the one before, which must fall short
        after = date.fromisoformat(item["period"] + "-01") + timedelta(days=31)
        claim.update(type="streak", at_least=near, months=1, ending=f"{after:%Y-%m}", exact=True)
    elif kind == "deliveries" and item["period"][5:].isdigit():
        claim.update(type="streak", at_least=near, months=value % 2 + 1, ending=item["period"])
    elif kind == "deliveries":
        claim.update(type="total", period=item["period"], op=[">=", "<=", "="][value % 3],
                     value=item["units"] if value % 4 == 0 else near)  # fmt: skip
    elif kind == "target":
        claim = {"type": "target", "metric": item["metric"], "period": item["period"],
                 "value": item["value"] if exact or value % 3 else value}  # fmt: skip
    elif kind == "launch":
        launched = reference.span(item.get("launched_on") or item["announced_on"])[0]
        claim = {"type": "launched", "model": item["model"],
                 "market": "DE" if item["market"] == "EU" else item["market"],
                 "on_or_before": (launched + timedelta(value % 3 - 1)).isoformat()}  # fmt: skip
    else:
        return None
    return {**about, "claim": claim}


# Which announcement `same_slot` echoes (an index into those made), with what certainty, day
# and value.
ECHOES = st.lists(st.tuples(st.integers(0, 11), certainties, days, counts), max_size=6)
# Counts at each other's edges: about 100 stands for [95, 105], a range from 100 for [100,
# 150], about 20 for [19, 21]; 94 and 106, 151 fall just outside.
EDGES = st.sampled_from([0, 20, 94, 95, 100, 105, 106, 150, 151, 200])


def at_count(data: dict[str, Any], value: int) -> dict[str, Any]:
    """`data` with its count (if it has one) set to `value`, a range's top 50 above."""
    name = COUNT_FIELD.get(data["kind"])
    if name:
        data[name] = value
        if data.get("bound") == "range":
            data["high"] = value + 50
    return data


# Contested slots (`test_conflicts_answer_as_the_reference_fold`): announcements of every kind
# with a slot, at the edges' counts, each echoed by others of other certainties, days, values
# and bounds.
slot_announcement = st.tuples(
    st.sampled_from(
        ["launch", "orders", "wait-time", "target", "deliveries", "factory", "expected-entry"]
    ).flatmap(announcement),
    EDGES,
).map(lambda drawn: at_count(*drawn))
contested_echoes = st.lists(
    st.tuples(st.integers(0, 11), certainties, days, EDGES, bounds), min_size=2, max_size=10
)


@st.composite
def histories(
    draw: st.DrawFn,
    *,
    date_changes: bool = True,
    announcements: st.SearchStrategy[dict[str, Any]] = any_announcement,
    together: st.SearchStrategy[list[dict[str, Any]]] | None = None,
    echoes: st.SearchStrategy[list[tuple[Any, ...]]] = ECHOES,
) -> list[list[dict[str, Any]]]:
    """Transactions of interchange lines: announcements (up to 12 of `announcements`, or
    those `together` draws at once), then corrections and retractions."""
    made = draw(
        together if together is not None else st.lists(announcements, max_size=12, min_size=1)
    )
    # Other words on the same slots: another certainty, date and value (rank, unconfirmed,
    # launches that must not move, conflicts).
    for index, *said in draw(echoes):
        made.append(same_slot(made[index % len(made)], *said))
    # Claims about what was said: a streak or total of a figure, a target, a launch.
    for index, day, value, exact in draw(
        st.lists(st.tuples(st.integers(0, 17), days, counts, st.booleans()), max_size=4)
    ):
        claim = claim_about(made[index % len(made)], day, value, exact)
        if claim is not None:
            made.append(claim)
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
            change = draw(changes_for(item))
            if date_changes and draw(st.booleans()):
                change = {"announced_on": draw(days)}
            line = {"kind": "correction", "id": item["id"], "set": change, "reason": "fix"}
        transactions[slot].append(line)
    # A retraction ends its announcement's history: drop corrections placed after it.
    for transaction in transactions:
        transaction.sort(key=lambda line: line["kind"] == "retraction")
    return transactions


def record_all(
    store: Store, transactions: list[list[dict[str, Any]]], *, bulk: bool = False
) -> list[str]:
    """Records each transaction (`bulk`: as a file import does); returns the recorded_at of
    each (for known_at choices)."""
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
        import_lines(
            store, [(None, parse_line(json.loads(json.dumps(line)))) for line in lines], bulk=bulk
        )
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
        assert to_json(read_side.model(company, model, query).data) == reference.model(
            store, company, model, query
        )
    for company in ["Acme", "bolt", "Nobody"]:
        assert to_json(read_side.company(company, query).data) == reference.company(
            store, company, query
        )
        compare_claims(store, read_side, company, query)
    for market in MARKETS + ["ES"]:
        assert to_json(read_side.market(market, query).data) == reference.market(
            store, market, query
        )
    assert to_json(read_side.market("DE", query, every=True).data) == reference.market(
        store, "DE", query, every=True
    )
    assert to_json(read_side.audit_targets(query).data) == reference.audit(store, query)
    assert list(read_side.log(query)) == reference.log(store, query)
    compare_conflicts(store, read_side, query)
    claims: dict[str, list[dict[str, Any]]] = {}  # the reference's, by company

    def claims_of(company: str) -> list[dict[str, Any]]:
        if reference.fold(company) not in claims:
            claims[reference.fold(company)] = reference.claims(store, company, query)
        return claims[reference.fold(company)]

    for item in reference.replay(store, EVERYTHING):
        compare_show(store, read_side, item.id, query, claims_of)
    compare_progress(store, read_side, query, ["Acme", "bolt", "Nobody"])


def without_why(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim rows with their evidence sorted and without `why` (mxt's wording)."""
    return [
        {**{k: v for k, v in row.items() if k != "why"}, "evidence": sorted(row["evidence"])}
        for row in rows
    ]


def compare_claims(store: Store, read_side: ReadSide, company: str, query: Query) -> None:
    """`state company`'s claims and their verdicts, as the reference decides them; a
    streak's `why` names each month that decided its verdict."""
    answer = to_json(company_claims(read_side, company, query))
    assert without_why(answer) == reference.claims(store, company, query)
    owner = reference.fold(company)
    mine = [
        i for i in reference.visible(store, query) if reference.fold(i.content["company"]) == owner
    ]
    for row in answer:
        if row["claim"]["type"] != "streak" or row["verdict"] == "holds":
            continue
        _, _, months = reference.streak(row["claim"], mine, row["announced_on"])
        wanted = False if row["verdict"] == "fails" else None
        assert all(month in row["why"] for month, answer in months.items() if answer is wanted)


def compare_progress(store: Store, read_side: ReadSide, query: Query, companies: list[str]) -> None:
    """`mxt progress --json` (SPEC §8) as the reference decides it, for each of `companies`
    and for every company at once."""
    for company in [*companies, None]:
        expected = reference.progress(store, query, company)
        asked = (company,) if company is not None else ()
        assert to_json(progress_answer(read_side, query, asked).data) == expected


def compare_conflicts(
    store: Store, read_side: ReadSide, query: Query, companies: tuple[str | None, ...] = ()
) -> list[dict[str, Any]]:
    """`mxt conflicts` as the reference decides it: for every company, and for each of
    `companies` (names as a user types them; default: a few, one unknown). Returns the
    reference's conflicts of every company."""
    every = reference.conflicts(store, query)
    assert to_json(conflicts(read_side, query).data) == every
    for company in companies or ("acme", "BOLT", "Nobody"):
        asked = (company,) if company is not None else ()
        assert to_json(conflicts(read_side, query, asked).data) == reference.conflicts(
            store, query, company
        )
    return every


def compare_status_changes(store: Store, read_side: ReadSide, before: Query, after: Query) -> None:
    """`diff`'s market-status changes are those of the reference's two `state market`s, in
    every market the announcements name; its claim changes are the claims recorded between
    the two dates, each with its verdict."""
    changed = to_json(diff(read_side, before, after).data)
    claimed = sorted((c for c in changed if c["area"] == "claim"), key=lambda c: c["id"])
    assert claimed == reference.claim_changes(store, before, after)
    changes = [c for c in changed if c["area"] == "market-status"]
    found = {
        (reference.fold(c["company"]), reference.fold(c["model"]), c["market"], c["from"], c["to"])
        for c in changes
    }
    assert len(found) == len(changes)
    markets = reference.named_markets(store, after)  # the markets a diff looks at
    assert found == reference.status_changes(store, before, after, markets)


def compare_show(
    store: Store,
    read_side: ReadSide,
    announcement_id: str,
    query: Query,
    claims_of: Callable[[str], list[dict[str, Any]]],
) -> None:
    """`show` as the reference says, but for `supports` (the state values it is the source
    of, which the state comparisons above cover): empty for a retracted announcement, and
    its claims those of the reference (`claims_of` a company)."""
    expected = reference.show(store, announcement_id, query)
    answer = show(read_side, announcement_id, query)
    if expected is None:
        assert not answer.known
        return
    shown = to_json(answer.data)
    supports = shown.pop("supports")
    assert shown == expected
    if expected["status"] == "retracted":
        assert supports == []
    claimed = [
        {**s, "value": without_why([s["value"]])[0]}
        for s in supports
        if s["path"].startswith("claim ")
    ]
    assert claimed == reference.claim_supports(expected, claims_of(expected["company"]))


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


@settings(max_examples=EXAMPLES // 2)
@given(histories(announcements=evidence_announcement), st.data())
def test_claims_answer_as_the_reference_fold(
    transactions: list[list[dict[str, Any]]], data: st.DataObject
) -> None:
    """The same property where the claims have something to be checked against: worldwide
    monthly, quarterly and yearly figures of the company and its models, targets, launches
    and claims about them (so that verdicts hold, fail and stay undetermined)."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        record_and_compare(str(Path(folder) / "s.sqlite"), transactions, data)


@settings(max_examples=EXAMPLES // 2)
@given(histories(together=measured_together()), st.data())
def test_progress_answers_as_the_reference_fold(
    transactions: list[list[dict[str, Any]]], data: st.DataObject
) -> None:
    """`mxt progress` where targets have figures to be measured against: targets and
    figures of the same scopes (spelled several ways), nested periods, metrics that stand
    in, models' figures beside company totals, bounds and ranges, with the other words on
    the same slots, corrections and retractions `histories` adds; the targets in `state
    company` too, whose slots progress must share."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = open_new(folder)
        stamps = record_all(store, transactions)
        read_side = ReadSide(store)
        for query in queries(stamps, data):
            compare_progress(store, read_side, query, ["Acme", "bolt", "Nobody"])
            for company in ("acme", "Bolt"):
                expected = reference.company(store, company, query)["targets"]
                assert to_json(read_side.company(company, query).data)["targets"] == expected
        store.close()


@settings(max_examples=EXAMPLES // 2)
@given(histories(announcements=slot_announcement, echoes=contested_echoes), st.data())
def test_conflicts_answer_as_the_reference_fold(
    transactions: list[list[dict[str, Any]]], data: st.DataObject
) -> None:
    """`mxt conflicts` as the reference decides it where slots are contested: several
    certainties in a slot, on one day and on others, counts inside and beyond each other's
    bounds (at least, at most, about, ranges), launches and plans, corrections and
    retractions."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = open_new(folder)
        stamps = record_all(store, transactions)
        read_side = ReadSide(store)
        for query in [*queries(stamps, data), Query("2025-12-31", EVERYTHING)]:
            compare_conflicts(store, read_side, query)
        store.close()


def narrowed(data: dict[str, Any]) -> dict[str, Any]:
    """One company, one model, two markets (a country and the region holding it): the plans
    of one slot, its pauses, exits and entries meet often."""
    data = {**data, "company": "Acme"}
    if data["kind"] == "launch":
        data["model"] = "M1"
    if data["kind"] in ("launch", "expected-entry"):
        data["market"] = "EU" if data["market"] in ("EU", "FR") else "DE"
    return data


# Plans changing (SPEC §5.2): launches planned, made, paused, resumed and cancelled, exits,
# expected entries and factories, in one company's few slots.
plan_announcement = (
    st.sampled_from(["launch", "launch", "launch", "exit", "expected-entry", "factory", "factory"])
    .flatmap(announcement)
    .map(narrowed)
)


@st.composite
def launch_story(draw: st.DrawFn) -> list[dict[str, Any]]:
    """One launch slot's story, step by step on later days (mostly of one certainty): plans
    and slips, launches, pauses, resumptions, cancellations and exits, in any order."""
    market = draw(st.sampled_from(["DE", "EU"]))
    base = {"company": "Acme", "source": SOURCE, "model": "M1"}
    steps = draw(st.lists(st.sampled_from(["plan", "launch", "pause", "cancel", "stop",
                                           "exit"]), min_size=2, max_size=6))  # fmt: skip
    gaps = draw(st.lists(st.integers(0, 8), min_size=len(steps), max_size=len(steps)))
    story, day = [], START
    for step, gap in zip(steps, gaps, strict=True):
        day += timedelta(gap)
        said = {**base, "announced_on": day.isoformat()}
        certainty = draw(st.sampled_from([None, None, None, "reported"]))
        if certainty:
            said["certainty"] = certainty
        ahead = (day + timedelta(draw(st.integers(1, 20)))).isoformat()
        if step == "plan":
            story.append({**said, "kind": "launch", "market": market, "launched_on": ahead})
        elif step in ("launch", "pause", "cancel"):
            status = {"launch": "launched", "pause": "paused", "cancel": "cancelled"}[step]
            story.append({**said, "kind": "launch", "market": market, "status": status})
        else:  # a stop-sale, or an exit, from a day said or from its announcement
            stop = {**said, "kind": "exit", "markets": [market], "temporary": step == "stop"}
            if draw(st.booleans()):
                stop["effective_on"] = ahead
            story.append(stop)
    return story


@settings(max_examples=EXAMPLES // 2)
@given(
    histories(together=st.tuples(launch_story(), st.lists(plan_announcement, max_size=6)).map(
        lambda drawn: drawn[0] + drawn[1])),
    st.data(),
)  # fmt: skip
def test_plans_answer_as_the_reference_fold(
    transactions: list[list[dict[str, Any]]], data: st.DataObject
) -> None:
    """Every state (model, company, market), `diff`'s statuses and `conflicts` as the
    reference decides them where plans change: slips, overdue plans, pauses and resumptions,
    cancellations, exits, entries fulfilled, factories stopped, dates said as periods."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = open_new(folder)
        stamps = record_all(store, transactions)
        read_side = ReadSide(store)
        for query in queries(stamps, data):
            compare_everything(store, read_side, query)
            compare_conflicts(store, read_side, query)
            earlier = data.draw(days)
            if earlier <= query.as_of:
                compare_status_changes(store, read_side, Query(earlier, query.known_at), query)
        store.close()


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
            # closed however the example ends (hypothesis may stop one while it draws)
            with closing(ReadSide(late)) as late_read_side:
                assert late_read_side.replayed == (
                    "its read model is behind its log" if opened == "read" else None
                )
                for query in queries(stamps, data):
                    for side in (late_read_side, inline_read_side):
                        answers = [
                            to_json(side.company("acme", query).data),
                            to_json(side.market("DE", query).data),
                            to_json(side.audit_targets(query).data),
                        ]
                        if side is late_read_side:
                            late_answers = answers
                    assert late_answers == answers
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
                left, right = (
                    to_json(a.company(company, query).data),
                    to_json(b.company(company, query).data),
                )
                assert left == right
                for model in ["M1", "M2"]:
                    assert to_json(a.model(company, model, query).data) == to_json(
                        b.model(company, model, query).data
                    )
            for market in MARKETS:
                assert to_json(a.market(market, query).data) == to_json(
                    b.market(market, query).data
                )
            assert without_times(to_json(a.audit_targets(query).data)) == without_times(
                to_json(b.audit_targets(query).data)
            )
        first.close()
        second.close()


@pytest.mark.parametrize("seed", [1, 2] if LONG else [1])
def test_generated_streams_answer_as_the_reference_fold(tmp_path: Path, seed: int) -> None:
    """On streams of `bench.generate` with claims (a decade of two companies' monthly
    figures, targets and launches, claims about them, corrections and retractions), imported
    in three parts: each company's state, claims and progress, diff's claim changes and the
    conflicts, as the reference says, at many (as_of, known_at); the claims hold, fail and
    stay undetermined; the targets are met, ahead, on track, behind and without actuals;
    some slots conflict."""
    from bench.generate import generate

    stream = tmp_path / "stream.jsonl"
    summary = generate(stream, 2400 if LONG else 1200, seed=seed, companies=2, claims=0.05)
    lines = [json.loads(text) for text in stream.read_text().splitlines()]
    store = open_store(str(tmp_path / "s.sqlite"), "create")
    third = len(lines) // 3
    stamps = record_all(store, [lines[:third], lines[third : 2 * third], lines[2 * third :]])
    read_side = ReadSide(store)
    pick = random.Random(seed)
    verdicts = set()
    paces = set()
    conflicted = 0
    for year in range(2016, 2027, 2):
        as_of = date(year, pick.randint(1, 12), pick.randint(1, 28))
        query = Query(as_of.isoformat(), pick.choice([*stamps, EVERYTHING]))
        for company in summary.companies:
            name = company["name"]
            assert to_json(read_side.company(name, query).data) == reference.company(
                store, name, query
            )
            compare_claims(store, read_side, name, query)
            verdicts |= {row["verdict"] for row in reference.claims(store, name, query)}
        for month in (3, 6, 9, 12):  # progress through the year (a pace needs figures)
            during = Query(f"{year}-{month:02d}-{pick.randint(1, 28):02d}", query.known_at)
            compare_progress(store, read_side, during, [c["name"] for c in summary.companies])
            paces |= {row["pace"] for row in reference.progress(store, during)}
        names = tuple(company["name"] for company in summary.companies)
        conflicted += len(compare_conflicts(store, read_side, query, names))
        earlier = Query((as_of - timedelta(days=400)).isoformat(), query.known_at)
        changed = [c for c in to_json(diff(read_side, earlier, query).data) if c["area"] == "claim"]
        assert sorted(changed, key=lambda c: c["id"]) == reference.claim_changes(
            store, earlier, query
        )
    assert verdicts == {"holds", "fails", "undetermined"}
    assert paces == {"met", "ahead", "on-track", "behind", "unknown"}
    assert conflicted
    claimed = [line["id"] for line in lines if line["kind"] == "claim" and "id" in line]
    final = Query("2026-12-31", EVERYTHING)
    names = [company["name"] for company in summary.companies]
    claims_of = {reference.fold(name): reference.claims(store, name, final) for name in names}
    for claim_id in pick.sample(claimed, 8):
        compare_show(
            store, read_side, claim_id, final, lambda name: claims_of[reference.fold(name)]
        )
    store.close()


def test_the_status_order_on_a_fixed_history_is_the_reference_s(tmp_path: Path) -> None:
    """Every pair of neighbouring statuses decided at once, on one fixed history, so that a
    swap of any two (blocked and expected, …) fails here whatever hypothesis draws: Acme
    blocks CN until mid-2025, expects M1 there and showcases M2; M1's CN launch is planned,
    falls overdue, then happens; M1 is launched in the US, stopped for a while (its first
    launch stays), sold again, then Acme leaves the US; M2's plan for FR is cancelled."""
    source = {"title": "a source"}
    common = {"company": "Acme", "source": source}
    history = [[
        {**common, "kind": "policy", "announced_on": "2025-01-01", "markets": ["CN"],
         "not_before": "2025-07-01", "id": "p"},
        {**common, "kind": "expected-entry", "announced_on": "2025-01-02", "model": "M1",
         "market": "CN", "expected": "2025", "id": "e1"},
        {**common, "kind": "expected-entry", "announced_on": "2025-01-02", "model": "M2",
         "market": "DE", "expected": "2026", "id": "e2"},
        {**common, "kind": "showcase", "announced_on": "2025-01-03", "model": "M2",
         "market": "DE", "venue": "IAA", "id": "s"},
        {**common, "kind": "showcase", "announced_on": "2025-01-03", "model": "M1",
         "market": "FR", "venue": "Salon", "id": "s1"},
        {**common, "kind": "launch", "announced_on": "2025-02-01", "model": "M1",
         "market": "CN", "launched_on": "2025-09-01", "id": "l"},
        {**common, "kind": "launch", "announced_on": "2025-03-01", "model": "M1",
         "market": "US", "id": "us"},
        {**common, "kind": "exit", "announced_on": "2025-04-01", "model": "M1",
         "markets": ["US"], "temporary": True, "id": "us-stop"},
        {**common, "kind": "launch", "announced_on": "2025-04-20", "model": "M1",
         "market": "US", "status": "launched", "id": "us-resumed"},
        {**common, "kind": "exit", "announced_on": "2025-05-15", "markets": ["US"],
         "effective_on": "2025-06", "id": "us-exit"},
        {**common, "kind": "launch", "announced_on": "2025-02-01", "model": "M2",
         "market": "FR", "launched_on": "2025-Q4", "id": "fr"},
        {**common, "kind": "launch", "announced_on": "2025-07-01", "model": "M2",
         "market": "FR", "status": "cancelled", "id": "fr-off"},
        {**common, "kind": "launch", "announced_on": "2025-10-10", "model": "M1",
         "market": "CN", "launched_on": "2025-10-08", "id": "l-done"},
    ]]  # fmt: skip
    store = open_new(str(tmp_path))
    record_all(store, history)
    read_side = ReadSide(store)
    statuses = set()
    days = ("2025-01-02", "2025-01-05", "2025-03-01", "2025-04-05", "2025-05-01", "2025-08-01",
            "2025-10-01", "2025-10-15")  # fmt: skip
    for day in days:
        query = Query(day, EVERYTHING)
        compare_everything(store, read_side, query)
        statuses |= set(
            to_json(read_side.model("Acme", "M1", query).data)["market_statuses"].values()
        )
        statuses |= set(
            to_json(read_side.model("Acme", "M2", query).data)["market_statuses"].values()
        )
    assert statuses == {"available", "paused", "announced", "overdue", "blocked", "expected",
                        "showcased", "withdrawn", "cancelled"}  # fmt: skip
    store.close()


BREXIT = date(2020, 2, 1)  # the first day the United Kingdom was not in the EU
brexit_days = st.integers(min_value=-70, max_value=70).map(
    lambda n: (BREXIT + timedelta(n)).isoformat()
)


@st.composite
def brexit_story(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Announcements for the EU, the United Kingdom and Germany around the day the United
    Kingdom left: launches (made or planned), expected entries, showcases, policies and exits
    whose regions hold the members of the day they take effect (SPEC 5.3)."""
    base = {"company": "Acme", "source": SOURCE}
    story = []
    for _ in range(draw(st.integers(1, 7))):
        said = {**base, "announced_on": draw(brexit_days), "model": draw(st.sampled_from(MODELS))}
        kind = draw(st.sampled_from(["launch", "launch", "expected-entry", "showcase", "policy",
                                     "exit"]))  # fmt: skip
        market = draw(st.sampled_from(["EU", "EU", "GB", "DE"]))
        if kind == "launch":  # made on its announcement's day, or on a day said
            launch = {**said, "kind": kind, "market": market}
            if draw(st.booleans()):
                launch["launched_on"] = draw(brexit_days)
            story.append(launch)
        elif kind == "expected-entry":
            entry = {**said, "kind": kind, "market": market, "expected": "2020-12"}
            if draw(st.booleans()):
                entry.pop("model")  # the company as a whole
            story.append(entry)
        elif kind == "showcase":
            story.append({**said, "kind": kind, "market": market, "venue": "Expo"})
        elif kind == "policy":
            said.pop("model")
            story.append({**said, "kind": kind, "markets": draw(st.sampled_from([["EU"], ["*"]])),
                          "except": draw(st.sampled_from([[], ["EU"], ["DE"]])),
                          "not_before": "2020-12-31"})  # fmt: skip
        else:
            story.append({**said, "kind": kind, "markets": ["EU"],
                          "effective_on": draw(brexit_days)})  # fmt: skip
    return story


@settings(max_examples=EXAMPLES // 2)
@given(brexit_story(), st.data())
def test_regions_hold_their_members_of_the_day_as_the_reference_decides(
    story: list[dict[str, Any]], data: st.DataObject
) -> None:
    """A region covers the members of the day its announcement takes effect, decided by the
    reference on its own list of EU accessions and exits: a launch or a plan for the EU
    before 2020-02-01 covers the United Kingdom, a policy for the EU after it does not."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = open_new(folder)
        stamps = record_all(store, [story])
        read_side = ReadSide(store)
        for _ in range(3):
            query = Query(data.draw(brexit_days), data.draw(st.sampled_from([*stamps, EVERYTHING])))
            for market in ("GB", "DE", "EU", "FR"):
                assert to_json(read_side.market(market, query).data) == reference.market(
                    store, market, query
                )
            for model in ("M1", "M2"):
                assert to_json(read_side.model("Acme", model, query).data) == reference.model(
                    store, "Acme", model, query
                )
            assert to_json(read_side.company("Acme", query).data) == reference.company(
                store, "Acme", query
            )
        store.close()


def test_an_entry_for_the_uk_and_a_launch_in_the_eu_of_its_day_as_the_reference_decides() -> None:
    """A fixed history hypothesis seldom draws: an entry expected in the UK is fulfilled by
    a launch in the EU of 2019, not by one of 2020 (the UK had left), and one expected in the
    EU by a launch in Germany."""
    base = {"company": "Acme", "source": SOURCE}
    story = [
        {**base, "kind": "expected-entry", "announced_on": "2019-10-01", "model": "M1",
         "market": "GB", "expected": "2020-12"},
        {**base, "kind": "expected-entry", "announced_on": "2019-10-01", "model": "M2",
         "market": "GB", "expected": "2020-12"},
        {**base, "kind": "expected-entry", "announced_on": "2019-10-01", "market": "EU",
         "expected": "2021"},
        {**base, "kind": "launch", "announced_on": "2020-03-01", "model": "M1", "market": "EU"},
        {**base, "kind": "launch", "announced_on": "2019-12-01", "model": "M2", "market": "EU"},
        {**base, "kind": "launch", "announced_on": "2020-05-01", "model": "M2", "market": "DE"},
    ]  # fmt: skip
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = open_new(folder)
        record_all(store, [story])
        read_side = ReadSide(store)
        for as_of in ("2019-12-15", "2020-04-01", "2020-06-01"):
            query = Query(as_of, EVERYTHING)
            for market in ("GB", "DE", "EU", "FR"):
                assert to_json(read_side.market(market, query).data) == reference.market(
                    store, market, query
                )
            assert to_json(read_side.company("Acme", query).data) == reference.company(
                store, "Acme", query
            )
        gb = to_json(read_side.market("GB", Query("2020-06-01", EVERYTHING)).data)
        assert {row["model"]: row["status"] for row in gb["models"]} == {
            "M1": "expected", "M2": "available"
        }  # fmt: skip
        store.close()


def test_an_older_policy_and_showcase_for_the_eu_still_decide_for_the_uk() -> None:
    """`state market` reads only the latest policies and showcases of each scope before each
    day a region's members changed: a policy (and a showcase) for the EU of 2019 is the one
    that covers the United Kingdom once a later one for the EU, which does not, is announced;
    a later policy for the EU of any certainty still decides for Germany."""
    base = {"company": "Acme", "source": SOURCE}
    story = [
        {**base, "kind": "launch", "announced_on": "2018-01-01", "model": "M1", "market": "US"},
        {**base, "kind": "policy", "announced_on": "2019-03-01", "markets": ["EU"],
         "not_before": "2030-01-01"},
        {**base, "kind": "policy", "announced_on": "2019-05-01", "markets": ["EU"],
         "not_before": "2029-01-01", "certainty": "reported"},
        {**base, "company": "Beta", "kind": "showcase", "announced_on": "2019-06-01",
         "model": "B1", "market": "EU", "venue": "a fair"},
        {**base, "kind": "policy", "announced_on": "2021-03-01", "markets": ["EU"],
         "not_before": "2028-01-01", "certainty": "expected"},
        {**base, "company": "Beta", "kind": "showcase", "announced_on": "2021-06-01",
         "model": "B1", "market": "EU", "venue": "another fair"},
    ]  # fmt: skip
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        store = open_new(folder)
        record_all(store, [story])
        read_side = ReadSide(store)
        for as_of in ("2019-04-01", "2019-07-01", "2021-04-01", "2022-01-01"):
            query = Query(as_of, EVERYTHING)
            for market in ("GB", "DE", "EU", "FR"):
                assert to_json(read_side.market(market, query).data) == reference.market(
                    store, market, query
                )
        gb = to_json(read_side.market("GB", Query("2022-01-01", EVERYTHING)).data)
        assert [policy["not_before"] for policy in gb["policies"]] == ["2029-01-01"]
        assert {row["model"]: row["status"] for row in gb["models"]} == {
            "M1": "blocked", "B1": "showcased"
        }  # fmt: skip
        de = to_json(read_side.market("DE", Query("2022-01-01", EVERYTHING)).data)
        assert [policy["not_before"] for policy in de["policies"]] == ["2028-01-01"]
        store.close()
