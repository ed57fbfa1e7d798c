"""Statement matching: grouping logic with a toy embedder, the example's translations with the packaged
vectors, and the static embedder itself."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import numpy as np
import pytest

from dateline.quotes.embeddings import StaticEmbedder, content_words, default_embedder
from dateline.quotes.statements import QuoteContext, StatementMatcher, same_speaker


class WordsEmbedder:
    """Bag-of-words vectors: identical wording -> 1.0, no shared word -> 0.0 (enough to test the grouping)."""

    def encode(self, texts):
        rows = []
        for text in texts:
            row = np.zeros(256)
            for word in re.findall(r"\w+", text.lower()):
                row[int(hashlib.md5(word.encode()).hexdigest(), 16) % 256] += 1
            rows.append(row / (np.linalg.norm(row) or 1))
        return np.array(rows)


def ctx(qid, text, name, day, kb=None, statement=None, doc=None):
    return QuoteContext(qid, text, kb, name, date(2023, 4, day), statement, doc or qid)


@pytest.mark.parametrize(
    "a,b,same",
    [
        (("r1", None), ("Ebrahim Raisi", None), True),
        (("Raisi", None), ("Ebrahim Raisi", None), True),
        (("Lula", None), ("Luiz Inacio Lula da Silva", None), True),
        (("Raisi", "raisi"), ("Raisi", "other"), False),
        (("Kanaani", None), ("Ebrahim Raisi", None), False),
        ((None, None), (None, None), False),
    ],
)
def test_statements_same_speaker(a, b, same):
    first = QuoteContext("a", "x", a[1], a[0] if a[0] != "r1" else "Raisi", None)
    second = QuoteContext("b", "x", b[1], b[0], None)
    assert same_speaker(first, second) is same


def test_statements_groups_same_speaker_similar_text_and_keeps_earliest_id():
    matcher = StatementMatcher(WordsEmbedder(), threshold=0.6)
    old = ctx("q1", "the unity of the Muslim world remains essential", "Ebrahim Raisi", 7, statement="s-old")
    new = [
        ctx("q2", "the unity of the Muslim world remains essential today", "Raisi", 8),
        ctx("q3", "the unity of the Muslim world remains essential", "Joko Widodo", 8),  # other speaker
        ctx("q4", "taxes will be cut next year", "Raisi", 8),  # same speaker, other statement
        ctx("q5", "the unity of the Muslim world remains essential", "Raisi", 30),  # outside the window
    ]
    assigned = matcher.assign(new, [old])
    assert assigned["q2"] == "s-old"
    assert len({assigned["q3"], assigned["q4"], assigned["q5"], "s-old"}) == 4
    assert set(assigned) == {"q2", "q3", "q4", "q5"}


def test_statements_ids_do_not_depend_on_batches():
    """One batch or two (same input order) give the same ids: the group keeps its first quote's id."""
    from dataclasses import replace

    matcher = StatementMatcher(WordsEmbedder(), threshold=0.6)
    a = ctx("qa", "we welcome any initiative to deepen relations", "Raisi", 8)
    b = ctx("qb", "we welcome any initiative to deepen relations now", "Raisi", 7)
    together = matcher.assign([a, b], [])
    first = matcher.assign([a], [])
    second = matcher.assign([b], [replace(a, statement_id=first["qa"])])
    assert together == {**first, **second} == {"qa": "qa", "qb": "qa"}


def test_statements_same_document_needs_near_paraphrase():
    matcher = StatementMatcher(WordsEmbedder(), threshold=0.5)
    a = ctx("qa", "the attacks are a violation of sovereignty", "Kanaani", 7, doc="d")
    b = ctx("qb", "the attacks are a continuation of sacrilege", "Kanaani", 7, doc="d")
    assert matcher.assign([a, b], []) == {"qa": "qa", "qb": "qb"}


RAISI_000 = (
    "support for the rights of the Palestinian nation and fight against the Zionist regime constitute an underlying "
    "principle of the Muslim Ummah"
)
RAISI_003 = (
    "Supporting the rights of the Palestinian people and fighting the Zionist regime is an unchangeable principle in "
    "the structure of the Islamic Ummah and the unity of the Islamic world is a constant necessity to confront the "
    "aggressions and crimes of the Zionist regime"
)
BLOC_000 = "the Muslim world, as a powerful bloc in global politics, needs more unification"
BLOC_003 = (
    "We believe that the world of Islam, as an influential bloc in global equations, needs more convergence, and "
    "accordingly, we welcome any initiative to deepen relations between Islamic countries"
)


def test_statements_example_raisi_translations_match_with_packaged_vectors():
    quotes = [
        ctx("a1", RAISI_000, "Ebrahim Raisi", 7, doc="000"),
        ctx("a2", BLOC_000, "Ebrahim Raisi", 7, doc="000"),
        ctx("b1", RAISI_003, "Raisi", 8, doc="003"),
        ctx("b2", BLOC_003, "Raisi", 8, doc="003"),
    ]
    assigned = StatementMatcher().assign(quotes, [])
    assert assigned["a1"] == assigned["b1"]
    assert assigned["a2"] == assigned["b2"]
    assert assigned["a1"] != assigned["a2"]


def test_embeddings_content_words_drop_stop_words_and_fold_accents():
    assert content_words("Iran's President said that the émergency meeting is NOT over") == [
        "iran", "president", "said", "emergency", "meeting"]


def test_embeddings_word_pieces_split_greedily_and_give_up_on_unknown_characters():
    table = StaticEmbedder(["aqsa", "al", "##aq", "##sa", "mosque"], np.eye(5, dtype=np.float16))
    assert table.word_pieces("alaqsa") == (1, 2, 3)
    assert table.word_pieces("aqsa") == (0,)
    assert table.word_pieces("alqz") == ()  # no piece covers "qz": the whole word is unknown, as BERT's [UNK]
    vectors = table.encode(["Al-Aqsa mosque", "the of and", "mosque"])
    assert np.allclose(np.linalg.norm(vectors[0]), 1.0)
    assert not vectors[1].any()  # stop words only: a zero vector that matches nothing
    assert vectors[2] @ vectors[0] > 0


def test_embeddings_packaged_table_separates_paraphrase_from_other_statement():
    embedder = default_embedder()
    same, other = embedder.encode([
        "The humanitarian situation in Gaza is catastrophic",
        "the humanitarian situation in Gaza was a catastrophe",
    ]), embedder.encode(["Germany would increase defence spending to two percent"])
    assert float(same[0] @ same[1]) > 0.8
    assert float(same[0] @ other[0]) < 0.3


def test_statements_two_reports_on_one_investigation_stay_two_statements():
    """A minister's Tuesday report (detained) and Thursday report (charged) share words but are not one statement."""
    quotes = [
        ctx("tue", "the suspects had been detained in raids across the city", "Ali Yerlikaya", 3, doc="a"),
        ctx("thu", "14 suspects detained after the blast had been charged", "Ali Yerlikaya", 5, doc="b"),
        ctx("thu2", "prosecutors had charged all 14 suspects with membership of a terrorist organisation",
            "Yerlikaya", 5, doc="c"),
    ]
    assigned = StatementMatcher().assign(quotes, [])
    assert assigned["tue"] != assigned["thu"]
    assert assigned["thu"] == assigned["thu2"]
