"""Write a deterministic, valid synthetic knowledge base of N entities (laid out like data/).

    python benchmarks/generate.py --entities 10000 --out benchmarks/out/kb-10000 [--seed 0]

The same arguments always give byte-identical files. What is written passes
``kb validate DIR --strict``: every reference resolves, every claim has a verified source,
every citation is cited and every mechanism is used. Proportions follow data/: about 10%
conditions, 20% mechanisms, 25% links, 15% interventions, 10% risk factors, 20% citations.

YAML is written as text (no yaml.dump), so 100,000 entities take seconds, not minutes.
The graph is connected: condition i always links to condition i+1 (a backbone), plus random
links between other pairs, so ``kb path`` has paths to find; :func:`query_targets` names
conditions that benchmarks can ask about.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

KINDS = ("conditions", "mechanisms", "links", "interventions", "risk-factors", "citations")
SHARES = {  # per mille of N; citations take the rest
    "conditions": 100,
    "mechanisms": 200,
    "links": 250,
    "interventions": 150,
    "risk-factors": 100,
}
MIN_ENTITIES = 20
MARKER = ".synthetic-kb"  # a dot-file: the loader skips it; --force only clears folders with it

WORDS = [
    "sleep",
    "night",
    "arousal",
    "cortisol",
    "worry",
    "pain",
    "mood",
    "stress",
    "fatigue",
    "tension",
    "rumination",
    "memory",
    "inflammation",
    "rhythm",
    "circadian",
    "recovery",
    "reactivity",
    "vigilance",
    "threat",
    "sensitivity",
    "appetite",
    "energy",
    "focus",
    "motivation",
    "withdrawal",
    "avoidance",
    "restlessness",
    "daytime",
    "rest",
    "signal",
    "pathway",
    "network",
    "response",
    "regulation",
    "balance",
    "load",
    "habit",
    "pattern",
    "onset",
    "waking",
]
CONDITION_CATEGORIES = ("sleep", "mood", "anxiety", "pain", "other")
MECHANISM_KINDS = (
    "neuroendocrine",
    "neurochemical",
    "neural-circuit",
    "inflammatory",
    "sleep-architecture",
    "circadian",
    "cognitive",
    "behavioural",
    "emotional",
)
PARTICIPANT_TYPES = ("structure", "molecule", "process")
EFFECTS = ("increases-risk", "triggers", "worsens", "maintains", "predicts", "co-occurs")
# Strength must be earned (docs/evidence-grading.md); generated evidence carries no finding,
# so only the levels that need none keep every generated file valid under --strict.
STRENGTHS = ("reported", "unclear")
INTERVENTION_KINDS = (
    "psychotherapy",
    "behavioural",
    "pharmacological",
    "lifestyle",
    "mind-body",
    "device",
)
EVIDENCE_KINDS = (
    "meta-analysis",
    "systematic-review",
    "guideline",
    "review",
    "cohort",
    "experiment",
    "expert-opinion",
    "popular-article",
)
LOCATORS = ("abstract", "abstract: results", "table 2", "figure 1", "section 3.2", "discussion")
FAMILIES = ("Smith", "Okafor", "Nguyen", "García", "Müller", "Kowalski", "Tanaka", "Haddad")
GIVENS = ("A.", "B. K.", "C.", "D. M.", "E.", "F. J.", "G.", "H.")


@dataclass(frozen=True)
class Counts:
    conditions: int
    mechanisms: int
    links: int
    interventions: int
    risk_factors: int
    citations: int


def counts(n: int) -> Counts:
    """How many entities of each kind make up ``n`` (citations take the remainder)."""
    if n < MIN_ENTITIES:
        raise ValueError(f"--entities must be at least {MIN_ENTITIES}")
    c, m, li, i, r = (n * SHARES[k] // 1000 for k in SHARES)
    c = max(c, 3)
    li = min(li, c * (c - 1) // 2)  # no more links than pairs of conditions
    return Counts(c, m, li, i, r, n - c - m - li - i - r)


def cid(i: int) -> str:
    return f"condition-{i:06d}"


def mid(i: int) -> str:
    return f"mechanism-{i:06d}"


def iid(i: int) -> str:
    return f"intervention-{i:06d}"


def rid(i: int) -> str:
    return f"risk-factor-{i:06d}"


def sid(i: int) -> str:
    return f"citation-{i:06d}"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def link_pairs(c: int, n_links: int, rng: random.Random) -> list[tuple[int, int]]:
    """Distinct unordered pairs: the backbone (i, i+1) first, then random pairs."""
    pairs: list[tuple[int, int]] = [(i, i + 1) for i in range(min(c - 1, n_links))]
    seen = {frozenset(p) for p in pairs}
    while len(pairs) < n_links:
        a = rng.randrange(c)
        # mostly local partners (communities), sometimes far ones (shortcuts)
        b = a + rng.randint(2, 12) if rng.random() < 0.8 else rng.randrange(c)
        if b >= c or a == b or frozenset((a, b)) in seen:
            continue
        seen.add(frozenset((a, b)))
        pairs.append((a, b) if rng.random() < 0.5 else (b, a))
    return pairs


def query_targets(n: int) -> dict[str, str]:
    """Conditions to ask about: ``a`` and ``b`` share a direct link; ``a`` reaches ``far``."""
    k = counts(n)
    return {"a": cid(0), "b": cid(1), "far": cid(min(3, k.conditions - 1))}


class Writer:
    """Builds every file's text from one seeded random stream, in a fixed order."""

    def __init__(self, n: int, seed: int) -> None:
        self.k = counts(n)
        self.rng = random.Random(seed)
        self.next_mechanism = 0
        self.next_citation = 0
        # Every tenth citation is an unverified web page; every claim also cites a verified one.
        self.verified = [i for i in range(self.k.citations) if i % 10 != 9]

    # -- small pieces ---------------------------------------------------------------------
    def words(self, lo: int, hi: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi)))

    def sentence(self, lo: int = 6, hi: int = 14) -> str:
        text = self.words(lo, hi)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def cycle_mechanism(self) -> int:
        i = self.next_mechanism % self.k.mechanisms
        self.next_mechanism += 1
        return i

    def cycle_citation(self) -> int:
        i = self.next_citation % self.k.citations
        self.next_citation += 1
        return i

    def evidence(self, indent: str) -> Iterator[str]:
        """An evidence list: the next citation in turn (so all are cited), plus a verified one."""
        first = self.cycle_citation()
        chosen = [first]
        if first not in self.verified or self.rng.random() < 0.4:
            extra = self.rng.choice(self.verified)
            if extra != first:
                chosen.append(extra)
        for c in chosen:
            # a source is one kind of source everywhere; a web page is a popular article
            kind = "popular-article" if c % 10 == 9 else EVIDENCE_KINDS[c % 7]
            item = f"citation: {sid(c)}, locator: {q(self.rng.choice(LOCATORS))}, kind: {kind}"
            # a qualifying source never stands in for the verified support an unverified one needs
            if self.rng.random() < 0.2 and first in self.verified:
                item += ", stance: qualifies"
            if self.rng.random() < 0.5:
                item += f", note: {q(self.sentence())}"
            yield f"{indent}- {{{item}}}"

    # -- one function per kind ------------------------------------------------------------
    def condition(self, i: int) -> str:
        rng = self.rng
        lines = [
            f"id: {cid(i)}",
            f"name: Condition {i}",
            f"aliases: [Condition {i} disorder, C{i} syndrome]",
            f"category: {CONDITION_CATEGORIES[i % len(CONDITION_CATEGORIES)]}",
            "description: >-",
            f"  {self.paragraph(2)}",
            f"  {self.paragraph(1)}",
            "symptoms:",
            *(f"  - {self.words(2, 5)}" for _ in range(rng.randint(1, 4))),
        ]
        if i > 0 and rng.random() < 0.2:
            lines.append(f"parent: {cid(rng.randrange(max(0, i - 20), i))}")
        lines.append(f"xrefs: [MONDO:{9_000_000 + i:07d}, ICD10CM:Z{i % 100:02d}.{i % 10}]")
        if rng.random() < 0.5:
            lines += ["evidence:", *self.evidence("  ")]
        return "\n".join(lines) + "\n"

    def mechanism(self, i: int) -> str:
        lines = [
            f"id: {mid(i)}",
            f"name: Mechanism {i}",
            f"aliases: [M{i} pathway]",
            f"kind: {MECHANISM_KINDS[i % len(MECHANISM_KINDS)]}",
            f"description: {q(self.paragraph(3))}",
            "involves:",
        ]
        for j in range(self.rng.randint(1, 3)):
            kind = PARTICIPANT_TYPES[(i + j) % 3]
            item = f"name: {self.words(1, 3)}, type: {kind}"
            if kind == "molecule":
                item += f", xref: CHEBI:{900_000 + i}"
            lines.append(f"  - {{{item}}}")
        lines += ["evidence:", *self.evidence("  ")]
        return "\n".join(lines) + "\n"

    def direction(self, source: int, target: int) -> list[str]:
        mechanisms = [self.cycle_mechanism()]
        for _ in range(self.rng.randint(0, 3)):
            m = self.rng.randrange(self.k.mechanisms)
            if m not in mechanisms:
                mechanisms.append(m)
        return [
            f"  - from: {cid(source)}",
            f"    to: {cid(target)}",
            f"    effect: {self.rng.choice(EFFECTS)}",
            f"    strength: {self.rng.choice(STRENGTHS)}",
            "    description: >-",
            f"      {self.paragraph(2)}",
            "    mechanisms:",
            *(f"      - {mid(m)}" for m in mechanisms),
            "    evidence:",
            *self.evidence("      "),
        ]

    def link(self, a: int, b: int, backbone: bool) -> str:
        lines = [f"id: {cid(a)}--{cid(b)}", f"conditions: [{cid(a)}, {cid(b)}]"]
        if self.rng.random() < 0.7:
            lines.append(f"description: {q(self.paragraph(2))}")
        lines.append("directions:")
        lo, hi = min(a, b), max(a, b)
        if backbone:  # the backbone always runs forward, so every condition reaches the next
            ends = [(lo, hi)] + ([(hi, lo)] if self.rng.random() < 0.5 else [])
        else:
            roll = self.rng.random()
            ends = [(a, b), (b, a)] if roll < 0.4 else ([(a, b)] if roll < 0.7 else [(b, a)])
        for source, target in ends:
            lines += self.direction(source, target)
        return "\n".join(lines) + "\n"

    def intervention(self, i: int) -> str:
        rng = self.rng
        targets = sorted(set(rng.sample(range(self.k.conditions), rng.randint(1, 3))))
        acts_on = [self.cycle_mechanism()]
        if rng.random() < 0.5:
            extra = rng.randrange(self.k.mechanisms)
            if extra not in acts_on:
                acts_on.append(extra)
        lines = [
            f"id: {iid(i)}",
            f"name: Intervention {i}",
            f"aliases: [I{i} programme]",
            f"kind: {INTERVENTION_KINDS[i % len(INTERVENTION_KINDS)]}",
            f"description: {q(self.paragraph(2))}",
            "components:",
            *(f"  - {self.words(2, 6)}" for _ in range(rng.randint(1, 4))),
            "targets:",
        ]
        for t in targets:
            lines += [f"  - condition: {cid(t)}", "    evidence:", *self.evidence("      ")]
        lines += [
            f"acts_on: [{', '.join(mid(m) for m in acts_on)}]",
            f"goal: {q(self.sentence())}",
            "drawbacks:",
            *(f"  - {self.words(3, 8)}" for _ in range(rng.randint(1, 2))),
            f"xrefs: [MAXO:{9_000_000 + i:07d}]",
            "evidence:",
            *self.evidence("  "),
        ]
        return "\n".join(lines) + "\n"

    def risk_factor(self, i: int) -> str:
        rng = self.rng
        targets = sorted(set(rng.sample(range(self.k.conditions), rng.randint(1, 3))))
        lines = [
            f"id: {rid(i)}",
            f"name: Risk factor {i}",
            f"aliases: [R{i} exposure]",
            f"description: {q(self.paragraph(2))}",
            "raises_risk_of:",
        ]
        for t in targets:
            lines += [f"  - condition: {cid(t)}", "    evidence:", *self.evidence("      ")]
        return "\n".join(lines) + "\n"

    def citation(self, i: int) -> str:
        rng = self.rng
        year = 1990 + rng.randrange(35)
        authors = [
            f"  - {{family: {rng.choice(FAMILIES)}, given: {rng.choice(GIVENS)}}}"
            for _ in range(rng.randint(1, 4))
        ]
        title = q(self.sentence(5, 12).rstrip("."))
        if i % 10 == 9:  # an unverified web page: needs a note
            month, day = 1 + rng.randrange(12), 1 + rng.randrange(28)
            lines = [
                f"id: {sid(i)}",
                "type: web-article",
                f"title: {title}",
                "authors:",
                "  - {literal: Synthetic Health Blog}",
                "container: Synthetic Health Blog",
                f"date: {year}-{month:02d}-{day:02d}",
                f"year: {year}",
                f"url: https://example.org/synthetic/{i}",
                "accessed: 2026-01-21",
                "verified: false",
                "note: A synthetic web page; nothing here was checked.",
            ]
        else:
            lines = [
                f"id: {sid(i)}",
                "type: journal-article",
                f"title: {title}",
                "authors:",
                *authors,
                f"year: {year}",
                f"container: Journal of Synthetic Studies {1 + i % 7}",
                f'volume: "{1 + i % 60}"',
                f'pages: "{1 + i % 900}-{10 + i % 900}"',
                f"doi: 10.5555/synthetic.{i}",
                "verified: true",
            ]
            if i > 10 and rng.random() < 0.3:
                cited = sorted(set(rng.sample(range(i), rng.randint(1, 3))))
                lines.append(f"references: [{', '.join(sid(c) for c in cited)}]")
        return "\n".join(lines) + "\n"

    # -- everything -------------------------------------------------------------------------
    def files(self) -> Iterator[tuple[str, str, str]]:
        """(kind, file stem, text) for every entity, in a fixed order."""
        k = self.k
        pairs = link_pairs(k.conditions, k.links, self.rng)
        for i in range(k.conditions):
            yield "conditions", cid(i), self.condition(i)
        for j, (a, b) in enumerate(pairs):
            yield "links", f"{cid(a)}--{cid(b)}", self.link(a, b, j < k.conditions - 1)
        for i in range(k.interventions):
            yield "interventions", iid(i), self.intervention(i)
        for i in range(k.risk_factors):
            yield "risk-factors", rid(i), self.risk_factor(i)
        # Mechanisms and citations last: the cycles above have reached every one of them
        # only if there were enough claims; top up so none is left orphaned.
        for i in range(k.mechanisms):
            yield "mechanisms", mid(i), self.mechanism(i)
        for i in range(k.citations):
            yield "citations", sid(i), self.citation(i)


def generate(n: int, out: Path, seed: int = 0, *, force: bool = False) -> Counts:
    """Write the knowledge base into ``out``; refuse a non-empty folder unless ``force``."""
    if out.exists() and any(out.iterdir()):
        if not force:
            raise FileExistsError(f"{out} is not empty; pass --force to replace it")
        if not (out / MARKER).exists():
            raise FileExistsError(
                f"{out} was not written by this generator (no {MARKER}); refusing to clear it"
            )
        for kind in KINDS:
            shutil.rmtree(out / kind, ignore_errors=True)
    writer = Writer(n, seed)
    if writer.k.mechanisms > _mechanism_slots(writer.k) or writer.k.citations > _claims(writer.k):
        raise ValueError(f"{n} entities are too few to use every mechanism and citation")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(f"entities={n} seed={seed}\n")
    for kind in KINDS:
        (out / kind).mkdir()
    for kind, stem, text in writer.files():
        with open(out / kind / f"{stem}.yaml", "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return writer.k


def _mechanism_slots(k: Counts) -> int:
    # each link has at least one direction, each direction and intervention one cycled mechanism
    return k.links + k.interventions


def _claims(k: Counts) -> int:
    # evidence lists that draw the next citation in turn (a lower bound)
    return k.mechanisms + k.links + 2 * k.interventions + k.risk_factors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, required=True, help="how many entities")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--force", action="store_true", help="replace an earlier output")
    args = parser.parse_args(argv)
    try:
        k = generate(args.entities, args.out, args.seed, force=args.force)
    except (ValueError, FileExistsError) as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {args.entities} entities to {args.out}: {k.conditions} conditions, "
        f"{k.mechanisms} mechanisms, {k.links} links, {k.interventions} interventions, "
        f"{k.risk_factors} risk factors, {k.citations} citations"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
