"""Portable progress in Chromium: export ticks to a file, clear the browser, import the file, see the same ticks;
a wrong or damaged file is refused and leaves saved ticks exactly as they were.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from checkers import count_downloads

FORMAT = "networking-for-phds-progress"


def tick(page, item_ids: list[str]) -> None:
    for item_id in item_ids:
        page.locator(f"#box--{item_id}").check()


def ticked(page) -> list[str]:
    return sorted(page.eval_on_selector_all("input.nfp-item__box:checked",
                                            "boxes => boxes.map(box => box.dataset.itemId)"))


def saved(page) -> dict[str, str]:
    """Every saved-progress entry in localStorage, raw, to prove a refused import changed nothing."""
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage)
        .filter(key => key.startsWith('nfp:checklist:')).map(key => [key, localStorage.getItem(key)]))""")


def export(page, button: str = "Export ticks") -> tuple[str, dict]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button, exact=True).click()
    download = info.value
    return download.suggested_filename, json.loads(Path(download.path()).read_text(encoding="utf-8"))


def import_file(page, content: bytes, name: str = "progress.json") -> None:
    page.locator(".nfp-transfer input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}])


def clear_storage(page) -> None:
    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator(".nfp-transfer").wait_for()


def message(page, kind: str) -> str:
    return page.locator(f".nfp-transfer__{kind}").inner_text()


def test_one_checklist_round_trip(page, site_url: str) -> None:
    page.goto(f"{site_url}checklists/follow-up/")
    tick(page, ["write-notes", "thank-you-note", "yearly-note"])
    filename, data = export(page)
    assert filename.startswith("networking-for-phds-progress-follow-up-") and filename.endswith(".json")
    assert data["format"] == FORMAT and data["version"] == 1
    datetime.fromisoformat(data["exported"].replace("Z", "+00:00"))
    assert data["checklists"] == {"follow-up": ["thank-you-note", "write-notes", "yearly-note"]}
    assert message(page, "status").startswith(f"Exported 3 ticks to {filename}.")

    clear_storage(page)
    assert ticked(page) == []
    assert page.locator(".nfp-progress").inner_text().startswith("0 of")
    import_file(page, json.dumps(data).encode(), filename)
    page.locator(".nfp-transfer__status").filter(has_text="Imported").wait_for()
    assert ticked(page) == ["thank-you-note", "write-notes", "yearly-note"]
    assert page.locator(".nfp-progress").inner_text().startswith("3 of")
    assert message(page, "status").startswith(f"Imported {filename}: 3 ticks added.")
    assert message(page, "error") == ""
    # The ticks are saved, not just shown.
    page.reload()
    assert ticked(page) == ["thank-you-note", "write-notes", "yearly-note"]


def test_all_checklists_round_trip_from_the_index(browser, site_url: str) -> None:
    first = browser.new_context()
    try:
        page = first.new_page()
        page.goto(f"{site_url}checklists/follow-up/")
        tick(page, ["write-notes", "report-back"])
        page.goto(f"{site_url}checklists/conference/")
        conference = page.eval_on_selector_all("input.nfp-item__box", "boxes => boxes.map(b => b.dataset.itemId)")
        tick(page, conference[:2])
        page.goto(f"{site_url}checklists/")
        filename, data = export(page, "Export all ticks")
        assert filename.startswith("networking-for-phds-progress-all-")
        assert data["checklists"] == {"conference": sorted(conference[:2]),
                                      "follow-up": ["report-back", "write-notes"]}
        assert message(page, "status").startswith(f"Exported 4 ticks from 2 checklists to {filename}.")
    finally:
        first.close()

    # Another browser: a fresh profile with nothing saved.
    second = browser.new_context()
    try:
        page = second.new_page()
        page.goto(f"{site_url}checklists/")
        import_file(page, json.dumps(data).encode(), filename)
        page.locator(".nfp-transfer__status").filter(has_text="Imported").wait_for()
        assert message(page, "status").startswith(f"Imported {filename}: 4 ticks added across 2 checklists.")
        page.goto(f"{site_url}checklists/follow-up/")
        assert ticked(page) == ["report-back", "write-notes"]
        page.goto(f"{site_url}checklists/conference/")
        assert ticked(page) == sorted(conference[:2])
    finally:
        second.close()


def test_import_merges_with_ticks_already_here(page, site_url: str) -> None:
    page.goto(f"{site_url}checklists/follow-up/")
    tick(page, ["write-notes", "no-reply"])
    file = {"format": FORMAT, "version": 1, "exported": "2026-03-28T10:00:00.000Z",
            "checklists": {"follow-up": ["write-notes", "yearly-note", "item-since-removed"]}}
    import_file(page, json.dumps(file).encode())
    page.locator(".nfp-transfer__status").filter(has_text="Imported").wait_for()
    assert ticked(page) == ["no-reply", "write-notes", "yearly-note"]
    assert message(page, "status") == ("Imported progress.json: 1 tick added, 1 already ticked here. "
                                       "Skipped 1 item this site no longer has.")


def test_a_file_for_other_checklists_is_sent_to_the_index(page, site_url: str) -> None:
    page.goto(f"{site_url}checklists/follow-up/")
    tick(page, ["write-notes"])
    before = saved(page)
    file = {"format": FORMAT, "version": 1, "exported": "2026-03-28T10:00:00.000Z",
            "checklists": {"conference": ["anything"], "mentors": ["else"]}}
    import_file(page, json.dumps(file).encode())
    page.locator(".nfp-transfer__error").filter(has_text="Checklists page").wait_for()
    assert message(page, "error") == ("This file has no ticks for this checklist, only for 2 other checklists. "
                                      "Import it on the Checklists page to add them. Your ticks here have not "
                                      "changed.")
    assert saved(page) == before


VALID = {"format": FORMAT, "version": 1, "exported": "2026-03-28T10:00:00.000Z",
         "checklists": {"follow-up": ["yearly-note"]}}


@pytest.mark.parametrize(("content", "reason"), [
    (b'{"format": "networking-for-phds-progress", "version": 1, "checkl', "could not be read as JSON"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "could not be read as JSON"),
    (b"", "could not be read as JSON"),
    (json.dumps(["follow-up", "yearly-note"]).encode(), "is not a progress file from this site"),
    (json.dumps({**VALID, "format": "something-else"}).encode(), "is not a progress file from this site"),
    (json.dumps({**VALID, "version": 2}).encode(), "made by a newer version of this site"),
    (json.dumps({**VALID, "version": "1"}).encode(), "its version is missing or unknown"),
    (json.dumps({k: v for k, v in VALID.items() if k != "exported"}).encode(), "date it was exported"),
    (json.dumps({**VALID, "checklists": ["follow-up"]}).encode(), "it has no list of checklists"),
    (json.dumps({**VALID, "checklists": {"follow-up": "yearly-note"}}).encode(),
     "the ticks for \u201cfollow-up\u201d are not a list of item ids"),
    (json.dumps({**VALID, "checklists": {"follow-up": ["yearly-note", 7]}}).encode(),
     "the ticks for \u201cfollow-up\u201d are not a list of item ids"),
    (json.dumps({**VALID, "checklists": {"follow-up": ["yearly-note"], "<script>": []}}).encode(),
     "\u201c<script>\u201d is not a checklist id"),
])
def test_a_wrong_or_damaged_file_is_refused_and_changes_nothing(page, site_url: str, content: bytes,
                                                                reason: str) -> None:
    page.goto(f"{site_url}checklists/follow-up/")
    tick(page, ["write-notes", "thank-you-note"])
    before = saved(page)
    assert before
    import_file(page, content, "broken.json")
    alert = page.locator(".nfp-transfer__error")
    alert.filter(has_text="have not changed").wait_for()
    assert alert.get_attribute("role") == "alert"
    assert reason in alert.inner_text()
    assert alert.inner_text().endswith("Your ticks here have not changed.")
    assert saved(page) == before
    assert ticked(page) == ["thank-you-note", "write-notes"]
    # The same file on the index is refused just the same.
    page.goto(f"{site_url}checklists/")
    import_file(page, content, "broken.json")
    page.locator(".nfp-transfer__error").filter(has_text="have not changed").wait_for()
    assert saved(page) == before


def test_nothing_to_export_says_so(page, site_url: str) -> None:
    page.goto(f"{site_url}checklists/follow-up/")
    count_downloads(page)
    page.get_by_role("button", name="Export ticks", exact=True).click()
    assert message(page, "status") == "Nothing is ticked on this checklist yet, so there is nothing to export."
    assert page.evaluate("window.nfpDownloads") == 0


def test_controls_are_reachable_and_named(page, site_url: str) -> None:
    # Subscribe to file choosers before any key is pressed: Playwright turns interception on without waiting.
    page.on("filechooser", lambda chooser: None)
    page.goto(f"{site_url}checklists/follow-up/")
    export_button = page.get_by_role("button", name="Export ticks", exact=True)
    import_button = page.get_by_role("button", name="Import ticks…", exact=True)
    assert export_button.is_visible() and import_button.is_visible()
    export_button.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Import ticks…"
    # Enter on the import button opens the file chooser.
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(files=[{"name": "p.json", "mimeType": "application/json",
                                    "buffer": json.dumps(VALID).encode()}])
    page.locator(".nfp-transfer__status").filter(has_text="Imported").wait_for()
    assert ticked(page) == ["yearly-note"]
    assert "never removes" in page.locator(".nfp-transfer__intro").inner_text()
