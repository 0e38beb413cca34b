"""Stage 2, deduplication: plain functions (no Redis). See docs/analysis-contract.md."""

from workers.analysis.dedup.core import deduplicate

__all__ = ["deduplicate"]
