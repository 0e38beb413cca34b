"""Serves Swagger UI's assets from the swagger-ui-bundle package, so /docs works with no network."""

from __future__ import annotations

from flask import Blueprint, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

ASSETS_URL = "/docs/assets/"
blp = Blueprint("docs_assets", __name__)


@blp.route(ASSETS_URL + "<path:filename>")
def asset(filename: str) -> Response:
    """One Swagger UI file (JS, CSS, icons), served locally instead of from a CDN."""
    return send_from_directory(swagger_ui_path, filename, max_age=3600)
