# Praktijkbank: every command sets up its own virtual environment in .venv on first use.
#   make serve   build the site and serve it on http://localhost:8000, reloading on every change
#   make build   build the site into site/ (fails when any practice example has a problem)
#   make test    run every test, browser tests included
#   make check   check the practice examples only
#   make lint    ruff, and mypy (strict on core, reading, checking and runtime; settings in pyproject.toml)
#   make bench   measure build and filter performance (see benchmarks/RESULTS*.md)
# GENERATOR=properdocs builds and serves with ProperDocs, the maintained fork of MkDocs 1.6, instead of MkDocs
# (make build GENERATOR=properdocs); both read the same mkdocs.yml and run the same plugin and theme.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed
PROPERDOCS_STAMP := $(VENV)/.installed-properdocs
GENERATOR ?= mkdocs
ifeq ($(GENERATOR),mkdocs)
GENERATOR_STAMP := $(SITE_STAMP)
else ifeq ($(GENERATOR),properdocs)
GENERATOR_STAMP := $(PROPERDOCS_STAMP)
else
$(error GENERATOR moet mkdocs of properdocs zijn, niet '$(GENERATOR)')
endif
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Praktijkbank heeft Python 3.11 of nieuwer nodig (gevonden: " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[pdf]'
	@touch $@

$(PROPERDOCS_STAMP): $(SITE_STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[pdf,properdocs]'
	@touch $@

$(TEST_STAMP): $(SITE_STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

# -f: ProperDocs looks for properdocs.yml first, and reads mkdocs.yml without a note only when it is named.
serve: $(GENERATOR_STAMP)
	$(BIN)/$(GENERATOR) serve -f mkdocs.yml --dev-addr localhost:8000

build: $(GENERATOR_STAMP)
	$(BIN)/$(GENERATOR) build -f mkdocs.yml --strict

check: $(SITE_STAMP)
	$(BIN)/praktijkbank check

# axe-core (accessibility checks in the browser tests) comes from npm; without npm those tests are skipped locally.
$(NODE_STAMP): package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --silent && touch $@; \
	else echo "npm niet gevonden: de toegankelijkheidstests worden overgeslagen."; fi

# One pytest worker per core (pytest-xdist); a test file stays on one worker, so its module fixtures are made once.
# TEST_WORKERS=0 runs the tests in one process, as plain `pytest` does.
TEST_WORKERS ?= auto
test: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

bench: $(TEST_STAMP)
	$(BIN)/python benchmarks/build.py
	$(BIN)/python benchmarks/filter.py

lint: $(TEST_STAMP)
	$(BIN)/ruff check plugins tests
	$(BIN)/mypy

clean:
	rm -rf site $(VENV)
