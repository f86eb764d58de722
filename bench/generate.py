"""Realistic synthetic announcement streams in the interchange format (SPEC §4), as JSONL.

A stream of `size` lines holds every kind of announcement from about `max(50, size / 2000)`
companies with a handful of models each, over ten years (2016-2025), in many markets (ISO
codes and `EU`). Target revisions come in chains (each one stating the value it replaces,
now and then misstated), factories go through their phases, deliveries are monthly. Lines
are written out of announced order (a shuffle window over companies interleaved at random);
then, as the format has them, one line per correction (~2 %) and per retraction (~1 %).

Deterministic for a seed, and streamed: memory is bounded by the number of companies and the
shuffle window, never by `size` (corrections and retractions wait in temporary files).

    python -m bench.generate --size 100000 --out bench/out/stream.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import string
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import IO, Any

START = date(2016, 1, 1)
END = date(2025, 12, 31)
SPAN_DAYS = (END - START).days

CORRECTION_SHARE = 0.02
RETRACTION_SHARE = 0.01
SHUFFLE_WINDOW = 4096

# Markets where cars are sold, by ISO 3166-1 alpha-2 code, plus the region EU.
MARKETS = (
    "CN", "US", "DE", "FR", "GB", "ES", "IT", "NL", "NO", "SE", "DK", "BE", "AT", "CH", "PL",
    "PT", "IE", "FI", "CZ", "HU", "GR", "JP", "KR", "IN", "AU", "NZ", "BR", "MX", "CA", "CL",
    "AE", "SA", "IL", "TR", "TH", "ID", "MY", "SG", "PH", "VN", "ZA", "EU",
)  # fmt: skip
HOME_MARKETS = ("CN", "CN", "CN", "US", "US", "DE", "JP", "KR", "FR", "GB", "SE", "IN", "VN")

# Kinds and how often each appears in a decade of tracking.
KIND_WEIGHTS = {
    "deliveries": 26,
    "statement": 12,
    "orders": 10,
    "target": 10,
    "launch": 10,
    "wait-time": 8,
    "expected-entry": 7,
    "showcase": 6,
    "factory": 6,
    "policy": 5,
}

# Kinds that never run out for a company (deliveries are monthly, factories go in phases).
OPEN_ENDED_KINDS = ("orders", "wait-time", "launch", "showcase", "expected-entry", "statement")

PUBLISHERS = (
    ("Reuters", "reuters.example"),
    ("Bloomberg", "bloomberg.example"),
    ("CnEVPost", "cnevpost.example"),
    ("Electrek", "electrek.example"),
    ("Automotive News Europe", "autonews.example"),
    ("Nikkei Asia", "nikkei.example"),
    ("Company press release", "press.example"),
    ("Weibo", "weibo.example"),
    ("The Economic Times", "economictimes.example"),
    ("Handelsblatt", "handelsblatt.example"),
)
VENUES = (
    ("MWC {y}, Barcelona", "ES"),
    ("IAA Mobility {y}, Munich", "DE"),
    ("Paris Motor Show {y}", "FR"),
    ("Auto Shanghai {y}", "CN"),
    ("Auto China {y}, Beijing", "CN"),
    ("CES {y}, Las Vegas", "US"),
    ("Goodwood Festival of Speed {y}", "GB"),
    ("Geneva Motor Show {y}", "CH"),
    ("Japan Mobility Show {y}, Tokyo", "JP"),
    ("Bharat Mobility Expo {y}, New Delhi", "IN"),
    ("Seoul Mobility Show {y}", "KR"),
    ("Dubai Motor Show {y}", "AE"),
)
SEGMENTS = ("sedan", "SUV", "compact SUV", "hatchback", "MPV", "pickup", "coupe", "crossover")
TRIMS = ("Standard", "Pro", "Max", "Ultra", "Long Range", "Performance")
TOPICS = ("hiring", "strategy", "pricing", "software", "partnership", "supply chain", "funding")
STATEMENTS = (
    "Active hiring for manufacturing and logistics roles",
    "The company will focus on its home market before expanding abroad",
    "Prices cut by up to {n}% on the entry trims",
    "Over-the-air update adds a driver assistance package",
    "Battery supply agreement signed with a new cell maker",
    "A new funding round of {n}00 million was closed",
    "Chip shortage is expected to slow production for {n} weeks",
)
QUOTES = (
    "We will not rush into markets we cannot serve well.",
    "Demand has exceeded our expectations.",
    "Production is ramping up week by week.",
    "We are confident in reaching this goal.",
    "The factory is ahead of schedule.",
)
CORRECTION_REASONS = (
    "misread the source",
    "typo in the figure",
    "the source updated its article",
    "wrong date in the original report",
)
RETRACTION_REASONS = (
    "duplicate of another report",
    "denied by the company",
    "the source withdrew the article",
)
FACTORY_STATUSES = ("land-acquired", "under-construction", "completed", "operational")
ROLES = ("CEO", "CFO", "President", "Head of International")


@dataclass
class Model:
    name: str
    debut: date
    launched: set[str] = field(default_factory=set)


@dataclass
class Company:
    name: str
    slug: str
    home: str
    active_from: date
    scale: int  # typical yearly units
    weight: float
    speaker: str
    models: list[Model]
    sites: list[str]
    factory: dict[str, tuple[int, int, date]] = field(default_factory=dict)
    targets: dict[tuple[str, str], tuple[date, int]] = field(default_factory=dict)
    delivery_month: int = 0  # months since START of the next monthly delivery figure
    delivery_slot: int = 0  # 0: company total, i: models[i - 1]


@dataclass
class StreamSummary:
    """What a generated stream holds: written beside it as `<stream>.manifest.json`."""

    size: int
    seed: int
    announcements: int
    corrections: int
    retractions: int
    kinds: dict[str, int]
    companies: list[dict[str, Any]]
    markets: list[str]
    with_id: int

    def to_json(self) -> dict[str, Any]:
        return {
            "size": self.size,
            "seed": self.seed,
            "announcements": self.announcements,
            "corrections": self.corrections,
            "retractions": self.retractions,
            "with_id": self.with_id,
            "kinds": self.kinds,
            "markets": self.markets,
            "companies": self.companies,
        }


def company_count(size: int) -> int:
    """About 2,000 lines a company, and never fewer than 50 companies."""
    return max(50, size // 2000)


def _syllables(rng: random.Random, count: int) -> str:
    onsets = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "x")
    vowels = ("a", "e", "i", "o", "u", "ai", "ao", "ei")
    codas = ("", "", "n", "r", "k", "x", "l")
    return "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(count)) + rng.choice(
        codas
    )


def _company_names(rng: random.Random, count: int) -> Iterator[str]:
    suffixes = ("", "", " Motors", " Auto", " Mobility", " EV", " Automotive", " Cars")
    seen: set[str] = set()
    while len(seen) < count:
        stem = _syllables(rng, rng.choice((2, 2, 3))).capitalize()
        name = stem + rng.choice(suffixes)
        if stem.casefold() in seen:
            continue
        seen.add(stem.casefold())
        yield name


def _model_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        style = rng.random()
        if style < 0.4:
            name = f"{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}"
            name += str(rng.randint(1, 9))
        elif style < 0.7:
            name = _syllables(rng, 2).capitalize()
        else:
            name = f"{_syllables(rng, 2).capitalize()} {rng.randint(3, 9)}"
        if name.casefold() not in {n.casefold() for n in names}:
            names.append(name)
    return names


def _day(rng: random.Random, low: date, high: date) -> date:
    if high <= low:
        return low
    return low + timedelta(days=rng.randint(0, (high - low).days))


def _month(index: int) -> tuple[int, int]:
    return START.year + index // 12, index % 12 + 1


def make_companies(rng: random.Random, count: int) -> list[Company]:
    companies = []
    for name in _company_names(rng, count):
        slug = "".join(ch for ch in name.lower().replace(" ", "-") if ch.isalnum() or ch == "-")
        active_from = _day(rng, START, date(2021, 12, 31))
        models = [
            Model(model_name, _day(rng, active_from, END - timedelta(days=90)))
            for model_name in _model_names(rng, rng.randint(3, 8))
        ]
        models.sort(key=lambda model: model.debut)
        sites = [
            f"{_syllables(rng, 2).capitalize()} {rng.choice(('plant', 'gigafactory', 'works'))}"
            for _ in range(rng.randint(1, 3))
        ]
        first, last = _syllables(rng, 1).capitalize(), _syllables(rng, 2).capitalize()
        companies.append(
            Company(
                name=name,
                slug=slug,
                home=rng.choice(HOME_MARKETS),
                active_from=active_from,
                scale=rng.choice((20_000, 50_000, 100_000, 300_000, 1_000_000)),
                weight=rng.lognormvariate(0, 0.4),
                speaker=f"{first} {last} ({rng.choice(ROLES)})",
                models=models,
                sites=sites,
                delivery_month=(active_from.year - START.year) * 12 + active_from.month - 1,
            )
        )
    return companies


class Generator:
    """Makes announcement lines one at a time, each company's story moving forward."""

    def __init__(self, seed: int, size: int, companies: int | None = None) -> None:
        self.rng = random.Random(seed)
        self.companies = make_companies(self.rng, companies or company_count(size))
        self.company_weights = list(accumulate(c.weight for c in self.companies))
        self.kinds = list(KIND_WEIGHTS)
        self.kind_weights = list(accumulate(KIND_WEIGHTS.values()))
        self.sequence = 0

    # -- common fields -------------------------------------------------------------------

    def _common(self, company: Company, kind: str, announced_on: date) -> dict[str, Any]:
        rng = self.rng
        self.sequence += 1
        publisher, domain = rng.choice(PUBLISHERS)
        line: dict[str, Any] = {
            "kind": kind,
            # now and then spelled differently: names match case-insensitively
            "company": company.name if rng.random() > 0.01 else company.name.upper(),
            "announced_on": announced_on.isoformat(),
        }
        source: dict[str, Any] = {
            "title": f"{company.name}: {kind.replace('-', ' ')} news",
            "url": f"https://{domain}/{announced_on:%Y/%m}/{company.slug}-{self.sequence:x}",
            "publisher": publisher,
        }
        if rng.random() < 0.3:
            source["quote"] = rng.choice(QUOTES)
        line["source"] = source
        if rng.random() < 0.3:
            line["speaker"] = company.speaker
        roll = rng.random()
        if kind == "expected-entry":
            line["certainty"] = "expected" if roll < 0.8 else "reported"
        elif roll < 0.2:
            line["certainty"] = "reported"
        elif roll < 0.25:
            line["certainty"] = "expected"
        if rng.random() < 0.1:
            line["note"] = f"Figure as reported by {publisher}; see the linked article."
        return line

    def _model(self, company: Company) -> Model:
        return self.rng.choice(company.models)

    def _around_debut(self, company: Company, model: Model) -> date:
        low = max(company.active_from, model.debut - timedelta(days=180))
        return _day(self.rng, low, END)

    # -- kinds ---------------------------------------------------------------------------

    def line(self) -> dict[str, Any]:
        company = self.rng.choices(self.companies, cum_weights=self.company_weights)[0]
        kind = self.rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        made = getattr(self, "_" + kind.replace("-", "_"))(company)
        while made is None:  # that part of the company's story is told: another kind
            kind = self.rng.choice(OPEN_ENDED_KINDS)
            made = getattr(self, "_" + kind.replace("-", "_"))(company)
        return made

    def _launch(self, company: Company) -> dict[str, Any]:
        rng = self.rng
        model = self._model(company)
        market = company.home if company.home not in model.launched else rng.choice(MARKETS)
        model.launched.add(market)
        announced_on = self._around_debut(company, model)
        line = self._common(company, "launch", announced_on)
        line.update(model=model.name, market=market)
        if rng.random() < 0.3:
            line["launched_on"] = (announced_on + timedelta(days=rng.randint(30, 270))).isoformat()
        elif rng.random() < 0.5:
            line["launched_on"] = announced_on.isoformat()
        if rng.random() < 0.6:
            line["segment"] = rng.choice(SEGMENTS)
        if rng.random() < 0.2:
            line["competitor"] = rng.choice(self.companies).name
        return line

    def _orders(self, company: Company) -> dict[str, Any]:
        rng = self.rng
        model = self._model(company)
        line = self._common(company, "orders", self._around_debut(company, model))
        line.update(
            model=model.name,
            stage=rng.choice(("pre-booking", "locked", "confirmed")),
            count=rng.randint(1, 400) * 1000,
        )
        if rng.random() < 0.3:
            line["within"] = rng.choice(("3m", "18h", "2d", "24h", "1w", "7d"))
        return line

    def _wait_time(self, company: Company) -> dict[str, Any]:
        rng = self.rng
        model = self._model(company)
        line = self._common(company, "wait-time", self._around_debut(company, model))
        line["model"] = model.name
        if rng.random() < 0.5:
            line["trim"] = rng.choice(TRIMS)
        line["max_months"] = rng.randint(1, 12) if rng.random() < 0.8 else rng.randint(1, 11) + 0.5
        return line

    def _target(self, company: Company) -> dict[str, Any] | None:
        rng = self.rng
        open_chains = [
            (chain, last)
            for chain, last in company.targets.items()
            if last[0] < min(END, _period_end(chain[1]))
        ]
        if open_chains and rng.random() < 0.6:
            (metric, period), (last_date, last_value) = rng.choice(open_chains)
            announced_on = min(END, last_date + timedelta(days=rng.randint(10, 120)))
            value = max(0, round(last_value * rng.uniform(0.8, 1.3), -3))
            stated: int | None = last_value
            roll = rng.random()
            if roll < 0.05:
                stated = int(round(last_value * rng.uniform(0.5, 0.95), -3))  # misstated
            elif roll < 0.1:
                stated = None
        else:
            metric = rng.choice(("production", "deliveries", "sales"))
            year = rng.randint(max(2016, company.active_from.year), 2026)
            roll = rng.random()
            if roll < 0.7:
                period = str(year)
            elif roll < 0.95:
                period = f"{year}-Q{rng.randint(1, 4)}"
            else:
                period = f"{year}-{rng.randint(1, 12):02d}"
            if (metric, period) in company.targets:
                return self._target(company)
            start = date.fromisoformat(_period_start(period))
            announced_on = _day(
                rng, max(company.active_from, start - timedelta(days=300)), min(END, start)
            )
            share = {4: 1.0, 7: 0.25}.get(len(period), 1 / 12)
            value = round(company.scale * share * rng.uniform(0.5, 1.5), -3)
            stated = None
        company.targets[(metric, period)] = (announced_on, int(value))
        line = self._common(company, "target", announced_on)
        line.update(metric=metric, period=period, value=int(value))
        if stated is not None:
            line["previous"] = int(stated)
        return line

    def _deliveries(self, company: Company) -> dict[str, Any] | None:
        rng = self.rng
        while True:
            year, month = _month(company.delivery_month)
            first = date(year, month, 1)
            if first > END - timedelta(days=31):
                return None
            slot = company.delivery_slot
            company.delivery_slot += 1
            if company.delivery_slot > len(company.models):
                company.delivery_slot = 0
                company.delivery_month += 1
            if slot == 0 or company.models[slot - 1].debut <= first:
                break
        next_month = date(year + month // 12, month % 12 + 1, 1)
        line = self._common(company, "deliveries", next_month + timedelta(days=rng.randint(0, 9)))
        monthly = company.scale / 12
        if slot == 0:
            units = monthly * rng.uniform(0.6, 1.4)
        else:
            units = monthly / len(company.models) * rng.uniform(0.3, 1.7)
            line["model"] = company.models[slot - 1].name
        line.update(period=f"{year}-{month:02d}", units=int(units))
        return line

    def _factory(self, company: Company) -> dict[str, Any] | None:
        rng = self.rng
        site = rng.choice(company.sites)
        phase, status, last = company.factory.get(site, (1, -1, company.active_from))
        status += 1
        if status == len(FACTORY_STATUSES):
            phase, status = phase + 1, 0
        announced_on = last + timedelta(days=rng.randint(30, 300))
        if announced_on > END:  # that site is done: the company builds another
            site = f"{_syllables(rng, 2).capitalize()} {rng.choice(('plant', 'works'))}"
            company.sites.append(site)
            phase, status = 1, 0
            announced_on = _day(rng, company.active_from, END - timedelta(days=365))
        company.factory[site] = (phase, status, announced_on)
        line = self._common(company, "factory", announced_on)
        line.update(site=site, phase=phase, status=FACTORY_STATUSES[status])
        if rng.random() < 0.3:
            line["effective_on"] = (announced_on + timedelta(days=rng.randint(60, 400))).isoformat()
        if rng.random() < 0.4:
            line["capacity"] = rng.randint(5, 60) * 10_000
        return line

    def _policy(self, company: Company) -> dict[str, Any]:
        rng = self.rng
        announced_on = _day(rng, company.active_from, END)
        line = self._common(company, "policy", announced_on)
        roll = rng.random()
        if roll < 0.5:
            line["markets"] = ["*"]
            line["except"] = [company.home]
        elif roll < 0.7:
            line["markets"] = ["EU"]
        else:
            line["markets"] = sorted(set(rng.sample(MARKETS[:-1], rng.randint(1, 4))))
        line["not_before"] = (announced_on + timedelta(days=rng.randint(180, 1000))).isoformat()
        return line

    def _showcase(self, company: Company) -> dict[str, Any]:
        model = self._model(company)
        announced_on = self._around_debut(company, model)
        venue, market = self.rng.choice(VENUES)
        line = self._common(company, "showcase", announced_on)
        line.update(model=model.name, market=market, venue=venue.format(y=announced_on.year))
        return line

    def _expected_entry(self, company: Company) -> dict[str, Any]:
        rng = self.rng
        announced_on = _day(rng, company.active_from, END)
        line = self._common(company, "expected-entry", announced_on)
        line["market"] = rng.choice(MARKETS)
        if rng.random() < 0.7:
            line["model"] = self._model(company).name
        years_ahead = announced_on.year + rng.randint(1, 3)
        line["expected"] = (
            str(years_ahead)
            if rng.random() < 0.7
            else date(years_ahead, rng.randint(1, 12), 1).isoformat()
        )
        return line

    def _statement(self, company: Company) -> dict[str, Any]:
        rng = self.rng
        line = self._common(company, "statement", _day(rng, company.active_from, END))
        line["topic"] = rng.choice(TOPICS)
        line["text"] = rng.choice(STATEMENTS).format(n=rng.randint(2, 30))
        if rng.random() < 0.3:
            line["model"] = self._model(company).name
        if rng.random() < 0.2:
            line["market"] = rng.choice(MARKETS)
        return line

    # -- fixes ---------------------------------------------------------------------------

    def correction(self, line: dict[str, Any]) -> dict[str, Any]:
        """A correction of `line`: a kind field misread, or the source or certainty fixed."""
        rng = self.rng
        kind = line["kind"]
        changes: dict[str, Any]
        if rng.random() < 0.25:
            changes = rng.choice(
                (
                    {"source.url": line["source"]["url"] + "?updated=1"},
                    {
                        "certainty": "reported"
                        if line.get("certainty") != "reported"
                        else "confirmed"
                    },
                    {"speaker": line.get("speaker", "Press office") + " via spokesperson"},
                )
            )
        elif kind == "deliveries":
            changes = {"units": int(line["units"] * rng.uniform(0.9, 1.1)) + 1}
        elif kind == "orders":
            changes = {"count": line["count"] + rng.randint(1, 50) * 1000}
        elif kind == "wait-time":
            changes = {"max_months": line["max_months"] + 1}
        elif kind == "target":
            changes = {"value": line["value"] + 10_000}
        elif kind == "launch":
            later = date.fromisoformat(line.get("launched_on", line["announced_on"]))
            changes = {"launched_on": (later + timedelta(days=rng.randint(1, 60))).isoformat()}
        elif kind == "factory":
            changes = {"capacity": line.get("capacity", 100_000) + 50_000}
        else:
            changes = {"note": "Corrected after checking the original source."}
        return {
            "kind": "correction",
            "id": line["id"],
            "set": changes,
            "reason": rng.choice(CORRECTION_REASONS),
        }

    def retraction(self, line: dict[str, Any]) -> dict[str, Any]:
        return {
            "kind": "retraction",
            "id": line["id"],
            "reason": self.rng.choice(RETRACTION_REASONS),
        }


def _period_start(period: str) -> str:
    if "-Q" in period:
        year, quarter = period.split("-Q")
        return f"{year}-{(int(quarter) - 1) * 3 + 1:02d}-01"
    if len(period) == 7:
        return f"{period}-01"
    return f"{period}-01-01"


def _period_end(period: str) -> date:
    if "-Q" in period:
        year, quarter = period.split("-Q")
        month = int(quarter) * 3
    elif len(period) == 7:
        year, month = period[:4], int(period[5:])
    else:
        year, month = period, 12
    return date(int(year) + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _dump(line: dict[str, Any]) -> str:
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


def generate(
    path: str | Path, size: int, seed: int = 1, companies: int | None = None
) -> StreamSummary:
    """Writes a stream of exactly `size` lines to `path` and its manifest beside it, from
    `companies` companies (default: `company_count(size)`)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed, size, companies)
    rng = random.Random(seed + 1)  # the shuffle and the choice of lines to fix
    corrections_wanted = round(size * CORRECTION_SHARE)
    retractions_wanted = round(size * RETRACTION_SHARE)
    announcements = size - corrections_wanted - retractions_wanted
    kinds: Counter[str] = Counter()
    with_id = 0
    window: list[tuple[dict[str, Any], str]] = []
    with (
        open(path, "w", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8", dir=path.parent) as corrections,
        tempfile.TemporaryFile("w+", encoding="utf-8", dir=path.parent) as retractions,
    ):

        def emit(line: dict[str, Any], fix: str) -> None:
            if fix == "correct":
                corrections.write(_dump(generator.correction(line)))
            elif fix == "retract":
                retractions.write(_dump(generator.retraction(line)))
            out.write(_dump(line))

        to_correct, to_retract = corrections_wanted, retractions_wanted
        for number in range(announcements):
            line = generator.line()
            kinds[line["kind"]] += 1
            # Selection sampling: exactly the wanted number of lines get fixed.
            fix = ""
            if rng.random() * (announcements - number) < to_correct + to_retract:
                if rng.random() * (to_correct + to_retract) < to_correct:
                    fix, to_correct = "correct", to_correct - 1
                else:
                    fix, to_retract = "retract", to_retract - 1
            # Only lines with an explicit id are corrected or retracted.
            if fix or rng.random() < 0.55:
                line = {"id": f"{line['kind']}-{generator.sequence:07x}", **line}
                with_id += 1
            window.append((line, fix))
            if len(window) >= SHUFFLE_WINDOW:
                emit(*_pop_random(window, rng))
        while window:
            emit(*_pop_random(window, rng))
        _append(out, corrections)
        _append(out, retractions)
    summary = StreamSummary(
        size=size,
        seed=seed,
        announcements=announcements,
        corrections=corrections_wanted,
        retractions=retractions_wanted,
        kinds=dict(sorted(kinds.items())),
        companies=[
            {"name": c.name, "models": [m.name for m in c.models]} for c in generator.companies
        ],
        markets=list(MARKETS),
        with_id=with_id,
    )
    manifest_path(path).write_text(json.dumps(summary.to_json(), indent=1) + "\n")
    return summary


def _pop_random(
    window: list[tuple[dict[str, Any], str]], rng: random.Random
) -> tuple[dict[str, Any], str]:
    index = rng.randrange(len(window))
    window[index], window[-1] = window[-1], window[index]
    return window.pop()


def _append(out: IO[str], spool: IO[str]) -> None:
    spool.seek(0)
    shutil.copyfileobj(spool, out)


def manifest_path(stream: str | Path) -> Path:
    stream = Path(stream)
    return stream.with_name(stream.name + ".manifest.json")


def load_manifest(stream: str | Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(manifest_path(stream).read_text())
    return result


def validate_sample(path: str | Path, count: int = 500, seed: int = 0) -> int:
    """Checks `count` lines spread over the stream with mxt's own parser; returns how many."""
    from mxt.events.announcements import parse_line

    path = Path(path)
    with open(path, "rb") as lines:
        total = sum(1 for _ in lines)
    rng = random.Random(seed)
    wanted = set(rng.sample(range(total), min(count, total)))
    checked = 0
    with open(path, encoding="utf-8") as lines:
        for number, text in enumerate(lines):
            if number in wanted:
                parse_line(json.loads(text))
                checked += 1
    return checked


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    parser.add_argument("--size", type=int, required=True, help="Lines in the stream.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--companies", type=int, help="Default: about one per 2,000 lines.")
    parser.add_argument("--out", required=True, help="The JSONL file to write.")
    parser.add_argument("--validate", type=int, default=500, help="Lines to check (0: none).")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.size, args.seed, args.companies)
    print(json.dumps({k: v for k, v in summary.to_json().items() if k != "companies"}))
    if args.validate:
        print(f"validated {validate_sample(args.out, args.validate)} lines")


if __name__ == "__main__":
    main()
