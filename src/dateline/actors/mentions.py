"""Look up the actor behind a token or a noun phrase; the events and quotes stages call these many times per doc.

The first call on a document builds a token-index -> mention map (cached in `doc.user_data`), so every later call
is a list index, not a scan of the mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline.nlp.extensions import ActorMention
from dateline.nlp.tree import conjuncts
from dateline.records import ActorRef

INDEX_KEY = "dateline.actor_index"
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})  # "Israeli attacks", "Iran's call"


def _index(doc: Doc) -> list[ActorMention | None]:
    mentions = doc._.actor_mentions or []
    cached = doc.user_data.get(INDEX_KEY)
    if cached is not None and cached[0] == len(mentions):
        return cached[1]
    index: list[ActorMention | None] = [None] * len(doc)
    for mention in mentions:
        for i in range(mention.start, mention.end):
            if index[i] is None:
                index[i] = mention
    doc.user_data[INDEX_KEY] = (len(mentions), index)
    return index


def mention_for_token(doc: Doc, token: Token) -> ActorMention | None:
    """The mention containing the token, else one whose head modifies it ("Israeli" in "Israeli attacks")."""
    index = _index(doc)
    mention = index[token.i]
    if mention is not None:
        return mention
    for child in token.children:
        if child.dep_ in MODIFIER_DEPS and index[child.i] is not None:
            return index[child.i]
    return None


def actor_for_token(doc: Doc, token: Token) -> ActorRef | None:
    mention = mention_for_token(doc, token)
    return mention.actor if mention else None


def actor_for_span(doc: Doc, span: Span) -> ActorRef | None:
    """The actor a noun phrase refers to: the mention covering its head, else the first mention inside it."""
    actor = actor_for_token(doc, span.root)
    if actor is not None:
        return actor
    index = _index(doc)
    for i in range(span.start, span.end):
        if index[i] is not None:
            return index[i].actor
    return None


def actors_for_span(doc: Doc, span: Span) -> list[ActorRef]:
    """Every conjoined actor of a phrase ("Iran and Turkey", "the UN, Iran, Turkey and others"), in text order."""
    actors: list[ActorRef] = []
    seen: set[tuple[int, int]] = set()
    for token in conjuncts(span.root):
        if not span.start <= token.i < span.end:
            continue
        mention = mention_for_token(doc, token)
        if mention is not None and (mention.start, mention.end) not in seen:
            seen.add((mention.start, mention.end))
            actors.append(mention.actor)
    if not actors:
        actor = actor_for_span(doc, span)
        return [actor] if actor else []
    return actors
