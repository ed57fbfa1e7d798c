"""Find the text between quotation marks: straight, curly, single, guillemets; bounded by paragraphs.

One compiled regex finds every mark in the text (a C-speed scan); a small state machine pairs them per paragraph.
Marks are judged by their neighbours, so apostrophes ("Iran's", "Iran’s") are not read as quotes, and an unbalanced
mark ends at its paragraph instead of swallowing the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK_RE = re.compile(r"[\"“”„«»‹›'‘’]")
# A paragraph break: a newline, or a run of two or more spaces (wire texts flattened to one line keep these).
PARAGRAPH_RE = re.compile(r"[ \t]*\n\s*|[ \t]{2,}")
MAX_QUOTE_CHARS = 4000

FAMILY = {'"': "double", "“": "double", "”": "double", "„": "double",
          "«": "angle", "»": "angle", "‹": "single_angle", "›": "single_angle",
          "'": "single", "‘": "single", "’": "single"}  # fmt: skip
OPEN_ONLY = {"„", "«", "‹"}
CLOSE_ONLY = {"»", "›"}
OPENING_NEIGHBOURS = set(" \t\n([{—–-/") | {"", "\u00a0"}
CLOSING_FOLLOWERS = set(" \t\n.,;:!?)]}—–-/…") | {"", "\u00a0"}


@dataclass(frozen=True)
class QuotedSpan:
    """Content offsets `[start, end)` between the marks; `closed` is False when the paragraph ended first."""

    start: int
    end: int
    closed: bool


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in PARAGRAPH_RE.finditer(text):
        if match.start() > start:
            bounds.append((start, match.start()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def _can_open(text: str, pos: int) -> bool:
    mark = text[pos]
    if mark in CLOSE_ONLY:
        return False
    before = text[pos - 1] if pos else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if not after or after.isspace():
        return False
    if mark in OPEN_ONLY or mark in "“‘":
        return mark != "‘" or not before.isalnum()
    return before in OPENING_NEIGHBOURS or before in FAMILY  # straight marks and a stray ’ need a free left side


def _can_close(text: str, pos: int) -> bool:
    mark = text[pos]
    if mark in OPEN_ONLY:
        return False
    before = text[pos - 1] if pos else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if not before or before.isspace():
        return False
    if mark in "’'":
        return after in CLOSING_FOLLOWERS or after in FAMILY  # "Iran’s" is an apostrophe
    return after in CLOSING_FOLLOWERS or after in FAMILY or not after.isalnum()


def _pair(text: str, marks: list[int], end: int) -> tuple[list[QuotedSpan], tuple[int, str] | None]:
    """Pair marks of one paragraph; returns spans and the still open mark (position, family), if any."""
    spans: list[QuotedSpan] = []
    open_at: int | None = None
    for pos in marks:
        family = FAMILY[text[pos]]
        if open_at is None:
            if _can_open(text, pos):
                open_at = pos
            continue
        open_family = FAMILY[text[open_at]]
        if family != open_family:
            continue  # a quote inside the quote, or an apostrophe
        if _can_close(text, pos):
            if pos > open_at + 1:
                spans.append(QuotedSpan(open_at + 1, pos, True))
            open_at = None
        elif _can_open(text, pos) and text[pos] in "\"“«„":
            open_at = pos  # two openers in a row: the first one was never closed
    if open_at is None:
        return spans, None
    return spans, (open_at, FAMILY[text[open_at]])


def _open_run(still_open: tuple[int, str] | None) -> tuple[int, str] | None:
    if still_open is None or still_open[1] == "single":
        return None  # an unclosed single mark is far more often an apostrophe than a quote
    return still_open[0] + 1, still_open[1]


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of `text`, in order. A quote left open continues into the next paragraph only when
    that paragraph opens with a mark of the same family (the newspaper convention); otherwise it stops at its
    paragraph's end, marked `closed=False`.
    """
    positions = [m.start() for m in MARK_RE.finditer(text)]
    if not positions:
        return []
    spans: list[QuotedSpan] = []
    carried: tuple[int, str] | None = None  # (content start, family) of a quote running across paragraphs
    previous_end, index = 0, 0
    for para_start, para_end in paragraph_bounds(text):
        marks = []
        while index < len(positions) and positions[index] < para_end:
            if positions[index] >= para_start:
                marks.append(positions[index])
            index += 1
        found, still_open = _pair(text, marks, para_end)
        if carried is not None:
            continues = bool(marks) and marks[0] == para_start and FAMILY[text[para_start]] == carried[1]
            if continues and found and found[0].start == para_start + 1:
                spans.append(QuotedSpan(carried[0], found[0].end, True))
                found, carried = found[1:], None
            elif continues and not found and still_open is not None and still_open[0] == para_start:
                previous_end = para_end
                continue  # the quote runs on through this whole paragraph
            else:
                spans.append(QuotedSpan(carried[0], previous_end, False))
                carried = None
        spans.extend(found)
        carried = _open_run(still_open)
        previous_end = para_end
    if carried is not None:
        spans.append(QuotedSpan(carried[0], previous_end, False))
    return [span for span in spans if span.end - span.start <= MAX_QUOTE_CHARS or not span.closed]
