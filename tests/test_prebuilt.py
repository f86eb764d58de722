"""`mxt record` validates with prebuilt core schemas (`events/schemas/prebuilt_KIND.py`, issue 27):
they are the models' own, and they answer as the models do, good input and bad."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
from conftest import KIND_FIELDS, make_announcement

from mxt.events.errors import InputError
from mxt.events.kinds import KIND_NAMES
from mxt.events.schemas import parse_announcement, validate_for_record
from mxt.events.schemas.base import Source, with_id
from mxt.events.schemas.checks import SOURCE_FIELDS
from mxt.events.schemas.prebuilt import PYDANTIC_CORE

SAME_CORE = pydantic_core.__version__ == PYDANTIC_CORE
other_core = pytest.mark.skipif(
    not SAME_CORE, reason=f"prebuilt for pydantic-core {PYDANTIC_CORE} (pyproject pins it)"
)


@other_core
def test_prebuilt_is_what_the_models_build_now() -> None:
    """Out of step with a schema: run `python -m mxt.events.schemas.prebuild` again. (Built in
    a fresh process, as that command builds it: pydantic inlines or refers to a model used by
    several, such as `Source`, by what this process built before.)"""
    made = subprocess.run(
        [sys.executable, "-c", "import json; from mxt.events.schemas import prebuild; "
         "print(json.dumps({str(path): text for path, text in prebuild.sources().items()}))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    written = {Path(path): text for path, text in json.loads(made.stdout).items()}
    assert len(written) == len(KIND_NAMES) + 1
    for path, text in written.items():
        assert path.read_text() == text, path.name


def test_the_source_fields_are_the_models() -> None:
    assert tuple(Source.model_fields) == SOURCE_FIELDS


def by_models(data: dict[str, Any]) -> dict[str, Any] | str:
    """The stored form the model gives, or its one-line refusal."""
    try:
        return with_id(parse_announcement(data))
    except InputError as error:
        return str(error)


def prebuilt(data: dict[str, Any]) -> dict[str, Any] | str:
    """The stored form the prebuilt schema gives, or its one-line refusal."""
    try:
        return validate_for_record(data)
    except InputError as error:
        return str(error)


# Bad and odd inputs for every kind: each is checked against the models' answer.
CHANGES: list[dict[str, Any]] = [
    {},
    {"id": "my-id"},
    {"company": "  Ｘｉａｏｍｉ  "},
    {"company": ""},
    {"company": "X" * 201},
    {"company": "Xia\u200bomi"},
    {"note": "n" * 10_001},
    {"note": "two\nlines"},
    {"announced_on": "2025-13-01"},
    {"announced_on": None},
    {"anounced_on": "2025-07-01"},
    {"recorded_at": "2025-07-01T00:00:00Z"},
    {"url": "https://example.com"},
    {"source": {"title": "t", "url": "not a url"}},
    {"certainty": "rumoured"},
    {"market": "XX"},
    {"market": "EU"},
    {"markets": ["CN", "EUROPE"]},
    {"markets": []},
    {"count": "200k+"}, {"count": "38.5k-39.5k"}, {"count": "~28k"}, {"count": "-3"},
    {"units": "1.2m"}, {"units": "5k", "high": 7}, {"value": "300k-320k"},
    {"value": "5k", "bound": "range"}, {"previous": "~300k"}, {"previous_high": 5},
    {"status": "launched", "launched_on": "2026-01-01"}, {"launched_on": "2025-H1"},
    {"max_months": "0"}, {"max_months": "7.5"}, {"within": "3min"}, {"within": "3 years"},
    {"phase": 0}, {"market": "EU", "site": "s"}, {"temporary": "true"}, {"temporary": "maybe"},
    {"claim": '{"type": "launched", "model": "M", "market": "CN", "on_or_before": "2025-01-01"}'},
    {"claim": {"type": "streak", "metric": "sales", "at_least": 1, "months": 3,
               "ending": "0001-02"}},
    {"claim": {"type": "nope"}}, {"claim": "{not json"},
    {"claim": {"type": "streak"}},  # ("claim.metric: missing", not "streak.metric")
    {"kind": "nonsense"}, {"kind": None},
]  # fmt: skip


@pytest.mark.parametrize("kind", KIND_NAMES)
@pytest.mark.parametrize("changes", CHANGES, ids=lambda changes: ",".join(changes) or "as-is")
def test_prebuilt_answers_as_the_models_do(kind: str, changes: dict[str, Any]) -> None:
    data = make_announcement(kind, **changes)
    if "url" in changes and "url" not in KIND_FIELDS[kind]:
        data["url"] = changes["url"]
    assert prebuilt(data) == by_models(data)


def test_the_digest_is_sha256() -> None:
    import hashlib

    from mxt.events.digest import sha256

    for data in (b"", b"a", "Ｘｉａｏｍｉ".encode(), bytes(range(256)) * 300):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
        assert sha256(data).digest() == hashlib.sha256(data).digest()


def test_the_digest_is_the_same_before_and_after_it_switches_to_openssls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A process's first `FAST_AFTER` digests are CPython's own, the rest OpenSSL's (or all
    OpenSSL's once hashlib is loaded): the same digest either way."""
    import hashlib

    from mxt.events import digest

    own = digest._implementation("sha256", ("_sha2", "_sha256"))
    monkeypatch.delitem(sys.modules, "_hashlib")  # as if not loaded yet
    monkeypatch.setattr(digest, "FAST_AFTER", 3)
    made = digest.Sha256(own)
    data = bytes(range(256)) * 7
    found = [made(data).hexdigest() for _ in range(5)]
    assert found == [hashlib.sha256(data).hexdigest()] * 5
    assert made.made == 4 and made.fast is hashlib.sha256  # the fourth switched
    monkeypatch.undo()
    loaded = digest.Sha256(own)  # hashlib loaded: OpenSSL's from the first
    assert loaded(data).digest() == own(data).digest() and loaded.fast is hashlib.sha256


def test_the_aggregate_ids_are_uuid5() -> None:
    import uuid

    from mxt.domain.stored import NAMESPACE, REGION_NAMESPACE
    from mxt.events.digest import uuid5

    for name in ("", "launch-1", "a-0123456789abcdef", "Ｘｉａｏｍｉ-yu7"):
        for namespace in (NAMESPACE, REGION_NAMESPACE):
            assert uuid5(namespace, name) == uuid.uuid5(namespace, name)


def test_without_cpythons_own_the_digest_is_hashlibs() -> None:
    import hashlib

    from mxt.events.digest import _implementation

    assert _implementation("sha256", ("no_such_module",)) is hashlib.sha256


def test_a_claims_fields_and_a_stray_claim_are_named_as_the_import_names_them() -> None:
    """One kind's schema has no union tag before its fields: `claim` is a field there, not
    a kind to drop (before, `streak.metric` and a nameless `unknown field`)."""
    streak = make_announcement("claim", claim={"type": "streak"})
    assert prebuilt(streak) == by_models(streak) == "claim.metric: missing"
    stray = make_announcement("launch", claim={"type": "streak"})
    assert prebuilt(stray) == by_models(stray) == "claim: unknown field"


def test_under_another_pydantic_core_the_models_validate(monkeypatch: pytest.MonkeyPatch) -> None:
    """A prebuilt schema is pydantic-core's format of one version: under another, `record`
    validates with the models, and answers as they do, good input and bad."""
    monkeypatch.setattr("mxt.events.schemas.prebuilt.PYDANTIC_CORE", "0.0.0")
    for changes in ({}, {"company": ""}, {"claim": {"type": "streak"}}):
        data = make_announcement("claim", **changes)
        assert prebuilt(data) == by_models(data)
    assert isinstance(prebuilt(make_announcement("launch")), dict)
