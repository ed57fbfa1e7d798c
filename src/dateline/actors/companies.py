"""Companies named after a country are business actors of that country: "France Telecom", "Air India".

The lexicon finds "France" in "France Telecom" and would make the French state the actor of the company's job cuts.
When the parser reads a longer organisation name around a lone country, capital or nationality mention, and the rest
of the name holds no sector word ("Iranian Foreign Ministry", "Pakistan Army" keep their sector), the mention is
widened to the whole name and coded as the country's business sector (CAMEO "BUS"), the name kept as its text.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dateline.actors.kb import KnowledgeBase
from dateline.nlp.extensions import ActorMention
from dateline.records import ActorRef

BUSINESS = "BUS"
COUNTRY_HOWS = frozenset({"country", "capital", "nationality"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})


def as_companies(doc: Doc, mentions: list[ActorMention], kb: KnowledgeBase) -> list[ActorMention]:
    """The mentions with each company name's country mention replaced by the company as a business actor."""
    if not mentions:
        return mentions
    replaced: dict[int, ActorMention] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG" or len(ent) < 2:
            continue
        inside = [mention for mention in mentions if ent.start <= mention.start and mention.end <= ent.end]
        if len(inside) != 1 or inside[0].how not in COUNTRY_HOWS or _only_determiners_around(ent, inside[0]):
            continue  # "The White House" is the White House, not a company named after it
        if _has_sector_word(ent, inside[0], kb):
            continue
        country = inside[0].actor.country
        actor = ActorRef(text=ent.text, name=ent.text, country=country, sector=BUSINESS,
                         code=(country or "") + BUSINESS)
        replaced[id(inside[0])] = ActorMention(ent.start, ent.end, actor, "organisation")
    return [replaced.get(id(mention), mention) for mention in mentions] if replaced else mentions


def _only_determiners_around(ent: Span, mention: ActorMention) -> bool:
    return all(token.pos_ == "DET" or token.is_punct for token in ent if not mention.start <= token.i < mention.end)


def _has_sector_word(ent: Span, mention: ActorMention, kb: KnowledgeBase) -> bool:
    """Whether the name is an arm of the state or a group ("Pakistan Army", "Kenya National Union") or a phrase
    around a possessive ("Iran's nuclear agency")."""
    for token in ent:
        if mention.start <= token.i < mention.end:
            continue
        if token.text in POSSESSIVE_MARKS or token.lower_ in kb.sector_words or token.lemma_.lower() in kb.sector_words:
            return True
    return False
