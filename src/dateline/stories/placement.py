"""Where one article goes: a near-duplicate joins its original's story, any other article is clustered.

Store-free, so that the ingest run (`LinkingStage`) and the ECB+ benchmark place articles with the same code.
"""

from __future__ import annotations

from dataclasses import dataclass

from datasketch import MinHash

from dateline.records import Document
from dateline.stories.clustering import StoryClusterer
from dateline.stories.features import ArticleFeatures
from dateline.stories.near_duplicates import NearDuplicateIndex


@dataclass(frozen=True)
class Placement:
    story_id: str
    duplicate_of: str | None  # the original whose story a near-duplicate joined
    signature: MinHash
    seq: int | None  # the signature's insertion number in the index (None: the article was indexed before)


def place_article(clusterer: StoryClusterer, duplicates: NearDuplicateIndex, document: Document,
                  features: ArticleFeatures) -> Placement:
    """Index the article's signature, then attach it to its original's story (a syndicated copy adds a source, not a
    story) or assign it a story by content."""
    signature = duplicates.signature(document.text)
    duplicates.advance(document.published)
    original = duplicates.query_signature(signature)
    seq = duplicates.add_signature(document.doc_id, signature, document.published)
    if original and original in clusterer.story_of:
        story_id = clusterer.story_of[original]
        clusterer.attach(document.doc_id, story_id, document.published)
        return Placement(clusterer.story_of.get(document.doc_id, story_id), original, signature, seq)
    return Placement(clusterer.assign(features), None, signature, seq)
