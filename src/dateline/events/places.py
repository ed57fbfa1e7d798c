"""Where an event happened: place names in the event's clause, resolved offline to country and coordinates.

Names are resolved by the actors stage's gazetteer (dateline.actors.gazetteer), which the events stage reads.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from dateline.actors.gazetteer import (
    DIRECTION_WORDS,
    PLACE_LABELS,
    country_name,
    country_names,
    named_place,
    place_actor,
    resolve_place,
)
from dateline.actors.kb import STATELESS
from dateline.actors.offices import STATE_SECTORS
from dateline.events.syntax import clause_prep_objects
from dateline.records import ActorRef, Location

__all__ = ["location_for", "place_actor", "place_entities", "placed_target", "resolve_place", "scene_actor"]

PLACE_PREPS = {"in", "at", "near", "into", "inside", "across", "outside", "on", "against", "to", "along", "around",
               "throughout", "within"}

# Prepositions that put an act somewhere ("a curfew in Algiers", "rioted at a jail in northern Israel").
SCENE_PREPS = frozenset({"in", "at", "into", "inside", "throughout", "across", "near", "outside"})
# Prepositions of a trigger's phrase whose own place is the act's ("from a school in Kuriga", "clashed with police in
# Diyarbakir"); not "despite the war in Gaza", "talks on the war in Ukraine".
PHRASE_PREPS = SCENE_PREPS | {"from", "to", "with", "within", "around"}
# Prepositions of that phrase's own place ("a school in Kuriga"); not "action against Russia", "a resolution on Syria".
INNER_PLACE_PREPS = SCENE_PREPS | {"within", "around"}


def location_for(trigger: Token, place_spans: list[Span], target_heads: set[int],
                 nested: bool = True) -> Location | None:
    """The place the clause puts the event in, resolved by the gazetteer; None when it names none the gazetteer knows.

    Closest attachment first: a place that is the target of an attack or visit (`target_heads`) or the object of a
    locative preposition on the trigger ("clashed in Kharkiv"); then a name inside that object ("in Nigeria's Kaduna
    state": Kaduna, then Nigeria); then a place one phrase further down ("kidnapped students from a school in
    Kuriga", "stormed a police station in Besiktas"), unless `nested` is False: the object of an act done in words
    places something else ("dismissed the referendum in Venezuela", "called for a ceasefire in Gaza"). Ties go to the
    first in the sentence.
    """
    best: tuple[int, Location] | None = None
    for span in place_spans:
        rank = _attachment_rank(span.root, trigger, target_heads, nested)
        if rank is None or (best is not None and rank >= best[0]):
            continue
        found = resolve_place(span.text)
        if found is not None:
            best = (rank, found)
    return best[1] if best else None


# A name inside or beside a place phrase, by how closely it names the place: "Kaduna state", "Besiktas, Istanbul",
# "Nigeria's ...".
NAME_DEPS = ("compound", "appos", "poss")
NESTED = len(NAME_DEPS) + 1  # a phrase one step further down ranks after every name of a phrase on the trigger


def _attachment_rank(root: Token, trigger: Token, target_heads: set[int], nested: bool) -> int | None:
    within = 1 + NAME_DEPS.index(root.dep_) if root.dep_ in NAME_DEPS else 0
    if within and not nested:
        return None  # "gave approval to China's vaccine", "came to Moscow's defence"
    phrase = root.head if within else root
    if phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and named_place(phrase.head.head).i == phrase.i:
        phrase = root = phrase.head.head  # "in the city of Kharkiv", "shelled the city of Kharkiv": the city's place
    if root.i in target_heads or _placed_on(phrase, trigger):
        return within
    if nested and _phrase_noun(trigger, phrase) is not None:
        return NESTED + within
    return None


def _placed_on(token: Token, trigger: Token) -> bool:
    """`token` is the object of a locative preposition that hangs off the trigger."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in PLACE_PREPS and head.head.i == trigger.i


def _phrase_noun(trigger: Token, token: Token) -> Token | None:
    """The trigger's object or prepositional object whose own locative phrase is `token` ("a school in Kuriga")."""
    if token.dep_ != "pobj" or token.head.lower_ not in INNER_PLACE_PREPS:
        return None
    noun = token.head.head
    if noun.head.i == trigger.i and noun.dep_ in ("dobj", "obj"):
        return noun
    if noun.dep_ == "pobj" and noun.head.lower_ in PHRASE_PREPS and noun.head.head.i == trigger.i:
        return noun
    return None


def scene_actor(trigger: Token, source: Token | None) -> ActorRef | None:
    """The country of the first known place the trigger's clause puts the act in, outside the source's own phrase:
    for conflictual acts PLOVER codes that place's state as the target when the text names no other ("imposed a
    curfew in the town of Cizre" -> Turkey, "demonstrated in Serbia" -> Serbia)."""
    return next(filter(None, map(place_actor, clause_prep_objects(trigger, SCENE_PREPS, source))), None)


def placed_target(location: Location | None, sources: list[ActorRef | None], protest: bool = False) -> ActorRef | None:
    """The state of the place an act landed in, as its target (see expansion.PLACED_TARGET_ROOTS); not when a source is
    that state itself ("Kenya demonstrated in Nairobi"), except that a people protesting at home protest to their
    government ("Thousands of Iraqi Kurds demonstrated in Kirkuk": IRQ -> IRQGOV, as the PLOVER gold codes it)."""
    if location is None or not location.country:
        return None
    state = ActorRef(text=location.name, name=location.name, country=location.country, code=location.country)
    home = [source for source in sources if source is not None and not source.sector
            and source.country == location.country]
    if home:
        return home_government(state) if protest and all(map(named_as_people, home)) else None
    return state


def protested_at_home(sources: list[ActorRef | None]) -> ActorRef | None:
    """The government of the one country whose people or groups protest where the text names no target and no place
    ("Some 30,000 New Zealand nurses went on strike": NZLHLH -> NZLGOV), as a protest at home in a named place is
    addressed (placed_target). Not for a state's own organs, nor for a state named as itself."""
    home = {source.country for source in sources if source is not None and source.country
            and source.country not in STATELESS and source.sector not in STATE_SECTORS
            and (source.sector or named_as_people(source))}
    if len(home) != 1:
        return None
    country = home.pop()
    name = country_name(country)
    return home_government(ActorRef(text=name, name=name, country=country, code=country))


def home_government(place: ActorRef | None) -> ActorRef | None:
    """The government of a place's country: whom a protest at home is addressed to."""
    if place is None or not place.country:
        return place
    return replace(place, sector="GOV", code=place.country + "GOV")


def named_as_people(actor: ActorRef | None) -> bool:
    """A country's people ("Cubans", "Iraqi Kurds"), not the state named as itself ("Kenya")."""
    return actor is not None and actor.text != actor.name


def place_entities(sent: Span, ents: list[Span]) -> list[Span]:
    """The sentence's place entities (of `ents`, the sentence's), with countries the model tagged ORG ("in
    Cameroon's Northwest region"), plus "southern X" where the model left the direction word out."""
    spans = []
    for ent in ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and (ent.root.lower_ in ("mosque", "church", "square")
                                                                 or ent.text.lower() in country_names())):
            start = ent.start - 1 if ent.start > sent.start and ent.doc[ent.start - 1].lower_ in DIRECTION_WORDS \
                else ent.start
            spans.append(ent.doc[start: ent.end])
    return spans
