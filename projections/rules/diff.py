"""`mxt diff`: what changed in the state between two as-of dates.

Two steps. A snapshot is what the state was at one date (company, model and market states,
their launch markets included; `questions.comparing` asks for them). `compare` is a pure
function of two snapshots: the list of changes (`Change`), each carrying the id of the
announcement behind it (the new fact; for something that stopped, the fact that stopped)
and that announcement's `announced_on`.

Every slot's value the states hold (`Held`: a target, a delivered total, an order stage, a
wait, a factory phase, an expected entry, a launch market) is compared slot by slot, in one
way, whatever its kind; then policies, showcases and market statuses, which fill no slot.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from mxt.events.codes import EVER, market_covers
from mxt.events.kinds import COUNT_KINDS, KINDS

from ..readmodel.tables import key
from ..readmodel.view import Row
from .changes import Change, Held
from .company import CompanyState
from .evidence import SlotKey
from .market import MarketState
from .records import is_record, items
from .state import CompanyFacts, ModelState, Names, Policy

IN_FORCE = "in-force"
LAPSED = "lapsed"
SUPERSEDED = "superseded"
UNKNOWN = "unknown"
MARKET_STATUS = "market-status"  # the area of a change of a model's status in a market


@dataclass
class CompanySnapshot:
    """One company's state at one date, as the diff compares it."""

    name: str
    state: CompanyState
    models: dict[str, ModelState]  # model key -> `state model`
    facts: CompanyFacts  # launch, policy and expected-entry rows: where a status comes from
    policies: list[Policy]  # in force (covering the market when the diff has one)

    def held(self) -> dict[SlotKey, Held]:
        """Every slot's value the company's and its models' states hold (their launch
        markets, plans, entries and exits included), by slot."""
        return {value.slot: value for value in holding([self.state, *self.models.values()])}


@dataclass
class Snapshot:
    """The state of the selected companies and markets at one as-of date."""

    as_of: str
    companies: dict[str, CompanySnapshot] = field(default_factory=dict)  # by company key
    markets: dict[str, MarketState] = field(default_factory=dict)  # code -> `state market`
    announced_on: dict[str, str] = field(default_factory=dict)  # id -> announced_on


# -- the names and markets of the rows compared ------------------------------------------------


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
        named = KINDS[content["kind"]].market_field
        if named == "market" and content.get("market"):
            markets.add(content["market"])
        elif named == "markets":
            markets.update(content["markets"])
            markets.update(content.get("except", ()))
    markets.discard("*")
    return markets


# -- comparing -------------------------------------------------------------------------------


def compare(before: Snapshot, after: Snapshot, market: str | None = None) -> list[Change]:
    """The changes from `before` to `after`, sorted by the `announced_on` of the announcement
    behind each, then area, company, model, market (and the rest of the subject).

    With `market`, only what concerns it: launches and expected entries in markets covering
    it, showcases there, policies covering it (already cut so by `snapshot`) and statuses in
    it.
    """
    changes: list[Change] = []
    for company_key in sorted(set(before.companies) | set(after.companies)):
        old = before.companies.get(company_key)
        new = after.companies.get(company_key)
        name = (new or old).name  # type: ignore[union-attr]
        changes += slot_changes(name, old.held() if old else {}, new.held() if new else {}, market)
        changes += _showcase_changes(name, old, new, market)
        changes += _policy_changes(name, old, new, after.as_of)
    changes += _status_changes(before, after)
    dated = [
        change._replace(
            announced_on=after.announced_on.get(change.id or "")
            or before.announced_on.get(change.id or "")
        )
        for change in changes
    ]
    dated.sort(key=Change.sort_key)
    return dated


def holding(value: Any) -> Iterator[Held]:
    """Every slot's value held in an answer (records with a `held()`, and those inside
    them: a factory's plan), in its order."""
    if is_record(value):
        held = getattr(value, "held", None)
        if held is not None:
            yield held()
        for _, item in items(value):
            yield from holding(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from holding(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from holding(item)


def slot_changes(
    company: str, before: dict[SlotKey, Held], after: dict[SlotKey, Held], market: str | None
) -> list[Change]:
    """The slots whose values differ between two states: value, bound or top, status (a
    plan fallen overdue, a market paused), or one side holding none. With `market`, only
    those whose subject names a market covering it."""
    changes = []
    for slot in [*after, *(slot for slot in before if slot not in after)]:
        old, new = before.get(slot), after.get(slot)
        if _shown(old) == _shown(new):
            continue
        source = new if new is not None and new.id else (old or new)
        assert source is not None
        subject = dict(source.subject)
        if market is not None and not _concerns(slot[1], subject, market):
            continue
        kind = KINDS[slot[1]]
        bounds = highs = statuses = None
        if slot[1] in COUNT_KINDS:
            bounds = (old.bound if old else None, new.bound if new else None)
            highs = (old.high if old else None, new.high if new else None)
        if source.status is not None:
            statuses = (old.status if old else None, new.status if new else None)
        changes.append(
            Change(
                slot[1],
                company,
                source.subject,
                old.value if old else None,
                new.value if new else None,
                source.id,
                bounds,
                about=kind.about(subject) if kind.about else "",
                highs=highs,
                statuses=statuses,
            )  # fmt: skip
        )
    return changes


def _concerns(kind: str, subject: dict[str, Any], market: str) -> bool:
    """Whether a change of a slot of `kind` concerns `market`: its subject names a market
    covering it (a launch's, an entry's), or, for a kind listing markets (an exit), lists one
    without excepting it."""
    if KINDS[kind].market_field != "markets":
        return bool(subject.get("market")) and market_covers(subject["market"], market, EVER)
    listed = subject.get("markets") or ()
    if not any(code == "*" or market_covers(code, market, EVER) for code in listed):
        return False
    return not any(market_covers(code, market, EVER) for code in subject.get("except") or ())


def _shown(value: Held | None) -> tuple[Any, ...]:
    return (value.value, value.bound, value.high, value.status) if value else (None,) * 4


def _showcase_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None, market: str | None
) -> list[Change]:
    """Showcases that appeared (they never stop)."""
    seen = {row.ann_id for row in old.facts.showcases} if old else set()
    changes = []
    for row in new.facts.showcases if new else []:
        where = row.content.get("market")
        if row.ann_id in seen or (
            market is not None
            and not (where and market_covers(where, market, row.content["announced_on"]))
        ):
            continue
        subject = (("model", row.content["model"]), ("market", where))
        kind = row.content["kind"]
        changes.append(Change(kind, name, subject, None, row.content["venue"], row.ann_id,
                              about=_about(kind, subject)))  # fmt: skip
    return changes


def _about(kind: str, subject: tuple[tuple[str, Any], ...]) -> str:
    """A change's subject in a few words, as its kind spells it."""
    spell = KINDS[kind].about
    return spell(dict(subject)) if spell else ""


def _policy_changes(
    name: str, old: CompanySnapshot | None, new: CompanySnapshot | None, as_of: str
) -> list[Change]:
    changes = []
    before_by = {policy.id: policy for policy in (old.policies if old else [])}
    after_by = {policy.id: policy for policy in (new.policies if new else [])}
    for policy_id in [*after_by, *(k for k in before_by if k not in after_by)]:
        before, after = before_by.get(policy_id), after_by.get(policy_id)
        if before and after:
            continue
        policy = after or before
        assert policy is not None
        lapsed = policy.not_before <= as_of
        subject = (("markets", policy.markets), ("except", policy.except_),
                   ("not_before", policy.not_before))  # fmt: skip
        changes.append(
            Change(
                policy.kind,
                name,
                subject,
                None if after else IN_FORCE,
                IN_FORCE if after else (LAPSED if lapsed else SUPERSEDED),
                policy.id,
                about=_about(policy.kind, subject),
            )  # fmt: skip
        )
    return changes


def _status_changes(before: Snapshot, after: Snapshot) -> list[Change]:
    """Market statuses that changed (a model, or a company as a whole, `model` null); a
    status that fell back to unknown names the announcement of the status it had."""
    changes = []
    for code, state in after.markets.items():
        earlier = before.markets.get(code)
        was = {(key(m.company), key(m.model)): m for m in (earlier.models if earlier else [])}
        now = {(key(m.company), key(m.model)): m for m in state.models}
        for subject in list(now) + [s for s in was if s not in now]:
            if subject[0] not in after.companies:
                continue  # a company not selected
            previous, status = was.get(subject), now.get(subject)
            old_status = previous.status if previous else UNKNOWN
            new_status = status.status if status else UNKNOWN
            if old_status == new_status:
                continue
            shown = status or previous
            assert shown is not None
            ann_id = (status.id if status else None) or (previous.id if previous else None)
            changes.append(
                Change(
                    MARKET_STATUS,
                    shown.company,
                    (("model", shown.model), ("market", code)),
                    old_status,
                    new_status,
                    ann_id,
                    about=f"{shown.model or '(all models)'} in {code}",
                )  # fmt: skip
            )
    return changes
