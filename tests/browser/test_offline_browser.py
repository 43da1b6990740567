"""Offline in a real Chromium: after one visit the tools work with the server gone, and a new build is offered.

"Offline" here is the honest kind: the HTTP server is stopped, so every request the page or the service worker
makes is refused, as on a phone with no signal.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitetools import BuiltSite, build_site, copy_site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature from the stdlib
        pass


class SwitchableServer:
    """A static server for one folder that can be switched off and on again at the same address (same origin)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = 0
        self._server: http.server.ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> None:
        handler = functools.partial(_Quiet, directory=str(self.folder))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


@pytest.fixture()
def server(built_site: BuiltSite, tmp_path: Path) -> Iterator[SwitchableServer]:
    folder = tmp_path / "served"
    shutil.copytree(built_site.path, folder)
    # Files an hour old, like a deployed site's: the browser's HTTP cache would then keep serving them for minutes
    # after a new deploy unless the worker asks the server (the bug this caught: a new version precached old pages).
    an_hour_ago = time.time() - 3600
    for path in folder.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    served = SwitchableServer(folder)
    served.start()
    try:
        yield served
    finally:
        served.stop()


def wait_until_offline_ready(page) -> str:
    """Wait for the service worker to control the page with every precached file stored; returns the version."""
    page.wait_for_function("""async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration || !registration.active || !navigator.serviceWorker.controller) return false;
      const keys = await caches.keys();
      const precache = keys.find((key) => key.startsWith("nfp-precache-"));
      return Boolean(precache) && registration.active.state === "activated";
    }""", timeout=20000, polling=200)
    # Chromium hands new navigations to a just-activated worker a moment later: wait until a reload goes through it.
    for _ in range(20):
        page.reload()
        if page.evaluate("performance.getEntriesByType('navigation')[0].workerStart > 0"):
            break
        page.wait_for_timeout(250)
    else:
        raise AssertionError("the service worker never took over a navigation")
    return page.evaluate("async () => (await caches.keys()).find((key) => key.startsWith('nfp-precache-'))")


def test_after_one_visit_the_tools_work_offline(context, server: SwitchableServer) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.goto(server.url)
    wait_until_offline_ready(page)
    page.goto(server.url + "skills/follow-up/")  # a guide read online stays readable offline
    page.wait_for_load_state("networkidle")
    server.stop()

    page.goto(server.url + "checklists/conference/")
    assert page.inner_text("h1") == "Conference networking"
    first_box = page.locator(".nfp-item__box").first
    first_item = first_box.get_attribute("data-item-id")
    checklist_id = page.locator("article.nfp-checklist").get_attribute("data-checklist-id")
    first_box.check()
    page.reload()
    assert page.locator(".nfp-item__box").first.is_checked(), "a tick made offline was lost on reload"

    page.goto(server.url + "templates/")
    assert page.inner_text("h1") == "Message templates"

    # My network's scripts are a bundle of their own, fetched only on that page: never opened online, it still starts.
    page.goto(server.url + "my-network/")
    page.locator("#nfp-network[data-nfp-rendered='1']").wait_for(state="attached", timeout=10000)
    page.get_by_role("button", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill("Ana Ruiz")
    page.get_by_role("button", name="Save", exact=True).click()
    page.reload()
    page.locator(".nfp-people__list .nfp-person__name", has_text="Ana Ruiz").wait_for(timeout=10000)
    # What the page fetches on first use (the backup's scripts, the list of checklists) is there offline too.
    with page.expect_download() as download:
        page.get_by_role("button", name="Export everything (.json)").click()
    backup = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [person["name"] for person in backup["network"]["people"]] == ["Ana Ruiz"]
    assert backup["checklists"] == {checklist_id: [first_item]}, "the tick made offline travels in the backup"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("input[data-md-component=search-query]", "conference")
    page.wait_for_selector(".md-search-result__item", timeout=10000)

    page.goto(server.url + "skills/follow-up/")
    assert "Follow up" in page.inner_text("h1")

    page.goto(server.url + "beyond/meetups/")
    assert "You are offline" in page.inner_text("h1")
    assert page.get_by_role("link", name="try /beyond/meetups/ again").get_attribute("href") == (
        server.url + "beyond/meetups/")
    read = page.locator("[data-nfp-offline-read] a")
    read.first.wait_for(timeout=5000)
    assert "Follow up and keep your network alive" in read.all_inner_texts()
    page.click("text=Every checklist")
    assert page.url == server.url + "checklists/"
    assert page.inner_text("h1") == "Checklists"
    assert not errors, errors


def test_a_new_build_is_offered_and_replaces_the_old_cache(context, server: SwitchableServer,
                                                           tmp_path: Path) -> None:
    page = context.new_page()
    page.goto(server.url + "checklists/")
    old_version = wait_until_offline_ready(page)
    assert not page.locator(".nfp-update").count(), "a first visit has nothing to update"

    config = copy_site(tmp_path / "repo")
    checklist = config.parent / "checklists" / "conference.yml"
    checklist.write_text(re.sub(r"^title: .*$", "title: Conference networking, revised", checklist.read_text(
        encoding="utf-8"), flags=re.M), encoding="utf-8")
    result = build_site(config, tmp_path / "v2")
    assert result.returncode == 0, result.stderr[-2000:]
    shutil.rmtree(server.folder)
    shutil.copytree(tmp_path / "v2", server.folder)

    page.reload()
    notice = page.locator(".nfp-update")
    notice.wait_for(timeout=20000)
    assert "new version" in notice.inner_text()
    with page.expect_navigation():
        notice.get_by_role("button", name="Reload").click()
    # The new version is in charge once it has deleted the old one's cache.
    page.wait_for_function("""async (old) => {
      const keys = await caches.keys();
      return !keys.includes(old) && keys.some((key) => key.startsWith("nfp-precache-"));
    }""", arg=old_version, timeout=20000)
    page.goto(server.url + "checklists/conference/")
    assert page.inner_text("h1") == "Conference networking, revised"


def test_manifest_makes_the_site_installable(context, server: SwitchableServer) -> None:
    page = context.new_page()
    page.goto(server.url)
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert not manifest.get("errors"), manifest.get("errors")
    assert manifest["url"] == server.url + "manifest.webmanifest"
    wait_until_offline_ready(page)
    errors = [error["errorId"] for error in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    # Headless test profiles are incognito-like; every other reason would stop "Install" on a phone.
    assert not [error for error in errors if error != "in-incognito"], errors
