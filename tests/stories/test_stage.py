"""The linking stage across batches: stories whose merged events were dropped from memory are read back whole."""

from __future__ import annotations

import json

from dateline.runner import ingest
from dateline.settings import IngestOptions
from dateline.store import Store
from dateline.stories import stage


def _events(db: str) -> list[tuple]:
    with Store.open(db, read_only=True) as store:
        return sorted((e["event_id"], e["num_mentions"], e["num_sources"]) for e in store.iter_events())


def test_stage_forgetting_merged_events_between_batches_changes_nothing(example_dir, tmp_path, monkeypatch, nlp):
    kept = IngestOptions(db=str(tmp_path / "kept.duckdb"), batch_size=1, workers=1)
    ingest([example_dir], kept)
    monkeypatch.setattr(stage, "MERGED_STORIES_KEPT", 0)  # every story is read back from the store each batch
    forgetful = IngestOptions(db=str(tmp_path / "forgetful.duckdb"), batch_size=1, workers=1)
    ingest([example_dir], forgetful)
    events = _events(forgetful.db)
    assert events == _events(kept.db)
    assert max(sources for _, _, sources in events) == 2  # the cross-article merges survived the round trip


def _stories(db: str) -> list[tuple]:
    with Store.open(db, read_only=True) as store:
        return sorted((d["doc_id"], d["story_id"], d["duplicate_of"]) for d in store.iter_documents())


def test_stage_months_later_a_copy_is_new_news_in_any_batching(example_dir, tmp_path, nlp):
    """The two example articles, then a copy of the first published four months later: the index and the clusterer
    have retired the originals by then, so the copy starts a story of its own, however the run is cut in batches."""
    texts = sorted(p.read_text(encoding="utf-8") for p in example_dir.glob("*.txt"))
    rows = [{"id": "a", "text": texts[0], "published": "2023-04-07"},
            {"id": "b", "text": texts[1], "published": "2023-04-07"},
            {"id": "a-again", "text": texts[0] + "\n\nRepublished.", "published": "2023-08-20"},
            {"id": "a-copy", "text": texts[0] + "\n\nRepublished today.", "published": "2023-08-21"}]
    source = tmp_path / "feed.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    results = []
    for batch_size in (1, 4):
        options = IngestOptions(db=str(tmp_path / f"b{batch_size}.duckdb"), batch_size=batch_size, workers=1)
        ingest([source], options)
        results.append(_stories(options.db))
    assert results[0] == results[1]
    by_order = {doc_id: (story, original) for doc_id, story, original in results[0]}
    stories = {story for story, _ in by_order.values()}
    assert len(stories) == 2  # the April story and the August one
    assert sum(original is not None for _, original in by_order.values()) == 1  # only the August copy of the copy


def test_stage_statement_events_merge_by_statement(example_dir, tmp_path, nlp):
    """Raisi's statements: the one both articles quote (in two translations, "stressed" and "pointed out") is one
    event with two sources; the one only the first article quotes ("declared") stays its own event."""
    options = IngestOptions(db=str(tmp_path / "statements.duckdb"), batch_size=1, workers=1)
    ingest([example_dir], options)
    with Store.open(options.db, read_only=True) as store:
        statements = [e for e in store.iter_events()
                      if e["cameo_root"] == "01" and (e["actor"] or {}).get("kb_id") == "person:ebrahim-raisi"]
    acts = sorted(tuple(sorted(v["act"] for v in e["variants"])) for e in statements)
    assert ("point_out", "stres") in acts
    assert ("declar",) in acts
    stressed = next(e for e in statements if "stres" in {v["act"] for v in e["variants"]})
    assert stressed["num_sources"] == 2 and len({v["statement"] for v in stressed["variants"]}) == 1


def test_stage_undated_signatures_retire_by_arrival_across_runs(example_dir, tmp_path, monkeypatch, nlp):
    """An undated feed: a copy of the first article, ingested in a later run after two other articles, matches it
    while the index keeps it, and is new news once `DEFAULT_RETIRE_UNDATED` articles have come after it."""
    texts = sorted(p.read_text(encoding="utf-8") for p in example_dir.glob("*.txt"))
    other = "Farmers in the valley said the late rains had ruined most of the wheat harvest this year. " * 3
    first = tmp_path / "first.jsonl"
    first.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in
                             (("a", texts[0]), ("b", texts[1]), ("c", other))), encoding="utf-8")
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({"id": "a-copy", "text": texts[0] + "\n\nRepublished."}) + "\n", encoding="utf-8")
    originals = []
    for keep in (10, 2):
        monkeypatch.setattr(stage, "DEFAULT_RETIRE_UNDATED", keep)
        options = IngestOptions(db=str(tmp_path / f"keep{keep}.duckdb"), batch_size=1, workers=1)
        ingest([first], options)
        ingest([later], options)
        originals.append([original for _, _, original in _stories(options.db) if original is not None])
    assert len(originals[0]) == 1 and originals[1] == []


def test_stage_absorbed_story_moves_with_its_documents_and_events(example_dir, tmp_path, monkeypatch, nlp):
    """A story's second look, end to end: the second example article is made to found a story of its own (a join
    threshold no article meets), and once another article has come, the first article's story (with its copy: two
    articles) absorbs it. Its document, merged events and story row follow, however the run is cut in batches."""
    from dateline.stories.clustering import ClusterOptions, StoryClusterer

    eager = ClusterOptions(threshold=0.95, review_size=1, review_target_size=2, review_after_articles=1)

    class EagerClusterer(StoryClusterer):
        def __init__(self, options=None):
            super().__init__(options or eager)

    monkeypatch.setattr(stage, "StoryClusterer", EagerClusterer)
    texts = sorted(p.read_text(encoding="utf-8") for p in example_dir.glob("*.txt"))
    other = "Farmers in the valley said the late rains had ruined most of the wheat harvest this year. " * 3
    rows = [("a", texts[0]), ("a-copy", texts[0] + "\n\nRepublished."), ("b", texts[1]), ("c", other)]
    source = tmp_path / "feed.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows), encoding="utf-8")
    results = []
    for batch_size in (1, 4):
        options = IngestOptions(db=str(tmp_path / f"b{batch_size}.duckdb"), batch_size=batch_size, workers=1)
        ingest([source], options)
        with Store.open(options.db, read_only=True) as store:
            story_of = {d["external_id"]: d["story_id"] for d in store.iter_documents()}
            stories = {s["story_id"]: sorted(s["doc_ids"]) for s in store.iter_stories()}
            events = sorted((e["event_id"], e["story_id"], e["num_sources"]) for e in store.iter_events())
        assert story_of["b"] == story_of["a"] == story_of["a-copy"] != story_of["c"]
        assert set(stories) == set(story_of.values())  # the absorbed story's row is gone
        assert {story for _, story, _ in events} <= set(stories)
        assert sum(story == story_of["a"] for _, story, _ in events) > 0
        results.append((story_of, stories, events))
    assert results[0] == results[1]
