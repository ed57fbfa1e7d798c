"""Fixtures of the actors tests: the actors stage alone, run on a text published on a given day."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(scope="session")
def resolve():
    from dateline.nlp.pipeline import build_nlp

    nlp = build_nlp(stages=["dateline_actors"])

    def run(text: str, published: dt.date):
        doc = nlp.make_doc(text)
        doc._.published = published
        for _, component in nlp.pipeline:
            doc = component(doc)
        return {doc[m.start:m.end].text: m.actor for m in doc._.actor_mentions}

    return run
