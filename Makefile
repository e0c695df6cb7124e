# Two commands set everything up on a fresh machine:
#   make migrate   virtualenv + local PostgreSQL server + every configured database migrated
#   make test      the same set-up, then lint and the whole test suite (its own throwaway cluster)
#   make validate  runner validate for every database (the CI validation job)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Debian package names; the Makefile installs them when missing and run as root.
PG_PACKAGES := postgresql postgresql-contrib postgresql-15-pgtap postgresql-15-postgis-3

.PHONY: migrate test validate lint bench deps venv clean

migrate: deps venv
	$(BIN)/runner migrate

test: deps venv lint
	$(BIN)/pytest -q

# The CI validation job: offline checks, round trip, schema.sql and pgTAP for every database,
# on scratch databases of the local server (or VALIDATE_URL's server); JUnit report in build/.
validate: deps venv
	mkdir -p build
	$(BIN)/runner validate $(if $(VALIDATE_URL),--url "$(VALIDATE_URL)") --junit build/validate-junit.xml

lint: venv
	$(BIN)/ruff check runner tests bench

bench: deps venv
	$(BIN)/python bench/migrate_bench.py

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# PostgreSQL server binaries and the extensions the databases and tests use.
deps:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || missing="server"; \
	ls /usr/share/postgresql/*/extension/pgtap.control >/dev/null 2>&1 || missing="$$missing pgtap"; \
	ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || missing="$$missing postgis"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing PostgreSQL packages ($$missing missing): $(PG_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PG_PACKAGES) >/dev/null || exit 1; \
	  else \
	    echo "error: missing PostgreSQL parts:$$missing"; \
	    echo "install them as root: apt-get install $(PG_PACKAGES)"; \
	    echo "(other systems: PostgreSQL 15 server with contrib, pgTAP and PostGIS 3; or set RUNNER_PG_BINDIR)"; \
	    exit 1; \
	  fi; \
	fi

clean:
	-$(BIN)/runner local stop
	rm -rf $(VENV) .pytest_cache .ruff_cache
