"""Every custom `Doc._` attribute dateline uses, registered in one place: this is the contract between NLP stages.

- `doc._.doc_id` (str): the document's stable id, set before the pipeline runs.
- `doc._.published` (datetime.date | None): the publication date, the anchor for relative dates and dated roles.
- `doc._.actor_mentions` (list[ActorMention]): every actor mention the actors stage resolved, in text order.
- `doc._.events` (list[dateline.records.Event]): events coded by the events stage.
- `doc._.quotes` (list[dateline.records.Quote]): quotations found by the quotes stage.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import date, datetime

import srsly
from spacy.tokens import Doc

from dateline.records import ActorRef


@dataclass(frozen=True)
class ActorMention:
    """A span of tokens `[start, end)` that refers to an actor, and how it was resolved.

    `how` is one of: name, surname, pronoun, role, alias, country, capital, organisation, nationality.
    """

    start: int
    end: int
    actor: ActorRef
    how: str


_ATTRIBUTES = {
    "doc_id": None,
    "published": None,
    "actor_mentions": None,
    "events": None,
    "quotes": None,
}


_PICKLED = "__dateline_pickle__"


def _encode(obj, chain=None):
    """Let Docs carrying dateline records cross process boundaries (`nlp.pipe(n_process=N)` sends them as msgpack).

    Our own records and dates are pickled: the pool is ours, so the bytes are trusted.
    """
    if isinstance(obj, (date, datetime)) or type(obj).__module__.startswith("dateline."):
        return {_PICKLED: pickle.dumps(obj)}
    return obj if chain is None else chain(obj)


def _decode(obj, chain=None):
    if isinstance(obj, dict) and _PICKLED in obj:
        return pickle.loads(obj[_PICKLED])
    return obj if chain is None else chain(obj)


def register_extensions() -> None:
    """Register the attributes and their msgpack codec once; safe to call again (spaCy keeps them per process)."""
    for name, default in _ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if "dateline" not in srsly.msgpack_encoders.get_all():
        srsly.msgpack_encoders.register("dateline", func=_encode)
        srsly.msgpack_decoders.register("dateline", func=_decode)
