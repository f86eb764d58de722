"""The report as one self-contained HTML page: Jinja2 templates (autoescaped: stored text may
contain anything), inline CSS, inline SVG charts, no script, and links only to http(s)."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from mxt.events.content import Content, JsonObject
from mxt.events.kinds import Scope, spell_count, summary
from mxt.projections.questions.report import CHARTED_MONTHS, CompanyReport, MonthlyFigure, Report
from mxt.projections.rules.audit import PlanRow, TargetRevision
from mxt.projections.rules.checked import ProgressRow, RecordedClaim
from mxt.projections.rules.conflicts import Conflict
from mxt.projections.rules.records import cell, flatten, to_json
from mxt.projections.rules.state import STATUSES

from .charts import Charts, Drawn, job_of

COUNT_FIELDS = ("value", "units", "count")
# The report's sections: their title, and the columns of their tables.
EXTRAS = (
    ("progress", "Progress against targets", (
        ("target", "target"), ("actual", "actual"), ("actual_metric", "counted"),
        ("covered_until", "covered until"), ("share_pct", "reached %"),
        ("elapsed_pct", "elapsed %"), ("needed_per_month", "needed a month"), ("pace", "pace"),
    )),
    ("conflicts", "Conflicts between sources", (
        ("slot", "slot"), ("side", ""), ("value", "value"), ("certainty", "certainty"),
        ("announced_on", "announced"), ("source", "source"), ("id", "id"),
    )),
    ("claims", "Claims checked", (
        ("id", "id"), ("claim", "claim"), ("verdict", "verdict"), ("why", "why"),
    )),
    ("slippage", "Plans and their slippage", (
        ("slot", "plan"), ("first_planned", "first planned"), ("planned", "planned"),
        ("slips", "slips"), ("outcome", "outcome"), ("happened_on", "happened"),
        ("late", "late (days)"),
    )),
)  # fmt: skip


@dataclass
class CompanyView:
    """A company's data with what the template draws from it: its state's tables, charts,
    timeline lines, and the rows of its checks."""

    report: CompanyReport
    state: JsonObject  # the company's state, as its JSON has it
    factories: list[JsonObject]  # its factories, each with its plan's columns
    charts: dict[str, Markup | None]
    timeline: list[TimelineLine]
    checks: dict[str, list[JsonObject]]  # progress, conflicts, claims: rows to show
    open_targets: list[JsonObject]  # the targets in force whose period has not ended
    closed_targets: list[JsonObject]  # those whose period ended by the as-of date (folded)
    by_market: list[tuple[str, list[tuple[str, list[str]]]]]  # (M49 region, (market, statuses))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.report, name)


def environment() -> Environment:
    """The templates of this package, every value escaped unless marked safe."""
    env = Environment(
        loader=PackageLoader("mxt.report", "templates"),
        autoescape=select_autoescape(["html", "j2", "css"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(show=show, count=count_text, item_cell=item_cell)
    # (a filter is called directly; a global function through the template's context: the
    # tables' cells, a quarter of a million in a report of 500 companies, ask `cell`)
    env.filters.update(flat=flatten, columns=_columns, cell=item_cell)
    return env


def render(report: Report, drawn: Iterator[Drawn] | None = None) -> Iterator[str]:
    """The page, in pieces: each company's charts (`drawn`, in the companies' order; by
    default drawn here as its section is written) put in as its section is written."""
    template = environment().get_template("report.html.j2")
    if drawn is None:
        charts = Charts()
        drawn = (charts.both(job_of(company), report.as_of) for company in report.companies)
    return template.generate(
        report=report,
        comparison=_comparison_view(report),
        companies=_views(report, drawn),
        statuses=STATUSES,
        extras=EXTRAS,
        months=CHARTED_MONTHS,
        version=_version(),
    )


# What the head of every page says (`templates/report.html.j2`), so that a page mxt wrote is
# known by its content: `write` replaces nothing else. Pages written before the generator line
# was added are known by their title.
GENERATOR = b'<meta name="generator" content="mxt report">'
EARLIER_TITLE = b"<title>mxt report as of "
HEAD_BYTES = 1024


def check_output(path: Path) -> None:
    """Refuses (`InputError` on `output`) a path that is neither new nor a report mxt wrote
    earlier: a store, a device, a pipe, any other file is never replaced by a page."""
    from mxt.events.errors import InputError
    from mxt.storage.sqlite import special_file

    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError:  # no permission, say: the writing names it
        return
    if stat.S_ISDIR(mode):
        raise InputError("output", f"{path} is a folder")
    if not stat.S_ISREG(mode):
        raise InputError("output", f"{path} is {special_file(mode)}, not a file to replace")
    try:
        with path.open("rb") as existing:
            head = existing.read(HEAD_BYTES)
    except OSError:
        return
    if head.startswith(b"<!DOCTYPE html>") and (GENERATOR in head or EARLIER_TITLE in head):
        return
    what = "a SQLite database (a store?)" if head.startswith(b"SQLite format 3\0") else "a file"
    raise InputError("output", f"{path} is {what}, not a report mxt wrote: give a new file name")


def write(report: Report, path: Path, drawn: Iterator[Drawn] | None = None) -> int:
    """Writes the page to `path` whole or not at all (a temporary file renamed over it), with
    the companies' charts `drawn` (as `render` takes them); answers its size in bytes. Only a
    new file or a report mxt wrote earlier is replaced (`check_output`, asked again just
    before the rename)."""
    check_output(path)
    folder = path.resolve().parent
    temporary = ""
    try:
        while not temporary:  # named before it is made: a signal just after never loses it
            temporary = str(folder / f".mxt-report-{secrets.token_hex(8)}.html")
            try:
                handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:  # (another's: not ours to remove)
                temporary = ""
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            for piece in render(report, drawn):
                out.write(piece)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # an ordinary new file's, not 0600
        check_output(path)
        os.replace(temporary, path)
    except BaseException:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
        raise
    return path.stat().st_size


def _comparison_view(report: Report) -> JsonObject | None:
    """`--compare`: the chart of the companies side by side, each month's figures spelled
    with their bounds, the markets by status and the plans' slippage."""
    comparison = report.comparison
    if comparison is None:
        return None
    chart = Charts().compare(comparison)
    months = [
        {"month": row.month, **{name: _spelled(value) for name, value in row.figures.items()}}
        for row in comparison.figures
    ]
    return {
        "companies": comparison.companies,
        "metric": comparison.metric,
        "period": comparison.period,
        "chart": Markup(chart) if chart else None,  # noqa: S704 (matplotlib's SVG)
        "months": months,
        "markets": [
            {**row._asdict(), "markets": ", ".join(row.markets) or "-"}
            for row in comparison.markets_by_status
        ],  # fmt: skip
        "slippage": [row._asdict() for row in comparison.slippage],
        "targets": [progress_row(row) for row in comparison.targets],
    }


def _spelled(value: JsonObject | None) -> str:
    """A month's figure with its bound (`9,200`, `~8,700`), or `-`."""
    if value is None:
        return "-"
    return spell_count(value["units"], value["bound"], value["high"])


def _views(report: Report, drawn: Iterator[Drawn]) -> Iterator[CompanyView]:
    for company, (targets, deliveries) in zip(report.companies, drawn, strict=True):
        state = to_json(company.state)
        in_force = [{**row, "scope": _scope_text(row)} for row in state["targets"]]
        ended = [t for t in in_force if _period_ended(t["period"], report.as_of)]
        yield CompanyView(
            company,
            state,
            [factory_row(factory) for factory in state["factories"]],
            {
                "targets": Markup(targets) if targets else None,  # noqa: S704 (matplotlib's SVG)
                "deliveries": Markup(deliveries) if deliveries else None,  # noqa: S704
            },
            [timeline_line(entry) for entry in company.timeline],
            {
                "progress": [progress_row(row) for row in company.extras["progress"]],
                "conflicts": [
                    line for c in company.extras["conflicts"] for line in conflict_rows(c)
                ],
                "claims": [claim_row(row) for row in company.extras["claims"]],
                "slippage": slippage_rows(company.extras["slippage"]),
            },
            [t for t in in_force if t not in ended],
            ended,
            market_rows(company.markets, company.matrix),
        )


def _scope_text(row: JsonObject) -> str:
    """A figure's scope in words: `worldwide`, `* except CN`, `EUROPE`."""
    scope = Scope.of(row, sort=False)
    return "worldwide" if scope.worldwide else scope.text()


def _period_ended(period: str, as_of: str) -> bool:
    """Whether a target's period had ended by `as_of` (a closed target)."""
    from mxt.projections.rules.periods import is_calendar_period, parse_period

    return is_calendar_period(period) and parse_period(period).last.isoformat() < as_of


def market_rows(
    markets: Sequence[str], matrix: Sequence[tuple[str, list[str]]]
) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """The matrix turned a market a row (so that it fits the page however many markets a
    company names), the rows grouped under their UN M49 region as `matrix_order` orders them:
    (group, [(market, each model's status)])."""
    from mxt.events.regions import continent_of, is_country_code

    groups: list[tuple[str, list[tuple[str, list[str]]]]] = []
    for index, market in enumerate(markets):
        if not is_country_code(market):
            group = "regions"
        else:
            group = (continent_of(market) or "other").title()
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        groups[-1][1].append((market, [statuses[index] for _, statuses in matrix]))
    return groups


def factory_row(factory: JsonObject) -> JsonObject:
    """A factory phase with the status it reached before a stop (`paused (was
    under-construction)`), the day with the period said beside it, and its plan's
    columns (`operational 2026-H2`, its first date, slips, days overdue)."""
    plan = factory.get("planned") or {}
    status = factory.get("status")
    if factory.get("reached_before"):
        status = f"{status} (was {factory['reached_before']})"
    since = factory.get("effective_on")
    if factory.get("effective_as_said"):
        since = f"{since} ({factory['effective_as_said']})"
    return {
        **factory, **{name: plan.get(name) for name in ("first_planned", "slips", "days_overdue")},
        "status": status, "effective_on": since,
        "planned": f"{plan['status']} {plan['effective_on']}" if plan else None,
    }  # fmt: skip


class TimelineLine(NamedTuple):
    """A line of a company's timeline, as the template writes it (a record, not a dict: the
    template reads a dozen fields of each of thousands of lines, and a dict's keys are found
    by Jinja only after an attribute lookup has failed)."""

    announced_on: Any
    kind: Any
    certainty: Any
    retracted: bool
    ids: str  # the ids of its announcements (a press release's several), joined
    summary: str
    link: str | None  # its source's URL, when it is http(s)
    # its source's title, URL and publisher, its speaker and quote: "" when not given
    title: Any
    url: Any
    publisher: Any
    speaker: Any
    quote: Any


def timeline_line(entry: Content) -> TimelineLine:
    """A log entry (or a press release's entries, `markets_named`) with its one-line summary,
    every market it names, and a link only when the URL is http(s)."""
    source = entry.get("source") or {}
    url = source.get("url") or ""
    link = url if url.lower().startswith(("http://", "https://")) else None
    named = entry.get("markets_named") or []
    also = f" — in {len(named)} markets: {', '.join(named)}" if len(named) > 1 else ""
    ids = entry.get("ids")
    return TimelineLine(
        entry.get("announced_on", ""), entry.get("kind", ""), entry.get("certainty", ""),
        entry.get("status") == "retracted", ", ".join(ids) if ids else entry["id"],
        summary(entry) + also, link, source.get("title", ""), source.get("url", ""),
        source.get("publisher", ""), entry.get("speaker", ""), source.get("quote", ""),
    )  # fmt: skip


def progress_row(row: ProgressRow) -> JsonObject:
    """A target against its actual, each count spelled with its bound."""
    return {
        **to_json(row),
        "target": f"{row.metric} {row.period}{row.scope.spelled()}: "
        + spell_count(row.target, row.target_bound, row.target_high),
        "actual": spell_count(row.actual, row.actual_bound),
    }


def conflict_rows(conflict: Conflict) -> list[Content]:
    """A slot's value in force, then each source that says otherwise."""
    slot = conflict.slot
    words = [
        str(v) for k, v in slot.json_items() if k not in ("company", "markets", "except") and v
    ]
    scope = (slot.scope or Scope()).spelled()
    sides = [("in force", conflict.in_force), *(("other", o) for o in conflict.others)]
    return [
        {
            **to_json(shown),
            "slot": " ".join(words) + scope if side == "in force" else "",
            "side": side,
            "value": spell_count(shown.value, shown.bound, shown.high),
            "source": shown.source.get("title"),
        }
        for side, shown in sides
    ]


def slippage_rows(plans: Sequence[PlanRow]) -> list[JsonObject]:
    """Each plan slot of a company once, with what became of its plans (`audit plans`), and
    a last row with the mean and the worst lateness of those that happened."""
    slots: dict[str, PlanRow] = {}
    for plan in plans:
        slots.setdefault(_plan_slot(plan), plan)
    rows: list[JsonObject] = []
    for words, plan in slots.items():
        late = _late(plan.slot.late_days, plan.slot.days_overdue)
        rows.append({**to_json(plan.slot), "slot": words, "late": late})
    happened = [plan.slot.late_days for plan in slots.values() if plan.slot.late_days is not None]
    if happened:
        mean = sum(happened) / len(happened)
        rows.append({"slot": "all that happened", "outcome": f"{len(happened)} happened",
                     "late": f"mean {mean:+,.0f}, worst {max(happened):+,}"})  # fmt: skip
    return rows


def _plan_slot(plan: PlanRow) -> str:
    """A plan slot in a few words: `launch Arc in US`, `factory Monterrey phase 1
    (operational)`."""
    if plan.site is not None:
        return f"{plan.kind} {plan.site} phase {plan.phase} ({plan.planned_status})"
    return f"{plan.kind} {plan.model or '(all models)'} in {plan.market}"


def _late(late_days: int | None, days_overdue: int | None) -> str | None:
    """`+107` days late (negative: early), or `37 overdue`."""
    if late_days is not None:
        return f"{late_days:+,}"
    return f"{days_overdue:,} overdue" if days_overdue is not None else None


def claim_row(row: RecordedClaim) -> JsonObject:
    """A claim in a few words (`streak deliveries at_least=20000 ...`) and its verdict."""
    words = [str(row.claim.get("type", ""))] + [
        f"{k}={v}" for k, v in row.claim.items() if k != "type" and v is not None
    ]
    return {**to_json(row), "claim": " ".join(words)}


def show(value: Any) -> str:
    """A table cell's text: the terminal tables' spelling, a dash for nothing."""
    return "–" if value is None or value == [] else cell(value)


def item_cell(item: JsonObject, name: str) -> str:
    """A field of a listed object, a count spelled with its bound (`~28,000`)."""
    if name in COUNT_FIELDS and item.get(name) is not None:
        return spell_count(item[name], item.get("bound") or "exact", item.get("high"))
    return show(item.get(name))


def count_text(figure: MonthlyFigure | TargetRevision) -> str:
    """A monthly figure or a target revision with its bound: `200,000+`, `38,500–39,500`."""
    value = figure.units if isinstance(figure, MonthlyFigure) else figure.value
    return spell_count(value, figure.bound, figure.high)


def _columns(rows: list[JsonObject]) -> list[str]:
    return list(dict.fromkeys(name for row in rows for name in row))


def _version() -> str:
    try:
        return version("mxt")
    except PackageNotFoundError:
        return "(not installed)"
