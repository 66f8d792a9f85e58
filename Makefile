# Perfcycle: `make run` and `make test` each do their own set-up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench load lint install migrate messages check-deploy clean

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
# What a person sees: the seeding's one line, the server's start-up, then the URL and the demo logins, printed
# once the server answers. After that only page requests and errors: the worker's emails (the console backend)
# go to var/emails.log, and one filter drops successful static-file requests and the worker's per-task
# "running"/"successful" lines (failures and tracebacks stay). Another port: make run PORT=8001.
RUN_ENV = DEBUG=$${DEBUG:-true} HOST=$(HOST) PORT=$(PORT) PYTHONUNBUFFERED=1 DJANGO_RUNSERVER_HIDE_WARNING=true
RUN_HOST = $(if $(filter 0.0.0.0 ::,$(HOST)),localhost,$(HOST))
RUN_QUIET = -e '"GET /static/[^"]*" [23]0[0-9] ' -e ' state=\(RUNNING\|SUCCESSFUL\)$$' -e '^Watching for file changes' -e '^Starting worker '

run: migrate
	@$(RUN_ENV) $(PY) manage.py seed_demo --if-empty
	@mkdir -p var
	@{ $(RUN_ENV) $(PY) manage.py db_worker 2>&1 >>var/emails.log & WORKER=$$!; \
	  { for i in $$(seq 60); do sleep 1; $(PY) -c "import socket; socket.create_connection(('$(RUN_HOST)', $(PORT)), 2)" \
	      2>/dev/null && break; done; \
	    $(RUN_ENV) $(PY) manage.py seed_demo --print-logins; echo ""; \
	    echo "Perfcycle runs at http://$(RUN_HOST):$(PORT)/ — log in with an email above (password: demo)."; \
	    echo "Emails are not sent: they are written to var/emails.log. Stop with Ctrl-C."; } & BANNER=$$!; \
	  trap "kill $$WORKER $$BANNER 2>/dev/null" EXIT INT TERM; \
	  $(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT) 2>&1; } | grep --line-buffered -v $(RUN_QUIET)

test: install
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile

bench: migrate
	$(PY) manage.py bench

# By hand only (not CI, not make test): gunicorn + a private PostgreSQL on 5544 + db_worker + headless locust on
# 8599; see bench/README.md. Override with LOAD_ARGS, e.g. make load LOAD_ARGS="--users 200 --seconds 60".
LOAD_ARGS ?= --employees 10000 --users 500 --seconds 120 --idle-seconds 60 --think 15,45
load: install
	$(PY) -m bench.load.run $(LOAD_ARGS)

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
