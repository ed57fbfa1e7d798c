"""The repair of subjects the parser hangs on the previous clause as conjuncts."""

import pytest

from dateline.nlp.pipeline import build_nlp


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(stages=[])


def _subject_of(doc, verb):
    token = next(t for t in doc if t.text == verb)
    return [child.text for child in token.children if child.dep_ == "nsubj"]


@pytest.mark.parametrize("text,verb,subject,obj", [
    # the second verb had no subject and "Armenia" was a second thing released
    ("Azerbaijan released 32 Armenian servicemen and Armenia freed two Azerbaijani soldiers.", "freed", "Armenia",
     "servicemen"),
    ("The army arrested five protesters and police detained two journalists.", "detained", "police", "protesters"),
    # "soldiers" was the subject of "release", and "Armenia" its conjunct
    (("Azerbaijan will free 32 Armenian soldiers and Armenia will release two Azerbaijani servicemen, the two "
      "countries said."), "release", "Armenia", "soldiers"),
])
def test_stranded_subject_is_reattached(nlp, text, verb, subject, obj):
    doc = nlp(text)
    assert _subject_of(doc, verb) == [subject]
    assert next(t for t in doc if t.text == obj).dep_ == "dobj"
    assert len(list(doc.sents)) == 1


def test_second_coordinator_after_a_list_opens_a_clause(nlp):
    doc = nlp("The main town still has power, water and electricity connections and officials say they are sending "
              "tents.")
    assert _subject_of(doc, "say") == ["officials"]


@pytest.mark.parametrize("text,verb,subject", [
    ("He met the president and the minister in Paris.", "met", "He"),
    # the last item of a comma list is no clause's subject
    ("Damage to undersea cables connecting Europe, Africa and Asia took down a major route.", "took", "Damage"),
    # a "that" clause's coordinated subject stays whole
    ("The forum concluded on Saturday that the US and other developed nations must allocate more money.", "allocate",
     "US"),
])
def test_well_parsed_sentences_are_left_alone(nlp, text, verb, subject):
    assert _subject_of(nlp(text), verb) == [subject]


def test_entities_lose_the_blank_line_they_ran_over(nlp):
    doc = nlp("Soldiers seize power in Niger\n\nSoldiers in Niger said on Wednesday they had removed the president.")
    assert [ent.text for ent in doc.ents if ent.text.startswith("Niger")] == ["Niger", "Niger"]
    assert not any(token.is_space for ent in doc.ents for token in ent)


@pytest.mark.parametrize("text,verb,obj", [
    ("Afghan rebels have kidnapped up to 16 Russian civilian advisers from a town bazaar.", "kidnapped", "advisers"),
    ("The army detained up to 50 suspected militants.", "detained", "militants"),
])
def test_up_to_bounds_the_number_and_the_counted_noun_is_the_object(nlp, text, verb, obj):
    doc = nlp(text)
    counted = next(t for t in doc if t.text == obj)
    assert counted.dep_ == "dobj" and counted.head.text == verb
    assert all(t.dep_ == "quantmod" for t in doc if t.lower_ in ("up", "to"))


def test_up_to_with_a_place_after_it_is_left_alone(nlp):
    doc = nlp("Prices went up to the highest level since 2008.")
    assert not any(t.dep_ == "dobj" for t in doc)


@pytest.mark.parametrize("text,verb,subject,obj", [
    ("Senegal police arrest opposition leader in Dakar", "arrest", "police", "leader"),
    ("Mali junta expels French ambassador", "expels", "junta", "ambassador"),  # the object was an npadvmod
    ("The 15,800-square-metre building houses a number of businesses.", "houses", "building", "number"),
])
def test_headline_subject_glued_to_its_verb_becomes_the_subject(nlp, text, verb, subject, obj):
    doc = nlp(text)
    assert _subject_of(doc, verb) == [subject]
    assert next(t for t in doc if t.text == obj).dep_ == "dobj"
    assert doc[0].head.text == subject  # "Senegal", "Mali", "The": the subject's, no longer the verb's


def test_a_noun_taken_for_a_verb_inside_a_clause_is_left_alone(nlp):
    doc = nlp("President Obama said on Tuesday that he overturned a last-minute Bush endangered species rule.")
    assert not any(t.dep_ == "nsubj" and t.text == "species" for t in doc)
