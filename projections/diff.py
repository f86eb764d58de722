"""`mxt diff`: what changed in the state between two as-of dates.

Two steps. `snapshot` asks the ReadSide's queries what the state was at one date (company,
model and market states), plus the per-market launches of the state fold, for provenance.
`compare` is a pure function of two snapshots: the list of changes, each carrying the id of
the announcement behind it (the new fact; for something that stopped, the fact that stopped)
and that announcement's `announced_on`.

A change is a dict: `area` (one of `AREAS`), `company`, the keys naming its subject
(`model`, `market`, `metric`, `period`, `stage`, `site`, `phase`, `markets`, `except`,
`not_before`, depending on the area), `from`, `to`, `id`, `announced_on`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mxt.events.codes import check_market, market_covers
from mxt.events.errors import InputError
from mxt.events.kinds import MARKET_KINDS

from .queries import Answer, ReadSide
from .state import CompanyFacts, Launches, Names, Query
from .tables import key
from .view import Row

AREAS = (
    "deliveries", "expected-entry", "factory", "launch", "market-status", "orders", "policy",
    "showcase", "target", "wait-time",
)  # fmt: skip

IN_FORCE = "in-force"
LAPSED = "lapsed"
SUPERSEDED = "superseded"
UNKNOWN = "unknown"


@dataclass
class CompanySnapshot:
    """One company's state at one date, as the diff compares it."""

    name: str
    state: dict[str, Any]  # `state company`
    models: dict[str, dict[str, Any]]  # model key -> `state model`
    launches: dict[str, Launches]  # model key -> launched / planned per launch market
    facts: CompanyFacts  # launch, policy and expected-entry rows: where a status comes from
    policies: list[dict[str, Any]]  # in force (covering the market when the diff has one)


@dataclass
class Snapshot:
    """The state of the selected companies and markets at one as-of date."""

    as_of: str
    companies: dict[str, CompanySnapshot] = field(default_factory=dict)  # by company key
    markets: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> `state market`
    announced_on: dict[str, str] = field(default_factory=dict)  # id -> announced_on


# -- asking the read side -------------------------------------------------------------------


def company_names(rows: Iterable[Row]) -> dict[str, Names]:
    """Each company with a row, and its models, spelled as in their earliest announcements."""
    names: dict[str, Names] = {}
    for row in rows:
        entry = names.setdefault(key(row.content["company"]), Names(row.content["company"]))
        model = row.content.get("model")
        if model:
            entry.models.setdefault(key(model), model)
    return names


def mentioned_markets(rows: Iterable[Row]) -> set[str]:
    """Every market named by these announcements: their `market`, a policy's markets and
    exceptions (`*` is not a market)."""
    markets: set[str] = set()
    for row in rows:
        content = row.content
        if content["kind"] in MARKET_KINDS and content.get("market"):
            markets.add(content["market"])
        elif content["kind"] == "policy":
            markets.update(content["markets"])
            markets.update(content.get("except", ()))
    markets.discard("*")
    return markets


def snapshot(
    read_side: ReadSide,
    query: Query,
    companies: Iterable[str],
    markets: Iterable[str],
    market: str | None = None,
) -> Snapshot:
    """The state at `query.as_of` of `companies` (company keys) and of `markets`.

    `market`, when given, cuts the policies to those covering it.
    """
    result = Snapshot(query.as_of)
    for code in sorted(markets):
        result.markets[code] = read_side.market(code, query).data
    for company_key in companies:
        company_rows = read_side.visible(query, company_key)
        if not company_rows:
            continue
        result.announced_on.update((row.ann_id, row.announced_on) for row in company_rows)
        own = company_names(company_rows)[company_key]
        state = read_side.company(own.company, query).data
        facts = CompanyFacts.of(company_rows, own)
        if market is None:
            policies = state["policies"]
        else:
            policies = [
                policy
                for policy in result.markets[market]["policies"]
                if key(policy["company"]) == company_key
            ]
        result.companies[company_key] = CompanySnapshot(
            name=state["company"],
            state=state,
            models={
                model_key: read_side.model(own.company, model, query).data
                for model_key, model in own.models.items()
            },
            launches={
                model_key: Launches.of(launch_rows, query.as_of)
                for model_key, launch_rows in facts.launches.items()
            },
            facts=facts,
            policies=policies,
        )
    return result


def diff(
    read_side: ReadSide,
    before_query: Query,
    after_query: Query,
    company: str | None = None,
    market: str | None = None,
) -> Answer:
    """What changed between the states as of `before_query` and as of `after_query`, for one
    company or every company visible at the later date, optionally cut to the changes
    concerning one market. `known` is False when nothing about the subject is visible at the
    later date (an unknown company or market)."""
    code = None
    if market is not None:
        try:
            code = check_market(market)
        except ValueError as error:
            raise InputError("--market", str(error)) from None
    rows = read_side.visible(after_query, company)
    names = company_names(rows)
    markets = {code} if code else mentioned_markets(rows)
    before = snapshot(read_side, before_query, names, markets, code)
    after = snapshot(read_side, after_query, names, markets, code)
    known = bool(names) and (code is None or read_side.market(code, after_query).known)
    changes = compare(before, after, code)
    if code is None:  # the pace of targets and the verdicts of claims
        from .checking import check_changes

        measured = check_changes(read_side, before_query, after_query, company)
        for change in measured:
            change["announced_on"] = after.announced_on.get(change["id"])
        changes = sorted(changes + measured, key=_sort_key)
    began = read_side.first_recorded
    early = began is not None and after_query.known_at < began
    return Answer(changes, known, began if early else None)


# -- comparing -------------------------------------------------------------------------------


def compare(before: Snapshot, after: Snapshot, market: str | None = None) -> list[dict[str, Any]]:
    """The changes from `before` to `after`, sorted by the `announced_on` of the announcement
    behind each, then area, company, model, market (and the rest of the subject).

    With `market`, only what concerns it: launches in markets covering it, policies covering
    it (already cut so by `snapshot`) and statuses in it.
    """
    changes: list[dict[str, Any]] = []
    for company_key in sorted(set(before.companies) | set(after.companies)):
        old = before.companies.get(company_key)
        new = after.companies.get(company_key)
        name = (new or old).name  # type: ignore[union-attr]
        if market is None:
            changes += _figure_changes("target", "value", name, old, new)
            changes += _figure_changes("deliveries", "units", name, old, new)
            changes += _orders_changes(name, old, new)
            changes += _wait_changes(name, old, new)
            changes += _factory_changes(name, old, new)
        changes += _expected_changes(name, old, new, market)
        changes += _showcase_changes(name, old, new, market)
        changes += _launch_changes(name, old, new, market)
        changes += _policy_changes(name, old, new, after.as_of)
    changes += _status_changes(before, after)
    for change in changes:
        change["announced_on"] = after.announced_on.get(change["id"]) or before.announced_on.get(
            change["id"]
        )
    changes.sort(key=_sort_key)
    return changes


def _sort_key(change: dict[str, Any]) -> tuple[str, ...]:
    subject = ("model", "market", "metric", "period", "stage", "site", "phase", "id")
    return (
        change["announced_on"] or "",
        change["area"],
        str(change["company"]).casefold(),
        *(str(change.get(name) or "").casefold() for name in subject),
    )


def _change(
    area: str, company: str, subject: dict[str, Any], old: Any, new: Any, ann_id: str | None
) -> dict[str, Any]:
    return {"area": area, "company": company, **subject, "from": old, "to": new, "id": ann_id}


def _pairs(
    old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]], group: Any
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Items of two lists matched by `group`, in the order of the newer list, then the rest."""
    old_by = {group(item): item for item in old}
    new_by = {group(item): item for item in new}
    ordered = list(new_by) + [k for k in old_by if k not in new_by]
    return [(old_by.get(k), new_by.get(k)) for k in ordered]


def _count_change(
    area: str, company: str, subject: dict[str, Any], before: Any, after: Any, name: str
) -> dict[str, Any] | None:
    """A change of a count (with its bound), or None when the value and bound are the same."""

    def spelled(value: dict[str, Any] | None) -> tuple[Any, Any, Any]:
        return (value[name], value["bound"], value["high"]) if value else (None, None, None)

    if spelled(before) == spelled(after):
        return None
    shown = after or before
    change = _change(area, company, subject, spelled(before)[0], spelled(after)[0], shown["id"])
    change["from_bound"], change["to_bound"] = spelled(before)[1], spelled(after)[1]
    return change


def _figure_changes(
    area: str, name: str, company: str, old: CompanySnapshot | None, new: CompanySnapshot | None
) -> list[dict[str, Any]]:
    """Changes of a company's targets (`area` target) or delivered totals (deliveries)."""
    listed = "targets" if area == "target" else "deliveries"
    changes = []
    for before, after in _pairs(
        old.state[listed] if old else [],
        new.state[listed] if new else [],
        lambda f: (f["metric"], f["period"], tuple(f["markets"]), tuple(f["except"])),
    ):
        shown = after or before
        assert shown is not None
        subject = {key: shown[key] for key in ("metric", "period", "markets", "except")}
        change = _count_change(area, company, subject, before, after, name)
        if change is not None:
            changes.append(change)
    return changes


def _model_items(
    old: CompanySnapshot | None, new: CompanySnapshot | None, field_name: str
) -> list[tuple[str | None, dict[str, Any], dict[str, Any]]]:
    """(model, before, after) for one keyed field of every model's state (`orders`)."""
    models = new.models if new else {}
    previous = old.models if old else {}
    found = []
    for model_key in list(models) + [m for m in previous if m not in models]:
        after_state = models.get(model_key) or {}
        before_state = previous.get(model_key) or {}
        model = (after_state or before_state).get("model")
        found.append((model, before_state.get(field_name) or {}, after_state.get(field_name) or {}))
    return found


def _orders_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None
) -> list[dict[str, Any]]:
    changes = []
    for model, before_orders, after_orders in _model_items(old, new, "orders"):
        for stage in sorted(set(after_orders) | set(before_orders)):
            subject = {"model": model, "stage": stage}
            before, after = before_orders.get(stage), after_orders.get(stage)
            change = _count_change("orders", name, subject, before, after, "count")
            if change is not None:
                changes.append(change)
    return changes


def _wait_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None
) -> list[dict[str, Any]]:
    changes = []
    models = new.models if new else {}
    previous = old.models if old else {}
    for model_key in list(models) + [m for m in previous if m not in models]:
        after_state, before_state = models.get(model_key), previous.get(model_key)
        model = (after_state or before_state or {}).get("model")
        for before, after in _pairs(
            before_state["wait_times"] if before_state else [],
            after_state["wait_times"] if after_state else [],
            lambda w: w["trim"],
        ):
            old_value = before["max_months"] if before else None
            new_value = after["max_months"] if after else None
            if old_value == new_value:
                continue
            shown = after or before
            assert shown is not None
            changes.append(
                _change("wait-time", name, {"model": model, "trim": shown["trim"]},
                        old_value, new_value, shown["id"])
            )  # fmt: skip
    return changes


def _expected_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None, market: str | None
) -> list[dict[str, Any]]:
    """Expected entries (of a model or of the company as a whole) appearing or moving."""
    changes = []
    for before, after in _pairs(
        old.state["expected_entries"] if old else [],
        new.state["expected_entries"] if new else [],
        lambda e: (e["market"], key(e["model"])),
    ):
        shown = after or before
        assert shown is not None
        if market is not None and not market_covers(shown["market"], market):
            continue
        old_value = before["expected"] if before else None
        new_value = after["expected"] if after else None
        if old_value != new_value:
            subject = {"model": shown["model"], "market": shown["market"]}
            changes.append(
                _change("expected-entry", name, subject, old_value, new_value, shown["id"])
            )
    return changes


def _showcase_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None, market: str | None
) -> list[dict[str, Any]]:
    """Showcases that appeared (they never stop)."""
    seen = {row.ann_id for row in old.facts.showcases} if old else set()
    changes = []
    for row in new.facts.showcases if new else []:
        where = row.content.get("market")
        if row.ann_id in seen or (
            market is not None and not (where and market_covers(where, market))
        ):
            continue
        subject = {"model": row.content["model"], "market": where}
        changes.append(_change("showcase", name, subject, None, row.content["venue"], row.ann_id))
    return changes


def _factory_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None
) -> list[dict[str, Any]]:
    changes = []
    for before, after in _pairs(
        old.state["factories"] if old else [],
        new.state["factories"] if new else [],
        lambda f: (key(f["site"]), f["phase"]),
    ):
        old_status = before["status"] if before else None
        new_status = after["status"] if after else None
        if old_status == new_status:
            continue
        shown = after if after and after["id"] else before
        assert shown is not None
        changes.append(
            _change(
                "factory",
                name,
                {"site": shown["site"], "phase": shown["phase"]},
                old_status,
                new_status,
                shown["id"],
            )
        )
    return changes


def _launch_value(launches: Launches | None, launch_market: str) -> str | None:
    if launches is None:
        return None
    if launch_market in launches.launched:
        return f"launched {launches.launched[launch_market]}"
    if launch_market in launches.planned:
        return f"planned {launches.planned[launch_market]}"
    return None


def _launch_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None, market: str | None
) -> list[dict[str, Any]]:
    changes = []
    before_all = old.launches if old else {}
    after_all = new.launches if new else {}
    models = (new or old).facts.models  # type: ignore[union-attr]
    for model_key in sorted(set(before_all) | set(after_all)):
        before = before_all.get(model_key)
        after = after_all.get(model_key)
        markets = set(after.ids if after else ()) | set(before.ids if before else ())
        for launch_market in sorted(markets):
            if market is not None and not market_covers(launch_market, market):
                continue
            old_value = _launch_value(before, launch_market)
            new_value = _launch_value(after, launch_market)
            if old_value == new_value:
                continue
            source = after if after and launch_market in after.ids else before
            assert source is not None
            changes.append(
                _change(
                    "launch",
                    name,
                    {"model": models.get(model_key, model_key), "market": launch_market},
                    old_value,
                    new_value,
                    source.ids[launch_market],
                )
            )
    return changes


def _policy_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None, as_of: str
) -> list[dict[str, Any]]:
    changes = []
    for before, after in _pairs(
        old.policies if old else [], new.policies if new else [], lambda p: p["id"]
    ):
        if before and after:
            continue
        policy = after or before
        assert policy is not None
        lapsed = policy["not_before"] <= as_of
        changes.append(
            _change(
                "policy",
                name,
                {
                    "markets": policy["markets"],
                    "except": policy["except"],
                    "not_before": policy["not_before"],
                },
                None if after else IN_FORCE,
                IN_FORCE if after else (LAPSED if lapsed else SUPERSEDED),
                policy["id"],
            )
        )
    return changes


def _status_changes(before: Snapshot, after: Snapshot) -> list[dict[str, Any]]:
    """Market statuses that changed (a model, or a company as a whole, `model` null); a
    status that fell back to unknown names the announcement of the status it had."""
    changes = []
    for code, state in after.markets.items():
        earlier = {
            (key(m["company"]), key(m["model"])): m
            for m in before.markets.get(code, {}).get("models", [])
        }
        later = {(key(m["company"]), key(m["model"])): m for m in state["models"]}
        for subject in list(later) + [s for s in earlier if s not in later]:
            if subject[0] not in after.companies:
                continue  # a company not selected
            previous, status = earlier.get(subject), later.get(subject)
            old_status = previous["status"] if previous else UNKNOWN
            new_status = status["status"] if status else UNKNOWN
            if old_status == new_status:
                continue
            shown = status or previous
            assert shown is not None
            ann_id = (status or {}).get("id") or (previous or {}).get("id")
            changes.append(
                _change("market-status", shown["company"],
                        {"model": shown["model"], "market": code}, old_status, new_status, ann_id)
            )  # fmt: skip
    return changes
