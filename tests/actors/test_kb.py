"""Date-aware knowledge-base lookups."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.actors.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("of,role,on,expected", [
    ("IRN", "president", dt.date(2010, 6, 1), "Mahmoud Ahmadinejad"),
    ("IRN", "president", dt.date(2016, 6, 1), "Hassan Rouhani"),
    ("IRN", "president", dt.date(2023, 4, 7), "Ebrahim Raisi"),
    ("IRN", "president", dt.date(2025, 3, 1), "Masoud Pezeshkian"),
    ("USA", "president", dt.date(2010, 1, 1), "Barack Obama"),
    ("USA", "president", dt.date(2025, 3, 1), "Donald Trump"),
    ("USA", "foreign_minister", dt.date(2016, 5, 5), "John Kerry"),
    ("ISR", "prime_minister", dt.date(2022, 1, 1), "Naftali Bennett"),
    ("GBR", "prime_minister", dt.date(2022, 10, 1), "Liz Truss"),
    ("DEU", "prime_minister", dt.date(2010, 1, 1), "Angela Merkel"),  # a chancellor answers "prime minister"
    ("SAU", "leader", dt.date(2012, 1, 1), "Abdullah bin Abdulaziz Al Saud"),
    ("IRN", "leader", dt.date(2023, 1, 1), "Ali Khamenei"),
    ("org:un", "secretary_general", dt.date(2010, 1, 1), "Ban Ki-moon"),
    ("org:oic", "secretary_general", dt.date(2023, 4, 7), "Hissein Brahim Taha"),
    ("org:eu", "foreign_minister", dt.date(2021, 1, 1), "Josep Borrell"),
    ("IRN", "spokesperson", dt.date(2023, 4, 8), "Nasser Kanaani"),
])
def test_kb_holder_on_date(kb, of, role, on, expected):
    assert kb.holder(of, role, on).name == expected


def test_kb_holder_is_none_for_vacancy(kb):
    assert kb.holder("LBN", "president", dt.date(2023, 6, 1)) is None  # vacant Oct 2022 - Jan 2025


@pytest.mark.parametrize("person_id,on,code", [
    ("ebrahim-raisi", dt.date(2023, 4, 7), "IRNGOV"),
    ("antonio-guterres", dt.date(2023, 4, 7), "IGOUNO"),
    ("hissein-brahim-taha", dt.date(2023, 4, 7), "IGOMOSOIC"),
    ("hassan-nasrallah", dt.date(2020, 1, 1), "LBNREBHEZ"),
])
def test_kb_person_ref_codes_from_role(kb, person_id, on, code):
    assert kb.person_ref(person_id, "x", on).code == code


def test_kb_person_with_several_roles_takes_the_one_held_on_the_date(kb):
    steinmeier = kb.people["frank-walter-steinmeier"]
    assert steinmeier.role_on(dt.date(2015, 1, 1)).role == "foreign_minister"
    assert steinmeier.role_on(dt.date(2020, 1, 1)).role == "president"


def test_kb_country_ref_builds_cameo_code(kb):
    ref = kb.country_ref("ISR", "Israeli forces", "MIL")
    assert (ref.code, ref.country, ref.kb_id, ref.name) == ("ISRMIL", "ISR", "country:ISR", "Israel")


def test_kb_alias_target_keeps_framing(kb):
    ref = kb.ref_for_target("country:ISR", "the Zionist regime", "GOV", "the Zionist regime")
    assert ref.framing == "the Zionist regime" and ref.code == "ISRGOV"
