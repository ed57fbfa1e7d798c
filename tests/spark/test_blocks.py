"""The Spark job's pieces that need no Spark: input formats, story windows, failures that travel between tasks."""

from __future__ import annotations

import pickle

import pytest

from dateline.errors import UnreadableInput
from dateline.ingest.base import RawDocument
from dateline.records import Document
from dateline.spark.blocks import block_of, normalise_item
from dateline.spark.rows import UNDATED, arrow_schema, row_day
from dateline.spark.sources import Failed, input_format, portable


@pytest.mark.parametrize(
    ("given", "expected"),
    [("news.jsonl", "jsonl"), ("hdfs://nn/news/day.jsonl.gz", "jsonl"), ("s3a://b/x.parquet", "parquet"),
     ("crawl.warc.gz", "warc"), ("articles/", "local"), ("story.txt", "local")],
)  # fmt: skip
def test_sources_input_format(given, expected):
    assert input_format(given) == expected


def test_sources_uri_must_name_a_format():
    with pytest.raises(UnreadableInput):
        input_format("hdfs://nn/news/")


@pytest.mark.parametrize(
    ("published", "window_days", "expected"),
    [("2023-04-07", 7, "2023-04-06"), ("2023-04-12", 7, "2023-04-06"), ("2023-04-13", 7, "2023-04-13"),
     ("2023-04-07T10:00:00+00:00", 1, "2023-04-07"), (None, 7, "undated"), ("2023-04-07", 0, "all"),
     (None, 0, "all")],
)  # fmt: skip
def test_blocks_window_of_publication_date(published, window_days, expected):
    assert block_of(Document("d", "text", published=published), window_days) == expected


@pytest.mark.parametrize(
    ("item", "problem"),
    [(RawDocument("a.jsonl:3", "   "), "no text left"), (RawDocument("a.jsonl:4", "x" * 50), "too large"),
     (portable(UnreadableInput("a.jsonl:5", "malformed JSON")), "malformed JSON")],
)  # fmt: skip
def test_blocks_failures_survive_pickling(item, problem):
    result = normalise_item(item, max_bytes=40)
    assert isinstance(result, Failed) and problem in str(result)
    assert pickle.loads(pickle.dumps(result)) == result


def test_blocks_normalise_item_gives_the_embedded_document():
    from dateline.ingest.normalise import normalise

    raw = RawDocument("a.jsonl:1", "TEHRAN - Iran's president spoke on Thursday.", published="2023-04-07")
    assert normalise_item(raw, max_bytes=1000) == normalise(raw)


@pytest.mark.parametrize(
    ("table", "row", "expected"),
    [("documents", {"published": "2023-04-07T08:00:00"}, "2023-04-07"),
     ("events", {"date": "2023-04-06"}, "2023-04-06"), ("events", {"date": None}, UNDATED),
     ("quotes", {"doc_id": "d1"}, "2023-04-08"), ("sentences", {"doc_id": "zz"}, UNDATED),
     ("stories", {"first_published": "2023-04-07"}, "2023-04-07")],
)  # fmt: skip
def test_rows_partition_day(table, row, expected):
    assert row_day(table, row, {"d1": "2023-04-08"}) == expected


@pytest.mark.parametrize("table", ["documents", "events", "quotes", "stories", "sentences", "event_mentions"])
def test_rows_schema_has_contract_fields_and_day(table):
    from dateline.store.export import CONTRACT

    names = arrow_schema(table).names
    assert names[-1] == "day"
    assert set(CONTRACT.get(table, ())) <= set(names)
