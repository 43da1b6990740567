"""Portable progress in Chromium: export ticks to a file, clear the browser, import the file, see the same ticks;
a wrong or damaged file is refused and leaves saved ticks exactly as they were.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from checkers import count_downloads, open_tools

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
    if page.locator("details.nfp-more").count():
        open_tools(page)
    page.locator(".nfp-transfer").wait_for()


def message(page, kind: str) -> str:
    return page.locator(f".nfp-transfer__{kind}").inner_text()


def test_one_checklist_round_trip(page, site_url: str) -> None:
    open_tools(page, f"{site_url}checklists/follow-up/")
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
        open_tools(page, f"{site_url}checklists/follow-up/")
        tick(page, ["write-notes", "report-back"])
        open_tools(page, f"{site_url}checklists/conference/")
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
        open_tools(page, f"{site_url}checklists/follow-up/")
        assert ticked(page) == ["report-back", "write-notes"]
        open_tools(page, f"{site_url}checklists/conference/")
        assert ticked(page) == sorted(conference[:2])
    finally:
        second.close()


def test_import_merges_with_ticks_already_here(page, site_url: str) -> None:
    open_tools(page, f"{site_url}checklists/follow-up/")
    tick(page, ["write-notes", "no-reply"])
    file = {"format": FORMAT, "version": 1, "exported": "2026-03-28T10:00:00.000Z",
            "checklists": {"follow-up": ["write-notes", "yearly-note", "item-since-removed"]}}
    import_file(page, json.dumps(file).encode())
    page.locator(".nfp-transfer__status").filter(has_text="Imported").wait_for()
    assert ticked(page) == ["no-reply", "write-notes", "yearly-note"]
    assert message(page, "status") == ("Imported progress.json: 1 tick added, 1 already ticked here. "
                                       "Skipped 1 item this site no longer has.")


def test_a_file_for_other_checklists_is_sent_to_the_index(page, site_url: str) -> None:
    open_tools(page, f"{site_url}checklists/follow-up/")
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
    (json.dumps({**VALID, "checklists": {"follow-up": [7, "Not An Id"]}}).encode(),
     "2 ticks are not item ids"),
    (json.dumps({**VALID, "checklists": {"<script>": ["yearly-note"]}}).encode(),
     "\u201c<script>\u201d is not a checklist id"),
])
def test_a_wrong_or_damaged_file_is_refused_and_changes_nothing(page, site_url: str, content: bytes,
                                                                reason: str) -> None:
    open_tools(page, f"{site_url}checklists/follow-up/")
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
    open_tools(page, f"{site_url}checklists/follow-up/")
    count_downloads(page)
    page.get_by_role("button", name="Export ticks", exact=True).click()
    assert message(page, "status") == "Nothing is ticked on this checklist yet, so there is nothing to export."
    assert page.evaluate("window.nfpDownloads") == 0


def test_controls_are_reachable_and_named(page, site_url: str) -> None:
    # Subscribe to file choosers before any key is pressed: Playwright turns interception on without waiting.
    page.on("filechooser", lambda chooser: None)
    open_tools(page, f"{site_url}checklists/follow-up/")
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


# --- Hostile files (issue 16): each of these tests failed before the fix it names. --------------------------


def index_with_ticks(page, site_url: str) -> dict[str, str]:
    """Ticks saved on two checklists, then the index page open: what an import must never damage."""
    open_tools(page, f"{site_url}checklists/follow-up/")
    tick(page, ["write-notes", "thank-you-note"])
    open_tools(page, f"{site_url}checklists/keep-in-touch/")
    tick(page, ["make-list"])
    page.goto(f"{site_url}checklists/")
    page.locator(".nfp-transfer").wait_for()
    return saved(page)


def refused(page) -> str:
    alert = page.locator(".nfp-transfer__error")
    alert.filter(has_text="have not changed").wait_for()
    return alert.inner_text()


def test_a_file_with_too_many_ids_is_refused_with_a_clear_message(page, site_url: str) -> None:
    """Tens of thousands of ids under the size cap made the page de-duplicate for seconds (a quadratic loop)."""
    before = index_with_ticks(page, site_url)
    ids = [f"{number:x}" for number in range(30_000)]
    content = json.dumps({**VALID, "checklists": {"follow-up": ids}}, separators=(",", ":")).encode()
    assert len(content) < 256 * 1024
    import_file(page, content)
    assert refused(page) == ("This file has 30,000 ticks, more than a progress file from this site can hold "
                             "(at most 5,000). Your ticks here have not changed.")
    assert saved(page) == before


def test_a_file_over_the_size_cap_says_the_cap(page, site_url: str) -> None:
    before = index_with_ticks(page, site_url)
    import_file(page, json.dumps({**VALID, "padding": "x" * 300_000}).encode())
    assert refused(page) == ("This file is larger than 256 KB, too large to be a progress file from this site. "
                             "Your ticks here have not changed.")
    assert saved(page) == before


def test_a_long_invalid_id_is_cut_short_in_the_alert(page, site_url: str) -> None:
    before = index_with_ticks(page, site_url)
    long_id = "A" * 250_000
    import_file(page, json.dumps({**VALID, "checklists": {long_id: ["yearly-note"]}}).encode())
    text = refused(page)
    assert len(text) < 300, f"the alert echoes {len(text):,} characters"
    assert "\u201c" + "A" * 30 + "\u2026\u201d is not a checklist id" in text
    assert saved(page) == before


def test_import_takes_the_valid_part_and_says_what_it_skipped(page, site_url: str) -> None:
    before = index_with_ticks(page, site_url)
    file = {**VALID, "checklists": {
        "follow-up": ["yearly-note", 7, "Not An Id", "write-notes", "yearly-note"],
        "<script>": ["yearly-note"],
        "conference": "not-a-list",
        "checklist-since-removed": ["anything"],
    }}
    import_file(page, json.dumps(file).encode())
    page.locator(".nfp-transfer__status").filter(has_text="Imported").wait_for()
    assert message(page, "status") == (
        "Imported progress.json: 1 tick added across 1 checklist, 1 already ticked here. "
        "Skipped 1 checklist this site no longer has. "
        "Skipped what looks damaged: \u201c<script>\u201d is not a checklist id; the ticks for \u201cconference\u201d "
        "are not a list of item ids; 2 ticks are not item ids.")
    assert message(page, "error") == ""
    after = saved(page)
    assert after["nfp:checklist:keep-in-touch"] == before["nfp:checklist:keep-in-touch"]
    open_tools(page, f"{site_url}checklists/follow-up/")
    assert ticked(page) == ["thank-you-note", "write-notes", "yearly-note"]


def test_export_all_holds_only_what_import_accepts(browser, site_url: str) -> None:
    """Stale or foreign saved entries made "Export all ticks" write a file its own import refused whole."""
    first = browser.new_context()
    try:
        page = first.new_page()
        open_tools(page, f"{site_url}checklists/follow-up/")
        tick(page, ["write-notes"])
        page.evaluate("""() => {
            const entry = (ticked) => JSON.stringify({v: 1, ticked, updated: "2026-01-01T00:00:00.000Z"});
            const saved = JSON.parse(localStorage.getItem("nfp:checklist:follow-up"));
            saved.ticked.push("item-since-removed");
            localStorage.setItem("nfp:checklist:follow-up", JSON.stringify(saved));
            localStorage.setItem("nfp:checklist:Not An Id", entry(["write-notes"]));
            localStorage.setItem("nfp:checklist:checklist-since-removed", entry(["anything"]));
            localStorage.setItem("nfp:checklist:mentors", "{damaged");
        }""")
        page.goto(f"{site_url}checklists/")
        filename, data = export(page, "Export all ticks")
        assert data["checklists"] == {"follow-up": ["write-notes"]}
    finally:
        first.close()
    second = browser.new_context()
    try:
        page = second.new_page()
        page.goto(f"{site_url}checklists/")
        import_file(page, json.dumps(data).encode(), filename)
        page.locator(".nfp-transfer__status").filter(has_text="Imported").wait_for()
        assert message(page, "status") == f"Imported {filename}: 1 tick added across 1 checklist."
    finally:
        second.close()


def test_import_never_overwrites_saved_ticks_it_cannot_read(page, site_url: str) -> None:
    """Saved ticks written by a newer version of the site (or damaged) were replaced by the file's ticks."""
    page.goto(f"{site_url}checklists/")
    newer = json.dumps({"v": 2, "ticked": ["write-notes"], "notes": {"write-notes": "kept"}})
    page.evaluate("entry => localStorage.setItem('nfp:checklist:follow-up', entry)", newer)
    page.reload()
    file = {**VALID, "checklists": {"follow-up": ["yearly-note"], "keep-in-touch": ["make-list"]}}
    import_file(page, json.dumps(file).encode())
    page.locator(".nfp-transfer__status").filter(has_text="Imported").wait_for()
    assert message(page, "status") == (
        "Imported progress.json: 1 tick added across 1 checklist. Skipped 1 checklist whose ticks saved here "
        "could not be read (saved by a newer version of this site, or damaged): they were left as they are.")
    assert saved(page)["nfp:checklist:follow-up"] == newer


# A storage quota as browsers keep it: a write that would take the saved ticks over `nfpQuota` characters
# fails with QuotaExceededError; a smaller write still fits.
QUOTA = """
(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.nfpQuota !== undefined && key.startsWith("nfp:checklist:")) {
      let used = key.length + String(value).length;
      for (let i = 0; i < this.length; i++) {
        const other = this.key(i);
        if (other !== key && other.startsWith("nfp:checklist:")) used += other.length + this.getItem(other).length;
      }
      if (used > window.nfpQuota) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      window.nfpWritten.push(key);
    }
    return setItem.call(this, key, value);
  };
})();
"""


def test_a_full_storage_leaves_saved_ticks_as_they_were(page, site_url: str) -> None:
    """Storage full after the first of two checklists: the import stopped half-way with an uncaught error."""
    page.add_init_script(QUOTA)
    before = index_with_ticks(page, site_url)
    # Room for the first checklist's new tick (14 characters), not for the second's as well.
    page.evaluate("used => { window.nfpQuota = used + 20; window.nfpWritten = []; }",
                  sum(len(k) + len(v) for k, v in before.items()))
    file = {**VALID, "checklists": {"follow-up": ["yearly-note"], "keep-in-touch": ["sort-tiers"]}}
    import_file(page, json.dumps(file).encode())
    assert refused(page) == ("This browser's storage for this site is full, so nothing was imported. "
                             "Your ticks here have not changed.")
    assert saved(page) == before
    # The first checklist was written, then put back as it was when the second did not fit.
    assert page.evaluate("window.nfpWritten") == ["nfp:checklist:follow-up", "nfp:checklist:follow-up"]
