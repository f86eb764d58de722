"""Digests of what the store learned (`mxt changes`, `mxt watch run`), to paste into an
e-mail or a chat: Markdown text, or one self-contained HTML page (a Jinja2 template of
`mxt.report`, autoescaped: inline styles, no script, nothing fetched, links only to the
sources' http(s) addresses).

A digest is a title, the date the answers are read as of, and one section per watch (one
for `changes`): the stretch of the log it covers, the alerts, the changes in the answers and
the events recorded in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple
from urllib.parse import quote

from mxt.events.invisible import printable
from mxt.projections.rules.alerts import Alert
from mxt.projections.rules.learned import Learned, NewEvent, StateChange, WatchRun
from mxt.projections.rules.records import cell

INSTALL_HINT = "--format html needs the report extra (Jinja2): pip install 'mxt[report]'"


class Section(NamedTuple):
    """One part of a digest: its title, what it covers, the events recorded in it, the
    changes they made in the answers, and the alerts (new ones, or with `watch run --all`
    every one that holds)."""

    title: str
    covers: str
    events: Sequence[NewEvent]
    changes: Sequence[StateChange] = ()
    alerts: Sequence[Alert] = ()


class Digest(NamedTuple):
    """A whole digest: its title, the as-of date of its answers, its sections."""

    title: str
    as_of: str
    sections: Sequence[Section]


def covering(since: str | None, until: str | None, after: int, upto: int) -> str:
    """The stretch of the log a section covers, in words."""
    start = f"after {since}" if since else "from the log's start"
    if upto <= after:
        return f"recorded {start}: nothing (the log ends at event #{upto})"
    return f"recorded {start} up to {until} (events #{after + 1}–#{upto})"


def of_changes(learned: Learned) -> Digest:
    """The digest of `mxt changes`: one section."""
    covers = covering(learned.since, learned.until, learned.from_position, learned.to_position)
    section = Section("Changes", covers, learned.events, learned.changes, learned.alerts)
    return Digest("What changed", learned.as_of, [section])


def of_watch_run(run: WatchRun) -> Digest:
    """The digest of `mxt watch run`: one section per watch."""
    sections = []
    for report in run.reports:
        span = report.span
        covers = covering(span.since, span.until, span.after, span.upto)
        sections.append(Section(f"watch {report.watch.name}", covers, report.events,
                                report.changes, report.alerts))  # fmt: skip
    return Digest("What's new", run.as_of, sections)


def source_link(event: NewEvent) -> str | None:
    """The source's address, when it is http(s) (anything else is never a link)."""
    url = str(event.source.get("url") or "")
    return url if url.lower().startswith(("http://", "https://")) else None


def change_sides(found: StateChange) -> tuple[str, str]:
    """A state change's `from` and `to` in words: a count with its bound, a plan's status
    beside its date (as `diff`'s tables show them), `-` for nothing."""
    from .diff import spelled

    change = found.change
    words = spelled(change)
    return (
        words.get("from") or cell(change.from_) if change.from_ is not None else "-",
        words.get("to") or cell(change.to) if change.to is not None else "-",
    )


def change_about(found: StateChange) -> str:
    """What a state change is about, in a few words."""
    change = found.change
    named = " ".join(str(v) for _, v in change.subject if v not in (None, [], ()))
    return f"{change.company}: {change.about or named}"


def changed_fields(event: NewEvent) -> list[tuple[str, Any, Any]]:
    """A correction's fields: (name, the value before, the value it set)."""
    if not event.set:
        return []
    was = event.was or {}
    return [(name, was.get(name), value) for name, value in event.set.items()]


# -- Markdown --------------------------------------------------------------------------------

# What Markdown would read as markup inside a line (CommonMark lets a backslash escape any
# ASCII punctuation).
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&])")


def md(value: Any) -> str:
    """A value as Markdown text: printable (`printable`: control and invisible characters
    escaped, a newline shown as `\\n`) and its markup characters escaped."""
    return _MARKUP.sub(r"\\\1", cell(value) if not isinstance(value, str) else printable(value))


def md_link(text: str, url: str | None) -> str:
    """`[text](<url>)`, the address percent-encoded; the text alone without an address."""
    if url is None:
        return md(text)
    safe = quote(url, safe=":/?#@!$&'*+,;=%~-._").replace("(", "%28").replace(")", "%29")
    return f"[{md(text)}](<{safe}>)"


def markdown(digest: Digest) -> str:
    """The digest as Markdown: a heading per section, a bullet per event."""
    lines = [f"# mxt: {md(digest.title)}", "", f"Answers as of {md(digest.as_of)}.", ""]
    for section in digest.sections:
        count = len(section.events)
        lines += [f"## {md(section.title)}: {count} new", "", f"_{md(section.covers)}_", ""]
        if section.alerts:
            lines += ["### Alerts", "", *map(_md_alert, section.alerts), ""]
        if section.changes:
            lines += ["### Changes in the answers", "", *map(_md_change, section.changes), ""]
        if section.events:
            lines += ["### Recorded", ""]
        lines += [_md_event(event) for event in section.events] or ["Nothing new."]
        lines.append("")
    return "\n".join(lines)


def _ids(ids: Sequence[str]) -> str:
    return ", ".join(f"`{ident}`" for ident in ids)


def _md_alert(alert: Alert) -> str:
    return f"- **{md(alert.alert)}** {md(alert.company)}: {md(alert.reason)} · {_ids(alert.ids)}"


def _md_change(found: StateChange) -> str:
    before, after = change_sides(found)
    return (
        f"- **{md(found.change.area)}** {md(change_about(found))}: {md(before)} → {md(after)}"
        f" · {_ids(found.ids)}"
    )


def _md_event(event: NewEvent) -> str:
    if not event.announced:  # a region's definition: no company, day, certainty or source
        line = (
            f"- **{md(event.event)}** {md(event.kind)} {md(event.summary)} (recorded "
            f"{md(event.recorded_at)}) · `{event.id}`"
        )
    else:
        title = event.source.get("title") or "source"
        line = (
            f"- **{md(event.event)}** {md(event.kind)} · {md(event.company)}: "
            f"{md(event.summary)} (announced {md(event.announced_on)}, "
            f"{md(event.certainty)}; recorded {md(event.recorded_at)}) · "
            f"{md_link(str(title), source_link(event))} · `{event.id}`"
        )
    for name, before, after in changed_fields(event):
        line += f"\n  - {md(name)}: {md(before)} → {md(after)}"
    if event.reason:
        line += f"\n  - reason: {md(event.reason)}"
    return line


# -- HTML ------------------------------------------------------------------------------------


def html(digest: Digest) -> str:
    """The digest as one self-contained HTML page (the report extra's Jinja2 is needed:
    `ImportError` without it)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("mxt.report", "templates"),
        autoescape=select_autoescape(["html", "j2", "css"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(link=source_link, changed=changed_fields, show=cell, sides=change_sides,
                       about=change_about)  # fmt: skip
    return env.get_template("digest.html.j2").render(digest=digest)
