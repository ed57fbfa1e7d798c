"""The web UI: server-rendered pages over the same queries as the API (stories, events, evidence, network, search).

Pages are HTML from Jinja templates with inline SVG charts, so they work with no internet and no JavaScript; the
small scripts in static/ only add conveniences (scrolling to the evidence, hover details).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from dateline.api.deps import Connection, decode_cursor, encode_cursor
from dateline.store import queries
from dateline.web import charts
from dateline.web.highlight import Span, highlight

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
TEMPLATES.env.filters.update(quad_label=charts.quad_label, quad_colour=charts.quad_colour)
TEMPLATES.env.globals.update(QUAD_CLASSES=charts.QUAD_CLASSES)
router = APIRouter(include_in_schema=False)
Field = Annotated[str | None, Query(max_length=200)]


def actor_name(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "—"
    return actor.get("name") or actor.get("text") or actor.get("code") or "?"


TEMPLATES.env.filters["actor_name"] = actor_name


def _page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


def _date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(400, f"not a date (YYYY-MM-DD): {value!r}") from None


def _int(value: str | None, low: int, high: int) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not low <= int(value) <= high:
        raise HTTPException(400, f"expected a whole number from {low} to {high}, got {value!r}")
    return int(value)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, con: Connection, cursor: Annotated[str | None, Query(max_length=2000)] = None):
    page = queries.stories(con, after=decode_cursor("stories", cursor), limit=50)
    documents = [] if page.rows else queries.documents(con, limit=50).rows
    return _page(request, "home.html", stories=page.rows, next_cursor=encode_cursor("stories", page.next_after),
                 documents=documents, overview=queries.overview(con))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, con: Connection, story_id: str):
    found = queries.story(con, story_id)
    if found is None:
        return _page(request, "missing.html", 404, what="story", key=story_id)
    titles = {d["doc_id"]: d for d in found["documents"]}
    return _page(request, "story.html", story=found, timeline=charts.timeline(found["events"]), docs=titles)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, con: Connection, actor: Field = None, recipient: Field = None,
                plover: Field = None, cameo: Field = None, quad_class: Field = None, since: Field = None,
                until: Field = None, min_sources: Field = None, story: Field = None,
                cursor: Annotated[str | None, Query(max_length=2000)] = None):
    form = {"actor": actor or "", "recipient": recipient or "", "plover": plover or "", "cameo": cameo or "",
            "quad_class": quad_class or "", "since": since or "", "until": until or "",
            "min_sources": min_sources or "", "story": story or ""}
    filters = queries.EventFilter(actor or None, recipient or None, plover or None, cameo or None,
                                  _int(quad_class, 1, 4), _date(since), _date(until), story or None,
                                  _int(min_sources, 0, 10**6))
    page = queries.events(con, filters, after=decode_cursor("events", cursor), limit=100)
    query = "&".join(f"{k}={v}" for k, v in form.items() if v)
    return _page(request, "events.html", events=page.rows, form=form, query=query,
                 next_cursor=encode_cursor("events", page.next_after), plovers=queries.plover_types(con),
                 timeline=charts.timeline(page.rows))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, con: Connection, event_id: str):
    found = queries.event(con, event_id)
    if found is None:
        return _page(request, "missing.html", 404, what="event", key=event_id)
    articles = []
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for mention in found["coded_mentions"]:
        by_doc.setdefault(mention["doc_id"], []).append(mention)
    for number, (doc_id, mentions) in enumerate(by_doc.items()):
        document = queries.document(con, doc_id)
        if document is None:
            continue
        spans = []
        for i, m in enumerate(mentions):
            if m["sentence_start"] is not None:
                spans.append(Span(m["sentence_start"], m["sentence_end"], "evidence", "evidence sentence",
                                  {"id": f"evidence-{number}-{i}"}))
            if m["char_start"] is not None:
                spans.append(Span(m["char_start"], m["char_end"], "trigger", f"event text: {m['trigger'] or ''}"))
        articles.append({"document": document, "mentions": mentions, "html": highlight(document["text"], spans)})
    return _page(request, "event.html", event=found, articles=articles)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, con: Connection, doc_id: str):
    found = queries.document(con, doc_id)
    if found is None:
        return _page(request, "missing.html", 404, what="document", key=doc_id)
    spans = [Span(q["char_start"], q["char_end"], f"quote {q['kind'] or ''}".strip(),
                  f"{q['kind']} quote, {q['speaker_name'] or 'unknown speaker'}")
             for q in found["quote_spans"] if q["char_start"] is not None]
    spans += [Span(q["speaker_start"], q["speaker_end"], "speaker", "speaker")
              for q in found["quote_spans"] if q["speaker_start"] is not None]
    spans += [Span(e["char_start"], e["char_end"], f"event q{e['quad_class'] or 0}",
                   f"{e['cameo']} {e['plover'] or ''}", {"data-event": e["event_id"]})
              for e in found["event_spans"] if e["char_start"] is not None]
    return _page(request, "document.html", doc=found, html=highlight(found["text"], spans))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, con: Connection, actor: Field = None, plover: Field = None,
                 quad_class: Field = None, since: Field = None, until: Field = None, story: Field = None,
                 min_sources: Field = None):
    form = {"actor": actor or "", "plover": plover or "", "quad_class": quad_class or "", "since": since or "",
            "until": until or "", "story": story or "", "min_sources": min_sources or ""}
    filters = queries.EventFilter(actor=actor or None, plover=plover or None, quad_class=_int(quad_class, 1, 4),
                                  since=_date(since), until=_date(until), story=story or None,
                                  min_sources=_int(min_sources, 0, 10**6))
    graph = queries.network(con, filters)
    return _page(request, "network.html", layout=charts.network(graph), graph=graph, form=form,
                 plovers=queries.plover_types(con))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, con: Connection, q: Annotated[str, Query(max_length=200)] = ""):
    hits = queries.search(con, q, limit=50) if q.strip() else []
    for hit in hits:
        hit["html"] = highlight(hit["snippet"], [Span(a, b, "hit") for a, b in hit["highlights"]])
    return _page(request, "search.html", q=q, hits=hits)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request):
    return _page(request, "docs.html")
