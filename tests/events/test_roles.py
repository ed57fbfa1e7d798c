"""Role finding on the full pipeline (actors stage included): symmetric clashes, lists of parties, issuers."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture(scope="module")
def pipeline():
    from dateline.nlp.pipeline import build_nlp

    try:
        return build_nlp(stages=["dateline_actors", "dateline_events"])
    except OSError:
        pytest.skip("spaCy model not installed")


def events_of(pipeline, text):
    doc = pipeline.make_doc(text)
    doc._.doc_id, doc._.published = "test", date(2023, 5, 2)
    return pipeline(doc)._.events


def sources(events, plover):
    return {event.actor.country for event in events if event.plover == plover and event.actor}


@pytest.mark.parametrize(("text", "expected"), [
    ("Indian and Chinese troops clashed along the disputed border.", {"IND", "CHN"}),
    ("Israeli troops clashed with Palestinian gunmen in Jenin.", {"ISR", "PSE"}),
    ("Clashes between Sudanese soldiers and paramilitary fighters killed at least 50 people.", {"SDN"}),
])
def test_roles_armed_clash_is_fighting_with_both_sides_as_sources(pipeline, text, expected):
    events = events_of(pipeline, text)
    assert sources(events, "ASSAULT") == expected
    assert not [event for event in events if event.plover == "PROTEST"]


def test_roles_protesters_clashing_with_police_stay_a_protest(pipeline):
    assert sources(events_of(pipeline, "Kenyan demonstrators clashed with police in Nairobi."), "PROTEST") == {"KEN"}


def test_roles_every_party_of_a_from_phrase_is_a_source(pipeline):
    events = events_of(pipeline, "Envoys from Qatar, Egypt and the United States met in Cairo on Sunday.")
    assert sources(events, "CONSULT") == {"QAT", "EGY", "USA"}


def test_roles_clause_on_an_object_takes_the_issuer_as_source(pipeline):
    events = events_of(pipeline, "The rebel Kurdistan Workers' Party issued a declaration demanding that the "
                                 "Turkish government release prisoners.")
    assert sources(events, "REQUEST") == {"TUR"}


def test_roles_statement_does_not_outrank_what_it_reports(pipeline):
    events = events_of(pipeline, "Benin opened its borders today to most West Africans ordered out of Nigeria as "
                                 "illegal aliens, but was still refusing admittance to Ghanaians, by far the biggest "
                                 "group involved, Benin police said.")
    assert {event.plover for event in events} - {None} == {"RETREAT", "REJECT"}
