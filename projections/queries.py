"""The questions mxt answers, as plain functions of (store, key, as_of, known_at)."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Generator, Iterator, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, get_args

from mxt.domain.store import Store, format_timestamp
from mxt.events.codes import REGIONS
from mxt.events.errors import InputError
from mxt.events.kinds import KIND_NAMES

from . import tables
from .answers import Answer, answering
from .evidence import chosen
from .projector import Projector, refusing
from .state import (
    CompanyFacts,
    Launches,
    Names,
    Query,
    company_state,
    corrections_of,
    market_state,
    model_state,
    policy_covers,
    target_audit,
)
from .tables import key
from .view import LogSpan, Row, View

if TYPE_CHECKING:
    from mxt.domain.integrity import VerifyReport

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

    def __init__(self, rows: Iterator[dict[str, Any]], columns: Callable[[], list[str]]) -> None:
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

    def __next__(self) -> dict[str, Any]:
        row = next(self._rows)
        self.count += 1
        return row


# The kinds each state reads as the latest announcement of each certainty in each group (an
# order stage, a target's metric, period and scope...); launches, policies, expected entries
# and showcases are read whole (`in_groups`): their rules need every row of a slot.
MODEL_KINDS = ("orders", "wait-time", "deliveries")
MARKET_FACTS = ("launch", "policy", "expected-entry", "showcase")


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

    def _facts(
        self,
        cursor: Any,
        query: Query,
        company: str | None,
        model: str | None = None,
        subjects: Sequence[str] = (),
        also: Sequence[str] = (),
    ) -> list[Row]:
        """The launch, policy, expected-entry and showcase rows a market status needs: every
        launch (of `model`, when given), and of the rest the latest of each rank in each
        group (all the rank rule and 'the latest covering policy' need); with a `model`, the
        latest of its groups of the kinds `also` in the same seek. In time order."""
        ask = (query.as_of, query.known_at)
        rows = self.view.in_groups(
            cursor, *ask, ("launch",), company=company, model=model, subjects=subjects
        )
        if model is None:
            rows += self.view.latest(
                cursor, *ask, ("expected-entry", "showcase"), company=company, subjects=subjects
            )
        else:  # the model's showcases and expected entries, the company's own expected
            # entries and its policies (which name no model)
            rows += self.view.latest(
                cursor, *ask, (*also, "policy", "showcase", "expected-entry"), company=company,
                model=model, beside=("policy", "expected-entry"),
            )  # fmt: skip
        rows.sort(key=lambda row: row.order)
        return rows

    @answering
    def model(self, company: str, model: str, query: Query) -> Answer:
        """The state of one model as of `query.as_of`, known at `query.known_at`."""
        model_key = key(model)
        with self.store.read() as cursor:
            rows = self._facts(cursor, query, company, model, also=MODEL_KINDS)
            names = self._names(cursor, query, company).get(key(company), Names(company))
        display = names.models.get(model_key, model)
        facts = CompanyFacts.of(rows, names)  # launches, policies, entries, showcases
        state = model_state(rows, query, names.company, display, facts)
        return Answer(state, model_key in names.models)

    @answering
    def company(self, company: str, query: Query) -> Answer:
        """The state of one company: targets, deliveries, factories, models, policies,
        expected entries."""
        with self.store.read() as cursor:
            rows = self.view.latest(
                cursor, query.as_of, query.known_at, ("target", "policy", "expected-entry"),
                company=company,
            )  # fmt: skip
            rows += self.view.latest(  # the company's own delivery totals
                cursor, query.as_of, query.known_at, ("deliveries",), company=company, model=""
            )
            rows += self.view.in_groups(
                cursor, query.as_of, query.known_at, ("launch",), company=company
            )
            rows += self.view.every(
                cursor, query.as_of, query.known_at, ("factory",), company=company
            )
            found = self._names(cursor, query, company)
        rows.sort(key=lambda row: row.order)
        names = found.get(key(company), Names(company))
        return Answer(company_state(rows, names, query), key(company) in found)

    @answering
    def market(self, market: str, query: Query, every: bool = False) -> Answer:
        """Every model's status in one market (unknown ones only with `every`), and the
        policies in force there."""
        code = _market_code(market)
        # Launches, expected entries and showcases for this market or a region containing
        # it; policies whose markets list it, a region containing it or "*".
        covering = [code, *(region for region, members in REGIONS.items() if code in members)]
        with self.store.read() as cursor:
            rows = self._facts(cursor, query, None, subjects=covering)
            rows += self.view.policies_listing(cursor, query.as_of, query.known_at, covering)
            names = self._names(cursor, query)
        rows.sort(key=lambda row: row.order)
        state = market_state(rows, names, query, code, every)
        known = (
            any(m["status"] != "unknown" for m in state["models"])
            or bool(state["policies"])
            or any(
                r.content.get("market") == code
                or (r.content["kind"] == "policy" and policy_covers(r.content, code))
                for r in rows
            )
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
    ) -> Answer:
        """Every target revision in order, with what was in force before it."""
        with self.store.read() as cursor:
            if company is not None:
                rows = self.view.every(
                    cursor, query.as_of, query.known_at, ("target",), company=company,
                    include_retracted=True,
                )  # fmt: skip
            else:
                rows = self.view.rows(
                    cursor, query.known_at, as_of=query.as_of, kinds=("target",),
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

        def entries() -> Generator[dict[str, Any], None, None]:
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
    def show(self, announcement_id: str, query: Query) -> Answer:
        """One announcement: its content, source, corrections, retraction and what it supports."""
        with self.store.read() as cursor:
            history = self.view.history(cursor, announcement_id, query.known_at)
        if not history:
            return Answer(None, False)
        current = history[-1]
        retraction = next((row for row in history if row.event == "retracted"), None)
        return Answer(
            {
                **log_entry(current),
                "corrections": corrections_of(history),
                "retraction": (
                    {"reason": retraction.reason, "recorded_at": retraction.known_from}
                    if retraction
                    else None
                ),
                "supports": [] if current.retracted else self.supports(current, query),
            },
            True,
        )

    def supports(self, row: Row, query: Query) -> list[dict[str, Any]]:
        """The state values `row` supports as of `query`: `_supported`'s, then the claims'
        verdicts it is evidence for (`checking` is imported here, so that a read command that
        answers no claims never loads their rules)."""
        from .checking import check_supports

        return self._supported(row, query) + check_supports(self, row, query)

    def _supported(self, row: Row, query: Query) -> list[dict[str, Any]]:
        """The state values (as of `query.as_of`) that this announcement is the source of:
        values carrying its id (an `unconfirmed` report beside a value included), launch
        dates, a model's delivered total, and market statuses it decides (a launch, a
        policy, an expected entry, a showcase). Null values are left out."""
        content = row.content
        found: list[dict[str, Any]] = []

        def walk(path: str, value: Any) -> None:
            if isinstance(value, dict):
                if value.get("id") == row.ann_id:
                    found.append({"path": path, "value": value})
                for name, item in value.items():
                    walk(f"{path}.{name}", item)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    walk(f"{path}[{index}]", item)

        company = content["company"]
        state = self.company(company, query).data
        walk(f"company {state['company']}", state)
        if content.get("model"):
            models = [content["model"]]
        elif content["kind"] in ("policy", "expected-entry"):
            models = [model["model"] for model in state["models"]]
        else:
            models = []
        for name in models:
            model = self.model(company, name, query).data
            where = f"model {model['company']}/{model['model']}"
            walk(where, model)
            found += self._traced(row, where, name, query)
        if content["kind"] == "expected-entry" and not content.get("model"):
            market = self.market(content["market"], query).data
            for index, status in enumerate(market["models"]):
                if status["id"] == row.ann_id and status["model"] is None:
                    found.append({"path": f"market {market['market']}.models[{index}]",
                                  "value": status})  # fmt: skip
        return [{"path": item["path"], "value": _without_nulls(item["value"])} for item in found]

    def _traced(self, row: Row, where: str, model: str, query: Query) -> list[dict[str, Any]]:
        """The launch dates, delivered total and market statuses of one model that `row`
        decides."""
        model_key = key(model)
        content = row.content
        with self.store.read() as cursor:
            facts_rows = self._facts(cursor, query, content["company"], model)
            peers = []
            if content["kind"] == "deliveries":
                peers = self.view.latest(
                    cursor, query.as_of, query.known_at, ("deliveries",),
                    company=content["company"], model=model,
                )  # fmt: skip
            names = self._names(cursor, query, content["company"])
        own = names.get(key(content["company"])) or Names(model)
        facts = CompanyFacts.of(facts_rows, own)
        found: list[dict[str, Any]] = []
        launches = Launches.of(facts.launches.get(model_key, ()), query.as_of)
        for market, ann_id in sorted(launches.ids.items()):
            if ann_id == row.ann_id:
                day = launches.launched.get(market)
                path = "launched_on" if day else "planned_launch_on"
                on = day or launches.planned[market]
                found.append({"path": f"{where}.{path}", "value": {"market": market, "on": on}})
        if any(c.in_force.ann_id == row.ann_id for c in chosen(peers)):
            found.append({"path": f"{where}.deliveries_units", "value": content["units"]})
        if model_key in facts.models:
            for code in sorted(facts.named_markets(model_key)):
                status = facts.market_status(model_key, code, query.as_of)
                if status["id"] == row.ann_id:
                    found.append({"path": f"{where}.market_statuses.{code}",
                                  "value": status["status"]})  # fmt: skip
        return found


def _without_nulls(value: Any) -> Any:
    """A value with its null fields left out, at every depth."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value]
    return value


def log_entry(row: Row) -> dict[str, Any]:
    """An announcement in the export format, with `recorded_at` and `status`.

    `status` is the record's (`active` or `retracted`), so a factory's own `status` field
    is shown as `factory_status` here.
    """
    entry = dict(row.content)
    if "status" in entry:
        entry["factory_status"] = entry.pop("status")
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

    from mxt.events.announcements import KINDS, Announcement

    def names(model: type[BaseModel], prefix: str = "") -> list[str]:
        found = []
        for name, info in model.model_fields.items():
            shown = info.alias or name
            if prefix == "" and shown == "status":
                shown = "factory_status"  # as `log_entry` renames it
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
    own = [name for kind in KINDS.values() for name in names(kind) if name not in common]
    tail = [name for name in common if name not in head]
    return list(dict.fromkeys([*head, *own, *tail, "recorded_at", "status"]))


def _market_code(text: str) -> str:
    from mxt.events.codes import check_market

    try:
        return check_market(text)
    except ValueError as error:
        raise InputError("market", str(error)) from None


def _mentions_market(content: dict[str, Any], market: str) -> bool:
    from mxt.events.codes import market_covers

    if content["kind"] == "policy":
        return policy_covers(content, market)
    announced = content.get("market")
    return isinstance(announced, str) and market_covers(announced, market)


__all__: Sequence[str] = [
    "EVERYTHING",
    "Answer",
    "Streamed",
    "ReadSide",
    "EverythingRecorded",
]
