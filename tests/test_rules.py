"""The rules (docs/concepts.md) of `projections.rules.state`, checked against brute force."""

from __future__ import annotations

from typing import Any

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from mxt.projections.readmodel.view import Row
from mxt.projections.rules.state import all_markets, covering_policy, policies_in_force

CODES = ["CN", "DE", "FR", "ES", "US", "JP", "EU", "*"]


def policy(number: int, markets: list[str], excepted: list[str], not_before: str) -> Row:
    content: dict[str, Any] = {
        "id": f"p{number}", "kind": "policy", "company": "Acme", "source": {"title": "s"},
        "announced_on": f"2025-01-{number + 1:02d}", "markets": markets, "except": excepted,
        "not_before": not_before,
    }  # fmt: skip
    return Row(f"p{number}", content, "2025-01-01T00:00:00.000000Z", number, False,
               "2025-01-01T00:00:00.000000Z", "recorded", None, None)  # fmt: skip


policies = st.lists(
    st.tuples(
        st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True),
        st.lists(st.sampled_from(CODES[:-1]), max_size=2, unique=True),
        st.sampled_from(["2024-06-01", "2025-06-01", "2027-01-01"]),
    ),
    max_size=6,
)


@settings(max_examples=examples(300))
@given(policies, st.sampled_from(["2024-01-01", "2025-03-01", "2026-01-01"]))
def test_policies_in_force_is_the_latest_covering_policy_of_every_market(
    drawn: list[tuple[list[str], list[str], str]], as_of: str
) -> None:
    rows = [policy(n, *spec) for n, spec in enumerate(drawn)]
    brute = {
        row.ann_id
        for code in all_markets()
        if (row := covering_policy(rows, code)) is not None and row.content["not_before"] > as_of
    }
    assert {row.ann_id for row in policies_in_force(rows, as_of)} == brute
