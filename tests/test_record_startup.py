"""What `mxt record` loads: its kind's prebuilt schema, no model, no stored-event model, no
`strptime` (issues 10 and 27: record's start-up)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pydantic_core
import pytest
from click.testing import Result
from conftest import make_announcement

from mxt.events.schemas.prebuilt import PYDANTIC_CORE
from mxt.storage.clock import format_timestamp, parse_timestamp

Run = Callable[..., Result]

# Runs an mxt command, then prints which of mxt's modules (and `_strptime` and pydantic's) the
# process loaded and which of mxt's pydantic models it built.
PROBE = """
import json, sys
from mxt.cli.main import cli
cli.main(args=sys.argv[1:], prog_name="mxt", standalone_mode=False)
loaded = sorted(name for name in sys.modules
                if name.startswith(("mxt.", "_strptime", "pydantic", "_hashlib")))
from pydantic import BaseModel
def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)
print(json.dumps({
    "modules": loaded,
    "built": sorted(cls.__name__ for cls in subclasses(BaseModel)
                    if cls.__module__.startswith("mxt.") and cls.__pydantic_complete__),
}))
"""


@pytest.mark.skipif(
    pydantic_core.__version__ != PYDANTIC_CORE,
    reason=f"the schemas are prebuilt for pydantic-core {PYDANTIC_CORE} (pyproject pins it)",
)
@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("statement", ["--topic", "t", "--text", "said"]),
        ("target", ["--metric", "sales", "--period", "2025", "--value", "1k"]),
        ("exit", ["--markets", "GB", "--effective-on", "2025-H2", "--temporary"]),
    ],
)
def test_record_defines_no_model(run: Run, store_path: Path, kind: str, options: list[str]) -> None:
    """`mxt record` validates with its kind's prebuilt core schema: pydantic's model machinery
    (`pydantic.main`, its plugin loader) never loads, no model is defined (issue 27)."""
    common = ["--company", "Acme", "--announced-on", "2025-06-30", "--source", "s"]
    # A store with a recording already: the new one is stamped after the log's last one.
    seeded = run("record", "statement", *common, "--topic", "t", "--text", "first")
    assert seeded.exit_code == 0, seeded.output
    argv = ["--store", str(store_path), "record", kind, *common, *options]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    made = json.loads(done.stdout.splitlines()[-1])
    kind_modules = {name for name in made["modules"] if name.startswith("mxt.events.schemas.")}
    prebuilt = f"mxt.events.schemas.prebuilt_{kind.replace('-', '_')}"
    assert kind_modules == {"mxt.events.schemas.checks", "mxt.events.schemas.prebuilt", prebuilt}
    assert "mxt.events.fields" not in made["modules"]
    assert "pydantic.main" not in made["modules"]
    assert "pydantic.plugin._loader" not in made["modules"]
    assert "mxt.events.announcements" not in made["modules"]
    assert "mxt.domain.model" not in made["modules"]
    assert "_strptime" not in made["modules"]
    assert "_hashlib" not in made["modules"]  # (OpenSSL: `events.digest`)
    assert made["built"] == []
    listed = run("log", "--json")
    assert listed.exit_code == 0, listed.output
    assert [line["kind"] for line in json.loads(listed.output)] == ["statement", kind]


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 7, 1, 9, 30, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
    ],
)
def test_a_stored_recorded_at_reads_back_as_the_moment_written(moment: datetime) -> None:
    parsed = parse_timestamp(format_timestamp(moment))
    assert parsed == moment
    assert parsed.tzinfo is UTC


def test_a_recorded_at_without_its_z_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_timestamp("2025-07-01T09:30:00.000000")


@pytest.mark.parametrize(
    ("question", "loads_claims"),
    [(["state", "model", "Acme/M1"], False), (["log"], False), (["audit", "targets"], False),
     (["state", "market", "CN"], False), (["show", "launch-1"], True),
     (["state", "company", "Acme"], False), (["progress"], True), (["conflicts"], False)],
)  # fmt: skip
def test_a_read_command_loads_neither_pydantic_nor_rules_it_does_not_answer(
    run: Run, store_path: Path, question: list[str], loads_claims: bool
) -> None:
    """Importing pydantic (pydantic_core alone is 20 ms) serves only commands that validate
    input; the claims' rules only the answers that hold claims or progress (`state company`:
    only of a company with a claim, `test_state_company_loads_the_claims_rules_for_a_claim`)."""
    recorded = run("record", "launch", "--company", "Acme", "--model", "M1", "--market", "CN",
                   "--announced-on", "2025-06-30", "--source", "s", "--id", "launch-1")  # fmt: skip
    assert recorded.exit_code == 0, recorded.output
    argv = ["--store", str(store_path), *question, "--json"]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
    )
    modules = json.loads(done.stdout.splitlines()[-1])["modules"]
    claims_rules = {
        "mxt.projections.questions.checking",
        "mxt.projections.rules.claims",
        "mxt.projections.rules.progress",
    }
    assert bool(claims_rules & set(modules)) == loads_claims
    assert not [name for name in modules if name.startswith("pydantic")]
    assert "_hashlib" not in modules


def test_state_company_loads_the_claims_rules_for_a_claim(
    run: Run, store_path: Path, tmp_path: Path
) -> None:
    """A company with a claim has it checked in `state company` (the rules load then), one
    without has none to check (they do not)."""
    lines = [make_announcement("launch", company="Acme", id="launch-1"),
             make_announcement("claim", company="Acme", id="claim-1")]  # fmt: skip
    stream = tmp_path / "lines.jsonl"
    stream.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert run("import", str(stream)).exit_code == 0
    other = make_announcement("launch", company="Other Co", id="launch-2")
    stream.write_text(json.dumps(other) + "\n")
    assert run("import", str(stream)).exit_code == 0
    claims_rules = {"mxt.projections.questions.checking", "mxt.projections.rules.claims"}
    for company, has_claim in (("Acme", True), ("Other Co", False)):
        argv = ["--store", str(store_path), "state", "company", company, "--json"]
        done = subprocess.run(
            [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True
        )
        *answer, probe = done.stdout.splitlines()
        assert (claims_rules <= set(json.loads(probe)["modules"])) == has_claim
        claims = json.loads("\n".join(answer))["claims"]
        assert [claim["id"] for claim in claims] == (["claim-1"] if has_claim else [])
