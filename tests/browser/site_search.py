"""Ask the built site's own search the way a reader's browser does, and read back the pages it ranks first.

The page starts the search worker named in Material's `__config` (ours, which wraps Material's), hands it the
site's search index exactly as Material does, and sends each query. The test (test_search.py) and the
command line below share this code:

    .venv/bin/python tests/browser/site_search.py /tmp/site "how to approach a speaker"
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

QUERIES_FILE = Path(__file__).resolve().parent.parent / "search_queries.yml"

# Runs in the page: one worker, set up once, then one query per call (messages are answered in order).
_START_WORKER = """async () => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const index = await (await fetch(new URL("search/search_index.json", new URL(config.base, location)))).json();
  const worker = new Worker(new URL(config.search, location));
  const replies = [];
  let wake = null;
  worker.onmessage = (event) => { replies.push(event.data); if (wake) wake(); };
  window.__nfpAsk = (message) => new Promise((resolve) => {
    wake = () => { wake = null; resolve(replies.shift()); };
    worker.postMessage(message);
  });
  const ready = await window.__nfpAsk({type: 0, data: {config: index.config, docs: index.docs, options: {}}});
  return ready.type;
}"""

_QUERY = """async (query) => {
  const reply = await window.__nfpAsk({type: 2, data: query});
  return reply.data.items.map((group) => ({
    location: group[0].location.split("#")[0],
    terms: group[0].terms,
  }));
}"""


def load_queries(path: Path = QUERIES_FILE) -> list[dict[str, Any]]:
    """The public query set: each entry has `query` and `expect` (a page address, e.g. 'skills/follow-up/')."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


class SiteSearch:
    """The real search worker of a built site, running in a Chromium page."""

    def __init__(self, page: Any, site_url: str) -> None:
        page.goto(site_url)
        ready = page.evaluate(_START_WORKER)
        if ready != 1:
            raise RuntimeError(f"the search worker did not answer the setup message (got {ready!r})")
        self._page = page

    def results(self, query: str) -> list[dict[str, Any]]:
        """Result groups in ranked order: one per page, with the page's address and the query terms it matched."""
        return self._page.evaluate(_QUERY, query)

    def top_pages(self, query: str, count: int = 3) -> list[str]:
        return [group["location"] for group in self.results(query)[:count]]


def _main() -> None:
    import argparse
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("queries", nargs="*", help="queries to run (default: every query in search_queries.yml)")
    args = parser.parse_args()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(args.site))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cases = [{"query": q, "expect": None} for q in args.queries] or load_queries()
    failed = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        search = SiteSearch(browser.new_page(), f"http://127.0.0.1:{server.server_address[1]}/")
        for case in cases:
            top = search.top_pages(case["query"])
            expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
            ok = case["expect"] is None or bool(set(expected) & set(top))
            failed += not ok
            print(f"{'ok  ' if ok else 'MISS'} {case['query']!r:40} expect {case['expect']!s:35} got {top}")
        browser.close()
    server.shutdown()
    print(f"{len(cases) - failed} of {len(cases)} queries find their page in the top three")


if __name__ == "__main__":
    _main()
