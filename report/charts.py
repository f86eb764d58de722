"""The report's charts, drawn by matplotlib's SVG backend (no display, no Agg) as inline SVG.

Two figures are made once and redrawn for each company (making a figure costs more than
drawing one; the targets chart's lines too, given each company's data); text is kept as SVG
text, not glyph paths, so the charts stay small. Only vocabulary (metrics, periods, market
codes) is written into a chart: names and quotes are shown by the page around it, where they
are escaped.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

import matplotlib

matplotlib.use("svg")  # before pyplot or any backend is touched: no display needed

import matplotlib.dates as mdates  # noqa: E402
from matplotlib.backends.backend_mixed import MixedModeRenderer  # noqa: E402
from matplotlib.backends.backend_svg import RendererSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.legend_handler import HandlerLine2D  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from mxt.projections.questions.report import (  # noqa: E402
    CompanyReport,
    MonthlyFigure,
    TargetSeries,
)
from mxt.projections.rules.compare import Comparison  # noqa: E402

COLOURS = ("#1f6feb", "#d1242f", "#1a7f37", "#8250df")
STYLE: dict[Any, Any] = {
    "svg.fonttype": "none",  # text as text: small files, the page's font
    "svg.hashsalt": "mxt",  # stable element ids: the same data gives the same page
    "font.size": 8,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # matplotlib's own font: one short family name
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e5e7eb",
    "legend.frameon": False,
}


Drawn = tuple[str | None, str | None]  # a company's charts: targets, monthly figures
Job = tuple[list[TargetSeries], list[MonthlyFigure], str]  # what they are drawn from


def job_of(company: CompanyReport) -> Job:
    """What a company's charts are drawn from: its targets, its monthly figures and their
    first month."""
    return company.targets, company.monthly, company.monthly_since


class Charts:
    """Draws the two charts of a company's section, reusing its figures."""

    def __init__(self) -> None:
        with matplotlib.rc_context(STYLE):
            self._targets = Figure(figsize=(6.4, 2.6))
            self._targets.add_subplot()
            self._deliveries = Figure(figsize=(6.4, 2.2))
            self._deliveries.add_subplot()
        for figure in (self._targets, self._deliveries):
            figure.subplots_adjust(left=0.11, right=0.95, bottom=0.12, top=0.86)
            axes = figure.axes[0]
            axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=5))
            axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
            axes.yaxis.set_major_locator(MaxNLocator(4))
            axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
            # The axes have no labels: placed where they are, not moved clear of the tick
            # labels, whose boxes are then not measured again (a seventh of a chart's cost).
            axes.xaxis.set_label_coords(0.5, -0.1)
            axes.yaxis.set_label_coords(-0.1, 0.5)
        # The targets chart's lines, made once and given each company's data (making a line
        # costs more than drawing it): each target's steps, with a dot at each revision, and
        # the running total of its actuals; and the as-of day.
        with matplotlib.rc_context(STYLE):
            axes = self._targets.axes[0]
            self._steps = [axes.plot([], [], drawstyle="steps-post", marker="o", markersize=3,
                                     color=colour)[0] for colour in COLOURS]  # fmt: skip
            self._totals = [axes.plot([], [], "--o", color=colour, markersize=3)[0]
                            for colour in COLOURS]  # fmt: skip
            self._today = axes.axvline(0, color="#6b7280", linestyle=":", linewidth=1)
        self._steps_entry: dict[Any, Any] = dict.fromkeys(self._steps, _LineAlone())

    def targets(self, series: Sequence[TargetSeries], as_of: str) -> str | None:
        """Each target's value over time (a step at each revision) against the running total
        of its actuals; None when there is no target."""
        if not series:
            return None
        with matplotlib.rc_context(STYLE):
            axes = self._targets.axes[0]
            shown = []
            for index, (steps, totals) in enumerate(zip(self._steps, self._totals, strict=True)):
                target = series[index] if index < len(series) else None
                shown += _draw_target(steps, totals, target)
            self._today.set_xdata([mdates.date2num(_day(as_of))] * 2)
            legend = axes.get_legend()
            if legend is not None:
                legend.remove()
            axes.relim(visible_only=True)  # the lines shown, and the as-of day
            axes.set_autoscale_on(True)
            axes.autoscale_view()
            axes.set_ylim(bottom=0)
            axes.legend(handles=shown, loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7,
                        ncols=2, handler_map=self._steps_entry)  # fmt: skip
            # room above the axes for the legend's rows: two, or three (five or six lines)
            self._targets.subplots_adjust(top=0.86 if len(shown) <= 4 else 0.8)
            _within_the_calendar(axes)
            return _svg(self._targets)

    def deliveries(self, monthly: Sequence[MonthlyFigure], since: str, as_of: str) -> str | None:
        """Monthly figures from the month `since` (YYYY-MM) to `as_of` as bars, their bounds
        as error bars (about, range) or arrows (at least, at most); None when there are
        none."""
        if not monthly:
            return None
        with matplotlib.rc_context(STYLE):
            axes = self._fresh(self._deliveries)
            series = list(dict.fromkeys(m.series for m in monthly))  # metric and scope
            width = 24 / len(series)
            centres, units = [], []
            for index, name in enumerate(series):
                ours = [m for m in monthly if m.series == name]
                starts = [mdates.date2num(_day(f"{m.period}-01")) + index * width for m in ours]
                axes.bar(starts, [m.units for m in ours], width=width, align="edge",
                         color=COLOURS[index % len(COLOURS)], alpha=0.75, label=name)  # fmt: skip
                centres += [start + width / 2 for start in starts]
                units += [m.units for m in ours]
            ordered = [m for name in series for m in monthly if m.series == name]
            low, high = zip(*(_spread(m) for m in ordered), strict=True)
            if any(low) or any(high):
                axes.errorbar(centres, units, yerr=[low, high], fmt="none", ecolor="#111827",
                              capsize=2, linewidth=0.8, label="range or approximation")  # fmt: skip
            for marker, bound in (("^", "at-least"), ("v", "at-most")):
                marked = [(c, m.units) for c, m in zip(centres, ordered, strict=True)
                          if m.bound == bound]  # fmt: skip
                if marked:
                    axes.plot(*zip(*marked, strict=True), marker, color="#111827", markersize=4,
                              label=bound.replace("-", " "))  # fmt: skip
            axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), fontsize=7, ncols=3)
            axes.set_xlim(_day(f"{since}-01"), _day(as_of))
            return _svg(self._deliveries)

    def both(self, job: Job, as_of: str) -> Drawn:
        """A company's two charts (`job_of`): its targets, its monthly figures (each None:
        none)."""
        targets, monthly, since = job
        return self.targets(targets, as_of), self.deliveries(monthly, since, as_of)

    def compare(self, comparison: Comparison) -> str | None:
        """The companies' monthly figures (solid) and their running totals (dashed, on the
        right-hand axis), one colour per company, each named in the legend; None when no
        company has a figure."""
        if not any(value for row in comparison.figures for value in row.figures.values()):
            return None
        with matplotlib.rc_context(STYLE):
            figure = Figure(figsize=(6.4, 2.6))
            figure.subplots_adjust(left=0.11, right=0.88, bottom=0.12, top=0.8)
            axes = figure.add_subplot()
            total_axes = axes.twinx()
            for index, company in enumerate(comparison.companies):
                colour = COLOURS[index % len(COLOURS)]
                points = [(_day(f"{row.month}-15"), row.figures.get(company))
                          for row in comparison.figures]  # fmt: skip
                shown = [(day, value["units"]) for day, value in points if value]
                if not shown:
                    continue
                days, units = zip(*shown, strict=True)
                axes.plot(days, units, "-o", color=colour, markersize=3,
                          label=f"{company}: {comparison.metric} a month")  # fmt: skip
                running, total = [], 0
                for unit in units:
                    total += int(unit)
                    running.append(total)
                total_axes.plot(days, running, "--", color=colour,
                                label=f"{company}: running total")  # fmt: skip
            for each in (axes, total_axes):
                each.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
            axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
            lines = axes.get_legend_handles_labels()
            totals = total_axes.get_legend_handles_labels()
            axes.legend(lines[0] + totals[0], lines[1] + totals[1], loc="lower left",
                        bbox_to_anchor=(0, 1.0), fontsize=7, ncols=2)  # fmt: skip
            return _svg(figure)

    @staticmethod
    def _fresh(figure: Figure) -> Any:
        """The figure's axes emptied of the last company's data. Its ticks are kept (making
        them anew, as `cla()` would, is most of the cost of a small chart)."""
        axes = figure.axes[0]
        for container in list(axes.containers):  # bars and error bars, with their parts
            container.remove()
        for artist in [*axes.lines, *axes.patches, *axes.collections]:
            artist.remove()
        legend = axes.get_legend()
        if legend is not None:
            legend.remove()
        axes.relim()
        axes.set_autoscale_on(True)
        return axes


def _draw_target(steps: Line2D, totals: Line2D, target: TargetSeries | None) -> list[Line2D]:
    """One target on its two lines (None: both hidden): its revisions as a step line up to
    the end of its period, a dot at each revision, its actuals as a dashed running total.
    Answers the lines shown, for the legend."""
    shown = []
    revisions = target.revisions if target else []
    if target and revisions:
        until = target.ends_on
        days = [_day(r.announced_on) for r in revisions]
        values = [r.value for r in revisions]
        if until > revisions[-1].announced_on:
            days, values = [*days, _day(until)], [*values, values[-1]]
        steps.set_data(mdates.date2num(days), values)
        steps.set_markevery(slice(0, len(revisions)))  # no dot where the period ends
        steps.set_label(f"{target.label} target")
        shown.append(steps)
    steps.set_visible(bool(revisions))
    if target and target.actuals:
        totals.set_data(mdates.date2num([_day(d) for d, _ in target.actuals]),
                        [total for _, total in target.actuals])  # fmt: skip
        totals.set_label(f"{target.label} {target.actual_metric} to date")
        shown.append(totals)
    totals.set_visible(bool(target and target.actuals))
    return shown


class _LineAlone(HandlerLine2D):
    """A legend entry showing a line without its dots (a target's steps: its dots mark its
    revisions, not the series)."""

    def create_artists(self, *args: Any, **kwargs: Any) -> Sequence[Any]:
        made = super().create_artists(*args, **kwargs)
        for line in made:
            if isinstance(line, Line2D):
                line.set_marker("None")
        return made


CALENDAR = (mdates.date2num(date.min), mdates.date2num(date.max))


def _within_the_calendar(axes: Any) -> None:
    """The x axis cut to the days matplotlib can name (years 0001 to 9999): the margins
    around a target for 9999, or one for 0001, would reach past them."""
    low, high = axes.get_xlim()
    axes.set_xlim(max(low, CALENDAR[0]), min(high, CALENDAR[1]))


def _spread(figure: MonthlyFigure) -> tuple[float, float]:
    """How far below and above its figure a month's value may lie (docs/concepts.md, Rank:
    ranges)."""
    if figure.bound == "about":
        return 0.05 * figure.units, 0.05 * figure.units
    if figure.bound == "range" and figure.high is not None:
        return 0.0, float(figure.high - figure.units)
    return 0.0, 0.0


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _svg(figure: Figure) -> str:
    """The figure as an `<svg>` element to inline: no XML prologue, no metadata, its
    indentation and line breaks folded, its groups unnamed and no text turned by -0 degrees
    (the page holds hundreds of charts). Drawn as
    `savefig(format="svg")` draws it, by a renderer that measures each text once for every
    chart (matplotlib's own cache lasts one renderer, one chart)."""
    buffer = io.StringIO()
    dpi = figure.dpi
    figure.dpi = 72  # SVG's unit is the point
    try:
        width, height = figure.get_size_inches()
        vector = _MeasuringOnce(width * 72, height * 72, buffer, image_dpi=dpi,
                                metadata=dict.fromkeys(SVG_METADATA))  # fmt: skip
        renderer: Any = MixedModeRenderer(figure, width, height, dpi, vector)  # a proxy of `vector`
        figure.draw(renderer)
        renderer.finalize()
    finally:
        figure.dpi = dpi
    text = buffer.getvalue()
    text = _BETWEEN_TAGS.sub("><", _LINE_BREAKS.sub(" ", text[text.index("<svg") :]))
    text = _NO_ROTATION.sub("", _GROUP_NAME.sub("<g>", text))
    return _TAG.sub(lambda tag: _HUNDREDTHS.sub(r"\1", tag.group()), text)


class _MeasuringOnce(RendererSVG):
    """matplotlib's SVG renderer, with the size of each text (by its string, font and kind)
    measured once for the whole page: tick labels and legends repeat from chart to chart."""

    _measured: ClassVar[dict[tuple[str, int, Any], tuple[float, float, float]]] = {}

    def get_text_width_height_descent(
        self, s: str, prop: Any, ismath: Any
    ) -> tuple[float, float, float]:
        found = self._measured.get((s, hash(prop), ismath))
        if found is None:
            found = super().get_text_width_height_descent(s, prop, ismath)
            self._measured[s, hash(prop), ismath] = found
        return found


SVG_METADATA = ("Creator", "Date", "Format", "Type")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_BETWEEN_TAGS = re.compile(r">\s+<")
# What the page can do without (a tenth of each chart): the names matplotlib gives its groups
# (`figure_1`, `xtick_3`: nothing refers to them; the ids of clip paths and markers, which
# are referred to, are on other elements), and the rotation by -0 degrees of every text.
_GROUP_NAME = re.compile(r'<g id="[^"]*">')
_NO_ROTATION = re.compile(r' transform="rotate\(-0 [-0-9. ]+\)"')
# Lengths and places to a hundredth of a point (matplotlib writes millionths): a tenth of a
# chart, in its tags only (never in a text).
_TAG = re.compile(r"<[^>]*>")
_HUNDREDTHS = re.compile(r"(\d\.\d\d)\d+")
