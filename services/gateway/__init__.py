"""The Flask gateway: accepts jobs, serves their status and results. Never imports worker or NLP code."""

from services.gateway.app import create_app

__all__ = ["create_app"]
