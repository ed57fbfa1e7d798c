"""Where an event happened: place names in the event's clause, resolved offline to country and coordinates.

Names are resolved by the actors stage's gazetteer (dateline.actors.gazetteer), which the events stage reads.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from dateline.actors.gazetteer import DIRECTION_WORDS, PLACE_LABELS, place_actor, resolve_place
from dateline.events.syntax import clause_prep_objects
from dateline.records import ActorRef, Location

__all__ = ["location_for", "place_actor", "place_entities", "resolve_place", "scene_actor"]

PLACE_PREPS = {"in", "at", "near", "into", "inside", "across", "outside", "on", "against", "to", "along", "around",
               "throughout", "within"}


def location_for(trigger: Token, place_spans: list[Span], target_heads: set[int]) -> Location | None:
    """The first place entity attached to the trigger by a locative preposition, or that is the target of an attack
    or visit (`target_heads`); None when the clause names no place the gazetteer knows."""
    for span in place_spans:
        root = span.root
        head = root.head
        attached = (root.dep_ == "pobj" and head.lower_ in PLACE_PREPS and head.head.i == trigger.i) or (
            root.i in target_heads)
        if attached:
            found = resolve_place(span.text)
            if found is not None:
                return found
    return None


# Prepositions that put an act somewhere ("a curfew in Algiers", "rioted at a jail in northern Israel").
SCENE_PREPS = frozenset({"in", "at", "into", "inside", "throughout", "across", "near", "outside"})


def scene_actor(trigger: Token, source: Token | None) -> ActorRef | None:
    """The country of the first known place the trigger's clause puts the act in, outside the source's own phrase:
    for conflictual acts PLOVER codes that place's state as the target when the text names no other ("imposed a
    curfew in the town of Cizre" -> Turkey, "demonstrated in Serbia" -> Serbia)."""
    return next(filter(None, map(place_actor, clause_prep_objects(trigger, SCENE_PREPS, source))), None)


def place_entities(sent: Span, ents: list[Span]) -> list[Span]:
    """The sentence's place entities (of `ents`, the sentence's), plus "southern X" where the model left the direction
    word out."""
    spans = []
    for ent in ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and ent.root.lower_ in ("mosque", "church", "square")):
            start = ent.start - 1 if ent.start > sent.start and ent.doc[ent.start - 1].lower_ in DIRECTION_WORDS \
                else ent.start
            spans.append(ent.doc[start: ent.end])
    return spans
