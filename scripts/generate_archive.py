"""Generate a synthetic archive project of N records, for benchmarks at realistic sizes.

Deterministic (seeded): the same N and seed give the same files. Records spread over the
four collections with real vocabulary ids and organisations from `data/archive.yml`,
`related` references, and bodies of 300 to 1,500 words whose word frequencies follow a
long-tailed (Zipf-like) distribution, as real text does. The output folder is a complete
project (mkdocs.yml, schemas, templates, data, overrides, content) that builds as is.

    python scripts/generate_archive.py OUT_DIR --records 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
from itertools import accumulate
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
COPIED = ("mkdocs.yml", "schemas", "templates", "data", "overrides", "content")
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


def _terms(data: dict[str, object], name: str) -> list[str]:
    vocabularies = data["vocabularies"]
    assert isinstance(vocabularies, dict)
    return [term["id"] for term in vocabularies[name]["terms"]]


def generate(out: Path, records: int, seed: int = 1) -> Path:
    """Write a project with `records` records into `out` (replaced if it exists)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, out / name)
        else:
            shutil.copy(source, out / name)
    data = yaml.safe_load((REPO / "data" / "archive.yml").read_text(encoding="utf-8"))
    subjects, audiences = _terms(data, "subjects"), _terms(data, "audiences")
    organisations = [org["id"] for org in data["organisations"]]
    writer = Writer(rng)
    refs: list[str] = []
    for number in range(records):
        collection = COLLECTIONS[number % len(COLLECTIONS)]
        topic = rng.sample(TOPIC_WORDS, 4)
        slug = f"{'-'.join(topic[:2])}-{number}"
        year = rng.choice(("2020", "2021", "2022"))
        fields: dict[str, object] = {
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
        if collection == "courses":
            fields["format"] = rng.choice(_terms(data, "formats"))
            fields["level"] = rng.choice(_terms(data, "levels"))
        elif collection == "briefs":
            fields["key_stages"] = sorted(rng.sample(_terms(data, "key_stages"), 2))
        elif collection == "interviews":
            fields["role"] = f"{topic[0].capitalize()} specialist"
            fields["sector"] = rng.choice(_terms(data, "sectors"))
            fields["pathway"] = rng.choice(_terms(data, "pathways"))
        else:
            fields["online"] = True
        body = writer.body(topic, rng.randint(300, 1500))
        front = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=10_000)
        target = out / collection / f"{slug}.md"
        target.parent.mkdir(exist_ok=True)
        target.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
        refs.append(f"{collection}/{slug}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the project into (replaced)")
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.records, args.seed)
    print(f"wrote {args.records} records to {args.out}")


if __name__ == "__main__":
    main()
