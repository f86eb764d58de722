"""What a question loads: a store opened to answer one reads its tables directly and never
loads eventsourcing, whose application is built only by what writes to the log or reads the
log itself (issue 27: `state company`'s start-up); every row served is still checked against
the hash chain, and writes still work, on each backend."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import import_fixed_seed, invoke_on

from mxt.cli.demo import seed_path

from backends import sql, store_location

# Runs one mxt command line as `mxt` does, then says on its last line of stderr whether the
# process loaded any of eventsourcing's modules.
PROBE = """
import json, sys
from mxt.cli.main import leave, run
code = run(sys.argv[1:])
loaded = sorted(name for name in sys.modules if name.split(".")[0] == "eventsourcing")
sys.stderr.write("\\nLOADED " + json.dumps(loaded) + "\\n")
leave(code)
"""

RECORD = ["record", "statement", "--company", "Xiaomi", "--announced-on", "2025-07-01",
          "--source", "Weibo", "--topic", "hiring", "--text", "hiring again"]  # fmt: skip


def probe(location: str | Path, *args: str) -> tuple[int, str, str, list[str]]:
    """`mxt --store LOCATION ARGS…` in a process of its own: its exit code, stdout, stderr (the
    probe's line removed) and the eventsourcing modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "--store", str(location), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    stderr, _, said = done.stderr.rstrip("\n").rpartition("\n")
    assert said.startswith("LOADED "), done.stderr
    return done.returncode, done.stdout, stderr, json.loads(said.removeprefix("LOADED "))


def answer(stdout: str) -> object:
    """What a question answered, but the moment it was asked (`known_at`, now)."""
    if not stdout.startswith("{"):
        return stdout
    answered = json.loads(stdout)
    answered.pop("known_at")
    return answered


def test_questions_load_no_eventsourcing_and_writes_still_work(store_location: str) -> None:
    seeded = import_fixed_seed(store_location)
    for question in (["state", "company", "Xiaomi", "--json"], ["state", "company", "Xiaomi"],
                     ["state", "model", "Xiaomi/YU7", "--json"]):  # fmt: skip
        code, stdout, stderr, loaded = probe(seeded, *question)
        assert (code, stderr.strip()) == (0, ""), stderr
        assert loaded == [], question
        assert answer(stdout) == answer(invoke_on(seeded, *question).stdout)  # the same

    code, _, stderr, loaded = probe(seeded, *RECORD)
    assert code == 0, stderr
    assert "eventsourcing.application" in loaded  # the log is written through it
    code, _, stderr, loaded = probe(seeded, "import", str(seed_path()))
    assert code == 0, stderr
    assert "eventsourcing.application" in loaded

    code, _, stderr, loaded = probe(seeded, "state", "company", "Xiaomi", "--json")
    assert (code, loaded) == (0, []), stderr
    assert "hiring again" in invoke_on(seeded, "log").stdout
    assert invoke_on(seeded, "verify").exit_code == 0


def test_a_question_still_refuses_a_row_changed_behind_mxt(store_location: str) -> None:
    """The chain's check of every served row runs without eventsourcing: an event edited in
    place is refused (exit 1, one line naming it), its edited value never shown."""
    seeded = import_fixed_seed(store_location)
    [(state,)] = sql(seeded, "SELECT state FROM stored_events WHERE rowid=4")
    sql(seeded, "UPDATE stored_events SET state=? WHERE rowid=4",
        bytes(state).replace(b"350000", b"360000"))  # fmt: skip
    code, stdout, stderr, loaded = probe(seeded, "state", "company", "Xiaomi")
    assert code == 1
    assert stderr.strip().splitlines()[-1].startswith("mxt: error: ")
    assert "#4 changed since it was recorded" in stderr
    assert "360,000" not in stdout and "360000" not in stdout
    assert loaded == []


def test_a_question_on_no_store_fails_as_before(tmp_path: Path) -> None:
    """A store that is not there: exit 1, its one line, nothing made, nothing of
    eventsourcing loaded."""
    missing = tmp_path / "nowhere" / "store.sqlite"
    code, _, stderr, loaded = probe(missing, "state", "company", "Xiaomi")
    assert code == 1
    assert stderr.strip() == invoke_on(missing, "state", "company", "Xiaomi").stderr.strip()
    assert f"no store at {missing}" in stderr
    assert not missing.parent.exists()
    assert loaded == []


# Runs `mxt state company` as `mxt` does, then says which of some modules the process loaded
# and the modules whose annotations given as text typing compiled (one `ForwardRef` each).
MODULES_PROBE = """
import json, sys, typing
compiled = []
made = typing.ForwardRef.__init__
def counting(self, *args, **kwargs):
    frame = sys._getframe(1)
    while frame.f_globals.get("__name__") == "typing":
        frame = frame.f_back
    compiled.append(frame.f_globals.get("__name__"))
    made(self, *args, **kwargs)
typing.ForwardRef.__init__ = counting
from mxt.cli.main import leave, run
code = run(sys.argv[1:])
loaded = sorted(name for name in ("dataclasses", "calendar", "pydantic") if name in sys.modules)
sys.stderr.write("\\nLOADED " + json.dumps([loaded, compiled]) + "\\n")
leave(code)
"""


def test_state_company_makes_no_dataclass_and_compiles_few_annotations(tmp_path: Path) -> None:
    """Issue 27: `state company` as a whole process. Making a dataclass costs a command about
    half a millisecond, and typing compiles each annotation of a NamedTuple given as text (a
    module with `from __future__ import annotations`): the question (of a company with no
    claim to check by then: checking claims loads rules of its own) loads no dataclasses (nor
    calendar, nor pydantic), and typing compiles none of the read model's or the rules'
    annotations (dozens of records)."""
    seeded = import_fixed_seed(str(tmp_path / "store.sqlite"))
    done = subprocess.run(
        [sys.executable, "-c", MODULES_PROBE, "--store", str(seeded), "state", "company",
         "Xiaomi", "--as-of", "2025-06-30", "--json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    loaded, compiled = json.loads(done.stderr.rstrip("\n").rpartition("\nLOADED ")[2])
    assert loaded == []
    assert [name for name in compiled if name.startswith("mxt.projections")] == []
    assert "mxt.events.regions" not in compiled
