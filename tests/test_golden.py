"""Every read command's output, byte for byte, on two data sets: the demo's seed story and a
richer one (`tests/golden/`: a generated stream of four companies, and Orbit Motors, written
by hand to hold bounds, scopes, unconfirmed reports, plans, corrections and retractions).

Each case runs one question in every format (and, for the state answers, every section in
the row formats) and compares stdout, stderr and the exit code with its file in
`tests/golden/out/`. The moments that depend on when the test imported the data (`recorded_at`
stamps, the default `--known-at`, the head hash) are masked. A deliberate change of output
rewrites the files: `MXT_GOLDEN=write python -m pytest tests/test_golden.py`, then read the
diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from mxt.cli.demo import seed_path

GOLDEN = Path(__file__).parent / "golden"
WRITE = os.environ.get("MXT_GOLDEN") == "write"
KNOWN = ("--known-at", "2100-01-01")  # after every record: the answers do not move with now
LEARNED = ("--since", "2000-01-01", "--until", "2100-01-01")  # `changes` over every record
CHANGES_SECTIONS = ("events", "changes", "alerts")

MODEL_SECTIONS = ("summary", "markets", "market_statuses", "orders", "wait_times")
MARKET_SECTIONS = ("summary", "models", "policies")
COMPANY_SECTIONS = ("summary", "targets", "deliveries", "factories", "models", "policies",
                    "expected_entries", "claims")  # fmt: skip

# name -> (data set, question, the sections of its answer in the row formats)
CASES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "seed-log": ("seed", ("log", *KNOWN), ()),
    "seed-log-target": ("seed", ("log", "--company", "xiaomi", "--kind", "target"), ()),
    "seed-model-yu7": (
        "seed",
        ("state", "model", "Xiaomi/YU7", "--as-of", "2025-07-01", *KNOWN),
        MODEL_SECTIONS,
    ),
    "seed-model-su7": (
        "seed",
        ("state", "model", "xiaomi/su7", "--as-of", "2025-07-10", *KNOWN),
        MODEL_SECTIONS,
    ),
    "seed-market-de": (
        "seed",
        ("state", "market", "DE", "--as-of", "2025-07-05", *KNOWN),
        MARKET_SECTIONS,
    ),
    "seed-market-es-all": (
        "seed",
        ("state", "market", "ES", "--all", "--as-of", "2024-03-01", *KNOWN),
        MARKET_SECTIONS,
    ),
    "seed-company": (
        "seed",
        ("state", "company", "Xiaomi", "--as-of", "2025-07-10", *KNOWN),
        COMPANY_SECTIONS,
    ),
    "seed-company-default-known": (
        "seed",
        ("state", "company", "Xiaomi", "--as-of", "2025-07-10"),
        ("summary", "targets"),
    ),
    "seed-audit": (
        "seed",
        ("audit", "targets", "--company", "Xiaomi", "--as-of", "2025-07-10", *KNOWN),
        (),
    ),
    "seed-show-target": (
        "seed",
        ("show", "xiaomi-2025-target-350k", "--as-of", "2025-07-10", *KNOWN),
        (),
    ),
    "seed-diff": ("seed", ("diff", "--from", "2025-01-01", "--to", "2025-07-10", *KNOWN), ()),
    "seed-diff-de": (
        "seed",
        (
            "diff",
            "--from",
            "2024-01-01",
            "--to",
            "2025-07-10",
            "--market",
            "DE",
            "--company",
            "Xiaomi",
            *KNOWN,
        ),
        (),
    ),
    "seed-conflicts": ("seed", ("conflicts", "--as-of", "2025-07-10", *KNOWN), ()),
    "seed-progress": ("seed", ("progress", "--as-of", "2025-07-05", *KNOWN), ()),
    "seed-check": ("seed", ("check", *KNOWN), ()),
    "rich-log-orbit": ("rich", ("log", "--company", "Orbit Motors", *KNOWN), ()),
    "rich-log-de": ("rich", ("log", "--market", "DE", "--since", "2020-01-01", *KNOWN), ()),
    "rich-model-nova": (
        "rich",
        ("state", "model", "Orbit Motors/Nova", "--as-of", "2025-07-10", *KNOWN),
        MODEL_SECTIONS,
    ),
    "rich-model-nova-march": (
        "rich",
        ("state", "model", "Orbit Motors/Nova", "--as-of", "2025-03-01", *KNOWN),
        MODEL_SECTIONS,
    ),
    "rich-model-pulse": (
        "rich",
        ("state", "model", "orbit motors/PULSE", "--as-of", "2025-07-10", *KNOWN),
        MODEL_SECTIONS,
    ),
    "rich-model-tagei": (
        "rich",
        ("state", "model", "Vefeiser Automotive/Tagei", "--as-of", "2021-06-30", *KNOWN),
        MODEL_SECTIONS,
    ),
    "rich-model-unknown": (
        "rich",
        ("state", "model", "Orbit Motors/Ghost", "--as-of", "2025-07-10", *KNOWN),
        ("summary",),
    ),
    "rich-market-de": (
        "rich",
        ("state", "market", "DE", "--as-of", "2025-07-10", *KNOWN),
        MARKET_SECTIONS,
    ),
    "rich-market-eu-all": (
        "rich",
        ("state", "market", "EU", "--all", "--as-of", "2025-07-10", *KNOWN),
        MARKET_SECTIONS,
    ),
    "rich-market-jp": (
        "rich",
        ("state", "market", "JP", "--as-of", "2025-07-10", *KNOWN),
        MARKET_SECTIONS,
    ),
    "rich-market-gb": (
        "rich",
        ("state", "market", "GB", "--as-of", "2025-07-10", *KNOWN),
        MARKET_SECTIONS,
    ),
    "rich-market-us-2020": (
        "rich",
        ("state", "market", "US", "--as-of", "2020-06-30", *KNOWN),
        MARKET_SECTIONS,
    ),
    "rich-company-orbit": (
        "rich",
        ("state", "company", "Orbit Motors", "--as-of", "2025-07-10", *KNOWN),
        COMPANY_SECTIONS,
    ),
    "rich-company-orbit-march": (
        "rich",
        ("state", "company", "Orbit Motors", "--as-of", "2025-03-20", *KNOWN),
        COMPANY_SECTIONS,
    ),
    "rich-company-vefeiser": (
        "rich",
        ("state", "company", "Vefeiser Automotive", "--as-of", "2021-12-31", *KNOWN),
        COMPANY_SECTIONS,
    ),
    "rich-company-mazix": (
        "rich",
        ("state", "company", "Mazix", "--as-of", "2025-12-31", *KNOWN),
        COMPANY_SECTIONS,
    ),
    "rich-company-unknown": (
        "rich",
        ("state", "company", "Nobody", "--as-of", "2025-07-10", *KNOWN),
        ("summary",),
    ),
    "rich-audit": ("rich", ("audit", "targets", "--as-of", "2025-12-31", *KNOWN), ()),
    "rich-audit-orbit": (
        "rich",
        (
            "audit",
            "targets",
            "--company",
            "Orbit Motors",
            "--metric",
            "production",
            "--as-of",
            "2025-07-10",
            *KNOWN,
        ),
        (),
    ),
    "rich-diff-orbit": (
        "rich",
        ("diff", "--from", "2025-01-01", "--to", "2025-07-10", "--company", "Orbit Motors", *KNOWN),
        (),
    ),
    "rich-diff-orbit-later": (
        "rich",
        ("diff", "--from", "2025-07-10", "--to", "2026-07-01", "--company", "Orbit Motors", *KNOWN),
        (),
    ),
    "rich-diff-all": ("rich", ("diff", "--from", "2019-07-01", "--to", "2019-12-31", *KNOWN), ()),
    "rich-diff-de": (
        "rich",
        ("diff", "--from", "2020-01-01", "--to", "2025-07-10", "--market", "DE", *KNOWN),
        (),
    ),
    "rich-diff-eu-orbit": (
        "rich",
        (
            "diff",
            "--from",
            "2024-01-01",
            "--to",
            "2026-07-01",
            "--market",
            "FR",
            "--company",
            "Orbit Motors",
            *KNOWN,
        ),
        (),
    ),
    "rich-conflicts": ("rich", ("conflicts", "--as-of", "2025-12-31", *KNOWN), ()),
    "rich-conflicts-orbit": (
        "rich",
        ("conflicts", "--company", "Orbit Motors", "--as-of", "2025-07-10", *KNOWN),
        (),
    ),
    "rich-progress": ("rich", ("progress", "--as-of", "2025-12-31", *KNOWN), ()),
    "rich-progress-orbit": (
        "rich",
        ("progress", "--company", "Orbit Motors", "--as-of", "2025-07-10", *KNOWN),
        (),
    ),
    "rich-check": ("rich", ("check", *KNOWN), ()),
    "rich-check-file": ("rich", ("check", "-", "--as-of", "2025-07-10", *KNOWN), ()),
    # everything recorded, as what the store learned since before it began: every answer
    # from nothing, and the alerts that hold
    "seed-changes": ("seed", ("changes", *LEARNED, "--as-of", "2025-07-10"), CHANGES_SECTIONS),
    "rich-changes-orbit": (
        "rich",
        ("changes", *LEARNED, "--company", "Orbit Motors", "--as-of", "2025-07-10"),
        CHANGES_SECTIONS,
    ),
}
# `show` of every kind of announcement of Orbit Motors (and of two of the stream), as of a
# day that holds most of them.
SHOWN = (
    "orbit-t-300k", "orbit-t-350k", "orbit-t-400k-rumour", "orbit-t-overseas-2", "orbit-t-q3",
    "orbit-d-2025-02", "orbit-d-2025-06", "orbit-d-q1", "orbit-d-04-sameday", "orbit-d-04-rumour",
    "orbit-d-nova-01", "orbit-o-pre", "orbit-o-locked-de", "orbit-o-locked-rumour", "orbit-w-max",
    "orbit-w-all-rumour", "orbit-l-nova-cn", "orbit-l-nova-de", "orbit-l-pulse-eu",
    "orbit-l-nova-fr-replan", "orbit-p-world", "orbit-p-us", "orbit-e-jp", "orbit-e-nova-gb",
    "orbit-s-nova-jp", "orbit-f-a1", "orbit-f-a2-plan", "orbit-st", "orbit-c-total",
    "orbit-c-launched", "target-0000013", "launch-000001d",
)  # fmt: skip
# What a case reads on stdin (`check -`).
INPUTS = {"rich-check-file": GOLDEN / "claims.jsonl"}
for _shown in SHOWN:
    CASES[f"rich-show-{_shown}"] = ("rich", ("show", _shown, "--as-of", "2025-07-10", *KNOWN), ())

FORMATS = ("table", "json", "jsonl", "csv")
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_HEAD = re.compile(r"\b[0-9a-f]{16,64}\b")


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, mxt: Any) -> dict[str, str]:
    """The two data sets, each imported into its own store."""
    folder = tmp_path_factory.mktemp("golden")
    found = {}
    for name, files in (("seed", [seed_path()]),
                        ("rich", [GOLDEN / "stream.jsonl", GOLDEN / "extra.jsonl"])):  # fmt: skip
        location = str(folder / f"{name}.sqlite")
        for file in files:
            result = mxt("--store", location, "import", str(file))
            assert result.exit_code == 0, result.output
        found[name] = location
    return found


def masked(text: str) -> str:
    """Output without what depends on when the data was imported (or on now)."""
    return _STAMP.sub("<recorded>", text)


def runs(question: tuple[str, ...], sections: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every way a case's question is asked: each format, and each section of a several-list
    answer where a row format needs one (and in a table)."""
    if not sections:
        return [(*question, "--format", fmt) for fmt in FORMATS]
    asked = [(*question, "--format", fmt) for fmt in ("table", "json")]
    for section in sections:
        asked += [(*question, "--section", section, "--format", fmt) for fmt in FORMATS]
    return asked


@pytest.mark.parametrize("case", CASES)
def test_every_read_command_answers_as_its_golden_file(
    case: str, stores: dict[str, str], mxt: Any
) -> None:
    data_set, question, sections = CASES[case]
    written = []
    stdin = INPUTS[case].read_text(encoding="utf-8") if case in INPUTS else None
    for args in runs(question, sections):
        result = mxt("--store", stores[data_set], *args, input=stdin)
        written.append(
            f"$ mxt {' '.join(args)}\n# exit {result.exit_code}\n{result.stdout}"
            f"# stderr\n{result.stderr}"
        )
    text = masked("".join(written))
    path = GOLDEN / "out" / f"{case}.txt"
    if WRITE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_report_page_is_as_its_golden_file(
    stores: dict[str, str], mxt: Any, tmp_path: Path
) -> None:
    page = tmp_path / "page.html"
    for data_set, company in (("seed", "Xiaomi"), ("rich", "Orbit Motors")):
        result = mxt("--store", stores[data_set], "report", "--company", company, "--as-of",
                         "2025-07-10", *KNOWN, "-o", str(page))  # fmt: skip
        assert result.exit_code == 0, result.output
        html = _HEAD.sub("<head>", page.read_text(encoding="utf-8"))
        html = re.sub(r"Written by mxt [^.]*\.", "Written by mxt.", html)
        path = GOLDEN / "out" / f"{data_set}-report.html"
        if WRITE:
            path.write_text(html, encoding="utf-8")
        assert html == path.read_text(encoding="utf-8")
