# Two commands on a fresh clone: `make html` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content
OUTPUT ?= output
PORT ?= 8000

.PHONY: html serve test clean new validate codeowners vendor-js lock

# Dependencies come only from the lock, each file checked against its hash, so every clone and CI run
# builds with the same releases; then Konsulta itself, whose ranges `pip check` holds the lock to,
# built with the lock's setuptools (no build environment fetched).
$(BIN)/.installed: requirements/test.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	$(BIN)/python -m pip check
	touch $@

html: $(BIN)/.installed
	$(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT) --fatal errors

# Builds, serves on 127.0.0.1 and builds again on every save; a mistake leaves the last good site served.
serve: $(BIN)/.installed
	$(BIN)/konsulta serve $(CONTENT) -o $(OUTPUT) --port $(PORT)

# lunr.js and its language support, for the Node tests of the search index
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(BIN)/.installed node_modules/.installed
	$(BIN)/python -m pytest

# make new ARGS="draft en my-draft --title 'My draft'"; make validate; make codeowners
new: $(BIN)/.installed
	$(BIN)/python scripts/new $(ARGS)

validate: $(BIN)/.installed
	$(BIN)/python scripts/validate $(CONTENT)

codeowners: $(BIN)/.installed
	$(BIN)/python scripts/codeowners $(CONTENT)

# Copies lunr.js and the stemmers from node_modules into theme/static/js/vendor/ (committed).
vendor-js: node_modules/.installed $(BIN)/.installed
	$(BIN)/python scripts/vendor_js.py

clean:
	rm -rf $(OUTPUT) __pycache__ .pytest_cache cache

# Refreshes the lock to the latest releases pyproject.toml allows, for Python 3.11 and later on every
# platform (markers where they differ), with the hash of every file: requirements/test.txt for make and
# CI, requirements/runtime.txt (the same versions, without the test tools) for the GitHub workflows, and
# SITE_LOCK (the same versions: the runtime, the `check` extra and requirements/site.in), the lock
# every site made by `konsulta init` starts from, inside the package so that it ships with it.
# uv runs from a throwaway folder, so .venv holds only what the lock lists.
UV_VERSION := 0.13.9
SITE_LOCK := plugins/konsulta/lock.txt
LOCK_OPTIONS := --universal --python-version 3.11 --generate-hashes --upgrade --quiet \
	--custom-compile-command 'make lock'
lock:
	set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	$(PYTHON) -m venv "$$tools"; \
	"$$tools/bin/python" -m pip install --quiet uv==$(UV_VERSION); \
	"$$tools/bin/uv" pip compile pyproject.toml requirements/site.in --extra test $(LOCK_OPTIONS) \
		-o requirements/test.txt; \
	"$$tools/bin/uv" pip compile pyproject.toml --constraint requirements/test.txt $(LOCK_OPTIONS) \
		-o requirements/runtime.txt; \
	"$$tools/bin/uv" pip compile pyproject.toml requirements/site.in --extra check \
		--constraint requirements/test.txt $(LOCK_OPTIONS) -o $(SITE_LOCK)
