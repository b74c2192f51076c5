# Exchange Portal. Two commands set everything up: `make run` and `make test`.
# The fastest Python 3.11 on PATH (scripts/fastest-python says why); `make clean` first to change an existing .venv.
PYTHON ?= $(shell scripts/fastest-python)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_ENV := DEBUG=$${DEBUG:-true}
# Some machines set PYTHONDONTWRITEBYTECODE (this project's CI machine does): then every run compiles every
# module again and pytest rewrites the asserts of every test module again, about 4 s per test worker.
# __pycache__ is ignored by git.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test worker beat fmt lint messages makemessages bench bench-reports install clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	@cd . && $(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0

makemessages: $(STAMP)
	$(DEV_ENV) $(BIN)/python manage.py makemessages --locale fr --ignore=.venv --ignore=node_modules --no-obsolete

# `make run` serves on PORT (8000) with a Celery worker and beat beside runserver. Without CELERY_BROKER_URL
# the broker is embedded: Kombu's filesystem transport under .run/broker/ (see settings.py), so agenda digests,
# reminders and PDF renders run at their time as in production, with no Redis. The trap stops the worker
# whenever runserver ends (Ctrl+C, an error): no process is left behind.
PORT ?= 8000
RUN_ENV := $(DEV_ENV) CELERY_BROKER_URL=$${CELERY_BROKER_URL:-filesystem://localhost//} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}
run: messages
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@mkdir -p .run
	@echo "Serving the Exchange Portal on http://127.0.0.1:$(PORT) with a Celery worker and beat (Ctrl+C stops both)."
	@$(RUN_ENV) $(BIN)/celery -A exchange_portal worker --beat --schedule .run/celerybeat-schedule \
	  --concurrency 1 --without-gossip --without-mingle --loglevel INFO & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(RUN_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# axe-core (npm; pinned in package.json and package-lock.json) for the accessibility audits of the browser
# tests. Installed when missing or when the lock file changes. Without npm the audits skip on a developer's
# machine, but CI=true or REQUIRE_BROWSER=true makes that a failure.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json $(STAMP)
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	elif $(BIN)/python -c 'import sys; from exchange_portal.env import env_bool; sys.exit(not (env_bool("CI", False) or env_bool("REQUIRE_BROWSER", False)))'; then \
	  echo "make: npm is needed to install axe-core for the accessibility checks (CI or REQUIRE_BROWSER is set)" >&2; exit 1; \
	else \
	  echo "make: npm not found: the accessibility checks will be skipped (install npm for them)"; \
	fi

# The suite runs on pytest-xdist workers, one more than the cores (TEST_WORKERS=0: in this process): a third of
# the suite's time is spent waiting on a browser, a Celery worker or a subprocess, and the extra worker keeps the
# cores busy meanwhile (on this project's 2-core machine: 3 min 05 s instead of 3 min 16 s). A whole module at a time
# (--dist loadfile): a module's tests share one demo world (conftest.py), built once instead of on each worker
# that would get some of them. Each worker has its own test database; tests that run a worker on the real
# Celery broker take turns (a lock, see conftest.py).
# The layers contract first (about a second): an upward import between apps fails the run before any test.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
test: messages $(AXE)
	$(BIN)/lint-imports --no-cache
	$(DEV_ENV) $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Benchmarks (never part of `make test`): make bench BENCH_ARGS="--size large --load". See docs/benchmarks.md.
bench: messages
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

worker: messages
	$(DEV_ENV) $(BIN)/celery -A exchange_portal worker --loglevel INFO

beat: messages
	$(DEV_ENV) $(BIN)/celery -A exchange_portal beat --loglevel INFO

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) staticfiles media db.sqlite3 .pytest_cache node_modules

bench-reports: $(STAMP)
	$(DEV_ENV) $(BIN)/python benchmarks/report_render.py
