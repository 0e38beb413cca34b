"""The Celery app, its tasks, and the analysis code they call."""
