"""The extraction benchmark meets its floors, set at what was measured after issue 26's
phase 5 (tuned on the seed article, the earlier corpus and rounds 1 to 4, so these say what
the pipeline does on text it has seen, not on news it has not: the first runs were round 1
recall 0.44 / typed precision 0.62, round 2 0.45 / 0.77, round 3 0.54 / 0.81 and round 4
0.51 / 0.83; round 5's, after phase 5, 0.77 / 0.92): on the seed article recall >= 0.93 and
typed precision 1.0; on everything recall >= 0.83 and typed precision >= 0.95; on round 1 >=
0.90 and >= 0.99; on round 2 >= 0.88 and >= 0.99; on round 3 >= 0.90 and >= 0.96; on round 4 >=
0.82 and >= 0.95; on round 5 (after three rules from its misses, and phase 6) >= 0.78 and
>= 0.95; on round 6 (its first run 0.60 / 0.85; after phase 6, rules from rounds 1-6's
misses, 0.73 / 0.93) >= 0.72 and >= 0.92; on round 7 (its first run, 0.67 / 0.83; after phase
7, rules from its misses, 0.83 / 0.98) >= 0.82 and >= 0.97; on round 8 (not tuned on: its
first run, at 6974edc, 0.44 / 0.78, with one plant that "starts building trucks in 2027"
drafted as operational; after phase 8, general rules from its misses, 0.54 / 0.93 and that
draft a plan) >= 0.53 and >= 0.92; on round 9 (not tuned on: its first run, at 6cf3e85 after
phase 8, 0.38 / 0.70, none flagged; after phase 9, general rules from its misses, 0.73 /
0.96) >= 0.71 and >= 0.94; on round 10 (its first run, at 2809e28 after phase 8, 0.47 /
0.83; at 4c7242c after phase 9, still not tuned on, 0.43 / 0.85 with 3 flagged: two plans
read as launches, a construction start as a plant running; after phase 10, general rules from
its wrong drafts and misses, 0.66 / 0.97, none flagged) >= 0.64 and >= 0.95 and none flagged;
on round 11 (first runs 0.40 / 0.81 after phase 8, 0.40 / 0.83 after phase 10; tuned on from
g29-extract, phase 11: 0.45 / 0.93) >= 0.44 and >= 0.92, none flagged; on round 12 (first run
0.43 / 0.77 at 45031ed, after phase 10; phase 11: 0.51 / 0.96) >= 0.50 and >= 0.95, none
flagged; everything >= 0.75 and >= 0.96; and no
dangerous draft
anywhere but round 6's two
(flagged by the crude reading: a launch that happened told beside a plan, a plant under
construction "on schedule"; neither a delay, halt or "not before" read as reached)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_extraction_meets_its_floors() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.extract", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    scores = {row["name"]: row for row in map(json.loads, result.stdout.splitlines())}
    seed, overall = scores["xiaomi-evs-outside-china-2027"], scores["overall"]
    first, second, third = scores["round 1"], scores["round 2"], scores["round 3"]
    fourth, fifth, sixth = scores["round 4"], scores["round 5"], scores["round 6"]
    seventh, eighth, ninth = scores["round 7"], scores["round 8"], scores["round 9"]
    tenth, eleventh, twelfth = scores["round 10"], scores["round 11"], scores["round 12"]
    thirteenth, fourteenth = scores["round 13"], scores["round 14"]
    assert seed["labelled"] >= 15 and overall["labelled"] >= 986
    assert first["labelled"] >= 120 and second["labelled"] >= 119 and third["labelled"] >= 123
    assert seed["recall"] >= 0.93 and seed["typed_precision"] >= 1.0, seed
    # (0.75 / 0.96 after phase 11, before rounds 13 and 14, held out and harder, came in)
    assert overall["recall"] >= 0.71 and overall["typed_precision"] >= 0.94, overall
    assert first["recall"] >= 0.90 and first["typed_precision"] >= 0.99, first
    assert second["recall"] >= 0.88 and second["typed_precision"] >= 0.99, second
    assert third["recall"] >= 0.90 and third["typed_precision"] >= 0.96, third
    assert fourth["labelled"] >= 131, fourth
    # phase 5 (rules that generalise, several from round 4's misses): 0.63 / 0.89 -> 0.84 / 0.96
    assert fourth["recall"] >= 0.82 and fourth["typed_precision"] >= 0.95, fourth
    assert fifth["labelled"] >= 143, fifth
    # round 5's first run 0.77 / 0.92 (2 flagged dangerous by the crude reading); then a phase
    # in words or Roman numerals, construction told as finished, "after completion"
    assert fifth["recall"] >= 0.78 and fifth["typed_precision"] >= 0.95, fifth
    # round 6's first run 0.60 / 0.85; phase 6 (rules from rounds 1-6's misses): 0.73 / 0.93
    assert sixth["labelled"] >= 110 and sixth["recall"] >= 0.72, sixth
    assert sixth["typed_precision"] >= 0.92 and sixth["dangerous"] <= 2, sixth
    # round 7's first run (at 2333e72, after phase 6): 0.67 / 0.83; phase 7: 0.83 / 0.98
    assert seventh["labelled"] >= 111 and seventh["recall"] >= 0.82, seventh
    assert seventh["typed_precision"] >= 0.97 and seventh["dangerous"] == 0, seventh
    # round 8's first run (at 6974edc, after phase 7, not tuned on): 0.44 / 0.78, 1 dangerous;
    # phase 8 (general rules from its misses, tests/test_extract_phase8.py): 0.54 / 0.93, none
    assert eighth["labelled"] >= 158 and eighth["recall"] >= 0.53, eighth
    assert eighth["typed_precision"] >= 0.92 and eighth["dangerous"] == 0, eighth
    # round 9's first run (at 6cf3e85, after phase 8, not tuned on): 0.38 / 0.70, none flagged;
    # phase 9 (general rules from its misses, tests/test_extract_phase9.py): 0.73 / 0.96
    assert ninth["labelled"] >= 73 and ninth["recall"] >= 0.71, ninth
    assert ninth["typed_precision"] >= 0.94 and ninth["dangerous"] == 0, ninth
    # round 10's first run (at 2809e28, after phase 8, not tuned on): 0.47 / 0.83, 4 flagged
    # (3 real by hand: two plans read as launches, a construction start as a plant running);
    # at 4c7242c, after phase 9 (still not tuned on): 0.43 / 0.85, 3 flagged; phase 10
    # (general rules from its wrong drafts and misses, tests/test_extract_phase10.py): 0.66 /
    # 0.97, none flagged
    assert tenth["labelled"] >= 94 and tenth["recall"] >= 0.64, tenth
    assert tenth["typed_precision"] >= 0.95 and tenth["dangerous"] == 0, tenth
    # round 11's first run, at 2809e28 (phase 8): 0.40 / 0.81; after phase 9: 0.40 / 0.81;
    # after phase 10: 0.40 / 0.83; none flagged; phase 11 (g29-extract, general rules from
    # its wrong drafts, tests/test_extract_phase11.py): 0.45 / 0.93
    assert eleventh["labelled"] >= 85 and eleventh["recall"] >= 0.44, eleventh
    assert eleventh["typed_precision"] >= 0.92 and eleventh["dangerous"] == 0, eleventh
    # round 12's first run, at 45031ed (after phase 10): 0.43 / 0.77; phase 11: 0.51 / 0.96
    assert twelfth["labelled"] >= 133 and twelfth["recall"] >= 0.50, twelfth
    assert twelfth["typed_precision"] >= 0.95 and twelfth["dangerous"] == 0, twelfth
    # round 13 (held out, never tuned on; written by a helper who had not read the cues),
    # first run at 898a79b: 0.55 / 0.83; after phase 11 (still never tuned on): 0.58 / 0.84
    assert thirteenth["labelled"] >= 122 and thirteenth["recall"] >= 0.57, thirteenth
    assert thirteenth["typed_precision"] >= 0.83 and thirteenth["dangerous"] == 0, thirteenth
    # round 14 (the same, by another helper), first run at 898a79b: 0.45 / 0.81; after phase
    # 11 (still never tuned on): 0.45 / 0.81; none flagged
    assert fourteenth["labelled"] >= 131 and fourteenth["recall"] >= 0.44, fourteenth
    assert fourteenth["typed_precision"] >= 0.80 and fourteenth["dangerous"] == 0, fourteenth
    assert overall["dangerous"] == sixth["dangerous"], overall
    assert set(first["by_kind"]) >= {"launch", "deliveries", "factory", "exit"}


def test_dangerous_reads_a_plan_delay_or_halt_not_the_word_plant() -> None:
    from bench.extract import dangerous

    def factory(quote: str) -> dict[str, object]:
        return {
            "kind": "factory", "company": "Volvo", "site": "Ghent", "phase": 1,
            "status": "under-construction", "announced_on": "2026-04-02",
            "source": {"quote": quote},
        }  # fmt: skip

    labels = [{"kind": "factory", "company": "Volvo", "value": [1, "operational"]}]
    assert dangerous(factory("Production at the plant was pushed back to 2027."), labels)
    assert dangerous(factory("The plant is planned to open in 2027."), labels)
    assert not dangerous(factory("Construction of the new plant in Ghent continues."), labels)
