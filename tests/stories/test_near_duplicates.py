"""Near-duplicate detection: syndicated copies are found, different reports of one event are not."""

from datetime import date, timedelta

import pytest

from dateline.stories.near_duplicates import NearDuplicateIndex, shingles

ORIGINAL = (
    "TEHRAN - Iranian President Ebrahim Raisi in a phone call with his Indonesian counterpart Joko Widodo on Thursday "
    "called for an emergency meeting of the Organization of Islamic Cooperation to address the attacks of Israeli "
    "forces on worshippers in the al-Aqsa Mosque during the holy month of Ramadan. Raisi said the silence of some "
    "countries emboldens the regime, and Widodo said Indonesia condemns the raids and supports the Palestinian people."
)
COPY = "Tehran Times - " + ORIGINAL + " (Reporting by Mehr News Agency; licensed CC BY 4.0.)"
REWRITE = (
    "Indonesia's president Joko Widodo and Iran's Ebrahim Raisi discussed by telephone the Israeli raids on the "
    "al-Aqsa compound; the Iranian leader urged the OIC to hold an urgent session, while Widodo voiced support for "
    "Palestinians and condemned the storming of the mosque during Ramadan prayers."
)


@pytest.fixture
def index():
    index = NearDuplicateIndex()
    index.add("orig", ORIGINAL)
    return index


@pytest.mark.parametrize("text,expected", [(COPY, "orig"), (ORIGINAL, "orig"), (REWRITE, None), ("", None)])
def test_near_duplicates_query_finds_copies_only(index, text, expected):
    assert index.query(text) == expected


def test_near_duplicates_check_and_add_points_to_earliest(index):
    assert index.check_and_add("copy1", COPY) == "orig"
    assert index.check_and_add("copy2", COPY) in {"orig", "copy1"}
    assert len(index) == 3


@pytest.mark.parametrize("threshold", [0.8])
def test_near_duplicates_rows_round_trip(index, threshold):
    restored = NearDuplicateIndex.from_rows(list(index.to_rows()), threshold=threshold)
    assert restored.query(COPY) == "orig"
    assert restored.query(REWRITE) is None
    assert "orig" in restored


@pytest.mark.parametrize("seed", [2])
def test_near_duplicates_refuses_other_seed(index, seed):
    other = NearDuplicateIndex(seed=seed)
    with pytest.raises(ValueError):
        index.add_signature("x", other.signature(ORIGINAL))


@pytest.mark.parametrize("text,size,count", [("a b c", 5, 1), ("one two three four five six", 5, 2), ("", 5, 0)])
def test_near_duplicates_shingles(text, size, count):
    assert len(shingles(text, size)) == count


@pytest.mark.parametrize("days,found", [(10, "orig"), (22, None)])
def test_near_duplicates_forget_articles_past_the_window(days, found):
    index = NearDuplicateIndex()  # 21 days by default
    index.add("orig", ORIGINAL, "2023-01-01")
    index.add("other", REWRITE, (date(2023, 1, 1) + timedelta(days=days)).isoformat())
    assert index.query(COPY) == found
    restored = NearDuplicateIndex.from_rows(index.to_rows(), next_seq=7)
    assert restored.next_seq == 7 and restored.query(COPY) == found


def test_near_duplicates_restore_skips_retired_rows_and_keeps_numbering():
    """Rows read from a store include articles the live index has retired; the restored index skips them too."""
    live, everything = NearDuplicateIndex(retire_days=60), NearDuplicateIndex(retire_days=10_000)
    for index in (live, everything):
        index.add("orig", ORIGINAL, "2023-01-01")
        index.add("late", REWRITE, "2023-05-01")
    assert len(live) == 1 and live.seq_of("late") == 1
    dated = {"orig": "2023-01-01", "late": "2023-05-01"}
    rows = [{**row, "published": dated[row["doc_id"]]} for row in everything.to_rows()]
    restored = NearDuplicateIndex.from_rows(rows, next_seq=2, retire_days=60)
    assert list(restored.to_rows()) == list(live.to_rows()) and restored.next_seq == 2


def test_near_duplicates_undated_articles_retire_by_arrival():
    text = "The quick brown fox jumps over the lazy dog near the river bank today, witnesses said on Monday."
    index = NearDuplicateIndex(retire_undated=2)
    index.add("a", text)
    assert index.query(text) == "a"
    index.add("b", "An entirely different report about an election count in a northern province went on.")
    index.add("c", "Another unrelated article about rain, flooding and a dam on the river kept the town awake.")
    assert "a" not in index and index.query(text) is None
    restored = NearDuplicateIndex.from_rows(
        [{**row, "published": None} for row in NearDuplicateIndex(retire_undated=5).to_rows()], retire_undated=2)
    assert len(restored) == 0
    rows = [{"doc_id": d, "seq": n, "scheme": index._scheme, "signature": [1] * 128, "published": None}
            for n, d in enumerate("xyz")]
    assert sorted(NearDuplicateIndex.from_rows(rows, retire_undated=2)._order) == ["y", "z"]
