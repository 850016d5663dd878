# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev migrate seed worker messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# The demo: SQLite, a Celery worker with beat on a broker that needs no server, and the
# development server, with DEBUG off so that the demo shows the real error pages. Stopping
# the server (Ctrl-C) stops the worker too; a worker left behind by a run that was killed
# otherwise is stopped by the next run (var/celery.pid).
run: install
	mkdir -p var/celery/queue var/celery/processed
	test -s var/secret_key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	if test -s var/celery.pid; then kill "$$(cat var/celery.pid)" 2>/dev/null; sleep 2; rm -f var/celery.pid; fi
	export SECRET_KEY="$$(cat var/secret_key)"; \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py seed_demo && \
	{ $(BIN)/celery -A config worker -B --loglevel=INFO --concurrency=1 --pidfile var/celery.pid \
		--schedule var/celerybeat-schedule > var/celery.log 2>&1 & \
	worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	echo "Portal: http://$(HOST):$(PORT)/  (Celery log: var/celery.log)"; \
	$(BIN)/python manage.py runserver --noreload $(HOST):$(PORT); }

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

# Each app keeps its own locale/ folder; makemessages from the root fills every one of them.
messages: install-dev
	DEBUG=1 $(BIN)/python manage.py makemessages -l zh_Hans -i .venv -i var -i static -i tests
	DEBUG=1 $(BIN)/python manage.py compilemessages -i .venv

# A month of reminders at scale (200k activities, 20k people by default), timed on a database
# of its own next to DATABASE_URL's, dropped afterwards. BENCH_ARGS="--people 2000 --activities 20000"
# DEBUG stays off, as on a worker: DEBUG keeps a log of every query.
bench: install-dev
	SECRET_KEY=bench-only LOG_LEVEL=WARNING $(BIN)/python manage.py bench_reminders $(BENCH_ARGS)

clean:
	rm -rf var
