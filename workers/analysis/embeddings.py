"""Sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX, MatMuls quantised at install time) run with onnxruntime,
no torch, files installed offline.

Vectors are the sentence-transformers recipe: WordPiece tokens (truncated to MAX_TOKENS), the model's
`last_hidden_state` mean-pooled over the attention mask, L2-normalised, float32 — so a dot product is a cosine.

Fork safety (tested with onnxruntime 1.31.1: a parent creates the session and encodes, then forks two
children that encode concurrently with it): the children get bit-identical vectors and nothing hangs, with 1 or
2 intra-op threads. But the inherited session has lost its thread pool: a forked child runs on its main thread
alone (1 thread in /proc/self/task, against 2 for a session created in the child), so `threads=2` silently
becomes 1. `get_encoder()` therefore keys its cache on the process id and builds the session lazily in each
process; call `warm()` in each worker child (Celery's `worker_process_init`), not in the parent.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from workers.analysis.model_files import encoder_model_path, tokenizer_path

DIMENSIONS = 384
# Longer inputs are cut to this many WordPiece tokens ([CLS] and [SEP] included): the length the model was
# trained with. Measured on 2,000 Giveme5W1H news sentences (bench/embeddings.py): p50 26 tokens, p99 73, max
# 161; a limit of 128 cuts one sentence (cosine 0.966 to its 256-token vector), 64 cuts 54 (min cosine 0.874),
# 32 cuts 675 (0.373). Speed is the same within noise from 64 to 256 on sentences (batches are padded only to
# their longest member); the limit bounds the cost of a paragraph passed by mistake.
MAX_TOKENS = 128
# One sentence per model run. The model quantises its activations per run (one scale for the whole input
# tensor), so in a batch a sentence's vector would depend on the sentences and padding beside it (cosine to the
# same sentence run alone: min 0.963 in batches of 8, bench/embeddings.py) and a job's result on what else was
# in it. Alone, a sentence always gets the same vector. Cost, per CPU second on 2,000 Giveme5W1H news
# sentences (bench/embeddings.py): one at a time 236, batches of 8 277 sentences/s (the shipped model: 136).
BATCH_SIZE = 1
# Intra-op threads of the per-process session. 2 threads ran 229 sentences/s wall against 129/s for 1 (800 news
# sentences, idle machine), but with 2 threads the compare stage stalled inside the Celery prefork worker (the
# integration tests' jobs stuck at "compare"): one thread per pool process until that is understood.
DEFAULT_THREADS = 1


class SentenceEncoder:
    """One onnxruntime session and its tokenizer; `encode(texts)` returns one unit vector per text."""

    def __init__(self, model_path: Path | None = None, tokenizer_file: Path | None = None, *, threads: int = 1,
                 max_tokens: int = MAX_TOKENS, batch_size: int = BATCH_SIZE, sort_by_length: bool = True) -> None:
        if threads < 1:
            raise ValueError("threads must be at least 1")
        if not 2 <= max_tokens <= 512:
            raise ValueError("max_tokens must be between 2 and 512 (the model's position limit)")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle intra-op threads sleep instead of spinning: on the shared 2-core machine, 2 threads ran 39-47
        # sentences/s wall without spinning against 17-20 with it (spinning steals the core the work needs).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        model = model_path or _installed(encoder_model_path())
        self.session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(tokenizer_file or _installed(tokenizer_path())))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.threads = threads
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.sort_by_length = sort_by_length

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """An (n, 384) float32 array of unit vectors; each distinct string is encoded once per call."""
        unique = list(dict.fromkeys(texts))
        if not unique:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        vectors, _ = self._encode_unique(unique, [set() for _ in unique])
        row = {text: i for i, text in enumerate(unique)}
        return vectors[[row[text] for text in texts]]

    def encode_with_parts(self, texts: Sequence[str],
                          parts: Sequence[Sequence[str]]) -> tuple[np.ndarray, list[np.ndarray]]:
        """Unit vectors of the texts and, from the same model run, of substrings of each (its clauses): a
        part's vector is the text's token states mean-pooled over the part's tokens, so a clause costs no
        second pass. A part that is not a substring of its text, or lies beyond the truncation, is encoded
        on its own. Returns (one row per text, one (len(parts[i]), 384) array per text)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32), []
        unique = list(dict.fromkeys(texts))
        index = {text: i for i, text in enumerate(unique)}
        located = [[(part, text.find(part)) for part in wanted] for text, wanted in zip(texts, parts, strict=True)]
        spans: list[set[tuple[int, int]]] = [set() for _ in unique]
        for text, found in zip(texts, located, strict=True):
            spans[index[text]].update((at, at + len(part)) for part, at in found if at >= 0)
        vectors, pooled = self._encode_unique(unique, spans)
        rows = [[pooled[index[text]].get((at, at + len(part))) if at >= 0 else None for part, at in found]
                for text, found in zip(texts, located, strict=True)]
        alone = list(dict.fromkeys(part for found, got in zip(located, rows, strict=True)
                                   for (part, _), row in zip(found, got, strict=True) if row is None))
        alone_vector = dict(zip(alone, self.encode(alone), strict=True))
        part_rows = [np.array([row if row is not None else alone_vector[part]
                               for (part, _), row in zip(found, got, strict=True)],
                              dtype=np.float32).reshape(len(found), DIMENSIONS)
                     for found, got in zip(located, rows, strict=True)]
        return vectors[[index[t] for t in texts]], part_rows

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """Tokens per text after truncation ([CLS] and [SEP] included)."""
        return [len(e.ids) for e in self.tokenizer.encode_batch(list(texts))]

    def _encode_unique(self, texts: list[str], spans: list[set[tuple[int, int]]]
                       ) -> tuple[np.ndarray, list[dict[tuple[int, int], np.ndarray | None]]]:
        """One vector per text, and per requested character span of each text its tokens' pooled vector
        (None when no whole token lies in it or the truncation cut it)."""
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids)) if self.sort_by_length \
            else list(range(len(texts)))
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        pooled: list[dict[tuple[int, int], np.ndarray | None]] = [{} for _ in texts]
        for start in range(0, len(order), self.batch_size):
            rows = order[start:start + self.batch_size]
            hidden, mask = self._hidden([encodings[i].ids for i in rows])
            out[rows] = _pool(hidden, mask)
            for k, i in enumerate(rows):
                offsets = encodings[i].offsets
                covered_to = max(b for _, b in offsets)  # the last character the (truncated) tokens reach
                for first, last in spans[i]:
                    tokens = [t for t, (a, b) in enumerate(offsets) if b > a and a >= first and b <= last]
                    if not tokens or covered_to < last:
                        pooled[i][(first, last)] = None
                        continue
                    weights = np.zeros((1, hidden.shape[1]), dtype=np.float32)
                    weights[0, tokens] = 1.0
                    pooled[i][(first, last)] = _pool(hidden[k:k + 1], weights)[0]
        return out, pooled

    def _hidden(self, batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Pad one batch to its longest member and run the model: (token states, attention mask)."""
        width = max(len(ids) for ids in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for i, ids in enumerate(batch):
            input_ids[i, :len(ids)] = ids
            mask[i, :len(ids)] = 1
        (hidden,) = self.session.run(["last_hidden_state"], {
            "input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)})
        return hidden, mask


def _pool(hidden: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Token states mean-pooled under the weights (the mask), L2-normalised."""
    w = weights[:, :, None].astype(np.float32)
    pooled = (hidden * w).sum(axis=1) / np.maximum(w.sum(axis=1), 1e-9)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _installed(path: Path) -> Path:
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make install` (tools/install_model_files.py puts it there)")
    return path


_lock = threading.Lock()
_encoders: dict[int, SentenceEncoder] = {}


def get_encoder(threads: int = DEFAULT_THREADS) -> SentenceEncoder:
    """This process's encoder, created on first use in each process (sessions are not carried across fork)."""
    pid = os.getpid()
    encoder = _encoders.get(pid)
    if encoder is None:
        with _lock:
            encoder = _encoders.get(pid)
            if encoder is None:
                _encoders.clear()  # an inherited parent's entry: never used here, let it go
                encoder = _encoders[pid] = SentenceEncoder(threads=threads)
    return encoder


def warm(threads: int = DEFAULT_THREADS) -> None:
    """Load the model in this process and run it once, so the first job does not pay for it."""
    get_encoder(threads).encode(["warm up"])
