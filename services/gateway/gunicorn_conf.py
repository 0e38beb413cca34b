"""gunicorn's configuration (`gunicorn -c python:services.gateway.gunicorn_conf`): its own log lines, the
master's included, in LOG_FORMAT and LOG_LEVEL like the app's. Read once, when gunicorn starts."""

from __future__ import annotations

from shared.logs import dict_config
from shared.settings import load_settings

logconfig_dict = dict_config(load_settings())
