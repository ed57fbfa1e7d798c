"""The office a phrase gives a known person (former titles, stale records) and church heads' titles."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy

from dateline.actors.kb import KnowledgeBase, Organisation, Person, Role, SectorWord
from dateline.actors.offices import is_former, stated_person

APRIL_2023 = dt.date(2023, 4, 10)


# ---- known people: the record against the title the sentence writes

@pytest.mark.parametrize("text,published,phrase,kb_id,code", [
    # a former title never overrides the office held on the date
    ("Former Portuguese prime minister Antonio Guterres urged restraint.", APRIL_2023,
     "Portuguese prime minister Antonio Guterres", "person:antonio-guterres", "IGOUNO"),
    ("Former U.S. president Donald Trump criticised the plan.", dt.date(2025, 6, 1),
     "U.S. president Donald Trump", "person:donald-trump", "USAGOV"),
    # nor does a nationality or title that disagrees with a record in force
    ("Portuguese prime minister Antonio Guterres urged restraint.", APRIL_2023,
     "Portuguese prime minister Antonio Guterres", "person:antonio-guterres", "IGOUNO"),
    # out of office on the date and written as former: one of the country's elites (CAMEO ELI)
    ("Former French President Francois Hollande criticised the plan.", APRIL_2023,
     "French President Francois Hollande", "person:francois-hollande", "FRAELI"),
    ("Iran's former president Hassan Rouhani criticised the plan.", APRIL_2023,
     "former president Hassan Rouhani", "person:hassan-rouhani", "IRNELI"),
    ("Ex-President Francois Hollande criticised the plan.", APRIL_2023,
     "President Francois Hollande", "person:francois-hollande", "FRAELI"),
    # out of office on the date, title unmarked: the sentence's current role ("opposition leader") wins
    ("Israeli opposition leader Benjamin Netanyahu criticised the government.", dt.date(2022, 3, 1),
     "Israeli opposition leader Benjamin Netanyahu", "person:benjamin-netanyahu", "ISROPP"),
    # in office on the date: the record, as before
    ("French President Francois Hollande criticised the plan.", dt.date(2014, 3, 1),
     "French President Francois Hollande", "person:francois-hollande", "FRAGOV"),
])
def test_offices_stated_title_against_record(resolve, text, published, phrase, kb_id, code):
    actor = resolve(text, published)[phrase]
    assert (actor.kb_id, actor.code) == (kb_id, code)


def test_offices_title_picks_a_role_held_at_once_with_another():
    """Someone both a prime minister and an organisation's chair is the one the title names."""
    person = Person("x", "Ana Example", "f", "Example", (), (
        Role("PRT", "prime_minister", dt.date(2020, 1, 1), None),
        Role("org:club", "chairperson", dt.date(2021, 1, 1), None)))
    club = Organisation("club", "Example Club", (), "IGO", "GOV", "IGOCLB")
    kb = KnowledgeBase(countries={}, organisations={"club": club}, people={"x": person}, sector_labels={},
                       aliases=(), sector_words={})
    premier = SectorWord("prime minister", "GOV", "prime_minister", person=True)
    chair = SectorWord("chairperson", "GOV", "chairperson", person=True)
    on = dt.date(2022, 1, 1)
    assert stated_person(kb, "x", "PM Example", on, "PRT", premier, None, former=False).code == "PRTGOV"
    assert stated_person(kb, "x", "chair Example", on, None, chair, None, former=False).code == "IGOCLB"
    assert stated_person(kb, "x", "Example", on, None, None, None, former=False).code == "PRTGOV"  # highest rank
    assert stated_person(kb, "x", "Example", on, None, chair, None, former=True).code == "PRTGOV"  # not the title


@pytest.fixture(scope="module")
def tokenize():
    return spacy.blank("en")


@pytest.mark.parametrize("text,start,title_end,expected", [
    ("the former president Obama", 0, 3, True),
    ("Former French President Hollande", 1, 4, True),  # marker before the phrase
    ("ex-President Hollande", 2, 3, True),
    ("then-Senator Obama", 2, 3, True),
    ("and then President Obama", 2, 3, False),  # "then" without a hyphen is a time word
    ("the late President Mandela", 0, 3, True),
    ("the French President Macron", 0, 3, False),
])
def test_offices_is_former(tokenize, text, start, title_end, expected):
    assert is_former(tokenize(text), start, title_end) is expected


# ---- church heads: a church named before the title says whose office

@pytest.mark.parametrize("text,phrase,kb_id,code", [
    ("The Coptic pope condemned the bombing.", "The Coptic pope", "person:pope-tawadros-ii", "EGYREL"),
    ("Egypt's Coptic pope condemned the bombing.", "Coptic pope", "person:pope-tawadros-ii", "EGYREL"),
    ("The Maronite patriarch condemned the bombing.", "The Maronite patriarch",
     "person:bechara-boutros-al-rahi", "LBNREL"),
    ("The Russian Orthodox patriarch condemned the bombing.", "The Russian Orthodox patriarch",
     "person:patriarch-kirill", "RUSREL"),
    ("The Ecumenical Patriarch condemned the bombing.", "The Ecumenical Patriarch",
     "person:ecumenical-patriarch-bartholomew", "TURREL"),
    ("The Anglican leader condemned the bombing.", "The Anglican leader", "person:justin-welby", "GBRREL"),
    ("The Catholic pope condemned the bombing.", "The Catholic pope", "person:pope-francis", "VATREL"),
    ("The pope condemned the bombing.", "The pope", "person:pope-francis", "VATREL"),
    ("The Coptic Church condemned the bombing.", "The Coptic Church", "country:EGY", "EGYREL"),
    ("The Russian Orthodox Church condemned the bombing.", "The Russian Orthodox Church", "country:RUS", "RUSREL"),
    ("The Church of England condemned the bombing.", "The Church of England", "country:GBR", "GBRREL"),
])
def test_offices_church_names_whose_head(resolve, text, phrase, kb_id, code):
    actor = resolve(text, APRIL_2023)[phrase]
    assert (actor.kb_id, actor.code) == (kb_id, code)


@pytest.mark.parametrize("text", [
    "The Orthodox patriarch condemned the bombing.",
    "The Greek Orthodox patriarch condemned the bombing.",
    "A Lutheran pope would be news.",
])
def test_offices_other_church_never_takes_the_roman_pope(resolve, text):
    assert all(actor.country != "VAT" for actor in resolve(text, APRIL_2023).values())


def test_offices_church_adjective_alone_is_no_actor(resolve):
    assert "Coptic" not in resolve("Families gathered for Coptic Christmas in Cairo.", APRIL_2023)


@pytest.mark.parametrize("text,phrase,kb_id,code", [
    # a former title never finds today's holder of the office
    ("Iran's former president said the deal was dead.", "former president", "country:IRN", "IRNELI"),
    ("Iran's president said the deal was dead.", "president", "person:ebrahim-raisi", "IRNGOV"),
    # nor does it make a pope or an organisation's head an elite of a country
    ("The former pope was buried on Saturday.", "The former pope", "country:VAT", "VATREL"),
    # people the knowledge base does not list: a former state title is ELI too
    ("The former Kenyan minister John Kamau denied the charges.", "Kenyan minister John Kamau", None, "KENELI"),
    ("The Kenyan minister John Kamau denied the charges.", "The Kenyan minister John Kamau", None, "KENGOV"),
    # a group of former soldiers holds no office: still military, not elites
    ("Former Israeli soldiers protested in Tel Aviv.", "Israeli soldiers", "country:ISR", "ISRMIL"),
])
def test_offices_former_title_without_a_known_name(resolve, text, phrase, kb_id, code):
    actor = resolve(text, APRIL_2023)[phrase]
    assert (actor.kb_id, actor.code) == (kb_id, code)
