"""Plain text files: one article per file, metadata from a directory's manifest.jsonl."""

from __future__ import annotations

from pathlib import Path

from dateline.ingest.base import RawDocument
from dateline.ingest.decode import decode_bytes


def read_text_file(path: Path, data: bytes) -> RawDocument:
    return RawDocument(where=str(path), text=decode_bytes(data, str(path)), uri=str(path.resolve()))
