"""Load test of the REST API: 50 concurrent clients for 30 seconds against the events and story endpoints.

Usage: .venv/bin/python bench/api_load.py [--db FILE] [--clients 50] [--seconds 30] [--stages a,b] [--limit N]
       [--rebuild] [--cache-entries N]

The store holds the ECB+ texts (../shared/bench/ecbplus, when present) and the bundled example; it is built once into
bench/out/api_load.duckdb (the full pipeline, stories included: ~6 minutes) and reused as it is afterwards. The
server runs as its own process (`dateline.api.app.serve`) on a free loopback port; clients only ever talk to
127.0.0.1 and stop by themselves. The 30 seconds include the cold start (empty response cache). Prints requests/s,
p50/p99 latency and the error count (must be 0).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

# Keep bench/ off sys.path so no script here can shadow a standard module; siblings load by path (_bench_module).
BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]

from dateline.demo import EXAMPLE_DIR
from dateline.nlp.pipeline import ALL_STAGES
from dateline.runner import ingest
from dateline.settings import IngestOptions

SHARED_ECB = Path(__file__).resolve().parents[2] / "shared" / "bench" / "ecbplus"
OUT = BENCH / "out"


def _bench_module(name: str) -> Any:
    """A sibling module of this script, loaded by path (bench/ is kept off sys.path, see above)."""
    spec = importlib.util.spec_from_file_location(f"dateline_bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def build_store(db: Path, stages: tuple[str, ...], limit: int | None) -> None:
    """Ingest the example and the ECB+ texts (as JSONL) into `db`; re-running adds nothing new."""
    paths: list[Path] = [Path(str(EXAMPLE_DIR))]
    if SHARED_ECB.is_dir():
        read_corpus = _bench_module("ecbplus_data").read_corpus

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


def start_server(db: Path, port: int, cache_entries: int | None = None) -> subprocess.Popen:
    options = "" if cache_entries is None else f", cache_entries={int(cache_entries)}"
    code = f"from dateline.api.app import serve; serve({str(db)!r}, host='127.0.0.1', port={port}{options})"
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


class LoopbackClient:
    """One keep-alive HTTP/1.1 connection speaking just enough HTTP for GETs to our server.

    The load generator must cost far less than the server it measures: httpx's AsyncClient spends more CPU per
    request than a cached answer does (50 pooled connections, ~90 KB bodies), which capped the figures at the
    client's speed. Plain asyncio streams read a Content-Length (or chunked) body with a handful of calls.
    """

    def __init__(self, host: str, port: int):
        self.host = host
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, url: str, timeout: float = 30.0) -> tuple[int, bytes]:
        return await asyncio.wait_for(self._get(url), timeout)

    async def _get(self, url: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port, limit=1 << 20)
        self.writer.write(f"GET {url} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        await self.writer.drain()
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            body = await self._chunked()
        else:
            raise ConnectionError("response without a length")
        if headers.get("connection") == "close":
            await self.close()
        return status, body

    async def _chunked(self) -> bytes:
        parts = []
        while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size + 2))
        await self.reader.readuntil(b"\r\n")
        return b"".join(part[:-2] for part in parts)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None


async def client_loop(client: LoopbackClient, urls: list[str], stop_at: float, latencies: list[float],
                      errors: list[str], rng: random.Random) -> None:
    while time.monotonic() < stop_at:
        url = rng.choice(urls)
        started = time.perf_counter()
        try:
            status, _ = await client.get(url)
            if status != 200:
                errors.append(f"{status} {url}")
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError,
                ValueError) as exc:
            errors.append(f"{type(exc).__name__} {url}")
            await client.close()
        latencies.append(time.perf_counter() - started)
    await client.close()


async def run_load(base: str, urls: list[str], clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    """`clients` connections, each asking for one random URL after another until `seconds` have passed."""
    latencies: list[float] = []
    errors: list[str] = []
    parsed = httpx.URL(base)
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(*(client_loop(LoopbackClient(parsed.host, parsed.port), urls, stop_at, latencies, errors,
                                       random.Random(i)) for i in range(clients)))
    return latencies, errors, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=OUT / "api_load.duckdb")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--stages", default=",".join(ALL_STAGES), help="NLP stages used to build the store")
    parser.add_argument("--limit", type=int, default=None, help="at most this many ECB+ articles")
    parser.add_argument("--rebuild", action="store_true", help="ingest again into an existing store (adds only "
                        "what is new); by default an existing store is reused as it is")
    parser.add_argument("--cache-entries", type=int, default=None,
                        help="server's response cache size (0: off, to measure the queries themselves)")
    args = parser.parse_args()
    args.seconds = min(args.seconds, 300.0)  # bounded, whatever is asked
    args.db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or not args.db.exists():
        build_store(args.db, tuple(s for s in args.stages.split(",") if s), args.limit)
    else:
        print(f"reusing store {args.db} (--rebuild to ingest again)", file=sys.stderr)
    port = free_port()
    server = start_server(args.db, port, args.cache_entries)
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
