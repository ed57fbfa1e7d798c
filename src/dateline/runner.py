"""The ingest run: read -> normalise -> skip known -> spaCy (actors, events, quotes) -> stories -> store.

Work goes in batches: one `nlp.pipe` call and one store transaction per batch, so a killed run loses at most the
batch in flight and the next run picks up where it stopped (known doc_ids are skipped before any NLP).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from dateline.errors import UnreadableInput
from dateline.ingest import iter_inputs
from dateline.ingest.base import RawDocument
from dateline.ingest.normalise import normalise
from dateline.nlp.pipeline import shared_nlp
from dateline.records import Analysis, Document, Sentence
from dateline.settings import IngestOptions
from dateline.store import Store
from dateline.stories.features import features_from_doc
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


def published_date(document: Document) -> date | None:
    if not document.published:
        return None
    try:
        return date.fromisoformat(document.published[:10])
    except ValueError:
        return None


def make_docs(nlp: Language, documents: Sequence[Document]) -> list[Doc]:
    """Tokenise and attach what components need before they run (id and publication date)."""
    docs = []
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.doc_id = document.doc_id
        doc._.published = published_date(document)
        docs.append(doc)
    return docs


def to_analysis(document: Document, doc: Doc) -> Analysis:
    sentences = [
        Sentence(document.doc_id, i, sent.start_char, sent.end_char, sent.text) for i, sent in enumerate(doc.sents)
    ]
    return Analysis(
        document=document,
        sentences=sentences,
        events=list(doc._.events or ()),
        quotes=list(doc._.quotes or ()),
        features=features_from_doc(doc, document),
    )


def analyse(nlp: Language, documents: Sequence[Document], workers: int = 1, batch_size: int = 64) -> list[Analysis]:
    """Run the spaCy pipeline over documents; a document a component fails on is logged and left out."""
    by_id = {d.doc_id: d for d in documents}
    docs = make_docs(nlp, documents)
    n_process = workers if workers > 0 else _cpu_count()
    analyses = []
    for doc in nlp.pipe(docs, batch_size=batch_size, n_process=n_process):
        analyses.append(to_analysis(by_id[doc._.doc_id], doc))
    return analyses


def _cpu_count() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _normalised(items: Iterable[RawDocument | UnreadableInput], report: IngestReport) -> Iterator[Document]:
    for item in items:
        if isinstance(item, UnreadableInput):
            report.fail(item)
            log.warning("%s", item)
            continue
        try:
            yield normalise(item)
        except UnreadableInput as exc:
            report.fail(exc)
            log.warning("%s", exc)


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
    owns_store = store is None
    store = store or Store.open(options.db)
    nlp = shared_nlp(tuple(options.stages))
    linking = LinkingStage(store, match_statements="dateline_quotes" in options.stages)
    try:
        documents = _normalised(iter_inputs(paths, max_bytes=options.max_bytes), report)
        for batch in _batches(documents, options.batch_size):
            known = store.known_doc_ids(d.doc_id for d in batch)
            fresh: dict[str, Document] = {}
            for document in batch:
                if document.doc_id in known or document.doc_id in fresh:
                    report.unchanged += 1
                else:
                    fresh[document.doc_id] = document
            if fresh:
                analyses, state = linking.link(analyse(nlp, list(fresh.values()), options.workers, options.batch_size))
                store.write_analyses(analyses, state)
                report.new += len(analyses)
                report.new_doc_ids.extend(a.document.doc_id for a in analyses)
            if progress:
                progress(len(batch))
    finally:
        if owns_store:
            store.close()
    return report
