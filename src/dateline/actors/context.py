"""Give country-less actors the country their context names: "rebels in the Ivory Coast", "Opposition groups in
Zimbabwe", "President Omar El Bashir ... in Sudan", and through the gazetteer "police in Lagos".

Wire copy names a domestic actor's country once and then leaves it implied; CAMEO coders read "the opposition" in a
story about Georgia as Georgian opposition. We take the country from a locative phrase on the actor's own head first,
else from the sentence when it names exactly one country. People found in the knowledge base keep their own country.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.actors.gazetteer import place_actor
from dateline.actors.kb import STATELESS
from dateline.nlp.extensions import ActorMention
from dateline.records import ActorRef

LOCATIVE_OF = frozenset({"in", "of", "from", "throughout", "across", "inside", "within", "around"})
HOW_FROM_PHRASE = frozenset({"role", "name"})
ETHNIC_MARKERS = frozenset({"ethnic"})


def _country(actor: ActorRef | None) -> str | None:
    if actor is None or not actor.country or actor.country in STATELESS:
        return None
    return actor.country


def contextualise(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """Fill the country (and CAMEO code) of sector-only and untitled-country actors from their context."""
    if not mentions:
        return mentions
    at: dict[int, ActorMention] = {}
    for mention in mentions:
        for i in range(mention.start, mention.end):
            at.setdefault(i, mention)
    by_sentence: dict[int, list[str]] = {}  # countries in text order
    sentence_of: dict[int, int] = {}
    for mention in mentions:
        start = doc[mention.start].sent.start
        sentence_of[mention.start] = start
        country = _country(mention.actor)
        if country and country not in by_sentence.get(start, ()):
            by_sentence.setdefault(start, []).append(country)
    result = []
    for mention in mentions:
        actor = mention.actor
        if actor.country and mention.start > 0 and doc[mention.start - 1].lower_ in ETHNIC_MARKERS:
            mention = _minority(doc, mention, at, by_sentence.get(sentence_of[mention.start], []))
            result.append(mention)
            continue
        if actor.country or actor.kb_id or mention.how not in HOW_FROM_PHRASE or not actor.sector:
            result.append(mention)
            continue
        country = _from_phrase(doc, mention, at)
        if country is None:
            start = sentence_of[mention.start]
            found = set(by_sentence.get(start, ())) or _place_countries(doc[start:doc[start].sent.end])
            country = next(iter(found)) if len(found) == 1 else None
        if country is None:
            result.append(mention)
            continue
        filled = ActorRef(**{**actor.to_dict(), "country": country, "code": country + actor.sector})
        result.append(ActorMention(mention.start, mention.end, filled, mention.how))
    return result


def _minority(doc: Doc, mention: ActorMention, at: dict[int, ActorMention], named: list[str]) -> ActorMention:
    """"Ethnic Hungarians in Slovakia", "ethnic Albanians ... near Macedonia's border": an ethnic group is coded by
    the country it lives in, from its own locative phrase, else the first other country its sentence names."""
    actor = mention.actor
    home = _from_phrase(doc, mention, at) or next((country for country in named if country != actor.country), None)
    if home is None or home == actor.country:
        return mention
    moved = ActorRef(**{**actor.to_dict(), "country": home, "code": home + (actor.sector or ""), "kb_id": None})
    return ActorMention(mention.start, mention.end, moved, mention.how)


def _from_phrase(doc: Doc, mention: ActorMention, at: dict[int, ActorMention]) -> str | None:
    """The country of a locative phrase on the mention's head: "rebels in the Ivory Coast", "students throughout
    Indonesia"."""
    head = doc[mention.start:mention.end].root
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE_OF:
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                other = at.get(pobj.i)
                country = _country(other.actor) if other is not None else _place_country(pobj)
                if country:
                    return country
    return None


def _place_country(token) -> str | None:
    """The country of a place name the actors stage does not resolve ("police in Lagos", "students in Dhaka")."""
    actor = place_actor(token)
    return _country(actor)


def _place_countries(sent) -> set[str]:
    """Countries of the sentence's place names, when it names no country actor ("President X ... in Algiers")."""
    found = set()
    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC"):
            country = _place_country(ent.root)
            if country:
                found.add(country)
    return found
