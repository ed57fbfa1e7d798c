"""Shared dependency-tree helpers."""

import pytest

from dateline.nlp.tree import lemma_with_particle


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("The minister called off the talks.", "called", "call off"),
    ("She checked into a clinic.", "checked", "check"),
    ("Police arrested two men.", "arrested", "arrest"),
])
def test_lemma_with_particle(bare_nlp, text, word, expected):
    doc = bare_nlp(text)
    token = next(t for t in doc if t.text == word)
    assert lemma_with_particle(token) == expected
