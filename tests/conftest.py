"""The only conftest: shared fixtures for every test package (the model, the example, a temporary store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.demo import EXAMPLE_DIR

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return Path(str(EXAMPLE_DIR))


@pytest.fixture(scope="session")
def shared_bench() -> Path:
    """../shared/bench when present (developers and CI); tests that need it skip without it."""
    path = SHARED / "bench"
    if not path.is_dir():
        pytest.skip("../shared/bench is not present")
    return path


@pytest.fixture(scope="session")
def bare_nlp():
    """The English model with no dateline components: fast to load, for ingest and store tests."""
    from dateline.nlp.pipeline import shared_nlp

    return shared_nlp(())


@pytest.fixture(scope="session")
def nlp():
    """The full dateline pipeline."""
    from dateline.nlp.pipeline import shared_nlp

    return shared_nlp()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.duckdb")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    session.config._dateline_exitstatus = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the process once pytest has reported, skipping interpreter teardown.

    DuckDB 2.0's bindings print "nanobind: leaked ..." for objects alive at shutdown (FastAPI test clients and
    schemathesis keep some until the very end). Those lines would follow pytest's summary and hide it from CI.
    """
    import os
    import sys

    status = getattr(config, "_dateline_exitstatus", None)
    if status is not None:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
