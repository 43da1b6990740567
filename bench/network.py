"""Benchmark: My network (/my-network/) with 1,000 people, in Chromium.

    .venv/bin/python bench/network.py                 # build the site into a temporary folder, 7 runs
    .venv/bin/python bench/network.py --site /tmp/site --runs 11 --people 1000

Each run opens the page in a fresh browser profile whose localStorage already holds a notebook of N generated
people (the same notebook every run: a fixed random seed), served gzip-compressed like the static host. It
reports, as the median over the runs (and every run):

- set-up: network.js's own work on load, from reading the stored notebook to "This week" and the people list
  drawn (script only), then the same with the style and layout the browser does in that task;
- rendered: from the start of navigation until network.js has drawn "This week" and the people list
  (the moment #nfp-network gets data-nfp-rendered="1");
- interactive: the later of "rendered", DOMContentLoaded's end and the end of the last long task (over 50 ms)
  Chromium reported, once the page has been quiet for a second;
- longest task: the longest single task on the main thread in that time;
- log contact: one click on "Wrote" for a person: the notebook saved and every list drawn again;
- redraw from storage: what another tab's change costs here (a `storage` event: read, then draw again).

The same runs with an empty notebook give the baseline: loading the page itself, Material and our scripts.

It also prints the page's first-load weight (bench/page_weight.py). Never touches docs/, checklists/, hooks/ or
site/: the site is built into a temporary folder unless --site names a built one. Figures are wall time on this
machine; other work on it (see the load average printed) slows them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import page_weight  # noqa: E402
import workspace  # noqa: E402
from static_server import StaticServer  # noqa: E402

PAGE = "my-network/"
KEY = "nfp:network"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# Runs before the page's own scripts: the notebook goes into localStorage, and observers note when the page
# is drawn and every long task.
INIT = """([key, notebook]) => {
  localStorage.setItem(key, notebook);
  window.nfpBench = {longTasks: []};
  // core.js assigns window.nfp: wrap its define and onPage so the time network.js's set-up takes is measured.
  let core;
  Object.defineProperty(window, "nfp", {configurable: true, get: () => core, set: (value) => {
    core = value;
    const define = value.define, onPage = value.onPage;
    let defining = null;
    value.define = (name, needs, factory) => {
      defining = name;
      try { return define(name, needs, factory); } finally { defining = null; }
    };
    value.onPage = (setup) => onPage(defining !== "network" ? setup : function () {
      const start = performance.now();
      try { return setup.apply(this, arguments); } finally {
        nfpBench.setupStart = start;
        nfpBench.setup = performance.now() - start;
      }
    });
  }});
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) nfpBench.longTasks.push([entry.startTime, entry.duration]);
  }).observe({type: "longtask", buffered: true});
  new MutationObserver((changes, observer) => {
    const root = document.getElementById("nfp-network");
    if (root && root.getAttribute("data-nfp-rendered") === "1") {
      nfpBench.rendered = performance.now();
      observer.disconnect();
    }
  }).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-nfp-rendered"]});
}"""

RESULTS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const ends = nfpBench.longTasks.map(([start, duration]) => start + duration);
  return {
    rendered: nfpBench.rendered,
    setup: nfpBench.setup,
    // The end of the task that drew the page, style and layout included (a long task), or the script's end.
    drawn: Math.max(nfpBench.setupStart + nfpBench.setup, ...nfpBench.longTasks
      .filter(([start, duration]) => start <= nfpBench.setupStart && start + duration >= nfpBench.setupStart)
      .map(([start, duration]) => start + duration)) - nfpBench.setupStart,
    interactive: Math.max(nfpBench.rendered, nav.domContentLoadedEventEnd, ...ends),
    longest: Math.max(0, ...nfpBench.longTasks.map(([, duration]) => duration)),
    week: document.querySelectorAll(".nfp-week__list > li").length,
    people: document.querySelectorAll(".nfp-people__list > li").length,
  };
}"""

REDRAW = """() => {
  const start = performance.now();
  window.dispatchEvent(new StorageEvent("storage", {key: "nfp:network"}));
  return performance.now() - start;
}"""

LOG_CLICK = """() => {
  const button = document.querySelector(".nfp-people__list [data-nfp-log=wrote]");
  const start = performance.now();
  button.click();
  return performance.now() - start;
}"""

FIRST = ["Amara", "Li", "Sofía", "Олег", "Priya", "Jonas", "Fatima", "Kenji", "Ngozi", "Mateo", "Aisha", "Chen",
         "Lucía", "Tomasz", "Yara", "David", "王芳", "Emre", "Ingrid", "Kwame"]
LAST = ["Okafor", "Wei", "Hernández", "Петров", "Raman", "Berg", "Haddad", "Sato", "Eze", "Rossi", "Khan", "Liu",
        "García", "Nowak", "Nasser", "Cohen", "Yilmaz", "Larsen", "Mensah", "Dubois"]
ORGS = ["Roche", "CERN", "Novartis", "Max Planck Institute", "Wellcome Sanger", "DeepMind", "Siemens", "EMBL",
        "University of Lagos", "CSIC", "RIKEN", "Met Office", "WHO", "Bayer", "ETH Zurich", "Statistics Canada"]
EVENTS = ["EMBO workshop", "poster session", "careers fair", "alumni evening", "summer school", "lab visit",
          "online seminar", "society meeting"]


def make_notebook(count: int, today: date, seed: int = 21) -> dict:
    """A notebook of `count` people as a reader might have after a few years: varied dates, logs and statuses."""
    rng = random.Random(seed)
    people = []
    for index in range(count):
        met = today - timedelta(days=rng.randint(0, 900))
        log = []
        day = met
        for _ in range(rng.randint(0, 6)):
            day = day + timedelta(days=rng.randint(1, 120))
            if day > today:
                break
            log.append({"on": day.isoformat(), "kind": rng.choice(["wrote", "met", "call", "replied"])})
        stamp = datetime.combine(met, datetime.min.time(), tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        person = {
            "id": f"p-bench{index:07d}", "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "where": rng.choice(EVENTS), "met_on": met.isoformat(), "organisation": rng.choice(ORGS),
            "role": "Scientist", "reach": f"person{index}@example.org", "tags": rng.sample(["alumni", "biotech",
                                                                                          "physics", "policy"], 2),
            "notes": "Talked about methods and a possible visit. " * rng.randint(0, 3),
            "closeness": rng.choice(["close", "regular", "occasional"]), "log": log,
            "archived": rng.random() < 0.1, "created": stamp, "updated": stamp,
        }
        if rng.random() < 0.3:
            person["search"] = rng.choice(["to-contact", "wrote", "replied", "spoke", "referred", "applied"])
        people.append(person)
    return {"v": 1, "rev": count, "settings": {"rhythms": {"close": 1, "regular": 3, "occasional": 6}},
            "people": people}


def build(site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=workspace.REPO, env=workspace.build_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build --strict failed:\n{result.stderr[-3000:]}")


def measure(site: Path, *, runs: int, people: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    notebook = json.dumps(make_notebook(people, date.today()))
    results = []
    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.add_init_script(script=f"({INIT})({json.dumps([KEY, notebook])})")
                page.goto(server.url(PAGE))
                page.wait_for_function("() => window.nfpBench && nfpBench.rendered !== undefined", timeout=60000)
                page.wait_for_timeout(1000)  # a quiet second, so any long task after rendering is counted
                result = page.evaluate(RESULTS)
                result["redraw"] = page.evaluate(REDRAW)
                result["log_click"] = page.evaluate(LOG_CLICK) if people else 0.0
                results.append(result)
                context.close()
        finally:
            browser.close()
    return results


def report(results: list[dict], baseline: list[dict], *, people: int, weight: page_weight.Weight) -> str:
    def row(label: str, key: str) -> str:
        values = [r[key] for r in results]
        runs = ", ".join(f"{v:.0f}" for v in values)
        empty = statistics.median(r[key] for r in baseline)
        return f"| {label} | **{statistics.median(values):.0f}** | {empty:.0f} | {runs} |"

    first = results[0]
    lines = [
        f"My network with {people:,} people ({first['week']} due this week shown, {first['people']} listed), "
        f"{len(results)} runs, Chromium headless; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
        "",
        f"| ms | median, {people:,} people | median, empty notebook | runs, {people:,} people |",
        "|---|---:|---:|---|",
        row("network.js set-up: read, check, work out dates, draw (script only)", "setup"),
        row("that set-up with the style and layout of its task", "drawn"),
        row("This week and people drawn (from navigation start)", "rendered"),
        row("interactive: last long task ended (from navigation start)", "interactive"),
        row("longest main-thread task", "longest"),
        row("redraw after another tab's change", "redraw"),
        row("one click on Wrote (save and redraw)", "log_click"),
        "",
        f"First-load weight of /{PAGE}: {weight.gzip / 1000:.1f} KB gzip (" + ", ".join(
            f"{kind} {gz / 1000:.1f}" for kind, (_, gz) in weight.by_kind().items()) + "), without the search index.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="a built site to use instead of building one")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nfp-bench-network-") as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            build(site)
        baseline = measure(site, runs=args.runs, people=0)
        results = measure(site, runs=args.runs, people=args.people)
        print(report(results, baseline, people=args.people, weight=page_weight.Site(site).weight(PAGE)))


if __name__ == "__main__":
    main()
