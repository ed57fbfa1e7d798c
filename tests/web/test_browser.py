"""End-to-end browser tests: Playwright drives Debian's chromium (scripts/install-browser.sh) against a live server.

They load the bundled example, open its story, click an event and check its evidence sentence is highlighted, and
save screenshots of the story page and the network view to tests/web/screenshots/.
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed "
                                "(run scripts/install-browser.sh)")


def _sample_store_module():
    path = Path(__file__).parents[1] / "api" / "sample_store.py"
    spec = importlib.util.spec_from_file_location("dateline_test_sample_store", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, example_dir):
    import uvicorn

    from dateline.api.app import create_app

    db = tmp_path_factory.mktemp("web") / "example.duckdb"
    _sample_store_module().build_example(db, example_dir)
    port = _free_port()
    app = create_app(db)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.store.close()


@pytest.fixture(scope="module")
def page():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                      else route.abort())  # nothing leaves the machine: the UI must work offline
        yield context.new_page()
        browser.close()


def test_browser_story_event_evidence_highlighted(server, page):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(server + "/")
    page.locator("a.story-link").first.click()
    page.wait_for_selector("svg.timeline circle.dot")
    assert page.locator("svg.timeline .lane-label").count() >= 1
    assert page.locator(".legend li").count() == 4
    page.screenshot(path=str(SCREENSHOTS / "story.png"), full_page=True)
    link = page.locator("table.events-table a.event-link").first
    link.click()
    page.wait_for_url("**/events/*")
    evidence = page.locator(".article mark.evidence")
    assert evidence.first.is_visible()
    # the evidence sentence may be cut into several marks around the event words; together they hold the sentence
    assert len("".join(evidence.all_inner_texts())) > 20
    assert page.locator(".article mark.evidence mark.trigger").count() >= 1
    page.screenshot(path=str(SCREENSHOTS / "event.png"))


def test_browser_timeline_dot_opens_event(server, page):
    page.goto(server + "/")
    page.locator("a.story-link").first.click()
    page.locator("svg.timeline a.dot-link").first.click()
    page.wait_for_url("**/events/*")
    assert page.locator(".article mark.evidence").count() >= 1


def test_browser_network_view_has_nodes_and_legend(server, page):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.goto(server + "/network")
    assert page.locator("svg.network g.node").count() >= 2
    assert page.locator("svg.network path.edge").count() >= 1
    assert page.locator(".legend li").count() == 4
    page.screenshot(path=str(SCREENSHOTS / "network.png"), full_page=True)


def test_browser_events_filter_by_quad_class(server, page):
    page.goto(server + "/events")
    page.select_option("select[name=quad_class]", "4")
    page.click(".filters button[type=submit]")
    page.wait_for_url("**quad_class=4**")
    badges = page.locator("table.events-table .badge").all_inner_texts()
    assert badges and all(text == "Material conflict" for text in badges)


def test_browser_api_docs_page_reads_openapi(server, page):
    page.goto(server + "/docs")
    page.wait_for_selector(".api-docs .endpoint")
    assert page.locator(".api-docs .endpoint").count() >= 10
