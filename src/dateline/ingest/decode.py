"""Bytes to text: reject what is not text, and read legacy encodings without mojibake."""

from __future__ import annotations

import codecs

from dateline.errors import UnreadableInput

# Share of control characters (other than whitespace) above which bytes are binary, not text with a few bad bytes.
BINARY_CONTROL_SHARE = 0.05
_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls / len(sample) > BINARY_CONTROL_SHARE


def decode_bytes(data: bytes, where: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; fall back to cp1252, then latin-1.

    cp1252 is tried before latin-1 because Windows-encoded news text uses its curly quotes and dashes (0x91-0x97),
    which latin-1 would turn into invisible C1 control characters.
    """
    if not data.strip():
        raise UnreadableInput(where, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if looks_binary(data):
        raise UnreadableInput(where, "binary data, not text")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableInput(where, "undecodable text")  # pragma: no cover - latin-1 decodes any bytes
