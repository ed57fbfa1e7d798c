"""The Python API: dateline.database.open(...) results as dicts, Arrow, pandas and polars."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from dateline import database
from dateline.store.export import CONTRACT


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("dateline_test_sample_store", Path(__file__).with_name(
        "sample_store.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("db") / "sample.duckdb"
    module.build_sample(path).close()
    with database.open(path) as opened:
        yield opened


def test_database_events_filters_and_contract_fields(db):
    result = db.events(actor="IRN", plover="CONSULT", since="2023-04-01", min_sources=2)
    assert [e["event_id"] for e in result] == ["ev-phone"]
    assert set(CONTRACT["events"]) <= set(result[0])
    assert len(db.events(limit=5)) == 5
    assert len(db.events()) == 39


@pytest.mark.parametrize("method,kwargs,count", [
    ("quotes", {"speaker": "Raisi"}, 1), ("quotes", {"statement": "st-1"}, 2), ("quotes", {"doc": "doc-a"}, 1),
    ("stories", {}, 2), ("stories", {"since": "2023-05-01"}, 1), ("documents", {"story": "s-1"}, 2),
    ("documents", {}, 4),
])  # fmt: skip
def test_database_tables(db, method, kwargs, count):
    assert len(getattr(db, method)(**kwargs)) == count


@pytest.mark.parametrize("table", ["events", "quotes", "stories", "documents"])
def test_database_result_converts(db, table):
    result = getattr(db, table)()
    arrow = result.to_arrow()
    assert arrow.num_rows == len(result)
    assert set(CONTRACT[table]) <= set(arrow.column_names)
    pandas = pytest.importorskip("pandas")
    assert isinstance(result.to_pandas(), pandas.DataFrame)
    polars = pytest.importorskip("polars")
    frame = result.to_polars()
    assert isinstance(frame, polars.DataFrame) and frame.height == len(result)


def test_database_is_read_only_by_default(db):
    with pytest.raises(PermissionError):
        db.ingest(["nothing"])
    with pytest.raises(ValueError):
        db.events(quad_class=7)


def test_database_ingest_writes(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Iran condemned Israel.", "published": "2023-04-07"}\n')
    with database.open(tmp_path / "new.duckdb", read_only=False) as db:
        report = db.ingest([source], stages=())
        assert report.new == 1
        assert db.documents()[0]["external_id"] == "a"
