"""The read commands: `log`, `state`, `audit`, `show`, `diff`. Parse, ask, print."""

from __future__ import annotations

from typing import Any

import click

from .main import Context, read_options
from .render import Output, cell, fields, note, table


def _query(as_of: str | None, known_at: str | None) -> Any:
    from mxt.projections.queries import make_query

    return make_query(as_of, known_at)


def _report_unknown(answer: Any, subject: str, query: Any) -> None:
    from mxt.projections.queries import nothing_known_note

    if not answer.known:
        note(nothing_known_note(subject, query))


@click.command("log")
@click.option("--company")
@click.option("--model")
@click.option("--market")
@click.option("--kind")
@click.option("--since", metavar="YYYY-MM-DD", help="Announced on or after.")
@click.option("--until", metavar="YYYY-MM-DD", help="Announced on or before.")
@read_options
@click.pass_obj
def log_command(
    context: Context,
    as_of: str | None,
    known_at: str | None,
    output: Output,
    since: str | None,
    until: str | None,
    **filters: Any,
) -> None:
    """List announcements in `announced_on` order, with their ids.

    Example: mxt log --company Xiaomi --kind target
    """
    from mxt.projections.queries import parse_as_of

    query = _query(as_of, known_at)
    answer = context.open_tracker().log(
        query,
        since=parse_as_of(since) if since else None,
        until=parse_as_of(until) if until else None,
        **filters,
    )
    if output.machine:
        output.emit(answer.data)
    else:
        rows = (
            {
                "announced_on": e["announced_on"],
                "id": e["id"],
                "kind": e["kind"],
                "company": e["company"],
                "subject": summary(e),
                "status": e["status"],
            }
            for e in answer.data
        )
        table(rows, ["announced_on", "id", "kind", "company", "subject", "status"])
    _report_unknown(answer, "those filters", query)


def summary(entry: dict[str, Any]) -> str:
    """A short human summary of one announcement's own fields."""
    kind = entry["kind"]
    model = entry.get("model") or ""
    if kind == "launch":
        return (
            f"{model} in {entry['market']} on {entry.get('launched_on') or entry['announced_on']}"
        )
    if kind == "orders":
        within = f" within {entry['within']}" if entry.get("within") else ""
        return f"{model} {cell(entry['count'])} {entry['stage']}{within}"
    if kind == "wait-time":
        trim = f" ({entry['trim']})" if entry.get("trim") else ""
        return f"{model}{trim} up to {cell(entry['max_months'])} months"
    if kind == "target":
        prev = f" (was {cell(entry['previous'])})" if entry.get("previous") is not None else ""
        return f"{entry['metric']} {entry['period']}: {cell(entry['value'])}{prev}"
    if kind == "deliveries":
        return f"{model or 'total'} {entry['period']}: {cell(entry['units'])}"
    if kind == "factory":
        on = f" on {entry['effective_on']}" if entry.get("effective_on") else ""
        return f"{entry['site']} phase {entry['phase']} {entry['factory_status']}{on}"
    if kind == "policy":
        excepted = f" except {', '.join(entry['except'])}" if entry.get("except") else ""
        return f"not before {entry['not_before']} in {', '.join(entry['markets'])}{excepted}"
    if kind == "showcase":
        return f"{model} at {entry['venue']} ({entry['market']})"
    if kind == "expected-entry":
        return f"{model or 'all models'} in {entry['market']} by {entry['expected']}"
    text = entry.get("text", "")
    return f"{entry.get('topic')}: {text[:60]}{'…' if len(text) > 60 else ''}"


# The lists of each state answer that `--section` chooses (and the columns of its mappings).
MODEL_SECTIONS = {
    "markets": ("market",),
    "market_statuses": ("market", "status"),
    "orders": ("stage",),
}
COMPANY_SECTIONS = dict.fromkeys(
    ("targets", "deliveries", "factories", "models", "policies", "expected_entries"), ()
)


@click.group("state")
def state_command() -> None:
    """The state of a model, market or company as of a date.

    Example: mxt state model Xiaomi/YU7 --as-of 2025-07-01
    """


@state_command.command("model")
@click.argument("subject", metavar="COMPANY/MODEL")
@read_options(sections=MODEL_SECTIONS)
@click.pass_obj
def state_model(
    context: Context, subject: str, as_of: str | None, known_at: str | None, output: Output
) -> None:
    """Launches, markets, orders, wait and deliveries of one model.

    Example: mxt state model Xiaomi/YU7 --as-of 2025-06-30
    """
    from mxt.events.errors import InputError

    company, sep, model = subject.partition("/")
    if not sep or not company.strip() or not model.strip():
        raise InputError("model", f"expected COMPANY/MODEL, got {subject!r}")
    query = _query(as_of, known_at)
    answer = context.open_tracker().model(company.strip(), model.strip(), query)
    state = answer.data
    if output.machine:
        output.emit(state)
    else:
        fields(
            [
                ("status", state["status"]),
                ("launched on", state["launched_on"]),
                ("planned launch", state["planned_launch_on"]),
                ("markets", state["markets"]),
                ("max wait (months)", state["max_wait_months"]),
                ("deliveries (units)", state["deliveries_units"]),
            ],
            title=f"{state['company']} {state['model']} as of {state['as_of']}",
        )
        table(
            [{"stage": stage, **order} for stage, order in state["orders"].items()],
            ["stage", "count", "within", "announced_on", "id"],
            title="orders",
        )
    _report_unknown(answer, f"{company}/{model}", query)


@state_command.command("market")
@click.argument("code", metavar="CODE")
@read_options(sections={"models": (), "policies": ()})
@click.pass_obj
def state_market(
    context: Context, code: str, as_of: str | None, known_at: str | None, output: Output
) -> None:
    """Every known model's status in one market (ISO code or EU), and policies in force.

    Example: mxt state market DE --as-of 2026-06-01
    """
    query = _query(as_of, known_at)
    answer = context.open_tracker().market(code, query)
    state = answer.data
    if output.machine:
        output.emit(state)
    else:
        table(
            state["models"],
            ["company", "model", "status", "launched_on", "planned_launch_on", "not_before",
             "expected"],
            title=f"market {state['market']} as of {state['as_of']}",
        )  # fmt: skip
        table(state["policies"], ["company", "not_before", "markets", "except", "id"],
              title="policies in force")  # fmt: skip
    _report_unknown(answer, f"market {code}", query)


@state_command.command("company")
@click.argument("name", metavar="NAME")
@read_options(sections=COMPANY_SECTIONS)
@click.pass_obj
def state_company(
    context: Context, name: str, as_of: str | None, known_at: str | None, output: Output
) -> None:
    """Targets in force, delivered totals, factories, models and policies of one company.

    Example: mxt state company Xiaomi --as-of 2025-07-05
    """
    query = _query(as_of, known_at)
    answer = context.open_tracker().company(name, query)
    state = answer.data
    if output.machine:
        output.emit(state)
    else:
        click.echo(click.style(f"{state['company']} as of {state['as_of']}", bold=True))
        table(state["targets"], ["metric", "period", "value", "announced_on", "id"],
              title="targets in force")  # fmt: skip
        table(state["deliveries"], ["period", "units"], title="deliveries (company total)")
        table(
            [
                {**f, "planned": f"{f['planned']['status']} on {f['planned']['effective_on']}"
                 if f["planned"] else None}
                for f in state["factories"]
            ],
            ["site", "phase", "status", "effective_on", "planned", "capacity"],
            title="factories",
        )  # fmt: skip
        table(state["models"], ["model", "status", "launched_on", "markets"], title="models")
        table(state["policies"], ["not_before", "markets", "except", "id"],
              title="policies in force")  # fmt: skip
    _report_unknown(answer, name, query)


@click.group("audit")
def audit_command() -> None:
    """How things changed, revision by revision.

    Example: mxt audit targets --company Xiaomi
    """


@audit_command.command("targets")
@click.option("--company")
@click.option("--metric", type=click.Choice(["production", "deliveries", "sales"]))
@click.option("--period")
@read_options
@click.pass_obj
def audit_targets(
    context: Context,
    company: str | None,
    metric: str | None,
    period: str | None,
    as_of: str | None,
    known_at: str | None,
    output: Output,
) -> None:
    """Every target revision in order: value, the value in force before it, the change.

    Example: mxt audit targets --company Xiaomi --metric production --period 2025
    """
    query = _query(as_of, known_at)
    answer = context.open_tracker().audit_targets(query, company, metric, period)
    if output.machine:
        output.emit(answer.data)
    else:
        rows = []
        for revision in answer.data:
            flag = ""
            if revision["previous_mismatch"]:
                flag = f"  ! stated previous {cell(revision['stated_previous'])}"
            pct = revision["change_pct"]
            rows.append(
                {
                    **revision,
                    "target": f"{revision['company']} {revision['metric']} {revision['period']}",
                    "change": (
                        f"{revision['change']:+,} ({pct:+.2f}%)"
                        if revision["change"] is not None and pct is not None
                        else cell(revision["change"])
                    )
                    + flag,
                    "corrections": len(revision["corrections"]) or None,
                }
            )
        table(
            rows,
            ["announced_on", "target", "value", "previous", "change", "status", "certainty",
             "corrections", "id"],
            title=f"target audit as of {query.as_of}",
        )  # fmt: skip
    _report_unknown(answer, "targets matching those filters", query)


@click.command("show")
@click.argument("announcement_id", metavar="ID")
@read_options
@click.pass_obj
def show_command(
    context: Context, announcement_id: str, as_of: str | None, known_at: str | None, output: Output
) -> None:
    """One announcement: fields, source, recorded_at, corrections, retraction, and the
    state values it currently supports.

    Example: mxt show xiaomi-2025-target-350k
    """
    from mxt.domain.errors import UnknownAnnouncement

    query = _query(as_of, known_at)
    answer = context.open_tracker().show(announcement_id, query)
    if not answer.known:
        raise UnknownAnnouncement(announcement_id)
    shown = answer.data
    if output.machine:
        output.emit(shown)
        return
    own = [
        (name, value)
        for name, value in shown.items()
        if name not in ("source", "corrections", "retraction", "supports")
    ]
    fields(own, title=f"announcement {shown['id']}")
    fields(list(shown["source"].items()), title="source")
    table(shown["corrections"], ["field", "from", "to", "reason", "recorded_at"],
          title="corrections")  # fmt: skip
    if shown["retraction"]:
        fields(list(shown["retraction"].items()), title="retraction")
    table(
        [{"state value": s["path"], "value": _brief(s["value"])} for s in shown["supports"]],
        ["state value", "value"],
        title=f"supports (as of {query.as_of})",
    )


def _brief(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={cell(v)}" for k, v in value.items() if k != "id")
    return cell(value)
