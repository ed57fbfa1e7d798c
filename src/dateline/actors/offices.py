"""Which office a phrase gives a person: the stated title against the knowledge-base record, and church heads.

CAMEO codes an actor by the office held when the event happens, so a known person keeps his knowledge-base id
whatever the phrase says, and his code follows these rules:
- a title the person held on the publication date picks that role among several held at once;
- any other role held on the date wins over the phrase: "former Portuguese prime minister Antonio Guterres" speaks
  as UN secretary-general (IGOUNO), and a loose or mistaken nationality does not move him;
- with no role on the date the record is out of date or the person has left office: a title marked "former" ("ex-",
  "the late", "then-") makes him one of CAMEO's elites (ELI: former officials out of office) of that country, and an
  unmarked title is taken as his current role ("Israeli opposition leader Benjamin Netanyahu" between his terms).
A former title without a known name never finds today's holder ("Iran's former president" is IRN ELI, not the
sitting president), and a former state title is ELI for people the knowledge base does not list either.
A church named before a church head's title ("the Coptic pope", "the Maronite patriarch") says whose head is meant:
the office is that church's, never the Roman pope's.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from dateline.actors.kb import ORG_PREFIX, ROLE_EQUIVALENTS, STATELESS, Church, KnowledgeBase, Role, SectorWord
from dateline.actors.lexicon import Hit
from dateline.records import ActorRef

FORMER_MARKERS = frozenset({"former", "onetime", "one-time", "erstwhile", "late", "retired", "ousted", "deposed",
                            "exiled"})
HYPHENED_MARKERS = frozenset({"ex", "then"})  # past only when hyphenated: "ex-President", "then-Senator"
ELITE_SECTOR = "ELI"
RELIGIOUS_SECTOR = "REL"
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})  # whose former members are CAMEO elites
LEADER_ROLE = "leader"
JOINERS = frozenset({"-", "the"})


def is_former(doc: Doc, start: int, title_end: int) -> bool:
    """Whether a marker of a past office stands right before the phrase or inside its title: "former U.S.
    president", "Iran's former president", "ex-President", "then-Secretary of State"."""
    k = start - 1
    while k >= 0 and doc[k].lower_ in JOINERS:
        k -= 1
    before = [doc[k]] if k >= 0 and k >= start - 3 else []
    for token in (*before, *doc[start:title_end]):
        word = token.lower_
        if word in FORMER_MARKERS or word.startswith(("ex-", "then-")):
            return True
        if word in HYPHENED_MARKERS and token.i + 1 < len(doc) and doc[token.i + 1].text == "-":
            return True
    return False


def past_sector(sector: str | None, former: bool) -> str | None:
    """The sector of someone out of the office a title names: a former minister or general is one of CAMEO's elites
    (ELI); a former star or bishop keeps his sector."""
    return ELITE_SECTOR if former and sector in STATE_SECTORS else sector


def names_church(kb: KnowledgeBase, doc: Doc, hit: Hit | None, body_follows: bool) -> bool:
    """Whether a church hit names the church as a body: followed by "Church" or "Patriarchate", or a name that
    holds such a word ("the Church of England"); "Coptic" in "Coptic Christmas" names no actor."""
    return hit is not None and (body_follows or any(token.lower_ in kb.church_bodies
                                                    for token in doc[hit.start:hit.end]))


def church_ref(kb: KnowledgeBase, church: Church, of: str | None, text: str) -> tuple[ActorRef, str]:
    """A church as an actor, with how it was found: a religious body (REL) of the country written before it
    ("the Russian Orthodox Church"), else of its head's see, else of no country yet (context may give one)."""
    country = of if of and not of.startswith(ORG_PREFIX) else church.seat
    if country:
        return kb.country_ref(country, text, RELIGIOUS_SECTOR), "organisation"
    return ActorRef(text=text, sector=RELIGIOUS_SECTOR, code=RELIGIOUS_SECTOR), "role"


def church_office(church: Church | None, word: SectorWord, country: str | None) -> tuple[str | None, str | None] | None:
    """(whose office, which role) for a church head's title qualified by a church: "the Coptic pope" is Egypt's
    patriarch; a country written before the church wins over its see ("Russian Orthodox patriarch")."""
    if church is None or not (word.church_head or word.role == LEADER_ROLE):  # "the Anglican leader"
        return None
    return country or church.seat, church.head or word.role


def stated_person(kb: KnowledgeBase, person_id: str, text: str, on: dt.date, of: str | None,
                  word: SectorWord | None, body: str | None, former: bool) -> ActorRef:
    """A known person as the phrase states him (see the module docstring): `of` is the country or "org:<id>" the
    phrase names, `word` its title and `body` the body a title chain names ("opposition" leader)."""
    person = kb.people[person_id]
    active = [role for role in person.roles if role.active(on)]
    if word is not None and word.role and not former:
        for role in active:
            if role_matches(role, of, word.role):
                return kb.person_ref(person_id, text, on, role)
    record = kb.person_ref(person_id, text, on)
    if active or (of is None and word is None and body is None):
        return record
    if former:
        country = (kb.country_of(of) if of is not None else None) or record.country
        if country is None or country in STATELESS:
            return record
        return ActorRef(text=text, name=person.name, country=country, sector=ELITE_SECTOR,
                        code=country + ELITE_SECTOR, kb_id=person.kb_id)
    return _as_written(kb, record, of, word, body)


def _as_written(kb: KnowledgeBase, record: ActorRef, of: str | None, word: SectorWord | None,
                body: str | None) -> ActorRef:
    """The record with the country and sector the phrase gives, for a person whose record has no role on the date."""
    if of is not None and of.startswith(ORG_PREFIX):
        org = kb.organisations[of[len(ORG_PREFIX):]]
        return ActorRef(**{**record.to_dict(), "country": org.country, "sector": org.sector, "code": org.code})
    country = of or record.country
    sector = body or (word.sector if word is not None and not word.civilian else None) or record.sector
    if country is None:
        return record
    return ActorRef(**{**record.to_dict(), "country": country, "sector": sector, "code": country + (sector or "")})


def role_matches(role: Role, of: str | None, wanted: str) -> bool:
    """Whether a held role is the one a title asks for ("leader" covers a king or a president)."""
    return role.role in ROLE_EQUIVALENTS.get(wanted, (wanted,)) and of in (None, role.of)
