"""Small walks over spaCy's dependency tree that several stages share."""

from __future__ import annotations

from spacy.tokens import Token


def conjuncts(head: Token) -> list[Token]:
    """`head` and every token conjoined with it, in text order ("Hungarian and Romanian", "Iran, Turkey and others",
    "protesters and police")."""
    found, stack = [], [head]
    while stack:
        token = stack.pop()
        found.append(token)
        stack.extend(child for child in token.children if child.dep_ == "conj")
    return sorted(found, key=lambda token: token.i)


def lemma_with_particle(token: Token) -> str:
    """The lower-cased lemma with the verb's particle, when it has one: "check out" is not "check in", and "call off"
    is not "call"."""
    particle = next((child for child in token.children if child.dep_ == "prt"), None)
    lemma = token.lemma_.lower()
    return f"{lemma} {particle.lemma_.lower()}" if particle is not None else lemma
