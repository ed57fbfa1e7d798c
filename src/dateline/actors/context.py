"""Give country-less actors the country their context names: "rebels in the Ivory Coast", "Opposition groups in
Zimbabwe", "President Omar El Bashir ... in Sudan", and through the gazetteer "police in Lagos".

Wire copy names a domestic actor's country once and then leaves it implied; CAMEO coders read "the opposition" in a
story about Georgia as Georgian opposition. We take the country from a locative phrase on the actor's own head first,
then, for bodies that act at home (police, courts, protesters...), from a place where the actor's own clause happens
("detained by police at a Moscow airport": Russian police, even when the sentence also names the detainee's country),
else from the sentence when it names exactly one country, else, when the sentence names none, from the headline and
lead when they name exactly one. People found in the knowledge base keep their own country.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.actors.companies import COUNTRY_HOWS
from dateline.actors.gazetteer import PLACE_PREPOSITIONS, place_actor, resolve_place
from dateline.actors.kb import STATELESS
from dateline.nlp.extensions import ActorMention
from dateline.records import ActorRef

LOCATIVE_OF = frozenset({"in", "of", "from", "throughout", "across", "inside", "within", "around", "at"})
# Sectors whose unnamed members act in their own country, so where they act says whose they are. Armed forces, rebels,
# spies, diplomats, refugees, pilgrims and reporters are often abroad, and officials travel: those are left out.
HOME_SECTORS = frozenset({"COP", "JUD", "LEG", "CVL", "OPP", "EDU", "HLH", "LAB", "AGR"})
# Bodies that act on people at home: a country-less person or group they arrest, try or order about is theirs.
AGENT_HOME_SECTORS = frozenset({"COP", "JUD"})
PLACE_MODIFIERS = frozenset({"compound", "amod", "nmod"})  # "a Moscow airport", "the Gaza border"
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# A religious leader's country says nothing of the people he speaks of ("Pope Francis urged Europe to take in
# refugees": the refugees are not the Vatican's), so it never fills another actor's country.
SPIRITUAL_SECTORS = frozenset({"REL"})
HOW_FROM_PHRASE = frozenset({"role", "name"})
ETHNIC_MARKERS = frozenset({"ethnic"})
LEAD_SENTENCES = 2  # the headline and the lead's first sentence
OPENING_MARKS = frozenset({"\u201c", "``"})
CLOSING_MARKS = frozenset({"\u201d", "''"})
ANAPHORIC_COUNTRY_NOUNS = frozenset({"country", "nation"})  # "the country's assets"
# "the group" names the armed group, party or company named last; "the bloc" the intergovernmental body.
ANAPHORIC_BODY_NOUNS = {"group": "other", "movement": "other", "bloc": "IGO", "alliance": "IGO",
                        "organisation": "IGO", "organization": "IGO"}
BODY_REACH = 2  # sentences back in which "the group" finds its organisation


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
    by_sentence: dict[int, list[str]] = {}  # countries in text order, outside quotations
    sentence_of: dict[int, int] = {}
    quoted = quoted_tokens(doc)
    for mention in mentions:
        start = doc[mention.start].sent.start
        sentence_of[mention.start] = start
        if mention.start in quoted:
            continue  # '"The Philippines bears full responsibility," spokesperson Gan Yu said': no Filipino
        country = _country(mention.actor) if mention.actor.sector not in SPIRITUAL_SECTORS else None
        if country and country not in by_sentence.get(start, ()):
            by_sentence.setdefault(start, []).append(country)
    lead_country = _lead_country(doc, by_sentence, quoted)
    result = []
    for mention in mentions:
        actor = mention.actor
        if actor.country and mention.start > 0 and doc[mention.start - 1].lower_ in ETHNIC_MARKERS:
            mention = _minority(doc, mention, at, by_sentence.get(sentence_of[mention.start], []))
            result.append(mention)
            continue
        if actor.country or actor.kb_id or mention.how not in HOW_FROM_PHRASE:
            result.append(mention)
            continue
        country = _from_home_body(doc, mention, at)
        if not actor.sector:  # an untitled name ("police arrested Bobi Wine"): only a home body's act says whose
            result.append(ActorMention(mention.start, mention.end, _with_country(actor, country), mention.how)
                          if country else mention)
            continue
        country = country or _from_phrase(doc, mention, at)
        if country is None and actor.sector in HOME_SECTORS and mention.how == "role":
            country = _from_clause(doc, mention, at)
        if country is None:
            start = sentence_of[mention.start]
            found = set(by_sentence.get(start, ())) or _place_countries(doc[start:doc[start].sent.end], quoted)
            country = next(iter(found)) if len(found) == 1 else None if found else lead_country
        if country is None:
            result.append(mention)
            continue
        result.append(ActorMention(mention.start, mention.end, _with_country(actor, country), mention.how))
    return _the_body(doc, _the_country(doc, _pronouns_follow(result), lead_country))


def _with_country(actor: ActorRef, country: str) -> ActorRef:
    return ActorRef(**{**actor.to_dict(), "country": country, "code": country + (actor.sector or "")})


def _pronouns_follow(mentions: list[ActorMention]) -> list[ActorMention]:
    """A pronoun copies its antecedent before context fills the antecedent's country: "Colonel Amadou Abdramane said
    ... 'We have decided ...,' he said" - he is as Nigerien as the colonel."""
    filled = {(m.actor.name, m.actor.sector): m.actor.country for m in mentions
              if m.how in HOW_FROM_PHRASE and m.actor.country and not m.actor.kb_id}
    return [ActorMention(m.start, m.end, _with_country(m.actor, filled[m.actor.name, m.actor.sector]), m.how)
            if m.how == "pronoun" and not m.actor.country and (m.actor.name, m.actor.sector) in filled else m
            for m in mentions]


def _the_country(doc: Doc, mentions: list[ActorMention], lead_country: str | None) -> list[ActorMention]:
    """"The country" names the country its sentence named last ("suspended transactions with Niger and froze the
    country's assets"), else the one the headline and lead name: an actor with the country only."""
    covered = {i for mention in mentions for i in range(mention.start, mention.end)}
    found = []
    for token in doc:
        if token.lower_ not in ANAPHORIC_COUNTRY_NOUNS or token.i in covered or token.i == 0:
            continue
        article = doc[token.i - 1]
        if article.lower_ != "the" or article.head.i != token.i:
            continue
        named = [m.actor for m in mentions if m.how in COUNTRY_HOWS and m.actor.kb_id and m.actor.country
                 and token.sent.start <= m.start < token.i]
        country = named[-1].country if named else lead_country
        if country is None:
            continue
        name = named[-1].name if named else None
        actor = ActorRef(text=doc[article.i:token.i + 1].text, name=name, country=country, code=country,
                         kb_id=f"country:{country}")
        found.append(ActorMention(article.i, token.i + 1, actor, "anaphora"))
    return sorted(mentions + found, key=lambda mention: mention.start) if found else mentions


def _the_body(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """"The group", "the paramilitary group", "the bloc" name the organisation of that kind named last, in its
    sentence or the two before ("the Rapid Support Forces ... the paramilitary group had shelled a hospital")."""
    covered = {i for mention in mentions for i in range(mention.start, mention.end)}
    orgs = [m for m in mentions if m.actor.kb_id and m.actor.kb_id.startswith("org:")]
    found = []
    for token in doc:
        kinds = ANAPHORIC_BODY_NOUNS.get(token.lower_)
        if kinds is None or token.i in covered or not _definite_bare(token):
            continue
        reach = _sentence_start(doc, token, BODY_REACH)
        earlier = [m for m in orgs if reach <= m.start < token.i and _of_kind(m.actor, kinds)]
        if earlier:
            start = min(child.i for child in token.subtree)
            actor = ActorRef(**{**earlier[-1].actor.to_dict(), "text": doc[start:token.i + 1].text})
            found.append(ActorMention(start, token.i + 1, actor, "anaphora"))
    return sorted(mentions + found, key=lambda mention: mention.start) if found else mentions


def _definite_bare(noun: Token) -> bool:
    """"the (paramilitary) group": a definite noun with adjectives at most, no name or "of" phrase of its own."""
    children = list(noun.children)
    return (any(child.dep_ == "det" and child.lower_ == "the" for child in children)
            and all(child.dep_ in ("det", "amod") for child in children if child.i < noun.i)
            and not any(child.dep_ == "prep" and child.lower_ == "of" for child in children))


def _of_kind(actor: ActorRef, kinds: str) -> bool:
    intergovernmental = actor.sector == "IGO" or actor.country == "IGO"
    return intergovernmental if kinds == "IGO" else not intergovernmental and actor.sector != "GOV"


def _sentence_start(doc: Doc, token: Token, back: int) -> int:
    """Where the sentence `back` sentences before `token`'s starts."""
    sentence = token.sent
    for _ in range(back):
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
    return sentence.start


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Token positions between paired double quotation marks (a paragraph break ends an unclosed one): what a
    speaker says names countries that say nothing of whose the speaker is."""
    inside: set[int] = set()
    opened = None
    for token in doc:
        if token.is_space and "\n\n" in token.text:
            opened = None
        elif token.text in OPENING_MARKS or (token.text == '"' and opened is None):
            opened = token.i
        elif opened is not None and (token.text in CLOSING_MARKS or token.text == '"'):
            inside.update(range(opened + 1, token.i))
            opened = None
    return frozenset(inside)


def _lead_country(doc: Doc, by_sentence: dict[int, list[str]], quoted: frozenset[int]) -> str | None:
    """The one country the headline and lead name (actors or places), if they name exactly one: the country a
    report is about, whose officials and bodies a later sentence leaves unnamed ("President Salome Zourabichvili said
    she would veto it", two sentences after "Police in Tbilisi ...")."""
    found: set[str] = set()
    for sent in list(doc.sents)[:LEAD_SENTENCES]:
        found |= set(by_sentence.get(sent.start, ())) or _place_countries(sent, quoted)
    return next(iter(found)) if len(found) == 1 else None


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
        country = _place_of(prep, at)
        if country:
            return country
    return None


def _from_home_body(doc: Doc, mention: ActorMention, at: dict[int, ActorMention]) -> str | None:
    """The country of the police, court or judge that acts on the mention: "An Argentine judge ordered former
    president Carlos Menem to appear", "Egyptian police opened fire to disperse demonstrators". Such bodies act on
    their own country's people, whatever other countries the sentence names."""
    head = doc[mention.start:mention.end].root
    if head.dep_ not in ("dobj", "nsubjpass"):
        return None
    verb = head.head
    while verb is not None:
        for child in verb.children:
            agent = next((g for g in child.children if g.dep_ == "pobj"), None) if child.dep_ == "agent" else child
            other = at.get(agent.i) if agent is not None and child.dep_ in ("nsubj", "agent") else None
            if other is not None and other is not mention and other.actor.sector in AGENT_HOME_SECTORS:
                return _country(other.actor)
        # "opened fire to disperse X": the subject of the verb the clause hangs from
        verb = verb.head if verb.dep_ in ("xcomp", "advcl", "conj") and verb.head is not verb else None
    return None


def _from_clause(doc: Doc, mention: ActorMention, at: dict[int, ActorMention]) -> str | None:
    """The country of a place where the actor's clause happens: "detained by police at a Moscow airport", "protesters
    gathered in Lagos". The actor's head climbs to its verb; the verb's locative phrases name the place."""
    verb = _clause_verb(doc[mention.start:mention.end].root)
    if verb is None:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPOSITIONS and not mention.start <= prep.i < mention.end:
            country = _place_of(prep, at)
            if country:
                return country
    return None


def _clause_verb(token):
    """The verb the actor is a direct argument of: its subject, object, or the object of a preposition on the verb
    ("by police", "with protesters"); None when the actor sits inside another noun phrase ("talks between the
    government and the opposition in Mexico City" say where the talks were, not whose opposition)."""
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        token = token.head
    elif token.dep_ not in ARGUMENT_DEPS:
        return None
    head = token.head
    return head if head.pos_ in ("VERB", "AUX") and head is not token else None


def _place_of(prep, at: dict[int, ActorMention], nested: bool = True) -> str | None:
    """The country a preposition's object names: the object itself ("in Lagos"), a place modifying it ("at a Moscow
    airport"), or one level down, a place the object is in ("fired at protesters in Nairobi")."""
    for pobj in prep.children:
        if pobj.dep_ != "pobj":
            continue
        for token in (pobj, *(child for child in pobj.children if child.dep_ in PLACE_MODIFIERS)):
            other = at.get(token.i)
            country = _country(other.actor) if other is not None else _place_country(token) or _proper_place(token)
            if country:
                return country
        for inner in pobj.children if nested else ():
            if inner.dep_ == "prep" and inner.lower_ in PLACE_PREPOSITIONS:
                country = _place_of(inner, at, nested=False)
                if country:
                    return country
    return None


def _proper_place(token) -> str | None:
    """A one-word proper noun the recogniser left unlabelled but the gazetteer knows ("a Tbilisi square")."""
    if token.pos_ != "PROPN" or token.ent_type_ or not token.text[:1].isupper():
        return None
    found = resolve_place(token.text)
    return found.country if found is not None else None


def _place_country(token) -> str | None:
    """The country of a place name the actors stage does not resolve ("police in Lagos", "students in Dhaka")."""
    actor = place_actor(token)
    return _country(actor)


def _place_countries(sent, quoted: frozenset[int] = frozenset()) -> set[str]:
    """Countries of the sentence's place names outside quotations, when it names no country actor ("President X ...
    in Algiers")."""
    found = set()
    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC") and ent.start not in quoted:
            country = _place_country(ent.root)
            if country:
                found.add(country)
    return found
