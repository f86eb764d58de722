"""`mxt review`: a person goes through drafts (`mxt extract`'s), each beside what the store
holds for it, decides, and the accepted ones are imported in one transaction (SPEC §11)."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from mxt.events.content import Content

from .main import Context
from .render import emit_json, printable

if TYPE_CHECKING:
    from mxt.projections.questions.read_side import ReadSide
    from mxt.projections.rules.standing import Standing

ACCEPTED, REJECTED, SKIPPED = "accepted", "rejected", "skipped"
VERDICTS = ("repeat", "contradiction", "update", "new", "recorded")  # `Standing.verdict`
KEYS = "[a]ccept  [e]dit a field  [k]ind  [s]kip  [r]eject  [q]uit"
# The fields a draft shows in its heading rather than in its list of fields.
_HEADING = ("kind", "company", "announced_on", "certainty", "speaker", "source", "note", "id")


@dataclass
class Draft:
    """One draft under review: where it was read, its content as it stands (its paragraph
    taken off its note), what was guessed, the decision, whether it was edited, and why it
    cannot be imported as it stands (after a change of kind)."""

    where: int
    content: Content
    paragraph: str | None
    guessed: list[str]
    decision: str = SKIPPED
    edited: bool = False
    problem: str | None = None
    standing: Standing | None = field(default=None, repr=False)

    @property
    def label(self) -> str:
        return f"line {self.where}"


def read_drafts(path: str) -> list[Draft]:
    """The drafts of a JSON Lines file (`-`: stdin), each validated as `import` validates it;
    a bad line, or one that is not an announcement (a correction), is bad input, named."""
    from mxt.events.content import load_json
    from mxt.events.errors import InputError
    from mxt.extract.drafts import guesses_of, paragraph_of, without_paragraph

    from .interchange import bounded_lines, check_encoding

    found: list[Draft] = []
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise InputError("file", f"{path}: {error.strerror}") from None
    try:
        for number, raw in bounded_lines(stream, ""):
            if raw.isspace():
                continue
            try:
                check_encoding(raw, number)
                content = load_json(raw)
                checked(content)
            except InputError as error:
                raise error.at_line(number) from None
            except ValueError as error:  # not JSON at all
                raise InputError(None, f"malformed JSON: {error}", number) from None
            note = content.get("note") or ""
            if note:
                content["note"] = without_paragraph(note)
            found.append(Draft(number, content, paragraph_of(note), guesses_of(note)))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return found


def existing_read_side(context: Context) -> ReadSide | None:
    """The store opened for reading when it exists (nothing is created, nothing written);
    None when there is no store yet. Another program's file is refused."""
    from mxt.storage.errors import NotAStore, StoreMissing

    try:
        return context.open_read_side()
    except NotAStore:
        raise
    except StoreMissing:
        return None


def checked(content: Content) -> Content:
    """The draft as the store would keep it (its id filled in), validated as `import`
    validates a line; bad input (or a line that is no announcement) raises, named."""
    from mxt.events.announcements import parse_line
    from mxt.events.errors import InputError
    from mxt.events.schemas.base import Announcement, with_id

    line = parse_line(content)
    if not isinstance(line, Announcement):
        raise InputError("kind", f"review takes drafts of announcements, not a {line.kind}")
    return with_id(line)


def weigh(draft: Draft, read_side: ReadSide | None) -> None:
    """What the store holds for the draft as it stands (none without a store)."""
    from mxt.projections.questions.reviewing import standing_of

    from .options import make_query

    if read_side is None or draft.problem is not None:
        draft.standing = None
        return
    draft.standing = standing_of(read_side, checked(draft.content), make_query()).data


@click.command("review")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--accept-all", is_flag=True, help="Accept every draft, never prompting.")
@click.option(
    "--accept", "accept_kinds", multiple=True, metavar="KIND",
    help="Accept the drafts of KIND (repeat), skip the others; never prompts.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True,
              help="Print the summary and each draft's decision and standing as JSON.")  # fmt: skip
@click.pass_obj
def review_command(
    context: Context, file: str, accept_all: bool, accept_kinds: tuple[str, ...], as_json: bool
) -> None:
    """Go through the drafts of FILE (`mxt extract`'s JSON Lines; `-` = stdin), each shown
    with its quote in its paragraph, its fields (the guessed ones marked) and what the store
    holds for the same slot (a repeat, a contradiction); accept, edit a field, change its
    kind, skip or reject it. The accepted drafts are then imported in one transaction, all
    or none, as `mxt import` does. Without a terminal, --accept-all or --accept KIND decides
    for every draft and nothing is asked.

    Example: mxt review drafts.jsonl  (drafts.jsonl: mxt extract article.txt --published
    2025-07-04 > drafts.jsonl)
    """
    from mxt.events.errors import InputError
    from mxt.events.kinds import KIND_NAMES

    unknown = [kind for kind in accept_kinds if kind not in KIND_NAMES]
    if unknown:
        raise InputError("accept", f"unknown kind {unknown[0]!r} (one of: {', '.join(KIND_NAMES)})")
    batch = accept_all or bool(accept_kinds)
    if not batch and not (sys.stdin.isatty() and sys.stdout.isatty() and file != "-"):
        raise InputError("accept", "not a terminal: give --accept-all or --accept KIND (review "
                         "asks nothing without a terminal)")  # fmt: skip
    try:  # Ctrl-C at any moment: aborted, nothing written (the import is all or none)
        drafts = read_drafts(file)
        read_side = existing_read_side(context)
        for draft in drafts:
            weigh(draft, read_side)
        if batch:
            decide_all(drafts, accept_all, accept_kinds, read_side is not None, not as_json)
        else:
            Session(drafts, read_side).run()
        if read_side is not None:
            read_side.close()  # before the import writes
        finish(context, drafts, as_json)
    except KeyboardInterrupt:
        raise click.Abort() from None


def decide_all(
    drafts: list[Draft], accept_all: bool, kinds: tuple[str, ...], has_store: bool, echo: bool
) -> None:
    """Batch mode: every draft accepted (`accept_all`) or those of `kinds`, the others
    skipped; each said in one line when `echo` (not for JSON output)."""
    for draft in drafts:
        draft.decision = ACCEPTED if accept_all or draft.content["kind"] in kinds else SKIPPED
        if echo:
            said = one_line(draft, has_store)
            click.echo(printable(f"{draft.label}: {draft.decision:<8} {said}"))


def finish(context: Context, drafts: list[Draft], as_json: bool) -> None:
    """Imports the accepted drafts in one transaction (none: nothing is written, no store is
    made) and prints the summary."""
    from mxt.events.announcements import parse_line

    from .interchange import record_lines

    accepted = [draft for draft in drafts if draft.decision == ACCEPTED]
    counts = {
        ACCEPTED: len(accepted),
        "edited": sum(1 for draft in accepted if draft.edited),
        REJECTED: sum(1 for draft in drafts if draft.decision == REJECTED),
        SKIPPED: sum(1 for draft in drafts if draft.decision == SKIPPED),
        "recorded": 0,
        "already_present": 0,
    }
    if accepted:
        result = record_lines(context, ((d.where, parse_line(d.content)) for d in accepted))
        counts["recorded"], counts["already_present"] = result.recorded, result.already_present
    verdicts = Counter(d.standing.verdict for d in drafts if d.standing is not None)
    if as_json:
        from mxt.projections.rules.records import to_json

        emit_json({**counts, "verdicts": dict(sorted(verdicts.items())), "drafts": [
            {"line": d.where, "kind": d.content["kind"], "decision": d.decision,
             "edited": d.edited, "store": to_json(d.standing) if d.standing else None}
            for d in drafts
        ]})  # fmt: skip
        return
    summary = (
        f"accepted {counts[ACCEPTED]} (edited {counts['edited']}), rejected {counts[REJECTED]}, "
        f"skipped {counts[SKIPPED]}; "
    )
    if accepted:
        summary += f"recorded {counts['recorded']}, already present {counts['already_present']}"
    else:
        summary += "nothing accepted, nothing written"
    if verdicts:
        weighed = ", ".join(f"{verdict} {verdicts[verdict]}" for verdict in VERDICTS)
        click.echo(f"against the store: {weighed}")
    click.echo(summary)


# -- what a draft shows ----------------------------------------------------------------------


def summarised(content: Content) -> str:
    """An announcement in one line, as its kind spells it in the log (which names a
    factory's status `factory_status`)."""
    from mxt.events.kinds import summary

    return summary({**content, "factory_status": content.get("status")})


def value_text(content: Content) -> str:
    """A draft's or a stored announcement's value, as the tables spell it."""
    from mxt.events.kinds import bounded, spell_count

    value, bound, high = bounded(content)
    return spell_count(value, bound, high) if isinstance(value, int) else str(value)


def standing_text(draft: Draft, has_store: bool) -> str:
    """What the store holds for the draft, in one line."""
    standing = draft.standing
    if draft.problem is not None:
        return f"not importable as it stands: {draft.problem}"
    if standing is None or not has_store:
        return "store: none yet (made when the first accepted draft is imported)"
    verdict = standing.verdict
    if verdict == "recorded":
        return "store: this very announcement is recorded already (importing it changes nothing)"
    if verdict == "new":
        from mxt.events.kinds import KINDS

        if KINDS[draft.content["kind"]].slot is None:
            return "store: nothing alike yet"
        if not standing.nearby:
            return "store: nothing for this slot yet"
        others = "; ".join(
            " ".join(f"{k} {v}" for k, v in found.subject if v is not None) + f": {found.value}"
            for found in standing.nearby
        )
        return f"store: nothing for this slot yet; it holds {others}"
    assert standing.in_force is not None
    stored = standing.in_force
    said = (
        f"store holds {summarised(stored)} ({stored.get('certainty', 'confirmed')}, "
        f"{stored['announced_on']}, id {stored.get('id')})"
    )
    if verdict == "repeat":
        return f"{said}: a repeat"
    if verdict == "contradiction":
        return f"{said}: CONTRADICTED by this draft's {value_text(draft.content)}"
    return f"{said}: this draft moves it on to {value_text(draft.content)}"


def one_line(draft: Draft, has_store: bool) -> str:
    """A draft and its standing in one line (batch mode)."""
    content = draft.content
    said = f"{content['kind']} {content['company']} {summarised(content)}"
    return f"{said} · {standing_text(draft, has_store)}"


def guessed_fields(draft: Draft) -> set[str]:
    """The fields the note says were guessed: the first word of each guess, when it names a
    field of the draft ("market CN (…)", "year of the period 2025-06": period)."""
    found = set()
    for guess in draft.guessed:
        word = guess.split()[0]
        if word == "year" and "period" in guess:
            word = "period"
        if word in draft.content:
            found.add(word)
    return found


def show(draft: Draft, number: int, total: int, has_store: bool) -> None:
    """A draft as the reviewer reads it: heading, quote in its paragraph, fields (guessed
    ones marked), what was guessed, what the store holds."""
    content = draft.content
    guessed = guessed_fields(draft)
    click.echo()
    heading = (
        f"── draft {number} of {total} ({draft.label}) · {content['kind']} · "
        f"{content['company']}{' (guessed)' if 'company' in guessed else ''} · "
        f"{content['announced_on']} · {content.get('certainty', 'confirmed')}"
    )
    click.echo(click.style(printable(heading), bold=True))
    quote = content.get("source", {}).get("quote", "")
    paragraph = draft.paragraph or quote
    if quote and quote in paragraph:
        before, _, after = paragraph.partition(quote)
        marked = click.style(printable(quote), bold=True, underline=True)
        click.echo(f"  {printable(before)}{marked}{printable(after)}")
    elif paragraph:
        click.echo("  " + printable(paragraph))
    for name, value in content.items():
        if name in _HEADING:
            continue
        mark = click.style("  ← guessed", fg="yellow") if name in guessed else ""
        click.echo(f"    {name:<14}{printable(str(value))}{mark}")
    if draft.guessed:
        click.echo("  guessed: " + printable("; ".join(draft.guessed)))
    line = standing_text(draft, has_store)
    colour = "red" if "CONTRADICTED" in line or draft.problem else None
    click.echo(click.style("  " + printable(line), fg=colour))


def read_key() -> str:
    """One key from the terminal. Keys typed before it asks are kept: `click.getchar` sets
    the terminal raw with TCSAFLUSH, which drops them (a reviewer typing ahead, or a script
    driving a pseudo-terminal, would lose keys). Ctrl-C raises KeyboardInterrupt, Ctrl-D
    EOFError."""
    try:
        import termios
        import tty
    except ImportError:  # no POSIX terminal: click's own
        return click.getchar()
    import os
    import select

    descriptor = sys.stdin.fileno()
    saved = termios.tcgetattr(descriptor)
    try:
        tty.setraw(descriptor, termios.TCSANOW)
        key = os.read(descriptor, 1)  # one byte: the keys typed after it wait their turn
        if key == b"\x1b":  # an arrow or a function key: its sequence is no decision
            while select.select([descriptor], [], [], 0.05)[0]:
                os.read(descriptor, 1)
    finally:
        termios.tcsetattr(descriptor, termios.TCSADRAIN, saved)
    if key == b"\x03":
        raise KeyboardInterrupt
    if key in (b"\x04", b""):
        raise EOFError
    return key.decode("ascii", "replace")


class Session:
    """The interactive review: one draft after another, a key for each decision."""

    def __init__(self, drafts: list[Draft], read_side: ReadSide | None) -> None:
        self.drafts = drafts
        self.read_side = read_side

    def run(self) -> None:
        """Asks about every draft in turn; `q` leaves the rest skipped. Ctrl-C aborts and
        writes nothing."""
        try:
            for number, draft in enumerate(self.drafts, 1):
                show(draft, number, len(self.drafts), self.read_side is not None)
                if not self.decide(draft):
                    break
        except (KeyboardInterrupt, EOFError):
            raise click.Abort() from None

    def decide(self, draft: Draft) -> bool:
        """Reads keys until the draft is decided; False when the reviewer quits."""
        while True:
            click.echo(KEYS + " ? ", nl=False)
            key = read_key().lower()
            click.echo(printable(key))
            if key == "a":
                if draft.problem is not None:
                    click.echo(printable(f"  cannot accept: {draft.problem}; edit it first"))
                    continue
                draft.decision = ACCEPTED
                return True
            if key in ("r", "s"):
                draft.decision = REJECTED if key == "r" else SKIPPED
                return True
            if key == "q":
                return False
            if key == "e":
                self.edit(draft)
            elif key == "k":
                self.change_kind(draft)
            else:
                continue
            show(draft, self.drafts.index(draft) + 1, len(self.drafts), self.read_side is not None)

    def edit(self, draft: Draft) -> None:
        """One field set as `mxt correct --set` takes it (`field=value`; commas for a list;
        an empty value removes the field), re-validated at once against the draft's kind:
        a value the kind refuses is said, and the draft stays as it was."""
        from mxt.events.content import apply_changes, normalised_changes
        from mxt.events.errors import InputError

        from .write import parse_assignment

        text = click.prompt("  field=value", default="", show_default=False).strip()
        if not text:
            return
        try:
            name, value = parse_assignment(text)
            if name in ("kind", "id"):
                raise InputError(name, "change the kind with [k]; the id is derived")
            # as the kind spells it once validated: "350k" is 350000
            said = normalised_changes(checked(apply_changes(draft.content, {name: value})),
                                      {name: value})  # fmt: skip
        except InputError as error:
            click.echo(click.style(printable(f"  refused: {error}"), fg="red"))
            return
        draft.content, draft.edited = apply_changes(draft.content, said), True
        self.settle(draft)

    def change_kind(self, draft: Draft) -> None:
        """The draft as another kind (`recast`): the fields the new kind lacks are then to be
        set with [e]; until then it cannot be accepted."""
        from mxt.events.kinds import KIND_NAMES
        from mxt.extract.fit import recast

        kind = click.prompt("  kind", type=click.Choice(KIND_NAMES), show_choices=True)
        draft.content, draft.edited = recast(draft.content, kind), True
        self.settle(draft)

    def settle(self, draft: Draft) -> None:
        """Checks the draft as it now stands and weighs it against the store again."""
        from mxt.events.errors import InputError

        try:
            checked(draft.content)
            draft.problem = None
        except InputError as error:
            draft.problem = str(error)
        weigh(draft, self.read_side)
