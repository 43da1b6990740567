"""Printing, as a reader does it before a conference: real Chromium prints pages to PDF and pypdf reads them.

Every checklist in checklists/*.yml prints on ONE sheet of A4 and one of US Letter (default margins, print
media), with all its items and none of the site's screen chrome. The booklet prints a sheet per checklist,
and a guide prints without navigation. The rules under test are in docs/assets/css/print.css.
"""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
PAPER = ["A4", "Letter"]
# A guide with external links, an admonition and a code block.
GUIDE = "academia/conferences/"


def _shipped_checklists() -> list[dict]:
    """Every shipped checklist, read from checklists/*.yml (a new file is tested without touching this test)."""
    found = []
    for path in sorted((ROOT / "checklists").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "id" not in data:
            raise ValueError(f"{path.relative_to(ROOT)}: expected a checklist with an id, got {data!r:.80}")
        items = [item["id"] for section in data["sections"] for item in section["items"]]
        found.append({"id": data["id"], "source": f"checklists/{path.name}", "items": items})
    return found


CHECKLISTS = _shipped_checklists()


def squeeze(text: str) -> str:
    """Text compared without whitespace: PDF extraction breaks lines and spaces words its own way."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def open_page(page, site_url: str, path: str):
    page.goto(site_url + path)
    # checklist.js has run (toolbars shown, ticks restored) once every checklist is marked ready.
    page.wait_for_function(
        "() => [...document.querySelectorAll('article.nfp-checklist')]"
        ".every(a => a.getAttribute('data-nfp-ready') === '1')")
    return page


def print_pdf(page, paper: str) -> PdfReader:
    """Print as the browser's print dialog does with default settings: print media, no margins given."""
    page.emulate_media(media="print")
    try:
        return PdfReader(io.BytesIO(page.pdf(format=paper)))
    finally:
        page.emulate_media(media="screen")


def pdf_text(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def screen_chrome(page) -> dict[str, str]:
    """Text the site shows around the content on screen, read from the page itself, by where it comes from."""
    chrome = {
        "search box": page.get_attribute("input.md-search__input", "placeholder") or "",
        "footer": page.inner_text(".md-footer"),
        "skip link": page.text_content(".md-skip") if page.locator(".md-skip").count() else "",
    }
    for index, label in enumerate(page.locator(".md-tabs__link").all_text_contents()):
        chrome[f"tab {index + 1}"] = label
    if page.locator(".md-source-file").count():
        chrome["last update"] = page.text_content(".md-source-file") or ""
    for button in page.locator(".nfp-toolbar button").all_text_contents():
        chrome[f"toolbar button {button.strip()!r}"] = button
    return {where: " ".join(text.split()) for where, text in chrome.items() if text.strip()}


def assert_no_chrome(text: str, chrome: dict[str, str], *, content: str, what: str) -> None:
    """No screen chrome in printed `text`, except words the page's own content also uses."""
    printed, own = squeeze(text), squeeze(content)
    leaked = {where: words for where, words in chrome.items()
              if squeeze(words) in printed and squeeze(words) not in own}
    assert not leaked, f"{what}: screen chrome printed on paper: {leaked}"


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("checklist", CHECKLISTS, ids=lambda c: c["id"])
def test_checklist_prints_on_one_sheet_with_every_item(page, site_url, checklist, paper):
    open_page(page, site_url, f"checklists/{checklist['id']}/")
    chrome = screen_chrome(page)
    items = {item_id: page.inner_text(f"li.nfp-item[data-item-id='{item_id}'] .nfp-item__text")
             for item_id in checklist["items"]}
    content = page.locator("article.nfp-checklist").evaluate(
        "a => [...a.querySelectorAll('.nfp-checklist__title, .nfp-checklist__summary, .nfp-checklist__meta, "
        ".nfp-section')].map(e => e.innerText).join(' ')")
    canonical = page.get_attribute("link[rel=canonical]", "href")

    reader = print_pdf(page, paper)
    pages = len(reader.pages)
    assert pages == 1, (
        f"{checklist['source']} prints on {pages} pages of {paper}; every checklist must fit on one sheet. "
        "Shorten item text or details, or split it into two checklists.")
    text = pdf_text(reader)[0]
    missing = [item_id for item_id, item_text in items.items() if squeeze(item_text) not in squeeze(text)]
    assert not missing, f"{checklist['source']}: items missing from the {paper} print: {missing}"
    assert_no_chrome(text, chrome, content=content, what=f"{checklist['source']} on {paper}")
    assert canonical and squeeze(canonical) in squeeze(text), (
        f"{checklist['source']}: the page's address {canonical} is not printed at the foot of the sheet")
    assert "CC BY 4.0" in text, f"{checklist['source']}: the licence is not printed"


def test_print_buttons_show_on_screen_and_never_on_paper(page, site_url):
    open_page(page, site_url, f"checklists/{CHECKLISTS[0]['id']}/")
    button = page.locator("[data-nfp-action=print]")
    source = page.locator(".nfp-checklist__source")
    assert button.is_visible(), "the Print button is not visible on screen"
    assert page.locator("[data-nfp-action=print-progress]").is_visible()
    assert not source.is_visible(), "the paper-only address line shows on screen"

    page.emulate_media(media="print")
    assert page.locator(".nfp-toolbar").evaluate("e => getComputedStyle(e).display") == "none"
    assert not button.is_visible(), "the Print button would be printed"
    assert not page.locator(".nfp-progress").is_visible(), "the progress count would be printed"
    assert source.is_visible(), "the address line is not printed"


def test_booklet_prints_with_or_without_the_readers_ticks(page, site_url):
    open_page(page, site_url, "checklists/booklet/")
    page.evaluate("""() => { window.print = () => {
        window.__printedWithTicks = document.documentElement.classList.contains('nfp-print-ticks'); }; }""")
    # One toolbar for the whole booklet; the sheets have none of their own.
    toolbar = page.locator(".nfp-booklet__toolbar")
    assert toolbar.is_visible() and page.locator(".nfp-booklet__sheet .nfp-toolbar").count() == 0
    page.locator(".nfp-booklet__sheet input.nfp-item__box").first.check()
    toolbar.get_by_role("button", name="Print with my ticks").click()
    assert page.evaluate("window.__printedWithTicks") is True
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    toolbar.get_by_role("button", name="Print the booklet").click()
    assert page.evaluate("window.__printedWithTicks") is False


def _box_on_paper(page, box) -> tuple[bytes, str]:
    """How one checkbox prints: a picture of it and its background image, under print media."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.emulate_media(media="print")
    try:
        return box.screenshot(), box.evaluate("e => getComputedStyle(e).backgroundImage")
    finally:
        page.emulate_media(media="screen")


def test_print_with_my_ticks_prints_ticks_and_plain_print_prints_empty_boxes(page, site_url):
    open_page(page, site_url, f"checklists/{CHECKLISTS[0]['id']}/")
    # The print dialog cannot be driven headless: record what the page looked like when print was asked for.
    page.evaluate("""() => { window.print = () => {
        window.__printedWithTicks = document.documentElement.classList.contains('nfp-print-ticks'); }; }""")
    box = page.locator("input.nfp-item__box").first
    empty_picture, empty_background = _box_on_paper(page, box)
    assert empty_background == "none"

    box.check()
    page.click("[data-nfp-action=print-progress]")
    assert page.evaluate("window.__printedWithTicks") is True
    ticked_picture, ticked_background = _box_on_paper(page, box)
    assert ticked_background != "none", "'Print with my ticks' prints a ticked item's box empty"
    assert ticked_picture != empty_picture, "'Print with my ticks' prints a ticked box like an empty one"

    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.click("[data-nfp-action=print]")
    assert page.evaluate("window.__printedWithTicks") is False
    assert box.is_checked(), "the tick on screen was lost"
    plain_picture, plain_background = _box_on_paper(page, box)
    assert plain_background == "none", "plain Print shows the reader's tick"
    assert plain_picture == empty_picture, "plain Print does not print a ticked item's box as an empty square"


def test_checklist_prints_black_on_white_in_the_dark_scheme(page, site_url):
    open_page(page, site_url, f"checklists/{CHECKLISTS[0]['id']}/")
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.emulate_media(media="print")
    colours = page.evaluate("""() => ['.nfp-checklist__title', '.nfp-item__text', '.nfp-section__title']
        .map(s => getComputedStyle(document.querySelector(s)).color)""")
    assert colours == ["rgb(0, 0, 0)"] * 3, f"text prints pale in the dark scheme: {colours}"
    border = page.locator("input.nfp-item__box").first.evaluate(
        "e => [getComputedStyle(e).appearance, getComputedStyle(e).borderTopColor, getComputedStyle(e).opacity]")
    assert border == ["none", "rgb(0, 0, 0)", "1"], f"the box does not print as a black square: {border}"


def test_a_checklist_too_long_for_one_sheet_breaks_cleanly_onto_two(page, site_url):
    """A future long checklist: no item split across sheets, no section heading alone at the foot of a sheet.

    A section of one item (with details) is added at the end of a real checklist, below a spacer made just
    tall enough to push it over the foot of the sheet: exactly where a careless break would fall.
    """
    open_page(page, site_url, f"checklists/{CHECKLISTS[0]['id']}/")
    page.evaluate("""() => {
        const article = document.querySelector('article.nfp-checklist');
        const section = article.querySelector('.nfp-section').cloneNode(true);
        const item = [...section.querySelectorAll('li.nfp-item')].find(li => li.querySelector('.nfp-item__more'));
        section.querySelector('ul').replaceChildren(item);
        section.querySelector('.nfp-section__title').textContent = 'Added section';
        section.id = 'nfp-added';
        const spacer = document.createElement('div');
        spacer.id = 'nfp-spacer';
        article.append(spacer, section);
    }""")

    def sheets_with_spacer(mm: float) -> list[str]:
        page.evaluate("mm => { document.getElementById('nfp-spacer').style.height = mm + 'mm'; }", mm)
        return [squeeze(text) for text in pdf_text(print_pdf(page, "A4"))]

    # The shortest spacer that makes the sheet overflow, to half a millimetre.
    fits, overflows = 0.0, 300.0
    assert len(sheets_with_spacer(overflows)) == 2, "a 300 mm spacer should push the added section onto sheet 2"
    while overflows - fits > 0.5:
        middle = (fits + overflows) / 2
        fits, overflows = (fits, middle) if len(sheets_with_spacer(middle)) > 1 else (middle, overflows)
    sheets = sheets_with_spacer(overflows)
    assert len(sheets) == 2, f"one more item should add one sheet, not {len(sheets) - 1}"

    added = page.locator("#nfp-added")
    heading = squeeze(added.locator(".nfp-section__title").inner_text())
    text = squeeze(added.locator(".nfp-item__text").inner_text())
    more = squeeze(added.locator(".nfp-item__more").inner_text())
    assert heading in sheets[1] and heading not in sheets[0], (
        "a section heading is left at the foot of sheet 1 while its first item goes to sheet 2")
    assert text + more in sheets[1], "an item is split across two sheets (its text and its details apart)"
    for item in page.locator("li.nfp-item").all():
        whole = squeeze(item.locator(".nfp-item__text").inner_text() + "".join(
            item.locator(".nfp-item__more").all_inner_texts()))
        assert any(whole in sheet for sheet in sheets), f"item split across two sheets: {whole[:60]!r}"


@pytest.mark.parametrize("paper", PAPER)
def test_booklet_prints_each_checklist_on_its_own_sheet(page, site_url, paper):
    open_page(page, site_url, "checklists/booklet/")
    titles = page.locator(".nfp-booklet__sheet .nfp-checklist__title").all_inner_texts()
    shown = page.locator(".nfp-booklet__sheet article.nfp-checklist").evaluate_all(
        "els => els.map(e => e.getAttribute('data-checklist-id'))")
    assert sorted(shown) == sorted(c["id"] for c in CHECKLISTS), "the booklet does not hold every checklist"

    reader = print_pdf(page, paper)
    assert len(reader.pages) == len(CHECKLISTS), (
        f"the booklet prints on {len(reader.pages)} sheets of {paper} for {len(CHECKLISTS)} checklists; "
        "each checklist must take exactly one sheet")
    for number, (title, text) in enumerate(zip(titles, pdf_text(reader), strict=True), start=1):
        others = [other for other in titles if other != title and squeeze(other) in squeeze(text)]
        assert squeeze(title) in squeeze(text) and not others, (
            f"sheet {number} of the booklet should hold only {title!r}; it holds {others or 'something else'}")
    assert "Printable booklet" not in pdf_text(reader)[0], "the booklet's screen heading is printed"


def test_guide_prints_readably_without_navigation(page, site_url):
    open_page(page, site_url, GUIDE)
    chrome = screen_chrome(page)
    content = page.inner_text("article.md-content__inner")
    heading = page.locator("article.md-content__inner h1").evaluate("h => h.firstChild.textContent")
    external = page.locator("article.md-content__inner a[href^='https://doi.org']").first.get_attribute("href")

    page.emulate_media(media="print")
    admonition = page.locator(".md-typeset .admonition").first.evaluate(
        "e => [getComputedStyle(e).borderTopStyle, getComputedStyle(e).borderTopWidth]")
    assert admonition[0] == "solid" and admonition[1] != "0px", f"admonitions lose their border: {admonition}"
    # Message templates are placed from messages.yml (not code blocks); whichever the guide holds must wrap on paper.
    code = page.locator(".md-typeset pre > code, .md-typeset .nfp-message__text").first.evaluate(
        "e => getComputedStyle(e).whiteSpace")
    assert code in ("pre-wrap", "normal"), f"code blocks and message templates do not wrap on paper: {code}"

    reader = print_pdf(page, "A4")
    text = "".join(pdf_text(reader))
    assert squeeze(heading) in squeeze(text)
    assert_no_chrome(text, chrome, content=content, what=f"{GUIDE} on A4")
    assert squeeze(external) in squeeze(text), f"the external link's address {external} is not printed after it"
    assert "127.0.0.1" not in text, "links within the site print their (local) address"
