"""`mxt demo`: the seed story (Xiaomi's SU7 and YU7) loaded and walked through."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path

import click

from .main import Context

SEED = "xiaomi-seed.jsonl"
ARTICLE = "xiaomi-evs-outside-china-2027.txt"


def seed_path() -> Path:
    """The demo data set shipped inside the package."""
    return Path(str(resources.files("mxt.cli").joinpath("data", SEED)))


def show_extraction() -> None:
    """The seed article run through `mxt extract`, its drafts counted by kind beside the
    hand-made seed data set."""
    import json
    from collections import Counter
    from datetime import date

    from mxt.extract import extract_drafts

    article = seed_path().with_name(ARTICLE)
    text = article.read_text(encoding="utf-8")
    drafts = extract_drafts(text, date(2025, 7, 4))
    seed_lines = seed_path().read_text(encoding="utf-8").splitlines()
    by_hand = Counter(json.loads(line)["kind"] for line in seed_lines if line.strip())
    drafted = Counter(draft["kind"] for draft in drafts)
    click.echo(f"{'kind':<16}{'drafts':>8}{'by hand':>9}")
    for kind in sorted(by_hand.keys() | drafted.keys()):
        click.echo(f"{kind:<16}{drafted[kind]:>8}{by_hand[kind]:>9}")
    click.echo(f"{'total':<16}{sum(drafted.values()):>8}{sum(by_hand.values()):>9}")
    verbatim = sum(1 for draft in drafts if draft["source"]["quote"] in text)
    click.echo(f"quotes found verbatim in the article: {verbatim} of {len(drafts)}")
    click.echo(
        f"Review them: mxt extract {article} --published 2025-07-04 | mxt import --dry-run -"
    )


def show_review(ctx: click.Context, folder: Path, kept: bool) -> None:
    """The seed article's drafts reviewed in batch against the demo's store (which holds the
    hand-made data set): each typed kind accepted, what each repeats or contradicts shown,
    the accepted ones imported. A store the demo keeps (`demo --store`) stays the seed data
    set alone: the review then runs on a temporary copy of it."""
    import json
    from datetime import date

    from mxt.extract import extract_drafts

    from .extract import importable
    from .interchange import read_jsonl, record_lines
    from .review import review_command

    previous = ctx.obj
    if kept:
        ctx.obj = Context(str(folder / "review.sqlite"))
        with seed_path().open("rb") as seed:
            record_lines(ctx.obj, read_jsonl(seed, ""))

    text = seed_path().with_name(ARTICLE).read_text(encoding="utf-8")
    drafts = [importable(draft) for draft in extract_drafts(text, date(2025, 7, 4))]
    path = folder / "drafts.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts), "utf-8")
    typed = sorted({d["kind"] for d in drafts} - {"statement"})
    accept = " ".join(f"--accept {kind}" for kind in typed)
    click.echo(f"mxt review drafts.jsonl {accept}")
    ctx.invoke(review_command, file=str(path), accept_all=False, accept_kinds=tuple(typed),
               as_json=False)  # fmt: skip
    ctx.obj = previous


def step(title: str) -> None:
    click.echo()
    click.echo(click.style(f"== {title}", fg="cyan", bold=True))


def shown_location(location: str) -> str:
    """A store location as it may be printed: a URL's password replaced by ***."""
    from mxt.storage.location import parse_location

    return parse_location(location).shown


def check_new_or_empty(location: str) -> None:
    """The demo loads only into a store that does not exist yet or holds no events: never
    into another program's file or database, a device or a store with a history."""
    from mxt.projections.opening import open_store
    from mxt.storage.errors import BadStoreLocation, NotAStore, StoreMissing

    try:
        with open_store(location, "read") as store:
            held = store.max_notification_id()
    except NotAStore:
        raise
    except StoreMissing:  # nothing there, an empty file or an empty database
        return
    if held:
        raise BadStoreLocation(
            f"store: {store.display_location} already holds events; the demo loads only into "
            "a new or empty store"
        )


@click.command("demo")
@click.option("--store", "demo_store", metavar="PATH|URL", help="Load into this new or empty "
              "store (kept afterwards) instead of a temporary one.")  # fmt: skip
@click.pass_context
def demo_command(ctx: click.Context, demo_store: str | None) -> None:
    """Load the seed data set (Xiaomi won't sell its EVs outside China until 2027) into a
    fresh store and walk through its state as of several dates, its target audit, the
    changes of a month, where its sources disagree, the progress against the 2025 target
    and the check of the article's streak claim.

    It never writes into the store named by MXT_STORE or the group's --store: only into a
    temporary store, or into the new or empty one given to `demo --store`.

    Example: mxt demo --store tour.sqlite
    """
    from .admin import verify_command
    from .check import show_checks
    from .conflicts import conflicts_command
    from .diff import diff_command
    from .interchange import import_command
    from .options import make_query
    from .progress import progress_command
    from .read import audit_targets, log_command, state_company, state_market, state_model
    from .render import Output

    if demo_store is not None:
        check_new_or_empty(demo_store)
    with tempfile.TemporaryDirectory(prefix="mxt-demo-") as folder:
        ctx.obj = Context(demo_store or str(Path(folder) / "demo.sqlite"))
        step(f"Loading the seed story into {shown_location(ctx.obj.store_location)}")
        ctx.invoke(import_command, files=(str(seed_path()),), as_json=False, progress=False)
        reads = {"known_at": None, "as_json": False}

        step("The log: every announcement, in the order it was made")
        ctx.invoke(log_command, as_of=None, since=None, until=None, companies=(), model=None,
                   market=None, kind=None, **reads)  # fmt: skip
        step("YU7 the day before its launch, then two days after (200k pre-bookings, 240k locked)")
        ctx.invoke(state_model, subject="Xiaomi/YU7", as_of="2025-06-25", **reads)
        click.echo()
        ctx.invoke(state_model, subject="Xiaomi/YU7", as_of="2025-06-28", **reads)
        step("Germany after the 'not outside China until 2027' livestream: blocked")
        ctx.invoke(state_market, code="DE", as_of="2025-07-05", **reads)
        step("Germany in February 2027: the policy has lapsed, Europe is expected")
        ctx.invoke(state_market, code="DE", as_of="2027-02-01", **reads)
        step("Xiaomi at the end of 2024, then in July 2025 (target raised, factory growing)")
        ctx.invoke(state_company, name="Xiaomi", as_of="2024-12-31", **reads)
        click.echo()
        ctx.invoke(state_company, name="Xiaomi", as_of="2025-07-10", **reads)
        step("How the 2025 production target changed")
        ctx.invoke(audit_targets, companies=("Xiaomi",), metric="production", period="2025",
                   as_of=None, **reads)  # fmt: skip
        step("What changed for Xiaomi between 2025-06-01 and 2025-07-10")
        ctx.invoke(diff_command, date_from="2025-06-01", date_to="2025-07-10",
                   companies=("Xiaomi",), market=None, known_at=None, as_json=False)  # fmt: skip
        step(
            "June 2025 deliveries: Xiaomi's own 'over 25,000' (confirmed) is in force; the "
            "article's 28,000 (reported) lies within it"
        )
        ctx.invoke(state_company, name="Xiaomi", as_of="2025-07-10", **reads)
        step(
            "Where the sources disagree: the article's 'up to a year' against the app's 60 "
            "weeks for a YU7"
        )
        ctx.invoke(conflicts_command, companies=("Xiaomi",), as_of="2025-07-10", **reads)
        step(
            "Is the 2025 target on track? It counts units built, and no production figure is "
            "recorded: deliveries never stand in for production, so its pace is unknown"
        )
        ctx.invoke(progress_command, companies=("Xiaomi",), metric=None, period="2025",
                   as_of="2025-07-05", **reads)  # fmt: skip
        step("Is it true? The article's 'eighth straight month above 20,000', checked")
        show_checks(ctx.obj, make_query(None, None), None, Output(), strict=False)
        step("Integrity: the head hash to keep")
        ctx.invoke(verify_command, expect=None, as_json=False)
        step("From the article to drafts: mxt extract, next to the hand-made data set")
        show_extraction()
        step("Review: each typed draft beside what the hand-made data set holds, accepted")
        show_review(ctx, Path(folder), kept=demo_store is not None)
    click.echo()
    if demo_store is not None:
        shown = shown_location(demo_store)
        click.echo(f"The seed story stays in {shown}: try mxt --store {shown} log")
    else:
        click.echo("Keep a copy to explore: mxt demo --store tour.sqlite")
