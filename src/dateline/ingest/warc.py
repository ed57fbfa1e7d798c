"""WARC and WARC.GZ web archives: every HTML response record becomes an article."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dateline.errors import UnreadableInput
from dateline.ingest.base import RawDocument
from dateline.ingest.decode import decode_bytes
from dateline.ingest.html import parse_html


def read_warc(path: Path) -> Iterator[RawDocument | UnreadableInput]:
    found = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{path}@{uri}"
                found += 1
                try:
                    raw = parse_html(decode_bytes(record.content_stream().read(), where), where, uri=uri)
                except UnreadableInput as exc:
                    yield exc
                    continue
                warc_date = record.rec_headers.get_header("WARC-Date")
                yield raw if raw.published else raw.with_metadata(published=warc_date, published_source="warc")
    except ArchiveLoadFailed as exc:
        yield UnreadableInput(str(path), f"not a readable WARC file ({exc.msg})")
        return
    if not found:
        yield UnreadableInput(str(path), "WARC file holds no HTML responses")
