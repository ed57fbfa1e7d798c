"""Fixtures of the events tests: a sentence through the full pipeline (actors stage included)."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="session")
def events_of(nlp):
    """The events the full pipeline codes in `text`, published on `published`."""

    def run(text: str, published: date = date(2024, 3, 15)):
        doc = nlp.make_doc(text)
        doc._.doc_id = "test"
        doc._.published = published
        return nlp(doc)._.events

    return run


@pytest.fixture(scope="session")
def types_of(events_of):
    """The PLOVER types coded in `text`."""
    return lambda text: {event.plover for event in events_of(text)} - {None}
