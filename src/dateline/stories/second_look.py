"""A small story's second look: once quiet, a story of one or two articles may be absorbed by a larger one.

An online clusterer places each article before its event's story has formed: the second report of an event meets a
story of one article, which needs a high score to join, so it can found a story of its own beside its event's and stay
there. Looked at again once it has gone quiet, against the stories that have grown since, it joins the one it matches
(`ClusterOptions.review_size` and the settings after it). Part of `StoryClusterer`, whose state it reads and changes.
"""

from __future__ import annotations

import heapq
from datetime import date, timedelta
from typing import Any

from dateline.stories.story_state import StoryState, absorb_state, unit


class SecondLook:
    """The second-look half of `dateline.stories.clustering.StoryClusterer`."""

    # Set by StoryClusterer.__init__; the methods used here (_stories_sharing, _time_factor, similarity) are its.
    options: Any
    stories: dict[str, StoryState]
    story_of: dict[str, str]
    seq: int
    newest: date | None
    _postings: dict[str, dict[str, int]]
    _by_last: list[tuple[date, str]]
    _undated: list[tuple[int, str]]
    _changed: set[str]
    _review_dated: list[tuple[date, str]]
    _review_undated: list[tuple[int, str]]
    _absorbed: dict[str, str]

    def _schedule_review(self, story: StoryState) -> None:
        if len(story.doc_ids) > self.options.review_size:
            return
        if story.last_published is not None:
            heapq.heappush(self._review_dated, (story.last_published, story.story_id))
        else:
            heapq.heappush(self._review_undated, (story.last_seq, story.story_id))

    def _review_quiet_stories(self) -> None:
        """Give each small story that has gone quiet since it last changed its second look, oldest first."""
        due: list[tuple[Any, str]] = []
        if self.newest is not None:
            cutoff = self.newest - timedelta(days=self.options.review_after_days)
            while self._review_dated and self._review_dated[0][0] <= cutoff:
                due.append(heapq.heappop(self._review_dated))
        while self._review_undated and self._review_undated[0][0] <= self.seq - self.options.review_after_articles:
            due.append(heapq.heappop(self._review_undated))
        for clock, story_id in due:
            story = self.stories.get(story_id)
            if story is None or len(story.doc_ids) > self.options.review_size or story.reviewed_seq == story.last_seq:
                continue  # absorbed, retired, grown, or already looked at since it last changed
            if clock != (story.last_published if isinstance(clock, date) else story.last_seq):
                continue  # an article joined it after this entry: a newer entry stands for it
            story.reviewed_seq = story.last_seq
            self._changed.add(story_id)
            target = self._absorber(story)
            if target is not None:
                self._absorb(target, story)

    def _absorber(self, small: StoryState) -> StoryState | None:
        """The most similar story of at least `review_target_size` articles at or above `review_threshold`, found
        through the small story's own index keys (so a review costs what placing an article does)."""
        terms, entities = unit(small.terms), unit(small.entities)
        best: tuple[float, str] | None = None
        for story_id in self._stories_sharing(small.keys, small.last_published, exclude=small.story_id):
            story = self.stories[story_id]
            if len(story.doc_ids) < self.options.review_target_size:
                continue
            score = self._time_factor(small.last_published, story) * self.similarity(terms, entities, story)
            if score >= self.options.review_threshold and (best is None or (score, story_id) > best):
                best = (score, story_id)
        return self.stories[best[1]] if best else None

    def _absorb(self, target: StoryState, small: StoryState) -> None:
        options = self.options
        absorb_state(target, small, options.centroid_terms, options.centroid_entities, options.lead_keys,
                     options.max_lead_places)
        self.story_of.update(dict.fromkeys(small.doc_ids, target.story_id))
        del self.stories[small.story_id]
        for key in small.keys:
            posting = self._postings[key]
            posting.pop(small.story_id, None)
            posting[target.story_id] = target.keys[key]
            self._postings[key] = dict(sorted(posting.items(), key=lambda item: item[1]))  # oldest first, as replayed
        if target.last_published is not None:
            heapq.heappush(self._by_last, (target.last_published, target.story_id))
        else:
            heapq.heappush(self._undated, (target.last_seq, target.story_id))
        self._changed.discard(small.story_id)
        self._changed.add(target.story_id)
        self._absorbed[small.story_id] = target.story_id

    def take_absorbed(self) -> dict[str, str]:
        """Small story_id -> the story_id that absorbed it, for the absorptions since the last call."""
        absorbed, self._absorbed = self._absorbed, {}
        return absorbed
