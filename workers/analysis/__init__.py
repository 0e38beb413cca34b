"""Plain analysis functions (no Flask, no Celery, no Redis): see docs/analysis-contract.md."""
