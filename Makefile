# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-integration bench lint format migrate demo worker beat db-stop messages clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	@$(PY) -m cris.vereisten
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	@$(PY) -m cris.vereisten
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The whole suite against this machine's PostgreSQL and Redis, plus the tests that need a real broker
# and a real `celery worker` process.
test-integration: $(STAMP)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/cris} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	CRIS_INTEGRATIE_VERPLICHT=true \
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# Benchmarks at production volume (docs/benchmarks.md): generates the database `cris_bench` once (about
# 5 minutes at SCHAAL=1), then measures the pages, a mixed HTTP load and the batch jobs. The database is
# CRIS_BENCH_DATABASE_URL, or `cris_bench` in the embedded PostgreSQL. BENCH_ARGS="--alleen casus" for one.
SCHAAL ?= 1
bench: $(STAMP)
	$(PY) -m benchmarks --schaal $(SCHAAL) $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrate: $(STAMP)
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py demo

worker: $(STAMP)
	$(VENV)/bin/celery -A cris worker --loglevel=info

beat: $(STAMP)
	$(VENV)/bin/celery -A cris beat --loglevel=info --scheduler django_celery_beat.schedulers:DatabaseScheduler

# Stop the embedded PostgreSQL that `make run` and `make test` start when DATABASE_URL is unset.
db-stop: $(STAMP)
	$(PY) -m cris.embedded_db stop

clean:
	rm -rf $(VENV) var/ .pytest_cache .ruff_cache
