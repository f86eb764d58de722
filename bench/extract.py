"""`python -m bench.extract`: how well `mxt extract` finds the hand-labelled facts of a
small corpus written for the purpose (bench/corpus: each text with a sidecar JSON).

Recall: labelled facts found by a draft of the right kind, company and main value.
Precision: drafts that match a labelled fact, or are statements (a sentence kept, not typed).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "corpus"
SEED = "xiaomi-evs-outside-china-2027"


@dataclass(frozen=True)
class Score:
    """Counts behind recall and precision for one text (or the whole corpus)."""

    name: str
    labelled: int
    found: int
    drafts: int
    matching: int
    statements: int

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


def main_value(draft: dict[str, Any]) -> Any:
    """What a draft says, for matching against a labelled fact of its kind."""
    kind = draft["kind"]
    if kind == "launch":
        return [draft["model"], draft["market"]]
    if kind == "factory":
        return [draft["phase"], draft["status"]]
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


def matches(draft: dict[str, Any], fact: dict[str, Any]) -> bool:
    """True when a draft states a labelled fact: same kind, company and main value."""
    return (
        draft["kind"] == fact["kind"]
        and draft["company"].casefold() == fact["company"].casefold()
        and _same(main_value(draft), fact["value"])
    )


def cases() -> list[tuple[str, str, dict[str, Any]]]:
    """Each text of the corpus: its name, its text and its labels (the seed article's text is
    the copy shipped with the demo)."""
    found = []
    for sidecar in sorted(CORPUS.glob("*.json")):
        labels = json.loads(sidecar.read_text(encoding="utf-8"))
        text_path = ROOT / labels["text"] if "text" in labels else sidecar.with_suffix(".txt")
        found.append((sidecar.stem, text_path.read_text(encoding="utf-8"), labels))
    return found


def score(name: str, text: str, labels: dict[str, Any]) -> Score:
    """Extracts one text and counts its matches, each labelled fact matched at most once."""
    from mxt.extract import extract_drafts

    drafts = extract_drafts(text, date.fromisoformat(labels["published"]))
    facts = list(labels["facts"])
    unmatched = list(range(len(facts)))
    matching = 0
    for draft in drafts:
        hit = next((i for i in unmatched if matches(draft, facts[i])), None)
        if hit is not None:
            unmatched.remove(hit)
            matching += 1
    statements = sum(1 for draft in drafts if draft["kind"] == "statement")
    return Score(name, len(facts), len(facts) - len(unmatched), len(drafts), matching, statements)


def total(name: str, scores: list[Score]) -> Score:
    """The scores of several texts added up."""
    return Score(
        name,
        sum(s.labelled for s in scores),
        sum(s.found for s in scores),
        sum(s.drafts for s in scores),
        sum(s.matching for s in scores),
        sum(s.statements for s in scores),
    )


def evaluate() -> list[Score]:
    """One score per text, then the held-out texts (written after the cues were frozen)
    together, then the whole corpus (`overall`)."""
    found = [(score(name, text, labels), "held_out" in labels) for name, text, labels in cases()]
    scores = [s for s, _ in found]
    held_out = [s for s, held in found if held]
    return [*scores, total("held-out", held_out), total("overall", scores)]


def table(scores: list[Score]) -> str:
    """A Markdown table of the scores."""
    rows = [
        "| text | labelled | found | drafts | matching | statements | recall | precision "
        "| typed precision |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        rows.append(
            f"| {s.name} | {s.labelled} | {s.found} | {s.drafts} | {s.matching} | "
            f"{s.statements} | {s.recall:.2f} | {s.precision:.2f} | {s.typed_precision:.2f} |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.extract",
        description="Recall and precision of mxt extract on the labelled corpus.",
    )
    parser.add_argument("--json", action="store_true", help="One JSON object per text.")
    parser.add_argument("--misses", action="store_true", help="List the facts not found.")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    scores = evaluate()
    if args.json:
        for s in scores:
            figures = {"recall": s.recall, "precision": s.precision}
            print(json.dumps({**s.__dict__, **figures, "typed_precision": s.typed_precision}))
    else:
        print(table(scores))
    if args.misses:
        _print_misses()


def _print_misses() -> None:
    from mxt.extract import extract_drafts

    for name, text, labels in cases():
        drafts = extract_drafts(text, date.fromisoformat(labels["published"]))
        for fact in labels["facts"]:
            if not any(matches(d, fact) for d in drafts):
                print(f"missed {name}: {json.dumps(fact)}")
        for draft in drafts:
            if draft["kind"] != "statement" and not any(matches(draft, f) for f in labels["facts"]):
                print(f"unmatched {name}: {draft['kind']} {draft['company']} {main_value(draft)}")


if __name__ == "__main__":
    main()
