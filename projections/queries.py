"""The questions mxt answers, as plain functions of (store, key, as_of, known_at)."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Generator, Iterator, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, get_args

from mxt.domain.store import Store, format_timestamp
from mxt.events.codes import REGIONS
from mxt.events.content import Content
from mxt.events.errors import InputError
from mxt.events.kinds import KIND_NAMES, KINDS, kinds_where

from . import tables
from .answers import Answer, answering
from .evidence import by_slot
from .plans import exit_covers
from .projector import Projector, refusing
from .records import Support, located
from .state import CompanyFacts, ModelState, Names, Query, model_state, policy_covers
from .tables import key
from .view import LogSpan, Row, View

if TYPE_CHECKING:
    from mxt.domain.integrity import VerifyReport

    from .audit import PlanRow, TargetRevision
    from .company import CompanyState
    from .market import MarketState
    from .shown import Shown

# The default `--known-at`: everything recorded, whatever the clocks that stamped it said (a
# record stamped by a machine whose clock was ahead never hides later records). It sorts
# after every timestamp; the read side answers it at the moment it stands for.
EVERYTHING = "9999-12-31T23:59:59.999999Z"


class EverythingRecorded(Query):
    """A question asked with the default `--known-at`: everything recorded. The read_side
    answers it at the moment that stands for (now, or the log's last `recorded_at` if a clock
    stamped that later), and says so in the answer, so that the answer can be asked again."""


class Streamed:
    """An answer produced one row at a time (`data` is itself, an iterator of dicts), with
    the `columns` every row may have, so that a CSV header can be written first. `known`:
    whether any row has been produced (ask once the rows are consumed)."""

    def __init__(self, rows: Iterator[Content], columns: Callable[[], list[str]]) -> None:
        self._rows = rows
        self._columns = columns
        self.count = 0
        self.began: str | None = None  # as `Answer.began`

    @property
    def data(self) -> Streamed:
        return self

    @property
    def columns(self) -> list[str]:
        """Worked out when asked for (a CSV header): they come from the kind schemas."""
        return self._columns()

    @property
    def known(self) -> bool:
        return self.count > 0

    def __iter__(self) -> Streamed:
        return self

    def __next__(self) -> Content:
        row = next(self._rows)
        self.count += 1
        return row


# What each state reads (the registry says which answers show a kind's values, and which
# kinds decide a market status): the kinds whose slots a rule settles by their latest row of
# each rank (`View.latest`) and those it settles from every row (`View.in_groups`: a launch,
# a factory); the kinds whose announcements naming no model concern every model.
_MODEL = kinds_where(lambda kind: "model" in kind.shown_in or kind.decides is not None)
MODEL_LATEST = tuple(name for name in _MODEL if KINDS[name].settled == "latest")
MODEL_EVERY = tuple(name for name in _MODEL if KINDS[name].settled != "latest")
_COMPANY = kinds_where(lambda kind: "company" in kind.shown_in)
_LATEST = tuple(name for name in _COMPANY if KINDS[name].settled == "latest")
# Of a kind both answers show (deliveries), `state company` shows the company's own values
# (its totals), `state model` a model's; of one only `state company` shows, every value.
COMPANY_OWN = tuple(name for name in _LATEST if "model" in KINDS[name].shown_in)
COMPANY_ALL = tuple(name for name in _LATEST if name not in COMPANY_OWN)
COMPANY_EVERY = tuple(name for name in _COMPANY if KINDS[name].settled != "latest")
COVERING = kinds_where(lambda kind: kind.covers_models)
COVERING_EVERY = tuple(name for name in COVERING if name in MODEL_EVERY)  # entries, exits
_MARKET = kinds_where(lambda kind: kind.decides is not None)
# read by the markets they list: each group's latest (policies), or every row (exits)
_LISTED = tuple(name for name in _MARKET if KINDS[name].market_field == "markets")
MARKET_LISTED = tuple(name for name in _LISTED if KINDS[name].settled == "latest")
MARKET_LISTED_EVERY = tuple(name for name in _LISTED if name not in MARKET_LISTED)
MARKET_EVERY = tuple(  # read by the market they name, every row (launches, entries)
    name for name in _MARKET if KINDS[name].settled != "latest" and name not in _LISTED
)
MARKET_NAMED = tuple(  # read by the market they name
    name
    for name in _MARKET
    if KINDS[name].settled == "latest" and KINDS[name].market_field == "market"
)
# the kinds whose announcements fulfil an expected entry (launches), and those expecting one
LAUNCHING = kinds_where(lambda kind: kind.decides == "available")
EXPECTING = kinds_where(lambda kind: kind.decides == "expected")
PLAN_KINDS = kinds_where(lambda kind: kind.plans)  # `mxt audit plans`
STOPPING = kinds_where(lambda kind: kind.decides == "withdrawn")  # exits


def _check_span(span: LogSpan) -> None:
    """Cheap signs of a damaged log, checked before any answer: its last stored event is not
    the hash chain's last, or the chain's first or last `recorded_at` is no timestamp (the
    moments every `--known-at` answer is measured against)."""
    from mxt.domain.errors import DamagedLog
    from mxt.domain.integrity import stamp_problem

    if span.last != span.chained:
        raise DamagedLog(
            f"log: its last stored event (#{span.last}) is not the hash chain's last "
            f"(#{span.chained}): damaged (mxt verify names the events)"
        )
    for stamp in (span.first_recorded, span.last_recorded):
        problem = stamp is not None and stamp_problem(stamp, None)
        if problem:
            raise DamagedLog(f"log: the hash chain's {problem} (damaged; mxt verify names it)")


class ReadSide:
    """The questions one store answers. Opening it reads the chain's span and checks the
    read model against the log; nothing is written (see `tables`: a read model missing, of
    another version or behind the log is replayed into temporary tables, held for the
    ReadSide's life, and `replayed` says why)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.view = View(store)
        # answers streamed while they are printed, still open (closed before the store)
        self._streams: weakref.WeakSet[Generator[Any, None, None]] = weakref.WeakSet()
        found = tables.stored_version(store)
        with store.read() as cursor:
            span = self.view.log_span(cursor)
            self.first_recorded, self.last_recorded = span.first_recorded, span.last_recorded
            last = span.last
            _check_span(span)
            self.replayed = self._stale(cursor, found, last)
        if self.replayed is not None:
            self._replay()

    def _stale(self, cursor: Any, found: str | None, last: int) -> str | None:
        """Why the stored read model (of version `found`) cannot answer (None: it can)."""
        if found != tables.READ_MODEL_VERSION:
            return "its read model is of another mxt version" if found else "it has no read model"
        if Projector(self.store).in_step(cursor) < last:
            return "its read model is behind its log"
        return None

    def _replay(self) -> None:
        """Replays the log into temporary read-model tables, on one read transaction that every
        later question shares (`Store.hold`) until the store is closed."""
        cursor = self.store.hold()
        try:
            tables.shadow(cursor)
            Projector(self.store).replay(cursor, check=refusing("a read from a replay of the log"))
        except BaseException:
            self.store.release()  # a replay that fails ends its transaction at once
            raise

    def close(self) -> None:
        """Closes the store, first ending the read transactions of answers streamed and not
        read to their end (a closed pipe) and the held one of a replay, if any."""
        for stream in list(self._streams):
            stream.close()
        self.store.close()

    def visible(
        self, query: Query, company: str | None = None, kinds: Sequence[str] = ()
    ) -> list[Row]:
        """Every announcement (of `kinds`, when given) visible at (`as_of`, `known_at`), of
        one company or of all, in time order."""
        with self.store.read() as cursor:
            return self.view.rows(
                cursor, query.known_at, as_of=query.as_of, company=company, kinds=kinds
            )

    def history(self, announcement_id: str, query: Query) -> list[Row]:
        """Every version of one announcement known at `query.known_at`, oldest first."""
        with self.store.read() as cursor:
            return self.view.history(cursor, announcement_id, query.known_at)

    def resolve(self, query: Query) -> Query:
        """A question with the default `--known-at` (everything recorded) asked at the moment
        that stands for: now, or the log's last `recorded_at` if a clock stamped that later."""
        if not isinstance(query, EverythingRecorded):
            return query
        now = format_timestamp(datetime.now(UTC))
        return Query(query.as_of, max(now, self.last_recorded or now))

    # -- names ---------------------------------------------------------------------------

    def names(self, query: Query, company: str | None = None) -> dict[str, Names]:
        """Companies (or one), by key, and their models known by `as_of`, as first spelled."""
        with self.store.read() as cursor:
            return self._names(cursor, query, company)

    def _names(self, cursor: Any, query: Query, company: str | None = None) -> dict[str, Names]:
        found = self.view.names(cursor, query.as_of, query.known_at, company)
        return {key: Names(name, models) for key, (name, models) in found.items()}

    def verified(self) -> VerifyReport:
        """The log's verify report: its size, head hash, and any damage."""
        from mxt.domain.integrity import verify_store

        return verify_store(self.store)

    # -- state ---------------------------------------------------------------------------

    def _model_rows(self, cursor: Any, query: Query, company: str, model: str) -> list[Row]:
        """The rows `state model` reads: every row of the model's slots settled from every
        row (launches, entries, exits), the latest of each rank of its other slots, and of the
        company's own groups of the kinds concerning every model (policies; entries and exits,
        every row); and the company's launches that may fulfil an entry of the company as a
        whole (SPEC §5.2). In time order."""
        ask = (query.as_of, query.known_at)
        rows = self.view.in_groups(cursor, *ask, MODEL_EVERY, company=company, model=model)
        rows += self.view.in_groups(cursor, *ask, COVERING_EVERY, company=company, model="")
        rows += self.view.latest(
            cursor, *ask, MODEL_LATEST, company=company, model=model, beside=COVERING
        )
        wholes = [
            row["market"] for row in (r.content for r in rows)
            if row["kind"] in EXPECTING and not row.get("model")
        ]  # fmt: skip
        if wholes:
            seen = {row.ann_id for row in rows}
            rows += [
                row
                for row in self.view.in_groups(
                    cursor, *ask, LAUNCHING, company=company, subjects=sorted(_near(wholes))
                )
                if row.ann_id not in seen
            ]
        rows.sort(key=lambda row: row.order)
        return rows

    @answering
    def model(self, company: str, model: str, query: Query) -> Answer[ModelState]:
        """The state of one model as of `query.as_of`, known at `query.known_at`."""
        model_key = key(model)
        with self.store.read() as cursor:
            rows = self._model_rows(cursor, query, company, model)
            names = self._names(cursor, query, company).get(key(company), Names(company))
        display = names.models.get(model_key, model)
        facts = CompanyFacts.of(rows, names)  # launches, policies, entries, showcases
        state = model_state(rows, query, names.company, display, facts)
        return Answer(state, model_key in names.models)

    @answering
    def company(self, company: str, query: Query) -> Answer[CompanyState]:
        """The state of one company: targets, deliveries, factories, models, policies,
        expected entries."""
        from .company import company_state

        ask = (query.as_of, query.known_at)
        with self.store.read() as cursor:
            # the company's own delivered totals, the values of its targets, policies and
            # entries, every row of launches and factories
            rows = self.view.latest(cursor, *ask, COMPANY_OWN, company=company, model="")
            rows += self.view.latest(cursor, *ask, COMPANY_ALL, company=company)
            rows += self.view.in_groups(cursor, *ask, COMPANY_EVERY, company=company)
            found = self._names(cursor, query, company)
        rows.sort(key=lambda row: row.order)
        names = found.get(key(company), Names(company))
        return Answer(company_state(rows, names, query), key(company) in found)

    @answering
    def market(self, market: str, query: Query, every: bool = False) -> Answer[MarketState]:
        """Every model's status in one market (unknown ones only with `every`), and the
        policies in force there."""
        from .market import market_state

        code = _market_code(market)
        # Launches, expected entries and showcases for this market or a region containing
        # it; policies whose markets list it, a region containing it or "*".
        covering = [code, *(region for region, members in REGIONS.items() if code in members)]
        ask = (query.as_of, query.known_at)
        with self.store.read() as cursor:
            rows = self.view.in_groups(cursor, *ask, MARKET_EVERY, subjects=covering)
            rows += self.view.latest(cursor, *ask, MARKET_NAMED, subjects=covering)
            rows += self.view.listing(cursor, *ask, MARKET_LISTED, covering)
            rows += self.view.listing(cursor, *ask, MARKET_LISTED_EVERY, covering, every=True)
            entries = [r.content for r in rows if r.content["kind"] in EXPECTING]
            regional = [entry for entry in entries if entry["market"] in REGIONS]
            if regional:  # launches elsewhere in a region an entry expects may fulfil it
                wider = sorted(_near([entry["market"] for entry in regional]) - set(covering))
                whose = sorted({entry["company"] for entry in regional})
                seen = {row.ann_id for row in rows}
                found = self.view.in_groups(cursor, *ask, LAUNCHING, subjects=wider,
                                            companies=whose)  # fmt: skip
                rows += [row for row in found if row.ann_id not in seen]
            names = self._names(cursor, query)
        rows.sort(key=lambda row: row.order)
        state = market_state(rows, names, query, code, every)
        known = (
            any(m.status != "unknown" for m in state.models)
            or bool(state.policies)
            or any(_mentions_market(r.content, code, exactly=True) for r in rows)
        )
        return Answer(state, known)

    # -- audit ---------------------------------------------------------------------------

    @answering
    def audit_targets(
        self,
        query: Query,
        company: str | None = None,
        metric: str | None = None,
        period: str | None = None,
    ) -> Answer[list[TargetRevision]]:
        """Every target revision in order, with what was in force before it."""
        from .audit import AUDITED, target_audit

        with self.store.read() as cursor:
            if company is not None:
                rows = self.view.every(
                    cursor, query.as_of, query.known_at, (AUDITED,), company=company,
                    include_retracted=True,
                )  # fmt: skip
            else:
                rows = self.view.rows(
                    cursor, query.known_at, as_of=query.as_of, kinds=(AUDITED,),
                    include_retracted=True,
                )  # fmt: skip
            rows = [
                row
                for row in rows
                if (metric is None or row.content["metric"] == metric)
                and (period is None or row.content["period"] == period)
            ]
            corrected = {row.recorded_id: row.ann_id for row in rows if row.event != "recorded"}
            found = self.view.histories(cursor, list(corrected), query.known_at)
        histories = {ann_id: found.get(position, []) for position, ann_id in corrected.items()}
        return Answer(target_audit(rows, histories), bool(rows))

    @answering
    def audit_plans(
        self,
        query: Query,
        company: str | None = None,
        model: str | None = None,
        market: str | None = None,
        kind: str | None = None,
    ) -> Answer[list[PlanRow]]:
        """Every plan of each plan slot (a launch's, a factory's, an expected entry's) in
        order, with its slips and the slot's outcome as of `as_of` (SPEC §5.2); `model`,
        `market` (a slot's market covering it, a factory's country) and `kind` narrow the
        slots."""
        from .audit import plan_rows
        from .plans import launch_lifecycle, plan_audit
        from .state import display_name, said

        code = _market_code(market) if market else None
        if kind is not None and kind not in PLAN_KINDS:
            raise InputError("kind", f"{kind!r} has no plans (one of: {', '.join(PLAN_KINDS)})")
        kinds = (*PLAN_KINDS, *STOPPING)
        with self.store.read() as cursor:
            if company is not None:
                rows = self.view.every(cursor, query.as_of, query.known_at, kinds,
                                       company=company, include_retracted=True)  # fmt: skip
            else:
                rows = self.view.rows(cursor, query.known_at, as_of=query.as_of, kinds=kinds,
                                      include_retracted=True)  # fmt: skip
        day = date.fromisoformat(query.as_of)
        found: list[PlanRow] = []
        for company_rows in _by_company(rows).values():
            spelled = display_name(company_rows, "company", "")
            exits = [said(row) for row in company_rows
                     if row.content["kind"] in STOPPING and not row.retracted]  # fmt: skip
            groups = by_slot(row for row in company_rows if row.content["kind"] in PLAN_KINDS)
            arrivals = [
                life.arrival for group in groups.values() if group[0].content["kind"] in LAUNCHING
                if (life := launch_lifecycle([said(r) for r in group if not r.retracted], day))
                and life.arrival is not None
            ]  # fmt: skip
            for group in groups.values():
                content = group[0].content
                if not _plan_slot_asked(content, group, model, code, kind):
                    continue
                slot_model = content.get("model")
                covering = [
                    e for e in exits if slot_model and exit_covers(e, slot_model, content["market"])
                ]
                audit = plan_audit([said(row) for row in group], day, covering, arrivals)
                if audit is not None:
                    named = display_name(group, "model", slot_model) if slot_model else None
                    found += plan_rows(audit, spelled, named, _market_of(group))
        return Answer(found, bool(rows))

    # -- the log -------------------------------------------------------------------------

    @answering
    def log(
        self,
        query: Query,
        *,
        company: str | None = None,
        model: str | None = None,
        market: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Streamed:
        """Announcements in `announced_on` order, as known at `known_at`, retracted ones
        marked: streamed from the read model, never held whole."""
        code = _market_code(market) if market else None
        if kind is not None:
            _check_kind(kind)

        def entries() -> Generator[Content, None, None]:
            with self.store.read() as cursor:
                for row in self.view.stream_rows(
                    cursor,
                    query.known_at,
                    as_of=query.as_of,
                    company=company,
                    model=model,
                    kinds=(kind,) if kind else (),
                    include_retracted=True,
                ):
                    if (
                        (since is None or row.announced_on >= since)
                        and (until is None or row.announced_on <= until)
                        and (code is None or _mentions_market(row.content, code))
                    ):
                        yield log_entry(row)

        streamed = entries()
        self._streams.add(streamed)
        return Streamed(streamed, lambda: list(log_columns()))

    @answering
    def show(self, announcement_id: str, query: Query) -> Answer[Shown | None]:
        """One announcement: its content, source, corrections, retraction and what it supports."""
        with self.store.read() as cursor:
            history = self.view.history(cursor, announcement_id, query.known_at)
        if not history:
            return Answer(None, False)
        from .audit import corrections_of
        from .shown import Retracted, Shown

        current = history[-1]
        retraction = next((row for row in history if row.event == "retracted"), None)
        return Answer(
            Shown(
                log_entry(current),
                corrections_of(history),
                Retracted(retraction.reason, retraction.known_from) if retraction else None,
                [] if current.retracted else self.supports(current, query),
            ),
            True,
        )

    def supports(self, row: Row, query: Query) -> list[Support]:
        """The state values `row` supports as of `query`: `_supported`'s, then the claims'
        verdicts it is evidence for (`checking` is imported here, so that a read command that
        answers no claims never loads their rules)."""
        from .checking import check_supports

        return self._supported(row, query) + check_supports(self, row, query)

    def _supported(self, row: Row, query: Query) -> list[Support]:
        """The state values (as of `query.as_of`) that this announcement is the source of:
        values carrying its id in the company's and its models' states (an `unconfirmed`
        report beside a value included), launch dates, a model's delivered total, and market
        statuses it decides (a launch, a policy, an expected entry, a showcase)."""
        content = row.content
        kind = KINDS[content["kind"]]
        company = content["company"]
        state = self.company(company, query).data
        found = list(located(state, row.ann_id, f"company {state.company}"))
        if content.get("model"):
            models = [content["model"]]
        elif kind.covers_models:
            models = [model.model for model in state.models]
        else:
            models = []
        for name in models:
            model = self.model(company, name, query).data
            where = f"model {model.company}/{model.model}"
            found += located(model, row.ann_id, where)
            found += _traced(row, where, model)
        if kind.covers_models and kind.market_field == "market" and not content.get("model"):
            market = self.market(content["market"], query).data  # the company as a whole
            found += [
                Support(f"market {market.market}.models[{index}]", status)
                for index, status in enumerate(market.models)
                if status.id == row.ann_id and status.model is None
            ]
        return found


def _traced(row: Row, where: str, model: ModelState) -> list[Support]:
    """The delivered total and market statuses of one model that `row` decides (`where`
    names the model's answer; its launch markets carry their deciding ids, `located`)."""
    found = []
    if row.ann_id in model.figures:
        found.append(Support(f"{where}.deliveries_units", row.content["units"]))
    for code, deciding in model.deciding.items():
        if deciding == row.ann_id:
            found.append(Support(f"{where}.market_statuses.{code}", model.market_statuses[code]))
    return found


def log_entry(row: Row) -> Content:
    """An announcement in the export format, with `recorded_at` and `status`.

    `status` is the record's (`active` or `retracted`), so a factory's or a launch's own
    `status` field is shown as `factory_status` or `launch_status` here.
    """
    entry = dict(row.content)
    if "status" in entry:
        entry[f"{entry['kind']}_status"] = entry.pop("status")
    entry["recorded_at"] = row.recorded_at
    entry["status"] = "retracted" if row.retracted else "active"
    return entry


def _check_kind(kind: str) -> None:
    if kind not in KIND_NAMES:
        raise InputError("kind", f"unknown kind {kind!r} (one of: {', '.join(KIND_NAMES)})")


@lru_cache(maxsize=1)
def log_columns() -> list[str]:
    """Every column a flattened log entry may have (`source.title`...), in a reading order:
    the common fields, each kind's own fields, provenance, then `recorded_at` and `status`,
    all read from the kind schemas."""
    from pydantic import BaseModel

    from mxt.events.announcements import SCHEMAS, Announcement

    def names(model: type[BaseModel], prefix: str = "") -> list[str]:
        found = []
        for name, info in model.model_fields.items():
            shown = info.alias or name
            if prefix == "" and shown == "status":  # as `log_entry` renames it
                shown = f"{model.model_fields['kind'].default}_status"
            nested = [
                option
                for option in (get_args(info.annotation) or (info.annotation,))
                if isinstance(option, type) and issubclass(option, BaseModel)
            ]
            if nested:  # a source, or a union of objects (a claim): their dotted fields
                found += [inner for model in nested for inner in names(model, f"{prefix}{shown}.")]
            else:
                found.append(prefix + shown)
        return found

    common = names(Announcement)
    head = ["id", "kind", "company", "announced_on", "certainty"]
    own = [name for kind in SCHEMAS.values() for name in names(kind) if name not in common]
    tail = [name for name in common if name not in head]
    return list(dict.fromkeys([*head, *own, *tail, "recorded_at", "status"]))


def _by_company(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """Rows by company key, each company's in the order given, companies sorted."""
    found: dict[str, list[Row]] = {}
    for row in rows:
        found.setdefault(key(row.content["company"]), []).append(row)
    return dict(sorted(found.items()))


def _plan_slot_asked(
    content: Content,
    group: Sequence[Row],
    model: str | None,
    market: str | None,
    kind: str | None,
) -> bool:
    """Whether `audit plans` lists a plan slot (its first row's `content`): of `kind`, of
    `model`, in a market covering `market` (a factory: in that country, as last said)."""
    from mxt.events.codes import market_covers

    if kind is not None and content["kind"] != kind:
        return False
    if model is not None and key(content.get("model")) != key(model):
        return False
    if market is None:
        return True
    where = _market_of(group)
    return where is not None and market_covers(where, market)


def _market_of(group: Sequence[Row]) -> str | None:
    """A slot's market: its announcements' (a factory's country, as last said)."""
    return next((row.content["market"] for row in reversed(group)
                 if row.content.get("market")), None)  # fmt: skip


def _near(markets: Sequence[str]) -> set[str]:
    """The markets where a launch may fulfil an expected entry of `markets`
    (`plans.entry_covers`): each market, the members of a region, the regions holding a
    country."""
    near: set[str] = set()
    for code in markets:
        near |= {code, *REGIONS.get(code, ())}
        near |= {region for region, members in REGIONS.items() if code in members}
    return near


def _market_code(text: str) -> str:
    from mxt.events.codes import check_market

    try:
        return check_market(text)
    except ValueError as error:
        raise InputError("market", str(error)) from None


def _mentions_market(content: Content, market: str, exactly: bool = False) -> bool:
    """Whether an announcement names `market` (or, unless `exactly`, a region containing
    it), or lists markets covering it (a policy)."""
    from mxt.events.codes import market_covers

    if KINDS[content["kind"]].market_field == "markets":
        return policy_covers(content, market)
    announced = content.get("market")
    if exactly:
        return announced == market
    return isinstance(announced, str) and market_covers(announced, market)


__all__: Sequence[str] = [
    "EVERYTHING",
    "Answer",
    "Streamed",
    "ReadSide",
    "EverythingRecorded",
]
