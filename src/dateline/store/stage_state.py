"""What the stories stage keeps between batches: clusterer state, MinHash signatures, merged events, statements.

Reads happen before a batch is analysed; writes go through `write_stage_state` inside the batch's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from dateline.records import iso_day

if TYPE_CHECKING:
    from dateline.store.duckdb_store import Store


@dataclass
class StageState:
    """Rows to upsert after one batch (each list may be empty)."""

    cluster_meta: dict[str, Any] = field(default_factory=dict)
    cluster_df: list[dict[str, Any]] = field(default_factory=list)  # {kind, key, df}
    stories: list[dict[str, Any]] = field(default_factory=list)  # {story_id, title, first/last_published, state}
    signatures: list[dict[str, Any]] = field(default_factory=list)  # {doc_id, seq, scheme, signature}
    events: list[dict[str, Any]] = field(default_factory=list)  # merged event rows (events table)
    mention_links: dict[str, str] = field(default_factory=dict)  # mention_id -> merged event_id
    dropped_events: list[str] = field(default_factory=list)  # merged event ids absorbed into others
    absorbed_stories: dict[str, str] = field(default_factory=dict)  # small story_id -> the story that absorbed it
    statement_ids: dict[str, str] = field(default_factory=dict)  # quote_id -> statement_id


def write_stage_state(store: Store, state: StageState) -> None:
    con = store.con
    if state.cluster_meta:
        store._insert(
            "cluster_meta",
            [{"name": k, "value": json.dumps(v, sort_keys=True)} for k, v in state.cluster_meta.items()],
            replace=True,
        )
    store._insert("cluster_df", state.cluster_df, replace=True)
    store._insert("stories", state.stories, replace=True)
    store._insert("doc_signatures", [{**r, "signature": json.dumps(r["signature"])} for r in state.signatures])
    if state.dropped_events:
        con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?))", [state.dropped_events])
    store._insert("events", state.events, replace=True)
    if state.mention_links:
        _update_by_key(store, "event_mentions", "mention_id", "event_id", state.mention_links)
    if state.statement_ids:
        _update_by_key(store, "quotes", "quote_id", "statement_id", state.statement_ids)
    if state.absorbed_stories:  # after the batch's documents and events are in: they may name the small story too
        _update_by_key(store, "documents", "story_id", "story_id", state.absorbed_stories)
        _update_by_key(store, "events", "story_id", "story_id", state.absorbed_stories)
        con.execute("DELETE FROM stories WHERE story_id IN (SELECT unnest(?))", [sorted(state.absorbed_stories)])


def _update_by_key(store: Store, table: str, key: str, column: str, values: dict[str, str]) -> None:
    import pyarrow as pa

    store.con.register("_updates", pa.table({"k": list(values), "v": list(values.values())}))
    try:
        store.con.execute(f"UPDATE {table} SET {column} = u.v FROM _updates u WHERE {table}.{key} = u.k")
    finally:
        store.con.unregister("_updates")


def read_cluster_state(store: Store) -> dict[str, list[dict[str, Any]]] | None:
    """The clusterer's rows as `StoryClusterer.from_rows` reads them, or None for a new store. Stories the clusterer
    has retired (last updated more than `retire_days` before the newest article) are left in the store."""
    meta = {k: json.loads(v) for k, v in store.con.execute("SELECT name, value FROM cluster_meta").fetchall()}
    if not meta:
        return None
    horizon = _horizon(meta.get("newest"), meta.get("options", {}).get("retire_days"))
    stories = [json.loads(r[0]) for r in store.con.execute(
        "SELECT state FROM stories WHERE state IS NOT NULL AND (? IS NULL OR last_published IS NULL "
        "OR last_published >= ?) ORDER BY story_id", [horizon, horizon]).fetchall()]
    df = store.con.execute("SELECT kind, key, df FROM cluster_df").fetchall()
    return {
        "meta": [meta],
        "stories": stories,
        "term_df": [{"term": key, "df": n} for kind, key, n in df if kind == "term"],
        "entity_df": [{"entity": key, "df": n} for kind, key, n in df if kind == "entity"],
    }


def read_signatures(store: Store, retire_days: int,
                    retire_undated: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """The MinHash signatures of the articles published within `retire_days` of the newest stored one (and of the
    last `retire_undated` undated ones, all when None), in insertion order, each with its `published`; and the next
    insertion number."""
    newest, next_seq = store.con.execute(
        "SELECT max(d.published), coalesce(max(s.seq) + 1, 0) FROM doc_signatures s LEFT JOIN documents d USING (doc_id)"
    ).fetchone()
    horizon = _horizon(newest, retire_days)
    rows = store.con.execute(
        "SELECT s.doc_id, s.seq, s.scheme, s.signature, d.published FROM doc_signatures s "
        "LEFT JOIN documents d USING (doc_id) WHERE (d.published IS NOT NULL AND (? IS NULL OR d.published >= ?)) OR "
        "(d.published IS NULL AND (? IS NULL OR s.seq >= ?)) ORDER BY s.seq",
        [horizon, horizon, retire_undated, next_seq - (retire_undated or 0)],
    ).fetchall()
    return [
        {"doc_id": doc_id, "seq": seq, "scheme": scheme, "signature": json.loads(signature), "published": published}
        for doc_id, seq, scheme, signature, published in rows
    ], next_seq


def _horizon(newest: str | None, days: int | None) -> str | None:
    """The ISO day `days` before `newest` (ISO strings compare in date order), or None when either is missing."""
    day = iso_day(newest)
    return (day - timedelta(days=days)).isoformat() if day and days is not None else None


def read_story_events(store: Store, story_ids: Iterable[str]) -> list[dict[str, Any]]:
    """Merged event rows of the given stories, nested fields parsed."""
    ids = sorted(set(story_ids))
    if not ids:
        return []
    cursor = store.con.execute("SELECT * FROM events WHERE story_id IN (SELECT unnest(?)) ORDER BY event_id", [ids])
    names = [d[0] for d in cursor.description]
    rows = []
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        for key in ("actor", "recipient", "location", "mentions", "variants"):
            row[key] = json.loads(row[key]) if row[key] else None
        rows.append(row)
    return rows


def read_statement_candidates(store: Store, speaker_keys: Iterable[str], story_id: str) -> list[dict[str, Any]]:
    """Stored quotes of one story by the given speakers (kb_id or name), with their document's publication date."""
    keys = sorted(set(speaker_keys))
    if not keys:
        return []
    cursor = store.con.execute(
        "SELECT q.quote_id, q.doc_id, q.text, q.kind, q.speaker_kb_id, q.speaker_name, q.statement_id, d.published "
        "FROM quotes q JOIN documents d USING (doc_id) "
        "WHERE d.story_id = ? AND coalesce(q.speaker_kb_id, q.speaker_name) IN (SELECT unnest(?)) "
        "ORDER BY d.ingested_seq, q.char_start",
        [story_id, keys],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]
