"""Glue between Celery tasks and the analysis code for stages that need more than plain data (e.g. Redis)."""
