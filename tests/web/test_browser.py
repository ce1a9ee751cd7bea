"""The page and /docs in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright),
against the app served by uvicorn on a free port over a database of the bundled examples.

Offline by construction: every request that does not go to the test server is aborted and recorded,
and each test ends by checking that there were none, and no console errors (a CSP violation is one).
Waits are on selectors and on `body[data-query]`, which the page sets once a filter's results are in.
Screenshots go to tests/artifacts/ (ignored by git).

Skipped when /usr/bin/chromium is absent; `make test` installs it first (`make chromium`).
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
import uvicorn
from fastapi.testclient import TestClient

from eventwire.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LAUNCH_ARGS = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
TIMEOUT_MS = 20_000
# The kinds of evidence the page marks, each its own way (eventwire.views.evidence_spans).
KINDS = ("trigger", "actor", "target", "location", "date", "count", "source", "quote", "label")
MUST_SHOW = {"trigger", "actor", "target", "location", "date", "count", "quote", "label"}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} is absent: `make chromium` installs it (Debian's chromium)")

sync_api = pytest.importorskip("playwright.sync_api")


# -- the server, the browser, one tab per test -----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(examples_db: Path) -> Iterator[str]:
    config = uvicorn.Config(create_app(examples_db), host="127.0.0.1", port=_free_port(), log_level="warning",
                            ws="none", lifespan="on")
    served = uvicorn.Server(config)
    thread = threading.Thread(target=served.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not served.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{config.port}"
    served.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def api(examples_db: Path) -> Iterator[TestClient]:
    """The same API without a browser, to know what the page should show."""
    with TestClient(create_app(examples_db)) as client:
        yield client


@pytest.fixture(scope="module")
def chromium() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@dataclass
class Tab:
    page: sync_api.Page
    base: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)

    def loaded(self, **params: str) -> None:
        """Wait until the page shows the results for exactly these filters."""
        selector = f'body[data-query="{urlencode(params)}"]:not(.loading)'
        self.page.wait_for_selector(selector, state="attached")

    def texts(self, selector: str) -> list[str]:
        return [t.strip() for t in self.page.locator(selector).all_inner_texts()]

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)

    def check_clean(self) -> None:
        assert self.outside == [], "the page asked for something outside the test server"
        assert self.errors == [], "console errors"


@pytest.fixture
def tab(chromium: sync_api.Browser, server: str) -> Iterator[Tab]:
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    tab = Tab(context.new_page(), server)

    def route(r: sync_api.Route) -> None:
        if r.request.url.startswith(server + "/"):
            r.continue_()
        else:
            tab.outside.append(r.request.url)
            r.abort()

    tab.page.route("**/*", route)
    tab.page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.page.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


def get(api: TestClient, path: str, **params: object) -> dict:
    r = api.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


# -- the page ----------------------------------------------------------------------------------


def test_table_map_timeline_and_incidents_render(tab: Tab, api: TestClient) -> None:
    tab.open("/")
    tab.loaded()
    events = get(api, "/api/events", limit=1000)
    assert tab.page.locator("#events tbody tr").count() == min(50, events["total"])
    assert tab.page.inner_text("#summary") == f"{events['total']} events"
    first = events["events"][0]
    assert tab.texts("#events tbody tr:first-child td")[-1] == (first["title"] or first["article_id"])

    days = get(api, "/api/stats/daily")["days"]
    assert tab.page.locator("#timeline rect").count() == len(days) > 0
    points = get(api, "/api/events/points")["points"]
    assert tab.page.locator("#map #dots circle").count() == len(points) > 0
    tab.page.wait_for_selector("#map #outlines path.country")
    assert tab.page.locator("#map #outlines path.country").count() > 100  # the vendored world map

    incidents = get(api, "/api/incidents", limit=20)
    assert tab.page.locator("#incidents tbody tr").count() == len(incidents["incidents"])
    assert tab.page.inner_text("#inc-page").endswith(f"of {incidents['total']}")
    assert tab.page.locator("#filters optgroup[label=ACLED] option").count() > 0
    tab.shot("page.png")
    tab.check_clean()


def test_filter_by_country_then_type(tab: Tab, api: TestClient) -> None:
    everything = get(api, "/api/events", limit=1000)["events"]
    country = Counter(e["event"]["location"]["country"] for e in everything
                      if (e["event"].get("location") or {}).get("country")).most_common(1)[0][0]
    tab.open("/")
    tab.loaded()
    tab.page.fill("#filters input[name=country]", country.lower())
    tab.page.click("#filters button[type=submit]")
    tab.loaded(country=country.lower())
    want = get(api, "/api/events", country=country)
    assert tab.page.inner_text("#summary") == f"{want['total']} events"
    assert tab.page.locator("#events tbody tr").count() == min(50, want["total"])
    wanted_incidents = get(api, "/api/incidents", country=country, limit=20)["incidents"]
    assert tab.page.locator("#incidents tbody tr").count() == len(wanted_incidents)

    kind = Counter(e["event"]["plover"]["type"] for e in want["events"]).most_common(1)[0][0]
    tab.page.select_option("#filters select[name=type]", kind)
    tab.page.click("#filters button[type=submit]")
    tab.loaded(country=country.lower(), type=kind)
    both = get(api, "/api/events", country=country, type=kind)
    assert 0 < both["total"] < want["total"] or both["total"] == want["total"]
    assert tab.page.inner_text("#summary") == f"{both['total']} events"
    assert all(w.startswith(kind) for w in tab.texts("#events tbody td:nth-child(3)"))
    assert tab.page.locator("#timeline rect").count() == len(get(api, "/api/stats/daily", country=country,
                                                                   type=kind)["days"])
    tab.shot("filtered.png")

    tab.page.fill("#filters input[name=near]", "1,2")  # the API says no, the page shows why
    tab.page.click("#filters button[type=submit]")
    tab.page.wait_for_selector("#error:not([hidden])")
    assert "near" in tab.page.inner_text("#error")
    # the browser logs each refused fetch (events, daily counts, map points, incidents: all four take the
    # filters), and may log the last ones after the first refusal has shown the error
    for _ in range(100):
        refused = [e for e in tab.errors if "status of 400" in e]
        if len(refused) >= 4:
            break
        tab.page.wait_for_timeout(50)
    assert len(refused) == 4 and len(refused) == len(tab.errors), tab.errors
    tab.errors.clear()
    tab.page.click("#filters button[type=reset]")
    tab.loaded()
    assert tab.page.is_hidden("#error")
    assert tab.page.inner_text("#summary") == f"{len(everything)} events"
    tab.check_clean()


def _incident_to_open(api: TestClient) -> tuple[dict, str]:
    """The incident with several sources whose best source shows the most kinds of evidence."""
    best: tuple[int, int, str, str] | None = None
    for inc in get(api, "/api/incidents", limit=1000)["incidents"]:
        if inc["articles"] < 2:
            continue
        for article_id in inc["article_ids"]:
            kinds = {s["kind"] for s in get(api, f"/api/articles/{article_id}")["spans"]}
            candidate = (len(kinds), inc["articles"], inc["id"], article_id)
            best = candidate if best is None or candidate > best else best
    assert best is not None, "the examples hold no incident with several sources"
    return get(api, f"/api/incidents/{best[2]}"), best[3]


def _style(tab: Tab, selector: str) -> tuple[str, ...]:
    return tuple(tab.page.eval_on_selector(selector, """node => {
        const s = getComputedStyle(node);
        return [s.backgroundColor, s.color, s.fontWeight, s.fontStyle, s.borderBottomStyle, s.borderBottomColor,
                s.outlineStyle, s.outlineColor, s.textDecorationLine];
    }"""))


def test_open_an_incident_then_a_source_with_its_evidence(tab: Tab, api: TestClient) -> None:
    inc, article_id = _incident_to_open(api)
    tab.open("/")
    tab.loaded()
    tab.page.fill("#filters input[name=country]", inc["country"] or "")
    tab.page.fill("#filters input[name=since]", inc["first_date"])
    tab.page.fill("#filters input[name=until]", inc["last_date"])
    tab.page.click("#filters button[type=submit]")
    tab.loaded(since=inc["first_date"], until=inc["last_date"], **({"country": inc["country"]} if inc["country"]
                                                                  else {}))
    tab.page.click(f'#incidents tbody tr[data-id="{inc["id"]}"]')
    tab.page.wait_for_selector(f'#incident[data-id="{inc["id"]}"]:not([hidden])')
    assert tab.page.inner_text("#inc-title") == (inc["title"] or inc["id"])
    assert f"{inc['articles']} sources" in tab.page.inner_text("#inc-meta")
    sources = tab.page.locator("#inc-sources li")
    assert sources.count() == len(inc["sources"]) == inc["articles"]
    assert [sources.nth(i).get_attribute("data-article") for i in range(sources.count())] == [
        s["article_id"] for s in inc["sources"]]
    assert tab.page.locator("#inc-timeline li").count() == len(inc["timeline"])
    disagreements = tab.page.inner_text("#inc-disagreements")
    if inc["disagreements"]["any"]:
        kinds = {"killed": "fatalities", "injured": "injured", "dates": "dates", "actors": "actors"}
        for word in inc["disagreements"]["summary"]:
            key = kinds[word.split()[0]]
            assert tab.page.locator(f'#inc-disagreements li[data-kind="{key}"]').count() == 1, word
        assert tab.page.locator("#inc-disagreements .differs").count() + len(inc["disagreements"]["dates"]) > 0
    else:
        assert disagreements.startswith("none")
    tab.shot("incident.png")

    tab.page.click(f'#inc-sources li[data-article="{article_id}"] button.link')
    tab.page.wait_for_selector(f'#article[data-id="{article_id}"]:not([hidden]) #art-text span.ev-trigger')
    spans = get(api, f"/api/articles/{article_id}")["spans"]
    shown = {k for k in KINDS if tab.page.locator(f"#art-text span.ev-{k}").count()}
    assert shown == {s["kind"] for s in spans}
    assert shown >= MUST_SHOW, f"the examples should exercise every kind of evidence; missing {MUST_SHOW - shown}"

    # one distinct mark per kind, and the text's marks look like the legend's
    legend = {k: _style(tab, f"#legend .ev-{k}") for k in KINDS}
    assert len(set(legend.values())) == len(KINDS), legend
    for kind in shown:
        alone = f'#art-text span[class="ev-{kind}"]'
        if tab.page.locator(alone).count():
            assert _style(tab, alone) == legend[kind], kind

    # clicking an event of the article focuses its marks
    tab.page.click("#art-events .event >> nth=0")
    tab.page.wait_for_selector("#art-text.focusing span.focus")
    tab.shot("article.png")

    # the article links back to its incident
    tab.page.click("#inc-close")
    tab.page.wait_for_selector("#incident", state="hidden")
    tab.page.click("#art-incident button.link")
    tab.page.wait_for_selector(f'#incident[data-id="{inc["id"]}"]:not([hidden])')
    tab.check_clean()


def test_script_in_an_article_stays_text(tab: Tab, api: TestClient) -> None:
    tab.open("/")
    tab.loaded()
    first = get(api, "/api/events", limit=1)["events"][0]
    tab.page.click("#events tbody tr >> nth=0")
    tab.page.wait_for_selector(f'#article[data-id="{first["article_id"]}"]:not([hidden])')
    text = get(api, f"/api/articles/{first['article_id']}")["text"]
    assert tab.page.eval_on_selector("#art-text", "node => node.textContent") == text
    assert tab.page.locator("#art-text *:not(span)").count() == 0
    tab.check_clean()


# -- /docs ----------------------------------------------------------------------------------------


def test_docs_work_offline(tab: Tab, api: TestClient) -> None:
    spec = get(api, "/openapi.json")
    operations = sum(len(ops) for ops in spec["paths"].values())
    tab.open("/docs")
    tab.page.wait_for_selector(".swagger-ui .information-container .title")
    assert tab.page.inner_text(".swagger-ui .information-container .title").startswith("eventwire")
    tab.page.wait_for_selector(".opblock")
    assert tab.page.locator(".opblock").count() == operations
    assert tab.page.locator(".swagger-ui .errors-wrapper").count() == 0

    # try one for real: GET /api/incidents
    block = tab.page.locator(".opblock", has=tab.page.locator('.opblock-summary-path[data-path="/api/incidents"]'))
    block.locator(".opblock-summary").click()
    block.locator("button.try-out__btn").click()
    block.locator("button.execute").click()
    status = block.locator(".live-responses-table .response .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip().startswith("200")
    tab.shot("docs.png")
    tab.check_clean()
