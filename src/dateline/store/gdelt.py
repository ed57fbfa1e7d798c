"""The GDELT 2.0 Events column profile: merged events as the 61 tab-separated columns GDELT tooling reads.

Mapping (documented in docs/gdelt-profile.md): GLOBALEVENTID is the first 15 hex digits of event_id as an integer;
SQLDATE/MonthYear/Year/FractionDate from the event date; Actor{1,2}Code is the CAMEO actor code, Name the resolved
name, CountryCode the ISO-3/CAMEO country (GDELT uses the same three-letter codes), Type1Code the sector;
EventCode/BaseCode/RootCode from the CAMEO code; NumMentions = mentions; NumArticles = distinct documents;
NumSources = distinct publishers; AvgTone is not computed (empty); ActionGeo from the event location (country as
ISO-3, where GDELT itself uses FIPS 10-4: a documented difference); SOURCEURL is the first mention's document URI.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO, Any

from dateline.actors.gazetteer import place_kind
from dateline.store.duckdb_store import Store
from dateline.store.export import records

# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city (5, a state elsewhere, is not told apart here).
GEO_TYPES = {"country": "1", "us_state": "2", "us_city": "3", "city": "4"}
COLUMNS: tuple[str, ...] = tuple(
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code "
    "Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code "
    "Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles "
    "AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
    "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode "
    "Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type "
    "ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long "
    "ActionGeo_FeatureID DATEADDED SOURCEURL".split()
)
_IGO_PREFIXES = ("IGO", "NGO")


def _actor_columns(actor: dict[str, Any] | None) -> list[str]:
    if not actor:
        return [""] * 10
    country = actor.get("country") or ""
    known_group = (actor.get("code") or "")[3:6] if country in _IGO_PREFIXES else ""
    return [
        actor.get("code") or country + (actor.get("sector") or ""),  # an unknown country's police: "COP", as GDELT
        (actor.get("name") or actor.get("text") or "").upper(),
        "" if country in _IGO_PREFIXES else country,
        known_group,
        "", "", "",
        actor.get("sector") or "",
        "", "",
    ]  # fmt: skip


def _geo_columns(location: dict[str, Any] | None) -> list[str]:
    if not location:
        return [""] * 8
    has_point = location.get("lat") is not None
    kind = place_kind(location.get("name") or "", location.get("country"))
    return [
        GEO_TYPES[kind] if has_point else GEO_TYPES["country"],
        location.get("name") or "",
        location.get("country") or "",
        "", "",
        "" if not has_point else f"{location['lat']:.4f}",
        "" if not has_point else f"{location['lon']:.4f}",
        str(location.get("geonames_id") or ""),
    ]  # fmt: skip


def gdelt_rows(store: Store) -> Iterator[list[str]]:
    documents = {d["doc_id"]: d for d in records(store, "documents")}
    first_sentence_end = store.first_sentence_ends()
    for event in records(store, "events"):
        date = (event["date"] or "").replace("-", "")
        year = date[:4]
        mentions = event["mentions"] or []
        first = mentions[0] if mentions else {}
        doc = documents.get(first.get("doc_id"), {})
        sources = {documents.get(m["doc_id"], {}).get("source") or m["doc_id"] for m in mentions}
        is_root = any(m["char_start"] < first_sentence_end.get(m["doc_id"], 0) for m in mentions)
        cameo = event["cameo"] or ""
        fraction = f"{int(year) + (int(date[4:6]) - 1) / 12 + (int(date[6:8]) - 1) / 365:.4f}" if len(date) == 8 else ""
        yield [
            str(int(event["event_id"][:15], 16)) if _is_hex(event["event_id"]) else event["event_id"],
            date, date[:6], year, fraction,
            *_actor_columns(event["actor"]),
            *_actor_columns(event["recipient"]),
            "1" if is_root else "0",
            cameo, cameo[:3], event["cameo_root"] or cameo[:2],
            str(event["quad_class"] or ""), "" if event["goldstein"] is None else f"{event['goldstein']:.1f}",
            str(event["num_mentions"]), str(len(sources)), str(event["num_sources"]),
            "",
            *[""] * 16,  # actor geography: dateline ties places to events, not to actors
            *_geo_columns(event["location"]),
            ((doc.get("published") or "")[:10].replace("-", "") + "000000") if doc.get("published") else "",
            doc.get("uri") or "",
        ]  # fmt: skip


def _is_hex(value: str) -> bool:
    try:
        int(value[:15], 16)
    except ValueError:
        return False
    return True


def write_gdelt(store: Store, out: IO[str], header: bool = False) -> int:
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    if header:
        writer.writerow(COLUMNS)
    count = 0
    for row in gdelt_rows(store):
        writer.writerow([value.replace("\t", " ").replace("\n", " ") for value in row])
        count += 1
    return count
