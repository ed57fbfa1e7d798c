"""Titles in news copy: a nationality, a body and a role noun before a name, religious offices, and unnamed bodies
located by the place they act in. Sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest


def by_name(found: dict[str, object], name: str):
    """The actor whose resolved name or mention text is `name`."""
    for text, actor in found.items():
        if actor.name == name or text == name:
            return actor
    raise AssertionError((name, {text: (a.name, a.code) for text, a in found.items()}))


@pytest.mark.parametrize("text,name,country", [
    # a surname guess must not override the nationality written in the title
    ("Iraqi general Qassem Al-Araji met the delegation in Baghdad.", "Qassem Al-Araji", "IRQ"),
    ("The Egyptian businessman Abbas told reporters the deal was off.", "Abbas", "EGY"),
])
def test_roles_news_nationality_beats_name_guess(resolve, text, name, country):
    actor = by_name(resolve(text, dt.date(2024, 11, 20)), name)
    assert actor.country == country
    assert actor.kb_id is None


@pytest.mark.parametrize("text,name,code", [
    ("Kenyan opposition leader Raila Odinga rejected the results.", "Raila Odinga", "KENOPP"),
    ("Belarusian opposition politician Maria Kolesnikova was sentenced.", "Maria Kolesnikova", "BLROPP"),
    ("Russia's opposition leader Alexei Navalny was jailed.", "Alexei Navalny", "RUSOPP"),
    ("Israeli military spokesman Peter Lerner said the operation was over.", "Peter Lerner", "ISRMIL"),
    ("Sudanese rebel commander Abdel Rahim Dagalo denied the charge.", "Abdel Rahim Dagalo", "SDN"),
])
def test_roles_news_body_in_title_gives_sector(resolve, text, name, code):
    assert by_name(resolve(text, dt.date(2021, 3, 1)), name).code.startswith(code)


def test_roles_news_opposition_leader_is_no_head_of_state(resolve):
    found = resolve("The Turkish opposition leader criticised the central bank.", dt.date(2023, 5, 1))
    actor = found["The Turkish opposition leader"]
    assert (actor.code, actor.kb_id) == ("TUROPP", "country:TUR")


@pytest.mark.parametrize("text,name,country,sector", [
    ("Australian tennis star Nick Kyrgios withdrew from the tournament.", "Nick Kyrgios", "AUS", "CVL"),
    ("Canadian businessman Michael Spavor was released by China.", "Michael Spavor", "CAN", "BUS"),
    ("Iranian nuclear scientist Mohsen Fakhrizadeh was killed near Tehran.", "Mohsen Fakhrizadeh", "IRN", "EDU"),
    ("U.S. Marine veteran Paul Whelan was sentenced in Moscow.", "Paul Whelan", "USA", None),
    ("NBA player Enes Kanter criticised Beijing.", "Enes Kanter", "USA", "CVL"),
    ("British aid worker Alan Henning was abducted in Syria.", "Alan Henning", "GBR", "LAB"),
])
def test_roles_news_nationality_before_civilian_role(resolve, text, name, country, sector):
    actor = by_name(resolve(text, dt.date(2021, 3, 1)), name)
    assert (actor.country, actor.sector) == (country, sector)


def test_roles_news_civilian_title_takes_no_story_country(resolve):
    found = resolve("Iran's foreign minister spoke on Monday. The star said she would not return.",
                     dt.date(2023, 1, 10))
    assert "The star" not in found


def test_roles_news_unknown_person_keeps_country_on_surname(resolve):
    found = resolve("Venezuelan opposition politician Leopoldo Lopez fled. Lopez said he would fight on.",
                     dt.date(2020, 10, 25))
    assert found["Lopez"].code == "VENOPP"


@pytest.mark.parametrize("text,published,name,code", [
    ("The pontiff called for a ceasefire.", dt.date(2010, 5, 1), "Pope Benedict XVI", "VATREL"),
    ("The pope called for a ceasefire.", dt.date(2019, 5, 1), "Pope Francis", "VATREL"),
    ("Pope Leo XIV met the Ukrainian president.", dt.date(2025, 6, 1), "Pope Leo XIV", "VATREL"),
    ("Pope John Paul II visited Damascus.", dt.date(2001, 5, 6), "Pope John Paul II", "VATREL"),
    ("Russian Patriarch Kirill blessed the troops.", dt.date(2022, 9, 25), "Patriarch Kirill", "RUSREL"),
    ("The Archbishop of Canterbury condemned the attack.", dt.date(2018, 1, 1), "Justin Welby", "GBRREL"),
])
def test_roles_news_religious_offices_are_dated(resolve, text, published, name, code):
    assert by_name(resolve(text, published), name).code == code


def test_roles_news_religious_leader_lends_no_country(resolve):
    found = resolve("The pope urged leaders to protect migrants.", dt.date(2019, 5, 1))
    assert found["migrants"].country is None


@pytest.mark.parametrize("text,phrase,country", [
    ("A French reporter was detained by police in Istanbul, the French foreign ministry said.", "police", "TUR"),
    ("Protesters gathered at a Tbilisi square as the U.S. embassy urged calm.", "Protesters", "GEO"),
    ("Police arrested the American tourist at a Bangkok hotel.", "Police", "THA"),
])
def test_roles_news_unnamed_body_located_by_its_clause(resolve, text, phrase, country):
    assert resolve(text, dt.date(2022, 3, 5))[phrase].country == country


@pytest.mark.parametrize("text,phrase", [
    # troops act abroad: where they act says nothing of whose they are
    ("Troops fired on protesters in Lebanon, Israeli officials said.", "Troops"),
    # the place belongs to the talks, not to the opposition inside the noun phrase
    ("Talks between Venezuela's government and the opposition resumed in Oslo, Norwegian officials said.",
     "the opposition"),
])
def test_roles_news_clause_place_is_not_everyones(resolve, text, phrase):
    actor = resolve(text, dt.date(2022, 3, 5))[phrase]
    assert actor.country not in ("LBN", "NOR")


def test_roles_news_capital_in_a_place_phrase_is_no_government(resolve):
    found = resolve("The journalist was arrested at a Cairo airport.", dt.date(2022, 3, 5))
    assert "Cairo" not in found


@pytest.mark.parametrize("text,phrase", [
    ("Shelling continued throughout Kyiv overnight.", "Kyiv"),
    ("The convoy drove into Tehran at dawn.", "Tehran"),
    ("The journalist was arrested at a Cairo airport.", "Cairo"),
])
def test_roles_news_capital_after_any_place_preposition_is_no_government(resolve, text, phrase):
    assert phrase not in resolve(text, dt.date(2022, 3, 5))


@pytest.mark.parametrize("text,phrase,country", [
    ("Police moved into Lagos on Sunday.", "Police", "NGA"),
    ("Protesters marched throughout Tbilisi.", "Protesters", "GEO"),
])
def test_roles_news_clause_place_after_any_place_preposition(resolve, text, phrase, country):
    assert resolve(text, dt.date(2022, 3, 5))[phrase].country == country


def test_roles_news_one_list_of_place_prepositions():
    from dateline.actors import context, gazetteer
    from dateline.actors import resolve as resolver

    assert context.PLACE_PREPOSITIONS is gazetteer.PLACE_PREPOSITIONS is resolver.PLACE_PREPOSITIONS


@pytest.mark.parametrize("text,phrase,code", [
    # state forces holding a frontier are military (CAMEO/PLOVER MIL), whatever the force is called
    ("Tajik border guards clashed with Kyrgyz troops.", "Tajik border guards", "TJKMIL"),
    ("Kyrgyz border troops fired on the village.", "Kyrgyz border troops", "KGZMIL"),
    ("Israeli border police shot a Palestinian man.", "Israeli border police", "ISRMIL"),
    ("The Iranian coast guard seized a tanker.", "The Iranian coast guard", "IRNMIL"),
    ("Russian frontier guards detained two fishermen.", "Russian frontier guards", "RUSMIL"),
    ("A Tajik border guard was killed.", "Tajik border guard", "TJKMIL"),
    # police that keep order at home stay police
    ("Kenyan riot police fired tear gas.", "Kenyan riot police", "KENCOP"),
])
def test_roles_news_border_forces_are_military(resolve, text, phrase, code):
    assert resolve(text, dt.date(2022, 9, 16))[phrase].code == code


@pytest.mark.parametrize("text,name,country", [
    # police and courts act on their own country's people, however many countries the sentence names
    ("A Peruvian judge ordered former minister Luis Ocampo to appear in court over arms sales to Chile and Bolivia.",
     "Luis Ocampo", "PER"),
    ("Tanzanian police arrested Halima Mdee at a rally on Saturday.", "Halima Mdee", "TZA"),
    ("Halima Mdee was detained by Tanzanian police on Saturday.", "Halima Mdee", "TZA"),
])
def test_roles_news_home_body_gives_its_country_to_whom_it_acts_on(resolve, text, name, country):
    assert by_name(resolve(text, dt.date(2021, 3, 1)), name).country == country


def test_roles_news_a_government_gives_no_country_to_whom_it_acts_on(resolve):
    # governments act on foreigners too ("expelled"): the person keeps an unknown country
    found = resolve("The Russian government expelled Halima Mdee and Luis Ocampo on Friday.", dt.date(2021, 3, 1))
    assert by_name(found, "Luis Ocampo").country is None


@pytest.mark.parametrize("text,phrase", [
    ("The United States pulled out of the Paris climate agreement.", "Paris"),
    ("Russia violated the Minsk accords, Ukraine said.", "Minsk"),
    ("The Geneva talks ended without a deal.", "Geneva"),
])
def test_roles_news_a_capital_naming_an_agreement_or_talks_is_no_government(resolve, text, phrase):
    assert phrase not in resolve(text, dt.date(2022, 3, 5))


def test_roles_news_a_capital_that_acts_is_its_government(resolve):
    assert resolve("Paris condemned the attack on Tuesday.", dt.date(2022, 3, 5))["Paris"].code == "FRAGOV"
