"""Regions, metrics and comparisons in the answers (SPEC 5.3, issue 24 phase B): a region
covers the members of the day its announcement takes effect; `state market REGION` answers
per member; a target is measured by its metric and its stand-ins only; claims take a scope,
and a `compare` claim puts two companies side by side. Rules on hand-made facts, then a story
of a company expanding into Europe before and after 2020 (tests/data/regions-story.jsonl)
through the command line on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import make_fact

from mxt.cli.main import cli
from mxt.events.kinds import Scope, claim_statement
from mxt.projections.rules.claims import Evidence, check
from mxt.projections.rules.figures import Amount
from mxt.projections.rules.market import MarketState, MarketStatus, region_state
from mxt.projections.rules.progress import ActualFact
from mxt.projections.rules.state import NO_PLAN, Query

from backends import store_location

STORY = Path(__file__).parent / "data" / "regions-story.jsonl"
OVERSEAS = {"markets": ["*"], "except": ["CN"]}


def figure(company: str, period: str, units: int, bound: str = "exact", **extra: Any) -> Any:
    scope = Scope.of(extra) if extra else Scope()
    fields = {k: v for k, v in extra.items() if k not in ("markets", "except")}
    return make_fact(ActualFact, Amount(units, bound), id=f"{company}-{period}-{units}",  # type: ignore[arg-type]
                     company=company, period=period, announced_on="2025-05-01",
                     scope=scope, **fields)  # fmt: skip


def compared(op: str, mine: list[Any], theirs: list[Any], **extra: Any) -> str:
    claim = {"type": "compare", "metric": "deliveries", "period": "2025-04", "than": "Rival",
             "op": op, **extra}  # fmt: skip
    return check(claim, Evidence(actuals=mine), "2025-06-01", Evidence(actuals=theirs)).verdict


# -- compare claims, as pure rules ------------------------------------------------------------


def test_a_compare_claim_holds_fails_or_cannot_decide_by_the_two_totals() -> None:
    ours, theirs = [figure("Acme", "2025-04", 9_000)], [figure("Rival", "2025-04", 8_000)]
    assert compared(">", ours, theirs) == "holds"
    assert compared(">=", ours, theirs, by=1_000) == "holds"
    assert compared(">", ours, theirs, by=1_000) == "fails"  # outsold by exactly 1,000
    assert compared("<", ours, theirs) == "fails"
    assert compared("<=", theirs, ours) == "holds"
    assert compared("<", ours, theirs, by=500) == "fails"
    # bounds count honestly: 8,000+ may be more than 9,000; ~8,000 may reach 8,400 at most
    assert compared(">", ours, [figure("Rival", "2025-04", 8_000, "at-least")]) == "undetermined"
    assert compared(">", ours, [figure("Rival", "2025-04", 8_000, "about")]) == "holds"
    assert compared(">", ours, [figure("Rival", "2025-04", 8_700, "about")]) == "undetermined"
    # a month nobody announced is no figure: nothing can be decided
    assert compared(">", ours, []) == "undetermined"
    assert compared(">", [], theirs) == "undetermined"


def test_a_compare_claim_counts_each_company_in_the_claims_scope_only() -> None:
    europe = {"markets": ["EUROPE-JATO"]}
    ours = [figure("Acme", "2025-04", 9_000, **europe), figure("Acme", "2025-04", 1_000)]
    theirs = [figure("Rival", "2025-04", 8_000, **europe), figure("Rival", "2025-04", 50_000)]
    assert compared(">", ours, theirs, **europe) == "holds"
    assert compared(">", ours, theirs) == "fails"  # worldwide, Rival sold far more
    assert compared(">", ours, theirs, markets=["EU"]) == "undetermined"  # no EU figure
    claim = {"type": "compare", "metric": "deliveries", "period": "2025-04", "than": "Rival",
             "op": ">", "by": 500, **europe}  # fmt: skip
    assert claim_statement(claim) == "deliveries 2025-04 > Rival by 500 in EUROPE-JATO"


def test_every_claim_type_but_launched_reads_its_scope() -> None:
    world, overseas = (
        figure("Acme", "2025-04", 90_000),
        figure("Acme", "2025-04", 7_000, **OVERSEAS),
    )
    evidence = Evidence(actuals=(world, overseas))
    total = {"type": "total", "metric": "deliveries", "period": "2025-04", "op": ">=",
             "value": 80_000}  # fmt: skip
    assert check(total, evidence, "2025-06-01").verdict == "holds"
    assert check({**total, **OVERSEAS}, evidence, "2025-06-01").verdict == "fails"
    streak = {"type": "streak", "metric": "deliveries", "at_least": 5_000, "months": 1,
              "ending": "2025-04", **OVERSEAS}  # fmt: skip
    result = check(streak, evidence, "2025-06-01")
    assert result.verdict == "holds" and result.evidence == (overseas.id,)
    assert "in * except CN" in result.why


# -- a region's answer from its members' ------------------------------------------------------


def _status(company: str, model: str, status: str) -> MarketStatus:
    return MarketStatus(company, model, status, None, None, None, None, None, NO_PLAN, None,
                        None, None, None, None)  # fmt: skip


def test_a_regions_answer_lists_each_member_and_a_summary() -> None:
    query = Query("2025-01-01", "2025-01-01T00:00:00Z")
    by_member = {
        "DE": MarketState("DE", *query, [_status("Acme", "M1", "available")], []),
        "FR": MarketState(
            "FR", *query, [_status("Acme", "M1", "blocked"), _status("Acme", "M2", "showcased")], []
        ),  # fmt: skip
        "IT": MarketState("IT", *query, [], []),
    }
    own = MarketState("XYZ-REGION", *query, [_status("Acme", "M3", "blocked")], [])
    state = region_state(own, by_member, query)
    assert state.members == ["DE", "FR", "IT"]
    m1, m2, m3 = state.models
    assert m1.members == {"DE": "available", "FR": "blocked", "IT": "unknown"}
    # a launch in a member does not make the region available: its own status is unknown
    assert (m1.status, m1.available_in, m1.summary) == ("unknown", 1, "available in 1 of 3")
    assert (m2.status, m2.summary) == ("unknown", "available in 0 of 3")
    assert (m3.status, m3.members["DE"]) == ("blocked", "unknown")


# -- the story through the command line -------------------------------------------------------


def invoke(store: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--store", store, *args], input=input)


def answer(store: str, *args: str) -> Any:
    result = invoke(store, *args, "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def refused(store: str, *args: str, input: str | None = None) -> str:
    result = invoke(store, *args, input=input)
    assert result.exit_code == 2, result.output
    [line] = result.stderr.strip().splitlines()
    assert "Traceback" not in result.output
    return line


@pytest.fixture
def story(store_location: str) -> str:
    result = invoke(store_location, "import", str(STORY))
    assert result.exit_code == 0, result.output
    return store_location


def statuses(store: str, market: str, as_of: str) -> dict[str, str]:
    found = answer(store, "state", "market", market, "--as-of", as_of)
    return {f"{row['company']}/{row['model']}": row["status"] for row in found["models"]}


def test_an_eu_launch_of_2019_covers_the_uk_and_one_of_2021_does_not(story: str) -> None:
    # the Arc was launched "in the EU" in 2019 (the UK a member): it stays launched there;
    # the Bolt's EU launch of 2021 does not reach the UK, its own UK launch does; the EU
    # policy of 2021 blocks Germany, not the UK; the 2019 EU showcase reached the UK
    assert statuses(story, "GB", "2024-01-01") == {
        "Hexa Auto/Arc": "available", "Hexa Auto/Bolt": "available",
        "Hexa Auto/Cirrus": "expected",  # the entry for EUROPE-JATO, which holds GB
    }  # fmt: skip
    gb = answer(story, "state", "market", "GB", "--as-of", "2024-01-01")
    assert gb["policies"] == []
    bolt = next(row for row in gb["models"] if row["model"] == "Bolt")
    assert (bolt["launched_on"], bolt["id"]) == ("2021-06-01", "hx-bolt-gb")
    assert statuses(story, "GB", "2020-06-01") == {
        "Hexa Auto/Arc": "available", "Hexa Auto/Cirrus": "showcased"
    }  # fmt: skip
    assert statuses(story, "DE", "2024-01-01") == {
        "Hexa Auto/Arc": "blocked", "Hexa Auto/Bolt": "available",
        "Hexa Auto/Cirrus": "blocked", "Rivet Motors/Volt": "available",
    }  # fmt: skip
    # an entry for the UK is fulfilled by the UK launch, not by the EU launch of 2021
    assert statuses(story, "GB", "2021-04-01")["Hexa Auto/Bolt"] == "expected"
    company = answer(story, "state", "company", "Hexa Auto", "--as-of", "2021-07-01")
    [entry] = [e for e in company["expected_entries"] if e["id"] == "hx-bolt-gb-entry"]
    assert (entry["status"], entry["fulfilled_by"]) == ("fulfilled", "hx-bolt-gb")
    # the Arc's exit from the EU of 2023 leaves it on sale in the UK, not in Croatia
    assert statuses(story, "HR", "2024-01-01")["Hexa Auto/Arc"] == "blocked"
    assert statuses(story, "HR", "2023-01-01")["Hexa Auto/Arc"] == "available"
    withdrawn = answer(story, "state", "market", "HR", "--as-of", "2024-01-01", "--all")
    arc = next(row for row in withdrawn["models"] if row["model"] == "Arc")
    assert arc["available_until"] == "2023-06-30"


def test_state_market_of_a_region_answers_per_member_as_of_its_date(story: str) -> None:
    eu_2019 = answer(story, "state", "market", "EU", "--as-of", "2019-12-01")
    assert len(eu_2019["members"]) == 28 and "GB" in eu_2019["members"]
    [arc] = [row for row in eu_2019["models"] if row["model"] == "Arc"]
    assert arc["summary"] == "available in 28 of 28" and arc["members"]["GB"] == "available"
    eu_2024 = answer(story, "state", "market", "EU", "--as-of", "2024-01-01")
    assert len(eu_2024["members"]) == 27 and "GB" not in eu_2024["members"]
    rows = {row["model"]: row for row in eu_2024["models"]}
    assert rows["Bolt"]["summary"] == "available in 27 of 27"
    assert rows["Arc"]["available_in"] == 0 and rows["Arc"]["status"] == "blocked"
    assert rows["Volt"]["members"]["DE"] == "available" and rows["Volt"]["available_in"] == 1
    assert [p["id"] for p in eu_2024["policies"]] == ["hx-policy-eu"]
    jato = answer(story, "state", "market", "EUROPE-JATO", "--as-of", "2024-01-01")
    assert len(jato["members"]) == 32 and {"GB", "NO", "CH"} <= set(jato["members"])
    rows = {row["model"]: row for row in jato["models"]}
    assert rows["Arc"]["summary"] == "available in 1 of 32"  # the UK alone
    assert rows["Bolt"]["summary"] == "available in 28 of 32"  # the EU and the UK
    csv = invoke(story, "state", "market", "EU", "--as-of", "2024-01-01", "--format", "csv",
                 "--section", "models")  # fmt: skip
    assert csv.exit_code == 0 and "members.DE" in csv.stdout.splitlines()[0]


def test_a_region_of_ones_own_is_read_as_known_at(story: str) -> None:
    recorded = answer(story, "region", "show", "EUROPE-JATO")
    before = "2000-01-01T00:00:00Z"
    result = invoke(story, "state", "market", "EUROPE-JATO", "--known-at", before, "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["models"] == []
    assert "nothing" in result.stderr.lower()
    assert recorded["name"] == "EUROPE-JATO"


def test_metrics_are_kept_apart(story: str) -> None:
    # exports (the association's count) beside overseas sales (the company's) never conflict
    assert answer(story, "conflicts", "--as-of", "2024-06-01") == []
    rows = {row["metric"]: row for row in answer(story, "progress", "--as-of", "2024-06-01")}
    assert (rows["production"]["pace"], rows["production"]["actual"]) == ("unknown", None)
    overseas = rows["sales"]
    assert (overseas["markets"], overseas["except"]) == (["*"], ["CN"])
    assert overseas["sources"] == ["hx-overseas-2024-03", "hx-overseas-2024-04"]
    assert overseas["actual"] == 81_000 + 70_850 and overseas["actual_metric"] == "sales"


def test_scoped_and_comparative_claims_are_checked(story: str) -> None:
    checked = {row["id"]: row for row in answer(story, "check")}
    outsold = checked["hx-claim-outsold"]
    assert outsold["verdict"] == "holds"
    assert outsold["evidence"] == ["hx-europe-2024-04", "rv-europe-2024-04"]
    assert checked["hx-claim-overseas"]["verdict"] == "holds"
    lines = [
        {"company": "Hexa Auto", "claim": {"type": "compare", "metric": "registrations",
         "period": "2024-04", "markets": ["EUROPE-JATO"], "than": "Rivet Motors", "op": ">",
         "by": 1_000}},
        {"company": "Rivet Motors", "claim": {"type": "compare", "metric": "registrations",
         "period": "2024-04", "markets": ["EUROPE-JATO"], "than": "Hexa Auto", "op": ">"}},
        {"company": "Hexa Auto", "claim": {"type": "total", "metric": "sales",
         "period": "2024-04", "op": ">=", "value": 80_000, **OVERSEAS}},
    ]  # fmt: skip
    stdin = "".join(json.dumps(line) + "\n" for line in lines)
    result = invoke(story, "check", "-", "--as-of", "2024-06-01", "--json", input=stdin)
    verdicts = [row["verdict"] for row in json.loads(result.stdout)]
    # 9,200 against ~8,700 (8,265 to 9,135): ahead, but by less than 1,000 whatever it was
    assert (result.exit_code, verdicts) == (1, ["fails", "fails", "fails"])


def test_bad_regions_and_claims_are_one_line_errors_and_write_nothing(story: str) -> None:
    line = refused(story, "record", "launch", "--company", "Hexa Auto", "--announced-on",
                   "2024-01-01", "--source", "s", "--model", "Arc", "--market",
                   "EUROPE-XYZ")  # fmt: skip
    assert "market" in line and "EUROPE-XYZ is no region" in line
    bad = json.dumps({"company": "Hexa Auto", "claim": {"type": "compare", "metric": "sales",
                      "period": "2024-04", "than": "Rivet Motors", "op": "=="}})  # fmt: skip
    assert "claim" in refused(story, "check", "-", input=bad + "\n")
    assert "mxt: error" in refused(story, "state", "market", "DEU")
    log = answer(story, "log")
    assert len(log) == 18  # the story's announcements, and nothing of the refused ones


# -- mxt compare ------------------------------------------------------------------------------


def test_the_comparisons_rules_on_hand_made_facts() -> None:
    from mxt.projections.rules.audit import PlanRow, PlanSlot
    from mxt.projections.rules.compare import markets_by_status, monthly_figures, slippage
    from mxt.projections.rules.periods import parse_period

    facts = {
        "Acme": [figure("Acme", "2025-Q1", 30_000), figure("Acme", "2025-04", 9_000, "about")],
        "Rival": [figure("Rival", "2025-01", 8_000), figure("Rival", "2025-03", 9_000)],
    }
    rows = monthly_figures(facts, "deliveries", Scope(), parse_period("2025-H1"), "2025-05-31")
    assert [row.month for row in rows] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05"]
    assert rows[0].figures["Acme"] is None  # a quarter's figure is no month's
    assert rows[0].figures["Rival"] == {"units": 8_000, "bound": "exact", "high": None}
    assert rows[1].figures["Rival"] is None
    assert rows[3].figures["Acme"] == {"units": 9_000, "bound": "about", "high": None}
    models = [{"DE": "available", "FR": "overdue"},
              {"DE": "withdrawn", "GB": "available", "IT": "blocked"}]  # fmt: skip
    found = markets_by_status("Acme", models)
    assert [(row.status, row.markets) for row in found] == [
        ("available", ["DE", "GB"]), ("announced", []), ("overdue", ["FR"]),
        ("withdrawn", ["DE"]),
    ]  # fmt: skip

    def plan(market: str, outcome: str, late: int | None) -> PlanRow:
        on_time = None if late is None else late <= 0
        overdue = 10 if outcome == "overdue" else None
        slot = PlanSlot("2025-01", "2025-01", 0, outcome, None, on_time, late, overdue)
        return PlanRow("Acme", "launch", "M1", market, None, None, None, "2025-01-01",
                       "2025-01", None, None, "2024-01-01", "confirmed", "in-force", "p", {},
                       None, slot)  # fmt: skip

    late = slippage("Acme", [plan("DE", "happened", 30), plan("DE", "happened", 30),
                             plan("FR", "happened", -10), plan("IT", "overdue", None),
                             plan("ES", "pending", None)])  # fmt: skip
    assert late == ("Acme", 4, 2, 1, 1, 10.0, 30)


def test_mxt_compare_puts_two_companies_side_by_side(story: str) -> None:
    found = answer(story, "compare", "Hexa Auto", "rivet motors", "--metric", "registrations",
                   "--period", "2024-H1", "--markets", "EUROPE-JATO", "--as-of",
                   "2024-06-30")  # fmt: skip
    assert found["companies"] == ["Hexa Auto", "Rivet Motors"]
    assert (found["metric"], found["period"], found["markets"]) == (
        "registrations", "2024-H1", ["EUROPE-JATO"]
    )  # fmt: skip
    april = next(row for row in found["figures"] if row["month"] == "2024-04")
    assert april["figures"] == {
        "Hexa Auto": {"units": 9_200, "bound": "exact", "high": None},
        "Rivet Motors": {"units": 8_700, "bound": "about", "high": None},
    }  # fmt: skip
    markets = {
        (row["company"], row["status"]): row["markets"] for row in found["markets_by_status"]
    }
    assert markets[("Rivet Motors", "available")] == ["DE"]
    assert "GB" in markets[("Hexa Auto", "available")]
    overseas = answer(story, "compare", "Hexa Auto", "Rivet Motors", "--metric", "sales",
                      "--markets", "*", "--except", "CN", "--as-of", "2024-06-30")  # fmt: skip
    [target] = overseas["targets"]
    assert (target["target_id"], target["pace"]) == ("hx-target-overseas-2024", "behind")
    table = invoke(story, "compare", "Hexa Auto", "Rivet Motors", "--metric", "registrations",
                   "--markets", "EUROPE-JATO", "--as-of", "2024-06-30")  # fmt: skip
    assert table.exit_code == 0 and "~8,700" in table.stdout and "9,200" in table.stdout
    csv = invoke(story, "compare", "Hexa Auto", "Rivet Motors", "--as-of", "2024-06-30",
                 "--format", "csv", "--section", "slippage")  # fmt: skip
    assert csv.stdout.splitlines()[0].startswith("company,slots,happened,on_time,overdue")
    assert "compare needs two companies" in refused(story, "compare", "Hexa Auto", "HEXA AUTO")
    assert "--period" in refused(story, "compare", "Hexa Auto", "Rivet Motors", "--period", "x")
    assert "--markets" in refused(story, "compare", "Hexa Auto", "Rivet Motors", "--markets",
                                  "DEU")  # fmt: skip


def test_the_readme_section_on_regions_runs_as_written(tmp_path: Path) -> None:
    """README, "Regions, metrics, comparisons": its commands run in an empty folder and
    answer as the text says."""
    import os
    import re
    import subprocess
    import sys

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Regions, metrics") : text.index("## Is it on track?")]
    script = "\n".join(re.findall(r"```sh\n(.*?)```", section, re.S))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "MXT_STORE": str(tmp_path / "regions.sqlite")}  # fmt: skip
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout
    assert re.search(r"Hexa +Arc +available +2019-09-01", out)  # GB, as of 2022
    assert re.search(r"Hexa +Bolt +available +available in 27 of 27", out)
    assert "holds" in out and "9,200 against ~8,700" in out
    assert re.search(r"2024-04 +9,200 +~8,700", out)
    assert "conflicts as of 2024-06-01\n  (none)" in out


def test_a_model_with_no_figures_shows_none_not_zero(story: str) -> None:
    # issue 24: "deliveries 0" said a figure nobody announced
    model = answer(story, "state", "model", "Hexa Auto/Arc", "--as-of", "2024-06-01")
    assert (model["deliveries_units"], model["deliveries_bound"]) == (None, None)
    table = invoke(story, "state", "model", "Hexa Auto/Arc", "--as-of", "2024-06-01")
    assert "deliveries (units)  -" in table.stdout


def test_read_options_take_a_region_of_ones_own_once_it_is_defined(story: str) -> None:
    logged = answer(story, "log", "--market", "europe-jato")
    assert "hx-cirrus-europe" in [entry["id"] for entry in logged]
    line = refused(story, "log", "--market", "EUROPE-XYZ")
    assert "--market" in line and "EUROPE-XYZ" in line
    before = refused(story, "log", "--market", "EUROPE-JATO", "--known-at", "2000-01-01")
    assert "EUROPE-JATO" in before  # not defined yet at that moment
    # state market of a name no region has (yet): the empty answer, with a note
    empty = invoke(story, "state", "market", "EUROPE-XYZ", "--json")
    assert empty.exit_code == 0 and json.loads(empty.stdout)["models"] == []
