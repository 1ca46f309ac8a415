# regiowerk — developer commands. `make help` lists them.
# Everything sets itself up: `make run` and `make test` create the virtualenv when needed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-k bsn"`
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup check format test test-sqlite test-postgres run migrate demo messages clean

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "regiowerk needs Python 3.11 or newer; $(PYTHON) is older (make PYTHON=python3.11 ...)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { \
		echo "Could not create $(VENV): on Debian/Ubuntu install the venv module first:"; \
		echo "    sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@if [ -d .git ] && [ -z "$$CI" ]; then $(BIN)/pre-commit install >/dev/null || true; fi
	touch $(STAMP)

.env:
	cp .env.example .env

setup: $(STAMP) .env ## Create the virtualenv, install dependencies, create .env
	@mkdir -p var

check: setup ## Format check, lint, types, import rules, migrations
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=regiowerk.config.settings.test $(PY) manage.py makemigrations --check --dry-run

format: setup ## Format and fix lint findings in place
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: check test-sqlite test-postgres ## Run checks and the whole suite, slow tests too (SQLite, then PostgreSQL when TEST_POSTGRES_URL is set)

# -m "" replaces pyproject's default `-m "not slow"`: make test runs every test.
test-sqlite: setup
	$(BIN)/pytest -m "" $(PYTEST_ARGS)

test-postgres: setup
	@if [ -n "$$TEST_POSTGRES_URL" ]; then \
		echo "== suite on PostgreSQL"; \
		DATABASE_URL="$$TEST_POSTGRES_URL" $(BIN)/pytest -m "not browser" --ignore=tests/skillmatch $(PYTEST_ARGS); \
	else \
		echo "== PostgreSQL run skipped: TEST_POSTGRES_URL is not set (.ci/run sets it; see CONTRIBUTING.md)"; \
	fi

migrate: setup ## Apply database migrations
	$(PY) manage.py migrate

demo: migrate ## Load the demo region (idempotent)
	$(PY) manage.py load_demo_region --site http://$(HOST):$(PORT)

run: demo ## Start the server on http://$(HOST):$(PORT) (default 127.0.0.1:8000) with the demo region
	$(PY) manage.py runserver $(HOST):$(PORT)

messages: setup ## Update and compile the Dutch translation catalogue
	cd src/regiowerk && ../../$(PY) ../../manage.py makemessages -l nl --no-obsolete --ignore=static
	$(PY) manage.py compilemessages --ignore=.venv

clean: ## Remove the virtualenv and local database
	rm -rf $(VENV) var
