"""End-to-end: `dateline serve` answers the API and the web UI on loopback, and refuses a missing database."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

from typer.testing import CliRunner

from dateline.cli import app
from dateline.records import Analysis, Document, Sentence
from dateline.store import Store


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_cli_answers_on_loopback(tmp_path):
    db = str(tmp_path / "serve.duckdb")
    text = "Kenya and Ethiopia signed a border agreement in Nairobi on Monday."
    with Store.open(db) as store:
        store.write_analyses([Analysis(Document("d1", text, published="2024-03-04"), [Sentence("d1", 0, 0, len(text), text)])])
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents", timeout=5) as response:
                    body = json.loads(response.read())
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert "d1" in json.dumps(body)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=5) as response:
            assert json.loads(response.read())["paths"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert b"<html" in response.read().lower()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_cli_missing_db(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 3 and "no such database" in result.output
