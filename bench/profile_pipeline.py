"""Where a single-machine ingest spends its time: per stage, per spaCy component, and the top functions (pyinstrument).

Usage: .venv/bin/python bench/profile_pipeline.py [--limit 300] [--corpus FILE.jsonl] [--top 25] [--html OUT.html]

Corpus as bench/throughput.py: ECB+ from ../shared/bench when present, else the bundled example repeated. Three
measurements over the same texts, one process (workers 1, so the profiler sees everything):
1. stage times of the embedded path: read+normalise, tokenise, each pipeline component run alone over all docs
   (`component.pipe`), `to_analysis`, the store write;
2. a pyinstrument profile of `dateline.runner.ingest`, summarised as self time per function and total per package;
3. peak RSS. Needs `pip install pyinstrument==5.1.3` (a bench dependency, not a runtime one).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# This file is named like the standard library's `profile`, which spaCy imports (through cProfile): take bench/ off
# the path until the real one is loaded, then put it back for bench/throughput.py.
_BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _BENCH]
import cProfile  # noqa: E402, F401  (loads the real `profile` first)

sys.path.insert(0, str(_BENCH))
from throughput import SHARED_ECB, ecb_records, example_records  # noqa: E402  (bench/throughput.py)

from dateline.ingest import iter_inputs  # noqa: E402
from dateline.ingest.normalise import normalise  # noqa: E402
from dateline.nlp.pipeline import shared_nlp  # noqa: E402
from dateline.analysis import make_docs, to_analysis  # noqa: E402
from dateline.runner import ingest  # noqa: E402
from dateline.settings import IngestOptions  # noqa: E402
from dateline.store import Store  # noqa: E402


def load_records(args: argparse.Namespace) -> tuple[list[dict], str]:
    if args.corpus:
        lines = [json.loads(line) for line in args.corpus.open() if line.strip()]
        return lines[: args.limit], str(args.corpus)
    if SHARED_ECB.is_dir():
        return ecb_records(SHARED_ECB, args.limit), "ECB+"
    return example_records(max(1, args.limit // 2)), "bundled example, repeated"


def stage_times(corpus: Path, tmp: Path) -> dict[str, float]:
    """Seconds per stage of the embedded path, each run alone over the whole corpus."""
    nlp = shared_nlp(IngestOptions().stages)
    times: dict[str, float] = {}
    start = time.perf_counter()
    documents = [normalise(raw) for raw in iter_inputs([corpus])]
    times["read + normalise"] = time.perf_counter() - start
    start = time.perf_counter()
    docs = make_docs(nlp, documents)
    times["tokenise (make_doc)"] = time.perf_counter() - start
    for name, component in nlp.pipeline:
        start = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=64)) if hasattr(component, "pipe") else [component(d) for d in docs]
        times[f"component {name}"] = time.perf_counter() - start
    start = time.perf_counter()
    analyses = [to_analysis(document, doc) for document, doc in zip(documents, docs)]
    times["to_analysis"] = time.perf_counter() - start
    start = time.perf_counter()
    with Store.open(tmp / "stages.duckdb") as store:
        store.write_analyses(analyses)
    times["store write"] = time.perf_counter() - start
    return times


def summarise(session, top: int) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """(self seconds, function) for the hottest functions, and (seconds, package) of self time per package."""
    by_function: dict[str, float] = defaultdict(float)
    by_package: dict[str, float] = defaultdict(float)
    stack = [session.root_frame()]
    while stack:
        frame = stack.pop()
        stack.extend(frame.children)
        if not frame.total_self_time:
            continue
        path = frame.file_path_short or frame.file_path or "?"
        by_function[f"{frame.function} ({path}:{frame.line_no})"] += frame.total_self_time
        by_package[_package(frame.file_path or "")] += frame.total_self_time
    hottest = sorted(((t, f) for f, t in by_function.items()), reverse=True)[:top]
    return hottest, sorted(((t, p) for p, t in by_package.items()), reverse=True)[:top]


def _package(path: str) -> str:
    if "/dateline/" in path:
        return "dateline." + path.split("/dateline/", 1)[1].split("/")[0].removesuffix(".py")
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/")[0]
    return "python" if path else "native/other"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="JSONL with {id, text, ...}")
    parser.add_argument("--limit", type=int, default=300, help="articles to profile")
    parser.add_argument("--top", type=int, default=25, help="hot spots to print")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML report here")
    args = parser.parse_args()
    from pyinstrument import Profiler

    records, name = load_records(args)
    words = sum(len(r["text"].split()) for r in records)
    print(f"corpus: {name}: {len(records)} articles, {words} words")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        corpus.write_text("".join(json.dumps(r) + "\n" for r in records))
        times = stage_times(corpus, tmp)
        total = sum(times.values())
        print(f"\nstage times, each stage alone over all {len(records)} articles ({total:.1f} s):")
        for stage, seconds in times.items():
            share, per_article = 100 * seconds / total, 1000 * seconds / len(records)
            print(f"  {stage:32s} {seconds:7.2f} s  {share:5.1f}%  {per_article:7.1f} ms/article")

        profiler = Profiler(interval=0.002)
        profiler.start()
        ingest([corpus], IngestOptions(db=str(tmp / "profile.duckdb"), workers=1))
        profiler.stop()
    session = profiler.last_session
    hottest, packages = summarise(session, args.top)
    print(f"\nprofile of dateline.runner.ingest: {session.duration:.1f} s")
    print("self time by package:")
    for seconds, package in packages:
        print(f"  {seconds:7.2f} s  {100 * seconds / session.duration:5.1f}%  {package}")
    print(f"top {args.top} functions by self time:")
    for seconds, function in hottest:
        print(f"  {seconds:7.2f} s  {100 * seconds / session.duration:5.1f}%  {function}")
    if args.html:
        args.html.write_text(profiler.output_html())
    print(f"\npeak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
