"""My network (/my-network/) in real Chromium, used the way a reader does: add, edit, log, archive, delete and
undo; what is saved survives a reload, two tabs and a full quota; a backup goes out and comes back the same; a
link from elsewhere opens the form filled in and saves nothing on its own.

The notebook's data rules (due dates, merging, the files' contents) are tested in test_network_data.py; this file
tests the page and its storage.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from checkers import count_downloads, layout_shifts, serve_local_sitemap

KEY = "nfp:network"
NOW = "2026-11-01T09:00:00.000Z"


def open_network(page, site_url: str, fragment: str = "") -> None:
    page.goto(f"{site_url}my-network/{fragment}")
    page.locator("#nfp-network[data-nfp-rendered='1']").wait_for(state="attached")


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({KEY!r})")
    return json.loads(raw) if raw is not None else None


def raw_stored(page) -> str | None:
    return page.evaluate(f"localStorage.getItem({KEY!r})")


def person(person_id: str, name: str, **fields) -> dict:
    record = {"id": person_id, "name": name, "closeness": "regular", "log": [], "archived": False,
              "created": NOW, "updated": NOW}
    record.update(fields)
    return record


def notebook(*people: dict, rev: int = 1, rhythms: dict | None = None) -> dict:
    return {"v": 1, "rev": rev, "settings": {"rhythms": rhythms or {"close": 1, "regular": 3, "occasional": 6}},
            "people": list(people)}


def seed(page, site_url: str, value: dict | str) -> None:
    """Store a notebook as if saved earlier, then open the page."""
    open_network(page, site_url)
    text = value if isinstance(value, str) else json.dumps(value)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, text])
    open_network(page, site_url)


def add_person(page, name: str, **fields: str) -> None:
    page.get_by_role("button", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill(name)
    labels = {"where": "Where you met (optional)", "met_on": "When you met (optional)",
              "organisation": "Organisation (optional)", "role": "Role (optional)",
              "reach": "How to reach them (optional)", "tags": "Tags (optional)", "notes": "Notes (optional)"}
    for key, value in fields.items():
        page.get_by_label(labels[key], exact=True).fill(value)
    page.get_by_role("button", name="Save", exact=True).click()


def status(page) -> str:
    return page.locator(".nfp-network__status").inner_text().strip()


def people_shown(page) -> list[str]:
    return [name.strip() for name in page.locator(".nfp-people__list .nfp-person__name").all_inner_texts()]


def row(page, name: str):
    return page.locator(".nfp-people__list .nfp-person").filter(
        has=page.locator(".nfp-person__name", has_text=name))


def today_in_browser(page) -> str:
    return page.evaluate("nfp.today()")


def test_add_edit_log_archive_delete_and_undo(page, site_url: str) -> None:
    open_network(page, site_url)
    assert page.locator(".nfp-people__empty").is_visible()
    add_person(page, "Dr Amara <b>Okafor</b>", where="EMBO workshop, Heidelberg", organisation="Roche")
    assert status(page) == "Added Dr Amara <b>Okafor</b>."
    # What the reader typed is text on the page, never markup.
    assert people_shown(page) == ["Dr Amara <b>Okafor</b>"]
    assert page.locator(".nfp-network b").count() == 0
    saved = stored(page)
    assert [p["name"] for p in saved["people"]] == ["Dr Amara <b>Okafor</b>"]
    first = saved["people"][0]
    assert first["where"] == "EMBO workshop, Heidelberg" and first["organisation"] == "Roche"
    assert first["closeness"] == "regular" and first["log"] == [] and first["archived"] is False
    # Focus lands on the new person, so a keyboard reader carries on from there.
    assert page.evaluate("document.activeElement.closest('.nfp-person') !== null")
    # After the first save the browser is asked, once, to keep the storage, and the page says what it answered.
    note = page.locator(".nfp-network__persist")
    note.wait_for()
    answer = page.evaluate("localStorage.getItem('nfp:network:persist')")
    assert answer in ("granted", "refused")
    assert note.inner_text().startswith("Your browser has agreed to keep this notebook" if answer == "granted" else
                                        "Your browser has not promised to keep this notebook")

    row(page, "Okafor").get_by_role("button", name="Edit Dr Amara <b>Okafor</b>").click()
    assert page.get_by_label("Organisation (optional)").input_value() == "Roche"
    page.get_by_label("Organisation (optional)").fill("Roche Diagnostics")
    page.get_by_role("button", name="Save", exact=True).click()
    assert status(page) == "Saved your changes to Dr Amara <b>Okafor</b>."
    edited = stored(page)["people"][0]
    assert edited["organisation"] == "Roche Diagnostics" and edited["id"] == first["id"]
    assert edited["updated"] >= first["updated"]

    row(page, "Okafor").get_by_role("group", name="Log contact with Dr Amara <b>Okafor</b>").get_by_role(
        "button", name="Wrote").click()
    assert status(page).startswith("Logged: you wrote to Dr Amara <b>Okafor</b> today. Next: ")
    assert stored(page)["people"][0]["log"] == [{"on": today_in_browser(page), "kind": "wrote"}]

    row(page, "Okafor").get_by_role("button", name="Archive Dr Amara <b>Okafor</b>").click()
    assert people_shown(page) == []
    assert stored(page)["people"][0]["archived"] is True
    assert page.locator(".nfp-week__list li").count() == 0
    page.get_by_label("Show archived people").check()
    assert people_shown(page) == ["Dr Amara <b>Okafor</b> (archived)"]
    row(page, "Okafor").get_by_role("button", name="Restore Dr Amara <b>Okafor</b>").click()
    assert stored(page)["people"][0]["archived"] is False

    before = stored(page)["people"][0]
    row(page, "Okafor").get_by_role("button", name="Delete Dr Amara <b>Okafor</b>").click()
    assert people_shown(page) == [] and stored(page)["people"] == []
    undo = page.get_by_role("button", name="Undo", exact=True)
    assert page.evaluate("document.activeElement.textContent") == "Undo"
    undo.click()
    assert stored(page)["people"] == [before], "Undo brings back the same person, log and all"
    assert people_shown(page) == ["Dr Amara <b>Okafor</b>"]
    assert not undo.is_visible()


def test_name_is_required_and_errors_are_tied_to_their_fields(page, site_url: str) -> None:
    open_network(page, site_url)
    page.get_by_role("button", name="Add a person").click()
    page.get_by_label("Tags (optional)").fill(", ".join(f"tag{n}" for n in range(25)))
    page.get_by_role("button", name="Save", exact=True).click()
    name = page.get_by_label("Name", exact=True)
    assert name.get_attribute("aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "nfp-f-name", "focus goes to the first field to fix"
    described = name.get_attribute("aria-describedby")
    assert page.locator(f"#{described}").inner_text() == "Enter their name."
    tags_error = page.locator("#nfp-f-tags-error").inner_text()
    assert tags_error == "Use at most 20 tags (there are 25)."
    assert "nfp-f-tags-error" in page.get_by_label("Tags (optional)").get_attribute("aria-describedby")
    assert page.locator(".nfp-person-form__summary").inner_text() == "Not saved yet: 2 fields need a change."
    assert stored(page) is None, "nothing saved"
    page.get_by_label("Name", exact=True).fill("Li Wei")
    page.get_by_label("Tags (optional)").fill("postdoc, alumni")
    page.get_by_role("button", name="Save", exact=True).click()
    assert stored(page)["people"][0]["tags"] == ["postdoc", "alumni"]
    assert name.get_attribute("aria-invalid") is None


def test_notebook_persists_across_reloads(page, site_url: str) -> None:
    open_network(page, site_url)
    add_person(page, "Sofía Hernández", organisation="CSIC", met_on="2026-10-02")
    add_person(page, "Олег Петров", tags="physics, alumni")
    saved = stored(page)
    page.reload()
    page.locator("#nfp-network[data-nfp-rendered='1']").wait_for(state="attached")
    assert people_shown(page) == ["Sofía Hernández", "Олег Петров"]
    assert stored(page) == saved
    assert saved["rev"] == 2


def test_this_week_offers_the_filled_template_one_click_away(browser, site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        open_network(page, site_url)
        yesterday = (date.fromisoformat(today_in_browser(page)) - timedelta(days=1)).isoformat()
        seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor", where="EMBO workshop",
                                             met_on=yesterday)))
        item = page.locator(".nfp-week__list .nfp-due")
        assert item.count() == 1
        assert "thank-you not sent" in item.inner_text()
        button = item.get_by_role("button", name="Message for Amara Okafor")
        assert button.get_attribute("aria-expanded") == "false"
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        item.locator(".nfp-due__message").wait_for()  # shown once filled: the templates are fetched on first use
        body = item.get_by_label("Message", exact=True).input_value()
        assert body.startswith("Hi Amara Okafor,")
        assert "the conversation at EMBO workshop on " in body
        assert "[something specific they said]" in body, "what only the reader knows stays to fill in"
        assert item.get_by_label("Subject").input_value() == "Great to meet you at EMBO workshop"
        item.get_by_role("button", name="Copy message").click()
        item.locator(".nfp-due__copied", has_text="copied").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == body
        # Logging the thank-you moves the date on: the item leaves This week.
        item.get_by_role("group", name="Log contact with Amara Okafor").get_by_role("button", name="Wrote").click()
        assert page.locator(".nfp-week__list .nfp-due").count() == 0
        assert page.locator(".nfp-week__empty").is_visible()
    finally:
        context.close()


def test_two_tabs_editing_at_once_lose_nothing(context, site_url: str) -> None:
    first, second = context.new_page(), context.new_page()
    open_network(first, site_url)
    open_network(second, site_url)
    add_person(first, "Amara Okafor")
    # The other tab hears of it at once (storage event) and shows it without a reload.
    second.locator(".nfp-people__list .nfp-person__name", has_text="Amara Okafor").wait_for()
    add_person(second, "Li Wei")
    first.locator(".nfp-people__list .nfp-person__name", has_text="Li Wei").wait_for()
    # Each tab changes a different person; every change is applied to the freshest notebook.
    row(first, "Li Wei").get_by_role("group", name="Log contact with Li Wei").get_by_role(
        "button", name="Call").click()
    row(second, "Amara Okafor").get_by_role("button", name="Archive Amara Okafor").click()
    final = stored(first)
    by_name = {p["name"]: p for p in final["people"]}
    assert set(by_name) == {"Amara Okafor", "Li Wei"}
    assert [entry["kind"] for entry in by_name["Li Wei"]["log"]] == ["call"]
    assert by_name["Amara Okafor"]["archived"] is True
    assert final["rev"] == 4
    first.locator(".nfp-people__list .nfp-person__name", has_text="Amara Okafor").wait_for(state="detached")


def test_editing_the_same_person_in_two_tabs_keeps_both_changes(context, site_url: str) -> None:
    first, second = context.new_page(), context.new_page()
    seed(first, site_url, notebook(person("p-aaaaaaaa01", "Lea Schmidt", organisation="BASF")))
    open_network(second, site_url)
    # The second tab opens the form, then the first tab saves another field of the same person.
    row(second, "Lea Schmidt").get_by_role("button", name="Edit Lea Schmidt").click()
    second.get_by_label("Notes (optional)").fill("Asked about the RA role")
    row(first, "Lea Schmidt").get_by_role("button", name="Edit Lea Schmidt").click()
    first.get_by_label("Role (optional)").fill("Recruiter")
    first.get_by_role("button", name="Save", exact=True).click()
    second.get_by_role("button", name="Save", exact=True).click()
    saved = stored(second)["people"]
    assert [(p.get("role"), p.get("notes"), p.get("organisation")) for p in saved] == [
        ("Recruiter", "Asked about the RA role", "BASF")], "a field left alone in one tab keeps the other's edit"


def export_everything(page) -> tuple[str, dict]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Export everything (.json)").click()
    download = info.value
    return download.suggested_filename, json.loads(Path(download.path()).read_text(encoding="utf-8"))


def import_backup(page, content: bytes, name: str = "backup.json") -> None:
    page.locator(".nfp-backup__file").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}])


def test_export_then_import_into_an_empty_browser_gives_back_the_same_notebook(browser, site_url: str) -> None:
    people = [
        person("p-aaaaaaaa01", "Amara Okafor", where="EMBO workshop, Heidelberg", met_on="2026-11-12",
               organisation="Roche", role="Medical science liaison", reach="amara@example.org",
               tags=["biotech", "alumni"], notes="Line one\nLine two, with \"quotes\"", closeness="close",
               search="wrote", log=[{"on": "2026-11-13", "kind": "wrote"}]),
        person("p-bbbbbbbb02", "王芳 <script>alert(1)</script>", closeness="occasional", archived=True),
        person("p-cccccccc03", "Олег Петров", search="to-contact", organisation="CERN"),
    ]
    original = notebook(*people, rev=7, rhythms={"close": 2, "regular": 4, "occasional": 12})
    first = browser.new_context()
    try:
        page = first.new_page()
        page.goto(f"{site_url}checklists/follow-up/")
        page.locator("#box--write-notes").check()
        seed(page, site_url, original)
        filename, data = export_everything(page)
        assert filename == f"networking-for-phds-everything-{today_in_browser(page)}.json"
        assert data["format"] == "networking-for-phds-everything" and data["version"] == 1
        assert data["checklists"] == {"follow-up": ["write-notes"]}
        assert "rev" not in data["network"]
        report = page.locator(".nfp-backup__report").inner_text()
        assert report.startswith(f"Exported 3 people and 1 checklist tick to {filename}.")
        assert not page.locator(".nfp-network__reminder").is_visible()
    finally:
        first.close()

    second = browser.new_context()
    try:
        page = second.new_page()
        open_network(page, site_url)
        assert stored(page) is None
        import_backup(page, json.dumps(data).encode(), filename)
        page.locator(".nfp-backup__report", has_text="Imported").wait_for()
        assert page.locator(".nfp-backup__report").inner_text() == (
            f"Imported {filename}: 3 people added, 0 updated, 0 skipped (the copy here is as new or newer); "
            "1 checklist tick added.")
        restored = stored(page)
        assert {k: v for k, v in restored.items() if k != "rev"} == {k: v for k, v in original.items() if k != "rev"}
        assert people_shown(page) == ["Олег Петров", "Amara Okafor"] or set(people_shown(page)) == {
            "Amara Okafor", "Олег Петров"}
        page.goto(f"{site_url}checklists/follow-up/")
        assert page.locator("#box--write-notes").is_checked()
    finally:
        second.close()


def test_import_merges_and_reports_added_updated_and_skipped(page, site_url: str) -> None:
    here = notebook(
        person("p-aaaaaaaa01", "Amara Okafor", organisation="Roche", updated="2026-11-10T10:00:00.000Z"),
        person("p-bbbbbbbb02", "Li Wei", notes="kept: newer here", updated="2026-11-20T10:00:00.000Z"),
    )
    seed(page, site_url, here)
    incoming = notebook(
        person("p-aaaaaaaa01", "Amara Okafor", organisation="Roche Diagnostics", updated="2026-11-15T10:00:00.000Z"),
        person("p-bbbbbbbb02", "Li Wei", notes="older copy", updated="2026-11-01T10:00:00.000Z"),
        person("p-cccccccc03", "Sofía Hernández"),
    )
    file = {"format": "networking-for-phds-everything", "version": 1, "exported": NOW, "checklists": {},
            "network": {k: v for k, v in incoming.items() if k != "rev"}}
    import_backup(page, json.dumps(file).encode())
    page.locator(".nfp-backup__report", has_text="Imported").wait_for()
    assert page.locator(".nfp-backup__report").inner_text() == (
        "Imported backup.json: 1 person added, 1 updated, 1 skipped (the copy here is as new or newer); "
        "0 checklist ticks added.")
    by_id = {p["id"]: p for p in stored(page)["people"]}
    assert by_id["p-aaaaaaaa01"]["organisation"] == "Roche Diagnostics"
    assert by_id["p-bbbbbbbb02"]["notes"] == "kept: newer here"
    assert by_id["p-cccccccc03"]["name"] == "Sofía Hernández"
    assert set(people_shown(page)) == {"Amara Okafor", "Li Wei", "Sofía Hernández"}


def test_an_import_dated_in_the_future_leaves_the_person_here_as_they_are(page, site_url: str) -> None:
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor", organisation="Roche")))
    incoming = notebook(person("p-aaaaaaaa01", "Amara Okafor", organisation="Forged",
                               updated="2099-01-01T00:00:00.000Z"))
    file = {"format": "networking-for-phds-everything", "version": 1, "exported": NOW, "checklists": {},
            "network": {k: v for k, v in incoming.items() if k != "rev"}}
    import_backup(page, json.dumps(file).encode())
    page.locator(".nfp-backup__report", has_text="Imported").wait_for()
    assert page.locator(".nfp-backup__report").inner_text() == (
        "Imported backup.json: 0 people added, 0 updated, 0 skipped (the copy here is as new or newer), 1 kept as "
        "they are here (the file's copy is dated in the future: check the clock of the device that made it); "
        "0 checklist ticks added.")
    assert stored(page)["people"][0]["organisation"] == "Roche"


@pytest.mark.parametrize("content", [
    b"{not json",
    json.dumps({"format": "something-else", "version": 1}).encode(),
    json.dumps({"format": "networking-for-phds-everything", "version": 2, "exported": NOW,
                "network": notebook()}).encode(),
    json.dumps(["a", "list"]).encode(),
    json.dumps({"format": "networking-for-phds-everything", "version": 1, "exported": NOW,
                "network": {"v": 1, "settings": "none", "people": []}}).encode(),
], ids=["not-json", "wrong-format", "newer-version", "a-list", "wrong-types"])
def test_a_refused_import_changes_nothing(page, site_url: str, content: bytes) -> None:
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor")))
    before = raw_stored(page)
    import_backup(page, content)
    error = page.locator(".nfp-backup__error")
    error.filter(has_text="Nothing was changed.").wait_for()
    assert error.get_attribute("role") == "alert"
    assert error.inner_text().endswith(" Nothing was changed.")
    assert raw_stored(page) == before
    assert people_shown(page) == ["Amara Okafor"]


def test_a_file_too_large_is_refused_before_it_is_read(page, site_url: str) -> None:
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor")))
    before = raw_stored(page)
    import_backup(page, b" " * (5 * 1024 * 1024 + 1))
    page.locator(".nfp-backup__error").filter(has_text="too large").wait_for()
    assert page.locator(".nfp-backup__error").inner_text() == (
        "This file is larger than 5 MB, too large to be a backup from this site. Nothing was changed.")
    assert raw_stored(page) == before


FILL_STORAGE = """() => {
  // Fill this origin's localStorage to the quota with filler entries, halving the chunk until nothing fits.
  let chunk = "x".repeat(1 << 20), n = 0;
  while (chunk.length > 0) {
    try { localStorage.setItem("filler-" + n++, chunk); } catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
  }
}"""


def test_a_full_quota_is_reported_and_what_was_typed_is_kept(page, site_url: str) -> None:
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor")))
    before = raw_stored(page)
    page.evaluate(FILL_STORAGE)
    page.get_by_role("button", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill("Li Wei")
    page.get_by_label("Notes (optional)").fill("Met at the poster session; " + "more notes " * 40)
    page.get_by_role("button", name="Save", exact=True).click()
    error = page.locator(".nfp-network__error")
    assert error.get_attribute("role") == "alert"
    assert error.inner_text().startswith("This browser's storage for this site is full, so the change was not saved.")
    assert raw_stored(page) == before
    # The form stays open with what the reader typed.
    assert page.get_by_label("Name", exact=True).input_value() == "Li Wei"
    assert people_shown(page) == ["Amara Okafor"]


def test_damaged_or_newer_data_is_never_overwritten(page, site_url: str) -> None:
    for text, says in (("{\"v\": 1, \"people\": [tru", "could not be read"),
                       (json.dumps({"v": 2, "people": [], "future": True}), "newer version of this site")):
        seed(page, site_url, text)
        problem = page.locator(".nfp-network__problem")
        assert problem.is_visible() and says in problem.inner_text()
        assert not page.get_by_role("button", name="Add a person").is_visible()
        with page.expect_download() as info:
            page.get_by_role("button", name="Save what is stored as a file").click()
        assert Path(info.value.path()).read_text(encoding="utf-8") == text
        import_backup(page, json.dumps({"format": "networking-for-phds-everything", "version": 1, "exported": NOW,
                                        "network": {k: v for k, v in notebook().items() if k != "rev"}}).encode())
        assert raw_stored(page) == text


def test_a_link_with_a_fragment_opens_the_form_filled_in_and_saves_nothing(page, site_url: str) -> None:
    open_network(page, site_url, "#add&name=Dr%20Li%20Wei&where=Poster%20session%2C%20ISMB&met_on=2026-11-20")
    form = page.locator("form.nfp-person-form")
    assert form.is_visible()
    assert page.get_by_label("Name", exact=True).input_value() == "Dr Li Wei"
    assert page.get_by_label("Where you met (optional)").input_value() == "Poster session, ISMB"
    assert page.get_by_label("When you met (optional)").input_value() == "2026-11-20"
    assert page.evaluate("document.activeElement.id") == "nfp-f-name"
    assert stored(page) is None, "nothing is saved until the reader presses Save"
    assert page.evaluate("location.hash") == "#add", "the details leave the address bar and its history entry"
    page.get_by_role("button", name="Save", exact=True).click()
    assert [(p["name"], p["where"], p["met_on"]) for p in stored(page)["people"]] == [
        ("Dr Li Wei", "Poster session, ISMB", "2026-11-20")]
    # Once saved, the address no longer asks for the form: reloading shows the notebook, not an empty form.
    assert page.evaluate("location.hash") == ""
    page.reload()
    page.locator("#nfp-network[data-nfp-rendered='1']").wait_for(state="attached")
    assert not form.is_visible()


def test_the_planner_links_to_the_form_with_the_details_in_the_fragment(page, site_url: str) -> None:
    page.goto(f"{site_url}checklists/follow-up/")
    page.locator("details.nfp-more > summary").click()
    page.get_by_role("textbox", name="Their name (optional)").fill("Amara Okafor")
    page.get_by_role("textbox", name="Where you met (optional)").fill("EMBO workshop")
    page.get_by_label("The day you met or start", exact=True).fill("2026-11-12")
    with page.expect_download():
        page.get_by_role("button", name="Download calendar file (.ics)").click()
    link = page.get_by_role("link", name="Add Amara Okafor to My network")
    href = link.get_attribute("href")
    assert "?" not in href, "nothing in the query string, which a server would log"
    assert href.endswith("my-network/#add&name=Amara%20Okafor&where=EMBO%20workshop&met_on=2026-11-12")
    link.click()
    page.locator("#nfp-network[data-nfp-rendered='1']").wait_for(state="attached")
    page.locator("form.nfp-person-form").wait_for()
    assert page.get_by_label("Name", exact=True).input_value() == "Amara Okafor"
    assert stored(page) is None


def test_checklist_items_about_meeting_someone_link_to_the_form(page, site_url: str) -> None:
    page.goto(f"{site_url}checklists/conference/")
    link = page.locator("#write-up-notes").get_by_role("link", name="Add someone you met to My network")
    assert link.get_attribute("href").endswith("my-network/#add")
    link.click()
    page.locator("form.nfp-person-form").wait_for()
    assert page.evaluate("document.activeElement.id") == "nfp-f-name"


def test_job_search_view_groups_contacts_by_organisation(page, site_url: str) -> None:
    seed(page, site_url, notebook(
        person("p-aaaaaaaa01", "Amara Okafor", organisation="Roche", search="wrote",
               log=[{"on": "2026-11-02", "kind": "wrote"}]),
        person("p-bbbbbbbb02", "Jonas Berg", organisation="Roche", search="to-contact"),
        person("p-cccccccc03", "Li Wei", organisation="Novartis", search="spoke"),
        person("p-dddddddd04", "Not searching", organisation="Roche"),
    ))
    section = page.locator(".nfp-search")
    assert section.locator(".nfp-org__name").all_inner_texts() == ["Novartis", "Roche"]
    roche = section.locator(".nfp-org").filter(has_text="Roche")
    assert roche.locator(".nfp-contact__name").all_inner_texts() == ["Amara Okafor", "Jonas Berg"]
    status_of = roche.get_by_label("Status for Jonas Berg")
    assert status_of.input_value() == "to-contact"
    status_of.focus()
    status_of.select_option("referred")
    assert {p["name"]: p.get("search") for p in stored(page)["people"]}["Jonas Berg"] == "referred"
    # The section is drawn again with the new status; a keyboard reader stays on the list they just changed.
    assert page.evaluate("document.activeElement.closest('.nfp-contact')?.querySelector('.nfp-contact__name')"
                         "?.textContent") == "Jonas Berg"
    assert page.evaluate("document.activeElement.value") == "referred"


def test_changing_the_check_in_rhythm_moves_the_dates(page, site_url: str) -> None:
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor", closeness="close",
                                         log=[{"on": "2026-01-10", "kind": "met"}])))
    page.get_by_label("Close contacts: months").fill("30")
    page.get_by_role("button", name="Save the rhythm").click()
    assert page.locator("#nfp-r-close-error").inner_text() == "Enter a whole number of months from 1 to 24."
    assert stored(page)["settings"]["rhythms"]["close"] == 1
    page.get_by_label("Close contacts: months").fill("2")
    page.get_by_role("button", name="Save the rhythm").click()
    assert stored(page)["settings"]["rhythms"] == {"close": 2, "regular": 3, "occasional": 6}
    # The next date and the last contact read as two sentences, not one run together.
    assert row(page, "Amara Okafor").locator(".nfp-person__next").inner_text() == (
        "Next: 10 March 2026, 2 months since you last met. Last contact: 10 January 2026 (met).")


def test_one_calendar_file_and_a_spreadsheet_for_everyone(page, site_url: str) -> None:
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor", log=[{"on": "2026-11-02", "kind": "met"}]),
                                  person("p-bbbbbbbb02", "Li Wei", log=[{"on": "2026-11-03", "kind": "met"}])))
    with page.expect_download() as info:
        page.get_by_role("button", name="Calendar of follow-ups (.ics)").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename.startswith("networking-for-phds-follow-ups-")
    assert text.count("BEGIN:VEVENT") == 2
    with page.expect_download() as info:
        page.get_by_role("button", name="People for a spreadsheet (.csv)").click()
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfName,") and b"Amara Okafor" in raw and b"Li Wei" in raw


def test_a_reminder_to_back_up_after_changes(page, site_url: str) -> None:
    open_network(page, site_url)
    count_downloads(page)
    reminder = page.locator(".nfp-network__reminder")
    for name in ("Amara Okafor", "Li Wei"):
        add_person(page, name)
    assert not reminder.is_visible()
    add_person(page, "Sofía Hernández")
    assert reminder.is_visible()
    assert "no backup yet" in reminder.inner_text()
    reminder.get_by_role("button", name="Not now").click()
    assert not reminder.is_visible()
    assert page.evaluate("window.nfpDownloads") == 0


def test_the_print_sheet_lists_people_to_contact_this_month(page, site_url: str) -> None:
    open_network(page, site_url)
    today = date.fromisoformat(today_in_browser(page))
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor", reach="amara@example.org",
                                         log=[{"on": (today - timedelta(days=10)).isoformat(), "kind": "wrote"}]),
                                  person("p-bbbbbbbb02", "Li Wei", log=[{"on": today.isoformat(), "kind": "met"}])))
    # What the browser does before it prints (from the page's button or its own menu): the sheet is drawn then.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    try:
        sheet = page.locator(".nfp-sheet")
        assert sheet.is_visible()
        assert sheet.locator("h2").inner_text() == "People to contact in " + today.strftime("%B %Y")
        rows = sheet.locator("tbody tr").all_inner_texts()
        assert len(rows) == 1 and "Amara Okafor" in rows[0] and "amara@example.org" in rows[0]
        assert not page.get_by_role("button", name="Add a person").is_visible()
        assert not page.locator(".nfp-week").is_visible()
        headers = sheet.locator("th").all_inner_texts()
        pdf = page.pdf(format="A4")
    finally:
        page.emulate_media(media="screen")
    from pypdf import PdfReader
    import io
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Amara Okafor" in text and "Li Wei" not in text and "Export everything" not in text
    words = [word for header in headers for word in header.split()]
    assert words and all(word in text.split() for word in words), f"a header word is broken on paper: {text[:120]!r}"
    assert not page.locator(".nfp-sheet").is_visible(), "on screen the sheet stays out of the way"


KEYBOARD_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "body";
  const label = e.labels && e.labels.length ? e.labels[0].textContent : e.textContent;
  return e.tagName.toLowerCase() + ":" + (label || "").replace(/\\s+/g, " ").trim();
}"""


def press_until(page, wanted: str, *, key: str = "Tab", limit: int = 200) -> None:
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        now = page.evaluate(KEYBOARD_FOCUS)
        if now == wanted:
            return
        seen.append(now)
    raise AssertionError(f"{wanted} not reached by {key}; last focused: {seen[-15:]}")


def test_keyboard_only_walkthrough(page, site_url: str) -> None:
    open_network(page, site_url)
    press_until(page, "button:Add a person")
    page.keyboard.press("Enter")
    assert page.evaluate(KEYBOARD_FOCUS) == "input:Name"
    page.keyboard.type("Amara Okafor")
    page.keyboard.press("Tab")
    page.keyboard.type("EMBO workshop")
    page.keyboard.press("Enter")  # submits the form from a text field
    assert [p["name"] for p in stored(page)["people"]] == ["Amara Okafor"]
    assert page.evaluate(KEYBOARD_FOCUS) == "button:Edit Amara Okafor"
    press_until(page, "button:Wrote", key="Shift+Tab")
    page.keyboard.press("Enter")
    assert [e["kind"] for e in stored(page)["people"][0]["log"]] == ["wrote"]
    assert page.evaluate(KEYBOARD_FOCUS) == "button:Wrote", "focus stays where the reader was after the re-render"
    press_until(page, "button:Delete Amara Okafor")
    page.keyboard.press("Enter")
    assert stored(page)["people"] == []
    assert page.evaluate(KEYBOARD_FOCUS) == "button:Undo"
    page.keyboard.press("Enter")
    assert [p["name"] for p in stored(page)["people"]] == ["Amara Okafor"]
    # Escape closes the form and returns to the button that opened it.
    press_until(page, "button:Add a person", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    assert not page.locator("form.nfp-person-form").is_visible()
    assert page.evaluate(KEYBOARD_FOCUS) == "button:Add a person"


def test_a_390px_phone_needs_no_sideways_scrolling(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    try:
        page = context.new_page()
        long_word = "Unbreakable" * 12
        yesterday = (date.today() - timedelta(days=1)).isoformat()
        seed(page, site_url, notebook(
            person("p-aaaaaaaa01", "Dr Amara Okafor-Schmidt-" + long_word, where="EMBO workshop " + long_word,
                   organisation="Roche " + long_word, reach="amara.okafor.schmidt@very-long-domain.example.org",
                   tags=["biotech", "alumni", "regulatory-affairs"], notes=long_word, met_on=yesterday,
                   search="wrote"),
            person("p-bbbbbbbb02", "Li Wei", log=[{"on": "2026-01-01", "kind": "wrote"}])))
        page.locator(".nfp-due__show").first.click()
        page.get_by_role("button", name="Add a person").click()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px screen"
        wide = page.evaluate("""() => [...document.querySelectorAll('.nfp-network *')]
            .filter(e => e.getBoundingClientRect().right > 391 && e.getClientRects().length)
            .map(e => e.className || e.tagName).slice(0, 5)""")
        assert not wide, f"elements past the screen's edge: {wide}"
    finally:
        context.close()


def test_without_javascript_the_page_explains_and_offers_the_booklet(browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}my-network/")
        note = page.locator(".nfp-network__noscript")
        assert note.is_visible()
        assert "needs JavaScript" in note.inner_text()
        assert page.get_by_role("link", name="checklists booklet").get_attribute("href").endswith("checklists/booklet/")
        assert not page.locator("#nfp-network").is_visible()
        assert page.get_by_role("button").filter(has_text="Add a person").count() == 0 or \
            not page.get_by_role("button", name="Add a person").is_visible()
    finally:
        context.close()


def bundle_requests(page) -> list[str]:
    """Every request for the notebook's own script bundle this page makes from now on."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if "nfp-network.js" in request.url else None)
    return requests


def test_only_my_network_loads_its_scripts(page, site_url: str) -> None:
    requests = bundle_requests(page)
    for address in ("", "checklists/conference/", "templates/"):
        page.goto(site_url + address)
        page.wait_for_load_state("networkidle")
    assert requests == []
    open_network(page, site_url)
    assert requests == [f"{site_url}assets/js/nfp-network.js"]


def test_the_notebook_starts_after_instant_navigation_there_and_back(page, site_url: str) -> None:
    requests = bundle_requests(page)
    serve_local_sitemap(page, site_url)
    with page.expect_response("**/sitemap.xml"):
        page.goto(f"{site_url}skills/follow-up/")
    page.evaluate("window.nfpSamePage = true")  # gone if a click reloads the page instead of swapping it
    page.locator("article a[href$='my-network/']").first.click()
    page.locator("#nfp-network[data-nfp-rendered='1']").wait_for(state="attached")
    add_person(page, "Ana Ruiz")
    assert people_shown(page) == ["Ana Ruiz"]
    page.get_by_role("link", name="What is stored and how to delete it").click()
    page.wait_for_url("**/about/privacy/")
    page.go_back()
    page.locator("#nfp-network[data-nfp-rendered='1']").wait_for(state="attached")
    assert people_shown(page) == ["Ana Ruiz"]
    assert page.evaluate("window.nfpSamePage") is True, "the links reloaded the page: not instant navigation"
    assert page.locator("script[src$='nfp-network.js']").count() == 1
    assert requests == [f"{site_url}assets/js/nfp-network.js"]


ON_FIRST_USE = ("nfp-network-files.js", "checklist-items.json", "network-messages.json")


def test_what_only_some_readers_use_is_fetched_on_first_use_and_once(page_on_network, site_url: str) -> None:
    """The message templates, and the backup's scripts with the list of checklists, stay out of the first load
    (the 100 KB budget) and arrive when the reader first needs them."""
    page = page_on_network
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[-1])
            if request.url.endswith(ON_FIRST_USE) else None)
    open_network(page, site_url)
    yesterday = (date.fromisoformat(today_in_browser(page)) - timedelta(days=1)).isoformat()
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor", where="EMBO workshop", met_on=yesterday)))
    page.wait_for_load_state("networkidle")
    assert fetched == []
    show = page.get_by_role("button", name="Message for Amara Okafor")
    for _ in range(2):
        show.click()
        page.locator(".nfp-due__message").wait_for()
        show.click()
    assert fetched == ["network-messages.json"]
    for _ in range(2):
        with page.expect_download():
            page.get_by_role("button", name="Export everything (.json)").click()
    with page.expect_download():
        page.get_by_role("button", name="People for a spreadsheet (.csv)").click()
    assert sorted(fetched) == sorted(ON_FIRST_USE), "each is fetched once, however often it is used"


def test_if_the_backup_tools_cannot_load_the_reader_is_told_and_can_try_again(page_on_network, site_url: str) -> None:
    page = page_on_network
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor")))
    before = raw_stored(page)
    page.route("**/nfp-network-files.js", lambda route: route.abort())
    page.get_by_role("button", name="Export everything (.json)").click()
    error = page.locator(".nfp-backup__error")
    error.filter(has_text="could not load").wait_for()
    assert error.get_attribute("role") == "alert"
    assert error.inner_text().strip() == ("The backup, spreadsheet and calendar tools could not load. Check your "
                                          "connection and try again; your notebook is still saved in this browser.")
    assert raw_stored(page) == before
    page.unroute("**/nfp-network-files.js")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export everything (.json)").click()
    backup = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [someone["name"] for someone in backup["network"]["people"]] == ["Amara Okafor"]


def test_if_the_message_templates_cannot_load_the_reader_is_told_and_can_try_again(page_on_network, site_url: str) -> None:
    page = page_on_network
    open_network(page, site_url)
    yesterday = (date.fromisoformat(today_in_browser(page)) - timedelta(days=1)).isoformat()
    seed(page, site_url, notebook(person("p-aaaaaaaa01", "Amara Okafor", met_on=yesterday)))
    page.route("**/network-messages.json", lambda route: route.abort())
    show = page.get_by_role("button", name="Message for Amara Okafor")
    show.click()
    page.locator(".nfp-network__error", has_text="The message templates could not load").wait_for()
    assert not page.locator(".nfp-due__message").is_visible()
    page.unroute("**/network-messages.json")
    show.click()  # closes it
    show.click()
    page.locator(".nfp-due__message").wait_for()
    assert page.get_by_label("Message", exact=True).input_value().startswith("Hi Amara Okafor,")


@pytest.mark.parametrize("viewport", [{"width": 1350, "height": 940}, {"width": 412, "height": 823}],
                         ids=["desktop", "phone"])
def test_a_first_visit_does_not_move_the_page_when_the_notebook_draws(browser, site_url: str,
                                                                      viewport: dict) -> None:
    """The tools are laid out from the first paint as an empty notebook shows them (failed before: 0.022 on a
    desktop, 0.037 on a phone, as the empty-state lines appeared)."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        open_network(page, site_url)
        shifts = layout_shifts(page)
        assert sum(shifts) < 0.005, shifts
        assert page.locator(".nfp-people__empty").is_visible() and page.locator(".nfp-week__empty").is_visible()
        assert page.locator(".nfp-backup__last").inner_text() == "Not exported yet."
    finally:
        context.close()


def test_if_its_scripts_cannot_load_the_page_says_so(page, site_url: str) -> None:
    page.route("**/nfp-network.js", lambda route: route.abort())
    page.goto(f"{site_url}my-network/")
    alert = page.get_by_role("alert").filter(has_text="My network could not load its script")
    alert.wait_for()
    assert "Reload the page to try again" in alert.inner_text()
    assert not page.get_by_role("button", name="Add a person").is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_filled_notebook_has_no_axe_violations(browser, site_url: str, scheme: str) -> None:
    """The states only a reader brings about: people, This week with a message open, the form with errors,
    the Undo after a delete, an import report and the job-search view (the empty page is in test_a11y.py)."""
    from test_a11y import axe_findings, failures, new_context, require_axe

    context = new_context(browser, require_axe(), scheme, "desktop")
    try:
        page = context.new_page()
        open_network(page, site_url)
        yesterday = (date.fromisoformat(today_in_browser(page)) - timedelta(days=1)).isoformat()
        seed(page, site_url, notebook(
            person("p-aaaaaaaa01", "Amara Okafor", where="EMBO workshop", met_on=yesterday, organisation="Roche",
                   search="wrote", tags=["biotech"], notes="Talked about regulatory affairs."),
            person("p-bbbbbbbb02", "Li Wei", organisation="Roche", search="to-contact", archived=True),
            person("p-cccccccc03", "Sofía Hernández", log=[{"on": "2026-01-01", "kind": "met"}])))
        page.get_by_label("Show archived people").check()
        page.locator(".nfp-due__show").first.click()
        findings = axe_findings(page, f"my-network filled ({scheme})")
        page.get_by_role("button", name="Add a person").click()
        page.get_by_role("button", name="Save", exact=True).click()
        findings += axe_findings(page, f"my-network form with an error ({scheme})")
        page.get_by_role("button", name="Cancel").click()
        row(page, "Sofía").get_by_role("button", name="Delete Sofía Hernández").click()
        import_backup(page, b"{broken")
        findings += axe_findings(page, f"my-network after delete and a refused import ({scheme})")
    finally:
        context.close()
    bad = failures(findings)
    assert not bad, f"{len(bad)} axe violation(s):\n" + "\n".join(finding.describe() for finding in bad)


def test_damaged_data_message_has_no_axe_violations(browser, site_url: str) -> None:
    from test_a11y import axe_findings, failures, new_context, require_axe

    context = new_context(browser, require_axe(), "dark", "phone")
    try:
        page = context.new_page()
        seed(page, site_url, "{damaged")
        bad = failures(axe_findings(page, "my-network damaged (dark, phone)"))
    finally:
        context.close()
    assert not bad, f"{len(bad)} axe violation(s):\n" + "\n".join(finding.describe() for finding in bad)


def test_a_long_list_shows_fifty_then_more_on_request(page, site_url: str) -> None:
    people = [person(f"p-many{n:06d}", f"Person {n:03d}") for n in range(80)]
    seed(page, site_url, notebook(*people))
    assert len(people_shown(page)) == 50
    more = page.get_by_role("button", name="Show 30 more (50 of 80 shown)")
    more.click()
    assert people_shown(page) == [f"Person {n:03d}" for n in range(80)], "in name order, numbers as numbers"
    assert not more.is_visible()
    assert page.evaluate("document.activeElement.closest('.nfp-person').id") == "person-p-many000050", \
        "focus moves to the first person just shown"
