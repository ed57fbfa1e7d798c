"""`dateline code`: standalone sentences in, events out, offsets relative to each sentence's text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from dateline.errors import UnreadableInput
from dateline.ingest.decode import decode_bytes
from dateline.nlp.pipeline import shared_nlp


@dataclass
class CodingReport:
    coded: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)


def _items(path: Path, report: CodingReport) -> Iterator[tuple[str, str, date | None]]:
    try:
        text = decode_bytes(path.read_bytes(), str(path))
    except OSError as exc:
        raise UnreadableInput(str(path), f"cannot read ({exc.strerror or exc})") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError("needs an object with 'text'")
            when = date.fromisoformat(str(record["date"])[:10]) if record.get("date") else None
        except ValueError as exc:
            report.failures.append(f"{where}: malformed record ({exc})")
            continue
        yield str(record.get("id", number)), record["text"], when


def code_items(nlp: Language, items: Iterator[tuple[str, str, date | None]]) -> Iterator[dict[str, Any]]:
    """Run the full pipeline on each (id, text, date) and yield {id, events} with contract-shaped events."""

    def docs():
        for item_id, text, when in items:
            doc = nlp.make_doc(text)
            doc._.doc_id = item_id
            doc._.published = when
            yield doc

    for doc in nlp.pipe(docs(), batch_size=256):
        yield {"id": doc._.doc_id, "events": [event.to_dict() for event in doc._.events or ()]}


def code_file(input_path: Path, output: Path, nlp: Language | None = None) -> CodingReport:
    report = CodingReport()
    nlp = nlp or shared_nlp()
    with open(output, "w", encoding="utf-8") as handle:
        for result in code_items(nlp, _items(input_path, report)):
            handle.write(json.dumps(result, ensure_ascii=False) + "\n")
            report.coded += 1
            report.events += len(result["events"])
    return report
