"""A lone surname names a knowledge-base person only with context (full name, country) or while in office."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.mark.parametrize("text", [
    "Howard was arrested in Ohio after he attacked his neighbour.",
    "Police said Howard had been missing since Tuesday.",
])
def test_surnames_former_leader_needs_context(resolve, text):
    actors = resolve(text, dt.date(2012, 5, 1))
    assert "Howard" not in actors or actors["Howard"].country != "AUS"


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Howard said Australia would send more troops.", "Howard", "AUS"),
    ("Australian Prime Minister John Howard met the envoy. Howard said the talks went well.", "Howard", "AUS"),
    ("Putin said the talks went well.", "Putin", "RUS"),  # in office on the date: prominent enough alone
])
def test_surnames_resolve_with_context_or_office(resolve, text, name, country):
    actors = resolve(text, dt.date(2006, 5, 1))
    assert actors[name].country == country


def test_a_surname_ending_a_place_name_is_no_person(resolve):
    # "Shalom" is an Israeli politician's surname, but the Kerem Shalom crossing is a place
    found = resolve("Israel reopened the Kerem Shalom crossing on Sunday to let aid trucks into Gaza.",
                    dt.date(2024, 5, 12))
    assert not any(actor.kb_id and actor.kb_id.startswith("person:") for actor in found.values())
