"""The read commands: `log`, `state`, `audit`, `show`, `diff`. Parse, ask, print."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from mxt.events.content import JsonObject
from mxt.events.invisible import printable
from mxt.events.kinds import KIND_NAMES, spell_count, summary
from mxt.projections.rules.records import cell, items, to_json

from .main import Context, company_filter, read_options, target_filters
from .render import Output, fields, note, table

if TYPE_CHECKING:
    from mxt.projections.rules.checked import RecordedClaim
    from mxt.projections.rules.company import CompanyState, ScopedFigure
    from mxt.projections.rules.evidence import SlotValue
    from mxt.projections.rules.state import Policy


def _query(as_of: str | None, known_at: str | None) -> Any:
    from .options import make_query

    return make_query(as_of, known_at)


def _report_unknown(answer: Any, subject: str, query: Any) -> None:
    """The stderr note when nothing is known about `subject`; when `--known-at` is before the
    store's first record, it says when recording began."""
    from .options import nothing_known_note

    if not answer.known:
        note(nothing_known_note(subject, query, answer.began))


def count(value: Any) -> str:
    """A count as tables show it, with its bound (`200,000+`, `~28,000`, `38,500–39,500`):
    a slot's value, a report beside it, or a side of a conflict."""
    return spell_count(value.value, value.bound, value.high)


def beside(value: SlotValue) -> str:
    """The `unconfirmed` report beside a value, in a few words."""
    other = value.unconfirmed
    if other is None:
        return "-"
    return f"{count(other)} ({other.certainty}, {other.announced_on})"


def sourced(value: SlotValue) -> JsonObject:
    """A slot's value's columns in a table: certainty, day, unconfirmed report, id."""
    return {"certainty": value.certainty, "announced_on": value.announced_on,
            "unconfirmed": beside(value), "id": value.id}  # fmt: skip


@click.command("log")
@company_filter
@click.option("--model", help="Only this model (any case).")
@click.option("--market", metavar="CODE", help="Only announcements naming this market, a "
              "region containing it, or a policy covering it.")  # fmt: skip
@click.option("--kind", metavar="KIND", help=f"Only this kind: {', '.join(KIND_NAMES)}.")
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
    market: str | None,
    **filters: Any,
) -> None:
    """List announcements in `announced_on` order, with their ids.

    Example: mxt log --company Xiaomi --kind target
    """
    from .options import parse_as_of, parse_market

    query = _query(as_of, known_at)
    read_side = context.open_read_side()
    code = parse_market(market, known=read_side.user_regions(read_side.resolve(query).known_at))
    answer = read_side.log(
        query,
        market=code,
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


# The lists of each state answer that `--section` chooses (and the columns of its mappings).
MODEL_SECTIONS = {
    "markets": ("market",),
    "market_statuses": ("market", "status"),
    "launches": (),
    "orders": ("stage",),
    "wait_times": (),
}
COMPANY_SECTIONS = dict.fromkeys(
    ("targets", "deliveries", "factories", "models", "policies", "expected_entries", "exits",
     "claims"), (),
)  # fmt: skip
# A plan's columns in a table (SPEC §5.2): its first date and the one in force (as said),
# its slips, the days it is overdue.
PLAN_COLUMNS = ["planned", "first_planned", "slips", "days_overdue"]


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
    answer = context.open_read_side().model(company.strip(), model.strip(), query)
    state = answer.data
    if output.machine:
        output.emit(state)
    else:
        statuses = [f"{code} {status}" for code, status in state.market_statuses.items()]
        fields(
            [
                ("status", state.status),
                ("launched on", state.launched_on),
                ("planned launch", state.planned_launch_on),
                ("markets", state.markets),
                ("market statuses", statuses),
                ("max wait (months)", state.max_wait_months),
                ("deliveries (units)", spell_count(state.deliveries_units, state.deliveries_bound)),
            ],
            title=f"{state.company} {state.model} as of {state.as_of}",
        )
        table(
            [{**to_json(place), "launched_on": said_day(place.launched_on,
                                                        place.launched_as_said)}
             for place in state.launches],
            ["market", "status", "launched_on", *PLAN_COLUMNS, "paused_from", "available_until",
             "certainty", "id"],
            title="launch markets",
        )  # fmt: skip
        table(
            [{"stage": stage, "count": count(order.figure), "within": order.within,
              **sourced(order.figure)} for stage, order in state.orders.items()],
            ["stage", "count", "within", "certainty", "announced_on", "unconfirmed", "id"],
            title="orders",
        )  # fmt: skip
        table(
            [{"trim": w.trim, "max_months": w.max_months.value, **sourced(w.max_months)}
             for w in state.wait_times],
            ["trim", "max_months", "certainty", "announced_on", "unconfirmed", "id"],
            title="wait times",
        )  # fmt: skip
        other_sections(state, MODEL_SECTIONS)
    _report_unknown(answer, f"{company}/{model}", query)


MARKET_SECTIONS = {"models": (), "policies": (), "members": ()}


@state_command.command("market")
@click.argument("code", metavar="CODE")
@click.option("--all", "every", is_flag=True, help="Also models whose status there is unknown.")
@read_options(sections=MARKET_SECTIONS)
@click.pass_obj
def state_market(
    context: Context,
    code: str,
    every: bool,
    as_of: str | None,
    known_at: str | None,
    output: Output,
) -> None:
    """Every model's status in one market (an ISO code or a region): available, announced,
    blocked, expected or showcased (unknown ones with --all), and the policies in force
    there. For a region (EU, EUROPE, one of your own), each model's status in every member
    as of the date, and a summary (available in 9 of 27).

    Example: mxt state market DE --as-of 2026-06-01
    """
    query = _query(as_of, known_at)
    read_side = context.open_read_side()
    if read_side.is_region(code, query):
        _state_region(read_side, code, query, output, every)
        return
    answer = read_side.market(code, query, every)
    state = answer.data
    if output.machine:
        output.emit(state)
    else:
        table(
            [{**to_json(m), "model": m.model or "(all models)"} for m in state.models],
            ["company", "model", "status", "launched_on", *PLAN_COLUMNS, "available_until",
             "not_before", "expected", "expected_status", "certainty", "id"],
            title=f"market {state.market} as of {state.as_of}",
        )  # fmt: skip
        table(policy_rows(state.policies), ["company", "not_before", "markets", "except", "id"],
              title="policies in force")  # fmt: skip
        other_sections(state, MARKET_SECTIONS)
    _report_unknown(answer, f"market {code}", query)


def _state_region(read_side: Any, code: str, query: Any, output: Output, every: bool) -> None:
    """`state market REGION`: each model's status in the region and in every member, and a
    summary."""
    answer = read_side.region_market(code, query, every)
    state = answer.data
    if output.machine:
        output.emit(state)
    else:
        table(
            [{**to_json(m), "model": m.model or "(all models)",
              "members": ", ".join(f"{c} {s}" for c, s in m.members.items() if s != "unknown")}
             for m in state.models],
            ["company", "model", "status", "summary", "members"],
            title=f"market {state.market} as of {state.as_of}: {len(state.members)} members",
        )  # fmt: skip
        table(policy_rows(state.policies), ["company", "not_before", "markets", "except", "id"],
              title="policies in force in a member")  # fmt: skip
        other_sections(state, MARKET_SECTIONS)
    _report_unknown(answer, f"market {code}", query)


class CompanyAnswer(NamedTuple):
    """`state company`'s answer as `--json` writes it: the state's fields, then the claims
    checked. (A record, so that the answer is walked into JSON once: a large company's is
    tens of thousands of values.)"""

    state: CompanyState
    claims: list[RecordedClaim]

    def json_items(self) -> Iterator[tuple[str, Any]]:
        yield from items(self.state)
        yield "claims", self.claims


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
    read_side = context.open_read_side()
    answer = read_side.company(name, query)
    state = answer.data
    claims: list[RecordedClaim] = []
    if read_side.claimed(name, query):  # (the rules that check claims load only then)
        from mxt.projections.questions.checking import company_claims

        claims = company_claims(read_side, name, query)
    if output.machine:
        output.emit(CompanyAnswer(state, claims))
    else:
        click.echo(click.style(printable(f"{state.company} as of {state.as_of}"), bold=True))
        table(
            [{**figure_row(t), "value": count(t.figure)} for t in state.targets],
            ["metric", "period", "scope", "value", "certainty", "announced_on", "unconfirmed",
             "id"],
            title="targets in force",
        )  # fmt: skip
        table(
            [{**figure_row(d), "units": count(d.figure)} for d in state.deliveries],
            ["metric", "period", "scope", "units", "certainty", "unconfirmed", "id"],
            title="deliveries (company total)",
        )  # fmt: skip
        table(
            [
                {**f._asdict(), "status": f"{f.status} (was {f.reached_before})"
                 if f.reached_before else f.status,
                 "effective_on": said_day(f.effective_on, f.effective_as_said),
                 "planned": f"{f.planned.status} {f.planned.effective_on}" if f.planned else None,
                 **({name: value for name, value in to_json(f.planned.plan).items()
                     if name != "planned"} if f.planned else {})}
                for f in state.factories
            ],
            ["site", "phase", "market", "status", "effective_on", *PLAN_COLUMNS, "capacity",
             "certainty"],
            title="factories",
        )  # fmt: skip
        table([m._asdict() for m in state.models], ["model", "status", "launched_on", "markets"],
              title="models")  # fmt: skip
        table(policy_rows(state.policies), ["not_before", "markets", "except", "id"],
              title="policies in force")  # fmt: skip
        table(
            [{**to_json(e), "model": e.model or "(all models)"} for e in state.expected_entries],
            ["market", "model", "expected", "status", "fulfilled_on", "first_planned", "slips",
             "days_overdue", "certainty", "announced_on", "id"],
            title="expected entries",
        )  # fmt: skip
        table(
            [{**to_json(e), "model": e.model or "(all models)"} for e in state.exits],
            ["model", "markets", "except", "effective_on", "temporary", "certainty", "id"],
            title="exits",
        )
        other_sections(state, COMPANY_SECTIONS)
        table([c._asdict() for c in claims], ["announced_on", "id", "verdict", "why"],
              title="claims")  # fmt: skip
    _report_unknown(answer, name, query)


def said_day(day: str | None, said: str | None) -> str | None:
    """A day with the period it was said as beside it: `2022-12-31 (2022-12)`."""
    return f"{day} ({said})" if day and said else day


def other_sections(state: Any, drawn: Iterable[str]) -> None:
    """A table of each list of a state answer its command does not draw itself (`drawn`):
    the values of a kind added since, shown as their JSON has them."""
    from mxt.projections.rules.records import flatten

    for name, value in to_json(state).items():
        if isinstance(value, list) and name not in drawn:
            rows = [flatten(item) if isinstance(item, dict) else {"value": item} for item in value]
            table(rows, list(dict.fromkeys(column for row in rows for column in row)), title=name)


def figure_row(figure: ScopedFigure) -> JsonObject:
    """A target's or delivered total's columns in a table but its value's."""
    return {"metric": figure.metric, "period": figure.period, **sourced(figure.figure),
            "scope": figure.scope.spelled().strip() or "worldwide"}  # fmt: skip


def policy_rows(policies: list[Policy]) -> list[JsonObject]:
    """Policies in force as table rows."""
    return [{**policy._asdict(), "except": policy.except_} for policy in policies]


@click.group("audit")
def audit_command() -> None:
    """How things changed, revision by revision.

    Example: mxt audit targets --company Xiaomi
    """


@audit_command.command("targets")
@target_filters
@read_options
@click.pass_obj
def audit_targets(
    context: Context,
    companies: tuple[str, ...],
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
    answer = context.open_read_side().audit_targets(query, companies, metric, period)
    if output.machine:
        output.emit(answer.data)
    else:
        rows = []
        for revision in answer.data:
            flag = ""
            if revision.previous_mismatch:
                stated = spell_count(
                    revision.stated_previous, "range", revision.stated_previous_high
                )
                flag = f"  ! stated previous {stated}"
            pct = revision.change_pct
            rows.append(
                {
                    **revision._asdict(),
                    "target": f"{revision.company} {revision.metric} {revision.period}"
                    + revision.scope.spelled(),
                    "value": count(revision),
                    "previous": spell_count(revision.previous, "range", revision.previous_high)
                    if revision.previous is not None
                    else None,
                    "change": (
                        f"{revision.change:+,} ({pct:+.2f}%)"
                        if revision.change is not None and pct is not None
                        else cell(revision.change)
                    )
                    + flag,
                    "corrections": len(revision.corrections) or None,
                }
            )
        table(
            rows,
            ["announced_on", "target", "value", "previous", "change", "status", "certainty",
             "corrections", "id"],
            title=f"target audit as of {query.as_of}",
        )  # fmt: skip
    _report_unknown(answer, "targets matching those filters", query)


# The kinds whose announcements may be plans (SPEC §5.2): what `audit plans --kind` takes.
PLAN_KINDS = ("launch", "factory", "expected-entry")


@audit_command.command("plans")
@company_filter
@click.option("--model", help="Only this model's plans (any case).")
@click.option("--market", metavar="CODE", help="Only plans in a market covering this one (a "
              "factory's: its country).")  # fmt: skip
@click.option("--kind", type=click.Choice(PLAN_KINDS), help="Only plans of this kind.")
@read_options
@click.pass_obj
def audit_plans(
    context: Context,
    companies: tuple[str, ...],
    model: str | None,
    market: str | None,
    kind: str | None,
    as_of: str | None,
    known_at: str | None,
    output: Output,
) -> None:
    """Every plan in order (a launch's, a factory's, an expected entry's): its date as said,
    the move from the plan before (slip_days), who said it, and what became of the slot:
    happened (late_days against the first plan), overdue, cancelled or pending.

    Example: mxt audit plans --company Volta --kind factory
    """
    from .options import parse_market

    query = _query(as_of, known_at)
    read_side = context.open_read_side()
    known = read_side.user_regions(read_side.resolve(query).known_at)
    answer = read_side.audit_plans(query, companies, model, parse_market(market, known=known), kind)
    if output.machine:
        output.emit(answer.data)
    else:
        table(
            [{**plan._asdict(), "slot": plan_subject(plan), "planned": plan.planned_as_said,
              "slip_days": cell(plan.slip_days) if plan.slip_days is None
              else f"{plan.slip_days:+,}"} for plan in answer.data],  # fmt: skip
            ["announced_on", "slot", "planned", "previous", "slip_days", "status", "certainty",
             "id"],
            title=f"plan audit as of {query.as_of}",
        )  # fmt: skip
        slots = {plan_subject(plan): plan.slot for plan in answer.data}
        table(
            [{"slot": subject, **slot._asdict(), "late_days": plan_lateness(slot)}
             for subject, slot in slots.items()],
            ["slot", "first_planned", "planned", "slips", "outcome", "happened_on",
             "late_days"],
            title="outcomes",
        )  # fmt: skip
    _report_unknown(answer, "plans matching those filters", query)


def plan_subject(plan: Any) -> str:
    """A plan slot in a few words: `Volta Motors launch Arc in US`, `Volta Motors factory
    Monterrey phase 1 (operational)`."""
    if plan.site is not None:
        planned = f" ({plan.planned_status})" if plan.planned_status else ""
        return f"{plan.company} {plan.kind} {plan.site} phase {plan.phase}{planned}"
    return f"{plan.company} {plan.kind} {plan.model or '(all models)'} in {plan.market}"


def plan_lateness(slot: Any) -> str:
    """How late a slot's plans came true (`+107d`), or how overdue they are (`37d overdue`)."""
    if slot.late_days is not None:
        return f"{slot.late_days:+,}d"
    if slot.days_overdue is not None:
        return f"{slot.days_overdue:,}d overdue"
    return "-"


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
    from mxt.projections.questions.showing import show

    query = _query(as_of, known_at)
    answer = show(context.open_read_side(), announcement_id, query)
    if not answer.known:
        raise UnknownAnnouncement(announcement_id)
    shown = answer.data
    if not answer.known or shown is None:
        raise UnknownAnnouncement(announcement_id)
    if output.machine:
        output.emit(shown)
        return
    entry = shown.entry
    fields([(name, value) for name, value in entry.items() if name != "source"],
           title=f"announcement {entry['id']}")  # fmt: skip
    fields(list(entry["source"].items()), title="source")
    table([to_json(c) for c in shown.corrections], ["field", "from", "to", "reason",
          "recorded_at"], title="corrections")  # fmt: skip
    if shown.retraction:
        fields(list(shown.retraction._asdict().items()), title="retraction")
    table(
        [{"state value": s.path, "value": _brief(to_json(s)["value"])} for s in shown.supports],
        ["state value", "value"],
        title=f"supports (as of {query.as_of})",
    )


def _brief(value: Any) -> str:
    """A supported value in a line: `name=value` pairs (its id left out), or the value."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={cell(v)}" for k, v in value.items() if k != "id")
    return cell(value)
