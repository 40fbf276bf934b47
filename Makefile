# The front door: `make run` and `make test`. Everything runs from .venv, which
# `make install` creates with python3.11 and keeps in step with pyproject.toml.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST := $(BIN)/pytest
# The PostgreSQL test run uses $DATABASE_URL when it is a postgres URL, else this one.
DEFAULT_PG_URL := postgres://postgres@127.0.0.1:5432/postgres

.PHONY: help install system-packages run test test-sqlite test-postgres lint fmt bench clean

help:
	@echo "make run      set up .venv and the database, create demo data, serve http://127.0.0.1:8000"
	@echo "make test     ruff, then pytest on SQLite, then on PostgreSQL when it is reachable"
	@echo "make lint     ruff check + ruff format --check"
	@echo "make fmt      ruff format + ruff check --fix"
	@echo "make bench    run every bench/*.py"
	@echo "make install  create .venv and install dagsorden with its dev tools"
	@echo "make clean    remove var/ (the local database and media) and caches; keeps .venv"

install: system-packages $(STAMP)

# Debian's Pango and fonts for the PDFs; a no-op when they are there (dpkg-query only).
system-packages:
	@bash scripts/system-packages.sh runtime

# Reinstalls only when pyproject.toml changed or .venv is new; the install is editable,
# so code changes never need it.
$(STAMP): pyproject.toml
	@if ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then \
		command -v $(PYTHON) >/dev/null || { \
			echo "error: $(PYTHON) not found on PATH; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; \
			exit 1; }; \
		echo "== creating $(VENV) with $$(command -v $(PYTHON))"; \
		$(PYTHON) -m venv --clear $(VENV); \
	fi
	@echo "== installing dagsorden (editable) with dev tools into $(VENV)"
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -e '.[dev]'
	@touch $@

# The development server: DEBUG defaults to 1 here (static files, error pages) unless set.
run: export DEBUG ?= 1
run: install
	$(BIN)/dagsorden migrate --noinput
	$(BIN)/dagsorden demo
	$(BIN)/dagsorden runserver 127.0.0.1:8000

# pytest exits 5 when it collects no tests; like any non-zero status that fails the run.
run_pytest = $(PYTEST) || { rc=$$?; [ $$rc -ne 5 ] || echo "error: pytest collected no tests" >&2; exit $$rc; }

test: install
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

# DATABASE_URL= (empty) means "unset" to settings: this run is on SQLite whatever the
# environment says. pytest-django gives it an in-memory test database.
test-sqlite: install
	@echo "== pytest on SQLite (in-memory test database; DATABASE_URL ignored)"
	@export DATABASE_URL=; $(run_pytest)

# Skipped with a message when PostgreSQL is not reachable, unless REQUIRE_POSTGRES=1.
test-postgres: install
	@url="$${DATABASE_URL:-}"; \
	case "$$url" in \
		postgres://*|postgresql://*|pgsql://*) ;; \
		*) url="$(DEFAULT_PG_URL)" ;; \
	esac; \
	rc=0; probe=$$($(BIN)/python scripts/pg_reachable.py "$$url") || rc=$$?; \
	if [ $$rc -eq 1 ]; then \
		if [ "$${REQUIRE_POSTGRES:-}" = 1 ]; then \
			echo "error: $$probe, and REQUIRE_POSTGRES=1 requires the PostgreSQL run." >&2; \
			echo "Start PostgreSQL or point DATABASE_URL at one (postgres://user@host:port/db)." >&2; \
			exit 1; \
		fi; \
		echo "$$probe: skipping the PostgreSQL run"; \
		exit 0; \
	elif [ $$rc -ne 0 ]; then \
		exit $$rc; \
	fi; \
	echo "== pytest on PostgreSQL: $${probe#PostgreSQL reachable at }"; \
	export DATABASE_URL="$$url"; $(run_pytest)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	@bash scripts/system-packages.sh bench
	@shopt -s nullglob; scripts=(bench/*.py); \
	if [ $${#scripts[@]} -eq 0 ]; then echo "no bench/*.py scripts"; exit 0; fi; \
	for script in "$${scripts[@]}"; do \
		echo "== $$script"; \
		$(BIN)/python "$$script"; \
	done

clean:
	rm -rf var/ .pytest_cache/ .ruff_cache/ build/ *.egg-info/
	find . \( -path ./.venv -o -path ./.git \) -prune -o -type d -name __pycache__ -exec rm -rf {} +
