"""One schema module per kind (`mxt.events.schemas`), and the gathered vocabulary
(`mxt.events.announcements`) that still holds every kind."""

from __future__ import annotations

import pytest

from mxt.events.announcements import SCHEMAS
from mxt.events.kinds import KIND_NAMES
from mxt.events.schemas import module_of, schema_of


@pytest.mark.parametrize("kind", KIND_NAMES)
def test_schema_of_a_kind_is_the_gathered_one(kind: str) -> None:
    assert schema_of(kind) is SCHEMAS[kind]
    assert schema_of(kind).__module__ == module_of(kind)


def test_schema_of_an_unknown_kind_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        schema_of("lunch")
