"""The per-article half of a run: tokenise, run the spaCy pipeline (actors, events, quotes), turn the Doc into records.

Everything here depends on one article alone, so with `workers` > 1 it all runs in worker processes, and only the
small records (`Analysis`) come back. Handing whole Docs back instead (what `nlp.pipe(n_process=N)` does) made the
parent deserialise every Doc and tokenise every text itself, work that competed with the workers for the same cores:
at two workers on two cores that cost a third of the throughput (bench/throughput.py). Results keep input order, and
at most a few chunks are in flight, so memory stays bounded however long the input stream.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc
from threadpoolctl import threadpool_limits

from dateline.forked_worker import ForkedWorker
from dateline.records import Analysis, Document, Sentence, iso_day
from dateline.stories.features import features_from_doc

log = logging.getLogger(__name__)

CHUNK_SIZE = 8  # articles per task sent to a worker: small enough to balance the load, large enough to batch
CHUNKS_IN_FLIGHT = 3  # per worker: keeps every worker busy while the parent links and stores
# A worker's spaCy vocabulary keeps every new string it meets (names, numbers), so on an endless stream of news it only
# grows: the process that analyses is replaced after this many chunks by a fresh fork of its pool worker, which still
# holds the parent as it was when the pool started (dateline.forked_worker). A fork costs milliseconds.
CHUNKS_PER_WORKER = 500

_worker_nlp: Language | None = None  # the pipeline a forked worker inherits from its parent
_worker_child: ForkedWorker | None = None  # in a pool worker: the child process that analyses its chunks


def published_date(document: Document) -> date | None:
    return iso_day(document.published)


def make_doc(nlp: Language, document: Document) -> Doc:
    """Tokenise and attach what components need before they run (id and publication date)."""
    doc = nlp.make_doc(document.text)
    doc._.doc_id = document.doc_id
    doc._.published = published_date(document)
    return doc


def make_docs(nlp: Language, documents: Sequence[Document]) -> list[Doc]:
    return [make_doc(nlp, document) for document in documents]


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


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def analyse_stream(
    nlp: Language, documents: Iterable[Document], workers: int = 1, batch_size: int = 64
) -> Iterator[Analysis]:
    """The Analysis of each document, in input order; `workers` processes (0: one per core), or this one."""
    n_process = workers if workers > 0 else cpu_count()
    if n_process == 1:
        pairs = ((make_doc(nlp, document), document) for document in documents)
        for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield to_analysis(document, doc)
        return
    yield from _in_workers(nlp, documents, n_process)


def analyse(nlp: Language, documents: Sequence[Document], workers: int = 1, batch_size: int = 64) -> list[Analysis]:
    """The analyses of a list of documents (see `analyse_stream`)."""
    return list(analyse_stream(nlp, documents, workers, batch_size))


def _in_workers(nlp: Language, documents: Iterable[Document], n_process: int) -> Iterator[Analysis]:
    """Chunks of documents to a pool of processes, results back in order, never more than a few chunks ahead."""
    global _worker_nlp
    _worker_nlp = nlp  # forked workers inherit the loaded pipeline: no second model load, no pickling of it
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    stages = tuple(name for name in nlp.pipe_names if name.startswith("dateline_"))
    iterator = iter(documents)
    chunks = iter(lambda: list(islice(iterator, CHUNK_SIZE)), [])
    # The pool re-forks workers from a background thread. OpenBLAS stops its threads around a fork, so a fork during
    # a multi-threaded matrix product in this process (statement matching) left that product waiting forever: a
    # 50,000-article run hung after 30,000 articles in `exec_blas_async`. One BLAS thread while the pool lives.
    blas = threadpool_limits(limits=1, user_api="blas")
    pool = context.Pool(n_process, initializer=_start_worker, initargs=(stages,))
    try:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_analyse_chunk, (chunk,)))
            if len(pending) >= n_process * CHUNKS_IN_FLIGHT:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
        pool.close()
    finally:
        pool.terminate()  # also when the consumer stops early or a worker failed
        pool.join()
        blas.restore_original_limits()
        _worker_nlp = None


def _start_worker(stages: tuple[str, ...]) -> None:
    """A forked worker freezes what it inherited; one without an inherited pipeline (spawn) loads its own.

    The cyclic garbage collector visits every tracked object, and each visit writes to the object's page, which
    copy-on-write then copies; frozen objects are never visited, so the pipeline stays shared with the parent.
    """
    global _worker_nlp, _worker_child
    gc.freeze()
    if _worker_nlp is None:
        from dateline.nlp.pipeline import shared_nlp

        _worker_nlp = shared_nlp(stages)
    _worker_child = ForkedWorker(_analyse_here, CHUNKS_PER_WORKER)


def _analyse_chunk(chunk: list[Document]) -> list[Analysis]:
    return _worker_child.run(chunk)


def _analyse_here(chunk: list[Document]) -> list[Analysis]:
    nlp = _worker_nlp
    pairs = ((make_doc(nlp, document), document) for document in chunk)
    return [to_analysis(document, doc) for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=len(chunk))]
