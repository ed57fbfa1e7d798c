"""What a coded clause covers: its content phrase, which is part of the event rather than an event of its own.

"demanded the release of X", "accused Y of violating rights and ignoring the law": what is demanded or alleged is the
content of the demand or accusation. Time clauses hung inside the content ("... after forces stormed X") stay events.
"""

from __future__ import annotations

from spacy.tokens import Token


def content_tokens(head: Token) -> set[int]:
    """Token indices of a content phrase, leaving out time clauses hung inside it ("... after forces stormed X")."""
    found, stack = set(), [head]
    while stack:
        token = stack.pop()
        found.add(token.i)
        stack.extend(child for child in token.children if not (
            child.dep_ in ("advcl", "relcl") and any(grand.dep_ == "mark" for grand in child.children)))
    return found


def listed_charge(child: Token) -> bool:
    """"accused X of violating rights, ignoring the law and sending ...": the parser hangs the later items of the
    list on the accusing verb as bare participle clauses; they are still what is alleged."""
    return child.dep_ == "advcl" and child.tag_ == "VBG" and not any(grand.dep_ == "mark" for grand in child.children) \
        and any(sibling.dep_ == "prep" and sibling.lower_ in ("of", "for") and sibling.i < child.i
                for sibling in child.head.children)
