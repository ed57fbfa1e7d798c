"""The per-article analysis: worker processes give exactly the in-process records, in input order."""

from __future__ import annotations

import dataclasses

import pytest

from dateline import analysis
from dateline.analysis import analyse, analyse_stream


@pytest.fixture(scope="module")
def documents(example_dir):
    from dateline.ingest import iter_inputs
    from dateline.ingest.normalise import normalise

    example = [normalise(raw) for raw in iter_inputs([example_dir])]
    # More documents than one chunk per worker, with different texts, so order and chunking are exercised.
    copies = [dataclasses.replace(doc, doc_id=f"{doc.doc_id}-{i}", text=doc.text + f"\n\nCopy {i}.")
              for i in range(6) for doc in example]
    return copies


def test_analysis_workers_give_the_in_process_records_in_order(nlp, documents):
    one = analyse(nlp, documents, workers=1)
    two = analyse(nlp, documents, workers=2)
    assert [a.document.doc_id for a in two] == [d.doc_id for d in documents]
    assert [(a.sentences, a.events, a.quotes, a.features) for a in two] == \
        [(a.sentences, a.events, a.quotes, a.features) for a in one]
    assert sum(len(a.events) for a in two) > 20 and sum(len(a.quotes) for a in two) > 20


def test_analysis_consumer_stopping_early_shuts_the_workers_down(nlp, documents, monkeypatch):
    monkeypatch.setattr(analysis, "CHUNK_SIZE", 1)
    stream = analyse_stream(nlp, documents, workers=2)
    first = next(stream)
    stream.close()  # runs the pool's clean-up
    assert first.document.doc_id == documents[0].doc_id
    assert analysis._worker_nlp is None


def test_analysis_worker_failure_reaches_the_caller(bare_nlp, documents):
    broken = dataclasses.replace(documents[0], text=None)  # make_doc fails on a non-text in the worker
    with pytest.raises(Exception):
        analyse(bare_nlp, [*documents[:3], broken], workers=2)


def _blas_threads() -> set[int]:
    from threadpoolctl import threadpool_info

    return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_analysis_parent_blas_is_single_threaded_while_workers_live(bare_nlp, documents):
    """The pool forks from a background thread; a multi-threaded BLAS product in the parent during a fork hangs."""
    import numpy as np

    np.ones((64, 64)) @ np.ones((64, 64))  # make sure numpy's BLAS is loaded
    before = _blas_threads()
    stream = analyse_stream(bare_nlp, documents, workers=2)
    next(stream)
    during = _blas_threads()
    list(stream)
    assert during == {1}
    assert _blas_threads() == before  # restored once the pool is gone


def test_analysis_recycled_children_give_the_same_records(bare_nlp, documents, monkeypatch):
    """Every chunk in a new child forked from its pool worker: same records, same order."""
    monkeypatch.setattr(analysis, "CHUNK_SIZE", 1)
    monkeypatch.setattr(analysis, "CHUNKS_PER_WORKER", 1)
    one = analyse(bare_nlp, documents, workers=1)
    two = analyse(bare_nlp, documents, workers=2)
    assert [(a.document.doc_id, a.sentences) for a in two] == [(a.document.doc_id, a.sentences) for a in one]
