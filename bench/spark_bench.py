"""Spark local[N] against the embedded path on the same JSONL input: articles/s of both, their ratio, peak RSS.

Usage: .venv/bin/python bench/spark_bench.py [--articles 5000] [--cores 2] [--stages a,b] [--window-days 7]
       .venv/bin/python bench/spark_bench.py --stream 50000 [--per-day 20] [--cores 2]   # embedded only: bounded?

Corpus: ECB+ texts (../shared/bench/ecbplus) when present, else the bundled example, repeated with a copy number so
every article is new, and dated over 60 days (several story windows). Issue 7's target: Spark local[2] within 0.7x of
`dateline ingest --workers 2` (Spark exists to add machines, not to win on one). Peak memory is the whole process tree
(driver, JVM, Python workers), sampled every 0.2 s with psutil: RSS summed, and PSS summed (shared pages counted once).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import SHARED_ECB, ecb_records, example_records  # noqa: E402  (bench/throughput.py)

from dateline.nlp.pipeline import ALL_STAGES, shared_nlp  # noqa: E402
from dateline.runner import ingest  # noqa: E402
from dateline.settings import IngestOptions  # noqa: E402


class PeakRss:
    """Samples the memory of this process and all its descendants; `peak_mb`, `peak_pss_mb`, `largest_mb` after.

    RSS summed over processes counts the pages forked workers share with their parent once per process; PSS
    (proportional set size, Linux) divides shared pages among their sharers, so its sum is the memory the run really
    holds. `largest_mb` is the peak RSS of the largest single process, what `/usr/bin/time -v` reports.
    """

    def __init__(self, interval: float = 0.2):
        self.interval, self.peak, self.peak_pss, self.largest = interval, 0, 0, 0
        self._stop = threading.Event()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = total_pss = 0
            for process in [me, *me.children(recursive=True)]:
                try:
                    info = process.memory_full_info()
                    total += info.rss
                    total_pss += getattr(info, "pss", info.rss)
                    self.largest = max(self.largest, info.rss)
                except psutil.Error:
                    pass
            self.peak, self.peak_pss = max(self.peak, total), max(self.peak_pss, total_pss)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20

    @property
    def peak_pss_mb(self) -> float:
        return self.peak_pss / 2**20

    @property
    def largest_mb(self) -> float:
        return self.largest / 2**20


def write_corpus(path: Path, size: int, per_day: int = 0) -> int:
    """`size` distinct articles, streamed to JSONL (never all in memory); returns the word count.

    Without `per_day` the articles are spread over 60 days (one story window, for the Spark comparison). With it, time
    moves forward as in a live feed, `per_day` articles a day, so each copy of the base corpus is news of a later
    period (a copy published beyond the story window is a new article, as in the real stream).
    """
    base = ecb_records(SHARED_ECB, None) if SHARED_ECB.is_dir() else example_records(1)
    words = 0
    with path.open("w") as handle:
        for i in range(size):
            record = base[i % len(base)]
            text = f"{record['text']}\n\n(Copy {i // len(base)}.)"
            words += len(text.split())
            if per_day:
                published = (date(2020, 1, 1) + timedelta(days=i // per_day)).isoformat()
            else:
                day = 1 + (i * 7919) % 60
                published = f"2023-{3 + (day - 1) // 30:02d}-{1 + (day - 1) % 30:02d}"
            handle.write(json.dumps({"id": f"{record['id']}-{i}", "text": text, "published": published}) + "\n")
    return words


def run_embedded(corpus: Path, tmp: Path, cores: int, stages: tuple[str, ...], size: int,
                 timeline: bool = False) -> tuple[float, PeakRss, int]:
    """Ingest the corpus; with `timeline`, print the process tree's peak RSS so far at every tenth of the input (a
    bounded run levels off after the first tenths; a leak keeps climbing)."""
    options = IngestOptions(db=str(tmp / "embedded.duckdb"), workers=cores, stages=stages)
    shared_nlp(stages)  # model load outside the timing, as bench/throughput.py does
    done, marks = [0], iter(range(size // 10, size + 1, max(1, size // 10)))
    mark = [next(marks, None)]

    def progress(count: int) -> None:
        done[0] += count
        while timeline and mark[0] is not None and done[0] >= mark[0]:
            print(f"  {done[0]:>7} articles: peak so far RSS {rss.peak_mb:.0f} MB, PSS {rss.peak_pss_mb:.0f} MB, "
                  f"largest process {rss.largest_mb:.0f} MB, "
                  f"{done[0] / (time.perf_counter() - start):.2f} articles/s", flush=True)
            mark[0] = next(marks, None)

    with PeakRss() as rss:
        start = time.perf_counter()
        report = ingest([corpus], options, progress=progress)
        seconds = time.perf_counter() - start
    return seconds, rss, report.new


def run_on_spark(corpus: Path, tmp: Path, cores: int, stages: tuple[str, ...], window: int) -> tuple[float, float, int]:
    from dateline.spark.job import SparkOptions, run_spark, spark_session

    session = spark_session(f"local[{cores}]")
    session.sparkContext.setLogLevel("ERROR")
    warm = tmp / "warm.jsonl"
    warm.write_text(corpus.open().readline())
    options = IngestOptions(stages=stages)
    run_spark([warm], tmp / "warm-out", options=options, session=session)  # JVM and worker model loads, untimed
    with PeakRss() as rss:
        start = time.perf_counter()
        report = run_spark([corpus], tmp / "spark-out", options=options, session=session,
                           spark_options=SparkOptions(window_days=window))  # fmt: skip
        seconds = time.perf_counter() - start
    session.stop()
    return seconds, rss.peak_mb, report.documents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--cores", type=int, default=2, help="Spark local[N] and embedded --workers N")
    parser.add_argument("--stages", default=",".join(ALL_STAGES))
    parser.add_argument("--window-days", type=int, default=7)
    parser.add_argument("--stream", type=int, default=0, help="embedded only, on this many articles: peak RSS")
    parser.add_argument("--per-day", type=int, default=20,
                        help="with --stream: articles a day, dates moving forward (the story window holds 60 days)")
    args = parser.parse_args()
    stages = tuple(s for s in args.stages.split(",") if s)
    size = args.stream or args.articles
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        words = write_corpus(corpus, size, args.per_day if args.stream else 0)
        source = f"ECB+ texts from {SHARED_ECB}" if SHARED_ECB.is_dir() else "the bundled example (ECB+ not found)"
        print(f"corpus: {size} articles from {source}, {words} words, {corpus.stat().st_size / 2**20:.0f} MB; "
              f"{args.cores} cores" + (f", {args.per_day} articles a day" if args.stream else ""))
        seconds, peak, new = run_embedded(corpus, tmp, args.cores, stages, size, timeline=bool(args.stream))
        embedded_rate = new / seconds
        print(f"embedded : {embedded_rate:8.2f} articles/s ({new} in {seconds:.1f} s), "
              f"peak RSS {peak.peak_mb:.0f} MB, PSS {peak.peak_pss_mb:.0f} MB, largest process {peak.largest_mb:.0f} MB")
        if args.stream:
            return 0
        seconds, peak, written = run_on_spark(corpus, tmp, args.cores, stages, args.window_days)
        spark_rate = written / seconds
        print(f"spark    : {spark_rate:8.2f} articles/s ({written} in {seconds:.1f} s), peak RSS {peak:.0f} MB")
        print(f"ratio spark / embedded: {spark_rate / embedded_rate:.3f} (target >= 0.7)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
