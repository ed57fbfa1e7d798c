"""Online story clustering: each new article joins the best existing story or founds one.

An article is compared with a story's centroid on two views, content terms and named entities (places, people,
organisations, resolved actor ids), both weighted by inverse document frequency counted as articles arrive. A story
that has not been updated for a while fades (half-life) and, past `max_gap_days`, is no longer a candidate; undated
articles (ECB+) are compared without a time factor. Candidates come from an inverted index over each article's
salient terms and entities whose posting lists keep only the most recently active stories, so the cost per article
stays flat however many articles are stored.

An article is placed before its event's story has formed, so a small story gets a second look once it has gone quiet:
a story of at least three articles that now matches it absorbs it (`ClusterOptions.review_size`), found through the
same index. The absorbed story's id disappears; `take_absorbed()` tells the caller which ids moved where.

Everything is a pure function of the sequence of articles: the same articles in the same order give the same stories
whether they arrive in one batch or in many, and `to_rows()`/`from_rows()` round-trip the whole state.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, fields
from datetime import date, timedelta
from typing import Any

from dateline.records import Story, iso_day
from dateline.stories.cluster_options import ClusterOptions
from dateline.stories.features import ArticleFeatures, is_country
from dateline.stories.lead_specifics import is_specific, lead_agreement, lead_views
from dateline.stories.second_look import SecondLook
from dateline.stories.story_state import (
    StoryState,
    add_capped,
    cosine,
    extend_span,
    iso,
    pruned_sum,
    story_id_for,
    top,
    unit,
)


class StoryClusterer(SecondLook):
    """Assigns articles to stories one at a time.

    Example:
        >>> from dateline.stories.features import ArticleFeatures
        >>> clusterer = StoryClusterer()
        >>> a = clusterer.assign(ArticleFeatures("a", {"earthquake": 2, "kill": 1}, {"peru": 1}))
        >>> clusterer.assign(ArticleFeatures("b", {"earthquake": 1, "toll": 1}, {"peru": 2})) == a
        True
    """

    def __init__(self, options: ClusterOptions | None = None):
        self.options = options or ClusterOptions()
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}  # doc_id -> story_id
        self.n_docs = 0
        self.seq = 0
        self.term_df: dict[str, int] = defaultdict(int)
        self.entity_df: dict[str, int] = defaultdict(int)
        self._postings: dict[str, dict[str, int]] = defaultdict(dict)  # key -> {story_id: seq}, oldest first
        self.newest: date | None = None  # the latest publication date seen: stories retire relative to it
        self._by_last: list[tuple[date, str]] = []  # heap of (last_published, story_id), stale entries skipped
        self._undated: list[tuple[int, str]] = []  # heap of (last_seq, story_id) of undated stories, stale ones skipped
        self.late_articles = 0  # articles that arrived already older than the horizon (each starts a new story)
        self.out_of_order = 0  # articles that arrived more than `grace_days` older than the newest one seen
        self._changed: set[str] = set()  # stories changed other than by an article joining (see stories_to_save)
        self._retired_unsaved: dict[str, StoryState] = {}  # retired since the last save: their last change is unsaved
        self._review_dated: list[tuple[date, str]] = []  # heap of (last_published, story_id) of small stories
        self._review_undated: list[tuple[int, str]] = []  # heap of (last_seq, story_id), stale entries skipped
        self._absorbed: dict[str, str] = {}  # small story_id -> the story that absorbed it, since `take_absorbed`

    # -- assignment ------------------------------------------------------------------------------------------------
    def assign(self, features: ArticleFeatures) -> str:
        """The story this article belongs to; an article seen before keeps its story (idempotent re-ingest)."""
        if features.doc_id in self.story_of:
            return self.story_of[features.doc_id]
        self._count(features)
        horizon = self.horizon()
        if horizon and features.published and features.published < horizon:
            self.late_articles += 1
        elif self.newest and features.published and (self.newest - features.published).days > self.options.grace_days:
            self.out_of_order += 1  # its story may have moved on without the reports in between
        terms = unit(_weighted(features.terms, self._term_idf))
        entities = unit(_weighted(features.entities, self._entity_idf))
        best = self.best_story(features, terms, entities)
        story = self.stories[best[1]] if best else self._found(features)
        self._add(story, features, terms, entities)
        return self.story_of.get(features.doc_id, story.story_id)  # its story may be absorbed (or retired) at once

    def attach(self, doc_id: str, story_id: str, published: str | date | None = None) -> None:
        """Add an article to a story without changing what the story is about (for near-duplicate copies)."""
        story = self.stories[story_id]
        if doc_id not in self.story_of:
            story.doc_ids.append(doc_id)
            self.story_of[doc_id] = story_id
            self._extend(story, iso_day(published))
            self._touch(story)
            self._retire_quiet_stories()
            self._review_quiet_stories()

    def best_story(
        self, features: ArticleFeatures, terms: dict[str, float], entities: dict[str, float]
    ) -> tuple[float, str] | None:
        """(similarity, story_id) of the most similar candidate story at or above the threshold, else None."""
        best: tuple[float, str] | None = None
        lead = lead_views(self.options, features)
        for story_id in self._candidates(features, terms, entities):
            story = self.stories[story_id]
            decay = self._time_factor(features.published, story)
            if decay == 0.0:
                continue
            score = decay * self.similarity(terms, entities, story)
            if score > 0.0:
                score += lead_agreement(self.options, lead, features, story)
            margin = 0.0 if self._rare_main_name_shared(entities, story) else self.options.small_story_margin
            needed = self.options.threshold + margin / len(story.doc_ids)
            if score >= needed and (best is None or (score, story_id) > best):
                best = (score, story_id)
        return best

    def similarity(self, terms: dict[str, float], entities: dict[str, float], story: StoryState) -> float:
        text = cosine(terms, story.terms, story.term_norm)
        if text < self.options.min_text_similarity:
            return 0.0
        if not entities and not story.entities:
            return text
        if self._main_names_conflict(entities, story):
            return 0.0
        people = cosine(entities, story.entities, story.entity_norm)
        if entities and story.entities and people < self.options.min_entity_similarity:
            return 0.0
        weight = self.options.entity_weight
        return (1.0 - weight) * text + weight * people

    def _rare_main_name_shared(self, entities: dict[str, float], story: StoryState) -> bool:
        """True when the article's and the story's most salient name are one name that few articles so far have named
        (a Bettie Page obituary after another): the story is not a noisy one-article guess then. A name in the news
        every day (a president, a country) is too common to count, and a country is common however few articles so
        far have named it: two reports mostly about India are not one event (ECB+, scorer's order: dev B-cubed 0.925
        -> 0.956, the 2008 and 2011 Indian-navy piracy reports; train 0.913 unchanged; six random orders: dev 0.874
        unchanged, train 0.878 -> 0.880)."""
        if self.options.rare_name_share <= 0 or not entities or not story.entities:
            return False
        main = top(entities, 1)
        if main != top(story.entities, 1) or is_country(main[0]):
            return False
        return self.entity_df.get(main[0], 0) <= max(3, self.options.rare_name_share * self.n_docs)

    def _main_names_conflict(self, entities: dict[str, float], story: StoryState) -> bool:
        """True when a young story and the article each lack the other's most salient names."""
        n = self.options.main_entities
        if n <= 0 or len(story.doc_ids) > self.options.young_story_size or not entities or not story.entities:
            return False
        return all(e not in story.entities for e in top(entities, n)) and all(
            e not in entities for e in top(story.entities, n)
        )

    # -- candidate retrieval ---------------------------------------------------------------------------------------
    def _index_keys(self, features: ArticleFeatures, terms: dict[str, float], entities: dict[str, float]) -> list[str]:
        top_terms = top(terms, self.options.salient_terms)
        top_entities = top(entities, self.options.salient_entities)
        return ["t:" + t for t in top_terms] + ["e:" + e for e in top_entities]

    def _candidates(self, features: ArticleFeatures, terms: dict[str, float], entities: dict[str, float]) -> list[str]:
        return self._stories_sharing(self._index_keys(features, terms, entities), features.published)

    def _stories_sharing(self, keys: Iterable[str], published: date | None, exclude: str | None = None) -> list[str]:
        """The `max_candidates` in-window stories posted under the most (idf-weighted) of `keys`, best first."""
        hits: dict[str, float] = defaultdict(float)
        for key in keys:
            weight = self._key_idf(key)
            for story_id in self._recent(key, published):
                if story_id != exclude:
                    hits[story_id] += weight
        ranked = heapq.nlargest(self.options.max_candidates, hits.items(), key=lambda item: (item[1], item[0]))
        return [story_id for story_id, _ in ranked]

    def _recent(self, key: str, published: date | None) -> list[str]:
        """The most recently touched stories under `key` that are still within the time window of `published`.

        Reading newest first keeps the cost per article flat as the store grows: it stops after `posting_limit`
        stories, or at the first story that has gone quiet (articles mostly arrive in date order, so what was
        touched before it is older still).
        """
        found: list[str] = []
        for story_id in reversed(self._postings.get(key, {})):
            if self._time_factor(published, self.stories[story_id]) == 0.0:
                break
            found.append(story_id)
            if len(found) == self.options.posting_limit:
                break
        return found

    def _time_factor(self, published: date | None, story: StoryState) -> float:
        if published is None or story.last_published is None:
            return 1.0
        if published > story.last_published:
            gap = (published - story.last_published).days
        else:
            gap = max(0, (story.first_published - published).days)
        if gap > self.options.max_gap_days:
            return 0.0
        return 0.5 ** (max(0, gap - self.options.grace_days) / self.options.half_life_days)

    # -- state updates ---------------------------------------------------------------------------------------------
    def _count(self, features: ArticleFeatures) -> None:
        self.n_docs += 1
        for term in features.terms:
            self.term_df[term] += 1
        for entity in features.entities:
            self.entity_df[entity] += 1

    def _found(self, features: ArticleFeatures) -> StoryState:
        story = StoryState(story_id_for(features.doc_id), features.title, [])
        self.stories[story.story_id] = story
        return story

    def _add(self, story: StoryState, features: ArticleFeatures, terms: dict[str, float], entities: dict) -> None:
        self.seq += 1
        views = lead_views(self.options, features)  # only the kinds of lead entities that are compared are kept
        story.doc_ids.append(features.doc_id)
        self.story_of[features.doc_id] = story.story_id
        self._extend(story, features.published)
        story.add_to_centroid(terms, entities, self.options.centroid_terms, self.options.centroid_entities)
        kept = [k for k in features.lead_entities if any(is_specific(k, dates) for _, dates, _ in views)]
        story.lead = pruned_sum(story.lead, dict.fromkeys(kept, 1.0), self.options.lead_keys)
        add_capped(story.lead_places, features.lead_places, self.options.max_lead_places)
        add_capped(story.lead_people, features.lead_people, self.options.max_lead_places)
        for key in self._index_keys(features, terms, entities):
            story.keys[key] = self.seq
            self._post(key, story.story_id)
        self._touch(story)
        self._retire_quiet_stories()
        self._review_quiet_stories()

    def _touch(self, story: StoryState) -> None:
        story.last_seq = self.seq
        if story.last_published is None:
            heapq.heappush(self._undated, (story.last_seq, story.story_id))
        self._schedule_review(story)

    def _post(self, key: str, story_id: str) -> None:
        posting = self._postings[key]
        posting.pop(story_id, None)
        posting[story_id] = self.seq
        while len(posting) > self.options.posting_cap:
            dropped = next(iter(posting))
            del posting[dropped]
            # The story forgets the key too, so its stored row rebuilds exactly these posting lists (`from_rows`).
            if self.stories[dropped].keys.pop(key, None) is not None:
                self._changed.add(dropped)

    # -- retirement ------------------------------------------------------------------------------------------------
    def _extend(self, story: StoryState, published: date | None) -> None:
        before = story.last_published
        extend_span(story, published)
        if story.last_published is not None and story.last_published != before:
            heapq.heappush(self._by_last, (story.last_published, story.story_id))
        if published is not None and (self.newest is None or published > self.newest):
            self.newest = published

    def horizon(self) -> date | None:
        """Stories last updated before this date are retired (None: nothing is, no dated article seen yet)."""
        return self.newest - timedelta(days=self.options.retire_days) if self.newest else None

    def _retire_quiet_stories(self) -> None:
        """Called once an article is in: this also retires at once a story a late article founded past the horizon
        (`from_rows` would not load it either)."""
        horizon = self.horizon()
        while horizon is not None and self._by_last and self._by_last[0][0] < horizon:
            last, story_id = heapq.heappop(self._by_last)
            story = self.stories.get(story_id)
            if story is not None and story.last_published == last:  # else retired, or updated since the push
                self._retire(story)
        oldest = self.seq - self.options.retire_undated  # `retire_undated` articles or more came after it
        while self._undated and self._undated[0][0] <= oldest:
            last_seq, story_id = heapq.heappop(self._undated)
            story = self.stories.get(story_id)
            if story is not None and story.last_published is None and story.last_seq == last_seq:
                self._retire(story)

    def _retire(self, story: StoryState) -> None:
        del self.stories[story.story_id]
        self._retired_unsaved[story.story_id] = story
        for doc_id in story.doc_ids:
            self.story_of.pop(doc_id, None)
        for key in story.keys:
            posting = self._postings.get(key)
            if posting is not None:
                posting.pop(story.story_id, None)
                if not posting:
                    del self._postings[key]

    def stories_to_save(self, touched: Iterable[str]) -> list[StoryState]:
        """The states to write after a batch: the `touched` stories (articles joined them), then those changed
        otherwise (a posting list dropped one of their keys, a review), whether still in memory or retired during the
        batch; absorbed stories are gone (see `take_absorbed`)."""
        wanted = dict.fromkeys(touched)
        wanted.update(dict.fromkeys(sorted(self._changed - wanted.keys())))
        found = (self.stories.get(story_id) or self._retired_unsaved.get(story_id) for story_id in wanted)
        saved = [story for story in found if story is not None]
        self._changed.clear()
        self._retired_unsaved.clear()
        return saved

    # -- weights ---------------------------------------------------------------------------------------------------
    def _term_idf(self, term: str) -> float:
        return math.log((self.n_docs + self.options.idf_prior_docs + 1) / (self.term_df.get(term, 0) + 0.5))

    def _entity_idf(self, entity: str) -> float:
        return math.log((self.n_docs + self.options.idf_prior_docs + 1) / (self.entity_df.get(entity, 0) + 0.5))

    def _key_idf(self, key: str) -> float:
        return self._term_idf(key[2:]) if key.startswith("t:") else self._entity_idf(key[2:])

    # -- storage ---------------------------------------------------------------------------------------------------
    def meta_row(self) -> dict[str, Any]:
        """The counters and options (the `meta` part of `to_rows`), without copying every story."""
        return {"n_docs": self.n_docs, "seq": self.seq, "newest": iso(self.newest), "options": asdict(self.options)}

    def to_rows(self) -> dict[str, list[dict[str, Any]]]:
        """The whole state as plain rows: `meta` (one row), `stories`, `term_df`, `entity_df`."""
        return {
            "meta": [self.meta_row()],
            "stories": [story.to_row() for story in self.stories.values()],
            "term_df": [{"term": t, "df": n} for t, n in self.term_df.items()],
            "entity_df": [{"entity": e, "df": n} for e, n in self.entity_df.items()],
        }

    @classmethod
    def from_rows(cls, rows: dict[str, list[dict[str, Any]]]) -> StoryClusterer:
        """The clusterer `to_rows` saved; retired stories among `rows["stories"]` are skipped (readers may leave them
        out already, see `horizon`)."""
        meta = rows["meta"][0]
        known = {f.name for f in fields(ClusterOptions)}  # settings dropped in later versions are ignored
        clusterer = cls(ClusterOptions(**{k: v for k, v in meta["options"].items() if k in known}))
        clusterer.n_docs, clusterer.seq = meta["n_docs"], meta["seq"]
        clusterer.newest = iso_day(meta.get("newest"))
        horizon = clusterer.horizon()
        clusterer.term_df.update({r["term"]: r["df"] for r in rows["term_df"]})
        clusterer.entity_df.update({r["entity"]: r["df"] for r in rows["entity_df"]})
        touches = []
        for row in rows["stories"]:
            story = StoryState.from_row(row)
            if horizon and story.last_published and story.last_published < horizon:
                continue
            if story.last_published is None and story.last_seq <= meta["seq"] - clusterer.options.retire_undated:
                continue
            clusterer.stories[story.story_id] = story
            if story.last_published:
                clusterer._by_last.append((story.last_published, story.story_id))
            else:
                clusterer._undated.append((story.last_seq, story.story_id))
            clusterer.story_of.update((doc_id, story.story_id) for doc_id in story.doc_ids)
            touches.extend((seq, key, story.story_id) for key, seq in story.keys.items())
            if story.reviewed_seq != story.last_seq:
                clusterer._schedule_review(story)
        for seq, key, story_id in sorted(touches):  # replaying touches in order rebuilds the same posting lists
            clusterer.seq = seq
            clusterer._post(key, story_id)
        clusterer.seq = meta["seq"]
        heapq.heapify(clusterer._by_last)
        heapq.heapify(clusterer._undated)
        return clusterer

    def to_stories(self) -> list[Story]:
        return [story.to_story() for story in self.stories.values()]


def _weighted(counts: dict[str, int], idf) -> dict[str, float]:
    """Sublinear tf x idf, with the idf of the moment the article arrives (so stored vectors never change)."""
    return {key: (1.0 + math.log(n)) * idf(key) for key, n in counts.items() if n > 0}

