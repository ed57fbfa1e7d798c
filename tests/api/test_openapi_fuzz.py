"""Schemathesis against our OpenAPI document: generated requests must never get a 5xx or an off-schema response.

Operations are driven one by one through Hypothesis with a bounded number of examples each, so the run stays quick.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from dateline.api.app import create_app  # noqa: E402

EXAMPLES_PER_OPERATION = 12
# A random string is schema-valid as a cursor or an id yet rightly refused (400/404): that check does not apply.
EXCLUDED = [schemathesis.checks.positive_data_acceptance]


@schemathesis.serializer("application/x-ndjson")
def _ndjson(ctx, value) -> bytes:
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else json.dumps(value).encode()


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("dateline_test_sample_store", Path(__file__).with_name(
        "sample_store.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("fuzz") / "fuzz.duckdb"
    module.build_sample(path, extra_events=5).close()
    app = create_app(path)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.store.close()


def _operations(schema) -> list:
    return [result.ok() for result in schema.get_all_operations()]


def test_openapi_fuzz_covers_every_api_path(api_schema):
    paths = {operation.path for operation in _operations(api_schema)}
    assert {"/api/events", "/api/events/{event_id}", "/api/stories/{story_id}", "/api/ingest"} <= paths


def test_openapi_fuzz_never_server_error(api_schema):
    for operation in _operations(api_schema):

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(excluded_checks=EXCLUDED)

        check()
