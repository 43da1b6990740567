"""Offline support without a browser: what the service worker precaches, its version, the manifest, serve mode."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

from nfp.offline import (ICONS, content_version, is_dev_server, page_address, render_manifest,
                         render_service_worker, select_precache, worker_settings)
from sitetools import ROOT, BuiltSite, build_site, copy_site


def settings_in(worker: str) -> dict:
    return json.loads(re.search(r"^const SETTINGS = (.*);$", worker, re.M).group(1))


def test_serve_is_told_apart_from_a_real_build() -> None:
    assert is_dev_server(site_url="http://127.0.0.1:8000/networking-for-phds/", dev_host="127.0.0.1", dev_port=8000)
    assert not is_dev_server(site_url="https://networking-for-phds.github.io/networking-for-phds/",
                             dev_host="127.0.0.1", dev_port=8000)


def test_precache_holds_the_tools_and_leaves_guides_to_be_cached_when_read() -> None:
    built = ["index.html", "checklists/index.html", "checklists/conference/index.html", "templates/index.html",
             "offline/index.html", "skills/follow-up/index.html", "404.html", "sitemap.xml", "sitemap.xml.gz",
             "assets/js/nfp.js", "assets/javascripts/bundle.1234abcd.min.js", "assets/javascripts/bundle.js.map",
             "assets/javascripts/lunr/min/lunr.de.min.js", "search/search_index.json", "robots.txt"]
    assert select_precache(built) == ["./", "checklists/", "checklists/conference/", "templates/", "offline/",
                                      "sitemap.xml", "assets/js/nfp.js", "assets/javascripts/bundle.1234abcd.min.js",
                                      "search/search_index.json"]
    assert page_address("skills/follow-up/index.html") == "skills/follow-up/"


def test_any_changed_byte_is_a_new_version(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("one", encoding="utf-8")
    before = content_version(tmp_path, ["a/index.html"])
    (tmp_path / "a" / "index.html").write_text("two", encoding="utf-8")
    assert content_version(tmp_path, ["a/index.html"]) != before


def test_manifest_is_relative_to_the_site_and_names_its_icons() -> None:
    manifest = json.loads(render_manifest(name="Networking for PhDs", description="d", theme_colour="#1f4e79"))
    assert manifest["start_url"] == "./" and manifest["scope"] == "./" and manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    for icon in ICONS:
        png = (ROOT / "docs" / icon.src).read_bytes()
        width, height = struct.unpack(">II", png[16:24])
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and (width, height) == (icon.size, icon.size), icon.src


def test_worker_settings_are_json_that_cannot_close_the_script() -> None:
    worker = render_service_worker({"version": "v1", "precache": ["a</script>/"], "offline": "offline/"})
    assert "</script>" not in worker
    assert settings_in(worker)["precache"] == ["a</script>/"]


def test_built_site_has_a_worker_listing_only_files_that_exist(built_site: BuiltSite) -> None:
    settings = settings_in((built_site.path / "sw.js").read_text(encoding="utf-8"))
    assert settings == worker_settings(built_site.path)
    for address in settings["precache"]:
        target = built_site.path / address
        assert (target / "index.html" if address.endswith("/") else target).is_file(), address
    assert "checklists/conference/" in settings["precache"] and "templates/" in settings["precache"]
    # My network, and every bundle of scripts only some pages load (core.js fetches them once the page shows,
    # offline too): without one, that page's tool would say it could not load.
    bundles = {f"assets/js/{path.name}" for path in (built_site.path / "assets" / "js").glob("nfp-*.js")}
    assert {"assets/js/nfp-network.js", "assets/js/nfp-transfer.js", "assets/js/nfp-planner.js"} <= bundles
    assert {"my-network/", *bundles} <= set(settings["precache"])
    assert "skills/follow-up/" not in settings["precache"]
    page = built_site.page("checklists/conference/")
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in page
    assert '<meta name="nfp-service-worker" content="../../sw.js">' in page


def test_a_build_for_the_dev_server_registers_no_worker(tmp_path: Path) -> None:
    config = copy_site(tmp_path / "repo")
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url: .*$", "site_url: http://127.0.0.1:8000/networking-for-phds/", text,
                             flags=re.M), encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    assert not (tmp_path / "site" / "sw.js").exists()
    assert "nfp-service-worker" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
