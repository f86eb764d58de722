"""`mxt review` (SPEC §11): drafts shown beside what the store holds for their slot, decided
one by one on a terminal (driven here through a pseudo-terminal) or all at once with
`--accept-all` / `--accept KIND`, and the accepted ones imported in one transaction; on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from mxt.cli.demo import seed_path
from tests.backends import count_events
from tests.conftest import import_seed, invoke, invoke_on

ARTICLE = seed_path().with_name("xiaomi-evs-outside-china-2027.txt")


def statement(text: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "statement", "company": "Xiaomi", "announced_on": "2025-07-04",
            "topic": "hiring", "text": text, "source": {"title": "T", "quote": text},
            **fields}  # fmt: skip


def target(value: int, note: str = "Extracted by mxt extract. Guessed: nothing.") -> dict[str, Any]:
    quote = f"Xiaomi now aims to build {value:,} cars in 2025."
    return {"kind": "target", "company": "Xiaomi", "announced_on": "2025-07-04",
            "metric": "production", "period": "2025", "value": value, "certainty": "reported",
            "source": {"title": "T", "quote": quote},
            "note": note + f" Its paragraph: «Big news. {quote} More later.»"}  # fmt: skip


def write(path: Path, *drafts: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(draft) + "\n" for draft in drafts), encoding="utf-8")
    return path


@pytest.fixture
def seed_drafts(tmp_path: Path) -> Path:
    """The seed article's drafts, as `mxt extract` writes them."""
    result = invoke("extract", ARTICLE, "--published", "2025-07-04")
    assert result.exit_code == 0, result.output
    path = tmp_path / "drafts.jsonl"
    path.write_text(result.stdout, encoding="utf-8")
    return path


def assert_refused(result: Any, *words: str) -> None:
    """Bad input: one line on stderr naming it, exit 2."""
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("mxt: error: ") and result.stderr.count("\n") == 1
    for word in words:
        assert word in result.stderr, result.stderr


# -- batch -----------------------------------------------------------------------------------


def test_batch_accepts_the_kinds_named_and_flags_repeats(
    store_location: str, seed_drafts: Path
) -> None:
    import_seed(store_location)
    before = count_events(store_location)
    result = invoke_on(store_location, "review", seed_drafts, "--accept", "target",
                       "--accept", "orders", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    drafts = answer["drafts"]
    accepted = [d for d in drafts if d["decision"] == "accepted"]
    assert {d["kind"] for d in accepted} == {"target", "orders"}
    assert answer["accepted"] == len(accepted) == 3 and answer["rejected"] == 0
    assert answer["skipped"] == len(drafts) - 3
    assert answer["recorded"] == 3 and count_events(store_location) == before + 3
    # the seed holds the same target and order counts: each draft is seen as a repeat
    assert {d["store"]["verdict"] for d in accepted} == {"repeat"}
    the_target = next(d for d in accepted if d["kind"] == "target")
    assert the_target["store"]["in_force"]["id"] == "xiaomi-2025-target-350k"
    # the paragraph the note carried is read, not imported
    exported = invoke_on(store_location, "export").stdout
    assert "Its paragraph:" not in exported and "Extracted by mxt extract" in exported


def test_batch_shows_a_contradiction_and_accepts_all_into_a_new_store(
    tmp_path: Path, store_location: str
) -> None:
    import_seed(store_location)
    drafts = write(tmp_path / "d.jsonl", target(400_000), statement("Hiring goes on apace."))
    result = invoke_on(store_location, "review", drafts, "--accept-all")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("line 1: accepted") and "CONTRADICTED by this draft's 400,000" in first
    assert "xiaomi-2025-target-350k" in first
    assert result.stdout.splitlines()[-1] == (
        "accepted 2 (edited 0), rejected 0, skipped 0; recorded 2, already present 0"
    )


def test_accept_all_makes_the_store_and_nothing_accepted_makes_none(tmp_path: Path) -> None:
    drafts = write(tmp_path / "d.jsonl", target(360_000), statement("Hiring goes on apace."))
    none = tmp_path / "none.sqlite"
    result = invoke_on(none, "review", drafts, "--accept", "policy")
    assert result.exit_code == 0, result.output
    assert "store: none yet" in result.stdout
    assert result.stdout.endswith("skipped 2; nothing accepted, nothing written\n")
    assert not none.exists()
    made = tmp_path / "made.sqlite"
    result = invoke_on(made, "review", drafts, "--accept-all")
    assert result.exit_code == 0, result.output
    assert count_events(made) == 2


def test_without_a_terminal_it_needs_accept_and_asks_nothing(tmp_path: Path) -> None:
    drafts = write(tmp_path / "d.jsonl", target(360_000))
    store = tmp_path / "s.sqlite"
    assert_refused(invoke_on(store, "review", drafts), "accept", "not a terminal")
    assert_refused(invoke_on(store, "review", drafts, "--accept", "tagret"), "accept", "tagret")
    assert not store.exists()


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"kind": "target", "company": "Xiaomi"', ["line 2", "malformed JSON"]),
        (json.dumps({**target(1), "value": -1}), ["line 2", "value"]),
        (json.dumps({"kind": "retraction", "id": "x", "reason": "r"}), ["line 2", "kind",
                                                                        "retraction"]),
    ],
)  # fmt: skip
def test_a_bad_line_is_named_and_nothing_is_written(
    tmp_path: Path, store_location: str, line: str, words: list[str]
) -> None:
    import_seed(store_location)
    before = count_events(store_location)
    drafts = tmp_path / "d.jsonl"
    drafts.write_text(json.dumps(target(360_000)) + "\n" + line + "\n", encoding="utf-8")
    assert_refused(invoke_on(store_location, "review", drafts, "--accept-all"), *words)
    assert count_events(store_location) == before


def test_an_accepted_draft_the_store_refuses_writes_none(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    clash = {**statement("Hiring goes on apace."), "id": "same-id"}
    other = {**statement("Hiring has stopped."), "id": "same-id"}
    result = invoke_on(store, "review", write(tmp_path / "d.jsonl", clash, other),
                       "--accept-all")  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "same-id" in result.stderr
    assert count_events(store) == 0


# -- on a terminal ---------------------------------------------------------------------------


def _controlling_terminal() -> None:
    """In the child, before mxt starts: its standard input becomes its controlling terminal."""
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """The installed `mxt` run on a pseudo-terminal: what it wrote, and keys typed to it."""

    def __init__(self, *args: str) -> None:
        executable = shutil.which("mxt")
        assert executable, "mxt is not installed"
        self.master, slave = pty.openpty()
        env = {**os.environ, "TERM": "xterm", "COLUMNS": "200"}
        # its own session, the pseudo-terminal its controlling one: Ctrl-C typed while it
        # reads a line (cooked mode) is then a SIGINT to it, as on a real terminal
        self.process = subprocess.Popen(
            [executable, *args], stdin=slave, stdout=slave, stderr=slave, env=env,
            close_fds=True, start_new_session=True, preexec_fn=_controlling_terminal,
        )  # fmt: skip
        os.close(slave)
        self.output = ""

    def read_until(self, pattern: str, count: int = 1, timeout: float = 60) -> str:
        """Reads until `pattern` has been written `count` times in all; the plain text."""
        end = time.monotonic() + timeout
        while len(re.findall(pattern, self.plain)) < count and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the other end closed
                    break
                self.output += chunk.decode("utf-8", "replace")
        assert len(re.findall(pattern, self.plain)) >= count, self.plain[-2000:]
        return self.plain

    @property
    def plain(self) -> str:
        return re.sub(r"\x1b\[[0-9;]*m", "", self.output).replace("\r\n", "\n")

    def key(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self) -> int:
        self.read_until(r"(accepted \d+ \(edited|aborted)")
        code = self.process.wait(timeout=60)
        os.close(self.master)
        return code


def prompts(terminal: Terminal) -> int:
    return terminal.plain.count("[q]uit ? ")


def test_on_a_terminal_each_draft_is_decided_edited_and_imported_at_the_end(
    tmp_path: Path, store_location: str
) -> None:
    import_seed(store_location)
    before = count_events(store_location)
    drafts = write(
        tmp_path / "d.jsonl",
        target(400_000, "Extracted by mxt extract. Guessed: year of the period 2025."),
        statement("Hiring goes on apace."),
        target(360_000),
        statement("Hiring has stopped for now."),
    )
    terminal = Terminal("--store", store_location, "review", str(drafts))
    shown = terminal.read_until(r"\[q\]uit \? ")
    # the quote in its paragraph, the guessed field marked, the value in force beside it
    assert "Big news. Xiaomi now aims to build 400,000 cars in 2025. More later." in shown
    assert re.search(r"period\s+2025\s+← guessed", shown)
    assert "store holds production 2025: 350,000 (was 300,000)" in shown
    assert "CONTRADICTED by this draft's 400,000" in shown
    terminal.key("e")
    terminal.read_until("field=value")
    terminal.key("value=-5\r")  # refused at once: the draft stays as it was
    terminal.read_until("refused: value")
    terminal.read_until(r"\[q\]uit \? ", 2)
    terminal.key("e")
    terminal.read_until("field=value", 2)
    terminal.key("value=350k\r")  # now a repeat of the value in force
    shown = terminal.read_until(r"\[q\]uit \? ", 3)
    assert shown.rsplit("── draft 1", 1)[1].count(": a repeat") == 1
    terminal.key("a")
    terminal.read_until(r"\[q\]uit \? ", 4)
    terminal.key("r")  # the first statement
    terminal.read_until(r"\[q\]uit \? ", 5)
    terminal.key("s")  # the second target
    terminal.read_until(r"\[q\]uit \? ", 6)
    terminal.key("k")  # the last statement, as a policy: not importable until edited
    terminal.read_until("kind")
    terminal.key("policy\r")
    terminal.read_until("not importable as it stands")
    terminal.read_until(r"\[q\]uit \? ", 7)
    terminal.key("a")
    terminal.read_until("cannot accept")
    terminal.key("q")
    assert terminal.finish() == 0
    assert terminal.plain.rstrip().endswith(
        "accepted 1 (edited 1), rejected 1, skipped 2; recorded 1, already present 0"
    )
    assert count_events(store_location) == before + 1
    exported = [
        json.loads(line) for line in invoke_on(store_location, "export").stdout.splitlines()
    ]
    assert exported[-1]["value"] == 350_000 and exported[-1]["kind"] == "target"


def test_ctrl_c_on_a_terminal_writes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    drafts = write(tmp_path / "d.jsonl", target(360_000), statement("Hiring goes on apace."))
    terminal = Terminal("--store", str(store), "review", str(drafts))
    terminal.read_until(r"\[q\]uit \? ")
    terminal.key("\x1b[A")  # an arrow key decides nothing (its "A" is no [a]ccept)
    terminal.read_until(r"\[q\]uit \? ", 2)
    assert "draft 2 of 2" not in terminal.plain
    terminal.key("a")
    terminal.read_until(r"\[q\]uit \? ", 3)
    terminal.key("\x03")
    assert terminal.finish() == 1
    assert "mxt: error: aborted" in terminal.plain
    assert not store.exists()


def test_review_refuses_another_programs_file_and_makes_no_folder(tmp_path: Path) -> None:
    import sqlite3

    drafts = write(tmp_path / "d.jsonl", target(360_000))
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    before = other.read_bytes()
    result = invoke_on(other, "review", drafts, "--accept-all")
    assert result.exit_code == 1 and "another program's tables" in result.stderr
    assert other.read_bytes() == before
    missing = tmp_path / "none" / "mxt.sqlite"
    result = invoke_on(missing, "review", drafts, "--accept", "policy")
    assert result.exit_code == 0 and not missing.parent.exists()


# -- the rules of a draft's standing ---------------------------------------------------------


def announced(kind: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "company": "Xiaomi", "announced_on": "2025-07-04", **fields}


@pytest.mark.parametrize(
    ("draft", "stored", "verdict"),
    [
        # a count: the ranges of the two values meet, or not
        (announced("deliveries", period="2025-06", units=28000),
         announced("deliveries", period="2025-06", units=25000, bound="at-least"), "repeat"),
        (announced("target", metric="production", period="2025", value=400000),
         announced("target", metric="production", period="2025", value=350000),
         "contradiction"),
        # a launch reported after it happened repeats it; one dated before it contradicts it
        (announced("launch", model="YU7", market="CN"),
         announced("launch", model="YU7", market="CN", launched_on="2025-06-26"), "repeat"),
        (announced("launch", model="YU7", market="CN", launched_on="2025-05-01"),
         announced("launch", model="YU7", market="CN", launched_on="2025-06-26"),
         "contradiction"),
        (announced("launch", model="YU7", market="CN", launched_on="2025-09-01"),
         announced("launch", model="YU7", market="CN", launched_on="2025-06-26"),
         "contradiction"),
        # a factory's next status moves it on
        (announced("factory", site="Yizhuang", phase=2, status="operational"),
         announced("factory", site="Yizhuang", phase=2, status="completed"), "update"),
    ],
)  # fmt: skip
def test_a_drafts_standing_against_the_value_in_force(
    draft: dict[str, Any], stored: dict[str, Any], verdict: str
) -> None:
    from mxt.projections.rules.changes import Held
    from mxt.projections.rules.evidence import slot_key
    from mxt.projections.rules.standing import standing

    held = Held(slot_key(stored), (), None, None, None, "stored-id")
    assert standing(False, held, stored, draft).verdict == verdict
    assert standing(True, held, stored, draft).verdict == "recorded"
    assert standing(False, None, None, draft).verdict == "new"


def test_announcements_of_kinds_without_slots_are_alike_when_their_own_fields_are() -> None:
    from mxt.projections.rules.standing import same_fields

    policy = announced("policy", markets=["*"], **{"except": ["CN"]}, not_before="2027-01-01")
    restated = {**policy, "announced_on": "2025-07-10", "note": "again", "certainty": "reported"}
    assert same_fields(policy, restated)
    assert not same_fields(policy, {**policy, "not_before": "2026-01-01"})
