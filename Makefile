# Two commands on a fresh clone: `make html` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content
OUTPUT ?= output
PORT ?= 8000

.PHONY: html serve test clean new validate codeowners vendor-js

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '.[test]'
	touch $@

html: $(BIN)/.installed
	$(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT) --fatal errors

serve: html
	$(BIN)/python -m http.server $(PORT) --directory $(OUTPUT) --bind 127.0.0.1

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
