"""One schema module per kind: `mxt record KIND` defines and builds that kind's model only
(and none of the stored events' models), while the gathered vocabulary
(`mxt.events.announcements`) still holds every kind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mxt.events.announcements import KINDS
from mxt.events.kinds import KIND_NAMES
from mxt.events.schemas import module_of, schema_of

# Runs `mxt record`, then prints which schema modules (and pydantic models) the process made.
PROBE = """
import json, sys
from mxt.cli.main import cli
cli.main(args=sys.argv[1:], prog_name="mxt", standalone_mode=False)
from pydantic import BaseModel
def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)
print(json.dumps({
    "modules": sorted(name for name in sys.modules if name.startswith("mxt.")),
    "built": sorted(cls.__name__ for cls in subclasses(BaseModel)
                    if cls.__module__.startswith("mxt.") and cls.__pydantic_complete__),
}))
"""


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_schema_of_a_kind_is_the_gathered_one(kind: str) -> None:
    assert schema_of(kind) is KINDS[kind]
    assert schema_of(kind).__module__ == module_of(kind)


def test_schema_of_an_unknown_kind_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        schema_of("lunch")


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("statement", ["--topic", "t", "--text", "said"]),
        ("target", ["--metric", "sales", "--period", "2025", "--value", "1k"]),
    ],
)
def test_record_defines_and_builds_only_the_kind_it_records(
    tmp_path: Path, kind: str, options: list[str]
) -> None:
    common = ["--company", "Acme", "--announced-on", "2025-06-30", "--source", "s"]
    argv = ["--store", str(tmp_path / "s.sqlite"), "record", kind, *common, *options]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    made = json.loads(done.stdout.splitlines()[-1])
    kind_modules = {name for name in made["modules"] if name.startswith("mxt.events.schemas.")}
    shared = {"mxt.events.schemas.base", "mxt.events.schemas.bounded"}
    assert kind_modules <= {*shared, module_of(kind)}
    assert module_of(kind) in kind_modules
    assert "mxt.events.announcements" not in made["modules"]
    assert "mxt.domain.model" not in made["modules"]
    assert made["built"] == [KINDS[kind].__name__]
