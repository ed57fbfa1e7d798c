"""Place names the entity recogniser left unlabelled (or took for a nationality: "in Omdurman"), where the sentence
itself says they are places: "the Ukrainian city of Kharkiv", "fighting in Bakhmut". The small English model misses many names of towns in the news; without a
label the event has no location and the strike on the town no target country.

Only names the gazetteer knows, and only in two frames: the object of "city of", "town of" and the like, and the object
of a locative preposition. A name elsewhere ("Jackson said", "Lincoln's speech") is left alone: many surnames are towns.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from dateline.actors.gazetteer import PLACE_LABELS, PLACE_NOUNS, resolve_place

LOCATIVE_PREPOSITIONS = frozenset({"in", "near", "outside", "around", "into", "across", "throughout"})
# Capitalised words of ordinary prose that the gazetteer also knows as towns ("belief in God": Göd, Hungary).
NOT_PLACES = frozenset({"god"})
PLACE_LABEL = "GPE"
TITLE_CASE_SHARE = 0.6  # a sentence with this share of capitalised words is a headline in title case: anything goes


def label_unlabelled_places(doc: Doc) -> Doc:
    """Add a GPE entity over each unlabelled proper name in a place frame that the gazetteer resolves, and make one
    of each such name tagged NORP."""
    found: list[Span] = []
    taken = -1
    for token in doc:
        if token.i <= taken or not _unlabelled_name(token):
            continue
        span = _name_at(doc, token)
        taken = span.end - 1
        if (span.text.lower() in NOT_PLACES or not _in_place_frame(span.root) or _title_case(span.sent)
                or _followed_by_noun(span) or resolve_place(span.text) is None):
            continue
        found.append(Span(doc, span.start, span.end, label=PLACE_LABEL))
    relabelled = [ent for ent in doc.ents if ent.label_ == "NORP" and _in_place_frame(ent.root)
                  and ent.root.pos_ == "PROPN" and resolve_place(ent.text) is not None]
    if relabelled:  # "in Omdurman" tagged as a nationality
        kept = [ent for ent in doc.ents if ent not in relabelled]
        doc.ents = sorted(kept + [Span(doc, ent.start, ent.end, label=PLACE_LABEL) for ent in relabelled] + found,
                          key=lambda ent: ent.start)
    elif found:
        doc.set_ents(found, default="unmodified")
    return doc


def _unlabelled_name(token: Token) -> bool:
    return not token.ent_type_ and token.pos_ == "PROPN" and token.text[:1].isupper()


def _name_at(doc: Doc, token: Token) -> Span:
    """The whole run of unlabelled capitalised proper nouns from `token` ("Place Vendome", not "Vendome" alone)."""
    end = token.i + 1
    while end < len(doc) and _unlabelled_name(doc[end]):
        end += 1
    return doc[token.i:end]


def _followed_by_noun(span: Span) -> bool:
    """"Jackson's", "Kharkiv region": a possessive or a noun after the name makes it a modifier, not the place; and
    "Hit and Run Accidents" is a title: the name is joined to a capitalised word that is no place."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is None:
        return False
    if after.tag_ == "POS" or after.pos_ in ("NOUN", "PROPN"):
        return True
    joined = doc[span.end + 1] if after.lower_ in ("and", "&") and span.end + 1 < len(doc) else None
    return (joined is not None and joined.text[:1].isupper() and joined.ent_type_ not in PLACE_LABELS
            and resolve_place(joined.text) is None)


def _title_case(sentence: Span) -> bool:
    words = [token for token in sentence if token.is_alpha]
    return bool(words) and sum(token.text[:1].isupper() for token in words) >= TITLE_CASE_SHARE * len(words)


def _in_place_frame(root: Token) -> bool:
    """The name is the object of "of" on a place noun, or of a locative preposition."""
    if root.dep_ != "pobj":
        return False
    prep = root.head
    if prep.lower_ == "of":
        return prep.head.lemma_.lower() in PLACE_NOUNS
    return prep.lower_ in LOCATIVE_PREPOSITIONS
