"""The actor knowledge base: countries, organisations, sector words, loaded aliases and people with dated roles.

Everything comes from the data files in `dateline/data/actors/` (see SOURCES.md there); `load_kb()` reads them once
per process and builds the lookup indexes. Lookups are date-aware because titles change hands: "Iran's president" is
Ebrahim Raisi in April 2023 and Masoud Pezeshkian in 2025.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from dateline import tables
from dateline.records import ActorRef

DATA_PACKAGE = "dateline.data"
ORG_PREFIX = "org:"
STATELESS = ("IGO", "NGO", "IMG")  # CAMEO pseudo-countries: intergovernmental, non-governmental, militarised groups

# A role asked for in text may be held under a related key: "the Saudi leader" is the king, "the OIC chief" its
# secretary general, "the EU's top diplomat" its high representative.
ROLE_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "leader": ("supreme_leader", "leader", "president", "king", "queen", "emir", "sultan", "chancellor",
               "prime_minister", "chairperson"),
    "king": ("king", "queen"),
    "queen": ("queen", "king"),
    "monarch": ("king", "queen", "emir", "sultan", "emperor"),
    "foreign_minister": ("foreign_minister", "high_representative"),
    "secretary_general": ("secretary_general", "director_general", "chairperson", "leader"),
    "president": ("president", "commission_president"),
    "prime_minister": ("prime_minister", "chancellor"),
    "chancellor": ("chancellor",),
}
# Roles that outrank others when a person held several at once (for the sector and country of a bare name).
ROLE_RANK = ("supreme_leader", "king", "queen", "emir", "sultan", "president", "chancellor", "prime_minister",
             "secretary_general", "foreign_minister")


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@dataclass(frozen=True)
class Organisation:
    org_id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    code: str


@dataclass(frozen=True)
class SectorWord:
    word: str
    sector: str
    role: str | None = None
    person: bool = False
    of: str | None = None  # the one country the office belongs to ("pope": VAT), so "the pope" needs no qualifier
    civilian: bool = False  # a title outside the state ("star", "contractor"): a country only from the text
    church_head: bool = False  # names the head of a church ("pope", "patriarch"): a church qualifier says whose


@dataclass(frozen=True)
class Church:
    """A church or denomination as a qualifier: where its head's see is and the role key its head holds."""

    names: tuple[str, ...]
    seat: str | None = None
    head: str | None = None


@dataclass(frozen=True)
class Alias:
    phrase: str
    target: str
    sector: str | None = None


@dataclass(frozen=True)
class Role:
    of: str  # ISO-3 or "org:<id>"
    role: str
    start: dt.date
    end: dt.date | None
    approx: bool = False

    def active(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Person:
    person_id: str
    name: str
    gender: str
    surname: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]

    @property
    def kb_id(self) -> str:
        return f"person:{self.person_id}"

    def role_on(self, on: dt.date) -> Role | None:
        """The role held on a date (highest-ranked if several), else the latest earlier one, else the first."""
        active = [role for role in self.roles if role.active(on)]
        if active:
            return min(active, key=_role_rank)
        earlier = [role for role in self.roles if role.start <= on]
        if earlier:
            return max(earlier, key=lambda role: role.start)
        return min(self.roles, key=lambda role: role.start) if self.roles else None


def _role_rank(role: Role) -> int:
    return ROLE_RANK.index(role.role) if role.role in ROLE_RANK else len(ROLE_RANK)


def slugify(text: str) -> str:
    """Stable ASCII-ish key for ids: "Gideon Sa'ar" -> "gideon-saar"."""
    text = unicodedata.normalize("NFKD", text.lower().replace("'", "").replace("’", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).replace("ı", "i")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass
class KnowledgeBase:
    """Typed tables plus the indexes the resolver needs; build with `load_kb()`."""

    countries: dict[str, Country]
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    sector_words: dict[str, SectorWord]
    sector_labels: dict[str, str]
    aliases: tuple[Alias, ...]
    churches: tuple[Church, ...] = ()
    church_bodies: frozenset[str] = frozenset()
    holders: dict[tuple[str, str], list[tuple[Role, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        holders: dict[tuple[str, str], list[tuple[Role, str]]] = defaultdict(list)
        for person in self.people.values():
            for role in person.roles:
                holders[(role.of, role.role)].append((role, person.person_id))
        self.holders = dict(holders)

    # ---- date-aware people lookups
    def holder(self, of: str, role: str, on: dt.date) -> Person | None:
        """Who held `role` (or an equivalent) for a country or "org:<id>" on a date; None when nobody is recorded."""
        for key in ROLE_EQUIVALENTS.get(role, (role,)):
            active = [(held, pid) for held, pid in self.holders.get((of, key), ()) if held.active(on)]
            if active:
                return self.people[min(active, key=lambda item: item[0].approx)[1]]
        return None

    def served(self, person_id: str, countries: tuple[str, ...]) -> bool:
        """Whether a person held office for one of the countries (ISO-3), an organisation's home country included."""
        return any(self.country_of(role.of) in countries for role in self.people[person_id].roles)

    def country_of(self, of: str) -> str | None:
        """The country an office belongs to: an ISO-3 code as is, "org:<id>" as the organisation's home country."""
        if of.startswith(ORG_PREFIX):
            org = self.organisations.get(of[len(ORG_PREFIX):])
            return org.country if org is not None else None
        return of

    def sector_of_role(self, role: Role) -> str:
        if role.of.startswith(ORG_PREFIX):
            org = self.organisations.get(role.of[len(ORG_PREFIX):])
            return org.sector if org else "GOV"
        word = self.sector_words.get(role.role.replace("_", " "))
        return word.sector if word else "GOV"

    # ---- ActorRef builders
    def country_ref(self, iso3: str, text: str, sector: str | None = None, framing: str | None = None) -> ActorRef:
        country = self.countries.get(iso3)
        return ActorRef(text=text, name=country.name if country else iso3, country=iso3, sector=sector,
                        code=iso3 + (sector or ""), kb_id=f"country:{iso3}", framing=framing)

    def org_ref(self, org_id: str, text: str, framing: str | None = None) -> ActorRef:
        org = self.organisations[org_id]
        return ActorRef(text=text, name=org.name, country=org.country, sector=org.sector, code=org.code,
                        kb_id=f"org:{org_id}", framing=framing)

    def person_ref(self, person_id: str, text: str, on: dt.date, role: Role | None = None) -> ActorRef:
        """A person as an actor: country, sector and code come from `role`, by default the role held on the date."""
        person = self.people[person_id]
        role = role or person.role_on(on)
        country = sector = code = None
        if role is not None:
            sector = self.sector_of_role(role)
            if role.of.startswith(ORG_PREFIX):
                org = self.organisations.get(role.of[len(ORG_PREFIX):])
                if org is not None:
                    country, code = org.country, org.code
            else:
                country, code = role.of, role.of + sector
        return ActorRef(text=text, name=person.name, country=country, sector=sector, code=code, kb_id=person.kb_id)

    def ref_for_target(self, target: str, text: str, sector: str | None = None, framing: str | None = None,
                       on: dt.date | None = None) -> ActorRef:
        """Resolve an alias target ("country:ISR", "org:hamas", "person:<id>")."""
        kind, _, key = target.partition(":")
        if kind == "country":
            return self.country_ref(key, text, sector, framing)
        if kind == "org":
            ref = self.org_ref(key, text, framing)
            return ref
        ref = self.person_ref(key, text, on or dt.date.today())
        return ActorRef(**{**ref.to_dict(), "framing": framing})


# ---------------------------------------------------------------- loading


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _as_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _read_text(data_dir: Path | None, name: str) -> str:
    if data_dir is not None:
        return (data_dir / name).read_text(encoding="utf-8")
    return resources.files(DATA_PACKAGE).joinpath("actors").joinpath(name).read_text(encoding="utf-8")


def _load_yaml(data_dir: Path | None, name: str) -> object:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(_read_text(data_dir, name), Loader=loader)


def read_countries(data_dir: Path | None = None) -> dict[str, Country]:
    rows = tables.parse_tsv(_read_text(data_dir, "countries.tsv").splitlines(), "countries.tsv")
    countries = {}
    for row in rows:
        names = _split(row["names"])
        countries[row["iso3"]] = Country(row["iso3"], row["iso2"], names[0], names, _split(row["adjectives"]),
                                         _split(row["demonyms"]), _split(row["capitals"]))
    return countries


def read_organisations(data_dir: Path | None = None) -> dict[str, Organisation]:
    rows = _load_yaml(data_dir, "organisations.yaml") or []
    return {
        row["id"]: Organisation(row["id"], row["name"], tuple(row.get("aliases") or ()), row["country"],
                                row["sector"], row["code"])
        for row in rows
    }


def read_sectors(data_dir: Path | None = None) -> tuple[dict[str, str], dict[str, SectorWord]]:
    data = _load_yaml(data_dir, "sectors.yaml")
    words = {
        word.lower(): SectorWord(word.lower(), spec["sector"], spec.get("role"), bool(spec.get("person")),
                                 spec.get("of"), bool(spec.get("civilian")), bool(spec.get("church_head")))
        for word, spec in data["words"].items()
    }
    return dict(data["sectors"]), words


def read_aliases(data_dir: Path | None = None) -> tuple[Alias, ...]:
    rows = _load_yaml(data_dir, "aliases.yaml") or []
    return tuple(Alias(row["phrase"], row["target"], row.get("sector")) for row in rows)


def read_churches(data_dir: Path | None = None) -> tuple[tuple[Church, ...], frozenset[str]]:
    data = _load_yaml(data_dir, "churches.yaml") or {}
    churches = tuple(Church(tuple(row["names"]), row.get("seat"), row.get("head")) for row in data.get("churches") or ())
    return churches, frozenset(word.lower() for word in data.get("bodies") or ())


PEOPLE_FILES = ("people.yaml", "people_regions.yaml")  # G20, the Middle East and bodies; the other regions


def read_people(data_dir: Path | None = None) -> dict[str, Person]:
    people: dict[str, Person] = {}
    rows = [(name, row) for name in PEOPLE_FILES for row in _load_yaml(data_dir, name) or []]
    for name, row in rows:
        person_id = row.get("id") or slugify(row["name"])
        if person_id in people:
            raise ValueError(f"{name}: {row['name']} is listed twice (id {person_id})")
        surname = row["surname"] if "surname" in row else row["name"].split()[-1]
        roles = tuple(
            Role(str(item[0]), str(item[1]), _as_date(item[2]), _as_date(item[3]),
                 len(item) > 4 and item[4] == "approx")
            for item in row.get("roles") or ()
        )
        people[person_id] = Person(person_id, row["name"], row.get("gender", "m"), surname,
                                   tuple(row.get("aliases") or ()), roles)
    return people


def build_kb(data_dir: Path | None = None) -> KnowledgeBase:
    """Read every table (from `data_dir`, or the packaged data) into a KnowledgeBase."""
    sector_labels, sector_words = read_sectors(data_dir)
    churches, church_bodies = read_churches(data_dir)
    return KnowledgeBase(
        countries=read_countries(data_dir),
        organisations=read_organisations(data_dir),
        people=read_people(data_dir),
        sector_words=sector_words,
        sector_labels=sector_labels,
        aliases=read_aliases(data_dir),
        churches=churches,
        church_bodies=church_bodies,
    )


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The packaged knowledge base, read once per process."""
    return build_kb()
