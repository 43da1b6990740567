"""Lighthouse for the pages you name, without the rest of the benchmark:

    .venv/bin/python bench/lighthouse_pages.py "" paths/ paths/postdoc-leaving-soon/ --runs 3

Builds the working tree once (strict, as run.py does) into a temporary folder, serves it gzip-compressed under
site_url's path (static_server.py) and runs Lighthouse (lighthouse.py) on each page, desktop preset and mobile
default, keeping the run with the median performance score. Prints one line per page and preset, each failing
accessibility audit of that run with the elements it names, and the load average: on a busy machine mobile scores
drop (Lighthouse measures real CPU time for Total Blocking Time).

    .venv/bin/python bench/lighthouse_pages.py my-network/ --runs 1 --site /tmp/site-a11y

`--site` serves a site you have already built (strictly) instead of building the working tree again.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lighthouse  # noqa: E402
from run import REPO, build_once, site_base  # noqa: E402
from static_server import StaticServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", nargs="+", help='paths under the site, e.g. "" (home) or paths/')
    parser.add_argument("--runs", type=int, default=3, help="runs per page and preset (median kept)")
    parser.add_argument("--site", type=Path, help="a site already built with mkdocs build --strict (default: build "
                                                  "the working tree into a temporary folder)")
    args = parser.parse_args()
    reason = lighthouse.available()
    if reason:
        sys.exit(f"Lighthouse cannot run: {reason}")
    with tempfile.TemporaryDirectory(prefix="nfp-lighthouse-") as temp:
        site, out = args.site or Path(temp) / "site", Path(temp) / "reports"
        if args.site is None:
            build_once(REPO, site)
        elif not (site / "index.html").is_file():
            sys.exit(f"--site {site}: no index.html there; build the site first")
        with StaticServer(site, site_base(REPO)) as server:
            for page in args.pages:
                for preset in ("desktop", "mobile"):
                    runs = [lighthouse.run(server.url(page), preset=preset, out=out / f"{preset}-{index}.json")
                            for index in range(args.runs)]
                    scores = [run["scores"]["performance"] for run in runs]
                    best = runs[scores.index(statistics.median_low(scores))]
                    metrics = best["metrics"]
                    print(f"/{page:<32} {preset:<7} performance {best['scores']['performance']:>3} (runs {scores}); "
                          f"accessibility {best['scores']['accessibility']}; "
                          f"LCP {metrics['largest-contentful-paint']:.0f} ms, "
                          f"TBT {metrics['total-blocking-time']:.0f} ms, "
                          f"CLS {metrics['cumulative-layout-shift']:.3f}, "
                          f"{metrics['total-byte-weight'] / 1024:.0f} KB", flush=True)
                    for audit in best["accessibility_failures"]:
                        print(f"    {audit['id']}: {audit['title']}", flush=True)
                        for element in audit["elements"]:
                            print(f"        {element}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
