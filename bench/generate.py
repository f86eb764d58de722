"""Realistic synthetic announcement streams in the interchange format (docs/formats.md), as JSONL.

A stream of `size` lines holds every kind of announcement from about `max(50, size / 2000)`
companies with a handful of models each, over ten years (2016-2025), in many markets (ISO
codes and `EU`). Target revisions come in chains (each one stating the value it replaces,
now and then misstated), factories go through their phases, deliveries are monthly. Lines
are written out of announced order (a shuffle window over companies interleaved at random);
then, as the format has them, one line per correction (~2 %) and per retraction (~1 %).

With `claims` (a share of the lines, e.g. 0.03) the stream also holds `claim` announcements
(docs/concepts.md, Claims: streak, total, target and launched claims about figures, targets and
launches the company has, so that they hold, fail or stay undetermined), some of them corrected
(dotted fields such as `claim.at_least`) or retracted. Claims are off by default: the benchmark's
streams stay as they were for a seed, and older revisions measured with `--code` (which have no
`claim` kind) can import them. Claims come from their own random stream, so that the companies'
stories are the same with or without them.

Deterministic for a seed, and streamed: memory is bounded by the number of companies and the
shuffle window, never by `size` (corrections and retractions wait in temporary files).

    python -m bench.generate --size 100000 --out bench/out/stream.jsonl [--claims 0.03]
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
from typing import IO, Any, Protocol

START = date(2016, 1, 1)
END = date(2025, 12, 31)
SPAN_DAYS = (END - START).days

CORRECTION_SHARE = 0.02
RETRACTION_SHARE = 0.01
CLAIM_CORRECTION_SHARE = 0.1  # of the claims
CLAIM_RETRACTION_SHARE = 0.05
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
    # What claims may be about (filled as lines are made, with no random draw):
    figures: dict[tuple[str | None, str], int] = field(default_factory=dict)  # (model, month)
    launch_days: dict[tuple[str, str], str] = field(default_factory=dict)  # (model, market)


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
        day = line.get("launched_on", line["announced_on"])
        known = company.launch_days.get((model.name, market))
        company.launch_days[(model.name, market)] = min(day, known) if known else day
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
        company.figures[(line.get("model"), line["period"])] = int(units)
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
        elif kind == "launch" and len(line.get("launched_on", "0000-00-00")) == 10:
            later = date.fromisoformat(line.get("launched_on", line["announced_on"]))
            changes = {"launched_on": (later + timedelta(days=rng.randint(1, 60))).isoformat()}
        elif kind == "launch":  # a launch said as a period (--plans) is corrected to a later one
            changes = {"launched_on": str(int(line["launched_on"][:4]) + 1)}
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


class ClaimMaker:
    """Makes `claim` announcements (docs/concepts.md, Claims) about what the generator has made so
    far: streaks and totals of the monthly figures, targets, launches. Thresholds and dates are
    drawn around the real figures, so that claims hold, fail by a little or cannot be decided (a
    month not announced yet, a target nobody set). Its own random stream: the generator's lines are
    the same with or without claims."""

    def __init__(self, seed: int, generator: Generator) -> None:
        self.rng = random.Random(f"claims-{seed}")
        self.generator = generator
        self.sequence = 0

    def line(self) -> dict[str, Any]:
        """One claim about a company picked as the generator picks them."""
        rng, generator = self.rng, self.generator
        while True:
            company = rng.choices(generator.companies, cum_weights=generator.company_weights)[0]
            made = rng.choice((self._streak, self._streak, self._total, self._target,
                               self._launched))(company)  # fmt: skip
            if made is not None:
                return made

    def _common(
        self, company: Company, announced_on: date, claim: dict[str, Any]
    ) -> dict[str, Any]:
        rng = self.rng
        self.sequence += 1
        publisher, domain = rng.choice(PUBLISHERS)
        line: dict[str, Any] = {
            "kind": "claim",
            "company": company.name,
            "announced_on": announced_on.isoformat(),
            "source": {
                "title": f"{company.name}: {claim['type']} claim",
                "url": f"https://{domain}/{announced_on:%Y/%m}/{company.slug}-c{self.sequence:x}",
                "publisher": publisher,
            },
            "certainty": rng.choice(("confirmed", "reported", "reported")),
            "claim": claim,
        }
        if rng.random() < 0.3:
            line["speaker"] = company.speaker
        return line

    def _subject(self, company: Company) -> str | None:
        """The company as a whole (most often) or one of its models."""
        if self.rng.random() < 0.6:
            return None
        return self.rng.choice(company.models).name

    def _streak(self, company: Company) -> dict[str, Any] | None:
        rng = self.rng
        model = self._subject(company)
        months = [month for (who, month) in company.figures if who == model]
        if len(months) < 3:
            return None
        count = rng.randint(2, min(12, len(months) - 1))
        ending = months[rng.randrange(count - 1, len(months))]
        if rng.random() < 0.1:  # a month nobody has announced yet: undetermined
            ending = _month_after(months[-1])
        streak = _months_ending(ending, count)
        known = [company.figures[(model, m)] for m in streak if (model, m) in company.figures]
        low = min(known, default=company.scale // 12)
        claim: dict[str, Any] = {"type": "streak", "metric": "deliveries"}
        if model:
            claim["model"] = model
        claim.update(at_least=int(round(low * rng.uniform(0.7, 1.15), -2)), months=count,
                     ending=ending)  # fmt: skip
        if rng.random() < 0.4:
            claim["exact"] = True
        elif rng.random() < 0.1:
            claim["exact"] = False
        after = date.fromisoformat(_month_after(ending) + "-01")
        return self._common(company, after + timedelta(days=rng.randint(2, 40)), claim)

    def _total(self, company: Company) -> dict[str, Any] | None:
        rng = self.rng
        model = self._subject(company)
        months = [month for (who, month) in company.figures if who == model]
        if not months:
            return None
        month = rng.choice(months)
        year, number = month[:4], int(month[5:])
        period = rng.choice((year, f"{year}-H{(number + 5) // 6}", f"{year}-Q{(number + 2) // 3}",
                             month))  # fmt: skip
        start = date.fromisoformat(_period_start(period))
        end = _period_end(period)
        sum_ = sum(
            units
            for (who, other), units in company.figures.items()
            if who == model and start <= date.fromisoformat(other + "-01") <= end
        )
        claim: dict[str, Any] = {"type": "total", "metric": "deliveries"}
        if model:
            claim["model"] = model
        op = rng.choice((">=", ">=", "<=", "="))
        value = sum_ if op == "=" and rng.random() < 0.5 else round(sum_ * rng.uniform(0.8, 1.2))
        claim.update(period=period, op=op, value=int(value))
        return self._common(company, end + timedelta(days=rng.randint(-60, 60)), claim)

    def _target(self, company: Company) -> dict[str, Any]:
        rng = self.rng
        if company.targets and rng.random() < 0.85:
            (metric, period), (day, value) = rng.choice(list(company.targets.items()))
            if rng.random() < 0.4:
                value = int(round(value * rng.uniform(0.8, 1.2), -3))
            announced_on = day + timedelta(days=rng.randint(0, 200))
        else:  # a target nobody set: undetermined
            metric = rng.choice(("production", "deliveries", "sales"))
            period = str(rng.randint(2016, 2026))
            value = company.scale
            announced_on = _day(rng, company.active_from, END)
        claim = {"type": "target", "metric": metric, "period": period, "value": value}
        return self._common(company, announced_on, claim)

    def _launched(self, company: Company) -> dict[str, Any] | None:
        rng = self.rng
        if not company.launch_days:
            return None
        (model, market), day = rng.choice(list(company.launch_days.items()))
        launched = date.fromisoformat(day)
        if market == "EU" and rng.random() < 0.5:  # a member state the region covers
            market = rng.choice(("DE", "FR", "ES", "IT", "NL"))
        claim = {
            "type": "launched",
            "model": model,
            "market": market,
            "on_or_before": (launched + timedelta(days=rng.randint(-90, 90))).isoformat(),
        }
        return self._common(company, launched + timedelta(days=rng.randint(-30, 200)), claim)

    def correction(self, line: dict[str, Any]) -> dict[str, Any]:
        """A correction of a claim: one of its figures or dates misread (a dotted field), or
        its source fixed."""
        rng, claim = self.rng, line["claim"]
        changes: dict[str, Any]
        if rng.random() < 0.2:
            changes = {"source.url": line["source"]["url"] + "?updated=1"}
        elif claim["type"] == "streak":
            changes = rng.choice(
                (
                    {"claim.at_least": int(round(claim["at_least"] * rng.uniform(0.8, 1.2), -2))},
                    {"claim.months": claim["months"] + 1},
                    {"claim.exact": not claim.get("exact")},
                )
            )
        elif claim["type"] in ("total", "target"):
            changes = {"claim.value": int(round(claim["value"] * rng.uniform(0.8, 1.2), -3))}
        else:
            later = date.fromisoformat(claim["on_or_before"]) + timedelta(days=rng.randint(1, 60))
            changes = {"claim.on_or_before": later.isoformat()}
        return {"kind": "correction", "id": line["id"], "set": changes,
                "reason": rng.choice(CORRECTION_REASONS)}  # fmt: skip

    def retraction(self, line: dict[str, Any]) -> dict[str, Any]:
        return {"kind": "retraction", "id": line["id"],
                "reason": self.rng.choice(RETRACTION_REASONS)}  # fmt: skip


class PlanMaker:
    """Makes plans change (SPEC §5.2) in what the generator has made so far: dates said as
    periods ("in 2025-H2") on launches, factories and expected entries, and lines of their
    own — a launch plan that slips, a stop-sale and its end, a launch or a plan cancelled, a
    factory paused or closed, a company or a model leaving a market. Its own random stream:
    the generator's lines are the same with or without plans (a stream without them stays
    importable by revisions older than the exit kind)."""

    def __init__(self, seed: int, generator: Generator) -> None:
        self.rng = random.Random(f"plans-{seed}")
        self.generator = generator
        self.sequence = 0

    def dress(self, line: dict[str, Any]) -> dict[str, Any]:
        """`line` with its date now and then said as the period holding it (a plan's, or an
        entry's): a month, a quarter, a half."""
        name = {"launch": "launched_on", "factory": "effective_on", "expected-entry": "expected"}
        field_name = name.get(line["kind"], "")
        said = line.get(field_name)
        if not said or len(said) != 10 or said <= line["announced_on"] or self.rng.random() > 0.4:
            return line
        return {**line, field_name: _period_of(date.fromisoformat(said), self.rng)}

    def line(self) -> dict[str, Any]:
        """One change of plan about a company picked as the generator picks them."""
        rng, generator = self.rng, self.generator
        while True:
            company = rng.choices(generator.companies, cum_weights=generator.company_weights)[0]
            made = rng.choice((self._slip, self._pause, self._resume, self._cancel,
                               self._factory_stop, self._exit))(company)  # fmt: skip
            if made is None:  # nothing of that yet: a plan, which later ones may change
                made = self._plan(company)
            if made is not None:
                return made

    def _plan(self, company: Company) -> dict[str, Any]:
        """A launch planned for a period ahead, in a market a model may go to."""
        announced_on = _day(self.rng, company.active_from, END)
        line = self._common(company, "launch", announced_on)
        ahead = announced_on + timedelta(days=self.rng.randint(30, 400))
        line.update(model=self.rng.choice(company.models).name, market=self.rng.choice(MARKETS),
                    launched_on=_period_of(ahead, self.rng), status="planned")  # fmt: skip
        return line

    def _common(self, company: Company, kind: str, announced_on: date) -> dict[str, Any]:
        self.sequence += 1
        publisher, domain = self.rng.choice(PUBLISHERS)
        line: dict[str, Any] = {
            "kind": kind,
            "company": company.name,
            "announced_on": min(announced_on, END).isoformat(),
            "source": {
                "title": f"{company.name}: {kind.replace('-', ' ')} news",
                "url": f"https://{domain}/{announced_on:%Y/%m}/{company.slug}-p{self.sequence:x}",
                "publisher": publisher,
            },
        }
        if self.rng.random() < 0.15:
            line["certainty"] = "reported"
        return line

    def _launched(self, company: Company) -> tuple[str, str, date] | None:
        """A (model, market, day) the generator launched or planned, if any yet."""
        if not company.launch_days:
            return None
        (model, market), day = self.rng.choice(sorted(company.launch_days.items()))
        return model, market, date.fromisoformat(day[:10]) if len(day) >= 10 else END

    def _launch(self, company: Company, status: str, gap: tuple[int, int]) -> dict[str, Any] | None:
        found = self._launched(company)
        if found is None:
            return None
        model, market, day = found
        announced_on = day + timedelta(days=self.rng.randint(*gap))
        if announced_on > END:
            return None
        line = self._common(company, "launch", announced_on)
        line.update(model=model, market=market, status=status)
        return line

    def _slip(self, company: Company) -> dict[str, Any] | None:
        line = self._launch(company, "planned", (-20, 40))
        if line is not None:
            later = date.fromisoformat(line["announced_on"]) + timedelta(self.rng.randint(30, 300))
            line["launched_on"] = _period_of(later, self.rng)
        return line

    def _pause(self, company: Company) -> dict[str, Any] | None:
        return self._launch(company, "paused", (60, 500))

    def _resume(self, company: Company) -> dict[str, Any] | None:
        return self._launch(company, "launched", (120, 700))

    def _cancel(self, company: Company) -> dict[str, Any] | None:
        return self._launch(company, "cancelled", (10, 300))

    def _factory_stop(self, company: Company) -> dict[str, Any] | None:
        if not company.factory:
            return None
        site, (phase, _, last) = self.rng.choice(sorted(company.factory.items()))
        announced_on = last + timedelta(days=self.rng.randint(20, 400))
        if announced_on > END:
            return None
        line = self._common(company, "factory", announced_on)
        line.update(
            site=site,
            phase=phase,
            status=self.rng.choice(("paused", "paused", "cancelled", "closed")),
        )
        return line

    def _exit(self, company: Company) -> dict[str, Any] | None:
        found = self._launched(company)
        if found is None:
            return None
        model, market, day = found
        announced_on = day + timedelta(days=self.rng.randint(90, 900))
        if announced_on > END:
            return None
        line = self._common(company, "exit", announced_on)
        if self.rng.random() < 0.15 and market != company.home:
            line.update(markets=["*"], **{"except": [company.home]})
        else:
            line["markets"] = [market]
        if self.rng.random() < 0.6:
            line["model"] = model
        if self.rng.random() < 0.3:
            line["temporary"] = True
        if self.rng.random() < 0.4:
            ahead = announced_on + timedelta(days=self.rng.randint(10, 200))
            line["effective_on"] = _period_of(ahead, self.rng)
        return line


def _period_of(day: date, rng: random.Random) -> str:
    """The month, quarter or half holding `day`, or the day itself now and then."""
    roll = rng.random()
    if roll < 0.35:
        return f"{day:%Y-%m}"
    if roll < 0.6:
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if roll < 0.8:
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return day.isoformat()


def _month_after(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def _months_ending(month: str, count: int) -> list[str]:
    """The `count` months ending with `month`, oldest first."""
    year, number = int(month[:4]), int(month[5:7])
    index = year * 12 + number - 1
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def _period_start(period: str) -> str:
    if "-H" in period:
        year, half = period.split("-H")
        return f"{year}-{(int(half) - 1) * 6 + 1:02d}-01"
    if "-Q" in period:
        year, quarter = period.split("-Q")
        return f"{year}-{(int(quarter) - 1) * 3 + 1:02d}-01"
    if len(period) == 7:
        return f"{period}-01"
    return f"{period}-01-01"


def _period_end(period: str) -> date:
    if "-H" in period:
        year, half = period.split("-H")
        month = int(half) * 6
    elif "-Q" in period:
        year, quarter = period.split("-Q")
        month = int(quarter) * 3
    elif len(period) == 7:
        year, month = period[:4], int(period[5:])
    else:
        year, month = period, 12
    return date(int(year) + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _dump(line: dict[str, Any]) -> str:
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


@dataclass
class Quota:
    """How many more lines of one sort get a correction or a retraction; selection sampling
    fixes exactly that many, spread evenly over the lines."""

    correct: int
    retract: int

    def draw(self, rng: random.Random, left: int) -> str:
        """`correct`, `retract` or nothing for the next of `left` lines."""
        if rng.random() * left < self.correct + self.retract:
            if rng.random() * (self.correct + self.retract) < self.correct:
                self.correct -= 1
                return "correct"
            self.retract -= 1
            return "retract"
        return ""


class Fixer(Protocol):
    def correction(self, line: dict[str, Any]) -> dict[str, Any]: ...
    def retraction(self, line: dict[str, Any]) -> dict[str, Any]: ...


Pending = tuple[dict[str, Any], str, Fixer]


def generate(
    path: str | Path,
    size: int,
    seed: int = 1,
    companies: int | None = None,
    claims: float = 0.0,
    plans: float = 0.0,
) -> StreamSummary:
    """Writes a stream of exactly `size` lines to `path` and its manifest beside it, from
    `companies` companies (default: `company_count(size)`); `claims` of the lines (a share)
    are claims and their fixes; with `plans` (a share), that many lines are changes of plan
    (`PlanMaker`), and dates of launches, factories and entries are now and then periods."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    generator = Generator(seed, size, companies)
    maker = ClaimMaker(seed, generator)
    rng = random.Random(seed + 1)  # the shuffle and the choice of lines to fix
    quota = Quota(round(size * CORRECTION_SHARE), round(size * RETRACTION_SHARE))
    claim_count = round(size * claims)
    claim_quota = Quota(
        round(claim_count * CLAIM_CORRECTION_SHARE), round(claim_count * CLAIM_RETRACTION_SHARE)
    )
    fixes = Quota(quota.correct + claim_quota.correct, quota.retract + claim_quota.retract)
    plan_count = round(size * plans)
    planner = PlanMaker(seed, generator) if plans else None
    announcements = size - fixes.correct - fixes.retract - claim_count - plan_count
    kinds: Counter[str] = Counter()
    ids: Counter[bool] = Counter()
    window: list[Pending] = []
    with (
        open(path, "w", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8", dir=path.parent) as corrections,
        tempfile.TemporaryFile("w+", encoding="utf-8", dir=path.parent) as retractions,
    ):

        def emit(line: dict[str, Any], fix: str, fixer: Fixer) -> None:
            if fix == "correct":
                corrections.write(_dump(fixer.correction(line)))
            elif fix == "retract":
                retractions.write(_dump(fixer.retraction(line)))
            out.write(_dump(line))

        def queue(line: dict[str, Any], fix: str, fixer: Fixer) -> None:
            kinds[line["kind"]] += 1
            ids[("id" in line)] += 1
            window.append((line, fix, fixer))

        made_claims = made_plans = 0
        for number in range(announcements):
            line = generator.line()
            if planner is not None:
                line = planner.dress(line)
            fix = quota.draw(rng, announcements - number)
            # Only lines with an explicit id are corrected or retracted.
            queue(_with_id(line, generator.sequence, fix, rng, 0.55), fix, generator)
            while made_claims < claim_count * (number + 1) // announcements:
                claim = maker.line()
                fix = claim_quota.draw(maker.rng, claim_count - made_claims)
                queue(_with_id(claim, maker.sequence, fix, maker.rng, 0.7), fix, maker)
                made_claims += 1
            while planner is not None and made_plans < plan_count * (number + 1) // announcements:
                line = _with_id(planner.line(), planner.sequence, "", planner.rng, 0.5, "p")
                queue(line, "", generator)
                made_plans += 1
            while len(window) >= SHUFFLE_WINDOW:
                emit(*_pop_random(window, rng))
        while window:
            emit(*_pop_random(window, rng))
        _append(out, corrections)
        _append(out, retractions)
    kinds.update(correction=fixes.correct, retraction=fixes.retract)
    return _summary(path, size, seed, kinds, ids[True], generator)


def _with_id(
    line: dict[str, Any],
    sequence: int,
    fix: str,
    rng: random.Random,
    share: float,
    maker: str = "",
) -> dict[str, Any]:
    """`line` with an explicit id when it will be fixed, and else for about `share` of lines
    (`maker` tells apart the ids of lines another maker made of the same kinds)."""
    if fix or rng.random() < share:
        return {"id": f"{line['kind']}-{maker}{sequence:07x}", **line}
    return line


def _summary(
    path: Path, size: int, seed: int, kinds: Counter[str], with_id: int, generator: Generator
) -> StreamSummary:
    """What the stream at `path` holds (`kinds` counts its lines by kind), written beside it."""
    fixes = {"correction", "retraction"}
    summary = StreamSummary(
        size=size,
        seed=seed,
        announcements=sum(n for kind, n in kinds.items() if kind not in fixes),
        corrections=kinds.pop("correction", 0),
        retractions=kinds.pop("retraction", 0),
        kinds=dict(sorted(kinds.items())),
        companies=[
            {"name": c.name, "models": [m.name for m in c.models]} for c in generator.companies
        ],
        markets=list(MARKETS),
        with_id=with_id,
    )
    manifest_path(path).write_text(json.dumps(summary.to_json(), indent=1) + "\n")
    return summary


def _pop_random(window: list[Pending], rng: random.Random) -> Pending:
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
    parser.add_argument(
        "--claims", type=float, default=0.0, help="Share of the lines that are claims (e.g. 0.03)."
    )
    parser.add_argument(
        "--plans", type=float, default=0.0,
        help="Share of the lines that are changes of plan (slips, pauses, exits; e.g. 0.03); "
        "with it, dates are now and then periods.",
    )  # fmt: skip
    parser.add_argument("--out", required=True, help="The JSONL file to write.")
    parser.add_argument("--validate", type=int, default=500, help="Lines to check (0: none).")
    args = parser.parse_args(argv)
    summary = generate(args.out, args.size, args.seed, args.companies, args.claims, args.plans)
    print(json.dumps({k: v for k, v in summary.to_json().items() if k != "companies"}))
    if args.validate:
        print(f"validated {validate_sample(args.out, args.validate)} lines")


if __name__ == "__main__":
    main()
