"""Spark inputs: JSONL, Parquet and WARC (local paths or Hadoop-compatible URIs) as an RDD of raw articles.

Every article is read by the same reader functions the embedded path uses (`dateline.ingest`), and carries an
ingest key `(input, file, record)` that gives it the place it would have in `dateline ingest` over the same inputs,
so the story stage can replay articles in the embedded order. Local directories of text or HTML files (with their
`manifest.jsonl`) are read on the driver through `iter_inputs`: they are small by nature; corpora that need a
cluster come as JSONL, Parquet or WARC.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dateline.errors import UnreadableInput
from dateline.ingest import iter_inputs
from dateline.ingest.base import RawDocument
from dateline.ingest.jsonl import read_json_lines, record_to_raw
from dateline.ingest.warc import read_warc

log = logging.getLogger(__name__)

IngestKey = tuple[int, int, str, int]  # (input index, file index, file within a URI folder, record index)


@dataclass(frozen=True)
class Failed:
    """An input that could not be read, as it travels between Spark tasks (UnreadableInput does not pickle)."""

    message: str

    def __str__(self) -> str:
        return self.message


Item = RawDocument | Failed
Keyed = tuple[IngestKey, Item]


def portable(item: RawDocument | UnreadableInput | Failed) -> Item:
    return Failed(str(item)) if isinstance(item, UnreadableInput) else item

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")


def is_uri(given: str) -> bool:
    """A Hadoop-compatible URI (hdfs://, s3a://, gs://, file://...) rather than a local path."""
    return "://" in given


def input_format(given: str) -> str:
    """jsonl, parquet, warc or local (a local file or directory read on the driver by the embedded readers)."""
    name = given.rstrip("/").lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if is_uri(given):
        raise UnreadableInput(given, "a URI input must name .jsonl, .parquet or .warc(.gz) data")
    return "local"


def _local_files(given: str, suffixes: tuple[str, ...]) -> list[str]:
    path = Path(given)
    if path.is_dir():
        found = [p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(suffixes)]
        return [str(p) for p in sorted(found, key=lambda p: p.relative_to(path).parts)]  # the order `_walk` reads
    return [given]


def _expand(given: str) -> tuple[str, list[str]]:
    """(format, files): a local directory holding only JSONL, Parquet or WARC files is read as that format."""
    if is_uri(given) or not Path(given).is_dir():
        return input_format(given), [given]
    for fmt, suffixes in (("jsonl", JSONL_SUFFIXES), ("parquet", PARQUET_SUFFIXES), ("warc", WARC_SUFFIXES)):
        files = _local_files(given, suffixes)
        others = [p for p in Path(given).rglob("*") if p.is_file() and not p.name.startswith(".")]
        if files and len(files) == len(others):
            return fmt, files
    return "local", [given]


def read_inputs(spark: Any, inputs: list[str], min_partitions: int) -> Any:
    """An RDD of (ingest key, RawDocument | Failed) over every input, in the embedded path's order."""
    context = spark.sparkContext
    parts = []
    for input_index, given in enumerate(inputs):
        fmt, files = _expand(str(given))
        for file_index, file in enumerate(files):
            if fmt == "jsonl":
                parts.append(_jsonl_rdd(context, file, input_index, file_index, min_partitions))
            elif fmt == "parquet":
                parts.append(_parquet_rdd(spark, file, input_index, file_index))
            elif fmt == "warc":
                parts.append(_warc_rdd(context, file, input_index, file_index))
            else:
                read = enumerate(iter_inputs([file]))
                items = [((input_index, file_index, "", n), portable(item)) for n, item in read]
                parts.append(context.parallelize(items, max(1, min(min_partitions, len(items)))))
    return context.union(parts) if parts else context.emptyRDD()


def _jsonl_rdd(context: Any, file: str, input_index: int, file_index: int, min_partitions: int) -> Any:
    def parse(pair: tuple[str, int]) -> Keyed:
        line, number = pair
        where = f"{file}:{number + 1}"
        item = next(iter(read_json_lines([line], file)))
        if isinstance(item, UnreadableInput):
            item = Failed(f"{where}: {item.problem}")
        else:
            item = replace(item, where=where)
        return (input_index, file_index, "", number), item

    lines = context.textFile(file, minPartitions=min_partitions).zipWithIndex()
    return lines.filter(lambda pair: pair[0].strip()).map(parse)


def _parquet_rdd(spark: Any, file: str, input_index: int, file_index: int) -> Any:
    """Parquet with the JSONL record's columns (id, url, title, published, source, text or html...)."""

    def parse(pair: tuple[Any, int]) -> Keyed:
        row, number = pair
        where = f"{file}[{number + 1}]"
        record = {k: v for k, v in row.asDict().items() if v is not None}
        if record.get("published") is not None and not isinstance(record["published"], str):
            record["published"] = record["published"].isoformat()
        try:
            return (input_index, file_index, "", number), record_to_raw(record, where)
        except UnreadableInput as exc:
            return (input_index, file_index, "", number), Failed(str(exc))

    return spark.read.parquet(file).rdd.zipWithIndex().map(parse)


class _BytesPath:
    """Just enough of `pathlib.Path` for `read_warc` to stream an archive Spark read as bytes."""

    def __init__(self, name: str, data: bytes):
        self.name, self.data = name, data

    def open(self, mode: str = "rb") -> io.BytesIO:
        return io.BytesIO(self.data)

    def __str__(self) -> str:
        return self.name


def _warc_items(location: str, data: bytes | None) -> Iterator[RawDocument | UnreadableInput]:
    path = Path(location) if data is None else _BytesPath(location, data)
    yield from read_warc(path)  # type: ignore[arg-type]


def _warc_rdd(context: Any, file: str, input_index: int, file_index: int) -> Any:
    """A local archive is streamed from disk by the task; a URI is read whole by Spark (one task per file, files of a
    URI folder in path order)."""

    def records(pair: tuple[str, bytes | None]) -> list[Keyed]:
        location, data = pair
        items = enumerate(_warc_items(location, data))
        return [((input_index, file_index, location, n), portable(item)) for n, item in items]

    if is_uri(file):
        source = context.binaryFiles(file)
    else:
        source = context.parallelize([(str(Path(file).resolve()), None)], 1)
    return source.flatMap(records)
