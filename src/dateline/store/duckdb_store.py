"""The embedded store: one DuckDB file, a versioned schema, idempotent transactional batch writes.

This package is the only place in dateline that knows SQL. Every write of a batch happens in one transaction, so a
process killed at any moment leaves either the whole batch or none of it; ids are content hashes, so writing the same
batch again changes nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dateline.errors import StoreError
from dateline.records import Analysis, Event
from dateline.store.stage_state import StageState, write_stage_state

log = logging.getLogger(__name__)

DEFAULT_DB = "dateline.duckdb"
# DuckDB's buffer pool may otherwise grow to 80% of the machine's memory as a long ingest writes: cap it, and let
# larger queries spill to disk (DuckDB's own temporary directory beside the database file).
MEMORY_LIMIT = "1GB"
# An ingest run reads little back (story state, a story's events), and DuckDB keeps every page it wrote in that pool
# until the limit: a 50,000-article run otherwise holds about 1 GB of cached pages it never reads again.
INGEST_MEMORY_LIMIT = "256MB"


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("dateline.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(version for version, _ in _migrations())


def _json(value: Any) -> str | None:
    if value is None:
        return None
    if hasattr(value, "to_dict"):
        value = value.to_dict()
    elif hasattr(value, "__dataclass_fields__"):
        value = asdict(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _loads(value: str | None) -> Any:
    return json.loads(value) if value else None


class Store:
    """A dateline database. Open with `Store.open(path)`; use as a context manager to close it."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool):
        self.con = con
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path = DEFAULT_DB, read_only: bool = False, memory_limit: str = MEMORY_LIMIT) -> Store:
        path = str(path)
        if read_only and path != ":memory:" and not Path(path).exists():
            raise StoreError(f"{path}: no such database (run `dateline ingest` first)")
        try:
            con = duckdb.connect(path, read_only=read_only, config={"memory_limit": memory_limit})
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open database ({str(exc).splitlines()[0]})") from exc
        store = cls(con, path, read_only)
        if not read_only:
            store.migrate()
        elif store.schema_version() != SCHEMA_VERSION:
            raise StoreError(f"{path}: schema version {store.schema_version()}, this dateline needs {SCHEMA_VERSION}")
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- schema -------------------------------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        return row[0] or 0

    def migrate(self) -> None:
        """Apply every migration newer than the database, all in one transaction (a killed run migrates again)."""
        pending = [(v, sql) for v, sql in _migrations() if v > self.schema_version()]
        if not pending:
            return
        with self.transaction():
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied VARCHAR)")
            for version, sql in pending:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?, CAST(now() AS VARCHAR))", [version])
                log.info("store %s migrated to schema version %d", self.path, version)

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- writes -------------------------------------------------------------------------------------------------
    def known_doc_ids(self, doc_ids: Iterable[str]) -> set[str]:
        ids = list(set(doc_ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def _insert(self, table: str, rows: Sequence[dict[str, Any]], replace: bool = False) -> None:
        """Insert rows through Arrow (fast); existing keys are kept, or replaced when `replace`."""
        if not rows:
            return
        arrow = pa.Table.from_pylist(list(rows))
        columns = ", ".join(arrow.column_names)
        verb = "INSERT OR REPLACE INTO" if replace else "INSERT INTO"
        conflict = "" if replace else " ON CONFLICT DO NOTHING"
        self.con.register("_batch", arrow)
        try:
            self.con.execute(f"{verb} {table} ({columns}) SELECT {columns} FROM _batch{conflict}")
        finally:
            self.con.unregister("_batch")

    def write_analyses(self, analyses: Sequence[Analysis], state: StageState | None = None) -> None:
        """Store documents with their sentences, event mentions and quotes, all or nothing.

        `state` carries what the stories stage changed (stories, merged events, statement ids, clusterer state): it
        is written in the same transaction, so the store never holds documents without their stories.
        """
        seq = self.con.execute("SELECT coalesce(max(ingested_seq), 0) FROM documents").fetchone()[0]
        documents, sentences, mentions, events, quotes = [], [], [], [], []
        for offset, analysis in enumerate(analyses, start=1):
            doc = analysis.document
            row = asdict(doc)
            row.update(char_count=doc.char_count, ingested_seq=seq + offset)
            documents.append(row)
            sentences.extend(
                {"doc_id": s.doc_id, "idx": s.index, "char_start": s.char_start, "char_end": s.char_end,
                 "text": s.text}
                for s in analysis.sentences
            )
            for event in analysis.events:
                mentions.append(_mention_row(event))
                events.append(event_row(event))
            quotes.extend(_quote_row(q) for q in analysis.quotes)
        with self.transaction():
            self._insert("documents", documents)
            self._insert("sentences", sentences)
            self._insert("event_mentions", mentions)
            self._insert("quotes", quotes)
            if state is None:  # no stories stage: one event per mention
                self._insert("events", events)
            else:  # the stories stage decides which merged events exist
                write_stage_state(self, state)

    # -- reads --------------------------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in {"documents", "sentences", "events", "event_mentions", "quotes", "stories"}:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.con.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        while batch := cursor.fetchmany(2048):
            for row in batch:
                yield dict(zip(names, row))

    def iter_documents(self, with_text: bool = False) -> Iterator[dict[str, Any]]:
        text = ", text" if with_text else ""
        yield from self._dicts(
            "SELECT doc_id, external_id, uri, title, source, published, published_source, dateline, language, "
            f"license, story_id, duplicate_of, char_count, author{text} FROM documents ORDER BY ingested_seq"
        )

    def document_sentence_counts(self) -> dict[str, int]:
        return dict(self.con.execute("SELECT doc_id, count(*) FROM sentences GROUP BY doc_id").fetchall())

    def first_sentence_ends(self) -> dict[str, int]:
        """Where each document's first sentence ends (GDELT's IsRootEvent: the event is in the lead)."""
        return dict(self.con.execute("SELECT doc_id, char_end FROM sentences WHERE idx = 0").fetchall())

    def iter_events(self) -> Iterator[dict[str, Any]]:
        for row in self._dicts(
            "SELECT event_id, story_id, date, date_source, actor, recipient, cameo, cameo_root, goldstein, "
            "quad_class, plover, plover_mode, modality, location, confidence, num_sources, num_mentions, mentions, "
            "variants FROM events ORDER BY date NULLS LAST, event_id"
        ):
            for key in ("actor", "recipient", "location", "mentions", "variants"):
                row[key] = _loads(row[key])
            yield row

    def iter_quotes(self) -> Iterator[dict[str, Any]]:
        for row in self._dicts(
            "SELECT q.quote_id, q.doc_id, q.text, q.kind, q.char_start, q.char_end, q.speaker, q.cue, "
            "q.statement_id FROM quotes q JOIN documents d USING (doc_id) "
            "ORDER BY d.ingested_seq, q.char_start"
        ):
            row["speaker"] = _loads(row["speaker"])
            yield row

    def iter_stories(self) -> Iterator[dict[str, Any]]:
        yield from self._dicts(
            "SELECT s.story_id, s.title, "
            "  (SELECT list(doc_id ORDER BY ingested_seq) FROM documents d WHERE d.story_id = s.story_id) AS doc_ids,"
            "  (SELECT list(event_id ORDER BY event_id) FROM events e WHERE e.story_id = s.story_id) AS event_ids,"
            "  s.first_published, s.last_published "
            "FROM stories s ORDER BY s.first_published NULLS LAST, s.story_id"
        )


def _actor_flat(prefix: str, actor: Any) -> dict[str, Any]:
    return {
        f"{prefix}_country": getattr(actor, "country", None),
        f"{prefix}_code": getattr(actor, "code", None),
        f"{prefix}_kb_id": getattr(actor, "kb_id", None),
    }


# Columns the event_mentions and events tables share, straight from the Event record.
_CODED = ("date", "date_source", "cameo", "cameo_root", "goldstein", "quad_class", "plover", "plover_mode",
          "modality", "confidence")


def _coded(event: Event) -> dict[str, Any]:
    row = {name: getattr(event, name) for name in _CODED}
    row.update(actor=_json(event.actor), recipient=_json(event.recipient), location=_json(event.location))
    return row


def _mention_row(event: Event) -> dict[str, Any]:
    mention = event.mentions[0]
    return {
        "mention_id": event.event_id,
        "event_id": event.event_id,
        "doc_id": mention.doc_id,
        **_coded(event),
        "trigger": event.trigger,
        "reported_by": event.reported_by,
        "sentence": mention.sentence,
        "char_start": mention.char_start,
        "char_end": mention.char_end,
    }


def event_row(event: Event, variants: Any = None) -> dict[str, Any]:
    """An Event as a row of the events table (merged events: several mentions, num_sources > 1)."""
    return {
        "event_id": event.event_id,
        "story_id": event.story_id,
        **_coded(event),
        **_actor_flat("actor", event.actor),
        **_actor_flat("recipient", event.recipient),
        "num_sources": event.num_sources,
        "num_mentions": event.num_mentions,
        "mentions": json.dumps([asdict(m) for m in event.mentions], ensure_ascii=False),
        "variants": _json(variants),
    }


def _quote_row(quote: Any) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "quote_id": quote.quote_id,
        "doc_id": quote.doc_id,
        "text": quote.text,
        "kind": quote.kind,
        "char_start": quote.char_start,
        "char_end": quote.char_end,
        "speaker": _json(speaker),
        "speaker_kb_id": getattr(speaker, "kb_id", None),
        "speaker_name": getattr(speaker, "name", None),
        "cue": quote.cue,
        "statement_id": quote.statement_id,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
    }
