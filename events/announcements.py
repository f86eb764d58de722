"""One frozen pydantic model per announcement kind: the vocabulary every layer speaks.

An announcement's JSON form (``dump``) is what the store keeps and what ``mxt export``
writes: the fields as recorded, normalised (``350k`` becomes ``350000``), without nulls.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from .content import apply_changes, derive_id
from .errors import InputError
from .fields import (
    Count,
    Duration,
    Expected,
    Identifier,
    IsoDate,
    Market,
    MarketOrAll,
    Month,
    Name,
    Period,
    PositiveNumber,
    Text,
    split_bound,
)

# A count written with its bound: what an input line (or `record`) may give for `count`,
# `value` and `units`; the model splits it into the count, `bound` and `high` (JSON Schema
# only: the validation is Count's, after the split).
_AMOUNT = r"(\d{1,3}(,\d{3})+|[\d_]+)(\.\d+)?[kKmM]?"
SpelledCount = Annotated[
    Count,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {
                    "type": "string",
                    "pattern": rf"^\s*[>≥<≤~]?\s*{_AMOUNT}(\s*[-–—]\s*{_AMOUNT}|\+)?\s*$",
                },
            ],
            "description": "A whole number >= 0; as text also 350,000, 350k or 1.2m, and with "
            "its bound: 200k+ or >200,000 (at least), <1m (at most), ~28k (about), "
            "38.5k-39.5k (a range).",
            "examples": [350000, "350k", "200k+", "~28k", "38.5k-39.5k"],
        }
    ),
]
Certainty = Literal["confirmed", "reported", "expected"]
Bound = Literal["exact", "at-least", "at-most", "about", "range"]
Metric = Literal["production", "deliveries", "sales"]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Source(Frozen):
    """Where a fact comes from."""

    title: Name
    url: Annotated[str, Field(max_length=2000, pattern=r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")] | None = (
        None
    )
    publisher: Name | None = None
    quote: Text | None = None


class Announcement(Frozen):
    """The fields every announcement has, whatever its kind."""

    schema_version: ClassVar[int] = 1

    id: Identifier | None = Field(
        default=None,
        description="Idempotency key; derived from the canonical content when absent.",
    )
    company: Name
    announced_on: IsoDate = Field(description="When it became public (the as-of axis).")
    source: Source
    speaker: Name | None = None
    certainty: Certainty = "confirmed"
    note: Text | None = None

    def dump(self) -> dict[str, Any]:
        """The JSON form kept in the store and written by `mxt export`."""
        content = self.model_dump(mode="json", by_alias=True, exclude_none=True)
        head: dict[str, Any] = {key: content.pop(key) for key in ("id", "kind") if key in content}
        return {**head, **content}


class Bounded(Announcement):
    """A kind whose value is a count with a bound, and whose scope may be some markets.

    The count may be written with its bound (`200k+`, `~28k`, `38.5k-39.5k`): it is split
    into the count, `bound` and `high`. `bound: exact` is the default and is not kept.
    """

    count_field: ClassVar[str] = "count"

    bound: Bound | None = Field(
        default=None, description="How the count is meant (default exact); a range needs high."
    )
    high: Count | None = Field(default=None, description="A range's top (bound: range).")
    markets: list[MarketOrAll] | None = Field(
        default=None, min_length=1, description="Scope: codes, regions or *; absent: worldwide."
    )
    except_: list[Market] | None = Field(
        default=None, alias="except", description="Scope: markets left out of `markets`."
    )

    @model_validator(mode="before")
    @classmethod
    def _spelled_bound(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        _split_spelling(data, cls.count_field, "bound", "high")
        if data.get("bound") == "exact":
            del data["bound"]
        return data

    @model_validator(mode="after")
    def _check_range(self) -> Bounded:
        _check_high(getattr(self, self.count_field), self.bound, self.high, "high")
        return self

    def dump(self) -> dict[str, Any]:
        """The JSON form, the bound and scope right after the count they qualify."""
        content = super().dump()
        tail = {name: content.pop(name) for name in BOUNDED_TAIL if name in content}
        ordered: dict[str, Any] = {}
        for name, value in content.items():
            ordered[name] = value
            if name == self.count_field:
                ordered.update(tail)
        return {**ordered, **tail}


BOUNDED_TAIL = ("bound", "high", "markets", "except")


def _split_spelling(data: dict[str, Any], field: str, bound_field: str, high_field: str) -> None:
    """Moves a bound written into a count (`200k+`) to its own fields, in place."""
    count, bound, high = split_bound(data.get(field))
    if bound is None:
        return
    given = data.get(bound_field)
    if given not in (None, bound):
        raise ValueError(f"{field}: {data[field]!r} is {bound}, but {bound_field} is {given!r}")
    if high is not None and data.get(high_field) not in (None, high):
        raise ValueError(f"{field}: {data[field]!r} is a range, but {high_field} is also given")
    data[field] = count
    data[bound_field] = bound
    if high is not None:
        data[high_field] = high


def _check_high(value: int, bound: str | None, high: int | None, high_field: str) -> None:
    if bound == "range":
        if high is None:
            raise ValueError(f"{high_field}: missing (a range needs its top)")
        if high < value:
            raise ValueError(f"{high_field}: must be >= the range's low end {value}")
    elif high is not None:
        raise ValueError(f"{high_field}: only a range (bound: range) has a top")


class Launch(Announcement):
    """A model goes on sale in a market."""

    kind: Literal["launch"] = "launch"
    model: Name = Field(description="Model name.")
    market: Market = Field(description="ISO 3166-1 alpha-2 code, or EU.")
    launched_on: IsoDate | None = Field(default=None, description="Default: announced_on.")
    segment: Name | None = None
    competitor: Name | None = None


class Orders(Bounded):
    """An order milestone of a model."""

    kind: Literal["orders"] = "orders"
    model: Name = Field(description="Model name.")
    stage: Literal["pre-booking", "locked", "confirmed"] = Field(description="Order stage.")
    count: SpelledCount
    within: Duration | None = Field(default=None, description="e.g. 3min, 18h, 2d, 1w, 6mo.")


class WaitTime(Announcement):
    """How long buyers of a model (or one trim) wait at most."""

    kind: Literal["wait-time"] = "wait-time"
    model: Name = Field(description="Model name.")
    trim: Name | None = Field(default=None, description="Trim; absent: the model as a whole.")
    max_months: PositiveNumber = Field(description="Longest wait in months (> 0).")


class Target(Bounded):
    """A production, delivery or sales target for a period (and a scope)."""

    count_field: ClassVar[str] = "value"

    kind: Literal["target"] = "target"
    metric: Metric = Field(description="What is counted.")
    period: Period = Field(description="YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM.")
    value: SpelledCount
    previous: SpelledCount | None = Field(
        default=None, description="The value it says it replaces."
    )
    previous_high: Count | None = Field(default=None, description="When that was a range.")

    @model_validator(mode="before")
    @classmethod
    def _spelled_previous(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("previous"), str):
            count, bound, high = split_bound(data["previous"])
            if bound not in (None, "range"):
                raise ValueError(f"previous: {data['previous']!r}: only a value or a range")
            if bound == "range":
                data = {**data, "previous": count, "previous_high": high}
        return data

    @model_validator(mode="after")
    def _check_previous(self) -> Target:
        if self.previous_high is not None:
            if self.previous is None:
                raise ValueError("previous: missing (previous_high is the top of its range)")
            _check_high(self.previous, "range", self.previous_high, "previous_high")
        return self


class Deliveries(Bounded):
    """Units delivered (or sold, or produced) in a period: a company total or one model's."""

    count_field: ClassVar[str] = "units"

    kind: Literal["deliveries"] = "deliveries"
    period: Period = Field(description="YYYY, YYYY-H1/H2, YYYY-Q1..Q4 or YYYY-MM.")
    units: SpelledCount
    metric: Metric | None = Field(default=None, description="Default: deliveries.")
    model: Name | None = Field(default=None, description="Absent: the company total.")


class Factory(Announcement):
    """A factory phase reaches a status."""

    kind: Literal["factory"] = "factory"
    site: Name = Field(description="Factory site.")
    phase: int = Field(ge=1, description="Phase number (>= 1).")
    status: Literal["land-acquired", "under-construction", "completed", "operational"] = Field(
        description="Status reached."
    )
    effective_on: IsoDate | None = Field(
        default=None, description="When the status is reached; default announced_on."
    )
    capacity: Count | None = Field(default=None, description="Units a year.")


class Policy(Announcement):
    """Sales in some markets will not start before a date."""

    kind: Literal["policy"] = "policy"
    markets: list[MarketOrAll] = Field(min_length=1, description="Codes, regions, or * (all).")
    except_: list[Market] = Field(
        default_factory=list, alias="except", description="Markets left out of `markets`."
    )
    not_before: IsoDate = Field(description="No sales before this date (YYYY-MM-DD).")


class Showcase(Announcement):
    """A model is shown (not sold) somewhere."""

    kind: Literal["showcase"] = "showcase"
    model: Name = Field(description="Model name.")
    market: Market | None = Field(default=None, description="Absent: online or worldwide.")
    venue: Name = Field(description="Where, e.g. 'MWC 2024, Barcelona'.")


class ExpectedEntry(Announcement):
    """A model, or the company as a whole, is expected to enter a market."""

    kind: Literal["expected-entry"] = "expected-entry"
    market: Market = Field(description="ISO 3166-1 alpha-2 code, or EU.")
    model: Name | None = Field(default=None, description="Absent: the company as a whole.")
    expected: Expected = Field(description="When: YYYY, YYYY-MM or YYYY-MM-DD.")


class Statement(Announcement):
    """Anything else worth keeping; shown by log and show, not folded into state."""

    kind: Literal["statement"] = "statement"
    topic: Name = Field(description="e.g. hiring, strategy.")
    text: Text = Field(min_length=1, description="What was said.")
    model: Name | None = Field(default=None, description="Model it concerns.")
    market: Market | None = Field(default=None, description="Market it concerns.")


class StreakClaim(Frozen):
    """The `months` months ending with `ending` each reached `at_least`; with `exact`, the
    month before them did not ("the eighth straight month")."""

    type: Literal["streak"]
    metric: Metric
    model: Name | None = None
    at_least: Count
    months: int = Field(ge=1, le=1200, strict=True)
    ending: Month
    exact: bool | None = Field(default=None, strict=True, description="Default false.")


class TotalClaim(Frozen):
    """The total of `period` (as far as announced by the claim's date) compared to `value`."""

    type: Literal["total"]
    metric: Metric
    model: Name | None = None
    period: Period
    op: Literal[">=", "<=", "="]
    value: Count


class TargetClaim(Frozen):
    """The target in force on the claim's date is `value`."""

    type: Literal["target"]
    metric: Metric
    period: Period
    value: Count


class LaunchedClaim(Frozen):
    """`model` was on sale in `market` on or before `on_or_before`."""

    type: Literal["launched"]
    model: Name
    market: Market
    on_or_before: IsoDate


def _decode_claim(value: Any) -> Any:
    """A claim object given as JSON text (`mxt record claim --claim '{...}'`) is decoded."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise ValueError("expected a JSON object") from None
    return value


ClaimObject = Annotated[
    StreakClaim | TotalClaim | TargetClaim | LaunchedClaim,
    Field(discriminator="type"),
    BeforeValidator(_decode_claim),
]
CLAIM_TYPES = ("streak", "total", "target", "launched")


class Claim(Announcement):
    """A checkable statement somebody made; `mxt check` tests it against the data (docs/concepts.md,
    Claims)."""

    kind: Literal["claim"] = "claim"
    claim: ClaimObject = Field(
        description="The claim object (JSON on the command line): streak, total, target or "
        "launched (docs/concepts.md, Claims)."
    )


class ClaimLine(Frozen):
    """A line of a file given to `mxt check`: a claim about a company, recorded nowhere
    (a whole `claim` announcement is accepted too)."""

    id: Identifier | None = None
    company: Name
    claim: ClaimObject


def parse_claim_line(raw: bytes | str) -> ClaimLine:
    """Validates one line of a claims file: `{company, claim, id?}` or a claim announcement."""
    try:
        data = json.loads(raw)
    except ValueError as error:
        raise InputError(None, f"malformed JSON: {error}") from None
    if not isinstance(data, dict):
        raise InputError(None, "expected a JSON object")
    if "kind" in data:
        line = parse_line(data)
        if not isinstance(line, Claim):
            raise InputError("kind", f"{data['kind']!r} is not a claim")
        return ClaimLine(id=with_id(line)["id"], company=line.company, claim=line.claim)
    try:
        return ClaimLine.model_validate(data)
    except ValidationError as error:
        raise describe(error, tagged=False) from None


KINDS: dict[str, type[Announcement]] = {
    cls.model_fields["kind"].default: cls
    for cls in (
        Launch,
        Orders,
        WaitTime,
        Target,
        Deliveries,
        Factory,
        Policy,
        Showcase,
        ExpectedEntry,
        Statement,
        Claim,
    )
}

AnyAnnouncement = Annotated[
    Launch
    | Orders
    | WaitTime
    | Target
    | Deliveries
    | Factory
    | Policy
    | Showcase
    | ExpectedEntry
    | Statement
    | Claim,
    Field(discriminator="kind"),
]


class Correction(Frozen):
    """An interchange line that corrects fields of a recorded announcement."""

    kind: Literal["correction"] = "correction"
    id: Identifier
    set: dict[str, Any] = Field(min_length=1)
    reason: Text = Field(min_length=1)


class Retraction(Frozen):
    """An interchange line that withdraws a recorded announcement."""

    kind: Literal["retraction"] = "retraction"
    id: Identifier
    reason: Text = Field(min_length=1)


InterchangeLine = Annotated[
    Launch
    | Orders
    | WaitTime
    | Target
    | Deliveries
    | Factory
    | Policy
    | Showcase
    | ExpectedEntry
    | Statement
    | Claim
    | Correction
    | Retraction,
    Field(discriminator="kind"),
]

_LINE_ADAPTER: TypeAdapter[Any] | None = None

# Fields a correction may not change.
FIXED_FIELDS = frozenset({"id", "kind", "recorded_at"})


def _line_adapter() -> TypeAdapter[Any]:
    global _LINE_ADAPTER
    if _LINE_ADAPTER is None:
        _LINE_ADAPTER = TypeAdapter(InterchangeLine)
    return _LINE_ADAPTER


def describe(error: ValidationError, tagged: bool = True) -> InputError:
    """Turns pydantic's report into one line naming the first bad field.

    An unknown field is named before anything else: a typo (`anounced_on`) also makes the
    field it misspells missing, and the typo is what the user has to fix.
    """
    errors = error.errors()
    first = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = [str(part) for part in first["loc"]]
    # Drop the union tag pydantic puts in front ("launch.count" -> "count").
    if tagged and loc and (loc[0] in KINDS or loc[0] in ("correction", "retraction")):
        loc = loc[1:]
    if len(loc) > 1 and loc[0] == "claim" and loc[1] in CLAIM_TYPES:
        loc = [loc[0], *loc[2:]]  # and the claim's own union tag ("claim.streak.months")
    field = ".".join(loc) or None
    kind = first["type"]
    message = first["msg"]
    if kind == "extra_forbidden":
        if field == "recorded_at":
            message = "is set by the store, never by input"
        else:
            message = "unknown field"
    elif kind == "missing":
        message = "missing"
    elif kind == "string_too_short" and (first.get("ctx") or {}).get("min_length") == 1:
        message = "must not be empty"
    elif kind in ("union_tag_invalid", "union_tag_not_found") and field:
        field += ".type"  # a nested union: the claim object's `type`
        message = f"missing or not one of: {', '.join(CLAIM_TYPES)}"
    elif kind == "union_tag_invalid":
        field = "kind"
        tag = (first.get("ctx") or {}).get("tag")
        message = f"unknown kind {tag!r}" if tag is not None else "unknown kind"
        message += f" (one of: {', '.join(KINDS)}, correction, retraction)"
    elif kind == "union_tag_not_found":
        field = "kind"
        message = "missing"
    elif message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return InputError(field, message)


def parse_line(data: Any) -> Announcement | Correction | Retraction:
    """Validates one interchange line (a decoded JSON object)."""
    if not isinstance(data, dict):
        raise InputError(None, "expected a JSON object")
    try:
        line: Announcement | Correction | Retraction = _line_adapter().validate_python(data)
        return line
    except ValidationError as error:
        raise describe(error) from None


def parse_json_line(raw: bytes | str) -> Announcement | Correction | Retraction:
    """Validates one interchange line as it is read (JSON text), parsing and checking at once."""
    try:
        line: Announcement | Correction | Retraction = _line_adapter().validate_json(raw)
        return line
    except ValidationError as error:
        first = error.errors()[0]
        if first["type"] == "json_invalid":
            raise InputError(None, f"malformed JSON: {first['msg']}") from None
        if not first["loc"] and first["type"] in ("dict_type", "model_type"):
            raise InputError(None, "expected a JSON object") from None
        raise describe(error) from None


def parse_announcement(data: dict[str, Any]) -> Announcement:
    """Validates one announcement given as a dict with a `kind`."""
    kind = data.get("kind")
    if kind not in KINDS:
        if kind is None:
            raise InputError("kind", "missing")
        raise InputError("kind", f"unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    try:
        return KINDS[kind].model_validate(data)
    except ValidationError as error:
        raise describe(error) from None


def with_id(announcement: Announcement) -> dict[str, Any]:
    """The stored form of an announcement, its id filled in."""
    content = announcement.dump()
    if "id" not in content:
        content = {"id": derive_id(content), **content}
    return content


def apply_correction(content: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """The announcement with `changes` applied and re-validated against its kind.

    A key `source.url` changes one field of the source; a value of None removes an
    optional field.
    """
    for field in changes:
        if field in FIXED_FIELDS:
            raise InputError(field, "cannot be corrected")
    corrected = apply_changes(content, changes)
    return parse_announcement(corrected).dump()


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one interchange line: an announcement, a correction or a retraction."""
    schema = _line_adapter().json_schema(mode="validation")
    schema["title"] = "mxt announcement interchange line (JSON Lines)"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
