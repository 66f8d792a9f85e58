# Perfcycle: `make run` and `make test` each do their own set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint install migrate messages check-deploy clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --no-input

# Links in emails follow the running address: the worker and the server get HOST and PORT, from which the
# settings make SITE_URL unless it is set.
run: migrate
	DEBUG=$${DEBUG:-true} $(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "Perfcycle on http://$(HOST):$(PORT)/  —  demo logins (password: demo):"
	@DEBUG=$${DEBUG:-true} $(PY) manage.py seed_demo --print-logins
	@echo ""
	DEBUG=$${DEBUG:-true} HOST=$(HOST) PORT=$(PORT) $(PY) manage.py db_worker & \
	WORKER=$$!; trap "kill $$WORKER 2>/dev/null" EXIT INT TERM; \
	DEBUG=$${DEBUG:-true} HOST=$(HOST) PORT=$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile

bench: migrate
	$(PY) manage.py bench

# ruff; the import contract of .importlinter (each app imports only the apps below it); no model change without
# its migration.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

check-deploy: install
	DEBUG=false SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c "import secrets; print(secrets.token_urlsafe(64))")} \
	ALLOWED_HOSTS=perfcycle.example.com $(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles
