"""What the resolver reads before it resolves: one candidate noun phrase, and the date its lookups are made on."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dateline.actors import lexicon as lx
from dateline.actors.coref import PersonMention

logger = logging.getLogger(__name__)


@dataclass
class Phrase:
    """One candidate mention as read from the text, before resolution."""

    start: int
    end: int
    qualifier: lx.Hit | None = None
    sector: lx.Hit | None = None
    name: lx.Hit | None = None
    unknown_name: Span | None = None
    possessor: PersonMention | None = None
    determiner: bool = False
    body: str | None = None  # sector of a body named inside the title ("opposition" leader), over the head's
    church: lx.Hit | None = None  # a church before the title ("the Coptic pope") or naming a body ("Coptic Church")
    church_body: bool = False


def publication_date(doc: Doc) -> dt.date:
    """`doc._.published` as a date (it may be a date, a datetime or an ISO string); today when unknown."""
    value = doc._.published
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            logger.debug("unreadable publication date %r", value)
    return dt.date.today()
