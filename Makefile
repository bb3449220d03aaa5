# The two commands of the README: `make site` and `make test`. Everything is installed
# into .venv (and tests/node_modules) from the pinned requirements.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site serve test lint bench vendor clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.site-deps
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	cd tests && npm ci --silent --no-fund --no-audit

## site: convert sources/ into pages and build the bilingual site into site/
site: $(VENV)/.site-deps
	$(BIN)/python scripts/convert.py
	$(BIN)/mkdocs build --strict

## serve: live preview on http://127.0.0.1:8000 (editing sources/ updates the pages)
serve: $(VENV)/.site-deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## lint: ruff (lint and format check)
lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## test: lint, then every test (parsers, bank, pages, build, browser, workflows)
test: $(VENV)/.test-deps tests/node_modules/.package-lock.json lint
	$(BIN)/python -m pytest

## bench: conversion and build times, sizes (add ARGS=--scale to grow the bank)
bench: $(VENV)/.test-deps
	$(BIN)/python scripts/bench.py $(ARGS)

## vendor: refresh the pinned third-party browser files (needs npm)
vendor:
	bash scripts/vendor.sh

clean:
	rm -rf site docs/topics docs/.generated test-artifacts
