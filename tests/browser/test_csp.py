"""The Content Security Policy in real Chromium: an injected inline or third-party script does not run, and
everything the site's own scripts do (search, palette, instant navigation, checklists, the Copy button) works
under the policy with no violation reported on any page.

The policy is added by hooks/csp.py; the hashes of the theme's inline scripts are computed at build time.
"""

from __future__ import annotations

import re
import shutil

import pytest

from checkers import sitemap_paths, switchable_server, wait_for_checklists
from test_copy import serve_local_sitemap, wait_for_templates

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def watch_for_violations(page) -> list[str]:
    """Every CSP violation Chromium reports on the page's console, across reloads and navigations."""
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    return found


def test_every_page_carries_one_policy_without_unsafe_inline_script(built_site) -> None:
    pages = sorted(built_site.path.rglob("*.html"))
    assert len(pages) > 30
    for path in pages:
        policies = CSP_META.findall(path.read_text(encoding="utf-8"))
        assert len(policies) == 1, f"{path}: {len(policies)} policies"
        script_src = next(part for part in policies[0].split("; ") if part.startswith("script-src "))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert re.fullmatch(r"script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+", script_src), script_src


@pytest.fixture(scope="module")
def injected_site(built_site, tmp_path_factory):
    """The built site with script slipped into a guide after the build, as if every other check had missed it."""
    site = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(built_site.path, site)
    guide = site / "start" / "index.html"
    html = guide.read_text(encoding="utf-8")
    payload = ('<script>window.nfpInjected = "inline"</script>'
               '<img src="missing.png" onerror="window.nfpInjected = \'handler\'">'
               '<script src="https://third-party.invalid/x.js"></script>')
    guide.write_text(html.replace("</article>", payload + "</article>", 1), encoding="utf-8")
    with switchable_server(site) as server:
        yield server.url


def test_an_injected_inline_or_third_party_script_does_not_run(page, injected_site: str) -> None:
    violations = watch_for_violations(page)
    answered: list[str] = []
    page.on("response", lambda response: answered.append(response.url))
    page.goto(injected_site + "start/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.nfpInjected") is None
    assert not [url for url in answered if "third-party.invalid" in url]
    # Blocked by the policy, and said so: the inline script, the handler and the third-party script.
    assert any("inline script" in text for text in violations), violations
    assert any("event handler" in text for text in violations), violations
    assert any("third-party.invalid" in text for text in violations), violations
    # The site's own scripts still ran.
    assert page.evaluate("document.documentElement.classList.contains('nfp-js')")


def test_no_page_reports_a_violation(page, built_site, site_url: str) -> None:
    violations = watch_for_violations(page)
    paths = sitemap_paths(built_site.path)
    assert len(paths) > 30
    for path in [*paths, "does-not-exist/"]:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        assert not violations, f"{path}: {violations}"


def test_search_palette_navigation_checklists_and_copy_work_under_the_policy(context, page, site_url: str) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    violations = watch_for_violations(page)
    serve_local_sitemap(page, site_url)
    page.goto(site_url + "start/")

    # Search runs in a web worker loaded from the site.
    page.locator("input.md-search__input").click()
    page.keyboard.type("conference")
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    page.keyboard.press("Escape")

    # The palette toggle switches the colour scheme.
    before = page.evaluate("document.body.getAttribute('data-md-color-media')")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function("before => document.body.getAttribute('data-md-color-media') !== before", arg=before)

    # Instant navigation: the next page arrives without a reload (the marker on window survives).
    page.evaluate("window.nfpSamePage = true")
    page.locator("a[href$='checklists/']").first.click()
    page.wait_for_url("**/checklists/")
    page.locator(".md-content a[href$='conference/']").first.click()
    page.wait_for_url("**/checklists/conference/")
    wait_for_checklists(page)
    assert page.evaluate("window.nfpSamePage") is True

    # Ticking an item, and the tick saved across a reload.
    first = page.locator("input.nfp-item__box").first
    item_id = first.get_attribute("data-item-id")
    page.locator(f"li.nfp-item[data-item-id='{item_id}'] label.nfp-item__text").click()
    page.reload()
    wait_for_checklists(page)
    assert page.locator(f"input.nfp-item__box[data-item-id='{item_id}']").is_checked()

    # The templates page's Copy button.
    page.goto(site_url + "templates/")
    wait_for_templates(page)
    button = page.locator(".nfp-message button").filter(has_text="Copy").first
    button.click()
    page.locator(".nfp-message__status").filter(has_text="Copied").first.wait_for()
    assert page.evaluate("navigator.clipboard.readText()")

    assert not violations, violations
