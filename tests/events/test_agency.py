"""Disasters, accidents and self-harm are no events; legal and "words, not goods" patterns found in real news (ECB+)."""

from __future__ import annotations

import pytest

COUNTRIES = {"iran": "IRN", "greek": "GRC", "italian": "ITA", "kenyan": "KEN", "somali": "SOM", "chile": "CHL"}


def types(code_events, text):
    return {event.plover for event in code_events(text, COUNTRIES)} - {None}


@pytest.mark.parametrize("text", [
    "An earthquake shook southern Iran on Sunday, flattening seven villages and killing 10 people.",
    "The quake killed 10 people in Iran.",
    "Seven villages in Iran were destroyed in the quake.",
    "The city was destroyed in a quake that killed tens of thousands of people.",
    "A fire destroyed the Greek supermarket on Friday.",
    "The arrested Italian mafia boss hanged himself in his cell.",
    "Hurricane Ian hit Chile on Wednesday, killing 30 people.",  # a named storm: its kind is a compound
    "A magnitude 6.1 earthquake struck Iran, injuring 40 people.",  # the parser makes the quake an apposition
])
def test_agency_drops_force_without_an_actor(code_events, text):
    assert not types(code_events, text) & {"ASSAULT", "COERCE", "THREATEN"}


@pytest.mark.parametrize(("text", "plover"), [
    ("Kenyan troops killed two Somali fighters.", "ASSAULT"),
    ("A car bomb killed six Kenyan soldiers.", "ASSAULT"),  # "car" names the bomb, not a crash
    ("A Somali bomber blew himself up in a Kenyan market.", "ASSAULT"),
    ("An Italian judge sentenced the Somali man to life in prison.", "COERCE"),
    ("The Somali man was found guilty of murder by an Italian court.", "ACCUSE"),
    ("The Somali suspect was ordered held without bail by an Italian judge.", "COERCE"),
    ("Greek protesters threw petrol bombs at police.", "PROTEST"),
    ("The Somali gunman gave himself up to Kenyan police.", "RETREAT"),
])
def test_agency_keeps_and_codes_real_events(code_events, text, plover):
    assert plover in types(code_events, text)


@pytest.mark.parametrize("text", [
    "Italian police released the names of the victims.",
    "Kenyan police did not give details about the attack.",
    "The Somali suspect pleaded not guilty to the charges.",
    "The Chile talks turned out to be harmless.",
])
def test_agency_words_are_not_goods_or_releases(code_events, text):
    assert not types(code_events, text) & {"RETREAT", "AID", "REQUEST", "REJECT"}
