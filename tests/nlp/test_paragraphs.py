"""Paragraph breaks are sentence breaks, so a headline or a date line is never the start of the lead's sentence."""

import pytest

from dateline.nlp.pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(stages=[])


def sentences(nlp, text):
    return [sent.text.strip() for sent in nlp(text).sents]


def test_paragraphs_headline_and_date_line_are_sentences_of_their_own(nlp):
    text = ("Mo Cheeks will take over as new coach\n\nUpdated: May 24, 2005\n\n"
            "Maurice Cheeks is running the show again for the Philadelphia 76ers. He was hired on Monday.")
    found = sentences(nlp, text)
    assert found[0] == "Mo Cheeks will take over as new coach"
    assert found[-2:] == ["Maurice Cheeks is running the show again for the Philadelphia 76ers.",
                          "He was hired on Monday."]
    assert not any("\n\n" in sent for sent in found)


def test_paragraphs_single_line_breaks_are_left_to_the_parser(nlp):
    text = "Police arrested two men\non Friday in Albany."
    assert sentences(nlp, text) == [text]


def test_paragraphs_component_runs_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("dateline_paragraphs") < names.index("parser")
