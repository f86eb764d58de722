"""What the events between two known-at moments changed in the answers, and the alerts that
began to hold (SPEC §10, issue 25 phase B), on SQLite and PostgreSQL.

A story of one company recorded in three batches, every answer read as of 2025-07-15:
1. a deliveries target (which revised an earlier one), five months of 5,000, a launch plan
   for June (overdue by mid-July), a plant of 120,000 a year: the target is behind and out
   of reach (needs 10,714 a month; best month 5,000).
2. a correction of the superseded target (changes no answer), a correction of May to 50,000
   (the pace turns ahead, the target is in reach again), the launch plan moved to December
   (a slip: no longer overdue).
3. the target raised to 150,000 (revised; out of reach of the plant's 10,000 a month), a
   lower-rank report of April that disagrees, an exit from France.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import make_announcement
from test_watch import ok, on, write_jsonl

from backends import sql, store_location  # noqa: F401 (a fixture)

AS_OF = "2025-07-15"


def batch_one() -> list[dict[str, Any]]:
    months = [
        make_announcement("deliveries", id=f"acme-2025-0{m}", company="Acme", period=f"2025-0{m}",
                          units=5000, announced_on=f"2025-0{m + 1}-01")
        for m in range(1, 6)
    ]  # fmt: skip
    return [
        make_announcement("target", id="acme-2025-old", company="Acme", metric="deliveries",
                          period="2025", value=80000, announced_on="2025-01-05"),
        make_announcement("target", id="acme-2025", company="Acme", metric="deliveries",
                          period="2025", value=100000, announced_on="2025-02-01"),
        *months,
        make_announcement("launch", id="acme-a1-de", company="Acme", model="A1", market="DE",
                          launched_on="2025-06", status="planned", announced_on="2025-01-10"),
        make_announcement("factory", id="acme-plant", company="Acme", site="Plant", phase=1,
                          status="operational", capacity=120000, announced_on="2024-06-01"),
    ]  # fmt: skip


class Story:
    def __init__(self, location: str, folder: Path) -> None:
        self.mxt = on(location)
        self.location = location
        self.folder = folder
        self.marks = ["2000-01-01T00:00:00Z"]

    def mark(self) -> None:
        self.marks.append(str(sql(self.location, "SELECT MAX(recorded_at) FROM mxt_chain")[0][0]))

    def first(self) -> None:
        ok(self.mxt("import", str(write_jsonl(self.folder / "one.jsonl", batch_one()))))
        self.mark()

    def second(self) -> None:
        ok(self.mxt("correct", "acme-2025-old", "--set", "value=85000", "--reason", "misread"))
        ok(self.mxt("correct", "acme-2025-05", "--set", "units=50000", "--reason", "a digit"))
        ok(self.mxt("record", "launch", "--company", "Acme", "--model", "A1", "--market", "DE",
                    "--launched-on", "2025-12", "--status", "planned", "--announced-on",
                    "2025-06-15", "--source", "delay", "--id", "acme-a1-de-late"))  # fmt: skip
        self.mark()

    def third(self) -> None:
        ok(self.mxt("record", "target", "--company", "Acme", "--metric", "deliveries",
                    "--period", "2025", "--value", "150k", "--announced-on", "2025-07-01",
                    "--source", "raised", "--id", "acme-2025-raised"))  # fmt: skip
        ok(self.mxt("record", "deliveries", "--company", "Acme", "--period", "2025-04",
                    "--units", "7000", "--certainty", "reported", "--announced-on",
                    "2025-07-02", "--source", "a blog", "--id", "acme-april-blog"))  # fmt: skip
        ok(self.mxt("record", "exit", "--company", "Acme", "--markets", "FR",
                    "--announced-on", "2025-07-03", "--source", "leaving", "--id",
                    "acme-exit-fr"))  # fmt: skip
        self.mark()


def changes(story: Story, batch: int, *options: str) -> dict[str, Any]:
    since, until = story.marks[batch - 1], story.marks[batch]
    asked = ("changes", "--since", since, "--until", until, "--as-of", AS_OF, *options, "--json")
    return json.loads(ok(story.mxt(*asked)).stdout)


def areas(answer: dict[str, Any]) -> dict[tuple[str, str], tuple[Any, Any]]:
    """Each state change as (area, about) -> (from, to)."""
    found = {}
    for change in answer["changes"]:
        about = change.get("period") or change.get("market") or change.get("claim_type") or ""
        found[(change["area"], str(about))] = (change["from"], change["to"])
    return found


def alerts(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((alert["alert"], alert["reason"]) for alert in answer["alerts"])


def test_each_batch_changes_exactly_what_it_changed_and_its_alerts_begin(
    store_location: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    story = Story(store_location, tmp_path)
    story.first()
    one = changes(story, 1)
    assert len(one["events"]) == 9
    assert areas(one)[("target", "2025")] == (None, 100000)
    assert areas(one)[("pace", "2025")] == (None, "behind")
    assert areas(one)[("market-status", "DE")] == ("unknown", "overdue")
    assert alerts(one) == [
        ("behind", "deliveries target 2025 of 100,000: 25.0% reached with 41.37% of the "
                   "period gone"),
        ("out-of-reach", "deliveries target 2025 of 100,000: needs 10,714 a month; best month "
                         "so far 5,000 (2025-01; ×1.2 is 6,000)"),
        ("overdue", "A1's launch in DE: planned for 2025-06, 15 days overdue"),
        ("target-revised", "deliveries target 2025: 80,000 → 100,000 (+25.0%), announced "
                           "2025-02-01"),
    ]  # fmt: skip
    [overdue] = [a for a in one["alerts"] if a["alert"] == "overdue"]
    assert (overdue["ids"], overdue["model"], overdue["market"]) == (["acme-a1-de"], "A1", "DE")

    story.second()
    two = changes(story, 2)
    assert [(e["event"], e["id"]) for e in two["events"]] == [
        ("corrected", "acme-2025-old"), ("corrected", "acme-2025-05"),
        ("recorded", "acme-a1-de-late"),
    ]  # fmt: skip
    changed = areas(two)
    # the superseded target's correction changes no answer: no target change
    assert not any(area == "target" for area, _ in changed)
    assert changed[("deliveries", "2025-05")] == (5000, 50000)
    assert changed[("pace", "2025")] == ("behind", "ahead")
    assert changed[("market-status", "DE")] == ("overdue", "announced")
    [launch] = [c for c in two["changes"] if c["area"] == "launch"]
    assert (launch["from"], launch["to"]) == ("2025-06", "2025-12")
    assert (launch["from_status"], launch["to_status"]) == ("overdue", "announced")
    assert launch["ids"] == ["acme-a1-de-late"]
    assert alerts(two) == [
        ("slipped", "A1's launch in DE: first planned for 2025-06, now 2025-12 (moved later once)")
    ]
    assert two["alerts"][0]["ids"] == ["acme-a1-de", "acme-a1-de-late"]

    story.third()
    three = changes(story, 3)
    changed = areas(three)
    assert changed[("target", "2025")] == (100000, 150000)
    assert ("pace", "2025") not in changed  # 46.67% reached, 41.37% gone: still ahead
    assert changed[("conflict", "2025-04")] == (None, [5000, 7000])
    assert ("exit", "") in changed
    assert alerts(three) == [
        ("conflict", "total deliveries 2025-04: 5,000 (confirmed, 2025-05-01) in force, "
                     "against 7,000 (reported, 2025-07-02)"),
        ("exit", "every model leaves FR from 2025-07-03 (announced 2025-07-03, confirmed)"),
        ("out-of-reach", "deliveries target 2025 of 150,000: needs 11,429 a month; stated "
                         "capacity 120,000 a year (10,000 a month)"),
        ("target-revised", "deliveries target 2025: 100,000 → 150,000 (+50.0%), announced "
                           "2025-07-01"),
    ]  # fmt: skip
    # the whole stretch: alerts that hold at the end and did not at the start
    whole = json.loads(ok(story.mxt("changes", "--since", story.marks[0], "--as-of", AS_OF,
                                    "--json")).stdout)  # fmt: skip
    assert {a["alert"] for a in whole["alerts"]} == {
        "slipped", "conflict", "exit", "out-of-reach", "target-revised"
    }  # fmt: skip


def test_a_watch_reports_alerts_when_they_begin_and_all_of_them_with_all(
    store_location: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    story = Story(store_location, tmp_path)
    story.first()
    mxt = story.mxt
    ok(mxt("watch", "add", "acme", "--company", "acme"))
    ok(mxt("watch", "add", "slips", "--alert", "slipped", "--alert", "overdue"))
    ok(mxt("watch", "run", "--as-of", AS_OF), 0)  # nothing new since they were added
    standing = json.loads(ok(mxt("watch", "run", "acme", "--all", "--as-of", AS_OF,
                                 "--json")).stdout)  # fmt: skip
    assert {a["alert"] for a in standing["alerts"]} == {
        "behind", "out-of-reach", "overdue", "target-revised"
    }  # fmt: skip
    story.second()
    run = json.loads(ok(mxt("watch", "run", "--as-of", AS_OF, "--json"), 3).stdout)
    assert [(a["watch"], a["alert"]) for a in run["alerts"]] == [
        ("acme", "slipped"), ("slips", "slipped")
    ]  # fmt: skip
    assert {c["area"] for c in run["changes"] if c["watch"] == "acme"} >= {"launch", "pace"}
    ok(mxt("watch", "run", "--as-of", AS_OF), 0)
    story.third()
    run = json.loads(ok(mxt("watch", "run", "--as-of", AS_OF, "--json"), 3).stdout)
    assert sorted(a["alert"] for a in run["alerts"]) == [
        "conflict", "exit", "out-of-reach", "target-revised"
    ]  # fmt: skip
    assert all(a["watch"] == "acme" for a in run["alerts"])  # `slips` asked for none of these
    markdown = ok(mxt("watch", "run", "acme", "--all", "--as-of", AS_OF, "--peek", "--format",
                      "markdown")).stdout  # fmt: skip
    assert "### Alerts" in markdown and "**slipped** Acme" in markdown
    page = ok(mxt("watch", "run", "acme", "--all", "--as-of", AS_OF, "--peek", "--format",
                  "html")).stdout  # fmt: skip
    assert "<h3>Alerts</h3>" in page and "<h3>Changes in the answers</h3>" not in page
    assert "A1&#39;s launch in DE: first planned for 2025-06, now 2025-12" in page


def test_a_plan_that_falls_overdue_as_days_pass_is_a_new_alert(
    store_location: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Without --as-of, a watch's alerts are new against the day it last reported: a plan
    whose date passed since is reported, though nothing was recorded."""
    mxt = on(store_location)
    plan = make_announcement("launch", id="soon", company="Acme", model="A1", market="DE",
                             launched_on="2025-06-30", status="planned",
                             announced_on="2025-01-10")  # fmt: skip
    ok(mxt("import", str(write_jsonl(tmp_path / "one.jsonl", [plan]))))
    ok(mxt("watch", "add", "w"))
    sql(store_location, "UPDATE mxt_watches SET updated_at='2025-06-20T08:00:00.000000Z'")
    run = json.loads(ok(mxt("watch", "run", "--json"), 3).stdout)
    assert [a["alert"] for a in run["alerts"]] == ["overdue"] and run["events"] == []
    ok(mxt("watch", "run"), 0)  # reported once: the day it last reported is today now
