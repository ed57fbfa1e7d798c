"""JSON Lines (and JSON arrays): `{id?, url?, title?, published?, source?, language?, license?, text | html}` per record.

A broken line is one failed record, not a failed file: the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from dateline.errors import UnreadableInput
from dateline.ingest.base import RawDocument
from dateline.ingest.html import parse_html

_FIELDS = ("title", "source", "published", "language", "license", "author")


def record_to_raw(record: object, where: str) -> RawDocument:
    if not isinstance(record, dict):
        raise UnreadableInput(where, "a record must be a JSON object")
    external_id = record.get("id")
    external_id = None if external_id is None else str(external_id)
    uri = record.get("url") or record.get("uri")
    text, html = record.get("text"), record.get("html")
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        raw = parse_html(html, where, uri=uri)
    elif isinstance(text, str) and text.strip():
        raw = RawDocument(where=where, text=text, uri=uri)
    else:
        raise UnreadableInput(where, "record has no 'text' or 'html'")
    metadata = {k: str(record[k]) for k in _FIELDS if record.get(k) not in (None, "")}
    if "published" in metadata:
        raw = _override(raw, published=metadata.pop("published"), published_source="input")
    return _override(raw, external_id=external_id, uri=uri or raw.uri, **metadata)


def _override(raw: RawDocument, **fields: str | None) -> RawDocument:
    from dataclasses import replace

    return replace(raw, **{k: v for k, v in fields.items() if v is not None})


def read_json_lines(lines: Iterable[str], name: str) -> Iterator[RawDocument | UnreadableInput]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            yield record_to_raw(json.loads(line), where)
        except json.JSONDecodeError as exc:
            yield UnreadableInput(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
        except UnreadableInput as exc:
            yield exc


def read_json_text(text: str, name: str) -> Iterator[RawDocument | UnreadableInput]:
    """A .json file: one object, an array of objects, or (often mislabelled) JSON Lines."""
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            yield UnreadableInput(name, f"malformed JSON ({exc.msg} at line {exc.lineno})")
            return
        for number, record in enumerate(records, start=1):
            try:
                yield record_to_raw(record, f"{name}[{number}]")
            except UnreadableInput as exc:
                yield exc
        return
    yield from read_json_lines(text.splitlines(), name)
