"""Schema checks for every row of the actor tables in dateline/data/actors."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

from dateline.actors.kb import ORG_PREFIX, PEOPLE_FILES, STATELESS, build_kb, read_people, slugify

CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
ISO3 = re.compile(r"^[A-Z]{3}$")


@pytest.fixture(scope="module")
def kb():
    return build_kb()


def test_actor_data_countries_have_iso_codes_and_names(kb):
    assert len(kb.countries) >= 249
    for iso3, country in kb.countries.items():
        assert ISO3.match(iso3) and re.match(r"^[A-Z]{2}$", country.iso2), iso3
        assert country.name and country.names[0] == country.name


@pytest.mark.parametrize("iso3,adjective,capital", [("IRN", "Iranian", "Tehran"), ("ISR", "Israeli", "Jerusalem"),
                                                    ("IDN", "Indonesian", "Jakarta"), ("USA", "American", "Washington")])
def test_actor_data_countries_carry_adjectives_and_capitals(kb, iso3, adjective, capital):
    assert adjective in kb.countries[iso3].adjectives
    assert capital in kb.countries[iso3].capitals


def test_actor_data_organisations_have_valid_codes(kb):
    for org in kb.organisations.values():
        assert CODE.match(org.code), org.org_id
        assert org.country in kb.countries or org.country in STATELESS, org.org_id
        assert org.sector in kb.sector_labels or org.sector in STATELESS, org.org_id


def test_actor_data_sector_words_use_known_sectors(kb):
    for word in kb.sector_words.values():
        assert word.sector in kb.sector_labels, word.word


def test_actor_data_aliases_point_at_known_actors(kb):
    for alias in kb.aliases:
        kind, _, key = alias.target.partition(":")
        table = {"country": kb.countries, "org": kb.organisations, "person": kb.people}[kind]
        assert key in table, alias.phrase


def test_actor_data_people_have_ordered_roles(kb):
    for person in kb.people.values():
        assert person.roles, person.name
        for role in person.roles:
            assert isinstance(role.start, dt.date)
            assert role.end is None or role.start <= role.end, (person.name, role)
            if role.of.startswith(ORG_PREFIX):
                assert role.of[len(ORG_PREFIX):] in kb.organisations, (person.name, role.of)
            else:
                assert role.of in kb.countries, (person.name, role.of)


def test_actor_data_people_ids_are_unique():
    rows = read_people()
    from dateline.actors.kb import _load_yaml

    names = [row.get("id") or slugify(row["name"]) for name in PEOPLE_FILES for row in _load_yaml(None, name)]
    assert len(names) == len(rows)
    assert not [key for key, count in Counter(names).items() if count > 1]



def test_actor_data_one_holder_per_office_at_a_time(kb):
    """Two people may not hold the same office on the same day (terms meet at most on the handover day)."""
    for (of, role), held in kb.holders.items():
        terms = sorted((r.start, r.end or dt.date.max, pid) for r, pid in held)
        for (_, end_a, a), (start_b, _, b) in zip(terms, terms[1:]):
            assert start_b >= end_a or a == b, (of, role, a, b)
