"""End to end (issue 14's 'done when'): the installed `mxt extract` on the seed article, piped
into `mxt import --dry-run -`, passes; every draft is a valid interchange line, quotes its
sentence verbatim, and nothing is written."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from mxt.events.announcements import parse_json_line

ARTICLE = Path(
    str(resources.files("mxt.cli").joinpath("data", "xiaomi-evs-outside-china-2027.txt"))
)
CORPUS = Path(__file__).resolve().parent.parent / "bench" / "corpus"


def test_extract_piped_into_a_dry_run_import(tmp_path: Path) -> None:
    mxt = shutil.which("mxt")
    if mxt is None:
        pytest.skip("the mxt command is not installed")
    env = {**os.environ, "MXT_STORE": str(tmp_path / "never.sqlite")}
    extracted = subprocess.run(
        [mxt, "extract", str(ARTICLE), "--published", "2025-07-04"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert extracted.returncode == 0, extracted.stderr
    checked = subprocess.run(
        [mxt, "import", "--dry-run", "-"],
        input=extracted.stdout, capture_output=True, text=True, env=env, timeout=120,
        check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stderr
    drafts = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert checked.stdout.splitlines()[-1] == (
        f"dry run: would record {len(drafts)}, already present 0; nothing written"
    )
    text = ARTICLE.read_text(encoding="utf-8")
    assert all(draft["source"]["quote"] in text for draft in drafts)
    assert not (tmp_path / "never.sqlite").exists()


def test_every_draft_of_the_corpus_is_a_valid_line() -> None:
    from datetime import date

    from mxt.extract import extract_drafts

    checked = 0
    for sidecar in sorted(CORPUS.glob("*.json")):
        labels = json.loads(sidecar.read_text(encoding="utf-8"))
        root = CORPUS.parent.parent
        path = root / labels["text"] if "text" in labels else sidecar.with_suffix(".txt")
        text = path.read_text(encoding="utf-8")
        for draft in extract_drafts(text, date.fromisoformat(labels["published"])):
            parse_json_line(json.dumps(draft))
            checked += 1
    assert checked > 100
