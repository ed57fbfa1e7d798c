"""RawDocument to Document: faithful text (NFC, tidy whitespace, paragraphs kept), dateline, licence, language, id.

Every character offset dateline stores points into the text this module returns, so it runs exactly once per article
and its output is what the store keeps.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime

import py3langid
from dateutil import parser as date_parser

from dateline.errors import UnreadableInput
from dateline.ingest.base import RawDocument
from dateline.records import Document

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_BLANK_LINES = re.compile(r"\n{3,}")
# "TEHRAN- ", "TEHRAN – ", "GAZA CITY, April 5 (AP) — ", "BEIRUT, Lebanon (Reuters) - ": an upper-case place,
# optional qualifier and agency, then a dash or colon.
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})"
    r"(?:,\s*(?P<qualifier>[A-Z][A-Za-z.]+(?: [A-Za-z0-9.]+){0,3}))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&-]{2,30})\))?"
    r"\s*[-–—:]+\s*(?=\S)"
)
_LICENCE = re.compile(
    r"\s*All (?:Content|content|material) (?:by|from) (?P<owner>[^\n]{2,80}?) (?:is|are) licensed under an? "
    r"(?P<licence>Creative Commons [^\n]{3,80}?(?:License|Licence))\.?\s*"
)
_CC_SHORT = {
    "attribution 4.0": "CC BY 4.0",
    "attribution-sharealike 4.0": "CC BY-SA 4.0",
    "attribution-noderivatives 4.0": "CC BY-ND 4.0",
    "attribution-noncommercial 4.0": "CC BY-NC 4.0",
    "attribution 3.0": "CC BY 3.0",
}


def tidy_whitespace(text: str) -> str:
    """NFC, one space between words, paragraphs separated by one blank line, no trailing spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def split_licence(text: str) -> tuple[str, str | None]:
    """Move a licence footer ("All Content by X is licensed under a Creative Commons ... License.") out of the text."""
    match = None
    for match in _LICENCE.finditer(text):
        pass  # the footer is the last one
    if match is None or len(text) - match.end() > 200:
        return text, None
    licence = match.group("licence")
    short = next((v for k, v in _CC_SHORT.items() if k in licence.lower()), licence)
    return (text[: match.start()] + text[match.end() :]).strip(), short


def split_dateline(text: str) -> tuple[str, str | None]:
    """Read the place line that opens wire copy and remove it from the first sentence."""
    match = _DATELINE.match(text)
    if not match or len(match.group("place").replace(" ", "")) < 3:
        return text, None
    rest = text[match.end() :]
    if not rest[:1].isupper() and not rest[:1] in "\"“'‘":
        return text, None  # "UN-backed talks..." is a sentence, not a dateline
    place = match.group("place")
    if match.group("qualifier") and not any(ch.isdigit() for ch in match.group("qualifier")):
        place = f"{place}, {match.group('qualifier')}"
    return rest, place


def normalise_date(value: str | None) -> str | None:
    """ISO 8601: a date when the input has no time of day, else a datetime (UTC offset kept)."""
    if not value:
        return None
    try:
        parsed = date_parser.parse(value.strip(), default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year < 1900 or parsed.year > 2100:
        return None
    has_time = bool(re.search(r"\d:\d", value))
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def detect_language(text: str) -> str:
    language, _ = py3langid.classify(text[:2000])
    return language


def _identity(raw: RawDocument) -> str:
    """What names the article besides its text: its URL or given id, never a local path (paths move)."""
    if raw.uri and "://" in raw.uri:
        return raw.uri
    return raw.external_id or ""


def make_doc_id(identity: str, text: str) -> str:
    return hashlib.sha256(f"{identity}\n{text}".encode()).hexdigest()[:16]


def normalise(raw: RawDocument) -> Document:
    text, licence = split_licence(tidy_whitespace(raw.text))
    text, dateline = split_dateline(text)
    if not text.strip():
        raise UnreadableInput(raw.where, "no text left after normalisation")
    published = normalise_date(raw.published)
    return Document(
        doc_id=make_doc_id(_identity(raw), text),
        text=text,
        external_id=raw.external_id,
        uri=raw.uri,
        title=tidy_whitespace(raw.title) if raw.title else None,
        source=raw.source,
        published=published,
        published_source=(raw.published_source or "input") if published else None,
        dateline=dateline,
        language=raw.language or detect_language(text),
        license=raw.license or licence,
        author=raw.author,
    )
