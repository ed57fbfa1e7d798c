"""Source and target actors of an event from the dependency parse, read through the actors stage's mentions.

An actor phrase is a noun's "core": the noun with its compounds, modifiers, possessor, appositions and "of" phrases
("Iran's President Ebrahim Raisi", "the president of Armenia"), never its relative clauses. Conjoined nouns give
compound actors ("Hungarian and Romanian officials", "the United States and Jordan").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.nlp.extensions import ActorMention
from dateline.records import ActorRef

CORE_DEPS = {"compound", "amod", "poss", "nmod", "appos", "flat", "det", "nummod", "case", "punct", "conj", "cc",
             "npadvmod", "quantmod"}
SUBJECT_DEPS = ("nsubj", "csubj", "expl")
TARGET_DEPS = ("dobj", "dative", "obj", "oprd")
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
            if child.dep_ in CORE_DEPS or (child.dep_ == "prep" and child.lower_ == "of"):
                stack.append(child)
            elif child.dep_ == "pobj" and token.lower_ == "of":
                stack.append(child)
    return tokens


def _conjuncts(head: Token) -> list[Token]:
    """`head` and the nouns or adjectives conjoined with it ("Hungarian and Romanian", "Iran, Turkey and others")."""
    found, stack = [], [head]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(child for child in token.children if child.dep_ == "conj")
    return found


def actors_of(head: Token | None, index: dict[int, ActorMention]) -> list[ActorRef]:
    """Every actor the phrase headed by `head` names: the mention over its head, or else those in its core; one per
    conjunct, and one per conjoined modifier ("Hungarian and Romanian officials")."""
    if head is None:
        return []
    found: list[ActorRef] = []
    for noun in _conjuncts(head):
        if noun.i in index:
            _add(found, index[noun.i].actor)
            continue
        core = sorted(_core_tokens(noun), key=lambda token: token.i)
        modifiers = [token for token in core if token.dep_ in ("amod", "compound", "poss", "nmod") and token.i in index]
        for modifier in modifiers:
            for part in _conjuncts(modifier):
                if part.i in index:
                    _add(found, index[part.i].actor)
        if not modifiers:
            for token in core:
                if token.i in index:
                    _add(found, index[token.i].actor)
                    break
    return found


def _add(found: list[ActorRef], actor: ActorRef) -> None:
    key = (actor.kb_id, actor.name, actor.country, actor.code)
    if all((a.kb_id, a.name, a.country, a.code) != key for a in found):
        found.append(actor)


def subject_of(verb: Token) -> Token | None:
    """The grammatical subject, inherited through xcomp/advcl/conj chains ("X stormed ... and attacked Y")."""
    token = verb
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


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the given prepositions under `token`, in the order of `preps`."""
    found = []
    for prep in preps:
        for child in token.children:
            if child.dep_ in ("prep", "dative") and child.lower_ == prep:
                pobj = _pobj(child)
                if pobj is not None:
                    found.append(pobj)
    return found


def clause_subject(clause: Token) -> Token | None:
    """The subject of a complement clause ("demanded that the body call ...")."""
    return next((child for child in clause.children if child.dep_ in ("nsubj", "nsubjpass")), None)
