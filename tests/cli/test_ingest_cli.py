"""End-to-end: `dateline ingest` on good and bad input, idempotence, and a kill -9 in the middle of a run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from dateline.cli import app
from dateline.store import Store

runner = CliRunner()
GOOD = "The foreign ministers of Egypt and Jordan met in Cairo on Sunday to discuss aid deliveries to Gaza."


def ingest(*args: str):
    return runner.invoke(app, ["ingest", *args, "--stages", "", "-q"])


def test_ingest_cli_example_twice_leaves_two_documents(example_dir, db_path):
    first = ingest(str(example_dir), "--db", db_path)
    second = ingest(str(example_dir), "--db", db_path)
    assert first.exit_code == 0 and second.exit_code == 0
    with Store.open(db_path, read_only=True) as store:
        assert store.count("documents") == 2
        assert store.count("sentences") > 20


def test_ingest_cli_bad_inputs_named_good_one_stored(tmp_path: Path, db_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 64)
    (folder / "legacy.txt").write_bytes("\u201cWe will not accept this,\u201d the Chilean minister said.".encode("cp1252"))
    (folder / "latin.txt").write_bytes("Les ministres se sont r\u00e9unis \u00e0 Montr\u00e9al lundi.".encode("latin-1"))
    (folder / "broken.html").write_bytes(b"<html><body><div><p>Short</div")
    (folder / "lines.jsonl").write_text(json.dumps({"id": "j1", "text": GOOD + " Again."}) + "\n{broken\n")
    with (folder / "huge.txt").open("wb") as handle:
        handle.write(b"All work and no play. " * (50 * 1024 * 1024 // 22))
    result = runner.invoke(app, ["ingest", str(folder), str(tmp_path / "missing.txt"), "--db", db_path,
                                 "--stages", ""])
    assert result.exit_code == 1
    failed = [line for line in result.output.splitlines() if line.startswith("failed:")]
    named = " ".join(failed)
    for bad in ("empty.txt", "binary.dat", "broken.html", "lines.jsonl:2", "huge.txt", "missing.txt"):
        assert bad in named, bad
    assert len(failed) == 6
    assert "Traceback" not in result.output
    with Store.open(db_path, read_only=True) as store:
        # good.txt, legacy.txt, latin.txt and the good JSONL line
        assert store.count("documents") == 4


def test_ingest_cli_usage_error_exit_2(db_path):
    result = runner.invoke(app, ["ingest", "--batch-size", "0", "x.txt", "--db", db_path])
    assert result.exit_code == 2


def _dateline(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dateline", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def test_ingest_cli_survives_kill_9(tmp_path: Path):
    data = tmp_path / "many.jsonl"
    with data.open("w") as handle:
        for i in range(500):
            handle.write(json.dumps({"id": f"n{i}", "text": f"Report {i}: {GOOD} Officials counted {i} trucks."}) + "\n")
    db = str(tmp_path / "kill.duckdb")
    args = ("ingest", str(data), "--db", db, "--stages", "", "--batch-size", "10", "-q")
    process = _dateline(*args)
    wal = Path(db + ".wal")
    deadline = time.time() + 120

    def wal_size() -> int:
        return wal.stat().st_size if wal.exists() else 0

    # DuckDB locks the file while the writer runs, so watch its write-ahead log: the first commit creates the
    # schema, the next ones store batches (about 35 kB each here; DuckDB writes a transaction to the log when it
    # commits). Once the log holds several batches, the first is surely whole: kill the run without warning. (Waiting
    # for one batch's growth killed mid-commit on a loaded machine; waiting for the log to hold still sometimes saw
    # the whole run through.)
    while time.time() < deadline and process.poll() is None and wal_size() == 0:
        time.sleep(0.02)
    schema_only = wal_size()
    while time.time() < deadline and process.poll() is None and wal_size() < schema_only + 150_000:
        time.sleep(0.02)
    assert process.poll() is None, "the run finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    with Store.open(db, read_only=True) as store:
        assert 0 < store.count("documents") < 500
    again = _dateline(*args)
    assert again.wait(timeout=300) == 0, again.stderr.read().decode()
    with Store.open(db, read_only=True) as store:
        assert store.count("documents") == 500
        assert store.con.execute("SELECT count(DISTINCT external_id) FROM documents").fetchone()[0] == 500
        # every stored document has its sentences: nothing half-written
        assert store.con.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.doc_id)"
        ).fetchone()[0] == 0


def _archive_out_of_order(example_dir: Path, path: Path) -> None:
    """The example's two articles (one story), read after an unrelated article published five months later."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("*.txt"))]
    records = [{"id": "later", "text": GOOD, "published": "2023-09-10"},
               {"id": "first", "text": texts[0], "published": "2023-04-07"},
               {"id": "second", "text": texts[1], "published": "2023-04-08"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _stories_by_external_id(db_path: str) -> dict[str, str]:
    with Store.open(db_path, read_only=True) as store:
        rows = list(store.iter_documents())
    return {row["external_id"]: row["story_id"] for row in rows}


def test_ingest_cli_date_order_keeps_an_out_of_order_archive_story_whole(example_dir, tmp_path: Path):
    archive = tmp_path / "archive.jsonl"
    _archive_out_of_order(example_dir, archive)
    as_read, sorted_first = str(tmp_path / "as_read.duckdb"), str(tmp_path / "sorted.duckdb")
    assert ingest(str(archive), "--db", as_read).exit_code == 0
    assert ingest(str(archive), "--db", sorted_first, "--date-order").exit_code == 0
    late = _stories_by_external_id(as_read)
    assert late["first"] != late["second"]  # both arrived past the horizon: a story each
    ordered = _stories_by_external_id(sorted_first)
    assert ordered["first"] == ordered["second"] != ordered["later"]


def test_ingest_cli_warns_once_when_articles_arrive_out_of_date_order(example_dir, tmp_path: Path, caplog):
    """A few days out of order is within the horizon but can split a story: the run says so, once."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(example_dir.glob("*.txt"))]
    records = [{"id": "first", "text": texts[0], "published": "2023-04-07"},
               {"id": "later", "text": GOOD, "published": "2023-04-12"},
               {"id": "second", "text": texts[1], "published": "2023-04-08"},
               {"id": "again", "text": GOOD + " Talks resume.", "published": "2023-04-09"}]
    archive = tmp_path / "feed.jsonl"
    archive.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with caplog.at_level("WARNING", logger="dateline.stories.stage"):
        assert runner.invoke(app, ["ingest", str(archive), "--db", str(tmp_path / "o.duckdb"), "--stages", "",
                                   "--batch-size", "1", "-q"]).exit_code == 0
    warnings = [r.getMessage() for r in caplog.records if "out of date order" in r.getMessage()]
    assert len(warnings) == 1 and "--date-order" in warnings[0]
