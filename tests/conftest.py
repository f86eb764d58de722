"""What the tests share: the one CLI runner (`invoke`, and the `mxt` and `run` fixtures),
stores (new, or holding the seed story), sample announcements, and how many examples the
property tests draw.

The default run is short: each property test draws a fifth of its examples (at least 10).
`MXT_LONG_TESTS=1 python3 -m pytest` draws them all (`.ci/run` does), as does a count given
to `MXT_PROPERTY_EXAMPLES` for the reference-fold properties.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from mxt.cli.demo import seed_path
from mxt.cli.main import cli
from mxt.projections.opening import open_store
from mxt.storage.store import Store

from backends import count_events, store_location

LONG = os.environ.get("MXT_LONG_TESTS") == "1"


def examples(full: int) -> int:
    """How many examples a property test draws: `full` in the long run (`MXT_LONG_TESTS=1`),
    a fifth of it (at least 10) by default."""
    return full if LONG else max(10, full // 5)


SOURCE = {"title": "Xiaomi Won't Sell Its EVs Outside China Until 2027"}

# One valid announcement of every kind: the fields the kind itself adds.
KIND_FIELDS: dict[str, dict[str, Any]] = {
    "launch": {"model": "YU7", "market": "CN", "launched_on": "2025-06-26", "segment": "SUV"},
    "orders": {"model": "YU7", "stage": "locked", "count": 240000, "within": "18h"},
    "wait-time": {"model": "YU7", "trim": "Max", "max_months": 12},
    "target": {"metric": "production", "period": "2025", "value": 350000, "previous": 300000},
    "deliveries": {"period": "2025-06", "units": 28000},
    "factory": {"site": "Beijing Yizhuang", "phase": 2, "status": "completed"},
    "policy": {"markets": ["*"], "except": ["CN"], "not_before": "2027-01-01"},
    "showcase": {"model": "SU7", "market": "ES", "venue": "MWC 2024, Barcelona"},
    "expected-entry": {"market": "EU", "expected": "2027", "certainty": "expected"},
    "exit": {"markets": ["GB"], "model": "SU7", "effective_on": "2025-H2", "temporary": True},
    "statement": {"topic": "hiring", "text": "Active hiring for manufacturing and logistics"},
    "claim": {
        "claim": {
            "type": "streak",
            "metric": "deliveries",
            "at_least": 20000,
            "months": 8,
            "ending": "2025-06",
            "exact": True,
        }
    },  # fmt: skip
}


def make_announcement(kind: str, /, **overrides: Any) -> dict[str, Any]:
    """A valid announcement of `kind` as an interchange dict; `overrides` replace fields, and
    a value of None removes the field."""
    data: dict[str, Any] = {
        "kind": kind,
        "company": "Xiaomi",
        "announced_on": "2025-07-01",
        "source": copy.deepcopy(SOURCE),
        **copy.deepcopy(KIND_FIELDS[kind]),
    }
    for field, value in overrides.items():
        if value is None:
            data.pop(field, None)
        else:
            data[field] = value
    return data


def make_fact(cls: Any, amount: Any, /, **overrides: Any) -> Any:
    """A target or actual fact of the progress and claim rules (`TargetFact`, `ActualFact`): Acme's
    confirmed deliveries of 2025, announced and recorded on 2025-01-01, with `overrides` applied."""
    fields: dict[str, Any] = {
        "id": "t",
        "announced_on": "2025-01-01",
        "recorded_at": "2025-01-01T00:00:00",
        "certainty": "confirmed",
        "company": "Acme",
        "metric": "deliveries",
        "period": "2025",
        "amount": amount,
        **overrides,
    }
    return cls(**fields)


def count_stored_events(location: Path | str) -> int:
    """Rows in the store's events table, counted by the database itself (0: no store yet)."""
    return count_events(location)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where a new SQLite store goes (the file does not exist yet)."""
    return tmp_path / "store.sqlite"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    """A new SQLite store with its read model attached, so that writes keep it current."""
    opened = open_store(store_path, "create")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def stored_events(store_path: Path) -> Callable[[], int]:
    """Counts the rows of `stored_events` in the test's store."""
    return lambda: count_stored_events(store_path)


def invoke(
    *args: str | Path, input: str | bytes | None = None, env: dict[str, str | None] | None = None
) -> Result:
    """Runs `mxt ARGS...` in this process through click's CliRunner (stdout and stderr apart);
    `input` feeds stdin, `env` sets (or, with None, unsets) environment variables."""
    return CliRunner().invoke(cli, [str(arg) for arg in args], input=input, env=env)


def invoke_on(store: str | Path, *args: str | Path, input: str | bytes | None = None) -> Result:
    """`invoke` of `mxt --store STORE ARGS...`."""
    return invoke("--store", store, *args, input=input)


def run_ok(store: str | Path, *args: str | Path, input: str | None = None) -> Any:
    """Runs `mxt --store STORE ARGS...`, which must succeed: answers what it printed, parsed
    when it was asked for `--json`."""
    result = invoke_on(store, *args, input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


def import_seed(location: str | Path) -> str:
    """Imports the seed story into the store at `location` (made if new); answers its
    location."""
    run_ok(location, "import", seed_path())
    return str(location)


def import_fixed_seed(location: str | Path) -> str:
    """The seed story with a correction (of `xiaomi-yu7-wait-12m`) and a retraction (of
    `xiaomi-su7-wait-8m`) after it; answers the store's location."""
    import_seed(location)
    run_ok(location, "correct", "xiaomi-yu7-wait-12m", "--set", "max_months=11", "--reason",
           "misread")  # fmt: skip
    run_ok(location, "retract", "xiaomi-su7-wait-8m", "--reason", "duplicate")
    return str(location)


@pytest.fixture(scope="session")
def mxt() -> Callable[..., Result]:
    """`invoke`: runs `mxt ARGS...` through click's CliRunner."""
    return invoke


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding the seed story, shared by every test that only reads it."""
    return import_seed(tmp_path_factory.mktemp("seeded") / "seed.sqlite")


@pytest.fixture
def seeded_store(store_location: str) -> str:
    """A new store holding the seed story, on each backend, for a test that writes to it."""
    return import_seed(store_location)


@pytest.fixture
def run(store_path: Path) -> Callable[..., Result]:
    """Runs `mxt --store STORE ARGS...` through click's CliRunner; `input` feeds stdin."""

    def on_store(*args: str, input: str | bytes | None = None) -> Result:
        return invoke("--store", store_path, *args, input=input)

    return on_store


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The lines of the demo data set shipped in the package."""
    return seed_path().read_text(encoding="utf-8").splitlines()
