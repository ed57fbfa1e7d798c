"""Force used by crowds is a protest (PLOVER riot/obstruct); force used on crowds by police stays ASSAULT/COERCE."""

from __future__ import annotations

import pytest

from dateline.events.crowds import protest_code

COUNTRIES = {"greek": "GRC", "kenyan": "KEN", "canadian": "CAN", "egyptian": "EGY"}


def types(code_events, text):
    return {event.plover for event in code_events(text, COUNTRIES)} - {None}


@pytest.mark.parametrize(("code", "expected"), [
    ("190", "145"), ("182", "145"), ("183", "145"), ("1712", "145"), ("192", "144"), ("191", "144"),
    ("181", None), ("173", None), ("111", None), ("145", None),
])
def test_crowds_protest_code_for_a_crowds_act(code, expected):
    assert protest_code(code) == expected


@pytest.mark.parametrize(("text", "plover"), [
    ("Hundreds of Canadian protesters battled police in the streets on Wednesday night.", "PROTEST"),
    ("There were battles between Greek protesters and police outside the parliament.", "PROTEST"),
    ("Kenyan protesters occupied City Hall on Tuesday.", "PROTEST"),
    ("Greek rioters set cars ablaze in the city centre.", "PROTEST"),
    ("Egyptian rioters attacked police officers with bricks.", "PROTEST"),
])
def test_crowds_force_by_protesters_is_a_protest(code_events, text, plover):
    found = types(code_events, text)
    assert plover in found
    assert not found & {"ASSAULT", "COERCE"}


@pytest.mark.parametrize(("text", "plover"), [
    ("Egyptian police fired tear gas at protesters in Cairo.", "ASSAULT"),
    ("Kenyan police beat demonstrators with batons.", "ASSAULT"),
    ("Greek police arrested 20 rioters.", "COERCE"),
    ("Kenyan troops killed two Somali fighters.", "ASSAULT"),
])
def test_crowds_force_on_protesters_stays_assault_or_coerce(code_events, text, plover):
    found = types(code_events, text)
    assert plover in found
    assert "PROTEST" not in found
