"""Property: a claim's verdict, and a target's progress, never depend on the order in which
their evidence was recorded (docs/concepts.md, Two time axes: apart from same-day ties, only the two
time axes count)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mxt.domain.recording import import_lines
from mxt.events.announcements import parse_line
from mxt.projections.opening import open_store
from mxt.projections.questions.checking import ClaimToCheck, check_answer, progress_answer
from mxt.projections.questions.read_side import ReadSide
from mxt.projections.rules.records import to_json
from mxt.projections.rules.state import Query
from mxt.storage.store import Store

SCRATCH = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04"]
CLAIMS = [
    ClaimToCheck("streak", "Acme", {"type": "streak", "metric": "deliveries", "at_least": 100,
                                    "months": 3, "ending": "2025-04", "exact": True}),
    ClaimToCheck("total", "acme", {"type": "total", "metric": "deliveries", "period": "2025",
                                   "op": ">=", "value": 300}),
]  # fmt: skip
TARGET = {"kind": "target", "company": "Acme", "announced_on": "2025-01-02",
          "source": {"title": "plan"}, "metric": "deliveries", "period": "2025",
          "value": 600}  # fmt: skip


@st.composite
def figures(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Monthly figures, several per month, each announced on its own day."""
    made: list[dict[str, Any]] = []
    for month in MONTHS:
        days = draw(st.lists(st.integers(1, 28), max_size=3, unique=True))
        for day in days:
            made.append(
                {"kind": "deliveries", "company": "Acme", "id": f"{month}-{day}",
                 "announced_on": f"2025-05-{day:02d}", "source": {"title": "report"},
                 "period": month, "units": draw(st.integers(80, 120)),
                 "certainty": draw(st.sampled_from(["confirmed", "reported", "expected"]))}
            )  # fmt: skip
    return made


def answers(folder: str, name: str, lines: list[dict[str, Any]]) -> tuple[Any, Any]:
    """Records each line in its own transaction, in the order given; checks the claims."""
    store = open_store(str(Path(folder) / name), "create")
    for line in [TARGET, *lines]:
        import_lines(store, [(None, parse_line(line))])
    read_side = ReadSide(store)
    query = Query("2025-06-30", "9999-12-31T23:59:59.999999Z")
    checked = to_json(check_answer(read_side, query, CLAIMS).data)
    measured = to_json(progress_answer(read_side, query).data)
    store.close()
    return checked, measured


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figures(), st.randoms(use_true_random=False))
def test_verdicts_do_not_depend_on_the_recording_order(
    lines: list[dict[str, Any]], random: Any
) -> None:
    shuffled = list(lines)
    random.shuffle(shuffled)
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        assert answers(folder, "a.sqlite", lines) == answers(folder, "b.sqlite", shuffled)
