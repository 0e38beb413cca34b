"""Language identification with py3langid (pinned; 140 languages, numpy only)."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED_LANGUAGES = frozenset({"en"})
UNDETERMINED = "und"
# Below this many letters an identification is a guess: report "und" instead.
MIN_LETTERS = 20
# English-lexified creoles the model confuses with English news text (Nigerian Pidgin scored first on a
# short English headline); when English is the runner-up, English is reported.
_ENGLISH_LOOKALIKES = frozenset({"pcm", "sco"})
# The opening of an article decides its language; ranking the whole text was 29% of the cleaning time.
SAMPLE_CHARS = 1_500


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The py3langid model with normalised probabilities, loaded once per process (about 1 s)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639 code, probability) of a text; ("und", 0.0) when it has too few letters to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    ranked = _identifier().rank(sample)
    code, probability = str(ranked[0][0]), float(ranked[0][1])
    if code in _ENGLISH_LOOKALIKES and len(ranked) > 1 and ranked[1][0] == "en":
        return "en", float(ranked[1][1])
    return code, probability


def language_warning(code: str) -> str | None:
    """The warning an article in this language gets, or None for a supported language."""
    if code in SUPPORTED_LANGUAGES:
        return None
    if code == UNDETERMINED:
        return "language could not be determined (too little text): extraction results may be unreliable"
    return f"language '{code}' is not supported: entities, quotes and numeric claims are not extracted"
