"""`dateline demo`: what a user gets from the bundled example, printed as readable tables."""

from __future__ import annotations

from collections import defaultdict
from importlib import resources

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dateline.store import Store
from dateline.store.export import records

EXAMPLE_DIR = resources.files("dateline") / "data" / "examples" / "mehr-2023-04"


def _actor(actor: dict | None) -> str:
    if not actor:
        return "-"
    name = escape(str(actor.get("name") or actor.get("text")))
    return f"{name} ({actor['code']})" if actor.get("code") else name


def print_report(db: str, console: Console) -> None:
    with Store.open(db, read_only=True) as store:
        sentence_counts = store.document_sentence_counts()
        documents = list(records(store, "documents", with_text=True))
        events = list(records(store, "events"))
        quotes = list(records(store, "quotes"))
        stories = list(records(store, "stories"))
    table = Table(title=f"Documents ({len(documents)})", expand=False)
    for column in ("doc_id", "published", "source", "dateline", "license", "sentences", "characters"):
        table.add_column(column)
    for d in documents:
        table.add_row(d["doc_id"], f"{d['published']} ({d['published_source']})", d["source"] or "-",
                      d["dateline"] or "-", d["license"] or "-", str(sentence_counts.get(d["doc_id"], 0)),
                      str(d["char_count"]))
    console.print(table)
    if stories:
        table = Table(title=f"Stories ({len(stories)})")
        for column in ("story_id", "title", "articles", "events", "first", "last"):
            table.add_column(column)
        for s in stories:
            table.add_row(s["story_id"], escape(s["title"] or "-"), str(len(s["doc_ids"] or [])),
                          str(len(s["event_ids"] or [])), s["first_published"] or "-", s["last_published"] or "-")
        console.print(table)
    if events:
        texts = {d["doc_id"]: d["text"] for d in documents}
        table = Table(title=f"Events ({len(events)}; date marked * fell back to publication)", show_lines=True)
        for column in ("date", "actor", "event", "target", "sources", "evidence (event text, then sentence)"):
            table.add_column(column, overflow="fold")
        for e in events:
            mention = (e["mentions"] or [{}])[0]
            sentence = mention.get("sentence", "")
            span = texts.get(mention.get("doc_id"), "")[mention.get("char_start", 0) : mention.get("char_end", 0)]
            sentence = sentence if len(sentence) < 140 else sentence[:137] + "..."
            evidence = f"[bold]{escape(span)}[/bold] | {escape(sentence)}"
            date = f"{e['date']}" + ("" if e["date_source"] == "text" else "*")
            event = f"{e['cameo']} {e['plover'] or ''}" + ("" if e["modality"] == "asserted" else f" [{e['modality']}]")
            table.add_row(date, _actor(e["actor"]), event, _actor(e["recipient"]), str(e["num_sources"]), evidence)
        console.print(table)
    if quotes:
        by_statement: dict[str, list[dict]] = defaultdict(list)
        for q in quotes:
            by_statement[q["statement_id"] or q["quote_id"]].append(q)
        table = Table(title=f"Quotes ({len(quotes)} in {len(by_statement)} statements)", show_lines=True)
        for column in ("statement", "speaker", "kind", "cue", "text"):
            table.add_column(column, overflow="fold")
        for statement_id, group in by_statement.items():
            for q in group:
                text = q["text"] if len(q["text"]) < 200 else q["text"][:197] + "..."
                table.add_row(statement_id[:10], _actor(q["speaker"]), q["kind"], q["cue"] or "-", escape(text))
        console.print(table)
