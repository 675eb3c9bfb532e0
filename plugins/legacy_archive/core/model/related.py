"""Related resources: a record's explicit `related` list first, then records that share
values of the facets with a `related_weight` (like Hugo's related content).

Comparing every pair of records is quadratic (10,000 records = 50 million pairs), so an
inverted index maps each (facet, id) to its records; candidates come from a record's rarest
terms first and are capped, which keeps the work near-linear in the number of records.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict

from legacy_archive.core.load.records import Record
from legacy_archive.core.model.archive import Archive

MAX_RELATED = 5
MAX_CANDIDATES = 200
"""Records scored per record at most: bounds the work however common a term is."""

Term = tuple[str, str]


class RelatedIndex:
    """Computes up to `MAX_RELATED` related records per record, built once per build."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.operations = 0
        """Postings visited and terms compared so far: the work, counted for scaling tests."""
        self.records: list[Record] = list(archive.records())
        self.order: dict[str, int] = {}
        self.terms: list[set[Term]] = []
        """Each record's terms, by its position in `records`."""
        self.postings: dict[Term, list[int]] = defaultdict(list)
        """The positions of the records carrying each term, in order."""
        # How much sharing one value of each facet counts, as the archive declares: a shared
        # subject may say more than a shared audience, which most records have in common.
        facets = archive.facets.weighted
        weights = {facet.key: facet.related_weight for facet in facets}
        for position, record in enumerate(self.records):
            self.order[record.ref] = position
            terms = {(facet.key, value) for facet in facets for value in facet.values(record)}
            self.terms.append(terms)
            for term in terms:
                self.postings[term].append(position)
        total = max(1, len(self.records))
        self.weight = {
            term: weights[term[0]] * (1.0 + math.log(total / len(records)))
            for term, records in self.postings.items()
        }

    def digest(self) -> str:
        """Every record's reference and terms, in order: what computed relations rest on."""
        text = repr([(r.ref, sorted(t)) for r, t in zip(self.records, self.terms, strict=True)])
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def computed(self, record: Record, limit: int = MAX_RELATED) -> list[Record]:
        """Records most like this one by shared terms, best first, never the record itself."""
        position = self.order.get(record.ref, -1)
        mine = self.terms[position] if position >= 0 else set()
        candidates: dict[int, None] = {}
        for term in sorted(mine, key=lambda t: (len(self.postings[t]), t)):
            if len(candidates) >= MAX_CANDIDATES:
                break
            visited = 0
            for visited, other in enumerate(self.postings[term], 1):  # noqa: B007
                if other != position and other not in candidates:
                    candidates[other] = None
                    if len(candidates) >= MAX_CANDIDATES:
                        break
            self.operations += visited
        # Sum in a fixed order (the sorted shared terms) and round: float addition order
        # must not reorder near-ties, or two builds of the same commit would differ.
        weighted = [(term, self.weight[term]) for term in sorted(mine)]
        self.operations += len(weighted) * len(candidates)
        scored = []
        for other in candidates:
            theirs = self.terms[other]
            score = 0.0
            for term, weight in weighted:
                if term in theirs:
                    score += weight
            scored.append((-round(score, 9), other))
        scored.sort()
        return [self.records[other] for _, other in scored[:limit]]

    def related(self, record: Record, limit: int = MAX_RELATED) -> list[Record]:
        """Explicit `related` records first (in the editor's order), then computed ones."""
        out: list[Record] = []
        seen = {record.ref}
        for ref in record.fields.get("related", []):
            target = self.archive.get(str(ref))
            if target is not None and target.ref not in seen:
                out.append(target)
                seen.add(target.ref)
        for other in self.computed(record, limit + len(out)):
            if len(out) >= limit:
                break
            if other.ref not in seen:
                out.append(other)
                seen.add(other.ref)
        return out[:limit]
