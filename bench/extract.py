"""`python -m bench.extract`: how well `mxt extract` finds the hand-labelled facts of a
corpus written for the purpose (bench/corpus: each text with a sidecar JSON).

Recall: labelled facts found by a draft of the right kind, company (the labelled one or one
of its `also` names) and main value; a launch labelled with a `status` (or a fact labelled
`planned`) is found only by a draft that says the same about whether it happened.
Precision: drafts that match a labelled fact, or are statements (a sentence kept, not typed);
typed precision leaves the statements out. Dangerous: typed drafts that say a status was
reached (a launch happened, a factory phase reached its status) where the text says a plan,
a delay, a halt or "not before" — the error that costs a reviewer most.

A sidecar may carry `round` (texts written together, by someone who had not read the cues)
and `held_out` (not tuned on); the table adds one line per round.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
SEED = "xiaomi-evs-outside-china-2027"
KINDS = (
    "launch", "orders", "target", "deliveries", "wait-time", "factory", "policy",
    "showcase", "expected-entry", "exit",
)  # fmt: skip
# Wording of something not (yet) reached: a plan, a delay, a halt, a date not before which
# ("plant" is no plan: until round 3 it flagged "construction of the plant continues").
_NOT_REACHED = re.compile(
    r"\b(?:will|would|expect\w*|plan(?!ts?\b)\w*|aim\w*|intend\w*|set\s+to|due|schedul\w*|target\w*|"
    r"delay\w*|postpon\w*|push\w*\s+back|slip\w*|halt\w*|paus\w*|suspend\w*|stop\w*|"
    r"idl\w*|cancel\w*|scrap\w*|shelv\w*|not\s+(?:\w+\s+){0,2}before|until|yet\s+to|"
    r"could|may|might|should|prepar\w*|to\s+(?:begin|start|open|launch))\b",
    re.IGNORECASE,
)
# Label keys checked beside the main value, and the draft field each is read from.
_FIELD_KEYS = ("model", "market", "metric", "period", "bound", "high", "markets", "except")
_DATE_FIELDS = ("launched_on", "effective_on", "expected", "not_before")


@dataclass(frozen=True)
class Score:
    """Counts behind recall and precision for one text (or several added up)."""

    name: str
    labelled: int
    found: int
    drafts: int
    matching: int
    statements: int
    dangerous: int = 0
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    """kind -> [labelled, found, typed drafts, matching drafts]"""
    fields_checked: int = 0
    fields_agreeing: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return (self.matching + self.statements) / self.drafts if self.drafts else 1.0

    @property
    def typed_precision(self) -> float:
        """The stricter figure: typed drafts (not statements) that match a labelled fact."""
        typed = self.drafts - self.statements
        return self.matching / typed if typed else 1.0

    @property
    def field_agreement(self) -> float:
        """Of the labelled fields beside the main value (period, metric, model, market,
        bound, date…) of the facts found, the share the matching draft gets right."""
        return self.fields_agreeing / self.fields_checked if self.fields_checked else 1.0

    def as_json(self) -> dict[str, Any]:
        """The counts and the figures, for `--json`."""
        return {
            **self.__dict__,
            "recall": self.recall,
            "precision": self.precision,
            "typed_precision": self.typed_precision,
            "field_agreement": self.field_agreement,
        }


def main_value(draft: dict[str, Any]) -> Any:
    """What a draft says, for matching against a labelled fact of its kind."""
    kind = draft["kind"]
    if kind == "launch":
        return [draft["model"], draft["market"]]
    if kind == "factory":
        return [draft["phase"], draft["status"]]
    if kind == "exit":
        return sorted(draft["markets"])
    fields = {
        "orders": "count", "wait-time": "max_months", "target": "value",
        "deliveries": "units", "policy": "not_before", "showcase": "model",
        "expected-entry": "market",
    }  # fmt: skip
    return draft.get(fields.get(kind, "text"))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= 0.05
    return str(a).casefold() == str(b).casefold()


def _period_days(text: str) -> tuple[date, date]:
    """The first and last day of a day or a period (`2025`, `2025-H2`, `2025-Q4`,
    `2025-12`, `2025-12-01`)."""
    year = int(text[:4])
    tail = text[5:]
    if re.fullmatch(r"\d\d-\d\d", tail):
        day = date.fromisoformat(text)
        return day, day
    if not tail:
        return date(year, 1, 1), date(year, 12, 31)
    months = {"Q": 3, "H": 6}.get(tail[0], 1)
    number = int(tail[1:]) if tail[0] in "QH" else int(tail)
    first = date(year, months * (number - 1) + 1, 1)
    last_month = months * number
    following = date(year + 1, 1, 1) if last_month == 12 else date(year, last_month + 1, 1)
    return first, following - timedelta(days=1)


def launch_status(draft: dict[str, Any]) -> str:
    """Whether a launch draft says it happened (§5.2): its `status`, else `launched` for a
    day on or before `announced_on` (or no date) and `planned` for anything later."""
    if draft.get("status"):
        return str(draft["status"])
    when = draft.get("launched_on")
    if not when:
        return "launched"
    first, last = _period_days(str(when))
    announced = date.fromisoformat(draft["announced_on"])
    if len(str(when)) == 10:
        return "launched" if first <= announced else "planned"
    return "launched" if last <= announced else "planned"


def is_plan(draft: dict[str, Any]) -> bool:
    """True when a launch or factory draft is a plan rather than something reached."""
    if draft["kind"] == "launch":
        return launch_status(draft) != "launched"
    if draft["kind"] == "factory":  # (§5.2: a period not over by its announcement is a plan)
        when = draft.get("effective_on")
        return bool(when) and _period_days(str(when))[1] > date.fromisoformat(draft["announced_on"])
    return False


def says_reached(draft: dict[str, Any]) -> bool:
    """True when a draft says a launch happened or a factory phase reached a status."""
    if draft["kind"] == "launch":
        return launch_status(draft) == "launched"
    if draft["kind"] == "factory":
        return draft["status"] not in ("paused", "cancelled", "closed") and not is_plan(draft)
    return False


def _status_fits(draft: dict[str, Any], fact: dict[str, Any]) -> bool:
    """A fact labelled with a launch `status` or with `planned` needs a draft that says the
    same about whether it happened; a fact labelled with neither takes either."""
    if draft["kind"] == "launch" and "status" in fact:
        return launch_status(draft) == fact["status"]
    if "planned" in fact:
        return is_plan(draft) == bool(fact["planned"])
    return True


def _names(fact: dict[str, Any]) -> list[str]:
    return [fact["company"], *fact.get("also", [])]


# Words a company's name may carry or drop: "Great Wall Motor" is Great Wall.
_CORPORATE = re.compile(r"\s+(?:motors?|group|auto|automobile|holdings?|corporation|corp\.?)$",
                        re.IGNORECASE)  # fmt: skip


def _company(name: str) -> str:
    """A company's name as the scorer compares it: case and a corporate word aside."""
    return _CORPORATE.sub("", name.strip()).casefold()


def matches(draft: dict[str, Any], fact: dict[str, Any], strict: bool = True) -> bool:
    """True when a draft states a labelled fact: same kind, company (or one of its `also`
    names) and main value, and (`strict`) the same on whether a plan happened."""
    return (
        draft["kind"] == fact["kind"]
        and _company(draft["company"]) in {_company(n) for n in _names(fact)}
        and _same(main_value(draft), fact["value"])
        and (not strict or _status_fits(draft, fact))
    )


def dangerous(draft: dict[str, Any], facts: list[dict[str, Any]]) -> bool:
    """True for a typed draft that says a status was reached where the text says it was
    not: it matches no fact as labelled, and either a fact of the same value is labelled a
    plan (or another status), or its quote is worded as a plan, delay, halt or "not before"."""
    if not says_reached(draft) or any(matches(draft, f) for f in facts):
        return False
    if any(matches(draft, f, strict=False) for f in facts):
        return True
    return bool(_NOT_REACHED.search(draft.get("source", {}).get("quote", "")))


def _draft_field(draft: dict[str, Any], key: str) -> Any:
    if key == "metric" and draft["kind"] == "deliveries":
        return draft.get("metric", "deliveries")
    if key == "bound" and draft["kind"] in ("orders", "target", "deliveries"):
        return draft.get("bound", "exact")
    if key == "date":
        return next((draft[k] for k in _DATE_FIELDS if k in draft), None)
    return draft.get(key)


def _field_disagreements(draft: dict[str, Any], fact: dict[str, Any]) -> dict[str, Any]:
    """The labelled fields beside the main value that a matching draft checks, each with
    (label, draft) when they differ and None when they agree."""
    found: dict[str, Any] = {}
    for key in (*_FIELD_KEYS, "date"):
        if key not in fact or (key == "market" and fact["kind"] == "launch"):
            continue
        wanted, got = fact[key], _draft_field(draft, key)
        if isinstance(wanted, list) and isinstance(got, list):
            same = sorted(map(str, wanted)) == sorted(map(str, got))
        elif key == "date" and got is not None:
            same = str(got).startswith(str(wanted)) or str(wanted).startswith(str(got))
        else:
            same = got is not None and _same(got, wanted)
        found[key] = None if same else (wanted, got)
    return found


def _field_agreement(draft: dict[str, Any], fact: dict[str, Any]) -> tuple[int, int]:
    """(fields checked, fields agreeing) of a matched pair."""
    checked = _field_disagreements(draft, fact)
    return len(checked), sum(1 for v in checked.values() if v is None)


def cases(corpus: Path | None = None) -> list[tuple[str, str, dict[str, Any]]]:
    """Each text of the corpus: its name, its text and its labels (the seed article's text is
    the copy shipped with the demo)."""
    found = []
    for sidecar in sorted((corpus or CORPUS).glob("*.json")):
        labels = json.loads(sidecar.read_text(encoding="utf-8"))
        text_path = ROOT / labels["text"] if "text" in labels else sidecar.with_suffix(".txt")
        found.append((sidecar.stem, text_path.read_text(encoding="utf-8"), labels))
    return found


def drafts_of(text: str, labels: dict[str, Any]) -> list[dict[str, Any]]:
    """The drafts `mxt extract` gives for a text, as its labels' publication date says."""
    from mxt.extract import extract_drafts

    return extract_drafts(text, date.fromisoformat(labels["published"]))


def score(name: str, text: str, labels: dict[str, Any]) -> Score:
    """Extracts one text and counts its matches, each labelled fact matched at most once."""
    return score_drafts(name, drafts_of(text, labels), labels)


def score_drafts(name: str, drafts: list[dict[str, Any]], labels: dict[str, Any]) -> Score:
    """The counts of one text's drafts against its labels."""
    facts = list(labels["facts"])
    unmatched = list(range(len(facts)))
    by_kind: dict[str, list[int]] = {}
    for fact in facts:
        by_kind.setdefault(fact["kind"], [0, 0, 0, 0])[0] += 1
    matching = checked = agreeing = 0
    for draft in drafts:
        if draft["kind"] == "statement":
            continue
        row = by_kind.setdefault(draft["kind"], [0, 0, 0, 0])
        row[2] += 1
        hit = next((i for i in unmatched if matches(draft, facts[i])), None)
        if hit is not None:
            unmatched.remove(hit)
            matching += 1
            row[3] += 1
            by_kind[facts[hit]["kind"]][1] += 1
            more, right = _field_agreement(draft, facts[hit])
            checked, agreeing = checked + more, agreeing + right
    statements = sum(1 for draft in drafts if draft["kind"] == "statement")
    risky = sum(1 for draft in drafts if dangerous(draft, facts))
    return Score(
        name, len(facts), len(facts) - len(unmatched), len(drafts), matching, statements,
        risky, by_kind, checked, agreeing,
    )  # fmt: skip


def total(name: str, scores: list[Score]) -> Score:
    """The scores of several texts added up."""
    by_kind: dict[str, list[int]] = {}
    for s in scores:
        for kind, row in s.by_kind.items():
            into = by_kind.setdefault(kind, [0, 0, 0, 0])
            for i, value in enumerate(row):
                into[i] += value
    return Score(
        name,
        sum(s.labelled for s in scores),
        sum(s.found for s in scores),
        sum(s.drafts for s in scores),
        sum(s.matching for s in scores),
        sum(s.statements for s in scores),
        sum(s.dangerous for s in scores),
        by_kind,
        sum(s.fields_checked for s in scores),
        sum(s.fields_agreeing for s in scores),
    )


def evaluate(corpus: Path | None = None) -> list[Score]:
    """One score per text, then one per round (texts labelled with a `round`), then the
    texts held out (never tuned on) together, then the whole corpus (`overall`)."""
    found = [(score(name, text, labels), labels) for name, text, labels in cases(corpus)]
    scores = [s for s, _ in found]
    rounds = sorted({labels["round"] for _, labels in found if "round" in labels})
    by_round = [
        total(f"round {r}", [s for s, labels in found if labels.get("round") == r]) for r in rounds
    ]
    held_out = [s for s, labels in found if labels.get("held_out")]
    return [*scores, *by_round, total("held-out", held_out), total("overall", scores)]


def table(scores: list[Score]) -> str:
    """A Markdown table of the scores."""
    rows = [
        "| text | labelled | found | drafts | matching | statements | recall | precision "
        "| typed precision | dangerous | field agreement |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        rows.append(
            f"| {s.name} | {s.labelled} | {s.found} | {s.drafts} | {s.matching} | "
            f"{s.statements} | {s.recall:.2f} | {s.precision:.2f} | {s.typed_precision:.2f} "
            f"| {s.dangerous} | {s.field_agreement:.2f} |"
        )
    return "\n".join(rows)


def kind_table(s: Score) -> str:
    """A Markdown table of one score by kind: recall of the labelled facts of each kind and
    typed precision of the drafts of each kind."""
    rows = [
        f"| kind ({s.name}) | labelled | found | recall | typed drafts | matching "
        "| typed precision |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind in sorted(s.by_kind, key=lambda k: KINDS.index(k) if k in KINDS else 99):
        labelled, found, typed, matching = s.by_kind[kind]
        recall = f"{found / labelled:.2f}" if labelled else "–"
        precision = f"{matching / typed:.2f}" if typed else "–"
        rows.append(
            f"| {kind} | {labelled} | {found} | {recall} | {typed} | {matching} | {precision} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.extract",
        description="Recall and precision of mxt extract on the labelled corpus.",
    )
    parser.add_argument("--json", action="store_true", help="One JSON object per text.")
    parser.add_argument("--misses", action="store_true", help="List the facts not found.")
    parser.add_argument("--kinds", action="store_true", help="Add the figures by kind.")
    parser.add_argument("--corpus", type=Path, help="Another folder of labelled texts.")
    parser.add_argument("--round", help="Only the texts of this round.")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    corpus = _only_round(args.corpus, args.round)
    scores = evaluate(corpus)
    if args.json:
        for s in scores:
            print(json.dumps(s.as_json()))
    else:
        print(table(scores))
        if args.kinds:
            totals = [s for s in scores if s.name.startswith("round ") or s.name == "overall"]
            for s in totals:
                print()
                print(kind_table(s))
    if args.misses:
        _print_misses(corpus)


def _only_round(corpus: Path | None, wanted: str | None) -> Path | None:
    """The corpus itself, or a temporary folder of links to one round's texts."""
    if wanted is None:
        return corpus
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="mxt-round-"))
    for name, _, labels in cases(corpus):
        if str(labels.get("round")) == wanted:
            source = (corpus or CORPUS) / name
            for suffix in (".json", ".txt"):
                if source.with_suffix(suffix).exists():
                    (folder / f"{name}{suffix}").symlink_to(source.with_suffix(suffix))
    return folder


def _print_misses(corpus: Path | None) -> None:
    kinds: Counter[str] = Counter()
    for name, text, labels in cases(corpus):
        drafts = drafts_of(text, labels)
        facts = labels["facts"]
        for fact in facts:
            if not any(matches(d, fact) for d in drafts):
                print(f"missed {name}: {json.dumps(fact)}")
                kinds[fact["kind"]] += 1
        for draft in drafts:
            if draft["kind"] == "statement":
                continue
            hit = next((f for f in facts if matches(draft, f)), None)
            if hit is None:
                flag = "DANGEROUS " if dangerous(draft, facts) else ""
                print(
                    f"{flag}unmatched {name}: {draft['kind']} {draft['company']} "
                    f"{main_value(draft)} | {draft['source']['quote'][:120]}"
                )
            else:
                wrong = {k: v for k, v in _field_disagreements(draft, hit).items() if v}
                if wrong:
                    print(f"fields {name}: {draft['kind']} {main_value(draft)} {wrong}")
    print(f"missed by kind: {dict(kinds)}")


if __name__ == "__main__":
    main()
