"""Article text as HTML with spans marked (evidence sentences, event triggers, quotes), offsets kept exact.

Spans may overlap or nest (a trigger inside an evidence sentence inside a quote): the text is cut at every span
boundary and each piece is wrapped in one element per span that covers it, so every character is escaped once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    css: str  # class name: evidence, trigger, quote, event
    title: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


def _open(span: Span, first: bool) -> str:
    attrs = {"class": span.css, **({"title": span.title} if span.title else {})}
    if first:
        attrs.update(span.attrs)
    body = " ".join(f'{name}="{escape(value)}"' for name, value in attrs.items())
    return f"<mark {body}>"


def highlight(text: str, spans: list[Span]) -> Markup:
    """HTML for `text` with each valid span wrapped in <mark class=...>; ids and data attributes go on its first piece."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    started: set[int] = set()
    out = []
    for left, right in zip(cuts, cuts[1:]):
        covering = sorted((i for i, s in enumerate(valid) if s.start <= left and right <= s.end),
                          key=lambda i: (valid[i].start, -valid[i].end))
        piece = str(escape(text[left:right]))
        for i in reversed(covering):
            piece = _open(valid[i], i not in started) + piece + "</mark>"
        started.update(covering)
        out.append(piece)
    return Markup("".join(out))
