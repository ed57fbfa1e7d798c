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


def recipients(events, plover):
    return {event.recipient.country for event in events if event.plover == plover and event.recipient}


def test_roles_the_indirect_object_of_a_gift_is_its_recipient(pipeline):
    events = events_of(pipeline, "The World Bank on Friday gave Malawi 40 million dollars of aid for its schools.")
    assert recipients(events, "AID") == {"MWI"}


@pytest.mark.parametrize(("text", "plover", "expected"), [
    ("Militants struck two Nigerian oil pipelines near Warri on Sunday.", "ASSAULT", {"NGA"}),
    ("Houthi drones struck two Emirati fuel depots at Musaffah on Monday.", "ASSAULT", {"ARE"}),
    ("Security forces in Tehran detained a French aid worker on spying charges.", "COERCE", {"FRA"}),
])
def test_roles_a_thing_a_demonym_marks_gives_the_target_country(pipeline, text, plover, expected):
    assert recipients(events_of(pipeline, text), plover) == expected


def test_roles_a_thing_its_owner_names_is_no_target(pipeline):
    events = events_of(pipeline, "Vladimir Putin put Russia's strategic missile forces on high alert on Sunday.")
    assert not recipients(events, "MOBILIZE")


@pytest.mark.parametrize(("text", "plover", "expected"), [
    # aid and attacks whose object names no actor are done to the state of the place they reach
    ("UNICEF delivered vaccines to 50,000 children in eastern Chad on Tuesday.", "AID", {"TCD"}),
    ("Israeli jets hit targets near Damascus overnight, Syrian state media said.", "ASSAULT", {"SYR"}),
    # PLOVER codes the state of the place even when the actor is its own (police at home, protesters at home)
    ("Armed men attacked two villages in Mali's Mopti region on Sunday.", "ASSAULT", {"MLI"}),
])
def test_roles_a_targetless_act_is_done_to_the_state_where_it_lands(pipeline, text, plover, expected):
    assert recipients(events_of(pipeline, text), plover) == expected


def test_roles_the_place_of_a_meeting_is_not_its_target(pipeline):
    events = events_of(pipeline, "Rwandan and Congolese ministers met in Luanda on Monday.")
    assert not recipients(events, "CONSULT")


@pytest.mark.parametrize(("text", "expected"), [
    ("Turkey said it would retaliate if Greece extended its territorial waters.", {"GRC"}),
    ("China has threatened to halt trade talks if Australia goes ahead with the inquiry.", {"AUS"}),
])
def test_roles_a_threat_is_set_against_the_party_its_condition_names(pipeline, text, expected):
    assert recipients(events_of(pipeline, text), "THREATEN") == expected


def test_roles_a_threat_conditioned_on_its_own_source_has_no_target(pipeline):
    assert not recipients(events_of(pipeline, "Iran warned it would retaliate if it was attacked."), "THREATEN")


def test_roles_an_owned_object_gives_way_to_the_party_in_its_phrase(pipeline):
    """"his first phone call with X": the call is Modi's own, the partner is whom it was with."""
    events = events_of(pipeline, "Indian Prime Minister Narendra Modi held his first phone call with Sri Lankan "
                                 "President Anura Kumara Dissanayake on Monday.")
    assert recipients(events, "CONSULT") == {"LKA"}


@pytest.mark.parametrize(("text", "plover", "recipient"), [
    # cooperation: the state the person is handed to, not the person handed over
    ("Spain extradited a former Venezuelan intelligence chief to the United States on Wednesday.", "COOPERATE", "USA"),
    # coercion: the people deported, not where they were sent
    ("The United States deported more than 200 Venezuelans to El Salvador on Saturday.", "COERCE", "VEN"),
])
def test_roles_a_handover_cooperates_with_the_receiver_a_deportation_is_done_to_the_deported(
        pipeline, text, plover, recipient):
    assert recipients(events_of(pipeline, text), plover) == {recipient}


@pytest.mark.parametrize(("text", "plover", "expected"), [
    ("Saleh accepted a plan drawn up by Saudi Arabia.", "AGREE", {"SAU"}),
    ("Hamas rejected a proposal put forward by Egypt on Sunday.", "REJECT", {"EGY"}),
    # a participle on a person is no proposal: the holders of rescued hostages are not what the rescue answers
    ("Israeli forces rescued four hostages held by Hamas in a raid on central Gaza on Saturday.", "AID", set()),
])
def test_roles_whoever_drew_up_a_proposal_is_what_accepting_or_rejecting_it_answers(pipeline, text, plover, expected):
    assert recipients(events_of(pipeline, text), plover) == expected
