"""What the story clusterer keeps per story, and the sparse-vector arithmetic on it.

A story is a centroid of its members' unit tf-idf vectors (terms and entities, pruned to the largest weights), its
span of publication dates, and the index keys it was last posted under; `to_row`/`from_row` make it one stored row.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from dateline.records import Story, iso_day


def story_id_for(doc_id: str) -> str:
    """A story's id is a hash of its founding article, so it never changes when more articles join."""
    return "story-" + hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:16]


@dataclass
class StoryState:
    """What the clusterer keeps per story (one row in storage)."""

    story_id: str
    title: str | None
    doc_ids: list[str]
    first_published: date | None = None
    last_published: date | None = None
    terms: dict[str, float] = field(default_factory=dict)  # sum of members' unit tf-idf vectors, pruned
    entities: dict[str, float] = field(default_factory=dict)
    term_norm: float = 0.0
    entity_norm: float = 0.0
    keys: dict[str, int] = field(default_factory=dict)  # index key -> sequence number it was last touched
    lead: dict[str, float] = field(default_factory=dict)  # lead entity -> how many members name it in their lead
    lead_places: list[str] = field(default_factory=list)  # the members' first-sentence places (features.lead_places)
    lead_people: list[str] = field(default_factory=list)  # the members' lead people (features.lead_people)
    last_seq: int = 0  # the clusterer's article count when an article last joined: the clock of undated stories
    reviewed_seq: int = 0  # `last_seq` when the story last had its second look (clustering: review), 0 for never

    def add_to_centroid(self, terms: dict[str, float], entities: dict[str, float], max_terms: int,
                        max_entities: int) -> None:
        """Add vectors (an article's, or a whole story's) to the centroid, pruned to the largest weights."""
        self.terms = pruned_sum(self.terms, terms, max_terms)
        self.entities = pruned_sum(self.entities, entities, max_entities)
        self.term_norm = norm(self.terms)
        self.entity_norm = norm(self.entities)

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["first_published"] = iso(self.first_published)
        row["last_published"] = iso(self.last_published)
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> StoryState:
        values = dict(row)
        values["first_published"] = iso_day(values.get("first_published"))
        values["last_published"] = iso_day(values.get("last_published"))
        values["doc_ids"] = list(values["doc_ids"])
        story = cls(**{k: v for k, v in values.items() if k in _STORY_FIELDS})
        story.term_norm = story.term_norm or norm(story.terms)  # rows written before norms were stored
        story.entity_norm = story.entity_norm or norm(story.entities)
        story.last_seq = story.last_seq or max(story.keys.values(), default=0)  # rows written before it was stored
        return story

    def to_story(self, event_ids: tuple[str, ...] = ()) -> Story:
        return Story(
            self.story_id,
            self.title,
            tuple(self.doc_ids),
            event_ids,
            iso(self.first_published),
            iso(self.last_published),
        )


_STORY_FIELDS = frozenset(f.name for f in fields(StoryState))


def absorb_state(target: StoryState, small: StoryState, centroid_terms: int, centroid_entities: int,
                 lead_keys: int, max_lead: int) -> None:
    """Fold `small` into `target`: its articles, centroid, span, lead names and index keys (the later touch wins)."""
    target.doc_ids.extend(small.doc_ids)
    extend_span(target, small.first_published)
    extend_span(target, small.last_published)
    target.add_to_centroid(small.terms, small.entities, centroid_terms, centroid_entities)
    target.lead = pruned_sum(target.lead, small.lead, lead_keys)
    add_capped(target.lead_places, small.lead_places, max_lead)
    add_capped(target.lead_people, small.lead_people, max_lead)
    for key, seq in small.keys.items():
        target.keys[key] = max(seq, target.keys.get(key, 0))
    target.last_seq = max(target.last_seq, small.last_seq)


def norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def unit(vector: dict[str, float]) -> dict[str, float]:
    length = norm(vector)
    return {k: v / length for k, v in vector.items() if v > 0} if length else {}


def cosine(vector: dict[str, float], centroid: dict[str, float], centroid_norm: float) -> float:
    """Cosine of a unit vector with a centroid whose norm is known."""
    if not vector or not centroid or centroid_norm <= 0.0:
        return 0.0
    return sum(value * centroid.get(key, 0.0) for key, value in vector.items()) / centroid_norm


def top(vector: dict[str, float], n: int) -> list[str]:
    return [key for _, key in heapq.nlargest(n, ((value, key) for key, value in vector.items()))]


def pruned_sum(total: dict[str, float], vector: dict[str, float], limit: int) -> dict[str, float]:
    merged = dict(total)
    for key, value in vector.items():
        merged[key] = merged.get(key, 0.0) + value
    if len(merged) <= limit:
        return merged
    return dict(heapq.nlargest(limit, merged.items(), key=lambda item: (item[1], item[0])))


def add_capped(kept: list[str], new: Iterable[str], limit: int) -> None:
    """Append the new items `kept` lacks, first come, until it holds `limit` (a story's lead places and people)."""
    for item in new:
        if item not in kept and len(kept) < limit:
            kept.append(item)


def extend_span(story: StoryState, published: date | None) -> None:
    if published is None:
        return
    if story.first_published is None or published < story.first_published:
        story.first_published = published
    if story.last_published is None or published > story.last_published:
        story.last_published = published


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


