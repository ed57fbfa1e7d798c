"""Company names that contain a country are business actors of that country, not the state."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(scope="module")
def resolve():
    from dateline.nlp.pipeline import build_nlp

    nlp = build_nlp(stages=["dateline_actors"])

    def run(text: str):
        doc = nlp.make_doc(text)
        doc._.published = dt.date(2012, 5, 1)
        for _, component in nlp.pipeline:
            doc = component(doc)
        return [m.actor for m in doc._.actor_mentions]

    return run


@pytest.mark.parametrize(("text", "code"), [
    ("France Telecom cut 22,000 jobs.", "FRABUS"),
    ("Air India suspended flights to Kathmandu.", "INDBUS"),
    ("Kenya Airways signed a deal with Boeing.", "KENBUS"),
])
def test_companies_country_in_a_company_name_is_business(resolve, text, code):
    assert code in {actor.code for actor in resolve(text)}


@pytest.mark.parametrize(("text", "code"), [
    ("The Iranian Foreign Ministry condemned the attack.", "IRNGOV"),
    ("The Pakistan Army attacked militants.", "PAKMIL"),
    ("France condemned the attack.", "FRA"),
    ("The White House said talks would continue.", "USAGOV"),  # "The" makes no company of it
])
def test_companies_state_bodies_and_countries_stay(resolve, text, code):
    codes = {actor.code for actor in resolve(text)}
    assert code in codes
    assert not any(c.endswith("BUS") for c in codes if c)
