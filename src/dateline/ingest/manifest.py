"""A directory's `manifest.jsonl`: per-file metadata (`file`, `published`, `source`, `title`, `url`, `license`, ...)."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

from dateline.ingest.base import RawDocument

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.jsonl"
_KEYS = {"published", "source", "title", "url", "license", "language", "author", "id"}


def read_manifest(directory: Path) -> dict[str, dict[str, str]]:
    """Map each listed file name (relative to the directory) to its metadata; malformed lines are logged and skipped."""
    path = directory / MANIFEST_NAME
    if not path.is_file():
        return {}
    entries: dict[str, dict[str, str]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            name = record["file"]
        except (ValueError, KeyError, TypeError):
            log.warning("%s:%d: skipped manifest line without a JSON object holding 'file'", path, number)
            continue
        entries[str(name)] = {k: str(v) for k, v in record.items() if k in _KEYS and v not in (None, "")}
    return entries


def apply_manifest(raw: RawDocument, entry: dict[str, str]) -> RawDocument:
    """The manifest is the user's own statement about a file, so what it sets wins over what the reader found."""
    fields = {k: v for k, v in manifest_fields(entry).items() if v}
    return replace(raw, **fields) if fields else raw


def manifest_fields(entry: dict[str, str]) -> dict[str, str | None]:
    """Manifest keys as RawDocument fields."""
    fields: dict[str, str | None] = {k: entry.get(k) for k in ("source", "title", "license", "language", "author")}
    fields["uri"] = entry.get("url")
    fields["external_id"] = entry.get("id")
    if entry.get("published"):
        fields["published"] = entry["published"]
        fields["published_source"] = "manifest"
    return fields
