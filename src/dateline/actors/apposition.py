"""Names beside names: a role and the name in apposition to it ("The Kremlin spokesman, Dmitry Peskov,"), and an
organisation's initials standing for its full name later in the text ("Rapid Support Forces" ... "RSF")."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from dateline.nlp.extensions import ActorMention


def initials(name: str) -> str:
    """"Rapid Support Forces" -> "RSF"; small words ("of", "the", "for") are skipped."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def named_by_apposition(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """A role and a name in apposition are one person, and the name says who ("The Kremlin spokesman, Dmitry Peskov,"
    or "Dmitry Peskov, the Kremlin spokesman,"), whoever the role table would have picked for the role alone."""
    # Only a known person: "two Canadian citizens, Michael Kovrig and ..." keep the country the role phrase gives.
    named = {i: m for m in mentions if m.how in ("name", "surname") and m.actor.kb_id for i in range(m.start, m.end)}
    result = []
    for mention in mentions:
        if mention.how == "role":
            root = doc[mention.start:mention.end].root
            partners = [child for child in root.children if child.dep_ == "appos"]
            partners += [root.head] if root.dep_ == "appos" else []
            name = next((named[p.i] for p in partners if p.i in named), None)
            if name is not None:
                mention = replace(mention, actor=replace(name.actor, text=mention.actor.text))
        result.append(mention)
    return result
