"""End-to-end: `dateline spark` then `dateline import-parquet` give a store with the example's documents."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.ingest import iter_inputs
from dateline.store import Store

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Java is not installed", allow_module_level=True)

runner = CliRunner()


def test_spark_cli_then_import_parquet(tmp_path, example_dir):
    source = tmp_path / "example.jsonl"
    with source.open("w") as handle:
        for raw in iter_inputs([example_dir]):
            handle.write(json.dumps({"id": raw.uri.rsplit("/", 1)[-1], "text": raw.text, "published": raw.published,
                                     "source": raw.source}) + "\n")
        handle.write("{broken\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["spark", str(source), "--output", str(out), "--master", "local[1]",
                                 "--stages", "dateline_actors,dateline_events"])
    assert result.exit_code == 1, result.output  # the broken line is named, the rest is written
    assert "example.jsonl:3" in result.output
    assert (out / "documents").is_dir() and (out / "events").is_dir()
    db = str(tmp_path / "spark.duckdb")
    for _ in range(2):  # idempotent
        imported = runner.invoke(app, ["import-parquet", str(out), "--db", db])
        assert imported.exit_code == 0, imported.output
    with Store.open(db, read_only=True) as store:
        assert store.count("documents") == 2
        assert store.count("events") > 10


def test_import_parquet_cli_rejects_other_folders(tmp_path):
    result = runner.invoke(app, ["import-parquet", str(tmp_path), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 3 and "not a dateline spark output" in result.output
