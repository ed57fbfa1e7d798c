"""Paragraph breaks are sentence breaks: a headline, a date line and a lead written as separate paragraphs are three
sentences, which the parser alone often runs together (it sees the blank line as just whitespace)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "dateline_paragraphs"


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set a sentence start on the first word after each blank line, and none on the word after it (a paragraph does
    not open with a one-word sentence); the parser keeps these and decides the rest."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= 2:
            following = doc[token.i + 1]
            following.is_sent_start = True
            if following.i + 1 < len(doc) and not doc[following.i + 1].is_space:
                doc[following.i + 1].is_sent_start = False
    return doc


@Language.component(COMPONENT)
def paragraph_sentences(doc: Doc) -> Doc:
    return mark_paragraph_starts(doc)
