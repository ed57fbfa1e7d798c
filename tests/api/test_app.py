"""REST API tests over a hand-built store (no NLP stages needed): every endpoint, filters, paging, errors, ingest."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.api.app import create_app


def _sample_store_module():
    spec = importlib.util.spec_from_file_location("dateline_test_sample_store", Path(__file__).with_name(
        "sample_store.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "sample.duckdb"
    _sample_store_module().build_sample(path).close()
    return path


@pytest.fixture(scope="module")
def client(sample_db):
    app = create_app(sample_db)
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def _all_pages(client, url: str, limit: int) -> list[dict]:
    items, cursor, pages = [], None, 0
    while True:
        sep = "&" if "?" in url else "?"
        page = client.get(f"{url}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else "")).json()
        items += page["items"]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            return items
        assert pages < 1000


@pytest.mark.parametrize("limit", [1, 7, 1000])
def test_app_events_pagination_reaches_every_event_once(client, limit):
    items = _all_pages(client, "/api/events", limit)
    ids = [e["event_id"] for e in items]
    assert len(ids) == len(set(ids)) == client.get("/api/overview").json()["events"]
    dated = [e["date"] for e in items if e["date"]]
    assert dated == sorted(dated)
    assert items[-1]["date"] is None  # undated events come last


@pytest.mark.parametrize("url,limit", [("/api/documents", 1), ("/api/quotes", 1), ("/api/stories", 1),
                                       ("/api/statements", 1), ("/api/events?actor=IRN", 5)])
def test_app_lists_page_through_everything(client, url, limit):
    paged = _all_pages(client, url, limit)
    whole = client.get(url + ("&" if "?" in url else "?") + "limit=1000").json()["items"]
    assert paged == whole and whole


@pytest.mark.parametrize("params,expected", [
    ("actor=IRN", lambda e: e["actor"]["country"] == "IRN"),
    ("actor=IRNGOV", lambda e: e["actor"]["code"] == "IRNGOV"),
    ("actor=Ebrahim%20Raisi", lambda e: e["actor"]["name"] == "Ebrahim Raisi"),
    ("recipient=IGO", lambda e: e["recipient"]["code"].startswith("IGO")),
    ("plover=consult", lambda e: e["plover"] == "CONSULT"),
    ("cameo=04", lambda e: e["cameo"].startswith("04")),
    ("quad_class=4", lambda e: e["quad_class"] == 4),
    ("since=2023-04-07&until=2023-04-30", lambda e: "2023-04-07" <= e["date"] <= "2023-04-30"),
    ("story=s-1", lambda e: e["story_id"] == "s-1"),
    ("min_sources=2", lambda e: e["num_sources"] >= 2),
    ("doc=doc-b", lambda e: any(m["doc_id"] == "doc-b" for m in e["mentions"]) or e["event_id"].startswith("ev-")),
])  # fmt: skip
def test_app_events_filters(client, params, expected):
    items = client.get(f"/api/events?{params}&limit=1000").json()["items"]
    assert items, params
    assert all(expected(e) for e in items)


def test_app_event_has_mentions_and_evidence(client):
    event = client.get("/api/events/ev-phone").json()
    assert event["num_sources"] == 2
    assert {m["doc_id"] for m in event["coded_mentions"]} == {"doc-a", "doc-b"}
    for mention in event["coded_mentions"]:
        assert mention["sentence_start"] <= mention["char_start"] < mention["char_end"] <= mention["sentence_end"]
        assert "phone" in mention["sentence"]


def test_app_document_has_text_and_spans(client):
    doc = client.get("/api/documents/doc-b").json()
    text = doc["text"]
    assert doc["title"] == "OIC meeting demanded"
    for span in doc["event_spans"]:
        assert text[span["char_start"]:span["char_end"]] == span["trigger"]
    quote = doc["quote_spans"][0]
    assert text[quote["char_start"]:quote["char_end"]] == "We condemn Israel,"
    assert text[quote["speaker_start"]:quote["speaker_end"]] == "Raisi"


def test_app_story_has_timeline_documents_and_statements(client):
    story = client.get("/api/stories/s-1").json()
    assert [d["doc_id"] for d in story["documents"]] == ["doc-a", "doc-b"]
    dates = [e["date"] for e in story["events"]]
    assert dates == sorted(dates) and len(dates) == len(story["event_ids"])
    statement = story["statements"][0]
    assert statement["statement_id"] == "st-1" and statement["num_sources"] == 2


@pytest.mark.parametrize("params,ids", [("speaker=raisi", {"q-b1"}), ("statement=st-1", {"q-a1", "q-b1"}),
                                        ("doc=doc-a", {"q-a1"}), ("kind=direct", {"q-b1"}), ("story=s-2", set())])
def test_app_quotes_filters(client, params, ids):
    assert {q["quote_id"] for q in client.get(f"/api/quotes?{params}").json()["items"]} == ids


def test_app_actors_and_network(client):
    actors = {a["key"]: a for a in client.get("/api/actors").json()}
    assert actors["person:raisi"]["as_actor"] == 2
    assert actors["country:ISR"]["as_recipient"] >= 1
    assert client.get("/api/actors?q=widodo").json()[0]["key"] == "person:widodo"
    network = client.get("/api/network?story=s-1").json()
    edges = {(e["source"], e["target"], e["quad_class"]): e for e in network["edges"]}
    assert edges[("person:raisi", "person:widodo", 1)]["events"] == 1
    assert {n["id"] for n in network["nodes"]} >= {"person:raisi", "person:widodo", "org:oic"}


def test_app_search_ranks_and_highlights(client):
    hits = client.get("/api/search?q=OIC%20Raisi").json()
    assert [h["doc_id"] for h in hits] == ["doc-b", "doc-a"]
    snippet = hits[0]["snippet"]
    assert all(snippet[a:b].lower() in {"oic", "raisi"} for a, b in hits[0]["highlights"])
    assert client.get("/api/search?q=nowhere-to-be-found").json() == []


@pytest.mark.parametrize("url,status", [
    ("/api/events?quad_class=9", 422), ("/api/events?since=yesterday", 422), ("/api/events?limit=0", 422),
    ("/api/events?limit=100000", 422), ("/api/events?cursor=not-a-cursor", 400),
    ("/api/events?min_sources=99999999999999999999", 422), ("/api/events?cameo=abc", 422),
    ("/api/events/nope", 404), ("/api/documents/nope", 404), ("/api/stories/nope", 404),
    ("/api/search", 422), ("/api/quotes?kind=shouted", 422), ("/events?since=nope", 400),
    ("/events?quad_class=7", 400), ("/stories/nope", 404), ("/events/nope", 404),
])  # fmt: skip
def test_app_bad_parameters_are_4xx(client, url, status):
    assert client.get(url).status_code == status


def test_app_cursor_of_another_list_is_refused(client):
    cursor = client.get("/api/documents?limit=1").json()["next_cursor"]
    assert client.get(f"/api/events?cursor={cursor}").status_code == 400


@pytest.mark.parametrize("url", ["/", "/stories/s-1", "/events", "/events/ev-phone", "/documents/doc-b",
                                 "/network", "/search?q=oic", "/docs", "/events?actor=IRN&quad_class=3"])
def test_app_web_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "http://" not in response.text and "https://" not in response.text  # nothing loads from outside


def test_app_openapi_lists_every_resource(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/quotes",
                 "/api/statements", "/api/stories/{story_id}", "/api/actors", "/api/network", "/api/search",
                 "/api/ingest"):
        assert path in paths


def test_app_ingest_disabled_without_token(client):
    assert client.post("/api/ingest", content=b'{"text": "x"}').status_code == 403


@pytest.fixture
def writable_client(tmp_path):
    db = tmp_path / "w.duckdb"
    app = create_app(db, token="s3cret", max_request_bytes=4096, ingest_stages=())
    with TestClient(app) as test_client:
        yield test_client
    app.state.store.close()


def test_app_ingest_with_token(writable_client):
    body = "\n".join(json.dumps({"id": f"n{i}", "text": f"Iran condemned Israel on day {i}.", "published":
                                 "2023-04-07"}) for i in range(3)) + "\nnot json\n"
    response = writable_client.post("/api/ingest", content=body, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["new"] == 3 and report["failed"] == 1
    assert all("/tmp" not in failure for failure in report["failures"])
    assert writable_client.get("/api/overview").json()["documents"] == 3
    again = writable_client.post("/api/ingest", content=body, headers={"Authorization": "Bearer s3cret"}).json()
    assert again["new"] == 0 and again["unchanged"] == 3


@pytest.mark.parametrize("headers,body,status", [
    ({}, b'{"text": "x"}', 401), ({"Authorization": "Bearer wrong"}, b'{"text": "x"}', 401),
    ({"Authorization": "Bearer s3cret"}, b"x" * 5000, 413), ({"Authorization": "Bearer s3cret"}, b"  ", 400),
    ({"Authorization": "Bearer s3cret"}, b"\xff\xfe", 400),
])  # fmt: skip
def test_app_ingest_refuses_bad_requests(writable_client, headers, body, status):
    assert writable_client.post("/api/ingest", content=body, headers=headers).status_code == status
