# Two commands from a fresh clone: `make serve` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

# Silence the engines' "MkDocs 2" notices: the README explains our engine choices.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: setup setup-npm serve build build-properdocs check lint format test clean

$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

setup: $(BIN)/.installed ## create .venv with the pinned dependencies

# npm packages the tests use (Sveltia CMS and its fonts, checked against the vendored copies; axe-core, the Nu Html Checker, Lighthouse), pinned
# by package-lock.json; install scripts are skipped (vnu-jar's would download a Java).
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

setup-npm: node_modules/.installed

serve: setup ## build the demo archive and serve it on http://127.0.0.1:8000/<site_url path>/
	$(BIN)/mkdocs serve --strict --dev-addr $(HOST)

build: setup ## build the site into site/ (strict: any problem fails the build)
	$(BIN)/mkdocs build --strict

build-properdocs: setup ## the same build with ProperDocs, MkDocs' maintained fork
	$(BIN)/properdocs build --strict -f mkdocs.yml

check: setup ## validate every record without building
	$(BIN)/archive check

lint: setup ## ruff (lint + format) and mypy
	$(BIN)/ruff check plugins tests scripts
	$(BIN)/ruff format --check plugins tests scripts
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format plugins tests scripts
	$(BIN)/ruff check --fix plugins tests scripts

test: setup setup-npm lint ## every test: lint, unit, build and browser tests
	$(BIN)/pytest

clean:
	rm -rf site site.building* site.previous* site.lock .pytest_cache .mypy_cache .ruff_cache
