# Hedgerow: `make demo` to try it, `make test` to run every test. `make help` lists all.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HEDGEROW := $(BIN)/hedgerow
PORT := $(or $(HEDGEROW_PORT),8000)
CHROMIUM ?= /usr/bin/chromium
# Tests run on PostgreSQL when DATABASE_URL points at one, otherwise on SQLite.
PYTEST_ARGS ?=

.PHONY: help
help: ## List every target
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/dev.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# --no-deps: the lock is complete, and uv's override for recordlinkage (requirements/dev-overrides.txt) is not pip's to re-check.
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## Create .venv and install the locked dependencies

.PHONY: demo
demo: install ## Set up the demo partnership and serve it on http://127.0.0.1:8000
	@mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.local $(HEDGEROW) migrate --no-input
	DJANGO_SETTINGS_MODULE=config.settings.local $(HEDGEROW) load_demo
	@echo; echo "Sign in at http://127.0.0.1:$(PORT)/accounts/login/ with one of the accounts above."; echo
	@# The background worker runs queued jobs (entity resolution) beside the server.
	DJANGO_SETTINGS_MODULE=config.settings.local $(HEDGEROW) db_worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT; \
	  DJANGO_SETTINGS_MODULE=config.settings.local $(HEDGEROW) runserver 127.0.0.1:$(PORT)

.PHONY: chromium
chromium: ## Install Debian's Chromium for the browser tests, if it is missing
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium' (or set CHROMIUM=/path)."; exit 1; \
	  fi; \
	fi

.PHONY: test
test: install chromium ## Run the whole test suite (PostgreSQL if DATABASE_URL is set, else SQLite)
	@mkdir -p var
	HEDGEROW_CHROMIUM=$(CHROMIUM) $(BIN)/pytest $(PYTEST_ARGS)

.PHONY: check
check: install ## Format check, lint, types, template lint, migrations check
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy hedgerow config
	$(BIN)/djlint hedgerow/templates hedgerow/*/templates --lint --quiet
	DJANGO_SETTINGS_MODULE=config.settings.test $(HEDGEROW) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.test $(HEDGEROW) check
	$(BIN)/python scripts/check_translations.py

.PHONY: fix
fix: install ## Apply formatting and safe lint fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

.PHONY: bench
bench: install ## Run the benchmarks in bench/, printing figures and writing JSON to var/bench/
	@mkdir -p var/bench
	@for b in bench/bench_*.py; do DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python $$b || exit 1; done

.PHONY: messages
messages: install ## Extract translatable text into the .po files and compile them
	DJANGO_SETTINGS_MODULE=config.settings.test $(HEDGEROW) makemessages --locale cy --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --ignore '*/static/vendor/*' --ignore '*/tests/*'
	DJANGO_SETTINGS_MODULE=config.settings.test $(HEDGEROW) makemessages --locale pl --locale ro --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --ignore '*/static/vendor/*' --ignore '*/tests/*'
	$(BIN)/python scripts/public_messages.py
	$(BIN)/python scripts/check_translations.py --compile

.PHONY: lock
lock: install ## Re-resolve requirements/*.in into hashed lock files
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 requirements/base.in -o requirements/base.lock
	$(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --override requirements/dev-overrides.txt requirements/dev.in -o requirements/dev.lock

.PHONY: clean
clean: ## Remove the virtualenv and local databases
	rm -rf $(VENV) var
