"""End-to-end: `dateline demo`, `dateline export` and `dateline code` with the full pipeline."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.store.export import CONTRACT

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    result = runner.invoke(app, ["demo", "--db", db])
    assert result.exit_code == 0, result.output
    return db, result.output


def test_demo_cli_prints_documents_events_quotes(demo_db):
    _, output = demo_db
    assert "Documents (2)" in output
    assert output.count("TEHRAN") >= 2 and output.count("CC BY 4.0") >= 2
    assert "2023-04-07 (manifest)" in output and "2023-04-08 (manifest)" in output
    assert "Events (" in output and "Quotes (" in output
    assert "Ebrahim Raisi" in output


def test_demo_cli_twice_changes_nothing(demo_db):
    db, _ = demo_db
    before = runner.invoke(app, ["export", "events", "--db", db]).output
    again = runner.invoke(app, ["demo", "--db", db, "-q"])
    assert again.exit_code == 0
    assert runner.invoke(app, ["export", "events", "--db", db]).output == before
    documents = runner.invoke(app, ["export", "documents", "--db", db]).output.splitlines()
    assert len(documents) == 2


@pytest.mark.parametrize("table", sorted(CONTRACT))
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_cli_reads_back_with_contract_fields(demo_db, tmp_path, table, fmt):
    db, _ = demo_db
    out = tmp_path / f"{table}.{fmt}"
    result = runner.invoke(app, ["export", table, "--format", fmt, "--output", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        fields = set(rows[0])
    elif fmt == "csv":
        rows = list(csv.DictReader(out.open()))
        fields = set(rows[0])
    else:
        rows = pq.read_table(out).to_pylist()
        fields = set(rows[0])
    assert set(CONTRACT[table]) <= fields
    assert rows


def test_export_cli_events_carry_evidence(demo_db):
    db, _ = demo_db
    lines = runner.invoke(app, ["export", "events", "--db", db]).output.splitlines()
    documents = {json.loads(d)["doc_id"] for d in runner.invoke(app, ["export", "documents", "--db", db]).output.splitlines()}
    for event in map(json.loads, lines):
        assert event["mentions"], event
        for mention in event["mentions"]:
            assert mention["doc_id"] in documents
            assert mention["sentence"] and 0 <= mention["char_start"] < mention["char_end"]


def test_export_cli_gdelt_profile(demo_db):
    db, _ = demo_db
    result = runner.invoke(app, ["export", "events", "--profile", "gdelt", "--db", db])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert rows and all(len(row) == 61 for row in rows)


@pytest.mark.parametrize("args", [["export", "nothing"], ["export", "events", "--format", "xml"]])
def test_export_cli_usage_errors(demo_db, args):
    db, _ = demo_db
    assert runner.invoke(app, [*args, "--db", db]).exit_code == 2


def test_export_cli_missing_db(tmp_path):
    result = runner.invoke(app, ["export", "events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3 and "no such database" in result.output


def test_code_cli_codes_sentences(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "s1", "text": "Chinese troops attacked Indian soldiers in the Galwan valley on Monday.",
                    "date": "2020-06-17"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "s2", "text": "The weather was fine.", "date": "2020-06-17"}) + "\n"
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(source), "--output", str(out)])
    assert result.exit_code == 1  # one malformed line
    assert "in.jsonl:2" in result.output
    coded = {r["id"]: r["events"] for r in map(json.loads, out.read_text().splitlines())}
    assert set(coded) == {"s1", "s2"}
    [attack] = [e for e in coded["s1"] if e["plover"] == "ASSAULT"]
    assert attack["actor"]["country"] == "CHN" and attack["recipient"]["country"] == "IND"
    assert attack["date"] == "2020-06-15" and attack["date_source"] == "text"
    text = "Chinese troops attacked Indian soldiers in the Galwan valley on Monday."
    mention = attack["mentions"][0]
    assert text[mention["char_start"] : mention["char_end"]]
