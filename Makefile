# Two commands on a fresh clone: `make html` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content
OUTPUT ?= output
PORT ?= 8000

.PHONY: html serve test clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '.[test]'
	touch $@

html: $(BIN)/.installed
	$(BIN)/pelican $(CONTENT) -s pelicanconf.py -o $(OUTPUT) --fatal errors

serve: html
	$(BIN)/python -m http.server $(PORT) --directory $(OUTPUT) --bind 127.0.0.1

test: $(BIN)/.installed
	$(BIN)/python -m pytest

clean:
	rm -rf $(OUTPUT) __pycache__ .pytest_cache cache
