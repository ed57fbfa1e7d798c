"""The ingest run: read -> normalise -> skip known -> spaCy (actors, events, quotes) -> stories -> store.

Documents stream through the per-article analysis (dateline.analysis, in worker processes when `workers` > 1) and are
written in batches, one store transaction each, so a killed run loses at most the batches in flight and the next run
picks up where it stopped (known doc_ids are skipped before any NLP). Memory stays bounded: nothing holds the whole
corpus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from dateline.analysis import analyse_stream
from dateline.errors import UnreadableInput
from dateline.ingest import iter_inputs
from dateline.ingest.base import RawDocument
from dateline.ingest.date_order import in_date_order
from dateline.ingest.normalise import normalise
from dateline.nlp.pipeline import shared_nlp
from dateline.records import Document
from dateline.settings import IngestOptions
from dateline.store import Store
from dateline.store.duckdb_store import INGEST_MEMORY_LIMIT
from dateline.stories.stage import LinkingStage

log = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass
class IngestReport:
    """What one run did: counts, and one line per input that failed."""

    new: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)
    new_doc_ids: list[str] = field(default_factory=list)

    def fail(self, error: UnreadableInput) -> None:
        self.failed += 1
        self.failures.append(str(error))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _normalised(
    items: Iterable[RawDocument | UnreadableInput], report: IngestReport, progress: Progress
) -> Iterator[Document]:
    for item in items:
        try:
            if isinstance(item, UnreadableInput):
                raise item
            yield normalise(item)
        except UnreadableInput as exc:
            report.fail(exc)
            log.info("skipped %s", exc)
            progress(1)


def _fresh(
    documents: Iterable[Document], store: Store, report: IngestReport, progress: Progress, chunk: int
) -> Iterator[Document]:
    """Documents the store does not hold yet and this run has not seen, checked against the store in chunks."""
    seen: set[str] = set()
    for batch in _batches(documents, chunk):
        known = store.known_doc_ids(d.doc_id for d in batch)
        for document in batch:
            if document.doc_id in known or document.doc_id in seen:
                report.unchanged += 1
                progress(1)
            else:
                seen.add(document.doc_id)
                yield document


def ingest(
    paths: Iterable[str | Path],
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    store: Store | None = None,
) -> IngestReport:
    """Ingest every article under `paths` into the store at `options.db`; returns what happened.

    Re-running with the same inputs stores nothing new: documents are keyed by a hash of their identity and text.
    """
    options = options or IngestOptions()
    report = IngestReport()
    progress = progress or (lambda n: None)
    owns_store = store is None
    store = store or Store.open(options.db, memory_limit=INGEST_MEMORY_LIMIT)
    nlp = shared_nlp(tuple(options.stages))
    linking = LinkingStage(store, match_statements="dateline_quotes" in options.stages)
    try:
        documents = _normalised(iter_inputs(paths, max_bytes=options.max_bytes), report, progress)
        fresh = _fresh(documents, store, report, progress, options.batch_size)
        if options.date_order:
            fresh = in_date_order(fresh)
        analysed = analyse_stream(nlp, fresh, options.workers, options.batch_size)
        for batch in _batches(analysed, options.batch_size):
            analyses, state = linking.link(batch)
            store.write_analyses(analyses, state)  # one transaction per batch
            report.new += len(analyses)
            report.new_doc_ids.extend(a.document.doc_id for a in analyses)
            progress(len(analyses))
    finally:
        if owns_store:
            store.close()
    return report
