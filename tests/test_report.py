"""`mxt report` (the README's report section): one self-contained HTML page of the seed story, read
as text, as HTML, and in a real headless browser where one is installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import invoke_on, make_announcement

from mxt.cli.demo import seed_path
from mxt.cli.options import make_query
from mxt.projections.questions.read_side import ReadSide
from mxt.projections.questions.report import gather_report, period_span
from mxt.report.page import render
from mxt.storage.store import Store

AS_OF = "2025-07-10"


@pytest.fixture(scope="module")
def page(seeded: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's report as of the day the article's story had all been told."""
    path = tmp_path_factory.mktemp("page") / "xiaomi.html"
    result = invoke_on(seeded, "report", "--as-of", AS_OF, "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"wrote {path}" in result.stderr
    return path


class Page(HTMLParser):
    """The parts of a page that could reach the network, and its text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def links(self) -> list[str]:
        return [str(attrs.get("href")) for tag, attrs in self.tags if "href" in attrs]


def test_the_header_names_the_dates_events_and_verify_head(seeded: str, page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    verified = json.loads(invoke_on(seeded, "verify", "--json").stdout)
    head = verified["head"]
    assert re.search(rf'<dd id="as-of">{AS_OF}</dd>', html)
    known_at = re.search(r'<dd id="known-at">(\d{4}-\d{2}-\d{2}T[\d:.]+Z)</dd>', html)
    # The default (everything recorded) is shown as the moment it stood for: about now.
    assert known_at is not None
    shown = datetime.fromisoformat(known_at.group(1).replace("Z", "+00:00"))
    assert abs(datetime.now(UTC) - shown) < timedelta(hours=1)
    assert f'<dd id="events">{verified["events"]}</dd>' in html
    assert f'<dd id="head"><code>{head}</code>' in html


def test_the_page_fetches_nothing(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    parsed = Page(html)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not any("src" in attrs for _, attrs in parsed.tags)
    assert "@import" not in html and "url(http" not in html and "@font-face" not in html
    for link in parsed.links():
        assert link.startswith(("#", "https://", "http://")), link
    anchors = [attrs for tag, attrs in parsed.tags if tag == "a"]
    assert all(str(a["href"]).startswith(("#", "http")) for a in anchors)
    assert any(tag == "svg" for tag, _ in parsed.tags)  # charts inline


def test_the_xiaomi_story_is_on_the_page(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    html = html[html.index('<section class="company" id="c2">') :]  # Xiaomi, after Land Rover
    assert "<h2>Xiaomi</h2>" in html
    text = " ".join(" ".join(Page(html).text).split())
    # the 2025 target's revision, beside the deliveries against it
    assert "production 2025 revisions" in text
    assert re.search(r"2024-12-31 300,000 superseded xiaomi-2025-target-300k", text)
    assert re.search(r"2025-03-18 350,000 in-force xiaomi-2025-target-350k", text)
    assert "2025-06: 28,000" in text
    # the market matrix: on sale in China, blocked in Europe until 2027
    start = html.index('<table class="matrix">')
    matrix = html[start : html.index("</table>", start)]
    assert "<th>CN</th>" in matrix and "<th>EU</th>" in matrix
    for model in ("SU7", "YU7"):
        row = re.search(rf"<tr><th>{model}</th>(.*?)</tr>", matrix)
        assert row is not None
        assert re.findall(r'class="s-(\w+)"', row[1])[:1] == ["available"]
        assert "s-blocked" in row[1]
    assert "2027-01-01" in text  # the policy's date
    # the timeline with the article's quotes, sources and links
    assert "over 200,000 pre-bookings recorded within just three minutes of launch" in text
    assert "Xiaomi Won't Sell Its EVs Outside China Until 2027" in text
    assert (
        "https://khabarpanel.com/xiaomi-wont-sell-its-evs-outside-china-until-2027"
        in Page(html).links()
    )
    assert text.index("2024-02-26 showcase") < text.index("2025-07-04 expected-entry")


def test_charts_are_matplotlib_svg_of_each_company(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    section = html[html.index('id="c2"') :]
    charts = re.findall(r'<figure class="chart"><svg.*?</svg>', section, re.S)
    assert len(charts) == 2  # targets against actuals, monthly deliveries
    assert "production 2025 target" in charts[0]
    assert "production 2025 deliveries to date" in charts[0]
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_progress_conflicts_and_claims_of_the_seed(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    text = " ".join(" ".join(Page(html[html.index('id="c2"') :]).text).split())
    progress = text[text.index("Progress against targets") : text.index("Conflicts between")]
    assert "production 2025: 350,000" in progress and "on-track" in progress
    conflicts = text[text.index("Conflicts between sources") : text.index("Claims checked")]
    assert "wait-time YU7 in force 12" in conflicts
    assert "xiaomi-yu7-wait-60w-app" in conflicts
    claims = text[text.index("Claims checked") :]
    assert "xiaomi-claim-eighth-straight-month streak" in claims
    assert re.search(r"\b(holds|fails|undetermined)\b", claims)


def test_stored_text_is_escaped_and_odd_links_are_not_links(run: Any, tmp_path: Path) -> None:
    hostile = make_announcement(
        "statement",
        company="<b>Evil & Co</b>",
        text="</li><script>alert('x')</script>",
        source={"title": "<img src=x onerror=alert(1)>", "url": "javascript:alert(1)",
                "quote": "\"quoted\" & <i>tagged</i>"},
    )  # fmt: skip
    assert run("import", "-", input=json.dumps(hostile)).exit_code == 0
    out = tmp_path / "r.html"
    result = run("report", "-o", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    parsed = Page(html)
    assert not {tag for tag, _ in parsed.tags} & {"script", "img", "b", "i"} - {"b", "i"}
    assert "&lt;script&gt;alert(" in html
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in " ".join(parsed.links())
    assert "(javascript:alert(1))" in html  # shown as text, not followed
    assert "&#34;quoted&#34; &amp; &lt;i&gt;tagged&lt;/i&gt;" in html


def test_reusing_the_figures_leaves_nothing_of_the_last_company(seeded: str) -> None:
    with Store(seeded) as store:
        read_side = ReadSide(store)
        query = make_query(AS_OF, "2100-01-01")
        alone = "".join(render(gather_report(read_side, query, ["Xiaomi"])))
        after = "".join(render(gather_report(read_side, query, ["Land Rover", "Xiaomi"])))
    charts = re.findall(r"<svg.*?</svg>", alone, re.S)
    assert charts and charts == re.findall(r"<svg.*?</svg>", after, re.S)


def test_company_names_match_case_insensitively_and_unknown_ones_are_noted(
    seeded: str, tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    result = invoke_on(
        seeded, "report", "--company", "XIAOMI", "--company", "Nobody", "-o", str(out)
    )
    assert result.exit_code == 0
    assert "nothing is known about Nobody" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<h2>Xiaomi</h2>" in html and "<h2>Nobody</h2>" in html
    assert "Land Rover" not in html


def test_an_unwritable_output_is_an_operational_error_leaving_nothing(
    seeded: str, tmp_path: Path
) -> None:
    result = invoke_on(seeded, "report", "-o", str(tmp_path / "missing" / "r.html"))
    assert result.exit_code == 1
    assert result.stderr.startswith("mxt: error: output: cannot write")
    assert len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "missing").exists()


def test_without_the_extra_it_says_how_to_install_it(seeded: str, tmp_path: Path) -> None:
    # The interpreter refuses `import jinja2` when its module entry is None, as if absent.
    program = (
        "import sys; sys.modules['jinja2'] = None; from mxt.cli.main import main; "
        f"main(['--store', {seeded!r}, 'report', '-o', {str(tmp_path / 'r.html')!r}])"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "mxt: error: mxt report needs the report extra (Jinja2, matplotlib): "
        "pip install 'mxt[report]'"
    )
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [("2025", "2025-01-01", "2025-12-31"), ("2024-Q1", "2024-01-01", "2024-03-31"),
     ("2025-H2", "2025-07-01", "2025-12-31"), ("2024-02", "2024-02-01", "2024-02-29")],
)  # fmt: skip
def test_period_spans(period: str, first: str, last: str) -> None:
    assert [d.isoformat() for d in period_span(period)] == [first, last]


# -- in a real browser ---------------------------------------------------------------------

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no chromium here (.ci/run installs Debian's chromium)"
)


def headless(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Chromium, headless, offline-minded, on the file: no network service it may skip."""
    assert BROWSER is not None
    return subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


@needs_browser
def test_a_browser_renders_the_story(page: Path, tmp_path: Path) -> None:
    dom = headless(page, tmp_path / "profile", "--dump-dom").stdout
    text = " ".join(" ".join(Page(dom).text).split())
    assert "Market-expansion report" in text
    assert "Xiaomi" in text and "blocked" in text and "available" in text
    assert "production 2025 target" in dom  # the chart's SVG text, laid out by the browser
    assert "Within 18 hours, the company locked in over 240,000 confirmed orders" in text


@needs_browser
def test_a_browser_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    from matplotlib.image import imread

    shot = tmp_path / "page.png"
    headless(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1000,1400")
    pixels = imread(str(shot))
    assert pixels.shape[:2] == (1400, 1000)
    colours = {tuple(pixel) for pixel in pixels[::7, ::7].reshape(-1, pixels.shape[2])}
    assert len(colours) > 20  # text, tables, the status colours and the charts
    assert pixels.std() > 0.05
