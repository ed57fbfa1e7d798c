"""Exports of the contract's tables to JSONL, CSV and Parquet.

Field lists are the data contract (DESIGN.md, docs/data-contract.md): every export line holds these fields, in this
order. CSV cannot nest, so nested fields (actor, mentions...) are JSON text in their cell.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.store.duckdb_store import Store

CONTRACT: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id", "external_id", "uri", "title", "source", "published", "published_source", "dateline",
                  "language", "license", "story_id", "duplicate_of", "char_count"),
    "events": ("event_id", "story_id", "date", "date_source", "actor", "recipient", "cameo", "cameo_root",
               "goldstein", "quad_class", "plover", "plover_mode", "modality", "location", "confidence",
               "num_sources", "num_mentions", "mentions"),
    "quotes": ("quote_id", "doc_id", "text", "kind", "char_start", "char_end", "speaker", "cue", "statement_id"),
    "stories": ("story_id", "title", "doc_ids", "event_ids", "first_published", "last_published"),
}  # fmt: skip
# Fields beyond the contract that exports also carry (the contract allows additions).
EXTRA: dict[str, tuple[str, ...]] = {"documents": ("author",), "events": ("variants",)}

_ACTOR = pa.struct([(n, pa.string()) for n in ("text", "name", "country", "sector", "code", "kb_id", "framing")])
_LOCATION = pa.struct([("name", pa.string()), ("country", pa.string()), ("lat", pa.float64()),
                       ("lon", pa.float64()), ("geonames_id", pa.int64())])
_MENTION = pa.struct([("doc_id", pa.string()), ("sentence", pa.string()), ("char_start", pa.int64()),
                      ("char_end", pa.int64())])
# Parquet types of non-string fields; every other field is a string.
_PARQUET_TYPES: dict[str, pa.DataType] = {
    "char_count": pa.int64(), "char_start": pa.int64(), "char_end": pa.int64(), "goldstein": pa.float64(),
    "quad_class": pa.int64(), "confidence": pa.float64(), "num_sources": pa.int64(), "num_mentions": pa.int64(),
    "actor": _ACTOR, "recipient": _ACTOR, "speaker": _ACTOR, "location": _LOCATION, "mentions": pa.list_(_MENTION),
    "doc_ids": pa.list_(pa.string()), "event_ids": pa.list_(pa.string()), "variants": pa.string(),
}  # fmt: skip


def fields_of(table: str) -> tuple[str, ...]:
    return CONTRACT[table] + EXTRA.get(table, ())


def records(store: Store, table: str, with_text: bool = False) -> Iterator[dict[str, Any]]:
    """Rows of one contract table as dicts holding exactly the contract's fields (plus extras)."""
    if table not in CONTRACT:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(CONTRACT)}")
    source = {
        "documents": lambda: store.iter_documents(with_text=with_text),
        "events": store.iter_events,
        "quotes": store.iter_quotes,
        "stories": store.iter_stories,
    }[table]
    names = fields_of(table) + (("text",) if with_text and table == "documents" else ())
    for row in source():
        out = {name: row.get(name) for name in names}
        if "variants" in out and out["variants"] is not None:
            out["variants"] = json.dumps(out["variants"], ensure_ascii=False)
        yield out


def _write_jsonl(rows: Iterable[dict[str, Any]], names: tuple[str, ...], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(rows: Iterable[dict[str, Any]], names: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(names))
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
                         for k, v in row.items()})
        count += 1
    return count


def parquet_schema(names: tuple[str, ...]) -> pa.Schema:
    return pa.schema([(name, _PARQUET_TYPES.get(name, pa.string())) for name in names])


def write_parquet(rows: Iterable[dict[str, Any]], names: tuple[str, ...], path: str | Path) -> int:
    schema = parquet_schema(names)
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= 4096:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


TEXT_WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], tuple[str, ...], IO[str]], int]] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
}
FORMATS = (*TEXT_WRITERS, "parquet")


def export(store: Store, table: str, fmt: str, output: str | Path | None = None, with_text: bool = False) -> int:
    """Write one table in one format to `output` (stdout for text formats when None); returns the row count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    names = fields_of(table) + (("text",) if with_text and table == "documents" else ())
    rows = records(store, table, with_text=with_text)
    if fmt == "parquet":
        if output is None:
            raise ValueError("parquet needs --output FILE")
        return write_parquet(rows, names, output)
    if output is None:
        return TEXT_WRITERS[fmt](rows, names, sys.stdout)
    with open(output, "w", encoding="utf-8", newline="" if fmt == "csv" else None) as handle:
        return TEXT_WRITERS[fmt](rows, names, handle)


def to_string(store: Store, table: str, fmt: str) -> str:
    """The export as a string (tests and small tables)."""
    buffer = io.StringIO()
    TEXT_WRITERS[fmt](records(store, table), fields_of(table), buffer)
    return buffer.getvalue()
