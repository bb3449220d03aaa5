# The two commands of the README: `make site` and `make test`. Everything is installed
# into .venv (and tests/node_modules) from the pinned requirements.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site exports export-tools serve test lint bench vendor clean chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The pinned requirements, then the qbank package itself (editable: scripts/qbank).
$(VENV)/.site-deps: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test-deps: requirements-test.txt $(VENV)/.site-deps
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json
	cd tests && npm ci --silent --no-fund --no-audit

# MathJax, which renders every formula to SVG while the site is built (needs node).
MATHJAX := scripts/mathjax/node_modules/.package-lock.json
$(MATHJAX): scripts/mathjax/package.json scripts/mathjax/package-lock.json
	cd scripts/mathjax && npm ci --silent --no-fund --no-audit

# The browser tests drive a real Chromium: Playwright's own where installed (GitHub's
# runners), else the system's; as root on Debian, Debian's package is installed.
chromium: $(VENV)/.test-deps
	@$(BIN)/python -m qbank.browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  fi; $(BIN)/python -m qbank.browser; }

## site: convert sources/ into pages and build the bilingual site into site/
site: $(VENV)/.site-deps $(MATHJAX)
	$(BIN)/qbank convert
	$(BIN)/mkdocs build --strict

# The exports print the books with a Chromium and need a CJK font for the Chinese text; as
# root on Debian, Debian's chromium and fonts-wqy-microhei are installed when missing (a
# TrueType font: Chromium embeds a subset of it, where Noto CJK's CFF outlines become
# Type 3 glyphs, 3x the size, and 一 extracts as the radical ⼀).
export-tools:
	@{ command -v chromium || command -v chromium-browser || command -v google-chrome; } >/dev/null && \
	  fc-list | grep -q "WenQuanYi Micro Hei" || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian's chromium and fonts-wqy-microhei for the PDF books"; \
	    apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	  fi; }

## exports: after `make site`, write the downloads into site/downloads/ (Anki, PDF, CSV, JSON, zip)
exports: $(VENV)/.site-deps export-tools
	$(BIN)/qbank exports

## serve: live preview on http://127.0.0.1:8000 (editing sources/ updates the pages)
serve: $(VENV)/.site-deps $(MATHJAX)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## lint: ruff (lint and format check) and mypy (strict)
lint: $(VENV)/.test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## test: lint, then every test (parsers, bank, pages, build, browser, workflows)
test: $(VENV)/.test-deps tests/node_modules/.package-lock.json $(MATHJAX) chromium export-tools lint
	$(BIN)/python -m pytest

scripts/lighthouse/node_modules/.package-lock.json: scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	cd scripts/lighthouse && npm ci --silent --no-fund --no-audit

## bench: conversion and build times, sizes, Lighthouse scores (add ARGS=--scale to grow the bank)
bench: $(VENV)/.test-deps $(MATHJAX) scripts/lighthouse/node_modules/.package-lock.json chromium
	$(BIN)/qbank bench $(ARGS)

## vendor: refresh the pinned third-party browser files (needs npm)
vendor:
	bash scripts/vendor.sh

clean:
	rm -rf site docs/topics docs/.generated test-artifacts
