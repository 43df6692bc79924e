# PeerPath: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# `make run PORT=8001` serves on another port.
PORT ?= 8000

# Development defaults: embedded SQLite and filesystem broker unless DATABASE_URL/REDIS_URL say otherwise.
DEV_ENV := DEBUG=true COORDINATOR_MFA_REQUIRED=$${COORDINATOR_MFA_REQUIRED:-false} ACCOUNT_DEFAULT_HTTP_PROTOCOL=http

.PHONY: run test install migrate demo lint format bench clean messages

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	mkdir -p var/mail var/broker/queue var/broker/processed var/broker/control
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py createcachetable

demo: migrate
	$(DEV_ENV) $(PY) manage.py seed_demo

run: demo
	@echo ""
	@echo "  PeerPath demo (demo only): password 'peerpath-demo' for"
	@echo "    coordinator@example.org, mentor1@example.org .. mentor3@example.org,"
	@echo "    mentee1@example.org .. mentee6@example.org"
	@echo "  Emails are printed here and saved under var/mail/."
	@echo ""
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(DEV_ENV) $(PY) manage.py rundev --addrport 127.0.0.1:$(PORT)

# DEBUG=true gives test-friendly defaults (no HTTPS redirect, plain cookies);
# pytest-django still runs the tests with DEBUG off.
test: install
	mkdir -p var/broker/queue var/broker/processed var/broker/control var/mail
	DEBUG=true $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The Spanish catalogue: gather every marked string (templates and Python), then compile what
# Django reads. Needs GNU gettext (Debian: gettext). tests/test_translations.py runs the same
# gathering and fails on any string left untranslated or fuzzy.
MAKEMESSAGES_ARGS := -l es --no-obsolete --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=var --ignore=test-artifacts --ignore=node_modules
messages: install
	DEBUG=true $(PY) manage.py makemessages $(MAKEMESSAGES_ARGS)
	DEBUG=true $(PY) manage.py compilemessages -l es --ignore=.venv

bench: install
	DEBUG=true $(PY) benchmarks/run.py

clean:
	rm -rf var/peerpath.sqlite3* var/broker var/mail var/staticfiles
