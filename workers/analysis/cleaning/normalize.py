"""Unicode and whitespace normalisation of article text, and stable line fingerprints."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Invisible characters that only break matching: zero-width space/joiners, BOM, soft hyphen, word joiner.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Every horizontal space (NBSP, thin space, ideographic space, tab...) becomes one plain space.
_HSPACE = re.compile(r"[^\S\n]+")
_BLANK_RUN = re.compile(r"\n{3,}")
# Fingerprints ignore case, accents, quote style, punctuation and spacing.
_NON_WORD = re.compile(r"[\W_]+")


def normalize_text(raw: str) -> str:
    """NFC, unified newlines and spaces, stripped lines; curly quotes and apostrophes stay as they are."""
    text = unicodedata.normalize("NFC", raw).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _HSPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_RUN.sub("\n\n", text).strip()


def _looks_hard_wrapped(blocks: list[list[str]]) -> bool:
    """True when lines inside paragraphs are wrapped at a fixed width (e-mail or terminal style)."""
    inner = [line for block in blocks if len(block) > 1 for line in block[:-1]]
    if len(inner) < 4:
        return False
    wrapped = sum(1 for line in inner if 40 <= len(line) <= 100)
    longest = max(len(line) for block in blocks for line in block)
    return wrapped >= 0.8 * len(inner) and longest <= 100


def paragraphs(text: str) -> list[str]:
    """The paragraphs of normalised text: one per line, or per blank-line block when hard-wrapped."""
    blocks = [[line for line in block.split("\n") if line] for block in text.split("\n\n")]
    blocks = [block for block in blocks if block]
    if _looks_hard_wrapped(blocks):
        return [" ".join(block) for block in blocks]
    return [line for block in blocks for line in block]


def match_key(line: str) -> str:
    """A line reduced for comparison: case-folded, accents and punctuation dropped, single spaces."""
    decomposed = unicodedata.normalize("NFKD", line.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", letters).strip()


def line_fingerprint(line: str) -> str:
    """A stable 16-hex-digit fingerprint of a line, insensitive to case, accents, punctuation and spacing."""
    key = match_key(normalize_text(line))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()
