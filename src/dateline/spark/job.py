"""`dateline spark`: the embedded pipeline over Spark partitions, writing the contract's tables as Parquet by day.

The job is the embedded path cut at its two natural seams:
1. read -> normalise -> drop repeated doc_ids (the first in input order wins, as in `dateline ingest`);
2. per partition: the spaCy pipeline with actors, events and quotes (`dateline.analysis.analyse`), loaded once per
   Python worker;
3. per time window of publication dates: the story stage (clustering, near-duplicates, cross-article event merge),
   replaying the window's articles in the order `dateline ingest` would see them;
4. Parquet under OUTPUT/<table>/day=YYYY-MM-DD/ for documents, events, quotes, stories, sentences, event_mentions.
`dateline import-parquet OUTPUT` (dateline.store.parquet_import) loads the result into an embedded store.

Stories never cross a window boundary: a window is a block processed on one executor. `window_days=0` makes the whole
input one block, which gives exactly the embedded result (at the cost of doing the story stage on one executor).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.settings import IngestOptions
from dateline.spark import blocks, rows
from dateline.spark.sources import Failed, is_uri, read_inputs

log = logging.getLogger(__name__)

DEFAULT_MASTER = "local[*]"
DEFAULT_WINDOW_DAYS = 7  # stories of a week of news are built together; longer windows mean bigger blocks
PARTITIONS_PER_CORE = 4  # small enough tasks that one slow partition does not hold the stage
MAX_REPORTED_FAILURES = 100


@dataclass(frozen=True)
class SparkOptions:
    """How the job is cut up; the NLP settings (stages, batch size, max bytes) come from IngestOptions."""

    partitions: int = 0  # NLP partitions; 0 means PARTITIONS_PER_CORE per core Spark has
    window_days: int = DEFAULT_WINDOW_DAYS
    app_name: str = "dateline"
    conf: dict[str, str] = field(default_factory=dict)  # extra Spark settings ("spark.executor.memory": "4g")

    def __post_init__(self) -> None:
        if self.partitions < 0 or self.window_days < 0:
            raise ValueError("partitions and window_days must be 0 or more")


@dataclass
class SparkReport:
    """What one job did: rows written per table, repeated and failed inputs, where the output is."""

    output_dir: str
    tables: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0  # records whose doc_id an earlier record already had
    failed: int = 0
    failures: list[str] = field(default_factory=list)  # the first MAX_REPORTED_FAILURES messages
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.tables.get("documents", 0)


def spark_session(master: str | None = DEFAULT_MASTER, options: SparkOptions | None = None) -> Any:
    """A SparkSession; `master=None` leaves the choice to spark-submit. Local masters run workers on this Python."""
    from pyspark.sql import SparkSession

    options = options or SparkOptions()
    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(options.app_name)
    if master:
        builder = builder.master(master)
    settings = {"spark.ui.showConsoleProgress": "false", "spark.python.worker.reuse": "true", **options.conf}
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run_spark(
    inputs: Sequence[str | Path],
    output_dir: str | Path,
    master: str | None = DEFAULT_MASTER,
    options: IngestOptions | None = None,
    spark_options: SparkOptions | None = None,
    session: Any = None,
) -> SparkReport:
    """Run the pipeline over `inputs` (JSONL, Parquet, WARC; local or Hadoop URIs) and write Parquet to `output_dir`.

    An existing `session` is used and left running; otherwise one is started on `master` and stopped at the end.
    Existing tables under `output_dir` are replaced.
    """
    options = options or IngestOptions()
    spark_options = spark_options or SparkOptions()
    started = time.perf_counter()
    own_session = session is None
    session = session or spark_session(master, spark_options)
    try:
        report = _run(session, [str(i) for i in inputs], _output(output_dir), options, spark_options)
    finally:
        if own_session:
            session.stop()
    report.seconds = time.perf_counter() - started
    return report


def _output(output_dir: str | Path) -> str:
    text = str(output_dir)
    return text if is_uri(text) else str(Path(text).resolve())


def _run(session: Any, inputs: list[str], output: str, options: IngestOptions, spark_options: SparkOptions) -> Any:
    from pyspark import StorageLevel

    partitions = spark_options.partitions or PARTITIONS_PER_CORE * session.sparkContext.defaultParallelism
    max_bytes, stages, batch_size = options.max_bytes, tuple(options.stages), options.batch_size
    window_days = spark_options.window_days

    items = read_inputs(session, inputs, partitions)
    normalised = items.mapValues(lambda item: blocks.normalise_item(item, max_bytes))
    normalised.persist(StorageLevel.MEMORY_AND_DISK)
    report = SparkReport(output_dir=output)
    try:
        read = normalised.map(lambda kv: isinstance(kv[1], Failed)).countByValue()
        report.failed = read.get(True, 0)
        if report.failed:
            failures = normalised.values().filter(lambda v: isinstance(v, Failed)).map(str)
            report.failures = failures.take(MAX_REPORTED_FAILURES)
        documents = normalised.filter(lambda kv: not isinstance(kv[1], Failed))
        unique = documents.map(lambda kv: (kv[1].doc_id, kv)).reduceByKey(_first_in_order, partitions).values()
        analysed = unique.mapPartitions(
            lambda part: blocks.analyse_partition(part, stages, batch_size, window_days)
        )
        block_count = max(1, min(partitions, session.sparkContext.defaultParallelism * 2))
        table_rows = analysed.groupByKey(block_count).flatMap(lambda block: blocks.link_block(block[1], stages, batch_size))
        table_rows.persist(StorageLevel.MEMORY_AND_DISK)
        report.tables = {table: 0 for table in rows.TABLES} | dict(table_rows.countByKey())
        report.unchanged = read.get(False, 0) - report.documents
        for table in rows.TABLES:
            _write_table(session, table_rows, table, output)
        table_rows.unpersist()
    finally:
        normalised.unpersist()
    log.info("spark: %s -> %s", report.tables, output)
    return report


def _first_in_order(a: tuple, b: tuple) -> tuple:
    """Of two records with one doc_id, the one `dateline ingest` would have read first."""
    return a if a[0] <= b[0] else b


def _write_table(session: Any, table_rows: Any, table: str, output: str) -> None:
    selected = table_rows.filter(lambda pair, name=table: pair[0] == name).values()
    frame = session.createDataFrame(selected, rows.spark_schema(table))
    path = f"{output.rstrip('/')}/{table}"
    frame.write.mode("overwrite").partitionBy(rows.PARTITION).parquet(path)


def main(argv: Iterable[str] | None = None) -> int:
    """Entry point for `spark-submit .../dateline/spark/job.py INPUT... --output DIR` (master from spark-submit)."""
    import argparse

    parser = argparse.ArgumentParser(prog="dateline.spark.job", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--output", required=True)
    parser.add_argument("--master", default=None, help="default: what spark-submit chose")
    parser.add_argument("--window-days", type=int, default=DEFAULT_WINDOW_DAYS)
    parser.add_argument("--partitions", type=int, default=0)
    parser.add_argument("--stages", default=None, help="comma-separated dateline stages (default: all)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    options = IngestOptions(stages=tuple(args.stages.split(","))) if args.stages else IngestOptions()
    report = run_spark(args.inputs, args.output, args.master, options,
                       SparkOptions(partitions=args.partitions, window_days=args.window_days))  # fmt: skip
    logging.getLogger(__name__).warning("dateline spark: %s", report)
    return 1 if report.failed else 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    sys.exit(main())
