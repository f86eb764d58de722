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
from conftest import import_seed, invoke_on, make_announcement

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
    # (a market a row, so that it fits the page: regions first, then countries by their UN
    # M49 region, then code; a column per model)
    start = html.index('<table class="matrix">')
    matrix = html[start : html.index("</table>", start)]
    assert "<th>SU7</th><th>YU7</th>" in matrix
    groups = re.findall(r'<tr class="group"><th colspan="3">(\w+)</th>', matrix)
    assert groups == ["regions", "Asia", "Europe"]
    markets = re.findall(r"<tr><th>([A-Z*-]+)</th>", matrix)
    assert markets[0] == "EU" and markets.index("CN") < markets.index("ES")
    cn = re.search(r"<tr><th>CN</th>(.*?)</tr>", matrix)
    eu = re.search(r"<tr><th>EU</th>(.*?)</tr>", matrix)
    assert cn is not None and eu is not None
    assert re.findall(r'class="s-(\w+)"', cn[1]) == ["available", "available"]
    assert re.findall(r'class="s-(\w+)"', eu[1]) == ["blocked", "blocked"]
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
    # no figure of units built: nothing stands in for production (SPEC 5.3), no actual line
    assert "to date" not in charts[0]
    # a legend names every series of the monthly chart: its metric and scope, and the bounds
    assert ">deliveries<" in charts[1] and ">at least<" in charts[1]
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html


def test_progress_conflicts_and_claims_of_the_seed(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    text = " ".join(" ".join(Page(html[html.index('id="c2"') :]).text).split())
    progress = text[text.index("Progress against targets") : text.index("Conflicts between")]
    assert "production 2025: 350,000" in progress and "unknown" in progress
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


# -- issue 24: the report's faults on a story of expansion into Europe ------------------------

STORY = Path(__file__).parent / "data" / "regions-story.jsonl"
NINE = ("DE", "FR", "IT", "ES", "NL", "BE", "AT", "PL", "SE")


@pytest.fixture(scope="module")
def expansion(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The regions story, a press release launching the Bolt in nine more countries, and
    closed and open targets: its page as of 2024-06-30."""
    folder = tmp_path_factory.mktemp("expansion")
    store = str(folder / "s.sqlite")
    assert invoke_on(store, "import", str(STORY)).exit_code == 0
    release = [{"kind": "launch", "company": "Hexa Auto", "announced_on": "2023-03-01",
                "model": "Cirrus", "market": code, "source": {"title": "Cirrus in nine markets",
                "url": "https://hexa.example/cirrus"}} for code in NINE]  # fmt: skip
    release.append({"kind": "target", "company": "Hexa Auto", "announced_on": "2021-01-05",
                    "metric": "sales", "period": "2021", "value": 100_000,
                    "source": {"title": "2021 target"}})  # fmt: skip
    lines = folder / "more.jsonl"
    lines.write_text("".join(json.dumps(line) + "\n" for line in release), encoding="utf-8")
    assert invoke_on(store, "import", str(lines)).exit_code == 0
    page = folder / "page.html"
    result = invoke_on(store, "report", "--company", "Hexa Auto", "--as-of", "2024-06-30",
                       "-o", str(page))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "bytes, 1 company)" in result.stderr  # not "1 companies"
    return page


def test_a_press_release_for_nine_countries_is_one_timeline_entry(expansion: Path) -> None:
    html = expansion.read_text(encoding="utf-8")
    timeline = html[html.index('<ol class="timeline">') :]
    entries = re.findall(r"<li[^>]*>.*?</li>", timeline, re.S)
    cirrus = [entry for entry in entries if "Cirrus in nine markets" in entry]
    assert len(cirrus) == 1 and f"in 9 markets: {', '.join(NINE)}" in cirrus[0]


def test_closed_targets_are_folded_and_every_figure_says_its_scope(expansion: Path) -> None:
    html = expansion.read_text(encoding="utf-8")
    state = html[: html.index("<h3>Targets against actuals</h3>")]
    shown, folded = state.split('<details class="closed">')
    assert "hx-target-overseas-2024" in shown and "* except CN" in shown
    assert "1 closed target (periods ended by 2024-06-30)" in folded and "2021" in folded
    monthly = html[html.index("<h3>Monthly deliveries</h3>") : html.index("<h3>Availability")]
    assert "2024-04: 70,850 (sales in * except CN)" in monthly
    assert "2024-04: 9,200 (registrations in EUROPE-JATO)" in monthly
    chart = re.search(r"<svg.*?</svg>", monthly, re.S)
    assert chart is not None
    for series in ("sales in * except CN", "registrations in EUROPE-JATO", "exports"):
        assert f">{series}<" in chart[0]  # a legend entry for every series


@needs_browser
def test_the_matrix_fits_the_page(expansion: Path, tmp_path: Path) -> None:
    """In Chromium at 1,200 px, the page is no wider than the window, whatever the number of
    markets (a market a row; a wider table scrolls inside its own box)."""
    probe = tmp_path / "probe.html"
    probe.write_text(
        f'<iframe id="f" src="{expansion.as_uri()}" width="1200" height="800"></iframe>'
        '<script>onload = () => { const d = document.getElementById("f").contentDocument;'
        'document.title = "width " + d.documentElement.scrollWidth; };</script>',
        encoding="utf-8",
    )
    dom = headless(probe, tmp_path / "profile", "--allow-file-access-from-files",
                   "--dump-dom", "--virtual-time-budget=5000").stdout  # fmt: skip
    width = re.search(r"<title>width (\d+)</title>", dom)
    assert width is not None, dom[:500]
    assert int(width[1]) <= 1200
    page = expansion.read_text(encoding="utf-8")
    assert '<div class="wide"><table class="matrix">' in page


def test_the_readme_report_section_runs_from_an_empty_folder(tmp_path: Path) -> None:
    """README, "The report": its commands (the install aside) run in an empty folder, with
    no path only a checkout has, and write both pages."""
    import os

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = text.index("## The report")
    section = text[start : text.index("\n## ", start + 1)]
    [block] = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert "cli/" not in block and ".jsonl" not in block
    script = "\n".join(line for line in block.splitlines() if not line.startswith("pip "))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MXT_STORE", None)
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "xiaomi.html").stat().st_size > 10_000
    assert "Xiaomi" in (tmp_path / "july.html").read_text(encoding="utf-8")


def test_report_compare_puts_the_companies_side_by_side(tmp_path: Path) -> None:
    """`mxt report --compare` on the story (Hexa and Rivet) and on the seed with a second
    company: a chart of their monthly figures and running totals with a legend entry for
    each, and mxt compare's tables; a single company is refused."""
    store = str(tmp_path / "s.sqlite")
    assert invoke_on(store, "import", str(STORY)).exit_code == 0
    for company, units in (("Hexa Auto", "7,000"), ("Rivet Motors", "~5,000")):
        recorded = invoke_on(store, "record", "deliveries", "--company", company,
                             "--announced-on", "2024-03-02", "--source", "February",
                             "--period", "2024-02", "--units", units)  # fmt: skip
        assert recorded.exit_code == 0, recorded.output
    page = tmp_path / "compare.html"
    result = invoke_on(store, "report", "--company", "Hexa Auto", "--company", "Rivet Motors",
                       "--compare", "--as-of", "2024-06-30", "-o", str(page))  # fmt: skip
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section class="compare"') : html.index('<section class="company"')]
    assert "Hexa Auto, Rivet Motors, side by side" in section
    assert re.search(r"<td>2024-02</td><td class=\"num\">7,000</td><td class=\"num\">~5,000</td>",
                     section)  # fmt: skip
    for label in ("Hexa Auto: deliveries a month", "Rivet Motors: deliveries a month",
                  "Hexa Auto: running total", "Rivet Motors: running total"):  # fmt: skip
        assert f">{label}<" in section
    assert "Plans: what became of them" in section and "Markets by status" in section
    refused = invoke_on(store, "report", "--company", "Hexa Auto", "--compare", "-o",
                        str(tmp_path / "one.html"))  # fmt: skip
    assert refused.exit_code == 2 and "--compare needs two companies" in refused.stderr
    assert not (tmp_path / "one.html").exists()
    # the seed, and a second company
    seed = str(tmp_path / "seed.sqlite")
    import_seed(seed)
    seed_page = tmp_path / "seed.html"
    result = invoke_on(seed, "report", "--company", "Xiaomi", "--company", "Land Rover",
                       "--compare", "--as-of", "2025-07-10", "-o", str(seed_page))  # fmt: skip
    assert result.exit_code == 0, result.output
    text = seed_page.read_text(encoding="utf-8")
    assert "Xiaomi, Land Rover, side by side" in text and ">Xiaomi: running total<" in text


# -- issue 27: the targets chart's lines made once, given each company's data ---------------


def _target(metric: str, period: str, values: list[tuple[str, int]], actuals: int = 0) -> Any:
    """A charted target of 2025 with its revisions (day, value) and `actuals` monthly totals."""
    from mxt.events.kinds import Scope
    from mxt.projections.questions.report import TargetSeries
    from mxt.projections.rules.audit import TargetRevision

    unchanged = dict.fromkeys(("high", "previous", "previous_high", "change", "change_pct",
                               "stated_previous", "stated_previous_high", "speaker"))  # fmt: skip
    revisions = [
        TargetRevision(
            company="Co",
            metric=metric,
            period=period,
            scope=Scope(),
            value=value,
            bound="exact",
            previous_mismatch=False,
            announced_on=day,
            recorded_at=f"{day}T00:00:00Z",
            id=f"t-{metric}-{day}",
            source={},
            certainty="confirmed",
            status="active",
            corrections=[],
            took_force=True,
            **unchanged,
        )  # fmt: skip
        for day, value in values
    ]
    start, end = period_span(period)
    totals = [(f"2025-{month:02d}-28", 1000 * month) for month in range(1, actuals + 1)]
    return TargetSeries(metric, period, "", start.isoformat(), end.isoformat(), revisions,
                        metric, totals)  # fmt: skip


def test_a_targets_chart_shows_every_target_and_every_legend_line() -> None:
    """Each target's steps fit the chart, whichever comes first (a later, larger one raises
    the axis), its dots are where it was revised, and a legend of five or six lines is
    wholly inside the chart; nothing of the company drawn before is left."""
    from mxt.report.charts import Charts

    charts = Charts()
    small = _target("deliveries", "2025-Q3", [("2025-02-01", 9_000)], actuals=6)
    large = _target("production", "2025", [("2025-01-10", 300_000), ("2025-03-01", 350_000)])
    drawn = charts.targets([small, large, _target("sales", "2025", [("2025-01-05", 40_000)], 5)],
                           "2025-07-10")  # fmt: skip
    assert drawn is not None
    ticks = [int(t.replace(",", "")) for t in re.findall(r">([\d,]+)</text>", drawn)]
    assert max(ticks) >= 300_000  # the production target's axis, though it came second
    labels = re.findall(r'<text[^>]* y="([-\d.]+)"[^>]*>([^<]*(?:target|to date))</text>', drawn)
    assert len(labels) == 5 and all(float(y) > 5 for y, _ in labels), labels
    alone = charts.targets([small], "2025-07-10")
    assert alone is not None and "production" not in alone and "sales" not in alone
    assert max(int(t.replace(",", "")) for t in re.findall(r">([\d,]+)</text>", alone)) < 20_000
    assert Charts().targets([small], "2025-07-10") == alone  # as from a chart made anew
