"""Placing an article: a syndicated copy joins its original's story, other articles are clustered."""

from dateline.records import Document
from dateline.stories.clustering import StoryClusterer
from dateline.stories.features import ArticleFeatures
from dateline.stories.near_duplicates import NearDuplicateIndex
from dateline.stories.placement import place_article

TEXT = ("Rescue teams searched collapsed buildings on Sunday after a strong earthquake struck the coastal province, "
        "killing at least twelve people and injuring dozens, the provincial governor told reporters at the scene.")
OTHER = ("The central bank raised its benchmark interest rate by half a point on Tuesday, citing stubborn inflation "
         "in food and energy prices, and signalled that further increases were likely before the end of the year.")


def _features(doc_id, text):
    words = [w.strip(".,").lower() for w in text.split()]
    return ArticleFeatures(doc_id, {w: words.count(w) for w in words if len(w) > 3})


def test_placement_copy_joins_original_story_and_other_text_is_clustered():
    clusterer, duplicates = StoryClusterer(), NearDuplicateIndex()
    first = place_article(clusterer, duplicates, Document("a", TEXT), _features("a", TEXT))
    copy = place_article(clusterer, duplicates, Document("b", TEXT + " (AP)"), _features("b", TEXT))
    other = place_article(clusterer, duplicates, Document("c", OTHER), _features("c", OTHER))
    assert first.duplicate_of is None and first.seq is not None
    assert copy.duplicate_of == "a" and copy.story_id == first.story_id
    assert other.duplicate_of is None and other.story_id != first.story_id
    assert clusterer.stories[first.story_id].doc_ids == ["a", "b"]
