"""Wire wording the coder must read through the full pipeline (actors stage included): idioms, phrasal verbs, motion
verbs whose subject picks the sense, that-clauses of intent, "failed to", time phrases, and the two-type cap."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "plover", "actor", "recipient"), [
    ("Germany threw its weight behind Ukraine on Monday.", "SUPPORT", "DEU", "UKR"),
    ("Beijing came to Moscow's defence on Thursday.", "SUPPORT", "CHN", "RUS"),
    ("Thousands of Kenyans took to the streets of Nairobi on Sunday.", "PROTEST", "KEN", None),
    ("Demonstrations erupted across Chile on Friday.", "PROTEST", "CHL", None),
    ("Norway brushed off Sweden's proposal on Tuesday.", "REJECT", "NOR", None),
    ("The Peruvian government withdrew the pension bill on Wednesday.", "CONCEDE", "PER", None),
    ("French peacekeepers arrived in Mali on Tuesday.", "AID", "FRA", "MLI"),
    ("The last Italian troops flew out of Herat on Monday.", "RETREAT", "ITA", None),
    ("Egypt let UN inspectors into the site on Monday.", "RETREAT", "EGY", None),
    ("Chile seized a Peruvian fishing vessel on Friday.", "COERCE", "CHL", "PER"),
    ("Brazil called on Tuesday for Venezuela to release the detainees.", "REQUEST", "BRA", "VEN"),
    ("Kenya vowed that Somalia would be punished for the attack.", "THREATEN", "KEN", "SOM"),
    ("Chile warned Peru that it would respond with force.", "THREATEN", "CHL", "PER"),
    ("A buildup of Russian troops along the border with Ukraine was reported on Thursday.", "MOBILIZE", "RUS", None),
    ("Poland handed over four fighter jets to Ukraine on Friday.", "AID", "POL", "UKR"),
    ("Norway began pumping gas to Germany through a new pipeline.", "COOPERATE", "NOR", "DEU"),
])
def test_wording_codes_type_and_roles(events_of, text, plover, actor, recipient):
    events = [event for event in events_of(text) if event.plover == plover]
    assert events, [(event.plover, event.cameo, event.trigger) for event in events_of(text)]
    assert any(event.actor and event.actor.country == actor for event in events)
    if recipient:
        assert any(event.recipient and event.recipient.country == recipient for event in events)


@pytest.mark.parametrize(("text", "plover"), [
    ("Israeli troops failed to pull out of southern Lebanon by the deadline.", "RETREAT"),
    ("Russia did not resume gas deliveries to Germany on Saturday.", "COOPERATE"),
])
def test_wording_negated_material_act_keeps_its_type(events_of, text, plover):
    events = [event for event in events_of(text) if event.plover == plover]
    assert events and all(event.modality == "negated" for event in events)


def test_wording_failed_agreement_stays_a_rejection(events_of):
    plovers = {event.plover for event in events_of("Chile and Peru failed to reach an agreement on Monday.")}
    assert "REJECT" in plovers


def test_wording_appositive_list_gives_every_country(events_of):
    events = events_of("Saudi Arabia, the UAE, Bahrain and Egypt cut ties with Qatar on Monday.")
    actors = {event.actor.country for event in events if event.plover == "SANCTION" and event.actor}
    assert actors == {"SAU", "ARE", "BHR", "EGY"}


def test_wording_sentence_keeps_at_most_two_types_around_its_main_event(events_of):
    text = "Germany threw its weight behind Ukraine during a visit to Kyiv on Monday, pledging new military aid."
    plovers = {event.plover for event in events_of(text)} - {None}
    assert "SUPPORT" in plovers and len(plovers) <= 2


def test_wording_time_phrase_is_not_a_phrasal_preposition(nlp):
    from dateline.events.patterns import verb_facts

    doc = nlp("Iran seized a tanker on Friday.")
    assert "on" not in verb_facts(doc[1]).preps
