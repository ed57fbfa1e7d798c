"""Sorting an archive by publication date before stories are linked."""

from dateline.ingest.date_order import in_date_order
from dateline.records import Document


def test_date_order_sorts_by_day_undated_first_ties_in_input_order():
    documents = [Document("c", "late", published="2023-09-10T08:00:00"), Document("u1", "undated"),
                 Document("b", "tie one", published="2023-04-08"), Document("a", "early", published="2023-04-07"),
                 Document("b2", "tie two", published="2023-04-08T23:00:00+00:00"), Document("u2", "undated too")]
    ordered = list(in_date_order(documents))
    assert [d.doc_id for d in ordered] == ["u1", "u2", "a", "b", "b2", "c"]
    assert ordered[3] == documents[2]  # every field comes back as it went in


def test_date_order_keeps_text_exactly():
    text = "Line one\n\nLine two with “quotes”, an emoji 🙂 and a\ttab"
    assert list(in_date_order([Document("x", text, title="T")]))[0].text == text
    assert list(in_date_order([])) == []
