"""Read the title of a noun phrase: the sector words and other role nouns between a country or body and a name.

News writes a person's title as a chain of nouns: "Venezuelan opposition leader Juan Guaido", "U.S. intelligence
contractor Edward Snowden", "WNBA star Brittney Griner", "Russian chess grandmaster Garry Kasparov". The chain's
last sector word is the head (it says whether one person is meant and which office to look up); a sector word
modifying it names the body the person belongs to, and that body's sector wins over a generic head: an opposition
leader is opposition (OPP), not the government's leader, and a military spokesman speaks for the military (MIL).
Nouns the lexicon does not know ("basketball star", "chess grandmaster") may stand between the country and the name:
the country still belongs to the person.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dateline.actors import lexicon as lx
from dateline.actors.kb import KnowledgeBase

MAX_NAME_TOKENS = 4
MAX_ROLE_NOUNS = 3  # unknown nouns between a country and a name: "U.S. women's basketball star"
ROLE_NOUN_POS = frozenset({"ADJ", "NOUN", "PROPN"})
NOT_PERSON_ENTS = frozenset({"GPE", "NORP", "LOC", "DATE", "TIME", "FAC", "EVENT", "LAW", "CARDINAL", "ORDINAL"})
GENERIC_SECTOR = "GOV"
# Heads whose sector only says "someone of rank" (leader, officials, officers, party): the body named before them is
# the better sector. Other heads name an institution of their own ("opposition newspaper" is media).
RANK_SECTORS = frozenset({"GOV", "MIL", "PTY"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss", "case"})


class TitleReader:
    """Title lookups over one document's lexicon hits and person entities."""

    def __init__(self, doc: Doc, at: dict[int, lx.Hit], person_ents: dict[int, Span], kb: KnowledgeBase) -> None:
        self.doc, self.at, self.person_ents, self.kb = doc, at, person_ents, kb

    def personal(self, title: lx.Hit | None) -> bool:
        """Whether a title names one person ("leader", "star"), or is absent."""
        return title is None or self.kb.sector_words[title.keys[0]].person

    def modifier_only(self, start: int, end: int, determiner: bool) -> bool:
        """A bare sector word modifying another noun is no actor: "military aid", "opposition newspaper"."""
        if end - start != 1 or determiner:
            return False
        token = self.doc[start]
        return token.dep_ in ("amod", "compound") and token.head.i > token.i

    def title_at(self, j: int) -> lx.Hit | None:
        """A sector word at j, allowing up to two unmatched modifiers before it ("Israeli security personnel")."""
        doc = self.doc
        for k in range(j, min(j + 3, len(doc))):
            hit = self.at.get(k)
            if hit is not None:
                return hit if hit.kind == lx.SECTOR else None
            if doc[k].pos_ not in ROLE_NOUN_POS or doc[k].ent_type_ == "PERSON":
                return None
        return None

    def chain(self, first: lx.Hit) -> tuple[lx.Hit, str | None]:
        """The head of a title that starts with `first`, and the sector of the body a modifying sector word names
        when the head is a person or a rank ("opposition leader": OPP, "intelligence officers": SPY), else None:
        an institution keeps its own sector ("opposition newspaper" is MED, "government forces" are MIL)."""
        head, j = first, first.end
        while (following := self.title_at(j)) is not None:
            head, j = following, following.end
        return head, (None if head is first else self._body_sector(first, head))

    def _body_sector(self, body: lx.Hit, head: lx.Hit) -> str | None:
        """The sector of the body a sector word names, when it overrides the head's: the head is a person or a rank
        and the body is neither of the head's sector nor the generic one."""
        sector = self.kb.sector_words[body.keys[0]].sector
        own = self.kb.sector_words[head.keys[0]]
        overridable = own.person or own.sector in RANK_SECTORS
        return sector if overridable and sector not in (own.sector, GENERIC_SECTOR) else None

    def given_name(self, hit: lx.Hit) -> bool:
        """A surname hit that opens a longer person name is a given name there: "Qassem" in "Qassem Soleimani" is
        not Naim Qassem."""
        ent = self.person_ents.get(hit.start)
        return hit.kind == lx.SURNAME and ent is not None and ent.end > hit.end

    def name_after(self, j: int, capitalised: bool = False) -> int | None:
        """Where a person's name starts after up to three role nouns the lexicon does not know ("basketball star
        Brittney Griner", "chess grandmaster Garry Kasparov"); None when no name follows. With `capitalised`, only
        title-cased nouns count ("Police Commissioner Joseph Mbugua", not "Police allege Eric ...")."""
        doc = self.doc
        for k in range(j, min(j + MAX_ROLE_NOUNS + 1, len(doc))):
            hit = self.at.get(k)
            if k in self.person_ents or (hit is not None and hit.kind in (lx.PERSON, lx.SURNAME)):
                return k if k > j and self._modifies_name(j, k) else None
            token = doc[k]
            if hit is not None or token.pos_ not in ROLE_NOUN_POS or token.ent_type_ in NOT_PERSON_ENTS or (
                    capitalised and not token.text[:1].isupper()):
                return None
        return None

    def _modifies_name(self, j: int, k: int) -> bool:
        """Whether the words in [j, k) modify the name starting at k in the parse ("star" in "basketball star
        Brittney Griner"), rather than being a verb the tagger took for a noun ("Police allege Eric ...")."""
        doc, ent = self.doc, self.person_ents.get(k)
        end = ent.end if ent is not None else self.at[k].end
        name = doc[k:end].root
        for i in range(j, k):
            token = doc[i]
            if token.dep_ in MODIFIER_DEPS and i < token.head.i < end:
                continue
            if i == k - 1 and name.dep_ == "appos" and name.head.i == i:  # "frontman Abu Musab al-Zarqawi"
                continue
            return False
        return True

    def titled_name(self, j: int) -> Span | None:
        """Capitalised proper nouns right after a personal title, which the entity recogniser missed or took for an
        organisation ("Vice-President Moody Awori"): a title followed by a name is a person."""
        doc, k = self.doc, j
        while k < len(doc) and k - j < MAX_NAME_TOKENS and k not in self.at and doc[k].pos_ == "PROPN" and \
                doc[k].text[:1].isupper() and doc[k].ent_type_ not in NOT_PERSON_ENTS:
            k += 1
        return doc[j:k] if k > j else None

    def postmodifier(self, j: int) -> lx.Hit | None:
        """The body a title belongs to when it follows: "the secretary general of the OIC", "spokesman for Iran"."""
        hit = self._after_of(j)
        if self._owned(hit):
            owned = self.at.get(hit.end + 1)  # "spokesman for Yemen's Houthi movement": the movement, not Yemen
            hit = owned if owned is not None and owned.kind == lx.ORG else hit
        return hit if hit is not None and hit.kind in (lx.ORG, lx.COUNTRY, lx.ADJECTIVE) else None

    def postmodifier_body(self, j: int, head: lx.Hit) -> str | None:
        """The sector of a body a following country owns: "a spokesman for Israel's military" speaks for the military
        (MIL), as "an Israeli military spokesman" does; "for Iran's foreign ministry" adds nothing to a spokesman."""
        country = self._after_of(j)
        body = self.title_at(country.end + 1) if self._owned(country) else None
        return self._body_sector(body, head) if body is not None else None

    def _after_of(self, j: int) -> lx.Hit | None:
        """The lexicon hit an "of" or "for" at j introduces ("of the OIC", "for Iran")."""
        doc = self.doc
        if j >= len(doc) or doc[j].lower_ not in ("of", "for"):
            return None
        return self.at.get(j + 2 if j + 1 < len(doc) and doc[j + 1].lower_ == "the" else j + 1)

    def _owned(self, hit: lx.Hit | None) -> bool:
        """A country in the possessive, which owns what follows ("Yemen's", "Israel's")."""
        return hit is not None and hit.kind == lx.COUNTRY and hit.end < len(self.doc) and \
            self.doc[hit.end].tag_ == "POS"
