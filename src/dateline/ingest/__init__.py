"""Readers: any news input (text, JSONL/JSON, HTML, RSS/Atom, WARC, stdin) to RawDocuments.

`iter_inputs(paths)` yields a RawDocument per article or an UnreadableInput per failure, so one bad file never
stops a run. Readers are chosen by file name, then by sniffing the first bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
import logging
import re
import sys
from pathlib import Path

from dateline.errors import UnreadableInput
from dateline.ingest.base import DEFAULT_MAX_BYTES, RawDocument
from dateline.ingest.decode import decode_bytes, looks_binary
from dateline.ingest.feeds import read_feed
from dateline.ingest.html import parse_html
from dateline.ingest.jsonl import read_json_lines, read_json_text
from dateline.ingest.manifest import MANIFEST_NAME, apply_manifest, read_manifest
from dateline.ingest.text import read_text_file
from dateline.ingest.warc import read_warc

__all__ = ["RawDocument", "iter_inputs", "READERS", "detect_format"]

Item = RawDocument | UnreadableInput
log = logging.getLogger(__name__)


def _read_jsonl(path: Path, data: bytes) -> Iterator[Item]:
    yield from read_json_text(decode_bytes(data, str(path)), str(path))


def _read_html(path: Path, data: bytes) -> Iterator[Item]:
    raw = parse_html(decode_bytes(data, str(path)), str(path), uri=None)
    yield raw if raw.uri else raw.with_metadata(uri=str(path.resolve()))


def _read_feed(path: Path, data: bytes) -> Iterator[Item]:
    yield from read_feed(data, str(path))


def _read_text(path: Path, data: bytes) -> Iterator[Item]:
    yield read_text_file(path, data)


# Format name -> reader over (path, bytes). WARC streams from the file instead (archives are large).
READERS: dict[str, Callable[[Path, bytes], Iterator[Item]]] = {
    "text": _read_text,
    "jsonl": _read_jsonl,
    "html": _read_html,
    "feed": _read_feed,
}
_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".gz": "warc",
}  # fmt: skip


def detect_format(path: Path, head: bytes) -> str:
    """Choose a reader by suffix, then by the first bytes (for files named without a telling suffix)."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz", ".arc.gz")) or head.startswith(b"WARC/"):
        return "warc"
    suffix_format = _SUFFIXES.get(path.suffix.lower())
    if suffix_format and suffix_format != "warc":
        return suffix_format
    sniff = head.lstrip()[:512].lower()
    if sniff.startswith((b"{", b"[")):
        return "jsonl"
    if b"<rss" in sniff or b"<feed" in sniff or b"<rdf:rdf" in sniff:
        return "feed"
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<html" in sniff:
        return "html"
    return "text"


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    where = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise UnreadableInput(where, "empty file")
        with path.open("rb") as handle:
            head = handle.read(4096)
        fmt = detect_format(path, head)
        if fmt == "warc":
            yield from read_warc(path)
            return
        # A JSONL file holds many articles; the size limit is per article, so it applies to its records instead.
        if fmt != "jsonl" and size > max_bytes:
            raise UnreadableInput(where, f"too large for one article ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB; "
                                         "raise --max-bytes to read it)")
        data = path.read_bytes()
        if fmt != "text" and looks_binary(data):
            raise UnreadableInput(where, "binary data, not text")
        yield from READERS[fmt](path, data)
    except UnreadableInput as exc:
        yield exc
    except OSError as exc:
        yield UnreadableInput(where, f"cannot read ({exc.strerror or exc})")


# A corpus folder's own documentation is not news: README.md, LICENSE, NOTICE...
_NOT_ARTICLES = re.compile(r"^(readme|licen[cs]e|copying|notice|changelog)(\.\w+)?$|\.(md|rst|py|sh|csv|tsv)$", re.I)


def _walk(directory: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """Every readable file below a directory in a stable order, with its manifest entry if any."""
    manifest = read_manifest(directory)
    for child in sorted(directory.iterdir()):
        if child.name.startswith(".") or child.name == MANIFEST_NAME:
            continue
        if child.is_file() and child.name not in manifest and _NOT_ARTICLES.search(child.name):
            log.info("%s: skipped, not an article (documentation or code)", child)
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child, manifest.get(child.name, {})


def _with_size_limit(items: Iterator[Item], max_bytes: int) -> Iterator[Item]:
    for item in items:
        if isinstance(item, RawDocument) and len(item.text) > max_bytes:
            yield UnreadableInput(item.where, f"record too large ({len(item.text) / 1e6:.1f} MB of text)")
        else:
            yield item


def iter_inputs(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Yield every article found in the given paths (`-` reads JSONL from standard input)."""
    for given in paths:
        if str(given) == "-":
            yield from _with_size_limit(read_json_lines(sys.stdin, "<stdin>"), max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            for file, entry in _walk(path):
                for item in _with_size_limit(_read_file(file, max_bytes), max_bytes):
                    yield apply_manifest(item, entry) if isinstance(item, RawDocument) else item
        elif path.is_file():
            yield from _with_size_limit(_read_file(path, max_bytes), max_bytes)
        elif path.exists():
            yield UnreadableInput(str(path), "not a regular file or directory")
        else:
            yield UnreadableInput(str(path), "no such file or directory")
