"""The questions one store answers (`ReadSide`): each asks the read model's view for the
rows it needs, as of a date and known at a moment, and hands them to the rules, which answer
with typed records. The questions made of these (progress and checks, conflicts, diff, show,
the report) ask a ReadSide in their turn (`checking`, `comparing`, `showing`, `report`)."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from mxt.events.content import Content
from mxt.events.errors import InputError
from mxt.events.kinds import KIND_NAMES, rank
from mxt.storage.clock import format_timestamp
from mxt.storage.store import Store

from ..readmodel.reading import open_reading
from ..readmodel.tables import key
from ..readmodel.view import Row
from ..rules.log import log_columns, log_entry
from ..rules.state import (
    COVERING_DECIDING,
    COVERING_LATEST,
    COVERING_WHOLE,
    MODEL_LATEST,
    MODEL_WHOLE,
    CompanyFacts,
    ModelState,
    Names,
    Query,
    dated_regions,
    deciding_anywhere,
    deciding_policies,
    latest_each_stretch,
    mentions_market,
    model_state,
    region_eras,
)
from .answers import Answer, answering

if TYPE_CHECKING:
    from mxt.domain.integrity import VerifyReport
    from mxt.events.regions import UserRegions

    from ..rules.audit import PlanRow, TargetRevision
    from ..rules.company import CompanyState
    from ..rules.market import MarketState, RegionMarketState

# The default `--known-at`: everything recorded, whatever the clocks that stamped it said (a
# record stamped by a machine whose clock was ahead never hides later records). It sorts
# after every timestamp; the read side answers it at the moment it stands for.
EVERYTHING = "9999-12-31T23:59:59.999999Z"
CLAIM_KIND = "claim"  # the kind of a claim (`events/kinds.py`; `rules/claims.py` CLAIM)
# The most companies a statement leaves out by name (more: some of them are read, then ignored)
_MANY = 5_000


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


class ReadSide:
    """The questions one store answers. Opening it checks the log's span and the read model
    against the log (`readmodel.reading`); nothing is written: a read model missing, of
    another version or behind the log is replayed into temporary tables, held for the
    ReadSide's life, and `replayed` says why."""

    def __init__(self, store: Store) -> None:
        self.store = store
        reading = open_reading(store)
        self.view = reading.view
        self.replayed = reading.replayed
        self.first_recorded = reading.span.first_recorded
        self.last_recorded = reading.span.last_recorded
        # answers streamed while they are printed, still open (closed before the store)
        self._streams: weakref.WeakSet[Generator[Any, None, None]] = weakref.WeakSet()
        # regions of one's own by known-at; whether the log defines any (None: not asked)
        self._user_regions: dict[str, UserRegions] = {}
        self._any_region: bool | None = None
        # (company key, query, every row of it, its names) while `reading_company` holds one
        self._company: tuple[str, Query, list[Row], dict[str, Names]] | None = None

    def close(self) -> None:
        """Closes the store, first ending the read transactions of answers streamed and not
        read to their end (a closed pipe) and the held one of a replay, if any."""
        for stream in list(self._streams):
            stream.close()
        self.store.close()

    def resolve(self, query: Query) -> Query:
        """A question with the default `--known-at` (everything recorded) asked at the moment
        that stands for: now, or the log's last `recorded_at` if a clock stamped that later."""
        if not isinstance(query, EverythingRecorded):
            return query
        now = format_timestamp(datetime.now(UTC))
        return Query(query.as_of, max(now, self.last_recorded or now))

    def user_regions(self, known_at: str) -> UserRegions:
        """The regions of one's own in force at `known_at` (read once per moment; a log that
        defines none is asked once), which the rules of every question read by."""
        found = self._user_regions.get(known_at)
        if found is None:
            if self._any_region is None:
                with self.store.read() as cursor:
                    self._any_region = self.view.any_region(cursor)
            found = {}
            if self._any_region:  # (none: no read at all, not an empty one per moment)
                with self.store.read() as cursor:
                    found = self.view.regions(cursor, known_at)
            self._user_regions[known_at] = found
        return found

    @contextmanager
    def reading_company(self, company: str, query: Query) -> Iterator[None]:
        """Inside, the questions about `company` alone, asked as `query` asks, read its rows
        from one reading of every row of the company visible then (retracted ones too), each
        checked as it was read, rather than each reading its own from the store: for the
        report, which asks a dozen questions of every company. Narrowed by kind, retraction
        and order exactly as the view's own questions narrow them (`View.every`, `rows`)."""
        query = self.resolve(query)
        with self.store.read() as cursor:
            rows = self.view.rows(cursor, query.known_at, as_of=query.as_of,
                                  companies=(company,), include_retracted=True)  # fmt: skip
            names = self._names(cursor, query, company)
        self._company = (key(company), query, rows, names)
        try:
            yield
        finally:
            self._company = None

    def _read(self, query: Query, companies: Sequence[str]) -> list[Row] | None:
        """Every row of the one company `companies` names, as `reading_company` read it for
        `query` (None: not read, or another question)."""
        held = self._company
        if held is None or len(companies) != 1 or key(companies[0]) != held[0]:
            return None
        return held[2] if tuple(query) == tuple(held[1]) else None

    def visible(
        self, query: Query, companies: Sequence[str] = (), kinds: Sequence[str] = ()
    ) -> list[Row]:
        """Every announcement (of `kinds`, when given) visible at (`as_of`, `known_at`), of
        `companies` (none: of every company), in time order."""
        read = self._read(query, companies)
        if read is not None:
            wanted = set(kinds)
            return [r for r in read if not r.retracted and (not kinds or _kind(r) in wanted)]
        with self.store.read() as cursor:
            return self.view.rows(
                cursor, query.known_at, as_of=query.as_of, companies=companies, kinds=kinds
            )

    def claimed(self, company: str, query: Query) -> bool:
        """Whether any claim about `company` is visible at (`as_of`, `known_at`): `state
        company` checks claims only then (loading the rules that check them costs a one-off
        question more than answering it)."""
        with self.store.read() as cursor:
            rows = self.view.rows(cursor, query.known_at, as_of=query.as_of,
                                  companies=(company,), kinds=(CLAIM_KIND,))  # fmt: skip
            return bool(rows)

    def history(self, announcement_id: str, query: Query) -> list[Row]:
        """Every version of one announcement known at `query.known_at`, oldest first."""
        with self.store.read() as cursor:
            return self.view.history(cursor, announcement_id, query.known_at)

    def names(self, query: Query, companies: Sequence[str] = ()) -> dict[str, Names]:
        """Companies (every one, or `companies`), by key, and their models known by `as_of`,
        as first spelled."""
        held = self._company
        if held is not None and self._read(query, companies) is not None:
            return held[3]
        with self.store.read() as cursor:
            if not companies:
                return self._names(cursor, query)
            return {k: v for c in companies for k, v in self._names(cursor, query, c).items()}

    def _names(
        self,
        cursor: Any,
        query: Query,
        company: str | None = None,
        among: Sequence[str] | None = None,
    ) -> dict[str, Names]:
        """Companies (every one, `company`, or those of `among`: names or keys), by key, and
        their models known by `as_of`, as first spelled."""
        companies = (company,) if company is not None else among
        found = self.view.names(cursor, query.as_of, query.known_at, companies)
        return {key: Names(name, models) for key, (name, models) in found.items()}

    def verified(self) -> VerifyReport:
        """The log's verify report: its size, head hash, and any damage."""
        from mxt.domain.integrity import verify_store

        return verify_store(self.store)

    # -- state ---------------------------------------------------------------------------

    @answering
    def model(self, company: str, model: str, query: Query) -> Answer[ModelState]:
        """The state of one model as of `query.as_of`, known at `query.known_at`: from every
        row of its slots settled from every row (launches, entries, exits), the latest of each
        rank of its other slots, and of the company's own groups of the kinds concerning every
        model (entries and exits, every row, read with the model's; of its policies, those
        that can decide a market: `latest_each_stretch`); and the company's launches that may
        fulfil an entry of the company as a whole (SPEC §5.2)."""
        from ..rules.market import EXPECTING, LAUNCHING, near

        model_key = key(model)
        ask = (query.as_of, query.known_at)
        with self.store.read() as cursor:
            rows = self.view.in_groups(cursor, *ask, MODEL_WHOLE, company=company, model=model,
                                       beside=COVERING_WHOLE)  # fmt: skip
            rows += self.view.in_groups(cursor, *ask, COVERING_DECIDING, company=company,
                                        model="", choose=latest_each_stretch)  # fmt: skip
            rows += self.view.latest(
                cursor, *ask, MODEL_LATEST, company=company, model=model, beside=COVERING_LATEST
            )
            wholes = [
                row["market"] for row in (r.content for r in rows)
                if row["kind"] in EXPECTING and not row.get("model")
            ]  # fmt: skip
            if wholes:  # (the model's own launches are read already: every other model's)
                rows += self.view.in_groups(
                    cursor, *ask, LAUNCHING, company=company, subjects=sorted(near(wholes)),
                    other_than=model,
                )  # fmt: skip
            names = self._names(cursor, query, company).get(key(company), Names(company))
        rows.sort(key=lambda row: row.order)
        display = names.models.get(model_key, model)
        facts = CompanyFacts.of(rows, names)  # launches, policies, entries, showcases
        state = model_state(rows, query, names.company, display, facts)
        return Answer(state, model_key in names.models)

    @answering
    def company(self, company: str, query: Query) -> Answer[CompanyState]:
        """The state of one company: targets, deliveries, factories, models, policies,
        expected entries."""
        from ..rules.company import (
            COMPANY_ALL,
            COMPANY_DECIDING,
            COMPANY_EVERY,
            COMPANY_OWN,
            COMPANY_WHOLE,
            company_state,
        )

        ask = (query.as_of, query.known_at)
        read = self._read(query, (company,))
        if read is not None:  # as the view's questions below choose them (every policy:
            # those `deciding_anywhere` picks below and the rest, which decide nothing)
            rows = _latest(read, COMPANY_OWN, model_key="") + _latest(read, COMPANY_ALL)
            rows += [row for row in read if not row.retracted and _kind(row) in COMPANY_EVERY]
            found = self.names(query, (company,))
        else:
            with self.store.read() as cursor:
                rows = self.view.latest(cursor, *ask, COMPANY_OWN, company=company, model="")
                rows += self.view.latest(cursor, *ask, COMPANY_ALL, company=company)
                rows += self.view.in_groups(cursor, *ask, COMPANY_WHOLE, company=company)
                rows += self.view.in_groups(cursor, *ask, COMPANY_DECIDING, company=company,
                                            choose=deciding_anywhere)  # fmt: skip
                found = self._names(cursor, query, company)
        rows.sort(key=lambda row: row.order)
        names = found.get(key(company), Names(company))
        return Answer(company_state(rows, names, query), key(company) in found)

    @answering
    def market(self, market: str, query: Query, every: bool = False) -> Answer[MarketState]:
        """Every model's status in one market (unknown ones only with `every`), and the
        policies in force there: from the announcements naming it or a region that ever
        contained it, and the policies listing it, such a region or "*"."""
        from ..rules.market import is_known, market_state

        code = _market_code(market)
        rows, names, made = self._market_rows(query, [code], every)
        state = market_state(rows, names, query, code, every, made)
        return Answer(state, is_known(state, rows, code))

    @answering
    def market_statuses(
        self, query: Query, asked: Mapping[str, Sequence[str]]
    ) -> Answer[dict[tuple[str, str, str], str]]:
        """Each model's status in the markets asked of its company (`asked`: company key ->
        market codes), as `market` answers each: (company key, model key, market) -> status,
        unknown ones left out; from one reading of the rows of every market asked (a
        company's facts answer every market, as `state model`'s do)."""
        codes = sorted({code for markets in asked.values() for code in markets})
        if not codes:
            return Answer({}, False)
        rows, names, made = self._market_rows(query, codes)
        by_company: dict[str, list[Row]] = {}
        for row in rows:
            by_company.setdefault(key(row.content["company"]), []).append(row)
        found: dict[tuple[str, str, str], str] = {}
        for company_key, markets in asked.items():
            company = names.get(company_key) or Names(company_key)
            facts = made.get(company_key) or CompanyFacts.of(
                by_company.get(company_key, ()), company
            )
            for model_key, model in facts.models.items():
                for market in markets:
                    status = facts.status_of(model_key, market, query.as_of).status
                    if status != "unknown":
                        found[key(facts.name), key(model), market] = status
        return Answer(found, bool(found))

    @answering
    def region_market(
        self, region: str, query: Query, every: bool = False
    ) -> Answer[RegionMarketState]:
        """A region's members as of `query.as_of` (SPEC 5.3) and each model's status in the
        region and in every member, with a summary: the answer for the region as a market
        (every model's with `every`) and for each member, put together."""
        from mxt.events.regions import members

        from ..rules.market import is_known, market_state, region_state

        user = self.user_regions(query.known_at)
        codes = sorted(members(region, query.as_of, user))
        # (a region without members is known by its own rows alone: every one is read)
        rows, names, made = self._market_rows(query, [region, *codes], every, bool(codes))
        own = market_state(rows, names, query, region, every, made)
        by_member = {code: market_state(rows, names, query, code, made=made) for code in codes}
        state = region_state(own, by_member, query)
        known = any(is_known(answer, rows, code) for code, answer in by_member.items())
        return Answer(state, known or any(r.content.get("market") == region for r in rows))

    def is_region(self, market: str, query: Query) -> bool:
        """Whether `market` names a region (built in, or of one's own at `known_at`)."""
        from mxt.events.regions import is_region, regions_in_force

        known = self.user_regions(self.resolve(query).known_at)
        with regions_in_force(known):
            return is_region(_market_code(market), known)

    def _market_rows(
        self, query: Query, codes: Sequence[str], every: bool = False, blocking: bool = True
    ) -> tuple[list[Row], dict[str, Names], dict[str, CompanyFacts]]:
        """The rows `state market` reads for the markets `codes` (and the regions that ever
        contained one), in time order, the names of the companies they concern (with
        `every`, of every company: a company none concerns has no status there to show but
        `unknown`), and the facts already made of some of them (`awaited_arrivals`), by
        company key. Showcases only of the companies that no policy blocks in every one of
        `codes` (`blocked_everywhere`; with `blocking` False, of every company); launches
        elsewhere in a region only where an entry expecting it is not yet fulfilled."""
        from ..rules.market import (
            LAUNCHING,
            MARKET_EVERY,
            MARKET_LATEST,
            MARKET_LISTED_EVERY,
            MARKET_LISTED_LATEST,
            awaited_arrivals,
            blocked_everywhere,
            covering,
        )

        markets = sorted({found for code in codes for found in covering(code)})
        ask = (query.as_of, query.known_at)
        eras, naming = region_eras(query.as_of, codes), dated_regions()
        deciding = partial(deciding_policies, markets=codes)  # the policies deciding `codes`
        with self.store.read() as cursor:
            rows = self.view.in_groups(cursor, *ask, MARKET_EVERY, subjects=markets)
            rows += self.view.listing(cursor, *ask, MARKET_LISTED_EVERY, markets, every=True)
            policies = self.view.listing(cursor, *ask, MARKET_LISTED_LATEST, markets,
                                         before=eras, naming=naming, choose=deciding)  # fmt: skip
            rows += policies
            # showcases, but not of the companies a policy blocks in every market asked
            blocked = blocked_everywhere(policies, codes, query.as_of) if blocking else []
            rows += self.view.latest(cursor, *ask, MARKET_LATEST, subjects=markets, before=eras,
                                     naming=naming, excluding=blocked[:_MANY])  # fmt: skip
            among = None if every else sorted({key(row.content["company"]) for row in rows})
            names = self._names(cursor, query, among=among)
            # launches elsewhere in a region an entry expects may fulfil it, if none has yet
            # (the companies with such entries are among those of the rows read so far)
            awaited, made = awaited_arrivals(rows, names, markets, query.as_of)
            if awaited.markets:
                seen = {row.ann_id for row in rows}
                found = []
                companies, models = awaited.companies, awaited.models
                if len(models) > _MANY:  # (too many to name: every model of their companies)
                    companies = sorted({*companies, *(company for company, _ in models)})
                    models = []
                if companies:
                    found += self.view.in_groups(cursor, *ask, LAUNCHING, subjects=awaited.markets,
                                                 companies=companies)  # fmt: skip
                if models:
                    found += self.view.in_groups(cursor, *ask, LAUNCHING, subjects=awaited.markets,
                                                 models=models)  # fmt: skip
                added = [row for row in found if row.ann_id not in seen]
                for row in added:  # their facts are made again, from every row of theirs
                    made.pop(key(row.content["company"]), None)
                rows += added
        rows.sort(key=lambda row: row.order)
        return rows, names, made

    # -- audit ---------------------------------------------------------------------------

    @answering
    def audit_targets(
        self,
        query: Query,
        companies: Sequence[str] = (),
        metric: str | None = None,
        period: str | None = None,
    ) -> Answer[list[TargetRevision]]:
        """Every target revision in order (of `companies`; none: of every company), with what
        was in force before it."""
        from ..rules.audit import AUDITED, of_target, target_audit

        with self.store.read() as cursor:
            rows = of_target(self._audited(cursor, query, (AUDITED,), companies), metric, period)
            corrected = {
                row.recording_notification_id: row.ann_id for row in rows if row.event != "recorded"
            }
            found = self.view.histories(cursor, list(corrected), query.known_at)
        histories = {ann_id: found.get(recording, []) for recording, ann_id in corrected.items()}
        return Answer(target_audit(rows, histories), bool(rows))

    @answering
    def audit_plans(
        self,
        query: Query,
        companies: Sequence[str] = (),
        model: str | None = None,
        market: str | None = None,
        kind: str | None = None,
    ) -> Answer[list[PlanRow]]:
        """Every plan of each plan slot (a launch's, a factory's, an expected entry's) of
        `companies` (none: of every company) in order, with its slips and the slot's outcome
        as of `as_of` (SPEC §5.2, `rules.audit.plans_audit`); `model`, `market` (a market
        code, as `events.codes.check_market` reads it) and `kind` narrow the slots."""
        from ..rules.audit import PLAN_KINDS, STOPPING, plans_audit

        if kind is not None and kind not in PLAN_KINDS:
            raise InputError("kind", f"{kind!r} has no plans (one of: {', '.join(PLAN_KINDS)})")
        kinds = (*PLAN_KINDS, *STOPPING)
        with self.store.read() as cursor:
            rows = self._audited(cursor, query, kinds, companies)
        return Answer(plans_audit(rows, query.as_of, model, market, kind), bool(rows))

    def _audited(
        self, cursor: Any, query: Query, kinds: Sequence[str], companies: Sequence[str]
    ) -> list[Row]:
        """What an audit reads: every row of `kinds` up to `as_of`, retracted ones too, of
        `companies` (none: of every company), in time order."""
        read = self._read(query, companies)
        if read is not None:
            wanted = set(kinds)
            return [row for row in read if _kind(row) in wanted]
        if companies:
            return self.view.every(cursor, query.as_of, query.known_at, kinds,
                                   companies=companies, include_retracted=True)  # fmt: skip
        return self.view.rows(cursor, query.known_at, as_of=query.as_of, kinds=kinds,
                              include_retracted=True)  # fmt: skip

    # -- the log -------------------------------------------------------------------------

    @answering
    def log(
        self,
        query: Query,
        *,
        companies: Sequence[str] = (),
        model: str | None = None,
        market: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> Streamed:
        """Announcements in `announced_on` order, as known at `known_at`, retracted ones
        marked (of `companies`; none: of every company; `market`: a market code, as
        `events.codes.check_market` reads it): streamed from the read model, never held
        whole."""
        if kind is not None:
            _check_kind(kind)

        def entries() -> Generator[Content, None, None]:
            read = self._read(query, companies) if model is None and kind is None else None
            if read is not None and since is None and until is None and market is None:
                yield from map(log_entry, read)
                return
            with self.store.read() as cursor:
                for row in self.view.stream_rows(
                    cursor,
                    query.known_at,
                    as_of=query.as_of,
                    companies=companies,
                    model=model,
                    kinds=(kind,) if kind else (),
                    include_retracted=True,
                ):
                    if (
                        (since is None or row.announced_on >= since)
                        and (until is None or row.announced_on <= until)
                        and (market is None or mentions_market(row.content, market))
                    ):
                        yield log_entry(row)

        streamed = entries()
        self._streams.add(streamed)
        return Streamed(streamed, lambda: list(log_columns()))


def _kind(row: Row) -> str:
    """A row's kind, as the read model keeps it (what the view's questions narrow by)."""
    return row.slot[1] if row.slot is not None else str(row.content["kind"])


def _latest(rows: Sequence[Row], kinds: Sequence[str], model_key: str | None = None) -> list[Row]:
    """What `View.latest` answers from the rows of one company (every row visible, in time
    order): of each group (its slot) of `kinds` (of `model_key`'s, when given), the latest
    row not retracted of each rank it holds."""
    found: dict[tuple[Any, int], Row] = {}
    for row in rows:
        slot = row.slot or (None, row.content["kind"], None, None)
        if row.retracted or slot[1] not in kinds or model_key not in (None, slot[2]):
            continue
        found[slot, rank(row.content)] = row  # in time order: the last is the latest
    return list(found.values())


def _check_kind(kind: str) -> None:
    if kind not in KIND_NAMES:
        raise InputError("kind", f"unknown kind {kind!r} (one of: {', '.join(KIND_NAMES)})")


def _market_code(text: str) -> str:
    """The market a question names: a country, or a region's name (one not defined at the
    question's known-at is a market of which nothing is known: an empty answer, not an
    error)."""
    from mxt.events.codes import check_market_said

    try:
        return check_market_said(text)
    except ValueError as error:
        raise InputError("market", str(error)) from None


__all__: Sequence[str] = [
    "EVERYTHING",
    "Answer",
    "Streamed",
    "ReadSide",
    "EverythingRecorded",
]
