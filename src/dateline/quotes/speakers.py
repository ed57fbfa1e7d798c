"""Who is speaking: the attributed noun phrase of a cue, and the actor it resolves to.

Resolution goes through the actors stage (`dateline.actors.actor_for_span`, which reads `doc._.actor_mentions`) when
it is installed. When it cannot resolve a phrase, two news conventions fill in: a named person or organisation inside
the phrase is the speaker ("Guterres' spokesperson Stephane Dujarric" -> Stephane Dujarric), and "he"/"she" refers to
the last named speaker of the article.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Span, Token

from dateline.actors.names import shares_name
from dateline.records import ActorRef

log = logging.getLogger(__name__)

SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
TRIMMED_DEPS = {"relcl", "acl", "punct", "cc", "advcl"}  # "X, who was visiting Paris," is not part of the name
PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "we", "it"}
NAME_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
MAX_SPEAKER_TOKENS = 14

Resolver = Callable[[object, Span], ActorRef | None]


@lru_cache(maxsize=1)
def actors_resolver() -> Resolver | None:
    """`dateline.actors.actor_for_span` if the actors stage provides it, else None (quotes then resolve alone)."""
    try:
        module = importlib.import_module("dateline.actors")
    except ImportError:  # pragma: no cover - the package always exists; its function may not yet
        return None
    return getattr(module, "actor_for_span", None)


def subject_of(verb: Token, is_cue: Callable[[Token], bool] = lambda token: False) -> Token | None:
    """The grammatical subject of a cue verb. Coordinated verbs share it ("criticised Israel and asserted that..."),
    a cue the parser hung inside another cue's clause ("stated that X should meet and declared that...") shares
    that cue's subject, and so does a participle ("told parliament, adding that ...").
    """
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
            if child.dep_ == "agent":  # "it was stated by the ministry"
                return next((grand for grand in child.children if grand.dep_ == "pobj"), None)
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head != verb:
            verb = verb.head  # "..., adding that ...": the speaker of the verb the participle hangs from
            continue
        if verb.dep_ != "conj" or verb.head == verb:
            return None
        host = verb.head
        verb = host.head if host.dep_ == "ccomp" and not is_cue(host) and is_cue(host.head) else host
    return None


def phrase_of(head: Token) -> Span:
    """The noun phrase headed by `head`: its subtree without relative clauses and trailing punctuation."""
    doc = head.doc
    kept = [head.i]
    stack = [child for child in head.children if child.dep_ not in TRIMMED_DEPS]
    while stack:
        token = stack.pop()
        kept.append(token.i)
        stack.extend(child for child in token.children if child.dep_ not in {"relcl", "acl"})
    start, end = min(kept), max(kept) + 1
    while end - start > 1 and doc[end - 1].is_punct:
        end -= 1
    while end - start > 1 and doc[start].is_punct:
        start += 1
    if end - start > MAX_SPEAKER_TOKENS:
        start = max(start, head.i - MAX_SPEAKER_TOKENS + 1)
        end = min(end, head.i + 1)
    return doc[start:end]


def named_part(span: Span) -> Span | None:
    """The name inside a speaker phrase: the entity holding the phrase's root, else the last PERSON/ORG in it."""
    ents = [ent for ent in span.ents if ent.label_ in NAME_LABELS]
    for ent in ents:
        if ent.start <= span.root.i < ent.end:
            return ent
    people = [ent for ent in ents if ent.label_ in {"PERSON", "ORG"}]
    if people:
        return people[-1]
    root = span.root
    if root.text[:1].isupper() and root.pos_ in {"PROPN", "NOUN"} and root.i > span.start:
        start = root.i
        while start > span.start and span.doc[start - 1].text[:1].isupper() and span.doc[start - 1].pos_ == "PROPN":
            start -= 1
        return span.doc[start : root.i + 1]
    if root.text[:1].isupper() and root.pos_ in {"PROPN", "NOUN"} and root.i == span.start:
        return span.doc[root.i : root.i + 1]
    return None


def _from_mentions(span: Span) -> ActorRef | None:
    """The actor mention holding the phrase's root, else the last one inside the phrase."""
    mentions = [m for m in span.doc._.actor_mentions or () if m.start < span.end and m.end > span.start]
    for mention in mentions:
        if mention.start <= span.root.i < mention.end:
            return mention.actor
    return mentions[-1].actor if mentions else None


def _names_someone_else(actor: ActorRef, named: Span | None, span: Span) -> bool:
    """True when the phrase is about a named person other than `actor` ("Guterres' spokesperson Stephane Dujarric")."""
    if named is None or actor.name is None or not named.start <= span.root.i < named.end:
        return False
    return not shares_name(named.text, actor.name)


def _with_text(actor: ActorRef, text: str) -> ActorRef:
    if actor.text == text:
        return actor
    return ActorRef(text, actor.name, actor.country, actor.sector, actor.code, actor.kb_id, actor.framing)


def antecedent(span: Span, sentences_back: int = 3) -> Span | None:
    """The person a bare "he"/"she" most likely means: the last PERSON that is a subject (or passive agent) in the
    nearest earlier sentence that has one. People in adjuncts ("a call with his counterpart Joko Widodo") are
    rarely the speaker."""
    doc = span.doc
    sent = span.sent
    for _ in range(sentences_back):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        people = [
            ent
            for ent in sent.ents
            if ent.label_ == "PERSON"
            and (ent.root.dep_ in SUBJECT_DEPS or ent.root.dep_ == "pobj" and ent.root.head.dep_ == "agent")
        ]
        if people:
            return people[-1]
    return None


def resolve_speaker(span: Span, previous: ActorRef | None, previous_end: int = -1) -> ActorRef:
    """Resolve a speaker phrase to an actor; `text` stays the phrase as written.

    `previous` is the article's last named speaker (ending at char `previous_end`); a bare "he" or "she" means them
    unless a person subject was named since.
    """
    resolver = actors_resolver()
    actor = None
    if resolver is not None:
        try:
            actor = resolver(span.doc, span)
        except Exception:  # the actors stage failing on one phrase must not lose the quote
            log.exception("actor_for_span failed on %r", span.text)
    actor = actor or _from_mentions(span)
    named = named_part(span)
    if actor is not None and (actor.name or actor.kb_id) and not _names_someone_else(actor, named, span):
        return _with_text(actor, span.text)
    if named is not None:
        return ActorRef(span.text, named.text)
    lowered = span.text.lower()
    if lowered in PERSONAL_PRONOUNS:
        person = antecedent(span)
        if person is not None and person.start_char > previous_end:
            return ActorRef(span.text, person.text)
    if previous is not None and lowered in PERSONAL_PRONOUNS | GROUP_PRONOUNS:
        return _with_text(previous, span.text)
    return ActorRef(span.text)
