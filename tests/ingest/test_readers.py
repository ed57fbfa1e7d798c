"""Every reader on good input, and every kind of bad input named in issue 2."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.errors import UnreadableInput
from dateline.ingest import detect_format, iter_inputs
from dateline.ingest.base import RawDocument

ARTICLE = "Iran's foreign minister met his Turkish counterpart in Ankara on Monday to discuss the war in Gaza."
HTML = f"""<!DOCTYPE html><html><head><title>Ministers meet | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-01-08T09:30:00Z">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Ministers meet", "datePublished": "2024-01-07T18:00:00Z"}}</script></head>
<body><nav>Home | World | Sport</nav><article><h1>Ministers meet</h1><p>{ARTICLE}</p>
<p>The two ministers also spoke about trade and energy, officials said after the talks ended.</p></article>
<footer>Copyright Example News</footer></body></html>"""
RSS = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>First</title><link>https://wire.example/1</link><guid>w-1</guid>
<pubDate>Mon, 08 Jan 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;{ARTICLE}&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://wire.example/2</link><description>Talks resumed in Doha on Tuesday.</description></item>
</channel></rss>"""


def read(*paths) -> list[RawDocument | UnreadableInput]:
    return list(iter_inputs(paths))


def docs(items):
    return [i for i in items if isinstance(i, RawDocument)]


def errors(items):
    return [i for i in items if isinstance(i, UnreadableInput)]


def test_readers_text_with_manifest(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "README.md").write_text("# not an article")
    (tmp_path / "manifest.jsonl").write_text(
        json.dumps({"file": "a.txt", "published": "2024-01-08", "source": "Wire", "url": "https://w.example/a"}) + "\n"
    )
    [doc] = read(tmp_path)
    assert doc.published == "2024-01-08" and doc.published_source == "manifest"
    assert doc.source == "Wire" and doc.uri == "https://w.example/a"


def test_readers_jsonl_keeps_good_lines_and_names_broken_one(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "x1", "text": ARTICLE, "published": "2024-01-08"}) + "\n"
        + '{"id": "x2", "text": "unterminated\n'
        + json.dumps({"id": "x3", "html": HTML}) + "\n"
        + json.dumps({"id": "x4"}) + "\n"
    )
    items = read(path)
    assert [d.external_id for d in docs(items)] == ["x1", "x3"]
    assert [str(e) for e in errors(items)][0].startswith(f"{path}:2: malformed JSON")
    assert "no 'text' or 'html'" in str(errors(items)[1])


def test_readers_json_array(tmp_path: Path):
    path = tmp_path / "in.json"
    path.write_text(json.dumps([{"id": 1, "text": ARTICLE}, {"id": 2, "text": ARTICLE + " More."}]))
    assert [d.external_id for d in docs(read(path))] == ["1", "2"]


def test_readers_html_prefers_json_ld_date(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(HTML)
    [doc] = read(path)
    assert doc.published == "2024-01-07T18:00:00Z" and doc.published_source == "json-ld"
    assert ARTICLE in doc.text and "Home | World" not in doc.text
    assert doc.title.startswith("Ministers meet")


def test_readers_html_meta_date_without_json_ld(tmp_path: Path):
    path = tmp_path / "page.htm"
    path.write_text(HTML.replace('"datePublished"', '"dateCreated"'))
    [doc] = read(path)
    assert doc.published_source == "meta" and doc.published.startswith("2024-01-08")


def test_readers_rss(tmp_path: Path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS)
    first, second = read(path)
    assert first.text == ARTICLE and first.uri == "https://wire.example/1" and first.published_source == "feed"
    assert first.source == "Example Wire" and first.external_id == "w-1"
    assert second.published is None


def _warc(path: Path, html: str) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(html.encode()),
                                           http_headers=headers)
        writer.write_record(record)


def test_readers_warc(tmp_path: Path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, HTML)
    [doc] = read(path)
    assert doc.uri == "https://news.example/a" and ARTICLE in doc.text


@pytest.mark.parametrize(
    "name,content,problem",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("binary.txt", bytes(range(256)) * 40, "binary data"),
        ("image.html", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary data"),
        ("broken.html", b"<html><body><div><p>Short</div", "no article text"),
        ("not-a-feed.xml", b"<?xml version='1.0'?><root/>", "feed"),
        ("bad.warc.gz", b"WARC/1.0\r\nnonsense", "WARC"),
    ],
)
def test_readers_bad_input_is_named(tmp_path: Path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = read(path)
    assert isinstance(error, UnreadableInput)
    assert str(error).startswith(str(path)) and problem in str(error)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_readers_legacy_encodings(tmp_path: Path, encoding):
    text = "Caf\u00e9 owners in Montr\u00e9al said the na\u00efve plan failed."
    if encoding == "cp1252":
        text = "\u201cWe will respond,\u201d the minister said \u2013 firmly."
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    [doc] = read(path)
    assert doc.text == text


def test_readers_too_large(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (1_100_000))
    [error] = list(iter_inputs([path], max_bytes=5_000_000))
    assert "too large" in str(error)


def test_readers_missing_path(tmp_path: Path):
    [error] = read(tmp_path / "nope.txt")
    assert "no such file" in str(error)


@pytest.mark.parametrize(
    "name,head,fmt",
    [
        ("a.txt", b"Hello", "text"),
        ("a", b'{"text": "x"}', "jsonl"),
        ("a", b"<?xml version='1.0'?><rss>", "feed"),
        ("a", b"<!DOCTYPE html><html>", "html"),
        ("a.bin", b"WARC/1.0\r\n", "warc"),
        ("a.warc.gz", b"\x1f\x8b", "warc"),
    ],
)
def test_readers_detect_format(name, head, fmt):
    assert detect_format(Path(name), head) == fmt


def test_readers_gzip_not_warc_is_named(tmp_path: Path):
    path = tmp_path / "notes.gz"
    path.write_bytes(gzip.compress(b"hello"))
    [error] = read(path)
    assert isinstance(error, UnreadableInput)
