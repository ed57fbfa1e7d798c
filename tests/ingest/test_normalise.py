import pytest

from dateline.ingest.base import RawDocument
from dateline.ingest.normalise import normalise, normalise_date, split_dateline, split_licence, tidy_whitespace


@pytest.mark.parametrize(
    "text,place,rest",
    [
        ("TEHRAN- The OIC met.", "TEHRAN", "The OIC met."),
        ("TEHRAN – Iran has condemned", "TEHRAN", "Iran has condemned"),
        ("GAZA CITY, April 5 (AP) — Israeli police", "GAZA CITY", "Israeli police"),
        ("BEIRUT, Lebanon (Reuters) - The army said", "BEIRUT, Lebanon", "The army said"),
        ("WASHINGTON: The US said", "WASHINGTON", "The US said"),
        ("UN-backed talks began on Monday.", None, "UN-backed talks began on Monday."),
        ("US officials said on Monday", None, "US officials said on Monday"),
    ],
)
def test_normalise_dateline(text, place, rest):
    assert split_dateline(text) == (rest, place)


def test_normalise_licence_footer_moves_to_field():
    text = "Body text here. All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License."
    body, licence = split_licence(text)
    assert body == "Body text here."
    assert licence == "CC BY 4.0"


def test_normalise_licence_only_at_the_end():
    text = "All Content by X is licensed under a Creative Commons Attribution 4.0 International License. " + "word " * 100
    assert split_licence(text)[1] is None


def test_normalise_whitespace_keeps_paragraphs():
    assert tidy_whitespace("A  b\u00a0c \r\n\r\n\r\n\tD e  \n") == "A b c\n\nD e"


def test_normalise_nfc():
    assert tidy_whitespace("Caf\u0065\u0301") == "Caf\u00e9"


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2023-04-07", "2023-04-07"),
        ("Fri, 07 Apr 2023 10:15:00 GMT", "2023-04-07T10:15:00+00:00"),
        ("April 7, 2023", "2023-04-07"),
        ("not a date", None),
        (None, None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_normalise_doc_id_stable_and_path_independent():
    a = normalise(RawDocument(where="a/x.txt", text="Hello  world. It rained.", uri="a/x.txt"))
    b = normalise(RawDocument(where="b/y.txt", text="Hello world. It rained.\n", uri="b/y.txt"))
    c = normalise(RawDocument(where="c", text="Hello world. It rained.", uri="https://news.example/1"))
    assert a.doc_id == b.doc_id
    assert c.doc_id != a.doc_id
    assert a.language == "en"
