"""Source comparison (stage 3): facts across articles, quote drift, entity variants, source profiles."""

from workers.analysis.comparison.compare import compare_sources

__all__ = ["compare_sources"]
