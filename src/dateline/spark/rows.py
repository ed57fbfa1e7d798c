"""The tables Spark writes: the contract's (field lists and Parquet types from store/export.py), plus the two tables
the embedded store also keeps (sentences, event_mentions) so `import_parquet` can rebuild it whole.

Every table gets a `day` column (YYYY-MM-DD, or `undated`) that the output is partitioned by; it is not a contract
field and `import_parquet` drops it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa

from dateline.store.export import fields_of, parquet_schema

UNDATED = "undated"
PARTITION = "day"
SENTENCE_FIELDS = ("doc_id", "idx", "char_start", "char_end", "text")
MENTION_FIELDS = ("mention_id", "event_id", "doc_id", "date", "date_source", "actor", "recipient", "cameo",
                  "cameo_root", "goldstein", "quad_class", "plover", "plover_mode", "modality", "location",
                  "confidence", "trigger", "reported_by", "sentence", "char_start", "char_end")  # fmt: skip
# Table name -> its columns, in order. Documents carry their text: the store needs it for evidence highlighting.
TABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "documents": fields_of("documents") + ("text",),
    "events": fields_of("events"),
    "quotes": fields_of("quotes") + ("speaker_start", "speaker_end"),
    "stories": fields_of("stories"),
    "sentences": SENTENCE_FIELDS,
    "event_mentions": MENTION_FIELDS,
}
TABLES = tuple(TABLE_FIELDS)
_INT_FIELDS = {"idx": pa.int64(), "speaker_start": pa.int64(), "speaker_end": pa.int64()}


def arrow_schema(table: str) -> pa.Schema:
    schema = parquet_schema(TABLE_FIELDS[table])
    for name, kind in _INT_FIELDS.items():
        if name in schema.names:
            schema = schema.set(schema.get_field_index(name), pa.field(name, kind))
    return schema.append(pa.field(PARTITION, pa.string()))


def day_of(value: str | None) -> str:
    """The partition a row goes to: its ISO date, or `undated`."""
    if not value:
        return UNDATED
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return UNDATED


def row_day(table: str, row: dict[str, Any], doc_days: dict[str, str]) -> str:
    """Documents by publication date, events and mentions by event date, stories by first publication; quotes and
    sentences by their document's day."""
    if table == "documents":
        return day_of(row.get("published"))
    if table in ("events", "event_mentions"):
        return day_of(row.get("date"))
    if table == "stories":
        return day_of(row.get("first_published"))
    return doc_days.get(row.get("doc_id"), UNDATED)


def as_tuple(table: str, row: dict[str, Any], day: str) -> tuple:
    """A row in its table's column order, partition last (what Spark's createDataFrame takes fastest)."""
    return (*(row.get(name) for name in TABLE_FIELDS[table]), day)


def spark_schema(table: str) -> Any:
    """The Spark StructType of a table, converted from its Arrow schema so both writers agree on types."""
    from pyspark.sql import types as T

    def convert(kind: pa.DataType) -> Any:
        if pa.types.is_struct(kind):
            return T.StructType([T.StructField(f.name, convert(f.type), True) for f in kind])
        if pa.types.is_list(kind):
            return T.ArrayType(convert(kind.value_type), True)
        if pa.types.is_int64(kind):
            return T.LongType()
        if pa.types.is_floating(kind):
            return T.DoubleType()
        return T.StringType()

    return T.StructType([T.StructField(f.name, convert(f.type), True) for f in arrow_schema(table)])
