"""What a headline and lead pin down (the year and month, named people, numbers), compared between an article and a
story: two reports of one kind of event (a 2008 raid, a 2011 raid) share their words, but not these."""

from __future__ import annotations

from dateline.stories.cluster_options import ClusterOptions
from dateline.stories.features import DATE_PREFIXES, MONTH_PREFIX, YEAR_PREFIX, ArticleFeatures
from dateline.stories.story_state import StoryState

LeadView = tuple[float, bool, list[str]]  # (weight, dates or other specifics, the article's lead keys of that kind)


def lead_views(options: ClusterOptions, features: ArticleFeatures) -> list[LeadView]:
    """The kinds of lead specifics that count under these options, with the article's keys of each kind."""
    o = options
    date_weight = o.year_weight or o.year_match_bonus or o.month_weight or o.month_match_bonus
    views = ((date_weight, True), (o.specifics_weight, False))
    return [(w, dates, [k for k in features.lead_entities if is_specific(k, dates)]) for w, dates in views if w]


def lead_agreement(options: ClusterOptions, lead: list[LeadView], features: ArticleFeatures,
                   story: StoryState) -> float:
    """How far the article's and the story's lead specifics agree, as a shift of the similarity."""
    shift = place_shift(options, features, story) if options.place_conflict_weight else 0.0
    if options.person_conflict_weight:
        shift += person_shift(options, features, story)
    for weight, dates, ours in lead:
        if dates:
            shift += date_shift(options, ours, story)
            continue
        mine = sum(1 for k in ours if k in story.entities) / len(ours) if ours else 0.5
        theirs = [(k, n) for k, n in story.lead.items() if is_specific(k, dates)]
        total = sum(n for _, n in theirs)
        other = sum(n for k, n in theirs if k in features.entities) / total if total else 0.5
        shift += weight * (min(mine, other) - 0.5)
    return shift


def place_shift(options: ClusterOptions, features: ArticleFeatures, story: StoryState) -> float:
    """-weight when the article's first sentence and the story's members' first sentences all name places below
    country level and share none: a bombing in Ankara is not the one in Istanbul the same day."""
    if not features.lead_places or not story.lead_places:
        return 0.0
    return 0.0 if set(features.lead_places) & set(story.lead_places) else -options.place_conflict_weight


def person_shift(options: ClusterOptions, features: ArticleFeatures, story: StoryState) -> float:
    """-weight when the article and the story are each about a person (`features.lead_people`) and one side never
    names the other's: a report on Jamal Williams's arrest may recall Vincent Jackson's a month before, but the
    Jackson story never names Williams."""
    if not features.lead_people or not story.lead_people:
        return 0.0
    story_names_ours = any(name in story.terms for name in features.lead_people)
    we_name_theirs = any(name in features.terms for name in story.lead_people)
    return 0.0 if story_names_ours and we_name_theirs else -options.person_conflict_weight


def date_shift(options: ClusterOptions, ours: list[str], story: StoryState) -> float:
    """For years, then months: -weight when both leads name some and share none, +bonus when they share one."""
    shift = 0.0
    for prefix, weight, bonus in (
        (YEAR_PREFIX, options.year_weight, options.year_match_bonus),
        (MONTH_PREFIX, options.month_weight, options.month_match_bonus),
    ):
        mine = [k for k in ours if k.startswith(prefix)]
        if mine and any(k.startswith(prefix) for k in story.lead):
            shift += bonus if any(k in story.lead for k in mine) else -weight
    return shift


def is_specific(key: str, dates: bool) -> bool:
    """A year or month key (dates=True) or another non-knowledge-base entity key (dates=False)."""
    return key.startswith(DATE_PREFIXES) if dates else not key.startswith((*DATE_PREFIXES, "kb:"))
