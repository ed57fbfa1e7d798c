"""Hyphen and space spellings of one name ("Amir-Abdollahian", "Amir Abdollahian") name the same person."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.actors.names import hyphen_variants, name_words, shares_name


@pytest.mark.parametrize(("written", "canonical"), [
    ("Amir Abdollahian", "Hossein Amir-Abdollahian"),
    ("Bagheri-Kani", "Ali Bagheri Kani"),
    ("Amir\u2010Abdollahian", "Hossein Amir-Abdollahian"),  # a typographic hyphen
])
def test_names_hyphen_and_space_spellings_share_words(written, canonical):
    assert shares_name(written, canonical)


def test_names_different_people_share_no_words():
    assert not shares_name("Stephane Dujarric", "Antonio Guterres")
    assert name_words("Hossein Amir-Abdollahian") == {"hossein", "amir", "abdollahian"}


def test_names_hyphen_variants_cover_both_spellings():
    assert "Hossein Amir Abdollahian" in hyphen_variants("Hossein Amir-Abdollahian")
    assert "Bagheri-Kani" in hyphen_variants("Bagheri Kani")
    assert hyphen_variants("Raisi") == {"Raisi"}


@pytest.mark.parametrize(("text", "written", "person"), [
    ("French diplomat Philippe Douste Blazy met the envoy in Vienna.", "Douste Blazy", "person:philippe-douste-blazy"),
    ("In a tweet, Amir Abdollahian criticised Israel.", "Amir Abdollahian", "person:hossein-amir-abdollahian"),
])
def test_names_resolve_either_spelling(resolve, text, written, person):
    actors = resolve(text, dt.date(2006, 6, 1) if "Blazy" in text else dt.date(2023, 4, 7))
    assert [actor.kb_id for phrase, actor in actors.items() if written in phrase] == [person]
