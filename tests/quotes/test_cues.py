"""The cue lexicon data file and its loader."""

from __future__ import annotations

import pytest

from dateline.quotes.cues import CLAUSE, OBJECT, PREP, load_cues, parse_cues


def test_cues_file_rows_are_valid_and_unique():
    lexicon = load_cues()
    names = [cue.name for cues in lexicon.by_lemma.values() for cue in cues]
    assert len(names) == len(set(names))
    assert all(cue.takes in (CLAUSE, OBJECT, PREP) for cues in lexicon.by_lemma.values() for cue in cues)


@pytest.mark.parametrize(
    "name", ["say", "state", "stress", "declare", "add", "point out", "assert", "emphasise", "emphasize", "urge",
             "tell", "accord to"],
)  # fmt: skip
def test_cues_cover_the_required_cues(name):
    lemma = name.split()[0]
    assert name in {cue.name for cue in load_cues().candidates(lemma)}


@pytest.mark.parametrize("line", ["say\t-", "say\t-\tmaybe", "a\tb\tc\td"])
def test_cues_bad_rows_are_rejected(line):
    with pytest.raises(ValueError):
        parse_cues([line])
