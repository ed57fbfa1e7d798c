"""The cross-document stage of an ingest run: near-duplicates, stories, merged events and shared statements.

It keeps the clusterer, the MinHash index and each touched story's merged events in memory for the run, loads them
from the store on first use, and hands back, per batch, the rows to write in that batch's transaction
(`StageState`). Articles are linked in input order, so one batch or many give the same result.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

from dateline.records import ActorRef, Analysis, Event, Location, Mention, Quote, iso_day
from dateline.store.duckdb_store import Store, event_row
from dateline.store.stage_state import (
    StageState,
    read_cluster_state,
    read_signatures,
    read_statement_candidates,
    read_story_events,
)
from dateline.stories.clustering import StoryClusterer
from dateline.stories.event_merge import MergedEvents, Variant, merge_into, with_statements
from dateline.stories.near_duplicates import DEFAULT_RETIRE_DAYS, DEFAULT_RETIRE_UNDATED, NearDuplicateIndex
from dateline.stories.placement import place_article

log = logging.getLogger(__name__)

# Candidate quotes for statement matching per batch, most recent first: bounds the embedding work for prolific
# speakers (a head of state quoted daily) while covering the matcher's time window.
MAX_STATEMENT_CANDIDATES = 400
# Stories whose merged events stay in memory between batches, most recently touched first; the others are read back
# from the store when an article joins them again, so a long run's memory does not grow with its number of stories.
MERGED_STORIES_KEPT = 2_000


class LinkingStage:
    """Links each batch of analysed articles to what the store already holds."""

    def __init__(self, store: Store, match_statements: bool = True):
        self.store = store
        self.match_statements = match_statements
        self._clusterer: StoryClusterer | None = None
        self._duplicates: NearDuplicateIndex | None = None
        self._merged: OrderedDict[str, MergedEvents] = OrderedDict()
        self._matcher: Any = None
        self._warned_order = False

    # -- state, loaded on first use ---------------------------------------------------------------------------------
    @property
    def clusterer(self) -> StoryClusterer:
        if self._clusterer is None:
            rows = read_cluster_state(self.store)
            self._clusterer = StoryClusterer.from_rows(rows) if rows else StoryClusterer()
        return self._clusterer

    @property
    def duplicates(self) -> NearDuplicateIndex:
        if self._duplicates is None:
            rows, next_seq = read_signatures(self.store, DEFAULT_RETIRE_DAYS, DEFAULT_RETIRE_UNDATED)
            self._duplicates = NearDuplicateIndex.from_rows(rows, next_seq=next_seq,
                                                            retire_undated=DEFAULT_RETIRE_UNDATED)
        return self._duplicates

    def _story_events(self, story_id: str) -> MergedEvents:
        if story_id not in self._merged:
            merged = MergedEvents()
            for row in read_story_events(self.store, [story_id]):
                event = event_from_row(row)
                merged.events.append(event)
                merged.variants[event.event_id] = [variant_from_dict(v) for v in row.get("variants") or []] or [
                    Variant.of(event)
                ]
            self._merged[story_id] = merged
        self._merged.move_to_end(story_id)
        return self._merged[story_id]

    def _forget_old_stories(self) -> None:
        """Drop the merged events of stories the clusterer has retired, and of the least recently touched ones past
        MERGED_STORIES_KEPT, once this batch's rows are built (the batch's own changes reach the store with its rows,
        so a story read back later is complete)."""
        live = self.clusterer.stories
        for story_id in [story_id for story_id in self._merged if story_id not in live]:
            del self._merged[story_id]
        while len(self._merged) > MERGED_STORIES_KEPT:
            self._merged.popitem(last=False)

    # -- one batch ------------------------------------------------------------------------------------------------
    def link(self, analyses: Sequence[Analysis]) -> tuple[list[Analysis], StageState]:
        state = StageState()
        linked: list[Analysis] = []
        touched: dict[str, set[str]] = {}  # story_id -> ids of its merged events this batch created or extended
        df_keys: set[tuple[str, str]] = set()
        late, out_of_order = self.clusterer.late_articles, self.clusterer.out_of_order
        placed_in: list[str] = []  # each article's story when it was placed
        moves: dict[int, dict[str, str]] = {}  # article index -> the absorptions (small -> story) its placing set off
        for index, analysis in enumerate(analyses):
            document = analysis.document
            placed = place_article(self.clusterer, self.duplicates, document, analysis.features)
            placed_in.append(placed.story_id)
            if absorbed := self.clusterer.take_absorbed():
                moves[index] = absorbed
                state.absorbed_stories.update(absorbed)
            if placed.seq is not None:
                state.signatures.append({"doc_id": document.doc_id, "seq": placed.seq,
                                         "scheme": placed.signature.scheme,
                                         "signature": placed.signature.hashvalues.tolist()})
            if placed.duplicate_of is None:
                df_keys.update(("term", t) for t in analysis.features.terms)
                df_keys.update(("entity", e) for e in analysis.features.entities)
            linked.append(replace(analysis, document=replace(document, story_id=placed.story_id,
                                                             duplicate_of=placed.duplicate_of)))
        if self.clusterer.late_articles > late:
            log.warning("%d articles were published more than %d days before the newest one seen: each starts a story "
                        "of its own (ingest archives in date order, or with dateline ingest --date-order)",
                        self.clusterer.late_articles - late, self.clusterer.options.retire_days)
        if self.clusterer.out_of_order > out_of_order and not self._warned_order:
            self._warned_order = True  # once a run: an archive read out of order would repeat it every batch
            log.warning("articles are arriving out of date order (%d so far more than %d day(s) older than the newest "
                        "one seen): stories link best in date order (dateline ingest --date-order)",
                        self.clusterer.out_of_order, self.clusterer.options.grace_days)
        final = state.absorbed_stories
        linked = [replace(a, document=replace(a.document, story_id=final.get(a.document.story_id,
                                                                               a.document.story_id)))
                  for a in linked]
        if self.match_statements:  # before merging: reports of one statement are one event
            linked = self._with_statements(linked, state)
        # Reports merge into the story they were placed in, and an absorbed story's merged events move at the point
        # of the run where it was absorbed: the same steps whether the run comes in one batch or in many.
        for index, (analysis, story_id) in enumerate(zip(linked, placed_in)):
            merged = merge_into(self._story_events(story_id), with_statements(analysis.events, analysis.quotes),
                                story_id)
            self._merged[story_id] = merged
            touched.setdefault(story_id, set()).update(merged.changed)
            for small, target in moves.get(index, {}).items():
                self._move_events(small, target, touched)
        self._fill_story_rows(state, touched, df_keys)
        self._forget_old_stories()
        return linked, state

    def _move_events(self, small: str, target: str, touched: dict[str, set[str]]) -> None:
        """An absorbed story's merged events join the absorbing story's as they are (each keeps its reports)."""
        moved = [replace(event, story_id=target) for event in self._story_events(small).events]
        variants = self._merged.pop(small).variants
        merged = self._story_events(target)
        events = sorted([*merged.events, *moved], key=lambda event: event.event_id)
        self._merged[target] = MergedEvents(events, {**merged.variants, **variants}, merged.changed)
        touched.pop(small, None)
        touched.setdefault(target, set()).update(event.event_id for event in moved)

    def _fill_story_rows(self, state: StageState, touched: dict[str, set[str]], df_keys: set[tuple[str, str]]) -> None:
        clusterer = self.clusterer
        if clusterer.n_docs:  # per batch: only the counters, not the whole state (to_rows grows with the store)
            state.cluster_meta = clusterer.meta_row()
        state.cluster_df = [
            {"kind": kind, "key": key, "df": (clusterer.term_df if kind == "term" else clusterer.entity_df)[key]}
            for kind, key in sorted(df_keys)
        ]
        for story in clusterer.stories_to_save(touched):
            row = story.to_row()
            state.stories.append({
                "story_id": story.story_id, "title": story.title, "first_published": row["first_published"],
                "last_published": row["last_published"], "state": json.dumps(row, sort_keys=True),
            })  # fmt: skip
        for story_id, changed in touched.items():
            merged = self._merged[story_id]
            for event in merged.events:
                if event.event_id not in changed:
                    continue  # its row in the store is current
                variants = merged.variants[event.event_id]
                state.events.append(event_row(event, [_variant_dict(v) for v in variants]))
                state.mention_links.update({v.event_id: event.event_id for v in variants})

    def _with_statements(self, analyses: list[Analysis], state: StageState) -> list[Analysis]:
        from dateline.quotes.embeddings import embedding_available
        from dateline.quotes.statements import QuoteContext, StatementMatcher

        quotes = [(a, q) for a in analyses for q in a.quotes]
        if not quotes:
            return analyses
        if self._matcher is None:
            if not embedding_available():
                log.warning("sentence embeddings unavailable: each quote is its own statement")
                self.match_statements = False
                return analyses
            self._matcher = StatementMatcher()
        # A statement is matched within its story (DESIGN: same speaker, same story window), and only for speakers
        # identified as a person or an organisation: "Iran said" and "police said" are too coarse to call one
        # statement the same across articles.
        by_story: dict[str, list[Any]] = {}
        for a, q in quotes:
            if _identified(q.speaker):
                by_story.setdefault(a.document.story_id, []).append(_context(q, a.document.published))
        ids: dict[str, str] = {}
        for story_id, new in by_story.items():
            dates = [c.published for c in new if c.published]
            window = timedelta(days=self._matcher.window_days)
            low, high = (min(dates) - window, max(dates) + window) if dates else (None, None)
            speakers = {c.speaker_kb_id or c.speaker_name for c in new} - {None}
            candidates = [
                QuoteContext(r["quote_id"], r["text"], r["speaker_kb_id"], r["speaker_name"],
                             iso_day(r["published"]), r["statement_id"], r["doc_id"])
                for r in read_statement_candidates(self.store, speakers, story_id)
            ]
            candidates = [c for c in candidates if c.published is None or low is None or low <= c.published <= high]
            ids.update(self._matcher.assign(new, candidates[-MAX_STATEMENT_CANDIDATES:]))
        state.statement_ids.update(ids)
        return [
            replace(a, quotes=[replace(q, statement_id=ids.get(q.quote_id, q.quote_id)) for q in a.quotes])
            for a in analyses
        ]


def _identified(speaker: ActorRef | None) -> bool:
    """A person or organisation: from the knowledge base, or named in the text without one."""
    if speaker is None:
        return False
    if speaker.kb_id:
        return speaker.kb_id.startswith(("person:", "org:"))
    return bool(speaker.name) and speaker.name[:1].isupper() and " " in speaker.name.strip()


def _context(quote: Quote, published: str | None) -> Any:
    from dateline.quotes.statements import QuoteContext

    speaker = quote.speaker
    return QuoteContext(quote.quote_id, quote.text, getattr(speaker, "kb_id", None), getattr(speaker, "name", None),
                        iso_day(published), None, quote.doc_id)


def _actor(value: dict | None) -> ActorRef | None:
    return ActorRef(**value) if value else None


def event_from_row(row: dict[str, Any]) -> Event:
    """A merged event as stored (nested fields parsed) back to an Event record."""
    return Event(
        event_id=row["event_id"], date=row["date"], date_source=row["date_source"], actor=_actor(row["actor"]),
        recipient=_actor(row["recipient"]), cameo=row["cameo"], cameo_root=row["cameo_root"],
        goldstein=row["goldstein"], quad_class=row["quad_class"], plover=row["plover"],
        plover_mode=row["plover_mode"], modality=row["modality"],
        location=Location(**row["location"]) if row["location"] else None, confidence=row["confidence"],
        mentions=tuple(Mention(**m) for m in row["mentions"] or ()), story_id=row["story_id"],
        num_sources=row["num_sources"], num_mentions=row["num_mentions"],
    )  # fmt: skip


def _variant_dict(variant: Variant) -> dict[str, Any]:
    row = variant.to_row("")
    row.pop("merged_event_id")
    return row


def variant_from_dict(value: dict[str, Any]) -> Variant:
    return Variant(**{**value, "actor": _actor(value.get("actor")), "recipient": _actor(value.get("recipient"))})
