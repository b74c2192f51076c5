# Exchange Portal. Two commands set everything up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_ENV := DEBUG=$${DEBUG:-true}

.PHONY: run test worker beat fmt lint messages makemessages bench install clean

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

run: messages
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	@echo "Serving the Exchange Portal on http://127.0.0.1:8000 (tasks run in-process; Ctrl+C stops)."
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

test: messages
	$(DEV_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

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

clean:
	rm -rf $(VENV) staticfiles media db.sqlite3 .pytest_cache

bench: $(STAMP)
	$(DEV_ENV) $(BIN)/python benchmarks/report_render.py
