"""Quotation-mark pairing: no model needed."""

from __future__ import annotations

import pytest

from dateline.quotes.marks import find_quoted_spans


def quoted(text: str) -> list[tuple[str, bool]]:
    return [(text[s.start : s.end], s.closed) for s in find_quoted_spans(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ('He said, "We are ready." Then he left.', [("We are ready.", True)]),
        ("“The unity,” he said, “remains essential.”", [("The unity,", True), ("remains essential.", True)]),
        ("He said: «France will stand firm.»", [("France will stand firm.", True)]),
        ("Sunak said: 'We will stop the boats.'", [("We will stop the boats.", True)]),
        ('"We will win," Raisi stated”', [("We will win,", True)]),
        ("\"Mixed marks,” Raisi stated.", [("Mixed marks,", True)]),
    ],
)
def test_marks_pairs_every_style(text, expected):
    assert quoted(text) == expected


@pytest.mark.parametrize("text", ["Iran’s president met Israel's critics.", "rock 'n' roll", "The Muslims’ rights."])
def test_marks_apostrophes_are_not_quotes(text):
    assert all(len(content.split()) <= 1 for content, _ in quoted(text))


def test_marks_unbalanced_quote_stops_at_paragraph():
    text = 'He said "we will rebuild.\nThe bank kept rates unchanged. "Fine," analysts said.'
    spans = quoted(text)
    assert spans[0] == ("we will rebuild.", False)
    assert ("Fine,", True) in spans


def test_marks_quote_continues_into_next_paragraph_that_reopens():
    text = '"Our priority is growth.\n"We will also invest," she said.'
    assert quoted(text) == [("Our priority is growth.\n\"We will also invest,", True)]


@pytest.mark.parametrize("text", ['"', "“", '" " "', "«", "‘’‘’", "", 'a "b\n\n\n"', "“x" * 500])
def test_marks_degenerate_input_never_crashes(text):
    for span in find_quoted_spans(text):
        assert 0 <= span.start <= span.end <= len(text)
