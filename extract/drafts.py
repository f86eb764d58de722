"""The pipeline: sentences -> cues -> draft announcements in the import format."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date

from mxt.events.content import Content
from mxt.events.invisible import visible_name

from . import cues, evidence, figures, names, when
from .cues import Clue, Draft
from .figures import normalise
from .fit import as_statement, fit, summary
from .roles import role_of
from .sentences import Sentence, split_clauses, split_sentences

_REPORTED = (
    r"\baccording\s+to\s+(?:people|persons?|sources?|a\s+person|(?:media\s+)?reports?|media|"
    r"analysts?|insiders?|data)\b|\bpeople\s+(?:familiar|with\s+knowledge)\b|\breportedly\b|"
    r"\b(?:is|are|was|were)\s+said\s+to\b|\brumou?r|\bsources?\s+(?:said|say)\b|"
    r"\bit\s+is\s+(?:reported|understood|learned|learnt)\b|\breports?\s+(?:say|said|suggest\w*)\b"
)
_EXPECTED = (
    r"\b(?:expected|expects?|plans?|planning|planned|could|may|might|likely|anticipated|"
    r"projected|set\s+to|intends?|soon)\b"
)
# A target is itself a plan: its own wording ("aims to", "plans to deliver") is not doubt.
_TARGET_WORDS = r"\b(?:plans?\s+to|expects?\s+to|aims?\s+to)\s+(?:deliver|sell|produce|build)"
_CONFIRMED = (
    r"\b(?:said|says|announced|announces|stated|told|posted|insists|according\s+to)\b|"
    r"\bconfirm(?:ed|s)\s+(?:that|it|on|in)\b"  # not "confirmed orders"
)
_TITLES = r"CEO|chief\s+executive|founder|chairman|president|spokes(?:person|man|woman)|CFO"
_SPEAKER = re.compile(
    rf"\b(?P<title>{_TITLES})\s+(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}})\b|"
    rf"\b(?P<name2>[A-Z][a-z]+\s[A-Z][a-z]+),\s+(?:the\s+company's\s+|its\s+)?(?P<title2>{_TITLES})"
)
_SAYS = r"\b(?:said|says|confirmed|announced|told|insists|insisted|wrote|posted|according\s+to)\b"
_WORD = re.compile(r"\w+")
_PART = re.compile(
    r"(?:of\s+which|including|includ\w+|among\s+(?:them|which)|comprising|consisting\s+of)\b",
    re.IGNORECASE,
)
# A sentence that opens by referring back to a company: "Its e.MAS 7…", "The company…".
_OPENS_REFERRING_BACK = re.compile(
    r"^(?:It|Its|The\s+(?:company|carmaker|automaker|group|firm|brand|maker|manufacturer))\b"
)
# An interview's question and its answer: "Q: How is the Tasman going?" / "A: We've got…".
_QUESTION = re.compile(r"^(?:Q|Question)\s*[:.-]\s")
# A list item that opens on a label and a colon: "3/ Ineos: …", "- HAVAL: …", "• Xpeng: …".
_ITEM_LABEL = re.compile(
    r"^(?:\d{1,2}\s*[/.)]|[-•*·–▪●])\s*(?P<name>[A-Z][\w&.'-]*(?:\s[A-Z][\w&.'-]*){0,2}):\s"
)
# Labels of a list item that name no one: what the item is about, not who.
_COMMON_LABELS = frozenset(
    re.split(
        r"\s+",
        "Update Note Correction Breaking Analysis Outlook Sales Exports Imports Market Markets "
        "Total Overall Background Context Also Plus Bonus Edit Source Sources Data Chart Why What "
        "Who When Where How Launches Factories Plants Orders Deliveries Targets Policy Prices "
        "Q A Quote Verdict Bottom Line Takeaway Summary Recap News Elsewhere Meanwhile",
    )
)
_ANSWER = re.compile(r"^(?:A|Answer)\s*[:.-]\s")
_ON_A_WEEKDAY = re.compile(r"\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_BOILERPLATE = re.compile(
    r"^(?:scroll to top|read more|advertisement|share this|subscribe)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class SourceInfo:
    """Where the text comes from: `title` defaults to the text's first line."""

    title: str | None = None
    url: str | None = None
    publisher: str | None = None


class _Reading:
    """What the pipeline knows so far in the text: the company and model last named in the
    paragraph (never carried into the next paragraph), the factory site last named, the
    people quoted with their titles, and the model names the text (or the store) makes
    known."""

    def __init__(
        self,
        subject: str,
        extra: tuple[str, ...],
        horizon: str | None,
        known: tuple[str, ...] = (),
        aliases: names.Aliases = (),
    ) -> None:
        self.subject = subject
        self.extra = extra
        self.aliases = aliases
        self.horizon = horizon
        self.known = known
        self.paragraph = -1
        self.company: str | None = None
        self.before: str | None = None  # the last company the paragraph before named
        self.event: str | None = None  # the one show the text names
        self.model: str | None = None
        self.site: str | None = None
        self.period: str | None = None
        self.reported: str | None = None  # the period of the text's last figure drafted
        self.titled: str | None = None  # the period the text's title names
        self.people: dict[str, str] = {}
        self.setting: str | None = None  # the country the text is set in ("here")
        self.asked = False  # the paragraph before is an interview's question
        self.answering = False  # the paragraph is an interview's answer
        self.bodies: tuple[str, ...] = ()  # the industry bodies and data firms the text names
        self.section: str | None = None  # the one company the last heading names
        self.by_company = False  # whether a heading below the title named a company
        self.title_line = 0  # the line of the text's title
        self.names_some = False  # whether the text names a company anywhere

    def enter_section(self, heading: Sentence) -> None:
        """A heading starts a section: the company it names, when it names one ("TVS Motor
        Company (BSE: 532343)", "Kia EV3: the slot moved again"), is the company of the
        lines below it that name none, until the next heading."""
        named = self._companies(normalise(heading.text))
        if len(named) == 1:
            self.section = named[0]
            self.by_company = self.by_company or heading.paragraph > self.title_line
        elif self.by_company and _NAME_ONLY.match(heading.text):
            # a text set out by company, whose next label names one mxt does not know
            # ("Eicher Motors / Royal Enfield (BSE: 505200)"): no company is a safe guess
            self.section = cues.UNKNOWN_COMPANY
        else:
            self.section = None

    def clues(self, sentence: Sentence, published: date) -> list[Clue]:
        """The sentence's clauses, each with its context and role; the context is then
        updated with what the sentence names. A clause's company is the one it names, else
        its sentence's, else the paragraph's, else the text's subject (guessed); a paragraph
        that opens by referring back ("Its e.MAS 7…") speaks of the company the paragraph
        before named last."""
        if sentence.paragraph != self.paragraph:
            answer = _ANSWER.match(sentence.text) and self.asked
            self.before = self.company or self.before
            if not answer:  # an interview's answer speaks of what its question named
                self.company, self.model = None, None
            self.paragraph = sentence.paragraph
            self.period, self.site = None, None
            if self.before and _OPENS_REFERRING_BACK.match(sentence.text):
                self.company = self.before
            self.asked = bool(_QUESTION.match(sentence.text))
            self.answering = bool(_ANSWER.match(sentence.text))
        text = normalise(sentence.text)
        parts = split_clauses(sentence.text)
        # A company named only in a part of the whole ("…, of which Zeekr contributed…") is
        # not the company of the other clauses.
        in_sentence = self._companies(" ".join(normalise(p) for p in parts if not _PART.match(p)))
        found = []
        before: list[str] = []  # the companies the sentence's earlier clauses named
        subject: list[str] = []  # the company the clause before was about
        for part in parts:
            clause = normalise(part)
            in_clause = self._companies(clause)
            # a clause that opens on its verb goes on with the subject of the one before
            # ("Production at GM's plant, which builds the Cadillac …, was paused"), not with
            # the company that clause named last
            carried_on = subject if cues.BARE_VERB.match(clause) else []
            named = in_clause or carried_on or before[-1:] or in_sentence
            company = named[0] if named else self.company or self.section or self.subject
            if not named and self._labelled_by_a_stranger(text):
                company = cues.UNKNOWN_COMPANY  # "3/ Ineos: production halted": not the last
            maker = None if named else names.maker_of_model(clause)
            # (a text that names no company at all types nothing, the model's maker neither)
            knowable = company != cues.UNKNOWN_COMPANY or self.names_some
            if maker and knowable and not self._of_maker(company, maker):
                # a model of another maker's ("building the Ioniq 5") is its maker's, not the
                # company an earlier sentence named
                company, named = maker, [maker]
            if not _PART.match(part):
                before += in_clause
            subject = named[:1]
            # A policy's year stands for the subject's expected entries, not another's.
            horizon = self.horizon if company == self.subject else None
            found.append(
                Clue(
                    sentence.text,
                    clause,
                    sentence.heading,
                    published,
                    company,
                    not named,
                    self.model,
                    self.site,
                    horizon,
                    self.period or self.reported or self.titled,
                    text,
                    role_of(clause),
                    self.known,
                    tuple(in_sentence),
                    carried=self.company or self.subject,
                    event=self.event,
                    setting=self.setting,
                    spoken=self.answering,
                    bodies=self.bodies,
                )  # fmt: skip
            )
        self.company = in_sentence[0] if in_sentence else self.company
        models = names.models(text, self.known)
        self.model = models[-1].name if models else self.model
        self.site = cues.factory_site(text) or self.site
        self.period = when.period(text, published, "past")[0] or self.period
        if figures.running_total(text):  # "in the same period" after "the first nine months"
            # is a running total's, not a period mxt takes
            self.period = self.reported = self.titled = None
        self._learn_people(text)
        return found

    def _labelled_by_a_stranger(self, text: str) -> bool:
        """True when a list item opens on a label that is a name mxt does not know ("3/
        Ineos: Grenadier production halted"): the item speaks of that name, so no company
        named before may be guessed for it."""
        label = _ITEM_LABEL.match(text)
        if label is None:
            return False
        name = label.group("name")
        return not (
            name.split()[0] in _COMMON_LABELS
            or self._companies(name)
            or names.companies(name, self.extra, actors_only=False)
            or names.markets(name)
            or names.models(name, self.known)
            or any(names.not_a_name(word) for word in name.split())
        )

    @staticmethod
    def _of_maker(company: str, maker: str) -> bool:
        """True when a company is the maker, or one of its brands or arms."""
        return company == maker or (names.maker_of(company) or "").startswith(maker)

    def _companies(self, text: str) -> list[str]:
        return names.companies(text, self.extra, aliases=self.aliases)

    def _learn_people(self, text: str) -> None:
        for match in _SPEAKER.finditer(text):
            name = match.group("name") or match.group("name2")
            title = re.sub(r"\s+", " ", match.group("title") or match.group("title2"))
            label = f"{name} ({'CEO' if title.lower() == 'chief executive' else title})"
            for part in {name, *name.split()}:
                self.people[part] = label

    def speaker(self, text: str) -> str | None:
        """The person the sentence quotes, when they were introduced with a title: the
        earliest of the sentence's words (or runs of two or three) that names one, looked
        up, so that the time it takes does not grow with the people met so far."""
        if not re.search(_SAYS, text, re.IGNORECASE):
            return None
        words = list(_WORD.finditer(text))
        spoken = [
            (word.start(), label)
            for index, word in enumerate(words)
            for last in words[index : index + 3]
            if (label := self.people.get(text[word.start() : last.end()])) is not None
        ]
        return min(spoken)[1] if spoken else None


def certainty(draft: Draft, text: str, sentence: str | None = None) -> tuple[str, str | None]:
    """How sure the wording of a clause is (its sentence says who is the source: "people
    familiar with the plans said"), and a guess to note when the wording says nothing."""
    sentence = sentence or text
    if re.search(_REPORTED, sentence, re.IGNORECASE):
        return "reported", None
    wording = draft.fields.get("_clause", text)
    if draft.planned:
        wording = re.sub(_TARGET_WORDS, "", wording, flags=re.IGNORECASE)
    wording = re.sub(r"(?<!^)\bMay\b", "", wording)  # the month, not doubt
    if re.search(_EXPECTED, wording, re.IGNORECASE) or draft.expected:
        return "expected", None
    if re.search(_CONFIRMED, sentence, re.IGNORECASE):
        return "confirmed", None
    return "reported", "certainty reported (the sentence names no source)"


# The lines a text names the company it is about in, if it names one: its title and opening.
_OPENING_LINES = 4


def _subject(
    text: str, company: str | None, extra: tuple[str, ...] = (), aliases: names.Aliases = ()
) -> str:
    """The company the text is about: the one given, else the first named in the text."""
    if company:
        return company
    # (a text that names no company in its opening lines is not about the first one it names
    # further on: slides listing a supplier's customers)
    lines = [line for line in text.splitlines() if line.strip()][:_OPENING_LINES]
    for line in lines:
        named = names.companies(normalise(line), extra, aliases=aliases)
        if named:
            return named[0]
    # Named only as a host or a rival ("at BYD's new plant"): still the one the text is about.
    for line in lines:
        named = names.companies(normalise(line), extra, actors_only=False, aliases=aliases)
        if named:
            return named[0]
    return cues.UNKNOWN_COMPANY


def _horizon(sentences: list[Sentence], published: date) -> str | None:
    """The year the text's first sales policy names ("until 2027"), if any."""
    for sentence in sentences:
        clue = Clue(sentence.text, normalise(sentence.text), sentence.heading, published,
                    "", False, None, None, None)  # fmt: skip
        for draft in cues.policy(clue):
            return str(draft.fields["not_before"])[:4]
    return None


def _finish(
    draft: Draft, clue: Clue, reading: _Reading, source: dict[str, str], doubts: list[str]
) -> Content:
    """The import-format line of a draft, as the schema takes it today (`fit`), its note
    saying what was guessed and what was changed to fit; a statement of its sentence when
    the draft lacks evidence (`doubts`), its note giving the reading and what was lacking."""
    guesses = list(draft.guesses)
    company = draft.company or clue.company
    if company == cues.UNKNOWN_COMPANY:
        guesses.insert(0, "the company (the text names none)")
    elif clue.company_guessed and not draft.company:
        guesses.insert(0, f"company {company} from the surrounding text")
    relation = names.relation(company)
    if relation:
        guesses.append(f"{company} is {relation}")
    level, guess = certainty(draft, clue.text, clue.whole)
    if guess:
        guesses.append(guess)
    announced_on = draft.announced_on or when.stated_day(clue.text, clue.published)
    weekday = _ON_A_WEEKDAY.search(clue.whole) if announced_on is None else None
    if weekday is not None:
        # the weekday its sentence dates the news by ("HMIL on Monday reported exports of…,
        # while domestic sales stood at…") dates each of its clauses
        announced_on = when.stated_day(weekday.group(0), clue.published)
    if announced_on is not None and draft.announced_on is None:
        guesses.append(f"announced_on {announced_on.isoformat()} read from the sentence")
    fields = draft.said
    line: Content = {
        "kind": draft.kind,
        "company": company,
        "announced_on": (announced_on or clue.published).isoformat(),
        **fields,
        "certainty": level,
    }
    speaker = reading.speaker(clue.text)
    if speaker:
        line["speaker"] = speaker
    line["source"] = {**source, "quote": clue.quote}
    if doubts and draft.kind != "statement":
        reading_of = f"a {draft.kind} ({summary(line)}), but {'; '.join(doubts)}"
        line, changes = as_statement(line, reading_of)
    else:
        line, changes = fit(line)
    said = "; ".join(guesses) if guesses else "nothing beyond the reading of the sentence"
    note = f"Extracted by mxt extract (a draft to review). Guessed: {said}."
    if changes:
        note += " Written to fit mxt's schema: " + "; ".join(changes) + "."
    line["note"] = note
    return line


def _deduplicated(found: list[Content]) -> list[Content]:
    """One draft per fact: a fact found again keeps its first draft."""
    kept: dict[str, Content] = {}
    for line in found:
        key = json.dumps(
            {k: v for k, v in line.items() if k not in ("source", "note", "certainty", "speaker")},
            sort_keys=True,
        )
        kept.setdefault(key, line)
    return [line for line in kept.values() if not _told_again_by_name(line, found)]


def _told_again_by_name(line: Content, found: list[Content]) -> bool:
    """True for a factory draft of a plant the text does not name ("its first European
    plant has slipped into next year") when the text tells the same step again of a plant
    it names, at the same time or within it (2026-Q1 within 2026): one fact, one draft."""
    if line["kind"] != "factory" or line["site"] != f"{line['company']} plant":
        return False
    when = str(line.get("effective_on", ""))
    return any(
        other["kind"] == "factory"
        and other is not line
        and other["company"] == line["company"]
        and other["site"] != line["site"]
        and other["status"] == line["status"]
        and str(other.get("effective_on", "")).startswith(when)
        for other in found
    )


def _one_statement(lines: list[Content]) -> list[Content]:
    """The drafts of one sentence with its statements made one: the first, its note adding
    what the others were read as."""
    statements = [line for line in lines if line["kind"] == "statement"]
    if len(statements) < 2:
        return lines
    first = statements[0]
    readings = [
        line["note"].split("kept as a statement: ", 1)[1]
        for line in statements[1:]
        if "kept as a statement: " in line["note"]
    ]
    if readings:
        first["note"] = first["note"].rstrip(".") + "; also " + "; also ".join(readings)
    return [line for line in lines if line["kind"] != "statement"] + [first]


# Controls a text may not hold (`mxt import` refuses them in a quote): those that end a line
# for `str.splitlines` become a line break, the others are dropped.
_LINE_BREAKING = re.compile("[\x0b\x0c\x1c-\x1e\x85]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    """`text` without the control characters (tab and line breaks aside) that no quote or
    name may hold: a quote of such a text is verbatim but for them."""
    return _CONTROLS.sub("", _LINE_BREAKING.sub("\n", text))


def extract_drafts(
    text: str,
    published: date,
    source: SourceInfo | None = None,
    company: str | None = None,
    known_companies: tuple[str, ...] = (),
    known_models: tuple[str, ...] = (),
) -> list[Content]:
    """The draft announcements of a news text, in the import format: one per fact found in
    a clause (a sentence of no kind becomes a `statement`), each quoting its sentence
    verbatim. `known_companies` and `known_models`: names a store already holds."""
    source = source or SourceInfo()
    text = without_controls(text)
    sentences = [s for s in split_sentences(text) if not _BOILERPLATE.match(s.text)]
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    # The default title is a name: what the name rules refuse is dropped, the rest cut.
    title = source.title or visible_name(first_line) or "Untitled"
    cited = {"title": title}
    cited.update({k: v for k, v in (("url", source.url), ("publisher", source.publisher)) if v})
    extra = tuple(dict.fromkeys(((company,) if company else ()) + known_companies))
    introduced, aliases = names.learned_companies(normalise(text), extra)
    extra += introduced
    known = tuple(dict.fromkeys(known_models + names.learned_models(normalise(text), extra)))
    subject = _subject(text, company, extra, aliases)
    reading = _Reading(subject, extra, _horizon(sentences, published), known, aliases)
    reading.event = cues.event_of(normalise(text))
    reading.title_line = sentences[0].paragraph if sentences else 0
    reading.names_some = bool(names.companies(normalise(text), extra, actors_only=False))
    reading.setting = names.setting(normalise(text), extra)
    reading.bodies = names.learned_bodies(normalise(text), extra)
    # "September registrations: …": the period of the figures that name none (a month, a
    # quarter or a half: a title's year is often a show's or a plan's)
    heading = sentences[0].text if sentences and sentences[0].heading else ""
    titled = when.period(normalise(heading), published, "past")[0] if heading else None
    reading.titled = titled if titled and len(titled) > 4 else None
    found: list[Content] = []
    paragraphs = text.splitlines()
    for sentence in sentences:
        if sentence.heading and _QUESTION.match(sentence.text):
            reading.clues(sentence, published)  # what its answer speaks of
        if sentence.heading or _labels_a_section(sentence, paragraphs):
            reading.enter_section(sentence)
        if not sentence.heading:  # a heading summarises the body, which tells it in full
            paragraph = paragraphs[sentence.paragraph].strip()
            for line in _sentence_drafts(sentence, reading, cited, published):
                line["note"] = with_paragraph(line["note"], paragraph, sentence.text)
                found.append(line)
    return _deduplicated(found)


# A label that is a name and nothing else: capitalised words, "&", "/", and perhaps a listing
# code in brackets ("Hero MotoCorp (BSE: 500182)").
_NAME_ONLY = re.compile(
    r"^[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|/|&))+(?:\s+\([^)]*\))?$|"
    r"^[A-Z][\w&.'-]*(?:\s+\([^)]*\))$"
)
_LIST_ITEM = re.compile(r"^(?:[-•*·–▪●]|\d{1,2}[.)])\s")
# A line that labels what follows: a few words, no full stop ("TVS Motor Company (BSE:
# 532343)", "Slide 7 - Footprint moves").
_LABEL_WORDS = 8


def _labels_a_section(sentence: Sentence, paragraphs: list[str]) -> bool:
    """True when a sentence is its line, of a few words, and ends with no full stop, question
    or exclamation mark: a label of the lines below it, as a heading is."""
    line = paragraphs[sentence.paragraph].strip()
    return (
        line == sentence.text
        and not _LIST_ITEM.match(line)  # ("- Kia EV3: 5 months" is an item, not a label)
        and len(line.split()) <= _LABEL_WORDS
        and not line.endswith((".", "!", "?", '."', ".”"))
    )


# A draft's note ends with the paragraph its quote stands in (when the paragraph says more
# than the quote), so that a reviewer reads the sentence in its context (`mxt review`).
_PARAGRAPH = " Its paragraph: «"
PARAGRAPH_CHARACTERS = 1_500  # at most, around the quote


def with_paragraph(note: str, paragraph: str, quote: str) -> str:
    """The note, ending with the paragraph the quote stands in (cut around the quote to
    `PARAGRAPH_CHARACTERS`); the note alone when the paragraph is the quote."""
    if paragraph == quote or quote not in paragraph:
        return note
    if len(paragraph) > PARAGRAPH_CHARACTERS:
        at = paragraph.index(quote)
        room = max(0, PARAGRAPH_CHARACTERS - len(quote)) // 2
        start, end = max(0, at - room), min(len(paragraph), at + len(quote) + room)
        paragraph = (
            ("…" if start else "") + paragraph[start:end] + ("…" if end < len(paragraph) else "")
        )
    return f"{note}{_PARAGRAPH}{paragraph}»"


def paragraph_of(note: str) -> str | None:
    """The paragraph a draft's note ends with (`with_paragraph`), or None."""
    at = note.rfind(_PARAGRAPH)
    if at < 0 or not note.endswith("»"):
        return None
    return note[at + len(_PARAGRAPH) : -1]


def without_paragraph(note: str) -> str:
    """The note without the paragraph it ends with: what is kept once a person has read it."""
    at = note.rfind(_PARAGRAPH)
    return note[:at] if at >= 0 and note.endswith("»") else note


def guesses_of(note: str) -> list[str]:
    """What a draft's note says was guessed, one item each ("market CN (the company's home
    market; …)", "year of the period 2025-06"); [] when nothing was."""
    match = re.search(r"Guessed: (.*?)\.(?: Written to fit| Its paragraph:|$)", note)
    if match is None or match.group(1).startswith("nothing beyond"):
        return []
    items, depth, current = [], 0, ""
    for character in match.group(1):  # "; " inside brackets does not end an item
        depth += {"(": 1, ")": -1}.get(character, 0)
        if character == ";" and depth == 0:
            items.append(current.strip())
            current = ""
        else:
            current += character
    return [item for item in [*items, current.strip()] if item]


def _sentence_drafts(
    sentence: Sentence, reading: _Reading, cited: dict[str, str], published: date
) -> list[Content]:
    """The drafts of one sentence: the facts of each clause, typed when the clause gives
    evidence enough, else one statement of the sentence."""
    clues = reading.clues(sentence, published)
    lines = []
    for clue in clues:
        drafts = _drafts_of(clue)
        used = _figures_used(drafts)
        lines += [_finish(d, clue, reading, cited, evidence.doubts(d, clue, used)) for d in drafts]
        reading.reported = next(
            (str(d.fields["period"]) for d in drafts if d.kind == "deliveries"), reading.reported
        )
    if not lines:
        whole = Clue(
            sentence.text, clues[0].whole, sentence.heading, published, clues[0].company,
            clues[0].company_guessed, None, None, None, None, clues[0].whole,
            role_of(clues[0].whole), reading.known,
        )  # fmt: skip
        lines = [_finish(d, whole, reading, cited, []) for d in cues.statement(whole)]
    return _one_statement(lines)


def _drafts_of(clue: Clue) -> list[Draft]:
    """The typed drafts the cues find in one clause, none saying a status was reached that
    its own words put after publication (`evidence.ahead_as_plan`)."""
    return [evidence.ahead_as_plan(draft, clue) for cue in cues.CUES for draft in cue(clue)]


def _figures_used(drafts: list[Draft]) -> set[int]:
    """Where the figures the drafts of one clause stand on start (value and previous)."""
    return {
        at for draft in drafts for key in ("_at", "_previous_at")
        if isinstance(at := draft.fields.get(key), int)
    }  # fmt: skip
