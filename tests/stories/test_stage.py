"""The linking stage across batches: stories whose merged events were dropped from memory are read back whole."""

from __future__ import annotations

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
