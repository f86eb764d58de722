"""What's new: `mxt changes` between two known-at moments, and watches whose cursors report
each recorded event once (SPEC §10, issue 25 phase A).

A story of two companies recorded in three batches: `changes` between each pair of batches
lists exactly what the later batch recorded, and a watch reports each batch once (exit 3),
then nothing (exit 0). Watches live beside the log, not in it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import make_announcement

from mxt.cli.main import cli
from mxt.projections.opening import open_store
from mxt.storage.watches import CursorMoved, add_watch, advance, saved

from backends import is_postgres, sql, store_location

Invoke = Callable[..., Result]


def on(location: str | Path) -> Invoke:
    """`mxt --store LOCATION ARGS…` through click's CliRunner."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(cli, ["--store", str(location), *args], input=input)

    return invoke


def ok(result: Result, code: int = 0) -> Result:
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    return result


def write_jsonl(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def last_recorded(location: str | Path) -> str:
    return str(sql(location, "SELECT MAX(recorded_at) FROM mxt_chain")[0][0])


def events_of(answer: dict[str, Any]) -> list[tuple[str, str]]:
    """(event, id) of each event of a `changes` or `watch run` JSON answer, in log order."""
    return [(event["event"], event["id"]) for event in answer["events"]]


# -- the story -------------------------------------------------------------------------------


def batch_one() -> list[dict[str, Any]]:
    return [
        make_announcement("launch", id="acme-a1-de", company="Acme", model="A1", market="DE",
                          launched_on="2025-03-01", announced_on="2025-03-01"),
        make_announcement("target", id="acme-2025", company="Acme", metric="deliveries",
                          period="2025", value=100000, previous=None),
        make_announcement("launch", id="boreal-b1-fr", company="Borealis", model="B1",
                          market="FR", launched_on="2025-04-01", announced_on="2025-04-01"),
    ]  # fmt: skip


class Story:
    """The three batches, recorded through the CLI; `marks` holds the last `recorded_at`
    after each batch (index 0: before anything)."""

    def __init__(self, location: str | Path, folder: Path) -> None:
        self.mxt = on(location)
        self.location = location
        self.folder = folder
        self.marks = ["2000-01-01T00:00:00Z"]

    def first(self) -> None:
        ok(self.mxt("import", str(write_jsonl(self.folder / "one.jsonl", batch_one()))))
        self.marks.append(last_recorded(self.location))

    def second(self) -> None:
        ok(self.mxt("record", "deliveries", "--company", "Acme", "--announced-on",
                    "2025-07-01", "--source", "Acme June", "--period", "2025-06", "--units",
                    "9000", "--id", "acme-june"))  # fmt: skip
        ok(self.mxt("correct", "acme-a1-de", "--set", "market=FR", "--reason", "it was France"))
        ok(self.mxt("record", "target", "--company", "Borealis", "--announced-on",
                    "2025-07-02", "--source", "Borealis guidance", "--metric", "deliveries",
                    "--period", "2025", "--value", "50k", "--id", "boreal-2025"))  # fmt: skip
        self.marks.append(last_recorded(self.location))

    def third(self) -> None:
        ok(self.mxt("retract", "acme-2025", "--reason", "a rumour"))
        ok(self.mxt("record", "statement", "--company", "Borealis", "--announced-on",
                    "2025-07-03", "--source", "Borealis call", "--topic", "hiring", "--text",
                    HIRING, "--id", "boreal-hiring"))  # fmt: skip
        self.marks.append(last_recorded(self.location))


HIRING = "Hiring <script>alert(1)</script> & *engineers*"
BATCHES = [
    [("recorded", "acme-a1-de"), ("recorded", "acme-2025"), ("recorded", "boreal-b1-fr")],
    [("recorded", "acme-june"), ("corrected", "acme-a1-de"), ("recorded", "boreal-2025")],
    [("retracted", "acme-2025"), ("recorded", "boreal-hiring")],
]


@pytest.fixture
def story(tmp_path: Path) -> Story:
    """The story with its three batches recorded into a SQLite store."""
    told = Story(tmp_path / "story.sqlite", tmp_path)
    told.first()
    told.second()
    told.third()
    return told


def test_changes_between_each_pair_of_batches_lists_exactly_the_later_batch(story: Story) -> None:
    for index, expected in enumerate(BATCHES):
        since, until = story.marks[index], story.marks[index + 1]
        answer = json.loads(ok(story.mxt("changes", "--since", since, "--until", until,
                                         "--json")).stdout)  # fmt: skip
        assert events_of(answer) == expected
        assert answer["since"] == since.replace("Z", ".000000Z") if index == 0 else since
        assert answer["until"] == until
        assert all(event["ids"] == [event["id"]] for event in answer["events"])
    everything = json.loads(ok(story.mxt("changes", "--since", "2000-01-01", "--json")).stdout)
    assert events_of(everything) == [pair for batch in BATCHES for pair in batch]
    assert everything["until"] == story.marks[3]


def test_changes_of_a_correction_say_what_it_set_and_what_it_replaced(story: Story) -> None:
    asked = ("--since", story.marks[1], "--until", story.marks[2], "--kind", "launch")
    answer = json.loads(ok(story.mxt("changes", *asked, "--json")).stdout)
    [corrected] = answer["events"]
    assert (corrected["set"], corrected["was"]) == ({"market": "FR"}, {"market": "DE"})
    assert corrected["reason"] == "it was France"
    assert corrected["summary"] == "A1 in FR on 2025-03-01"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--company", "ACME"], [("recorded", "acme-june"), ("corrected", "acme-a1-de"),
                                 ("retracted", "acme-2025")]),
        (["--company", "Acme", "--kind", "target"], [("retracted", "acme-2025")]),
        # the correction moved the launch away from DE: a question about DE still hears of it
        (["--market", "DE"], [("corrected", "acme-a1-de")]),
        (["--market", "EU"], []),  # an announcement for a member does not cover the region
        (["--market", "FR"], [("corrected", "acme-a1-de")]),
        (["--model", "a1"], [("corrected", "acme-a1-de")]),
        (["--company", "Acme", "--company", "Borealis", "--kind", "statement"],
         [("recorded", "boreal-hiring")]),
    ],
)  # fmt: skip
def test_changes_match_the_filters_of_the_other_read_commands(
    story: Story, options: list[str], expected: list[tuple[str, str]]
) -> None:
    answer = json.loads(ok(story.mxt("changes", "--since", story.marks[1], *options,
                                     "--json")).stdout)  # fmt: skip
    assert events_of(answer) == expected


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (["--since", "yesterday"], "since"),
        (["--since", "2025-07-02", "--until", "2025-07-01"], "until"),
        (["--since", "2025-07-01", "--kind", "rumour"], "kind"),
        (["--since", "2025-07-01", "--market", "Narnia"], "market"),
        (["--since", "2025-07-01", "--as-of", "2025-13-01"], "as_of"),
        (["--since", "2025-07-01", "--format", "html", "--section", "events"], "section"),
    ],
)
def test_bad_changes_options_exit_2_naming_the_option(
    story: Story, options: list[str], field: str
) -> None:
    result = ok(story.mxt("changes", *options), 2)
    assert f"mxt: error: {field}: " in result.stderr
    assert "Traceback" not in result.output


def test_changes_need_since(story: Story) -> None:
    assert "--since" in ok(story.mxt("changes"), 2).stderr


# -- watches ---------------------------------------------------------------------------------


def test_a_watch_reports_each_batch_once_then_nothing(tmp_path: Path) -> None:
    told = Story(tmp_path / "s.sqlite", tmp_path)
    told.first()
    for name, selection in [("all", []), ("acme", ["--company", "Acme"]),
                            ("de", ["--market", "DE"])]:  # fmt: skip
        ok(told.mxt("watch", "add", name, *selection))
    nothing = json.loads(ok(told.mxt("watch", "run", "--json")).stdout)
    assert nothing["events"] == [] and len(nothing["watches"]) == 3  # added after batch one

    def reported(run: dict[str, Any], watch: str) -> list[tuple[str, str]]:
        return [(e["event"], e["id"]) for e in run["events"] if e["watch"] == watch]

    told.second()
    run = json.loads(ok(told.mxt("watch", "run", "--json"), 3).stdout)
    assert reported(run, "all") == BATCHES[1]
    assert reported(run, "acme") == [("recorded", "acme-june"), ("corrected", "acme-a1-de")]
    assert reported(run, "de") == [("corrected", "acme-a1-de")]
    assert json.loads(ok(told.mxt("watch", "run", "--json")).stdout)["events"] == []
    told.third()
    run = json.loads(ok(told.mxt("watch", "run", "all", "de", "--json"), 3).stdout)
    assert reported(run, "all") == BATCHES[2] and reported(run, "de") == []
    [de] = [w for w in run["watches"] if w["watch"] == "de"]
    assert (de["new_events"], de["since"], de["until"]) == (0, told.marks[2], told.marks[3])
    # `acme` was not run: its batch three is still waiting for it
    run = json.loads(ok(told.mxt("watch", "run", "--json"), 3).stdout)
    assert reported(run, "acme") == [("retracted", "acme-2025")] and reported(run, "all") == []
    ok(told.mxt("watch", "run"), 0)


def test_peek_leaves_the_cursor(tmp_path: Path) -> None:
    told = Story(tmp_path / "s.sqlite", tmp_path)
    told.first()
    ok(told.mxt("watch", "add", "w"))
    told.second()
    first = ok(told.mxt("watch", "run", "--peek", "--json"), 3).stdout
    again = ok(told.mxt("watch", "run", "w", "--peek", "--json"), 3).stdout
    assert first == again and events_of(json.loads(first)) == BATCHES[1]
    [listed] = json.loads(ok(told.mxt("watch", "list", "--json")).stdout)
    assert listed["cursor"] == 3  # where it was added: after batch one's three events
    assert ok(told.mxt("watch", "run", "--json"), 3).stdout == first
    ok(told.mxt("watch", "run", "--peek"), 0)


def test_a_new_watch_starts_at_the_moment_it_is_added(tmp_path: Path) -> None:
    mxt = on(tmp_path / "s.sqlite")
    ok(mxt("import", str(write_jsonl(tmp_path / "one.jsonl", batch_one()))))
    assert "after event #3" in ok(mxt("watch", "add", "late")).stdout
    ok(mxt("watch", "run", "late"), 0)
    [listed] = json.loads(ok(mxt("watch", "list", "--json")).stdout)
    assert (listed["name"], listed["cursor"], listed["alerts"]) == ("late", 3, None)


def test_a_run_from_a_replay_on_a_rollback_journal_file_does_not_wait_for_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SQLite store in rollback-journal mode whose read model cannot answer (of another mxt
    version): the run answers from a replay on a read transaction it holds, which its own
    write of the cursors must not wait for (it waited for itself until MXT_LOCK_TIMEOUT,
    then blamed "another mxt")."""
    monkeypatch.setenv("MXT_LOCK_TIMEOUT", "2")  # (how long the fault made it wait)
    told = Story(tmp_path / "s.sqlite", tmp_path)
    told.first()
    ok(told.mxt("watch", "add", "w"))
    told.second()
    sql(told.location, "PRAGMA journal_mode=DELETE")
    sql(told.location, "UPDATE mxt_rm_meta SET value='0' WHERE name='version'")
    run = ok(told.mxt("watch", "run", "--json"), 3)
    assert "answered from a replay of the log" in run.stderr
    assert events_of(json.loads(run.stdout)) == BATCHES[1]
    ok(told.mxt("watch", "run"), 0)  # the cursor moved: nothing new


def test_watch_add_list_remove(tmp_path: Path) -> None:
    mxt = on(tmp_path / "s.sqlite")
    ok(mxt("import", str(write_jsonl(tmp_path / "one.jsonl", batch_one()))))
    assert json.loads(ok(mxt("watch", "list", "--json")).stdout) == []
    ok(mxt("watch", "add", "eu-acme", "--company", "Ａｃｍｅ", "--market", "eu", "--model",
           "A1", "--alert", "overdue", "--alert", "slipped"))  # fmt: skip
    [listed] = json.loads(ok(mxt("watch", "list", "--json")).stdout)
    assert {k: listed[k] for k in ("companies", "markets", "models", "alerts")} == {
        "companies": ["Acme"], "markets": ["EU"], "models": ["A1"],
        "alerts": ["overdue", "slipped"],
    }  # fmt: skip
    rows = ok(mxt("watch", "list", "--format", "csv")).stdout.splitlines()
    assert rows[0].startswith("name,companies,markets,models,alerts,cursor,")
    assert "eu-acme" in ok(mxt("watch", "list")).stdout
    assert ok(mxt("watch", "add", "eu-acme"), 2).stderr.startswith("mxt: error: watch: ")
    ok(mxt("watch", "remove", "eu-acme"))
    assert json.loads(ok(mxt("watch", "list", "--json")).stdout) == []
    assert "no watch named 'eu-acme'" in ok(mxt("watch", "remove", "eu-acme"), 2).stderr
    assert "no watch named 'gone'" in ok(mxt("watch", "run", "gone"), 2).stderr


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        (["bad name"], "name"),
        (["-x"], None),  # click: no such option
        (["w", "--alert", "weather"], "alert"),
        (["w", "--market", "Atlantis"], "market"),
        (["w", "--company", "Ac\u200bme"], "company"),
    ],
)
def test_bad_watches_exit_2_and_save_nothing(
    tmp_path: Path, arguments: list[str], field: str | None
) -> None:
    mxt = on(tmp_path / "s.sqlite")
    ok(mxt("import", str(write_jsonl(tmp_path / "one.jsonl", batch_one()))))
    result = ok(mxt("watch", "add", *arguments), 2)
    if field is not None:
        assert result.stderr.startswith(f"mxt: error: {field}: ")
    assert json.loads(ok(mxt("watch", "list", "--json")).stdout) == []


def test_a_watch_never_makes_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "folder" / "none.sqlite"
    result = ok(on(missing)("watch", "add", "w"), 1)
    assert "no store at" in result.stderr
    assert "only record, import and region define create one" in result.stderr
    assert not missing.parent.exists()
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert "holds no mxt log" in ok(on(empty)("watch", "add", "w"), 1).stderr
    assert empty.stat().st_size == 0
    ok(on(missing)("watch", "list"), 1)
    ok(on(missing)("watch", "run"), 1)


def test_watches_live_beside_the_log_not_in_it(tmp_path: Path) -> None:
    location = tmp_path / "s.sqlite"
    mxt = on(location)
    ok(mxt("import", str(write_jsonl(tmp_path / "one.jsonl", batch_one()))))
    exported, head = ok(mxt("export")).stdout, ok(mxt("verify")).stdout
    ok(mxt("watch", "add", "w"))
    ok(mxt("record", "statement", "--company", "Acme", "--announced-on", "2025-07-05",
           "--source", "s", "--topic", "t", "--text", "x"))  # fmt: skip
    ok(mxt("watch", "run"), 3)
    ok(mxt("retract", "acme-a1-de", "--reason", "r"))  # so that the export differs from before
    assert ok(mxt("verify")).stdout != head  # the log moved on, the watch is not in it…
    ok(mxt("rebuild"))
    listed = json.loads(ok(mxt("watch", "list", "--json")).stdout)
    assert [w["name"] for w in listed] == ["w"] and listed[0]["cursor"] == 4  # …nor rebuilt
    assert "watch" not in ok(mxt("export")).stdout.replace(exported, "")
    ok(mxt("copy", "--to", str(tmp_path / "copy.sqlite")))
    assert json.loads(ok(on(tmp_path / "copy.sqlite")("watch", "list", "--json")).stdout) == []
    ok(mxt("watch", "run", "w"), 3)  # the retraction


def test_a_cursor_beyond_the_log_is_refused(tmp_path: Path) -> None:
    location = tmp_path / "s.sqlite"
    mxt = on(location)
    ok(mxt("import", str(write_jsonl(tmp_path / "one.jsonl", batch_one()))))
    ok(mxt("watch", "add", "w"))
    sql(location, "UPDATE mxt_watches SET log_position=99")
    result = ok(mxt("watch", "run", "w"), 1)
    assert "beyond the log's last event (#3)" in result.stderr


def test_a_run_whose_cursor_moved_meanwhile_reports_nothing(store_location: str) -> None:
    with open_store(store_location, "create") as store:
        watch = add_watch(store, "w")
        reported: list[str] = []
        with pytest.raises(CursorMoved):
            advance(store, {"w": (watch.cursor + 1, 5)}, lambda: reported.append("out"))
        assert reported == []
        with store.read() as cursor:
            assert saved(store, cursor)[0].cursor == watch.cursor
        advance(store, {"w": (watch.cursor, 7)}, lambda: reported.append("out"))
        with store.read() as cursor:
            assert saved(store, cursor, ["w"])[0].cursor == 7
        assert reported == ["out"]


# -- formats -------------------------------------------------------------------------------


def test_changes_in_every_format(story: Story) -> None:
    since = story.marks[2]
    jsonl = ok(story.mxt("changes", "--since", since, "--format", "jsonl", "--section", "events"))
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(row["event"], row["id"]) for row in rows] == BATCHES[2]
    assert "source.title" in rows[0]
    csv = ok(story.mxt("changes", "--since", since, "--format", "csv", "--section", "events"))
    assert csv.stdout.splitlines()[0].startswith("position,event,recorded_at,id,kind,company")
    assert len(csv.stdout.splitlines()) == 3
    [summary] = json.loads(ok(story.mxt("changes", "--since", since, "--section", "summary",
                                        "--json")).stdout)  # fmt: skip
    assert (summary["since"], summary["until"]) == (since, story.marks[3])
    unsectioned = ok(story.mxt("changes", "--since", since, "--format", "csv"), 2)
    assert "needs --section" in unsectioned.stderr
    table = ok(story.mxt("changes", "--since", since)).stdout
    assert "boreal-hiring" in table and "a rumour" in table and "events #7–#8" in table


def test_the_markdown_digest_escapes_what_markdown_would_read(story: Story) -> None:
    text = ok(story.mxt("changes", "--since", story.marks[1], "--format", "markdown")).stdout
    assert text.startswith("# mxt: What changed\n")
    assert "## Changes: 5 new" in text
    assert "Hiring \\<script\\>alert(1)\\</script\\> \\& \\*engineers\\*" in text
    assert "  - market: DE → FR\n  - reason: it was France" in text
    assert "<script>" not in text


def test_the_html_digest_is_self_contained_and_escaped(story: Story) -> None:
    page = ok(story.mxt("changes", "--since", story.marks[1], "--format", "html")).stdout
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page.lower()
    assert "Hiring &lt;script&gt;alert(1)&lt;/script&gt; &amp; *engineers*" in page
    assert not re.search(r"""(src|href)=["']?(?!https?://)""", page)  # nothing fetched
    assert not re.search(r"""src=|@import|url\(""", page)


def test_watch_run_in_every_format(tmp_path: Path) -> None:
    told = Story(tmp_path / "s.sqlite", tmp_path)
    told.first()
    ok(told.mxt("watch", "add", "acme", "--company", "Acme"))
    ok(told.mxt("watch", "add", "all"))
    told.second()
    peek = ("watch", "run", "--peek")
    rows = ok(told.mxt(*peek, "--format", "csv", "--section", "events"), 3).stdout.splitlines()
    assert rows[0].startswith("watch,position,event,") and len(rows) == 1 + 2 + 3
    watches = ok(told.mxt(*peek, "--format", "jsonl", "--section", "watches"), 3).stdout
    assert [json.loads(line)["new_events"] for line in watches.splitlines()] == [2, 3]
    text = ok(told.mxt(*peek, "--format", "markdown"), 3).stdout
    assert "## watch acme: 2 new" in text and "## watch all: 3 new" in text
    page = ok(told.mxt(*peek, "--format", "html"), 3).stdout
    assert "<h2>watch acme: 2 new</h2>" in page
    table = ok(told.mxt(*peek), 3).stdout
    assert "watch acme: 2 new" in table and "acme-june" in table


@pytest.mark.parametrize(
    "options",
    [[], ["--json"], ["--format", "jsonl", "--section", "events"],
     ["--format", "csv", "--section", "events"], ["--format", "markdown"],
     ["--format", "html"]],
)  # fmt: skip
def test_changes_of_the_seed_in_every_format(tmp_path: Path, options: list[str]) -> None:
    """Every kind of the seed (a factory's status, a claim, a policy…) in every format."""
    from mxt.cli.demo import seed_path

    mxt = on(tmp_path / "seed.sqlite")
    ok(mxt("import", str(seed_path())))
    out = ok(mxt("changes", "--since", "2000-01-01", *options)).stdout
    assert "Beijing Yizhuang phase 3 land-acquired" in out or "land-acquired" in out
    assert "xiaomi-claim-eighth-straight-month" in out


@pytest.mark.skipif(
    not (shutil.which("chromium") or shutil.which("chromium-browser")),
    reason="no chromium here (.ci/run installs Debian's chromium)",
)
def test_a_browser_shows_the_html_digest(story: Story, tmp_path: Path) -> None:
    page = tmp_path / "digest.html"
    page.write_text(ok(story.mxt("changes", "--since", story.marks[1], "--format", "html")).stdout)
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser is not None
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert "Changes: 5 new" in dom and "it was France" in dom
    assert "Hiring &lt;script&gt;alert(1)&lt;/script&gt;" in dom  # shown, not run


# -- concurrency and crashes ---------------------------------------------------------------

# A writer: records statements one by one and, halfway, imports a file of its own.
WRITER = textwrap.dedent(
    """
    import json, sys
    from click.testing import CliRunner
    from mxt.cli.main import cli

    import glob, time

    store, number, lines, ready = sys.argv[1:]
    runner = CliRunner()
    while len(glob.glob(ready + "-*")) < 2:  # both watchers have run once: they are looping
        time.sleep(0.05)

    def mxt(*args):
        result = runner.invoke(cli, ["--store", store, *args])
        if result.exit_code != 0:
            sys.exit(f"mxt {args} failed ({result.exit_code}): {result.output}")

    for i in range(12):
        mxt("record", "statement", "--company", f"Writer {number}", "--announced-on",
            "2025-07-02", "--source", "watch test", "--topic", "t", "--text", f"note {i}")
        if i == 6:
            mxt("import", lines)
    """
)

# A watcher: runs the watch in a loop until told to stop, then once more; prints, as one JSON
# list, the log positions of every event each run reported.
WATCHER = textwrap.dedent(
    """
    import json, os, sys
    from click.testing import CliRunner
    from mxt.cli.main import cli

    store, stop, ready = sys.argv[1:]
    runner = CliRunner()
    seen, runs, reporting = [], 0, 0
    while True:
        last = os.path.exists(stop)
        result = runner.invoke(cli, ["--store", store, "watch", "run", "w", "--json"])
        if result.exit_code not in (0, 3):
            sys.exit(f"watch run failed ({result.exit_code}): {result.output}")
        events = json.loads(result.stdout)["events"]
        if (result.exit_code == 3) != bool(events):
            sys.exit(f"exit {result.exit_code} with {len(events)} events")
        seen += [event["position"] for event in events]
        runs += 1
        reporting += bool(events)
        if runs == 1:
            open(f"{ready}-{os.getpid()}", "w").close()
        if last:
            break
    print(json.dumps({"seen": seen, "runs": runs, "reporting": reporting}))
    """
)


def test_writers_and_watchers_at_once_lose_and_duplicate_nothing(
    tmp_path: Path, store_location: str
) -> None:
    """Two processes record while two others run the same watch in a loop: every event
    recorded after the watch was added is reported exactly once, across all the runs of
    both watchers (the second watcher checks the compare-and-set of the cursor)."""
    mxt = on(store_location)
    ok(mxt("import", str(write_jsonl(tmp_path / "one.jsonl", batch_one()))))
    ok(mxt("watch", "add", "w"))
    stop = tmp_path / "stop"
    lines = [
        [make_announcement("orders", company=f"Writer {n}", model=f"M{i}", count=i)
         for i in range(40)]
        for n in range(2)
    ]  # fmt: skip
    files = [write_jsonl(tmp_path / f"lines-{n}.jsonl", lines[n]) for n in range(2)]
    ready = str(tmp_path / "ready")  # each watcher marks its first run; the writers wait for both
    watchers = [_python(WATCHER, store_location, str(stop), ready) for _ in range(2)]
    writers = [_python(WRITER, store_location, str(n), str(files[n]), ready) for n in range(2)]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    stop.touch()
    answers = []
    for watcher in watchers:
        out, err = watcher.communicate(timeout=300)
        assert watcher.returncode == 0, err
        answers.append(json.loads(out))
    seen = [position for answer in answers for position in answer["seen"]]
    recorded = [row[0] for row in sql(store_location, "SELECT notification_id FROM mxt_chain "
                                      "WHERE position > 3 ORDER BY position")]  # fmt: skip
    assert len(recorded) == 2 * (12 + 40)
    assert sorted(seen) == recorded  # each exactly once: none lost, none twice
    assert all(answer["runs"] >= 2 for answer in answers)
    # the events came over several runs, as they were being recorded, not all in the last one
    # (the writers start once both watchers loop; how many runs report depends on the load)
    assert sum(answer["reporting"] for answer in answers) >= 2, answers_summary(answers)
    ok(mxt("watch", "run", "w"), 0)


def answers_summary(answers: list[dict[str, Any]]) -> list[tuple[int, int]]:
    return [(answer["runs"], answer["reporting"]) for answer in answers]


def test_a_name_is_added_once_whoever_adds_it_at_the_same_moment(store_location: str) -> None:
    import threading

    from mxt.storage.watches import WatchExists

    with open_store(store_location, "create") as store:
        add_watch(store, "first")  # the table exists: the adds race on the name alone
        outcomes: list[str] = []
        start = threading.Barrier(4)

        def add() -> None:
            start.wait()
            try:
                add_watch(store, "same")
                outcomes.append("added")
            except WatchExists:
                outcomes.append("exists")

        threads = [threading.Thread(target=add) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) == ["added", "exists", "exists", "exists"]


def _python(script: str, *arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_run_killed_while_it_reports_leaves_the_cursor(
    tmp_path: Path, store_location: str
) -> None:
    """A run is killed in the middle of writing its report (its reader stopped reading, so
    it waits inside its transaction): the cursor stays, and the next run reports it all."""
    mxt = on(store_location)
    ok(mxt("import", str(write_jsonl(tmp_path / "one.jsonl", batch_one()))))
    ok(mxt("watch", "add", "w"))
    many = [make_announcement("statement", company="Acme", text=f"note {i} " + "x" * 200)
            for i in range(600)]  # fmt: skip
    ok(mxt("import", str(write_jsonl(tmp_path / "many.jsonl", many))))
    run = subprocess.Popen(
        [sys.executable, "-c", "from mxt.cli.main import main; main()", "--store",
         str(store_location), "watch", "run", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert run.stdout is not None
    begun = run.stdout.read(1000)  # the report has begun: the run is inside its transaction
    assert begun.startswith(b"{")
    time.sleep(0.5)  # it fills the pipe, and waits for it to be read
    assert run.poll() is None
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    [listed] = json.loads(ok(mxt("watch", "list", "--json")).stdout)
    assert listed["cursor"] == 3
    assert len(json.loads(ok(mxt("watch", "run", "--json"), 3).stdout)["events"]) == 600
    ok(mxt("watch", "run"), 0)
    if not is_postgres(store_location):  # the killed run left no lock behind
        ok(mxt("record", "statement", "--company", "Acme", "--announced-on", "2025-07-05",
               "--source", "s", "--topic", "t", "--text", "after"))  # fmt: skip
