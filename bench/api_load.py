"""Load test of the REST API: 50 concurrent clients for 30 seconds against the events and story endpoints.

Usage: .venv/bin/python bench/api_load.py [--db FILE] [--clients 50] [--seconds 30] [--stages a,b] [--limit N]

The store holds the ECB+ texts (../shared/bench/ecbplus, when present) and the bundled example; it is built once into
bench/out/api_load.duckdb and reused. The server runs as its own process (`dateline.api.app.serve`) on a free
loopback port; clients only ever talk to 127.0.0.1 and stop by themselves. Prints requests/s, p50/p99 latency and
the error count (must be 0).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dateline.demo import EXAMPLE_DIR  # noqa: E402
from dateline.nlp.pipeline import ALL_STAGES  # noqa: E402
from dateline.runner import ingest  # noqa: E402
from dateline.settings import IngestOptions  # noqa: E402

SHARED_ECB = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ecbplus"
OUT = Path(__file__).resolve().parent / "out"


def build_store(db: Path, stages: tuple[str, ...], limit: int | None) -> None:
    """Ingest the example and the ECB+ texts (as JSONL) into `db`; re-running adds nothing new."""
    paths: list[Path] = [Path(str(EXAMPLE_DIR))]
    if SHARED_ECB.is_dir():
        from ecbplus_data import read_corpus  # bench/ecbplus_data.py

        corpus = Path(tempfile.mkdtemp(prefix="dateline-ecb-")) / "ecbplus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            for count, gold in enumerate(read_corpus(SHARED_ECB)):
                if limit and count >= limit:
                    break
                text = "".join(w + (" " if s else "") for w, s in zip(gold.words, gold.spaces))
                handle.write(json.dumps({"id": gold.name, "text": text, "source": "ECB+"}) + "\n")
        paths.append(corpus)
    else:
        print("ECB+ not found at ../shared/bench/ecbplus: the store holds the example only", file=sys.stderr)
    report = ingest(paths, IngestOptions(db=str(db), stages=stages))
    print(f"store {db}: {report.new} new, {report.unchanged} unchanged, {report.failed} failed", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    code = f"from dateline.api.app import serve; serve({str(db)!r}, host='127.0.0.1', port={port})"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/overview", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not start")


def targets(base: str) -> list[str]:
    """URLs the clients pick from: event lists with and without filters, next pages, stories and one story each."""
    with httpx.Client(base_url=base, timeout=30) as client:
        stories = client.get("/api/stories", params={"limit": 1000}).json()["items"]
        first = client.get("/api/events", params={"limit": 50}).json()
    urls = ["/api/events?limit=50", "/api/events?limit=20&quad_class=1", "/api/events?limit=20&min_sources=2",
            "/api/events?limit=20&since=2010-01-01&until=2030-12-31", "/api/events?actor=USA&limit=20",
            "/api/stories?limit=50"]
    if first["next_cursor"]:
        urls.append(f"/api/events?limit=50&cursor={first['next_cursor']}")
    urls += [f"/api/stories/{s['story_id']}" for s in stories[:40]]
    return urls


async def client_loop(client: httpx.AsyncClient, urls: list[str], stop_at: float, latencies: list[float],
                      errors: list[str], rng: random.Random) -> None:
    while time.monotonic() < stop_at:
        url = rng.choice(urls)
        started = time.perf_counter()
        try:
            response = await client.get(url)
            if response.status_code != 200:
                errors.append(f"{response.status_code} {url}")
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__} {url}")
        latencies.append(time.perf_counter() - started)


async def run_load(base: str, urls: list[str], clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        started = time.monotonic()
        stop_at = started + seconds
        await asyncio.gather(*(client_loop(client, urls, stop_at, latencies, errors, random.Random(i))
                               for i in range(clients)))
        elapsed = time.monotonic() - started
    return latencies, errors, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=OUT / "api_load.duckdb")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--stages", default=",".join(ALL_STAGES), help="NLP stages used to build the store")
    parser.add_argument("--limit", type=int, default=None, help="at most this many ECB+ articles")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 300.0)  # bounded, whatever is asked
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build_store(args.db, tuple(s for s in args.stages.split(",") if s), args.limit)
    port = free_port()
    server = start_server(args.db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        urls = targets(base)
        latencies, errors, elapsed = asyncio.run(run_load(base, urls, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=20)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
    print(f"clients={args.clients} seconds={elapsed:.1f} urls={len(urls)} requests={len(latencies)}")
    print(f"requests/s={len(latencies) / elapsed:.1f} p50_ms={statistics.median(latencies) * 1000:.1f} "
          f"p99_ms={p99 * 1000:.1f} errors={len(errors)}")
    for error in sorted(set(errors))[:10]:
        print(f"  error: {error}")


if __name__ == "__main__":
    main()
