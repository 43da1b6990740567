"""Accessibility (WCAG 2.2 AA and axe's best practices): axe-core, injected into every page in real Chromium.

axe leaves its WCAG 2.2 rule `target-size` (2.5.8, targets of at least 24 by 24 CSS pixels or spaced apart) off
by default; every run here turns it on, and test_every_wcag_a_and_aa_rule_runs fails if a rule of those levels
is left out.

Every page in the built site's sitemap.xml, and the 404 page, is checked in the light and the dark colour
scheme on a desktop screen and on a phone screen, then again in the states a reader brings about (ticked
items, a reset with its Undo, the search dialog with results). Any violation of any impact fails, unless it
is caused by Material's own markup and listed with its reason in tests/browser/axe-allowlist.yml.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from checkers import require_axe, sitemap_paths, wait_for_checklists

ALLOWLIST_FILE = Path(__file__).with_name("axe-allowlist.yml")
# Material stores the reader's choice as data-md-color-scheme on <body>: "default" is light, "slate" dark.
SCHEMES = {"light": "default", "dark": "slate"}
SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# Every page in three configurations; in the fourth, one page of each kind (the layout is the phone one
# already checked in light, and the colours are the dark ones already checked on a desktop).
CONFIGS = [("light", "desktop"), ("dark", "desktop"), ("light", "phone"), ("dark", "phone")]
ONE_OF_EACH_KIND = ["", "start/", "skills/follow-up/", "checklists/", "checklists/conference/",
                    "checklists/booklet/", "templates/", "about/privacy/", "my-network/"]
SAMPLED = {("dark", "phone")}
# Pages checked at once, each in its own tab: axe's work in one overlaps the loading of the next.
TABS = 3

# WCAG levels checked: axe tags each rule with the version and level it belongs to.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# axe's default rules (WCAG A/AA and the best practices), plus the WCAG 2.2 rule axe 4.14 leaves off.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
# Runs axe and reports each failing element, with the index of the allow-list entry that accepts it (-1: none).
RUN_AXE = """async (allow) => {
  const result = await axe.run(document, """ + json.dumps(AXE_OPTIONS) + """);
  const found = [];
  for (const rule of result.violations) {
    for (const node of rule.nodes) {
      const target = node.target[node.target.length - 1];
      let element = null;
      try { element = typeof target === "string" ? document.querySelector(target) : null; } catch (e) {}
      const accepted = allow.findIndex(a => a.rule === rule.id && element !== null && element.matches(a.element));
      found.push({rule: rule.id, impact: rule.impact, help: rule.help, target: node.target.join(" "),
                  html: node.html.slice(0, 160), summary: node.failureSummary, accepted});
    }
  }
  return found;
}"""


@dataclass(frozen=True)
class Finding:
    where: str
    rule: str
    impact: str
    help: str
    target: str
    html: str
    summary: str
    accepted: int

    def describe(self) -> str:
        summary = " ".join(self.summary.split())
        return (f"{self.where}: {self.rule} ({self.impact}): {self.help}\n    element {self.target}: {self.html}\n"
                f"    {summary[:400]}")


def load_allowlist() -> list[dict[str, str]]:
    entries = yaml.safe_load(ALLOWLIST_FILE.read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise ValueError(f"{ALLOWLIST_FILE.name}: expected a list of entries, got {entries!r:.80}")
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or set(entry) != {"rule", "element", "why"} or not all(
                isinstance(value, str) and value.strip() for value in entry.values()):
            raise ValueError(f"{ALLOWLIST_FILE.name}: entry {index}: expected rule, element and why, each a "
                             f"non-empty string, got {entry!r:.200}")
    return entries


ALLOWLIST = load_allowlist()


def settle(page) -> None:
    """Wait for running CSS transitions (a button fading to its focus colour, the tabs hiding on scroll) to
    end: axe would otherwise measure colours halfway between two states that each pass."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def axe_findings(page, where: str) -> list[Finding]:
    """axe's findings on the page as it is now (axe is added to every page by the context's init script)."""
    settle(page)
    return [Finding(where=where, **found) for found in page.evaluate(RUN_AXE, ALLOWLIST)]


def new_context(browser, axe_source: str, scheme: str, screen: str):
    context = browser.new_context(color_scheme=scheme, **SCREENS[screen])
    context.add_init_script(script=axe_source)
    return context


def check_scheme(page, scheme: str, where: str) -> None:
    actual = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert actual == SCHEMES[scheme], f"{where}: expected data-md-color-scheme={SCHEMES[scheme]!r}, got {actual!r}"


def open_in(context, url: str, scheme: str):
    page = context.new_page()
    page.goto(url)
    wait_for_checklists(page)
    check_scheme(page, scheme, url)
    return page


def failures(findings: list[Finding]) -> list[Finding]:
    return [finding for finding in findings if finding.accepted < 0]


@pytest.fixture(scope="module")
def axe_source() -> str:
    return require_axe()


@pytest.fixture(scope="module")
def site_scan(browser, built_site, site_url: str, axe_source: str) -> dict[tuple[str, str], list[Finding]]:
    """axe's findings on every page (one of each kind in SAMPLED configurations), per colour scheme and screen.

    The 404 page is not among them: its links and assets point below the published site_url, which the test
    server does not serve.
    """
    every_page = sitemap_paths(built_site.path)
    missing = [path for path in ONE_OF_EACH_KIND if path not in every_page]
    assert not missing, f"pages of each kind missing from sitemap.xml: {missing}"
    scan = {}
    for scheme, screen in CONFIGS:
        paths = ONE_OF_EACH_KIND if (scheme, screen) in SAMPLED else every_page
        context = new_context(browser, axe_source, scheme, screen)
        errors: list[str] = []
        try:
            tabs = [context.new_page() for _ in range(TABS)]
            for tab in tabs:
                tab.on("pageerror", lambda error: errors.append(str(error)))
            findings = []
            for start in range(0, len(paths), TABS):
                batch = list(zip(tabs, paths[start:start + TABS]))
                for tab, path in batch:
                    tab.goto(site_url + path)
                    wait_for_checklists(tab)
                    check_scheme(tab, scheme, f"/{path}")
                    settle(tab)
                    tab.evaluate("allow => { window.nfpAxe = (" + RUN_AXE + ")(allow); }", ALLOWLIST)
                for tab, path in batch:
                    found = tab.evaluate("window.nfpAxe")
                    findings += [Finding(where=f"/{path} ({scheme}, {screen})", **item) for item in found]
            scan[scheme, screen] = findings
        finally:
            context.close()
        assert not errors, f"JavaScript errors ({scheme}, {screen}): {errors}"
    return scan


@pytest.mark.parametrize(("scheme", "screen"), CONFIGS, ids=[f"{s}-{w}" for s, w in CONFIGS])
def test_every_page_has_no_axe_violations(site_scan, scheme: str, screen: str) -> None:
    bad = failures(site_scan[scheme, screen])
    assert not bad, f"{len(bad)} axe violation(s):\n" + "\n".join(finding.describe() for finding in bad)


def test_every_allowlist_entry_is_still_needed(site_scan) -> None:
    used = {finding.accepted for findings in site_scan.values() for finding in findings}
    stale = [entry for index, entry in enumerate(ALLOWLIST) if index not in used]
    assert not stale, f"{ALLOWLIST_FILE.name}: no longer needed (nothing on the site matches), remove: {stale}"


def test_allowlist_names_real_axe_rules(browser, site_url: str, axe_source: str) -> None:
    context = new_context(browser, axe_source, "light", "desktop")
    try:
        page = open_in(context, site_url, "light")
        rules = set(page.evaluate("axe.getRules().map(r => r.ruleId)"))
    finally:
        context.close()
    assert "color-contrast" in rules  # the injected axe answers
    unknown = [entry["rule"] for entry in ALLOWLIST if entry["rule"] not in rules]
    assert not unknown, f"{ALLOWLIST_FILE.name}: not axe rules: {unknown}"


def test_every_wcag_a_and_aa_rule_runs(browser, site_url: str, axe_source: str) -> None:
    """The runs above include every rule axe has for WCAG 2.0, 2.1 and 2.2 at levels A and AA (but those it
    marks deprecated or experimental): one left off by default, as target-size is, would pass unseen."""
    context = new_context(browser, axe_source, "light", "desktop")
    try:
        page = open_in(context, site_url + "skills/follow-up/", "light")
        wanted, ran = page.evaluate("""async ([tags, options]) => {
          const wanted = axe.getRules(tags).filter(rule => !rule.tags.some(tag => ["deprecated", "experimental"]
            .includes(tag))).map(rule => rule.ruleId);
          const result = await axe.run(document, {...options, resultTypes: []});
          const ran = ["violations", "passes", "incomplete", "inapplicable"].flatMap(kind => result[kind])
            .map(rule => rule.id);
          return [wanted, ran];
        }""", [WCAG_TAGS, AXE_OPTIONS])
    finally:
        context.close()
    assert "target-size" in wanted  # axe 4.14's WCAG 2.2 AA rule (2.5.8), off unless enabled
    skipped = sorted(set(wanted) - set(ran))
    assert not skipped, f"axe rules for WCAG A/AA that these tests do not run (enable them in AXE_OPTIONS): {skipped}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_checklist_with_ticks_then_reset_has_no_axe_violations(browser, site_url: str, axe_source: str,
                                                              scheme: str) -> None:
    """The states only a reader brings about: ticked (struck-through) items, the reset message and Undo."""
    context = new_context(browser, axe_source, scheme, "desktop")
    try:
        page = open_in(context, site_url + "checklists/conference/", scheme)
        boxes = page.locator("input.nfp-item__box")
        for index in (0, 1, 2):
            boxes.nth(index).check()
        findings = axe_findings(page, f"conference checklist with 3 ticks ({scheme})")
        page.get_by_role("button", name="Reset", exact=True).click()
        undo = page.get_by_role("button", name="Undo reset")
        undo.wait_for(state="visible")
        findings += axe_findings(page, f"conference checklist after Reset ({scheme})")
    finally:
        context.close()
    bad = failures(findings)
    assert not bad, f"{len(bad)} axe violation(s):\n" + "\n".join(finding.describe() for finding in bad)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_dialog_with_results_has_no_axe_violations(browser, site_url: str, axe_source: str,
                                                         scheme: str) -> None:
    context = new_context(browser, axe_source, scheme, "desktop")
    try:
        page = open_in(context, site_url + "start/", scheme)
        page.locator("input.md-search__input").click()
        page.keyboard.type("conference")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        findings = axe_findings(page, f"search dialog with results ({scheme})")
    finally:
        context.close()
    bad = failures(findings)
    assert not bad, f"{len(bad)} axe violation(s):\n" + "\n".join(finding.describe() for finding in bad)
