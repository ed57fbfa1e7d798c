"""HTML pages to articles: trafilatura for the body, our own reading of JSON-LD and meta tags for the date.

Publishers state the publication date in JSON-LD (`datePublished`) or in meta tags; those are facts about the page,
so they win over trafilatura's heuristics (htmldate), and `published_source` records which one was used.
"""

from __future__ import annotations

import json
import logging

import lxml.html
import trafilatura

from dateline.errors import UnreadableInput
from dateline.ingest.base import RawDocument

log = logging.getLogger(__name__)

# Meta tags that carry the publication date, most specific first.
DATE_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
)
_LD_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle"}
# Below this many characters trafilatura found no article, only navigation or an error page.
MIN_BODY_CHARS = 40


def _json_ld_objects(tree) -> list[dict]:
    found: list[dict] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(v for k, v in item.items() if k == "@graph")
    return found


def date_from_json_ld(tree) -> str | None:
    for obj in _json_ld_objects(tree):
        kinds = obj.get("@type")
        kinds = {k.lower() for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)}
        if kinds & _LD_ARTICLE_TYPES and isinstance(obj.get("datePublished"), str):
            return obj["datePublished"].strip()
    return None


def date_from_meta(tree) -> str | None:
    values: dict[str, str] = {}
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in values:
            values[key] = meta.get("content", "").strip()
    for time in tree.xpath('//time[@itemprop="datePublished"][@datetime]'):
        values.setdefault("datepublished", time.get("datetime").strip())
    for key in DATE_META:
        if values.get(key.lower()):
            return values[key.lower()]
    return None


def parse_html(html: str, where: str, uri: str | None = None) -> RawDocument:
    """Extract the article body and metadata from one HTML page."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise UnreadableInput(where, f"malformed HTML ({exc})") from exc
    published, published_source = date_from_json_ld(tree), "json-ld"
    if not published:
        published, published_source = date_from_meta(tree), "meta"
    try:
        extracted = trafilatura.bare_extraction(html, url=uri, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise UnreadableInput(where, f"malformed HTML ({type(exc).__name__})") from exc
    text = (extracted.text or "") if extracted else ""
    if len(text.strip()) < MIN_BODY_CHARS:
        raise UnreadableInput(where, "no article text found in the HTML")
    title = extracted.title
    if title and text.startswith(title + "\n"):
        text = text[len(title) + 1 :]  # trafilatura repeats the headline as the first line
    if not published and extracted.date:
        published, published_source = extracted.date, "htmldate"
    return RawDocument(
        where=where,
        text=text,
        uri=uri or extracted.url,
        title=title,
        source=extracted.sitename,
        author=extracted.author,
        published=published,
        published_source=published_source if published else None,
        language=extracted.language,
        license=extracted.license,
    )
