"""The events issue 3 says a user must get from the bundled example, coded by the full pipeline with nothing in the
code about these articles: who did what to whom, and the date where the text gives one."""

from __future__ import annotations

import json

import pytest

from dateline.analysis import make_docs
from dateline.records import Document

RAISI, WIDODO = "person:ebrahim-raisi", "person:joko-widodo"
AMIR_ABDOLLAHIAN, TAHA, GUTERRES = "person:hossein-amir-abdollahian", "person:hissein-brahim-taha", \
    "person:antonio-guterres"


@pytest.fixture(scope="module")
def events(nlp, example_dir):
    documents = []
    for line in (example_dir / "manifest.jsonl").read_text().splitlines():
        meta = json.loads(line)
        text = (example_dir / meta["file"]).read_text(encoding="utf-8")
        documents.append(Document(meta["file"], text, published=meta.get("published")))
    texts = {document.doc_id: document.text for document in documents}
    return [(event, texts) for doc in nlp.pipe(make_docs(nlp, documents)) for event in doc._.events]


def _who(actor) -> set[str]:
    """What an actor can be named by in these checks: its knowledge-base id, its country, its text."""
    if actor is None:
        return set()
    return {value for value in (actor.kb_id, actor.country, (actor.text or "").lower()) if value}


@pytest.mark.parametrize(("actor", "plover", "recipient", "day"), [
    ("ISR", "ASSAULT", None, "2023-04-06"),  # Israeli forces stormed al-Aqsa overnight
    (RAISI, "REQUEST", "org:oic", "2023-04-06"),  # Raisi's demand for an emergency OIC meeting
    (RAISI, "CONSULT", WIDODO, "2023-04-06"),  # the phone call
    (WIDODO, "SUPPORT", RAISI, None),  # Widodo supported the request
    (AMIR_ABDOLLAHIAN, "CONSULT", TAHA, "2023-04-06"),  # his call to the OIC Secretary General
    (AMIR_ABDOLLAHIAN, "ACCUSE", "ISR", None),  # and his criticism of Israel
    ("worshipers", None, "ISR", None),  # worshipers flung items at the Israeli soldiers
    ("org:un", "ACCUSE", None, None),  # the UN voiced concern
    ("TUR", "ACCUSE", None, None),  # ... and so did states
    (GUTERRES, "ACCUSE", "ISR", None),  # Guterres' reaction
    ("IRN", "ACCUSE", "ISR", "2023-04-07"),  # Iran's condemnation (second article)
    ("ISR", "ASSAULT", "LBN", "2023-04-07"),  # strikes on southern Lebanon
    ("ISR", "ASSAULT", "PSE", "2023-04-07"),  # ... and on Gaza
])
def test_example_events_are_coded(events, actor, plover, recipient, day):
    found = [event for event, _ in events
             if actor in _who(event.actor)
             and (plover is None or event.plover == plover)
             and (recipient is None or recipient in _who(event.recipient))
             and (day is None or event.date == day)]
    assert found, f"no {actor} {plover} {recipient} {day}"


def test_example_events_carry_their_evidence(events):
    """Every event's offsets point into its article, inside the sentence it gives as evidence."""
    assert len(events) > 40
    for event, texts in events:
        [mention] = event.mentions
        evidence = texts[mention.doc_id][mention.char_start:mention.char_end]
        assert evidence and evidence in mention.sentence and mention.sentence in texts[mention.doc_id]
