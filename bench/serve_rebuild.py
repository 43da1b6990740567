"""Seconds from saving a checklist file to `mkdocs serve` returning the page with the change in it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from workspace import build_env

MKDOCS = Path(sys.executable).parent / "mkdocs"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 120) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
        return 0, ""


def _site_path(root: Path) -> str:
    """The path `mkdocs serve` mounts the site under: site_url's path."""
    from urllib.parse import urlsplit
    for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return urlsplit(line.split(":", 1)[1].strip()).path or "/"
    return "/"


def measure(root: Path, *, checklist_id: str, runs: int, startup_timeout: float = 600,
            change_timeout: float = 300) -> dict:
    """Start `mkdocs serve` in `root`, change checklists/<id>.yml `runs` times, time each change to the page."""
    port = free_port()
    base = f"http://127.0.0.1:{port}{_site_path(root)}"
    page = f"{base}checklists/{checklist_id}/"
    log = open(root / "serve.log", "w", encoding="utf-8")
    started = time.perf_counter()
    proc = subprocess.Popen([str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=root,
                            env=build_env(git_dates=False), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    times: list[float] = []
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited: see {root / 'serve.log'}")
            status, _ = _get(page, timeout=5)
            if status == 200:
                break
            if time.perf_counter() - started > startup_timeout:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.2)
        startup = time.perf_counter() - started
        source = root / "checklists" / f"{checklist_id}.yml"
        original = source.read_text(encoding="utf-8")
        data = yaml.safe_load(original)
        for run in range(runs):
            token = f"Zqx{run}marker"
            data["title"] = f"{data['title'].split(' Zqx')[0][:60]} {token}"
            text = "# yaml-language-server: $schema=./schema.json\n" + yaml.safe_dump(
                data, sort_keys=False, allow_unicode=True, width=1000)
            time.sleep(1.0)  # let the watcher settle after the previous rebuild
            t0 = time.perf_counter()
            source.write_text(text, encoding="utf-8")
            while True:
                _, body = _get(page, timeout=change_timeout)
                if token in body:
                    times.append(time.perf_counter() - t0)
                    break
                if time.perf_counter() - t0 > change_timeout:
                    raise RuntimeError(f"change not seen within {change_timeout} s")
                time.sleep(0.05)
        source.write_text(original, encoding="utf-8")
    finally:
        try:
            os.killpg(proc.pid, signal.SIGINT)  # the process group we started, nothing else
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()
    return {"startup_s": startup, "times_s": times}
