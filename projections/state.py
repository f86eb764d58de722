"""The rules of SPEC §5 as plain functions over visible announcements.

Every function here takes the announcements visible for one question (already cut to
`known_at` and `as_of` by the read model, in time order) and answers it. Nothing here touches
the store, so the reference fold in the tests can drive the same rules from a plain replay.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from mxt.events.codes import REGIONS, market_covers

from .readmodel import Row, key


@dataclass
class Query:
    """The two time axes of a question."""

    as_of: str  # YYYY-MM-DD
    known_at: str  # UTC timestamp, the sortable spelling of format_timestamp


def effective(content: dict[str, Any], field_name: str) -> str:
    """`launched_on` / `effective_on`, defaulting to `announced_on`."""
    return str(content.get(field_name) or content["announced_on"])


def latest_by(rows: Iterable[Row], group: Any) -> dict[Any, Row]:
    """The latest row of each group; rows come in time order, so the last one wins."""
    latest: dict[Any, Row] = {}
    for row in rows:
        latest[group(row.content)] = row
    return latest


def display_name(rows: Sequence[Row], field_name: str, fallback: str) -> str:
    """A name as spelled in its earliest announcement (rows are in time order)."""
    for row in rows:
        value = row.content.get(field_name)
        if value:
            return str(value)
    return fallback


# -- markets and policies ------------------------------------------------------------------


@lru_cache(maxsize=1)
def all_markets() -> tuple[str, ...]:
    import pycountry

    return tuple(sorted({c.alpha_2 for c in pycountry.countries} | set(REGIONS)))


def policy_covers(content: dict[str, Any], market: str) -> bool:
    """A policy covers a market listed (directly, through `*` or a region) and not excepted."""
    listed = content["markets"]
    if not ("*" in listed or any(market_covers(code, market) for code in listed)):
        return False
    return not any(market_covers(code, market) for code in content.get("except", ()))


def covering_policy(policies: Sequence[Row], market: str) -> Row | None:
    """The latest policy of one company that covers `market`: the one that decides it."""
    for row in reversed(policies):
        if policy_covers(row.content, market):
            return row
    return None


def policies_in_force(policies: Sequence[Row], as_of: str, market: str | None = None) -> list[Row]:
    """Policies that still block somewhere (or in `market`): latest for a market, not lapsed."""
    markets = (market,) if market else distinct_markets(policies)
    in_force: dict[str, Row] = {}
    for code in markets:
        row = covering_policy(policies, code)
        if row is not None and row.content["not_before"] > as_of:
            in_force[row.ann_id] = row
    return sorted(in_force.values(), key=lambda r: r.order)


def distinct_markets(policies: Sequence[Row]) -> list[str]:
    """One market for each way the policies can treat a market: every market they name (with
    the members and regions around it), and one they do not name, standing for all the rest."""
    named: set[str] = set()
    for row in policies:
        for code in (*row.content["markets"], *row.content.get("except", ())):
            if code in REGIONS:
                named |= REGIONS[code] | {code}
            elif code != "*":
                named |= {code, *(region for region, members in REGIONS.items() if code in members)}
    # "ZZ" is no market (ISO leaves it unassigned), so no policy names it: it is treated as
    # every market that no policy names.
    return [*sorted(named), "ZZ"]


def policy_view(row: Row) -> dict[str, Any]:
    content = row.content
    return {
        "company": content["company"],
        "markets": content["markets"],
        "except": content.get("except", []),
        "not_before": content["not_before"],
        "announced_on": content["announced_on"],
        "id": row.ann_id,
    }


# -- models --------------------------------------------------------------------------------


@dataclass
class Launches:
    """Where and when a model is launched: the latest word on each launch market."""

    launched: dict[str, str] = field(default_factory=dict)  # market -> launched_on <= as_of
    planned: dict[str, str] = field(default_factory=dict)  # market -> launched_on > as_of
    ids: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, launches: Iterable[Row], as_of: str) -> Launches:
        result = cls()
        for market, row in latest_by(launches, lambda c: c["market"]).items():
            day = effective(row.content, "launched_on")
            (result.launched if day <= as_of else result.planned)[market] = day
            result.ids[market] = row.ann_id
        return result

    def status(self) -> str:
        """`launched` somewhere by `as_of`, else `announced` for later, else `unknown`."""
        if self.launched:
            return "launched"
        return "announced" if self.planned else "unknown"

    def first_launch(self) -> str | None:
        return min(self.launched.values(), default=None)

    def first_planned(self) -> str | None:
        return min(self.planned.values(), default=None)

    def in_market(self, market: str) -> tuple[str | None, str | None]:
        """(launched_on, planned_launch_on) for one market, through regions."""
        launched = [d for m, d in self.launched.items() if market_covers(m, market)]
        planned = [d for m, d in self.planned.items() if market_covers(m, market)]
        return min(launched, default=None), min(planned, default=None)


def model_state(rows: Sequence[Row], query: Query, company: str, model: str) -> dict[str, Any]:
    """SPEC §6 `state model`: rows are the model's visible announcements up to `as_of`;
    `company` and `model` are their display names."""
    launches = Launches.of((r for r in rows if r.content["kind"] == "launch"), query.as_of)
    orders = latest_by((r for r in rows if r.content["kind"] == "orders"), lambda c: c["stage"])
    waits = latest_by(
        (r for r in rows if r.content["kind"] == "wait-time"), lambda c: c.get("trim") or ""
    )
    deliveries = latest_by(
        (r for r in rows if r.content["kind"] == "deliveries"), lambda c: c["period"]
    )
    return {
        "company": company,
        "model": model,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "status": launches.status(),
        "launched_on": launches.first_launch(),
        "planned_launch_on": launches.first_planned() if not launches.launched else None,
        "markets": sorted(launches.launched),
        "orders": {
            stage: {
                "count": row.content["count"],
                "within": row.content.get("within"),
                "announced_on": row.announced_on,
                "id": row.ann_id,
            }
            for stage, row in sorted(orders.items())
        },
        "max_wait_months": max((row.content["max_months"] for row in waits.values()), default=None),
        "deliveries_units": sum(row.content["units"] for row in deliveries.values()),
    }


@dataclass
class Names:
    """How a company and its models are spelled: as in their earliest announcements."""

    company: str
    models: dict[str, str] = field(default_factory=dict)  # model key -> display name


@dataclass
class CompanyFacts:
    """What one company's announcements say about markets: launches, policies, entries."""

    name: str
    policies: list[Row]
    expected: list[Row]
    launches: dict[str, list[Row]]  # model key -> launch rows
    models: dict[str, str]  # model key -> display name, in order of first appearance

    @classmethod
    def of(cls, rows: Iterable[Row], names: Names) -> CompanyFacts:
        """Facts from one company's launch, policy and expected-entry rows."""
        facts = cls(names.company, [], [], {}, dict(names.models))
        for row in rows:
            kind = row.content["kind"]
            if kind == "policy":
                facts.policies.append(row)
            elif kind == "expected-entry":
                facts.expected.append(row)
            elif kind == "launch":
                facts.launches.setdefault(key(row.content["model"]), []).append(row)
        return facts

    def market_status(self, model_key: str, market: str, as_of: str) -> dict[str, Any]:
        """SPEC §5 market status of one model: available > announced > blocked > expected."""
        launches = Launches.of(self.launches.get(model_key, ()), as_of)
        launched_on, planned_on = launches.in_market(market)
        policy = covering_policy(self.policies, market)
        not_before = (
            policy.content["not_before"]
            if policy is not None and policy.content["not_before"] > as_of
            else None
        )
        entries = [
            row
            for row in self.expected
            if market_covers(row.content["market"], market)
            and (not row.content.get("model") or key(row.content["model"]) == model_key)
        ]
        expected = entries[-1].content["expected"] if entries else None
        if launched_on:
            status = "available"
        elif planned_on:
            status = "announced"
        elif not_before:
            status = "blocked"
        elif expected:
            status = "expected"
        else:
            status = "unavailable"
        return {
            "company": self.name,
            "model": self.models[model_key],
            "status": status,
            "launched_on": launched_on,
            "planned_launch_on": planned_on if not launched_on else None,
            "not_before": not_before,
            "expected": expected,
        }


def market_state(
    rows: Iterable[Row], names: dict[str, Names], query: Query, market: str
) -> dict[str, Any]:
    """SPEC §6 `state market`: every model of every company, with its status in `market`.

    `rows` are the visible launch, policy and expected-entry announcements up to `as_of`;
    `names` holds every company with an announcement by then, and its models.
    """
    by_company: dict[str, list[Row]] = {company_key: [] for company_key in names}
    for row in rows:
        by_company.setdefault(key(row.content["company"]), []).append(row)
    models = []
    policies = []
    for company_key, company_rows in by_company.items():
        facts = CompanyFacts.of(company_rows, names.get(company_key) or Names(company_key))
        for model_key in facts.models:
            models.append(facts.market_status(model_key, market, query.as_of))
        policies.extend(policies_in_force(facts.policies, query.as_of, market))
    models.sort(key=lambda m: (str(m["company"]).casefold(), str(m["model"]).casefold()))
    return {
        "market": market,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "models": models,
        "policies": [policy_view(row) for row in sorted(policies, key=lambda r: r.order)],
    }


@dataclass
class FactoryView:
    site: str
    phase: int
    status: str | None
    effective_on: str | None
    capacity: int | None
    id: str | None
    planned: dict[str, Any] | None


def factories(rows: Iterable[Row], as_of: str) -> list[dict[str, Any]]:
    """Each (site, phase): the status reached by `as_of`, and a later planned status."""
    by_phase: dict[tuple[str, int], list[Row]] = {}
    for row in rows:
        by_phase.setdefault((key(row.content["site"]), row.content["phase"]), []).append(row)
    views = []
    for phase_rows in by_phase.values():
        reached = [r for r in phase_rows if effective(r.content, "effective_on") <= as_of]
        reached.sort(key=lambda r: (effective(r.content, "effective_on"), r.order))
        current = reached[-1] if reached else None
        last = phase_rows[-1]
        plan = None
        if effective(last.content, "effective_on") > as_of:
            plan = {
                "status": last.content["status"],
                "effective_on": effective(last.content, "effective_on"),
                "id": last.ann_id,
            }
        shown = current or last
        capacity = next(
            (r.content["capacity"] for r in reversed(phase_rows) if "capacity" in r.content), None
        )
        views.append(
            FactoryView(
                site=phase_rows[0].content["site"],
                phase=shown.content["phase"],
                status=current.content["status"] if current else None,
                effective_on=effective(current.content, "effective_on") if current else None,
                capacity=capacity,
                id=current.ann_id if current else None,
                planned=plan,
            )
        )
    views.sort(key=lambda v: (v.site.casefold(), v.phase))
    return [asdict(view) for view in views]


def company_state(rows: Sequence[Row], names: Names, query: Query) -> dict[str, Any]:
    """SPEC §6 `state company`: rows are the company's visible announcements up to `as_of`."""
    facts = CompanyFacts.of(rows, names)
    targets = latest_by(
        (r for r in rows if r.content["kind"] == "target"),
        lambda c: (c["metric"], c["period"]),
    )
    totals = latest_by(
        (r for r in rows if r.content["kind"] == "deliveries" and not r.content.get("model")),
        lambda c: c["period"],
    )
    models = []
    for model_key, name in facts.models.items():
        launches = Launches.of(facts.launches.get(model_key, ()), query.as_of)
        models.append(
            {
                "model": name,
                "status": launches.status(),
                "launched_on": launches.first_launch(),
                "markets": sorted(launches.launched),
            }
        )
    models.sort(key=lambda m: str(m["model"]).casefold())
    return {
        "company": facts.name,
        "as_of": query.as_of,
        "known_at": query.known_at,
        "targets": [
            {
                "metric": metric,
                "period": period,
                "value": row.content["value"],
                "announced_on": row.announced_on,
                "id": row.ann_id,
            }
            for (metric, period), row in sorted(targets.items())
        ],
        "deliveries": [
            {"period": period, "units": row.content["units"]}
            for period, row in sorted(totals.items())
        ],
        "factories": factories((r for r in rows if r.content["kind"] == "factory"), query.as_of),
        "models": models,
        "policies": [policy_view(row) for row in policies_in_force(facts.policies, query.as_of)],
    }


# -- the target audit ----------------------------------------------------------------------


def target_audit(rows: Sequence[Row], histories: dict[str, list[Row]]) -> list[dict[str, Any]]:
    """SPEC §6 `audit targets`: every revision in order, with the value in force before it.

    `rows` are the target announcements visible at `known_at` up to `as_of`, retracted ones
    included; `histories` holds every known version of each, for its corrections.
    """
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for row in rows:
        content = row.content
        groups.setdefault(
            (key(content["company"]), content["metric"], content["period"]), []
        ).append(row)
    audit = []
    for group_key in sorted(groups):
        group = groups[group_key]
        company = display_name(group, "company", group_key[0])
        active = [row for row in group if not row.retracted]
        in_force = active[-1].ann_id if active else None
        previous_value: int | None = None
        for row in group:
            content = row.content
            value = content["value"]
            stated = content.get("previous")
            change = value - previous_value if previous_value is not None else None
            change_pct = (
                round(change * 100 / previous_value, 2)
                if change is not None and previous_value
                else None
            )
            if row.retracted:
                status = "retracted"
            elif row.ann_id == in_force:
                status = "in-force"
            else:
                status = "superseded"
            audit.append(
                {
                    "company": company,
                    "metric": content["metric"],
                    "period": content["period"],
                    "value": value,
                    "previous": previous_value,
                    "change": change,
                    "change_pct": change_pct,
                    "stated_previous": stated,
                    "previous_mismatch": stated is not None and stated != previous_value,
                    "announced_on": row.announced_on,
                    "recorded_at": row.recorded_at,
                    "id": row.ann_id,
                    "source": content["source"],
                    "speaker": content.get("speaker"),
                    "certainty": content["certainty"],
                    "status": status,
                    "corrections": corrections_of(histories.get(row.ann_id, [])),
                }
            )
            if not row.retracted:
                previous_value = value
    return audit


def corrections_of(history: Sequence[Row]) -> list[dict[str, Any]]:
    """The corrections in one announcement's history: field, from, to, reason, recorded_at."""
    result = []
    for before, after in zip(history, history[1:], strict=False):
        if after.event != "corrected" or not after.changes:
            continue
        for field_name in after.changes:
            result.append(
                {
                    "field": field_name,
                    "from": _dig(before.content, field_name),
                    "to": _dig(after.content, field_name),
                    "reason": after.reason,
                    "recorded_at": after.known_from,
                }
            )
    return result


def _dig(content: dict[str, Any], dotted: str) -> Any:
    value: Any = content
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value
