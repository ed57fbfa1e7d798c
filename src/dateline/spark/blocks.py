"""The per-partition and per-block work of the Spark job, as plain functions over records (testable without Spark).

- `analyse_partition`: normalised Documents -> Analyses, through `dateline.analysis.analyse` with the spaCy pipeline
  loaded once per Python worker (`shared_nlp` is a per-process cache, and Spark reuses its Python workers).
- `link_block`: one time window of Analyses, in the embedded path's order -> rows of every output table, through the
  embedded path's story stage (`LinkingStage`) and store, so stories and merged events come from the same code as
  `dateline ingest`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from dateline.analysis import analyse, published_date
from dateline.errors import UnreadableInput
from dateline.ingest.base import RawDocument
from dateline.ingest.normalise import normalise
from dateline.nlp.pipeline import shared_nlp
from dateline.records import Analysis, Document
from dateline.spark import rows
from dateline.spark.sources import Failed, IngestKey
from dateline.store import Store
from dateline.store.parquet_import import dump_tables
from dateline.stories.stage import LinkingStage

log = logging.getLogger(__name__)

UNDATED_BLOCK = "undated"
_EPOCH = date(1970, 1, 1)


def normalise_item(item: RawDocument | Failed, max_bytes: int) -> Document | Failed:
    """The embedded path's `_normalised` + size limit for one record: a Document, or why it failed."""
    if isinstance(item, Failed):
        return item
    if len(item.text) > max_bytes:
        return Failed(f"{item.where}: record too large ({len(item.text) / 1e6:.1f} MB of text)")
    try:
        return normalise(item)
    except UnreadableInput as exc:
        return Failed(str(exc))


def block_of(document: Document, window_days: int) -> str:
    """The time window a document's stories are built in: the first day of its window, or `undated`.

    `window_days` 0 puts every document in one block (exactly the embedded result, on one executor).
    """
    published = published_date(document)
    if window_days <= 0:
        return "all"
    if published is None:
        return UNDATED_BLOCK
    start = (published - _EPOCH).days // window_days * window_days
    return date.fromordinal(_EPOCH.toordinal() + start).isoformat()


def analyse_partition(
    keyed: Iterable[tuple[IngestKey, Document]], stages: tuple[str, ...], batch_size: int, window_days: int
) -> Iterator[tuple[str, tuple[IngestKey, Analysis]]]:
    """(block, (ingest key, Analysis)) for every document of a partition, parsed in chunks of a few batches."""
    nlp = shared_nlp(stages)
    iterator = iter(keyed)
    while chunk := list(islice(iterator, batch_size * 4)):
        keys = {document.doc_id: key for key, document in chunk}
        for analysis in analyse(nlp, [document for _, document in chunk], 1, batch_size):
            document = analysis.document
            yield block_of(document, window_days), (keys[document.doc_id], analysis)


def link_block(
    block: Iterable[tuple[IngestKey, Analysis]], stages: tuple[str, ...], batch_size: int
) -> Iterator[tuple[str, tuple]]:
    """(table, row) for every row one block produces.

    The block goes through the embedded path's own story stage and store writes, into an in-memory store, in the
    order and batches `dateline ingest` would use; the rows are then read back as the Parquet tables.
    """
    analyses = [analysis for _, analysis in sorted(block, key=lambda pair: pair[0])]
    with Store.open(":memory:") as store:
        linking = LinkingStage(store, match_statements="dateline_quotes" in stages)
        for start in range(0, len(analyses), batch_size):
            linked, state = linking.link(analyses[start : start + batch_size])
            store.write_analyses(linked, state)
        doc_days: dict[str, str] = {}
        for table, row in dump_tables(store):
            day = rows.row_day(table, row, doc_days)
            if table == "documents":
                doc_days[row["doc_id"]] = day
            yield table, rows.as_tuple(table, row, day)
