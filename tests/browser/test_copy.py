"""Copying a message template in real Chromium: the clipboard holds exactly the template's text.

The rules under test are in docs/assets/js/templates.js; the markup comes from hooks/nfp/templates/message_*.html.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checkers import serve_local_sitemap
from nfp.messages import load_message_set

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = load_message_set(ROOT / "checklists" / "shared", root=ROOT)
# One of each kind: an email with a subject, a LinkedIn note, a post (no subject, several channels).
EXAMPLES = ["informational-interview-cold", "linkedin-note-conference", "new-paper-post"]


@pytest.fixture()
def clipboard_page(context, page, site_url: str):
    """The page of a context allowed to read and write the clipboard for the test server's origin."""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    return page


def wait_for_templates(page) -> None:
    page.wait_for_function("() => [...document.querySelectorAll('.nfp-message')]"
                           ".every(m => m.getAttribute('data-nfp-ready') === '1')")


def status_of(page, template_id: str):
    return page.locator(f'[data-nfp-message="{template_id}"] .nfp-message__status')


@pytest.mark.parametrize("template_id", EXAMPLES)
def test_copy_button_puts_the_template_text_on_the_clipboard(clipboard_page, site_url: str, template_id: str):
    page = clipboard_page
    template = SHIPPED.get(template_id)
    page.goto(site_url + "templates/")
    wait_for_templates(page)
    page.evaluate("navigator.clipboard.writeText('something else')")
    page.get_by_role("button", name=f"Copy message: {template.title}", exact=True).click()
    status = status_of(page, template_id)
    status.filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == template.body
    assert "[" in template.body  # placeholders are copied as written, brackets included
    assert status.get_attribute("role") == "status"


def test_copy_subject_and_keyboard_use(clipboard_page, site_url: str):
    page = clipboard_page
    template = SHIPPED.get("thank-you-after-interview")
    page.goto(site_url + "templates/")
    wait_for_templates(page)
    button = page.get_by_role("button", name=f"Copy subject: {template.title}", exact=True)
    button.focus()
    page.keyboard.press("Enter")
    status_of(page, template.id).filter(has_text="Subject copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == template.subject
    # Space on the message button, as a keyboard user would press it.
    page.get_by_role("button", name=f"Copy message: {template.title}", exact=True).focus()
    page.keyboard.press("Space")
    status_of(page, template.id).filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == template.body


def test_copy_from_a_checklist_item_after_instant_navigation(clipboard_page, site_url: str):
    page = clipboard_page
    template = SHIPPED.get("conference-follow-up")
    serve_local_sitemap(page, site_url)
    with page.expect_response("**/sitemap.xml"):
        page.goto(site_url + "templates/")
    wait_for_templates(page)
    # Material's instant navigation swaps the page without a reload: templates.js must set up the new page too.
    page.evaluate("window.nfpSamePage = true")
    page.locator(f'#{template.id}').locator("xpath=ancestor::div[@class='nfp-message-entry']") \
        .get_by_role("link", name="Conference networking", exact=True).click()
    page.wait_for_url("**/checklists/conference/#follow-up-messages")
    assert page.evaluate("window.nfpSamePage === true"), "the link was followed by instant navigation, no reload"
    item = page.locator("li#follow-up-messages")
    details = item.locator("details.nfp-message-details")
    assert not details.evaluate("d => d.open")
    # The checkbox is outside the disclosure and still works.
    assert item.locator("details input[type=checkbox]").count() == 0
    item.locator("summary").focus()
    page.keyboard.press("Enter")
    assert details.evaluate("d => d.open")
    item.get_by_role("button", name=f"Copy message: {template.title}", exact=True).click()
    item.locator(".nfp-message__status").filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == template.body
    item.locator("input.nfp-item__box").check()
    assert item.locator("input.nfp-item__box").is_checked()


def test_without_the_clipboard_api_the_text_is_selected(page, site_url: str):
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    template = SHIPPED.get("linkedin-note-alumni")
    page.goto(site_url + "templates/")
    wait_for_templates(page)
    page.get_by_role("button", name=f"Copy message: {template.title}", exact=True).click()
    status = status_of(page, template.id)
    status.filter(has_text="C").wait_for()  # "Copied" (execCommand worked) or "... press Ctrl+C to copy."
    assert status.inner_text() in {"Copied", "Text selected: press Ctrl+C to copy."}
    selected = page.evaluate("window.getSelection().toString()")
    assert " ".join(selected.split()) == " ".join(template.body.split())


def test_without_javascript_the_text_is_readable_and_no_button_shows(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "templates/")
        template = SHIPPED.get("check-in-after-silence")
        block = page.locator(f'[data-nfp-message="{template.id}"]')
        assert block.locator("[data-nfp-copy]").count() == 2
        assert not block.locator("[data-nfp-copy]").first.is_visible()
        text = block.locator(".nfp-message__text")
        assert text.is_visible()
        assert " ".join(text.inner_text().split()) == " ".join(template.body.split())
        assert text.locator("mark.nfp-placeholder").first.inner_text() == "[their name]"
    finally:
        context.close()
