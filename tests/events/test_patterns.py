"""Type choice of the verb patterns: phrasal prepositions, light-verb nouns and PLOVER manual mapping decisions."""

from __future__ import annotations

import pytest

from dateline.events.patterns import pattern_book
from dateline.events.plover import plover_for

COUNTRIES = {"chile": "CHL", "peru": "PER", "kenya": "KEN", "norway": "NOR", "bolivia": "BOL"}


def plover_types(code_events, text):
    return {event.plover for event in code_events(text, COUNTRIES)} - {None}


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
def test_patterns_type_choice(code_events, text, expected):
    assert expected in plover_types(code_events, text)


@pytest.mark.parametrize(("code", "expected"), [
    ("163", "SANCTION"), ("0831", "RETREAT"), ("0813", "CONCEDE"), ("0814", "CONCEDE"), ("0841", "RETREAT"),
])
def test_patterns_plover_manual_mapping(code, expected):
    assert plover_for(code)[0] == expected


@pytest.mark.parametrize(("name", "member"), [
    ("agreeing_verbs", "reach"), ("defiance_verbs", "defy"), ("defied_restrictions", "curfew"),
    ("carrying_verbs", "carry"), ("exercise_nouns", "war-game"), ("joint_words", "joint"),
])  # fmt: skip
def test_patterns_word_lists_load_from_the_pattern_files(name, member):
    words = getattr(pattern_book(), name)
    assert member in words
    assert all(isinstance(word, str) and word == word.lower() for word in words)  # YAML turns bare yes/no into bools


def test_patterns_conditions_are_words_not_yaml_booleans():
    # YAML 1.1 reads a bare `off`, `on`, `yes` or `no` as a boolean: `prep: [off]` would never match "off"
    book = pattern_book()
    for pattern in [p for group in (*book.verbs.values(), *book.nouns.values()) for p in group]:
        for words in (pattern.particle, pattern.prep, pattern.object, pattern.modifier, pattern.subject,
                      pattern.target):
            assert all(isinstance(word, str) for word in words or ()), pattern
