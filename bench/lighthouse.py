"""Lighthouse (npm package, installed into bench/node_modules) with Debian's Chromium, against 127.0.0.1.

    npm i -E --prefix bench lighthouse@12.2.3     # Lighthouse 13 needs Node 22; 12.2.3 runs on Node 20
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
CLI = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def available() -> str | None:
    """None when Lighthouse can run, else the reason it cannot."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not CLI.is_file():
        return "bench/node_modules/lighthouse is missing (npm i -E --prefix bench lighthouse@12.2.3)"
    if not Path(CHROME).is_file():
        return f"no Chromium at {CHROME} (set CHROME_PATH)"
    return None


def run(url: str, *, preset: str, out: Path, timeout: float = 180) -> dict:
    """One Lighthouse run. preset is 'desktop' or 'mobile' (Lighthouse's default: emulated phone, slow 4G)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    command = ["node", str(CLI), url, "--output=json", f"--output-path={out}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=CHROME)
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return summarise(json.loads(out.read_text(encoding="utf-8")))


def summarise(report: dict) -> dict:
    audits = report.get("audits", {})
    scores = {name: _score(report, name) for name in CATEGORIES}
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    third_party = sorted({r.get("url", "") for r in requests
                          if urlsplit(r.get("url", "")).hostname not in (None, "127.0.0.1", "localhost")
                          and urlsplit(r.get("url", "")).scheme in ("http", "https")})
    metrics = {key: audits.get(key, {}).get("numericValue") for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift", "speed-index", "total-byte-weight")}
    failing = sorted(f"{name}: {audit.get('title')}" for name, audit in audits.items()
                     if audit.get("score") is not None and audit.get("score") < 0.9
                     and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"))
    return {"scores": scores, "metrics": metrics, "requests": len(requests), "third_party": third_party,
            "request_urls": [r.get("url") for r in requests], "below_0.9": failing,
            "accessibility_failures": accessibility_failures(report),
            "lighthouse": report.get("lighthouseVersion"), "user_agent": report.get("environment", {}).get(
                "hostUserAgent")}


def accessibility_failures(report: dict) -> list[dict]:
    """The accessibility category's failing audits, each with a label and the selector of every element it names."""
    audits = report.get("audits", {})
    failures = []
    for ref in report.get("categories", {}).get("accessibility", {}).get("auditRefs", []):
        audit = audits.get(ref.get("id"), {})
        if audit.get("score") is None or audit.get("score") >= 1:
            continue
        elements = []
        for item in audit.get("details", {}).get("items", []):
            node = item.get("node") or {}
            elements.append(f"{node.get('nodeLabel', '?')!r:.60} {node.get('selector', '')}")
        failures.append({"id": ref["id"], "title": audit.get("title"), "elements": elements})
    return failures


def _score(report: dict, category: str) -> int | None:
    score = report.get("categories", {}).get(category, {}).get("score")
    return None if score is None else round(score * 100)
