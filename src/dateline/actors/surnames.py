"""When a lone surname may stand for a knowledge-base person: "Howard" is John Howard only in a story about him.

Surnames are shared by many people the knowledge base does not list (a "Howard" arrested in Ohio is no former
Australian prime minister). A bare surname, with no title or country before it, resolves to a KB person only when the
document gives it context: the person's full name or an alias anywhere in it, or a country or organisation the
person held office in; or when the person holds office on the publication date (prominent enough to be named by
surname alone) and the name is not part of a longer name the parser read as a person ("Mark Howard").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from spacy.tokens import Doc

from dateline.actors import lexicon as lx
from dateline.actors.kb import ORG_PREFIX, Person

PLACE_KINDS = frozenset({lx.COUNTRY, lx.CAPITAL, lx.ADJECTIVE, lx.DEMONYM})


def document_context(hits: Iterable[lx.Hit]) -> frozenset[str]:
    """Every country (ISO-3), organisation ("org:<id>") and person id ("person:<id>") the document names in full."""
    keys: set[str] = set()
    for hit in hits:
        if hit.kind in PLACE_KINDS:
            keys.update(hit.keys)
        elif hit.kind == lx.ORG:
            keys.update(ORG_PREFIX + key for key in hit.keys)
        elif hit.kind == lx.PERSON:
            keys.update("person:" + key for key in hit.keys)
    return frozenset(keys)


def bare_surname_fits(person: Person, doc: Doc, start: int, end: int, context: frozenset[str], on: dt.date) -> bool:
    """Whether the lone surname at `[start, end)` may name `person` in this document."""
    if _inside_place_or_body(doc, start, end):
        return False  # "the Kerem Shalom crossing" names no Silvan Shalom, however Israeli the story
    if "person:" + person.person_id in context or any(role.of in context for role in person.roles):
        return True
    if not any(role.active(on) for role in person.roles):
        return False  # a former office holder needs the document to say who is meant
    return not _longer_name(doc, start, end)


def _longer_name(doc: Doc, start: int, end: int) -> bool:
    """"Mark Howard": the parser's person entity also covers a given name the KB person does not have."""
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= start and end <= ent.end and ent.end - ent.start > end - start:
            return True
    return False


def _inside_place_or_body(doc: Doc, start: int, end: int) -> bool:
    """The surname ends a longer name the recogniser took for a place, building or body ("Kerem Shalom")."""
    return any(ent.label_ in ("FAC", "GPE", "LOC", "ORG") and ent.start < start and end <= ent.end for ent in doc.ents)
