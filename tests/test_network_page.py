"""My network's page as built: the data block its scripts read (the schema, the kinds of follow-up with a message),
what they fetch on first use (the message templates, the checklists whose ticks a backup carries, the backup's own
script bundle) and the links into it. Its first-load weight is checked by tests/test_page_weight.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nfp import network
from nfp.catalog import load_catalog
from nfp.messages import load_message_set
from nfp.network import (JOB_SEARCH_TEMPLATE_FOR_KIND, NETWORK_SCHEMA, PLACEHOLDERS, TEMPLATE_FOR_KIND,
                         kind_templates, script_json, script_schema)

from sitetools import ROOT, BuiltSite

DATA_BLOCK = re.compile(r'<template id="nfp-network-data">(.*?)</template>', re.S)
CATALOG = load_catalog(ROOT / "checklists", root=ROOT)
MESSAGES = load_message_set(ROOT / "checklists" / "shared", root=ROOT)


def data_block(built_site: BuiltSite) -> dict:
    found = DATA_BLOCK.findall(built_site.page("my-network/"))
    assert len(found) == 1, "the page has exactly one data block"
    return json.loads(found[0])


def test_the_data_block_carries_the_schema_without_its_explanations_and_the_kinds_with_a_message(
        built_site: BuiltSite) -> None:
    block = data_block(built_site)
    assert set(block) == {"schema", "messageKinds"}, "what the page needs only on first use stays out of it"
    schema = json.loads(NETWORK_SCHEMA.read_text(encoding="utf-8"))
    assert block["schema"] == script_schema(schema)
    assert "description" in json.dumps(schema) and '"description"' not in json.dumps(block["schema"])
    assert block["messageKinds"] == sorted(TEMPLATE_FOR_KIND)


def test_the_schema_for_the_page_keeps_every_check_and_every_name() -> None:
    """Only the explanations go: a property called "description" is a name, and every other keyword stays."""
    schema = {"description": "A file.", "$comment": "why", "title": "Backup", "type": "object",
              "properties": {"description": {"type": "string", "description": "The field's own words.",
                                             "maxLength": 5}},
              "$defs": {"tag": {"type": "string", "pattern": "^[a-z]+$", "description": "A tag."}},
              "items": {"description": "x", "enum": ["a"]}}
    assert script_schema(schema) == {"title": "Backup", "type": "object",
                                     "properties": {"description": {"type": "string", "maxLength": 5}},
                                     "$defs": {"tag": {"type": "string", "pattern": "^[a-z]+$"}},
                                     "items": {"enum": ["a"]}}


def page_attribute(built_site: BuiltSite, name: str) -> str:
    found = re.findall(rf'id="nfp-network"[^>]*\s{name}="([^"]+)"', built_site.page("my-network/"))
    assert len(found) == 1, f"the notebook names {name} once"
    return found[0]


def built_file(built_site: BuiltSite, url: str) -> Path:
    """The built file a URL on My network's page points at (the page is at my-network/)."""
    path = (built_site.path / "my-network" / url).resolve()
    assert path.is_relative_to(built_site.path.resolve()) and path.is_file(), f"{url} is not built"
    return path


def test_the_messages_fetched_on_first_use_are_the_sites_templates(built_site: BuiltSite) -> None:
    messages = json.loads(built_file(built_site, page_attribute(built_site, "data-nfp-messages")).read_text("utf-8"))
    assert messages["placeholders"] == dict(PLACEHOLDERS)
    for key, mapping in (("templates", TEMPLATE_FOR_KIND), ("jobSearchTemplates", JOB_SEARCH_TEMPLATE_FOR_KIND)):
        assert set(messages[key]) == set(mapping)
        for kind, template_id in mapping.items():
            template = MESSAGES.get(template_id)
            assert messages[key][kind] == {"id": template_id, "title": template.title,
                                           "subject": template.subject, "body": template.body}


def test_the_checklists_a_backup_carries_are_every_checklist_and_item(built_site: BuiltSite) -> None:
    listed = json.loads(built_file(built_site, page_attribute(built_site, "data-nfp-checklist-items"))
                        .read_text("utf-8"))
    assert listed["format"] == "networking-for-phds-progress" and listed["version"] == 1
    assert listed["items"] == {c.id: [item.id for item in c.items] for c in CATALOG.checklists}


def test_the_backup_scripts_are_their_own_bundle(built_site: BuiltSite) -> None:
    checklist, network, files = page_attribute(built_site, "data-nfp-files").split()
    assert network == page_attribute(built_site, "data-nfp-bundle"), "the page's own bundle, already loaded"
    assert 'nfp.define("checklist"' in built_file(built_site, checklist).read_text("utf-8")
    text = built_file(built_site, files).read_text("utf-8")
    assert 'nfp.define("network-files"' in text and 'nfp.define("network-backup"' in text
    first_load = built_file(built_site, page_attribute(built_site, "data-nfp-bundle")).read_text("utf-8")
    assert "network-files" not in first_load.split('nfp.define("network"', 1)[0], "only the page's own bundle"


def test_every_kind_with_a_message_has_a_template_whose_placeholders_the_page_fills() -> None:
    # The kinds network-data.js's dueItems gives; a "stop" (try someone else) has no message on purpose.
    assert set(TEMPLATE_FOR_KIND) == {"thank-you", "reminder", "check-in"}
    assert set(JOB_SEARCH_TEMPLATE_FOR_KIND) <= set(TEMPLATE_FOR_KIND)
    for template_id in (*TEMPLATE_FOR_KIND.values(), *JOB_SEARCH_TEMPLATE_FOR_KIND.values()):
        body = MESSAGES.get(template_id).body
        assert "[their name]" in body, f"{template_id}: the person's name would not be filled in"
    assert "[event or place]" in MESSAGES.get(TEMPLATE_FOR_KIND["thank-you"]).body


def test_a_template_id_that_does_not_exist_stops_the_build_naming_it(monkeypatch) -> None:
    with pytest.raises(ValueError) as raised:
        kind_templates(MESSAGES, {"thank-you": "conference-follow-up", "reminder": "polite-nudj"})
    assert str(raised.value) == ("hooks/nfp/network.py: no such template in checklists/shared/messages.yml: "
                                 "reminder -> 'polite-nudj'")


def test_a_missing_template_fails_the_build_with_one_line(tmp_path: Path) -> None:
    from sitetools import build_site, copy_site

    config = copy_site(tmp_path / "copy")
    module = tmp_path / "copy" / "hooks" / "nfp" / "network.py"
    module.write_text(module.read_text(encoding="utf-8").replace('"regular-check-in"', '"regular-checkin"'),
                      encoding="utf-8")
    result = build_site(config, tmp_path / "site")
    assert result.returncode != 0
    assert ("assets/data/network-messages.json (generated): hooks/nfp/network.py: no such template in "
            "checklists/shared/messages.yml: check-in -> 'regular-checkin'") in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- x", "a\u2028b", "&amp;"])
def test_the_data_block_cannot_be_closed_from_inside(text: str) -> None:
    rendered = str(script_json({"value": text}))
    assert "<" not in rendered and ">" not in rendered and "\u2028" not in rendered
    assert json.loads(rendered) == {"value": text}


def test_checklist_items_about_meeting_someone_link_to_the_add_form(built_site: BuiltSite) -> None:
    linked = {(c.id, item.id) for c in CATALOG.checklists for item in c.items if item.add_person}
    assert len(linked) >= 5, "set add_person on the items about meeting someone"
    for checklist_id, item_id in linked:
        html = built_site.page(f"checklists/{checklist_id}/")
        row = re.search(rf'<li class="nfp-item" id="{item_id}".*?</li>', html, re.S)
        assert row and 'href="../../my-network/#add"' in row.group(0), f"{checklist_id}#{item_id}"
    assert "my-network/#add" not in built_site.page("checklists/booklet/"), "paper needs no link"


def test_the_follow_up_guide_and_the_planner_link_to_the_page(built_site: BuiltSite) -> None:
    assert 'href="../../my-network/"' in built_site.page("skills/follow-up/")
    planner = built_site.page("checklists/follow-up/")
    assert 'data-network-url="../../my-network/"' in planner


def test_the_schema_enums_all_have_words_for_readers() -> None:
    schema = json.loads(NETWORK_SCHEMA.read_text(encoding="utf-8"))
    assert network._enum(schema, "closeness") == tuple(network.CLOSENESS_LABELS)
    assert network._enum(schema, "search") == tuple(network.SEARCH_LABELS)
