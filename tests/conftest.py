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


@pytest.fixture(scope="session")
def code_events():
    """Code a text with the events component alone, actor mentions built by hand (no actors stage needed).

    `countries` maps lower-case words to ISO-3 codes; each such word becomes a country mention.
    """
    from datetime import date

    import spacy

    from dateline.nlp.extensions import ActorMention, register_extensions
    from dateline.nlp.pipeline import MODEL
    from dateline.records import ActorRef

    register_extensions()
    import dateline.events.coder  # noqa: F401  registers the factory

    try:
        model = spacy.load(MODEL)
    except OSError:
        pytest.skip("spaCy model not installed")
    model.add_pipe("dateline_events")

    def code(text: str, countries: dict[str, str], published: date = date(2024, 3, 15)):
        doc = model.make_doc(text)
        doc._.doc_id = "test"
        doc._.published = published
        doc._.actor_mentions = [
            ActorMention(token.i, token.i + 1, ActorRef(token.text, token.text, countries[token.lower_]), "country")
            for token in doc
            if token.lower_ in countries
        ]
        return model(doc)._.events

    return code


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
