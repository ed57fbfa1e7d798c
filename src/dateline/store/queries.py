"""Every read the API, the web UI and the Python API make: parameterised SQL over the store's tables.

Callers pass a DuckDB connection (one cursor per thread: `store.con.cursor()`) and small filter objects; values only
ever travel as parameters, never as SQL text. Lists page by keyset ("after" = the sort key of the last row seen), so
paging is as fast on page 10,000 as on page 1 and nothing caps how far a client can go.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from dateline.store.export import CONTRACT

Key = tuple[Any, ...]
_JSON_FIELDS = frozenset({"actor", "recipient", "location", "mentions", "speaker", "variants"})
_LAST = "\uffff"  # sorts NULL dates after every real date in keyset order
MAX_SEARCH_TERMS = 8


@dataclass(frozen=True)
class Page:
    """One page of rows, and the key to pass as `after` for the next page (None on the last page)."""

    rows: list[dict[str, Any]]
    next_after: Key | None


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None  # ISO-3 country, CAMEO code (prefix: IRN matches IRNGOV), kb_id or name
    recipient: str | None = None
    plover: str | None = None
    cameo: str | None = None  # prefix: "04" matches 040-046
    quad_class: int | None = None
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None
    story: str | None = None
    min_sources: int | None = None
    doc: str | None = None
    modality: str | None = None


@dataclass(frozen=True)
class QuoteFilter:
    speaker: str | None = None  # kb_id, or part of the speaker's name
    statement: str | None = None
    doc: str | None = None
    story: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class DocumentFilter:
    story: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for name in _JSON_FIELDS.intersection(row):
        if isinstance(row[name], str):
            row[name] = json.loads(row[name])
    return row


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [_decode(dict(zip(names, row))) for row in cursor.fetchall()]


def _page(con: duckdb.DuckDBPyConnection, select: str, where: list[str], params: list[Any], keys: Sequence[str],
          after: Key | None, limit: int | None) -> Page:
    """Run `select` with keyset pagination over the key expressions `keys` (the last one unique)."""
    key_cols = ", ".join(f"{expr} AS _k{i}" for i, expr in enumerate(keys))
    if after is not None:
        if len(after) != len(keys):
            raise ValueError("cursor does not belong to this list")
        where = [*where, f"({', '.join(keys)}) > ({', '.join('?' * len(keys))})"]
        params = [*params, *after]
    sql = f"SELECT {select}, {key_cols} {_where(where)} ORDER BY {', '.join(keys)}"
    if limit is not None:
        sql += f" LIMIT {int(limit) + 1}"
    rows = _fetch(con, sql, params)
    more = limit is not None and len(rows) > limit
    rows = rows[:limit] if limit is not None else rows
    next_after = tuple(rows[-1][f"_k{i}"] for i in range(len(keys))) if more and rows else None
    for row in rows:
        for i in range(len(keys)):
            del row[f"_k{i}"]
    return Page(rows, next_after)


def _where(clauses: list[str]) -> str:
    body = " AND ".join(f"({c})" for c in clauses[1:])
    return clauses[0] + (f" WHERE {body}" if body else "")


def _actor_clause(prefix: str, value: str, params: list[Any]) -> str:
    params.extend([value.upper(), value.upper(), value, value.upper(), value.lower()])
    return (f"e.{prefix}_country = ? OR e.{prefix}_code = ? OR e.{prefix}_kb_id = ? "
            f"OR starts_with(e.{prefix}_code, ?) OR lower(json_extract_string(e.{prefix}, '$.name')) = ?")


def _event_where(f: EventFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = ["FROM events e"]
    params: list[Any] = []
    if f.actor:
        where.append(_actor_clause("actor", f.actor, params))
    if f.recipient:
        where.append(_actor_clause("recipient", f.recipient, params))
    simple = (("upper(e.plover) = ?", f.plover and f.plover.upper()), ("starts_with(e.cameo, ?)", f.cameo),
              ("e.quad_class = ?", f.quad_class), ("e.date >= ?", f.since), ("e.date <= ?", f.until),
              ("e.story_id = ?", f.story), ("e.num_sources >= ?", f.min_sources), ("e.modality = ?", f.modality),
              ("e.event_id IN (SELECT event_id FROM event_mentions WHERE doc_id = ?)", f.doc))  # fmt: skip
    for clause, value in simple:
        if value is not None and value != "":
            where.append(clause)
            params.append(value)
    return where, params


EVENT_COLUMNS = ", ".join(f"e.{name}" for name in (*CONTRACT["events"], "variants"))


def events(con: duckdb.DuckDBPyConnection, f: EventFilter = EventFilter(), after: Key | None = None,
           limit: int | None = 100) -> Page:
    """Merged events in date order (undated last), filtered."""
    where, params = _event_where(f)
    return _page(con, EVENT_COLUMNS, where, params, (f"coalesce(e.date, '{_LAST}')", "e.event_id"), after, limit)


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One merged event with every coded mention and the evidence sentence each was read from."""
    rows = _fetch(con, f"SELECT {EVENT_COLUMNS} FROM events e WHERE e.event_id = ?", [event_id])
    if not rows:
        return None
    found = rows[0]
    found["coded_mentions"] = _fetch(
        con,
        "SELECT m.mention_id, m.doc_id, d.title, d.source, d.published, m.date, m.date_source, m.actor, m.recipient, "
        "m.cameo, m.plover, m.modality, m.trigger, m.sentence, m.char_start, m.char_end, "
        "s.char_start AS sentence_start, s.char_end AS sentence_end "
        "FROM event_mentions m LEFT JOIN documents d USING (doc_id) "
        "LEFT JOIN sentences s ON s.doc_id = m.doc_id AND m.char_start >= s.char_start AND m.char_start < s.char_end "
        "WHERE m.event_id = ? ORDER BY d.ingested_seq, m.char_start",
        [event_id],
    )
    return found


DOCUMENT_COLUMNS = ", ".join(f"d.{name}" for name in (*CONTRACT["documents"], "author"))


def _document_where(f: DocumentFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = ["FROM documents d"]
    params: list[Any] = []
    for clause, value in (("d.story_id = ?", f.story), ("d.source = ?", f.source),
                          ("d.published >= ?", f.since), ("left(d.published, 10) <= ?", f.until)):
        if value:
            where.append(clause)
            params.append(value)
    return where, params


def documents(con: duckdb.DuckDBPyConnection, f: DocumentFilter = DocumentFilter(), after: Key | None = None,
              limit: int | None = 100) -> Page:
    """Documents in ingest order."""
    where, params = _document_where(f)
    return _page(con, DOCUMENT_COLUMNS, where, params, ("d.ingested_seq", "d.doc_id"), after, limit)


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """One document with its text, sentences and the spans of its event mentions and quotes."""
    rows = _fetch(con, f"SELECT {DOCUMENT_COLUMNS}, d.text FROM documents d WHERE d.doc_id = ?", [doc_id])
    if not rows:
        return None
    found = rows[0]
    found["sentences"] = _fetch(
        con, "SELECT idx, char_start, char_end FROM sentences WHERE doc_id = ? ORDER BY idx", [doc_id])
    found["event_spans"] = _fetch(
        con,
        "SELECT m.event_id, m.char_start, m.char_end, m.cameo, m.plover, m.trigger, e.quad_class "
        "FROM event_mentions m LEFT JOIN events e USING (event_id) WHERE m.doc_id = ? ORDER BY m.char_start",
        [doc_id],
    )
    found["quote_spans"] = _fetch(
        con,
        "SELECT quote_id, char_start, char_end, kind, speaker_name, statement_id, speaker_start, speaker_end "
        "FROM quotes WHERE doc_id = ? ORDER BY char_start",
        [doc_id],
    )
    return found


QUOTE_COLUMNS = ", ".join(f"q.{name}" for name in CONTRACT["quotes"])


def _quote_where(f: QuoteFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = ["FROM quotes q JOIN documents d USING (doc_id)"]
    params: list[Any] = []
    if f.speaker:
        where.append("q.speaker_kb_id = ? OR contains(lower(q.speaker_name), lower(?))")
        params.extend([f.speaker, f.speaker])
    for clause, value in (("q.statement_id = ?", f.statement), ("q.doc_id = ?", f.doc),
                          ("d.story_id = ?", f.story), ("q.kind = ?", f.kind)):
        if value:
            where.append(clause)
            params.append(value)
    return where, params


def quotes(con: duckdb.DuckDBPyConnection, f: QuoteFilter = QuoteFilter(), after: Key | None = None,
           limit: int | None = 100) -> Page:
    """Quotes in document order."""
    where, params = _quote_where(f)
    return _page(con, QUOTE_COLUMNS, where, params, ("d.ingested_seq", "q.char_start", "q.quote_id"), after, limit)


def statements(con: duckdb.DuckDBPyConnection, f: QuoteFilter = QuoteFilter(), after: Key | None = None,
               limit: int | None = 100) -> Page:
    """Statements: quotes grouped by statement_id (a quote without one is its own statement)."""
    where, params = _quote_where(f)
    # The fullest name the speaker goes by (ties: the first reported), the same rule as group_statements.
    select = ("coalesce(q.statement_id, q.quote_id) AS statement_id, first(q.speaker_name ORDER BY "
              "length(q.speaker_name) DESC, d.ingested_seq, q.char_start) FILTER (WHERE q.speaker_name IS NOT NULL) "
              "AS speaker_name, "
              "count(*) AS num_quotes, count(DISTINCT q.doc_id) AS num_sources, "
              f"list(struct_pack({', '.join(f'{c} := q.{c}' for c in CONTRACT['quotes'])}) "
              "ORDER BY d.ingested_seq, q.char_start) AS quotes")
    inner = f"SELECT {select} {_where(where)} GROUP BY coalesce(q.statement_id, q.quote_id)"
    page = _page(con, "*", [f"FROM ({inner}) s"], params, ("s.statement_id",), after, limit)
    for row in page.rows:
        row["quotes"] = [_decode(dict(q)) for q in row["quotes"]]
    return page


STORY_COLUMNS = (
    "s.story_id, s.title, s.first_published, s.last_published, "
    "(SELECT list(doc_id ORDER BY ingested_seq) FROM documents d WHERE d.story_id = s.story_id) AS doc_ids, "
    "(SELECT list(event_id ORDER BY event_id) FROM events e WHERE e.story_id = s.story_id) AS event_ids"
)


def stories(con: duckdb.DuckDBPyConnection, since: str | None = None, until: str | None = None,
            after: Key | None = None, limit: int | None = 100) -> Page:
    """Stories, most recent first is not assumed: ordered by first publication date, undated last."""
    where: list[str] = ["FROM stories s"]
    params: list[Any] = []
    for clause, value in (("s.last_published >= ?", since), ("left(s.first_published, 10) <= ?", until)):
        if value:
            where.append(clause)
            params.append(value)
    page = _page(con, STORY_COLUMNS, where, params, (f"coalesce(s.first_published, '{_LAST}')", "s.story_id"),
                 after, limit)
    for row in page.rows:
        row["doc_ids"] = row["doc_ids"] or []
        row["event_ids"] = row["event_ids"] or []
    return page


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    """One story: its row, its articles, its merged events in date order and its statements.

    Four plain queries: the id lists come from the rows already fetched and statements are grouped here, which
    costs less than the per-story subqueries and list aggregates the lists use (the web's busiest page).
    """
    rows = _fetch(con, "SELECT s.story_id, s.title, s.first_published, s.last_published FROM stories s "
                       "WHERE s.story_id = ?", [story_id])
    if not rows:
        return None
    found = rows[0]
    found["documents"] = documents(con, DocumentFilter(story=story_id), limit=None).rows
    found["events"] = events(con, EventFilter(story=story_id), limit=None).rows
    found["doc_ids"] = [d["doc_id"] for d in found["documents"]]
    found["event_ids"] = sorted(e["event_id"] for e in found["events"])
    where, params = _quote_where(QuoteFilter(story=story_id))
    quote_rows = _fetch(con, f"SELECT {QUOTE_COLUMNS}, q.speaker_name AS _speaker_name {_where(where)} "
                             "ORDER BY d.ingested_seq, q.char_start, q.quote_id", params)
    found["statements"] = group_statements(quote_rows)
    return found


def group_statements(quote_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes (in document order, each with its `_speaker_name`) grouped as `statements` returns them: by
    statement_id, a quote without one being its own statement, named by the fullest name (ties: the first)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    names: dict[str, str] = {}
    for quote in quote_rows:
        key = quote["statement_id"] or quote["quote_id"]
        name = quote.pop("_speaker_name")
        groups.setdefault(key, []).append(quote)
        if name is not None and (key not in names or len(name) > len(names[key])):
            names[key] = name
    return [{"statement_id": key, "speaker_name": names.get(key), "num_quotes": len(quoted),
             "num_sources": len({q["doc_id"] for q in quoted}), "quotes": quoted}
            for key, quoted in sorted(groups.items())]


_ACTOR_UNION = (
    "SELECT coalesce(actor_kb_id, actor_code, actor_country, json_extract_string(actor, '$.name')) AS key, "
    "actor AS ref, 'actor' AS role, event_id FROM events e WHERE actor IS NOT NULL "
    "UNION ALL SELECT coalesce(recipient_kb_id, recipient_code, recipient_country, "
    "json_extract_string(recipient, '$.name')) AS key, recipient AS ref, 'recipient' AS role, event_id "
    "FROM events e WHERE recipient IS NOT NULL"
)


def actors(con: duckdb.DuckDBPyConnection, q: str | None = None, country: str | None = None,
           limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Actors seen in events, with how often each acts and is acted upon; most active first."""
    sql = (
        f"SELECT key, any_value(ref) AS actor, count(*) FILTER (WHERE role = 'actor') AS as_actor, "
        f"count(*) FILTER (WHERE role = 'recipient') AS as_recipient, count(DISTINCT event_id) AS num_events "
        f"FROM ({_ACTOR_UNION}) a WHERE key IS NOT NULL"
    )
    params: list[Any] = []
    if q:
        sql += " AND (contains(lower(key), lower(?)) OR contains(lower(json_extract_string(ref, '$.name')), lower(?)))"
        params.extend([q, q])
    if country:
        sql += " AND json_extract_string(ref, '$.country') = ?"
        params.append(country.upper())
    sql += f" GROUP BY key ORDER BY num_events DESC, key LIMIT {int(limit)} OFFSET {int(offset)}"
    return _fetch(con, sql, params)


def network(con: duckdb.DuckDBPyConnection, f: EventFilter = EventFilter(), min_events: int = 1,
            max_edges: int = 500) -> dict[str, list[dict[str, Any]]]:
    """Actor -> recipient edges weighted by event count, one edge per QuadClass; nodes are the actors on them."""
    where, params = _event_where(f)
    where += ["e.actor IS NOT NULL", "e.recipient IS NOT NULL"]
    source = "coalesce(e.actor_kb_id, e.actor_code, e.actor_country, json_extract_string(e.actor, '$.name'))"
    target = ("coalesce(e.recipient_kb_id, e.recipient_code, e.recipient_country, "
              "json_extract_string(e.recipient, '$.name'))")
    sql = (f"SELECT {source} AS source, {target} AS target, e.quad_class, count(*) AS events, "
           f"sum(coalesce(e.num_sources, 1)) AS sources, any_value(e.actor) AS source_ref, "
           f"any_value(e.recipient) AS target_ref {_where(where)} "
           f"GROUP BY 1, 2, 3 HAVING count(*) >= ? ORDER BY events DESC, source, target LIMIT {int(max_edges)}")
    edges = [e for e in _fetch(con, sql, [*params, min_events]) if e["source"] and e["target"]]
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        for end in ("source", "target"):
            ref = json.loads(edge.pop(f"{end}_ref") or "{}")
            node = nodes.setdefault(edge[end], {"id": edge[end], "label": ref.get("name") or ref.get("text")
                                                or edge[end], "country": ref.get("country"), "events": 0})
            node["events"] += edge["events"]
    return {"nodes": sorted(nodes.values(), key=lambda n: (-n["events"], n["id"])), "edges": edges}


def search(con: duckdb.DuckDBPyConnection, text: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Articles containing every term of `text` (case-insensitive), ranked by how often the terms occur."""
    terms = [t.lower() for t in text.split()][:MAX_SEARCH_TERMS]
    if not terms:
        return []
    where = ["FROM documents d"]
    params: list[Any] = []
    score_parts = []
    for term in terms:
        where.append("contains(lower(d.text) || ' ' || lower(coalesce(d.title, '')), ?)")
        params.append(term)
        score_parts.append("(length(d.text) - length(replace(lower(d.text), ?, ''))) / length(?)")
    score = " + ".join(score_parts)
    score_params = [p for term in terms for p in (term, term)]
    sql = (f"SELECT d.doc_id, d.title, d.source, d.published, d.story_id, d.text, {score} AS score "
           f"{_where(where)} ORDER BY score DESC, d.ingested_seq LIMIT {int(limit)} OFFSET {int(offset)}")
    rows = _fetch(con, sql, [*score_params, *params])
    for row in rows:
        row["snippet"], row["highlights"] = _snippet(row.pop("text"), terms)
    return rows


def _snippet(text: str, terms: list[str], width: int = 220) -> tuple[str, list[list[int]]]:
    """A window of the text around the first hit, with [start, end) offsets of every term inside it."""
    lowered = text.lower()
    first = min((p for p in (lowered.find(t) for t in terms) if p >= 0), default=0)
    start = max(0, first - width // 3)
    snippet = text[start:start + width]
    low = snippet.lower()
    spans = []
    for term in terms:
        at = low.find(term)
        while at >= 0:
            spans.append([at, at + len(term)])
            at = low.find(term, at + len(term))
    return snippet, sorted(spans)


def overview(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Counts for the home page and health checks."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events), (SELECT count(*) FROM quotes), "
        "(SELECT count(*) FROM stories), (SELECT min(date) FROM events), (SELECT max(date) FROM events)"
    ).fetchone()
    return dict(zip(("documents", "events", "quotes", "stories", "first_event", "last_event"), row))


def plover_types(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Event types present in the store, for filter menus."""
    return [r[0] for r in con.execute("SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL ORDER BY 1")
            .fetchall()]
