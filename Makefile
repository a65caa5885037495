# Maturasi: `make run` sets up everything and starts the service; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Installs repeat: exact versions and hashes from the lock files (`make lock` refreshes them from
# pyproject.toml's ranges).
APP_LOCK := requirements/app.txt
DEV_LOCK := requirements/dev.txt
STAMP := $(VENV)/.installed-$(shell cat $(APP_LOCK) | sha1sum | cut -c1-12)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat $(DEV_LOCK) | sha1sum | cut -c1-12)

.PHONY: run test lint imports lock messages system-deps browser-deps venv dev-venv migrate defaults clean

run: venv system-deps
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_defaults
	$(PY) manage.py create_demo_accounts
	$(PY) manage.py load_demo_programmes
	$(PY) manage.py load_demo_data
	$(PY) -m config.run

test: dev-venv system-deps browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: dev-venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy config cities maturity reports operations
	$(VENV)/bin/lint-imports

# The import contracts alone (pyproject.toml, docs/ARCHITECTURE.md).
imports: dev-venv
	$(VENV)/bin/lint-imports

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PY) $(APP_LOCK)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet --require-hashes --no-deps -r $(APP_LOCK)
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) $(DEV_LOCK)
	$(PIP) install --quiet --require-hashes --no-deps -r $(DEV_LOCK)
	touch $(DEV_STAMP)

# Gather the messages of the code and templates into the catalogue (Indonesian msgids, English
# beside them), then compile it. New or changed messages need their English filled in.
messages: dev-venv
	$(PY) manage.py makemessages -l en --no-location --no-obsolete \
		-i ".venv/*" -i "tests/*" -i "benchmarks/*" -i "docs/*"
	$(PY) manage.py compilemessages -l en

# Refresh the lock files from pyproject.toml's ranges (the newest versions they allow today).
lock: dev-venv
	$(VENV)/bin/uv pip compile pyproject.toml --quiet --python-version 3.11 --generate-hashes \
		--upgrade -o $(APP_LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml --quiet --python-version 3.11 --generate-hashes \
		--upgrade --extra dev -o $(DEV_LOCK)

venv: $(STAMP)

dev-venv: $(DEV_STAMP)

# WeasyPrint needs Pango (and renders faster with HarfBuzz's subsetter); PDFs are read back with
# poppler in tests. Installed with apt when running as root, otherwise named.
system-deps:
	@bash .ci/system-deps.sh

browser-deps:
	@bash .ci/system-deps.sh --browser

clean:
	rm -rf $(VENV) var
