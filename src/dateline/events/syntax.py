"""Source and target actors of an event from the dependency parse, read through the actors stage's mentions.

An actor phrase is a noun's "core": the noun with its compounds, modifiers, possessor, appositions and "of" phrases
("Iran's President Ebrahim Raisi", "the president of Armenia"), never its relative clauses. Conjoined nouns give
compound actors ("Hungarian and Romanian officials", "the United States and Jordan").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.nlp.extensions import ActorMention
from dateline.nlp.tree import conjuncts
from dateline.records import ActorRef

CORE_DEPS = {"compound", "amod", "poss", "nmod", "appos", "flat", "det", "nummod", "case", "punct", "conj", "cc",
             "npadvmod", "quantmod"}
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
TARGET_DEPS = ("dobj", "dative", "obj", "oprd")
OF_PREPS = {"NOUN": ("of", "from"), "PROPN": ("of",)}  # "the president of Armenia", "envoys from Qatar"
CLAUSE_LINKS = ("xcomp", "advcl", "conj", "acl", "pcomp", "relcl")


def mention_index(doc: Doc) -> dict[int, ActorMention]:
    """Token index -> the actor mention covering it (doc._.actor_mentions, filled by dateline_actors)."""
    index: dict[int, ActorMention] = {}
    for mention in doc._.actor_mentions or ():
        for i in range(mention.start, mention.end):
            index.setdefault(i, mention)
    return index


def _core_tokens(head: Token) -> list[Token]:
    """The noun phrase around `head` that can name an actor, without conjuncts (they are actors of their own)."""
    tokens, stack = [], [head]
    while stack:
        token = stack.pop()
        tokens.append(token)
        for child in token.children:
            if child.dep_ in ("conj", "cc"):
                continue
            if (child.dep_ in CORE_DEPS or (child.dep_ == "prep" and child.lower_ in OF_PREPS.get(token.pos_, ()))
                    or (child.dep_ == "pobj" and token.lower_ in ("of", "from"))):
                stack.append(child)
    return tokens


def actors_of(head: Token | None, index: dict[int, ActorMention]) -> list[ActorRef]:
    """Every actor the phrase headed by `head` names: the mention over its head, or else those in its core; one per
    conjunct, and one per conjoined modifier ("Hungarian and Romanian officials")."""
    if head is None:
        return []
    found: list[ActorRef] = []
    for noun in _listed(head):
        if noun.i in index:
            _add(found, index[noun.i].actor)
            _add_conjoined_modifiers(found, noun, index)
            continue
        core = sorted(_core_tokens(noun), key=lambda token: token.i)
        modifiers = [token for token in core if token.dep_ in ("amod", "compound", "poss", "nmod") and token.i in index]
        for modifier in modifiers:
            for part in conjuncts(modifier):
                if part.i in index:
                    _add(found, index[part.i].actor)
        if not modifiers:
            for token in core:
                if token.i in index:  # "envoys from Qatar, Egypt and the United States": every conjunct
                    for part in conjuncts(token) if token.dep_ == "pobj" else (token,):
                        if part.i in index:
                            _add(found, index[part.i].actor)
                    break
    return found


def _listed(head: Token) -> list[Token]:
    """The conjuncts of `head`, and those of a list the parser hung on it as an apposition: in "Saudi Arabia, the
    UAE, Bahrain and Egypt" the UAE is an appos of Saudi Arabia and Bahrain and Egypt are its conjuncts."""
    found = conjuncts(head)
    for noun in list(found):
        for child in noun.children:
            if child.dep_ == "appos" and any(grand.dep_ == "conj" for grand in child.children):
                found.extend(conjuncts(child))
    return found


def _add_conjoined_modifiers(found: list[ActorRef], noun: Token, index: dict[int, ActorMention]) -> None:
    """"Hungarian and Romanian officials", "US and British forces": the other countries share the head's sector."""
    own = index[noun.i]
    for child in noun.children:
        if child.dep_ not in ("amod", "compound", "nmod"):
            continue
        for part in conjuncts(child):
            other = index.get(part.i)
            if other is None or other is own or not other.actor.country:
                continue
            actor, sector = other.actor, own.actor.sector
            if sector and not actor.sector and actor.kb_id and actor.kb_id.startswith("country:"):
                actor = ActorRef(text=actor.text, name=actor.name, country=actor.country, sector=sector,
                                 code=actor.country + sector, kb_id=actor.kb_id, framing=actor.framing)
            _add(found, actor)


def _add(found: list[ActorRef], actor: ActorRef) -> None:
    key = (actor.kb_id, actor.name, actor.country, actor.code)
    if all((a.kb_id, a.name, a.country, a.code) != key for a in found):
        found.append(actor)


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject, inherited through xcomp/advcl/conj chains ("X stormed ... and attacked Y")."""
    token = verb
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].pos_ in ("NOUN", "PROPN"):
        before = verb.doc[verb.i - 1]  # "images showing police beating protesters": police beat, not the images
        if not any(child.dep_ in SUBJECT_DEPS for child in verb.children):
            return before
    for _ in range(5):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if token.dep_ not in CLAUSE_LINKS or token.head.i == token.i:
            return None
        token = token.head
    return None


def agent_of(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb, also when the parser hung "by" on the verb's prepositional object."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            return _pobj(child)
        if child.dep_ == "prep":
            for pobj in child.children:
                for grand in pobj.children:
                    if grand.dep_ in ("prep", "agent") and grand.lower_ == "by":
                        return _pobj(grand)
    return None


def _pobj(prep: Token) -> Token | None:
    return next((child for child in prep.children if child.dep_ == "pobj"), None)


def passive_subject(verb: Token) -> Token | None:
    return next((child for child in verb.children if child.dep_ == "nsubjpass"), None)


def object_of(verb: Token) -> Token | None:
    """The direct object (or the indirect one: "give Tanzania a grant" -> Tanzania is checked first by caller)."""
    return next((child for child in verb.children if child.dep_ in TARGET_DEPS), None)


# The first word of a two-word preposition the parser splits ("out" + "of"): its object is the second's.
COMPOUND_PREPS = {"out": "of", "away": "from"}


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the given prepositions under `token`, in the order of `preps`."""
    found = []
    for prep in preps:
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ == prep:
                pobj = _pobj(child)
                if pobj is not None:
                    found.append(pobj)
            elif child.dep_ == "prep" and COMPOUND_PREPS.get(child.lower_) == prep:  # "out of", "away from"
                found += [pobj for inner in child.children if inner.dep_ == "prep" and inner.lower_ == prep
                          for pobj in (_pobj(inner),) if pobj is not None]
    return found


def clause_prep_objects(head: Token, preps: frozenset[str] | tuple[str, ...], outside: Token | None) -> list[Token]:
    """Objects of the given prepositions anywhere in `head`'s clause, in text order, leaving out the phrase of
    `outside` (the source: "Iraqi Kurds [in Kirkuk]" says where the protesters live, not whom they protest)."""
    skip = {token.i for token in outside.subtree} if outside is not None else set()
    return [token for token in head.subtree
            if token.i not in skip and token.dep_ == "pobj" and token.head.lower_ in preps]


def for_clause(verb: Token) -> Token | None:
    """The "for X to do Y" clause the parser hangs on a verb as advcl ("called for Assad to step aside")."""
    return next((child for child in verb.children if is_for_clause(child)), None)


def is_for_clause(token: Token) -> bool:
    return token.dep_ == "advcl" and any(grand.dep_ == "mark" and grand.lower_ == "for" for grand in token.children)


def clause_subject(clause: Token) -> Token | None:
    """The subject of a complement clause ("demanded that the body call ...")."""
    return next((child for child in clause.children if child.dep_ in ("nsubj", "nsubjpass")), None)


def experiencer_roles(verb: Token, index: dict[int, ActorMention]) -> tuple[Token | None, Token | None]:
    """"Images of X abusing worshipers shocked Guterres": Guterres reacts (source), X is what he reacts to."""
    source = next((child for child in verb.children if child.dep_ in ("dobj", "obj")), None)
    if source is None:  # "surprised and disgusted Guterres", parsed as a conjunct or hung elsewhere
        source = next((child for child in verb.children if child.dep_ == "conj" and child.pos_ in
                       ("PROPN", "NOUN") and actors_of(child, index)), None)
    if source is None:
        source = _next_actor(verb, index)
    subject = subject_of(verb)
    target = None
    if subject is not None:
        target = next((token for token in subject.subtree if token.i in index and
                       index[token.i].actor.country), None)
    return source, target


def _next_actor(verb: Token, index: dict[int, ActorMention]) -> Token | None:
    """The actor named right after `verb` in its clause (up to the next comma), by its head token."""
    for token in verb.doc[verb.i + 1: verb.sent.end]:
        if token.is_punct and token.text in ",;:":
            return None
        mention = index.get(token.i)
        if mention is not None and token.pos_ in ("PROPN", "NOUN"):
            return token.doc[mention.start:mention.end].root
    return None


def shown_actor(subject: Token, index: dict[int, ActorMention]) -> Token | None:
    """"Images showing Israeli police beating X": the actor of the event is the one the images show."""
    for child in subject.children:
        if child.dep_ == "acl" and child.tag_ == "VBG":
            shown = next((grand for grand in child.children if grand.dep_ in ("dobj", "obj")), None)
            if shown is not None and actors_of(shown, index):
                return shown
    return None


def listed_object_subject(noun: Token) -> Token | None:
    """The subject of the verb whose object list a noun ends: "Armenia declared martial law and a general
    mobilisation" - the mobilisation is Armenia's, though the light verb took only the first object."""
    head = noun
    for _ in range(4):
        if head.dep_ != "conj":
            break
        head = head.head
    if head is noun or head.dep_ not in ("dobj", "obj") or head.head.pos_ not in ("VERB", "AUX"):
        return None
    return subject_of(head.head)


def deal_to_act(verb: Token, agreeing_verbs: frozenset[str]) -> bool:
    """ "reached a deal to hold elections": an agreement on a future act, not the signing of a text.
    `agreeing_verbs` is the pattern book's list (data/events/verb_patterns.yaml)."""
    if verb.lemma_.lower() not in agreeing_verbs:
        return False
    for child in verb.children:
        if child.dep_ in ("dobj", "obj") and any(
                grand.dep_ in ("acl", "relcl") and any(t.tag_ == "TO" for t in grand.children)
                for grand in child.children):
            return True
        if child.dep_ in ("advcl", "xcomp") and any(t.tag_ == "TO" for t in child.children):
            return True  # the parser often hangs "to hold" on the verb
    return False


def purpose_clause(verb: Token) -> Token | None:
    """The to-infinitive purpose clause of a verb: "defied a lockdown to torch buildings" -> torch; also when the
    parser hangs it on the object ("defied a ban to rally", acl of "ban")."""
    for child in verb.children:
        if child.dep_ in ("advcl", "xcomp") and child.pos_ == "VERB" and any(t.tag_ == "TO" for t in child.children):
            return child
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            for grand in child.children:
                if grand.dep_ == "acl" and grand.pos_ == "VERB" and any(t.tag_ == "TO" for t in grand.children):
                    return grand
    return None


def object_lemmas(verb: Token) -> set[str]:
    """Lemmas of a verb's direct objects and of the nouns after their "of" ("a state of emergency" -> emergency)."""
    found = set()
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            found.add(child.lemma_.lower())
            found.update(pobj.lemma_.lower() for prep in child.children if prep.dep_ == "prep"
                         for pobj in prep.children if pobj.dep_ == "pobj")
    return found


def defiant_act(verb: Token, lemma: str, defiance_verbs: frozenset[str], restrictions: frozenset[str]) -> Token | None:
    """The act done in defiance of a restriction: "defied a lockdown to torch buildings" -> torch. The word lists
    come from the pattern book (data/events/verb_patterns.yaml `defiance_verbs`, `defied_restrictions`)."""
    if lemma not in defiance_verbs or not object_lemmas(verb) & restrictions:
        return None
    return purpose_clause(verb)
