"""`dateline import-parquet DIR`: load the Parquet tables `dateline spark` wrote into the embedded store.

Rows become the store's own rows (nested fields as the same JSON text `Store.write_analyses` writes), inserted in one
transaction with the store's upsert (`ON CONFLICT DO NOTHING` on content-hash keys), so importing the same output twice
changes nothing. Tables are read in record batches: memory stays flat however large the output is.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from dateline.errors import StoreError
from dateline.store.duckdb_store import Store, _json

log = logging.getLogger(__name__)

# Import order: documents first (quotes and sentences refer to them), stories last.
TABLES = ("documents", "sentences", "events", "event_mentions", "quotes", "stories")
BATCH_ROWS = 8192
PARTITION = "day"  # the partition column the Spark job adds; not a store column


@dataclass
class ImportReport:
    """Rows read per table, and rows the store did not have before (the rest were already there)."""

    source: str
    read: dict[str, int] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return self.added.get("documents", 0)


def _files(root: Path, table: str) -> list[str]:
    folder = root / table
    return sorted(str(p) for p in folder.rglob("*.parquet")) if folder.is_dir() else []


def _batches(root: Path, table: str) -> Iterator[list[dict[str, Any]]]:
    files = _files(root, table)
    if not files:
        return
    dataset = ds.dataset(files, format="parquet")
    for batch in dataset.to_batches(batch_size=BATCH_ROWS):
        yield [{k: v for k, v in row.items() if k != PARTITION} for row in batch.to_pylist()]


def _flat(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    actor = actor or {}
    return {f"{prefix}_{key}": actor.get(key) for key in ("country", "code", "kb_id")}


def _event(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        **_flat("actor", row.get("actor")),
        **_flat("recipient", row.get("recipient")),
        "actor": _json(row.get("actor")),
        "recipient": _json(row.get("recipient")),
        "location": _json(row.get("location")),
        "mentions": json.dumps(row.get("mentions") or [], ensure_ascii=False),
    }


def _mention(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "actor": _json(row.get("actor")), "recipient": _json(row.get("recipient")),
            "location": _json(row.get("location"))}  # fmt: skip


def _quote(row: dict[str, Any]) -> dict[str, Any]:
    speaker = row.get("speaker") or {}
    return {**row, "speaker": _json(row.get("speaker")), "speaker_kb_id": speaker.get("kb_id"),
            "speaker_name": speaker.get("name")}  # fmt: skip


def _story(row: dict[str, Any]) -> dict[str, Any]:
    # Membership lives on documents.story_id and events.story_id; the story row keeps title and span.
    return {key: row.get(key) for key in ("story_id", "title", "first_published", "last_published")}


_CONVERT = {"sentences": dict, "events": _event, "event_mentions": _mention, "quotes": _quote, "stories": _story}


def import_parquet(directory: str | Path, db: str | Path | None = None, store: Store | None = None) -> ImportReport:
    """Load a `dateline spark` output folder into the store at `db` (or an open `store`); idempotent.

    Documents get `ingested_seq` after the store's last document, in publication order (then doc_id). Stories are
    taken as Spark built them: an import does not re-cluster against stories already in the store.
    """
    root = Path(directory)
    if not (root / "documents").is_dir():
        raise StoreError(f"{root}: not a dateline spark output (no documents/ folder)")
    owns_store = store is None
    if store is None:
        store = Store.open(db) if db is not None else Store.open()
    report = ImportReport(source=str(root))
    try:
        before = {table: store.count(table) for table in TABLES}
        with store.transaction():
            _import_documents(store, root, report)
            for table in TABLES[1:]:
                for batch in _batches(root, table):
                    store._insert(table, [_CONVERT[table](row) for row in batch])
                    report.read[table] = report.read.get(table, 0) + len(batch)
        report.added = {table: store.count(table) - before[table] for table in TABLES}
    finally:
        if owns_store:
            store.close()
    log.info("imported %s: %s", root, report.added)
    return report


_DOCUMENT_COLUMNS = ("doc_id", "external_id", "uri", "title", "source", "published", "published_source", "dateline",
                     "language", "license", "author", "story_id", "duplicate_of", "char_count", "text")  # fmt: skip


def _import_documents(store: Store, root: Path, report: ImportReport) -> None:
    """New documents in publication order (then doc_id), so `ingested_seq`, the export order, follows the news.

    DuckDB reads and sorts the files itself: the texts never pass through Python.
    """
    files = _files(root, "documents")
    if not files:
        return
    columns = ", ".join(_DOCUMENT_COLUMNS)
    source = "read_parquet(?, hive_partitioning = false)"
    report.read["documents"] = store.con.execute(f"SELECT count(*) FROM {source}", [files]).fetchone()[0]
    seq = store.con.execute("SELECT coalesce(max(ingested_seq), 0) FROM documents").fetchone()[0]
    store.con.execute(
        f"INSERT INTO documents ({columns}, ingested_seq) "
        f"SELECT {columns}, ? + row_number() OVER (ORDER BY published NULLS LAST, doc_id) FROM {source} "
        "WHERE doc_id NOT IN (SELECT doc_id FROM documents) ON CONFLICT DO NOTHING",
        [seq, files],
    )


# -- the other direction: a store's rows as the Spark job writes them ------------------------------------------------
_DUMP_SQL = {
    "documents": f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents ORDER BY ingested_seq",
    "sentences": "SELECT doc_id, idx, char_start, char_end, text FROM sentences ORDER BY doc_id, idx",
    "events": "SELECT event_id, story_id, date, date_source, actor, recipient, cameo, cameo_root, goldstein, "
              "quad_class, plover, plover_mode, modality, location, confidence, num_sources, num_mentions, mentions, "
              "variants FROM events ORDER BY event_id",
    "event_mentions": "SELECT mention_id, event_id, doc_id, date, date_source, actor, recipient, cameo, cameo_root, "
                      "goldstein, quad_class, plover, plover_mode, modality, location, confidence, trigger, "
                      "reported_by, sentence, char_start, char_end FROM event_mentions ORDER BY mention_id",
    "quotes": "SELECT quote_id, doc_id, text, kind, char_start, char_end, speaker, cue, statement_id, speaker_start, "
              "speaker_end FROM quotes ORDER BY quote_id",
}  # fmt: skip
_NESTED = ("actor", "recipient", "location", "mentions", "speaker")


def dump_tables(store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table, row) for every row of the tables `import_parquet` reads, nested fields parsed (the Parquet shape).

    The Spark job runs each block's story stage into an in-memory store and writes what this yields, so its rows are
    built by exactly the code that builds the embedded store's.
    """
    for table, sql in _DUMP_SQL.items():
        for row in store._dicts(sql):
            for key in _NESTED:
                if key in row:
                    row[key] = json.loads(row[key]) if row[key] else None
            if row.get("variants") is not None:  # as `dateline export` writes it
                row["variants"] = json.dumps(json.loads(row["variants"]), ensure_ascii=False)
            yield table, row
    for row in store.iter_stories():
        row["doc_ids"], row["event_ids"] = list(row["doc_ids"] or []), list(row["event_ids"] or [])
        yield "stories", row
