"""The `dateline` command: a thin layer over the Python API (dateline.runner, dateline.store).

Exit codes: 0 success; 1 some input failed (everything valid was stored); 2 usage error; 3 store or model problem;
70 internal error (a bug: please report it with `--debug` output).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from dateline import demo as demo_module
from dateline.errors import EXIT_INPUT_FAILED, EXIT_OK, EXIT_USAGE, DatelineError, ModelMissing
from dateline.settings import DEFAULTS, IngestOptions

EXIT_INTERNAL = 70

app = typer.Typer(
    help="dateline: news articles in, a verifiable database of events, quotes and stories out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # one message, one line: never folded
# Tables read badly folded to 80 columns: when output is not a terminal (CI logs, files), lay them out wider.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 180)

DbOption = Annotated[str, typer.Option("--db", help="DuckDB file (created if missing).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]


@contextmanager
def _errors_to_exit() -> Iterator[None]:
    """Named failures become one line on stderr and their exit code; never a traceback."""
    try:
        yield
    except DatelineError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(exc.exit_code) from None
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None


def _options(db: str, batch_size: int, workers: int, max_bytes: int, stages: str, date_order: bool = False
             ) -> IngestOptions:
    with _errors_to_exit():
        return IngestOptions(
            db=db,
            batch_size=batch_size,
            workers=workers,
            max_bytes=max_bytes,
            stages=tuple(s.strip() for s in stages.split(",") if s.strip()),
            date_order=date_order,
        )


def _count_inputs(paths: list[str]) -> int | None:
    """How many articles to expect, cheaply: one per file, one per line of JSONL; None when unknowable (stdin)."""
    total = 0
    for given in paths:
        if given == "-":
            return None
        path = Path(given)
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() in {".jsonl", ".ndjson"} and file.is_file():
                with file.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            else:
                total += 1
    return total


def run_ingest(paths: list[str], options: IngestOptions, quiet: bool) -> int:
    from dateline.runner import ingest

    progress = Progress(
        SpinnerColumn(),
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=True,
    )
    with _errors_to_exit(), progress:
        task = progress.add_task("ingest", total=_count_inputs(paths))
        report = ingest(paths, options, progress=lambda n: progress.advance(task, n))
    for failure in report.failures:
        err.print(f"[red]failed:[/red] {failure}", soft_wrap=True)
    if not quiet:
        err.print(
            f"{report.new} new, {report.unchanged} unchanged, {report.failed} failed -> {options.db}", soft_wrap=True
        )
    return EXIT_INPUT_FAILED if report.failed else EXIT_OK


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for JSONL on stdin.")],
    db: DbOption = DEFAULTS["db"],
    workers: Annotated[int, typer.Option(help="Analysis processes (0: one per core; 1: none).")] = DEFAULTS["workers"],
    batch_size: Annotated[int, typer.Option(help="Articles per batch and per transaction.")] = DEFAULTS["batch_size"],
    max_bytes: Annotated[int, typer.Option(help="Largest article accepted, in bytes.")] = DEFAULTS["max_bytes"],
    stages: Annotated[str, typer.Option(help="NLP stages to run, comma-separated.")] = DEFAULTS["stages"],
    date_order: Annotated[bool, typer.Option("--date-order", help="Sort by publication date before linking stories "
                                             "(for archives read out of date order).")] = DEFAULTS["date_order"],
    quiet: QuietOption = False,
) -> None:
    """Read news (text, JSONL/JSON, HTML, RSS/Atom, WARC) into the store.

    Re-ingesting the same articles changes nothing. A directory may hold a manifest.jsonl with per-file metadata
    (file, published, source, title, url, license). Stories follow the news as it happens: feed an archive in date
    order, or pass --date-order to have it sorted first.

    Example: dateline ingest articles/ feed.xml crawl.warc.gz --db news.duckdb
    """
    raise typer.Exit(run_ingest(paths, _options(db, batch_size, workers, max_bytes, stages, date_order), quiet))


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="documents, events, quotes or stories.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    db: DbOption = DEFAULTS["db"],
    text: Annotated[bool, typer.Option("--text", help="Include article text (documents only).")] = False,
    profile: Annotated[str, typer.Option(help="contract, or gdelt: GDELT 2.0 Events columns (events only).")] = (
        "contract"
    ),
) -> None:
    """Write one table of the data contract (see docs/data-contract.md).

    `--profile gdelt` writes events as the 61 tab-separated GDELT 2.0 Events columns (docs/gdelt-profile.md).

    Example: dateline export events --format parquet --output events.parquet
    """
    from dateline.store import Store
    from dateline.store.export import CONTRACT, FORMATS
    from dateline.store.export import export as export_table

    if table not in CONTRACT:
        err.print(f"[red]error:[/red] unknown table {table!r}; choose from {', '.join(CONTRACT)}")
        raise typer.Exit(EXIT_USAGE)
    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        raise typer.Exit(EXIT_USAGE)
    if profile not in {"contract", "gdelt"} or (profile == "gdelt" and table != "events"):
        err.print("[red]error:[/red] --profile is contract, or gdelt for events")
        raise typer.Exit(EXIT_USAGE)
    with _errors_to_exit(), Store.open(db, read_only=True) as store:
        if profile == "gdelt":
            count = _export_gdelt(store, output)
        else:
            count = export_table(store, table, fmt, output, with_text=text)
    if output is not None:
        err.print(f"{count} {table} -> {output}")


def _export_gdelt(store, output: Path | None) -> int:
    from dateline.store.gdelt import write_gdelt

    if output is None:
        return write_gdelt(store, sys.stdout)
    with open(output, "w", encoding="utf-8") as handle:
        return write_gdelt(store, handle)


@app.command()
def code(
    input_path: Annotated[Path, typer.Argument(metavar="IN.jsonl", help='Lines of {"id", "text", "date"}.')],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL to write: {id, events} per line.")],
    quiet: QuietOption = False,
) -> None:
    """Code standalone sentences into events (offsets relative to each text).

    Example: dateline code sentences.jsonl --output coded.jsonl
    """
    from dateline.coding import code_file

    with _errors_to_exit():
        report = code_file(input_path, output)
    for failure in report.failures:
        err.print(f"[red]failed:[/red] {failure}", soft_wrap=True)
    if not quiet:
        err.print(f"{report.coded} coded, {report.events} events, {len(report.failures)} failed -> {output}")
    raise typer.Exit(EXIT_INPUT_FAILED if report.failures else EXIT_OK)


@app.command()
def demo(db: DbOption = DEFAULTS["db"], quiet: QuietOption = False) -> None:
    """Ingest the bundled example (two Mehr News articles, CC BY 4.0) and print what dateline found.

    Example: dateline demo --db demo.duckdb
    """
    status = run_ingest([str(demo_module.EXAMPLE_DIR)], IngestOptions(db=db), quiet)
    with _errors_to_exit():
        demo_module.print_report(db, out)
    raise typer.Exit(status)


@app.command()
def serve(
    db: DbOption = DEFAULTS["db"],
    host: Annotated[str, typer.Option(help="Address to bind; the default serves this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token: Annotated[
        str | None, typer.Option(envvar="DATELINE_TOKEN", help="Enable POST /api/ingest for this bearer token.")
    ] = None,
) -> None:
    """Serve the REST API (OpenAPI at /openapi.json, docs at /docs) and the web UI at http://HOST:PORT/.

    Read-only unless started with a token; ingestion over HTTP then needs `Authorization: Bearer TOKEN`.

    Example: dateline serve --db news.duckdb --port 8000
    """
    from dateline.api.app import serve as run_server
    from dateline.store import Store

    with _errors_to_exit():
        Store.open(db, read_only=True).close()  # fail fast, in one line, on a missing or foreign database
    err.print(f"serving {db} on http://{host}:{port}/ (API docs at /docs); Ctrl+C stops")
    run_server(db, host=host, port=port, token=token)


@app.command()
def spark(
    inputs: Annotated[list[str], typer.Argument(help="JSONL, Parquet or WARC files or folders (local or Hadoop URIs)")],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder for the Parquet tables (partitioned by day).")],
    master: Annotated[str, typer.Option(help="Spark master: local[*], local[2], spark://host:7077, yarn...")] = (
        "local[*]"
    ),
    window_days: Annotated[int, typer.Option(help="Days per story block (0: the whole input in one block).")] = 7,
    partitions: Annotated[int, typer.Option(help="NLP partitions (0: a few per core).")] = 0,
    stages: Annotated[str, typer.Option(help="NLP stages to run, comma-separated.")] = DEFAULTS["stages"],
    quiet: QuietOption = False,
) -> None:
    """Run the pipeline on Apache Spark and write the contract's tables as Parquet (needs the `spark` extra).

    Load the output into a store with `dateline import-parquet`. See docs/spark.md for running on a cluster.

    Example: dateline spark news/*.jsonl --output out/ --master local[2]
    """
    with _errors_to_exit():
        try:
            from dateline.spark.job import SparkOptions, run_spark
        except ImportError as exc:
            raise ModelMissing(f"PySpark is not installed ({exc.name}); pip install 'dateline[spark]'") from exc
        options = _options(DEFAULTS["db"], DEFAULTS["batch_size"], DEFAULTS["workers"], DEFAULTS["max_bytes"], stages)
        report = run_spark(inputs, output, master=master, options=options,
                           spark_options=SparkOptions(partitions=partitions, window_days=window_days))
    for failure in report.failures:
        err.print(f"[red]failed:[/red] {failure}")
    if not quiet:
        tables = ", ".join(f"{n} {t}" for t, n in report.tables.items())
        summary = f"{report.unchanged} repeated, {report.failed} failed in {report.seconds:.0f} s"
        err.print(f"{tables}; {summary} -> {output}")
    raise typer.Exit(EXIT_INPUT_FAILED if report.failed else EXIT_OK)


@app.command("import-parquet")
def import_parquet(
    directory: Annotated[str, typer.Argument(help="A `dateline spark` output folder.")],
    db: DbOption = DEFAULTS["db"],
    quiet: QuietOption = False,
) -> None:
    """Load the Parquet tables written by `dateline spark` into the store (idempotent).

    Example: dateline import-parquet out/ --db news.duckdb
    """
    from dateline.store.parquet_import import import_parquet as load

    with _errors_to_exit():
        report = load(directory, db=db)
    if not quiet:
        added = ", ".join(f"{n} {t}" for t, n in report.added.items())
        err.print(f"added {added} -> {db}")


def main() -> None:
    """Entry point: run the app; an unexpected exception is one line and exit 70 (traceback with --debug)."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    logging.basicConfig(level=logging.INFO if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback reaches the user
        if debug:
            raise
        err.print(f"[red]internal error:[/red] {type(exc).__name__}: {exc} (rerun with --debug for details)")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
