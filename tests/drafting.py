"""The extraction tests' one way to ask for drafts: `drafts_on(day)` gives `drafts` and
`typed` of texts published on that day (unless a test names another), each draft checked to
be a line that `import` accepts."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from mxt.events.announcements import parse_json_line
from mxt.extract import extract_drafts

Drafts = Callable[..., list[dict[str, Any]]]


def drafts_on(day: date) -> tuple[Drafts, Drafts]:
    """`drafts(text, published=day, **options)`: every draft of a text (`extract_drafts`'s
    options), each parsed as an import line; and `typed`, those that are not statements."""

    def drafts(text: str, published: date = day, **options: Any) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = extract_drafts(text, published, **options)
        for draft in found:
            parse_json_line(json.dumps(draft))
        return found

    def typed(text: str, published: date = day, **options: Any) -> list[dict[str, Any]]:
        return [d for d in drafts(text, published, **options) if d["kind"] != "statement"]

    return drafts, typed


def kinds_and_companies(typed: Drafts) -> Callable[[str], list[tuple[str, str]]]:
    """`typed(text)` as (kind, company) pairs: what a test of who did what reads."""
    return lambda text: [(draft["kind"], draft["company"]) for draft in typed(text)]


def launches_of(typed: Drafts) -> Callable[..., list[tuple[str, str, str, str]]]:
    """`launches(text[, published])`: `typed`'s launches as (model, market, status, launch
    date or ""), what a test of whether and when a launch happened reads."""

    def launches(text: str, *published: date) -> list[tuple[str, str, str, str]]:
        return [
            (d["model"], d["market"], d["status"], d.get("launched_on", ""))
            for d in typed(text, *published)
            if d["kind"] == "launch"
        ]

    return launches
