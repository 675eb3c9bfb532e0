"""Generate a synthetic archive project of N records, for benchmarks at realistic sizes.

Deterministic (seeded): the same N and seed give the same files. Records spread over the
four collections with real vocabulary ids and organisations from `data/archive.yml`,
`related` references, every collection's own fields, folder records with attachments
(every tenth record), and bodies of 300 to 1,500 words whose word frequencies follow a
long-tailed (Zipf-like) distribution, as real text does. The output folder is a complete
project (mkdocs.yml, schemas, templates, data, content) that builds as is, made from the
fixture archive `tests/fixtures/learning/` (or `--source`, an archive with the same four
collections), so benchmarks and goldens do not move when the demo's content does.

    python scripts/generate_archive.py OUT_DIR --records 1000 [--seed 1] [--source DIR]

`baseline_site.py` writes the same records as a plain MkDocs + Material site.
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "tests" / "fixtures" / "learning"
COPIED = ("mkdocs.yml", "schemas", "templates", "data", "content")
COLLECTIONS = ("courses", "briefs", "interviews", "events")
TOPIC_WORDS = [
    "animation",
    "podcast",
    "audio",
    "film",
    "video",
    "editing",
    "camera",
    "storyboard",
    "script",
    "sound",
    "music",
    "games",
    "design",
    "illustration",
    "drawing",
    "typography",
    "poster",
    "campaign",
    "data",
    "spreadsheet",
    "chart",
    "python",
    "scratch",
    "programming",
    "coding",
    "algorithm",
    "website",
    "app",
    "prototype",
    "interface",
    "accessibility",
    "careers",
    "apprenticeship",
    "university",
    "college",
    "internship",
    "portfolio",
    "interview",
    "industry",
    "studio",
    "agency",
    "newsroom",
    "journalism",
    "broadcast",
    "radio",
    "microphone",
    "lighting",
    "green",
    "screen",
    "special",
    "effects",
    "modelling",
    "rendering",
    "character",
    "level",
    "puzzle",
    "narrative",
    "pitch",
    "client",
    "brief",
    "deadline",
    "teamwork",
    "collaboration",
    "feedback",
    "assessment",
    "curriculum",
    "lesson",
    "classroom",
    "pupils",
    "learners",
    "teachers",
    "primary",
    "secondary",
    "transition",
    "maths",
    "science",
    "art",
    "computing",
    "media",
    "digital",
    "creative",
    "london",
    "community",
    "school",
    "project",
    "workshop",
    "session",
    "online",
    "blended",
    "practical",
    "hands",
]
COMMON_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "with",
    "was",
    "on",
    "be",
    "by",
    "this",
    "are",
    "at",
    "from",
    "or",
    "have",
    "an",
    "they",
    "which",
    "one",
    "you",
    "were",
    "all",
    "we",
    "can",
    "there",
    "their",
    "more",
    "when",
    "some",
    "what",
    "about",
    "would",
    "so",
    "into",
    "time",
    "has",
    "two",
    "other",
    "them",
    "then",
    "these",
    "than",
    "also",
    "its",
    "people",
    "way",
    "how",
    "could",
    "first",
    "new",
    "because",
    "may",
    "use",
    "well",
    "work",
    "should",
    "very",
    "through",
    "just",
    "over",
    "after",
    "most",
    "many",
    "where",
    "much",
    "before",
    "good",
    "those",
    "each",
    "right",
    "while",
    "help",
    "learn",
    "make",
    "made",
    "show",
    "start",
    "find",
    "try",
    "group",
    "plan",
    "share",
    "each",
    "week",
]
SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "len",
    "dra",
    "vi",
    "so",
    "tam",
    "pel",
    "cor",
    "ush",
    "ex",
    "bri",
    "lo",
    "nat",
    "fen",
    "gar",
    "hu",
    "ia",
    "zo",
]


def _lexicon(rng: random.Random, size: int = 6000) -> list[str]:
    """Common words first, then topic words, then made-up words for the long tail."""
    words = list(dict.fromkeys(COMMON_WORDS + TOPIC_WORDS))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Writer:
    """Draws words with Zipf-like frequencies from a fixed lexicon."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = _lexicon(rng)
        self.weights = list(accumulate(1.0 / (rank + 1) for rank in range(len(self.words))))

    def sentence(self, topic: list[str]) -> str:
        count = self.rng.randint(8, 22)
        words = self.rng.choices(self.words, cum_weights=self.weights, k=count)
        for _ in range(self.rng.randint(1, 3)):
            words[self.rng.randrange(count)] = self.rng.choice(topic)
        return " ".join(words).capitalize() + "."

    def body(self, topic: list[str], total_words: int) -> str:
        parts, written = [], 0
        section = 0
        while written < total_words:
            section += 1
            parts.append(f"## {self.rng.choice(topic).capitalize()} in practice {section}")
            paragraph = [self.sentence(topic) for _ in range(self.rng.randint(3, 7))]
            written += sum(len(s.split()) for s in paragraph)
            parts.append(" ".join(paragraph))
        return "\n\n".join(parts) + "\n"


FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Ebony", "Farah", "George", "Hana", "Isaac", "Jade"]
LAST_NAMES = ["Okafor", "Patel", "Nguyen", "Smith", "Kowalski", "Mensah", "Ali", "Evans", "Chen"]
VENUES = ["Queen Mary University of London", "Bow Arts studio", "City Hall, London", "Online"]
FOLDER_EVERY = 10
"""Every tenth record is a folder with attachments (slides and a handout)."""


@dataclass
class SyntheticRecord:
    """One generated record: where it goes, its fields, body and attachment files."""

    collection: str
    slug: str
    fields: dict[str, Any]
    body: str
    attachments: dict[str, bytes] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        return f"{self.collection}/{self.slug}"

    @property
    def path(self) -> str:
        """The record's Markdown file: `<slug>/index.md` for folder records."""
        if self.attachments:
            return f"{self.collection}/{self.slug}/index.md"
        return f"{self.collection}/{self.slug}.md"


def _terms(data: dict[str, Any], name: str) -> list[str]:
    return [term["id"] for term in data["vocabularies"][name]["terms"]]


def _fake_file(rng: random.Random, header: bytes, size: int) -> bytes:
    return header + bytes(rng.getrandbits(8) for _ in range(size))


def _collection_fields(
    rng: random.Random, data: dict[str, Any], collection: str, topic: list[str], writer: Writer
) -> dict[str, Any]:
    """The fields only this collection has, with values like the demo's."""
    organisations = [org["id"] for org in data["organisations"]]
    if collection == "courses":
        fields: dict[str, Any] = {
            "format": rng.choice(_terms(data, "formats")),
            "level": rng.choice(_terms(data, "levels")),
            "duration": f"{rng.randint(2, 10)} weeks, {rng.randint(1, 4)} hours a week",
            "outcomes": [writer.sentence(topic) for _ in range(rng.randint(3, 5))],
            "modules": [
                {
                    "title": f"{rng.choice(topic).capitalize()} {n + 1}",
                    "summary": writer.sentence(topic),
                }
                for n in range(rng.randint(3, 6))
            ],
        }
        if rng.random() < 0.3:
            fields["available_until"] = "2023-04"
        return fields
    if collection == "briefs":
        fields = {
            "key_stages": sorted(rng.sample(_terms(data, "key_stages"), 2)),
            "time_needed": f"{rng.choice(('Two', 'Three', 'Four', 'Six'))} 1-hour lessons",
            "skills": [writer.sentence(topic)[:80] for _ in range(rng.randint(3, 5))],
        }
        if rng.random() < 0.5:
            fields["partner"] = rng.choice(organisations)
        return fields
    if collection == "interviews":
        return {
            "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            "role": f"{topic[0].capitalize()} specialist",
            "organisation": f"{topic[1].capitalize()} Studio",
            "sector": rng.choice(_terms(data, "sectors")),
            "pathway": rng.choice(_terms(data, "pathways")),
            "quote": writer.sentence(topic),
        }
    venue = rng.choice(VENUES)
    fields = {"online": True} if venue == "Online" else {"venue": venue}
    if rng.random() < 0.5:
        fields["rating"] = {
            "score": round(rng.uniform(4.0, 6.0), 1),
            "out_of": 6,
            "responses": rng.randint(5, 80),
        }
    return fields


def synthetic_records(
    records: int, seed: int = 1, source: Path = SOURCE
) -> Iterator[SyntheticRecord]:
    """The same `records` records for the same seed, across all collections."""
    rng = random.Random(seed)
    data = yaml.safe_load((source / "data" / "archive.yml").read_text(encoding="utf-8"))
    subjects, audiences = _terms(data, "subjects"), _terms(data, "audiences")
    organisations = [org["id"] for org in data["organisations"]]
    writer = Writer(rng)
    refs: list[str] = []
    for number in range(records):
        collection = COLLECTIONS[number % len(COLLECTIONS)]
        topic = rng.sample(TOPIC_WORDS, 4)
        slug = f"{'-'.join(topic[:2])}-{number}"
        year = rng.choice(("2020", "2021", "2022"))
        fields: dict[str, Any] = {
            "title": f"{topic[0].capitalize()} and {topic[1]} {number}",
            "summary": f"A {collection[:-1]} on {topic[0]} and {topic[1]} for educators, "
            f"with ideas for {topic[2]} and {topic[3]} in class.",
            "date": f"{year}-{rng.randint(1, 12):02d}",
            "subjects": rng.sample(subjects, rng.randint(1, 3)),
            "audiences": rng.sample(audiences, rng.randint(1, 2)),
        }
        if rng.random() < 0.4:
            fields["partners"] = rng.sample(organisations, 1)
        if refs and rng.random() < 0.5:
            fields["related"] = sorted(set(rng.sample(refs, min(len(refs), rng.randint(1, 3)))))
        fields |= _collection_fields(rng, data, collection, topic, writer)
        body = writer.body(topic, rng.randint(300, 1500))
        attachments: dict[str, bytes] = {}
        if number % FOLDER_EVERY == FOLDER_EVERY - 1:
            attachments = {
                "slides.pdf": _fake_file(rng, b"%PDF-1.4\n", rng.randint(2_000, 20_000)),
                "handout.pdf": _fake_file(rng, b"%PDF-1.4\n", rng.randint(1_000, 8_000)),
            }
            fields["downloads"] = [
                {"title": "Session slides", "file": "slides.pdf"},
                {"title": "Handout for learners", "file": "handout.pdf"},
                {"title": "Further reading", "url": f"https://example.org/{topic[0]}/{number}"},
            ]
        yield SyntheticRecord(collection, slug, fields, body, attachments)
        refs.append(f"{collection}/{slug}")


def _write_record_files(root: Path, record: SyntheticRecord, text: str) -> None:
    target = root / record.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    for name, content in record.attachments.items():
        (target.parent / name).write_bytes(content)


def generate(out: Path, records: int, seed: int = 1, source: Path = SOURCE) -> Path:
    """Write a project with `records` records into `out` (replaced if it exists)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        copied = source / name
        if copied.is_dir():
            shutil.copytree(copied, out / name)
        else:
            shutil.copy(copied, out / name)
    for collection in COLLECTIONS:
        (out / collection).mkdir(exist_ok=True)
    for record in synthetic_records(records, seed, source):
        front = yaml.safe_dump(record.fields, sort_keys=False, allow_unicode=True, width=10_000)
        _write_record_files(out, record, f"---\n{front}---\n\n{record.body}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the project into (replaced)")
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=SOURCE, help="archive to copy settings from")
    args = parser.parse_args()
    generate(args.out, args.records, args.seed, args.source)
    print(f"wrote {args.records} records to {args.out}")


if __name__ == "__main__":
    main()
