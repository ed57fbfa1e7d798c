"""dateline.actors: the actor knowledge base and the `dateline_actors` component that resolves mentions."""

from dateline.actors.kb import KnowledgeBase, load_kb
from dateline.actors.mentions import actor_for_span, actor_for_token, actors_for_span, mention_for_token

__all__ = ["KnowledgeBase", "actor_for_span", "actor_for_token", "actors_for_span", "load_kb", "mention_for_token"]
