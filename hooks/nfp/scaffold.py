"""Start a new checklist: `make checklist id=salary-negotiation` writes checklists/salary-negotiation.yml.

The id rules (pattern, length, reserved names) are read from checklists/schema.json, the same file the build
and contributors' editors use, so they are never restated here. The file is written from
checklists/shared/new-checklist.yml.template and builds as it is.

Every refusal is one line on stderr and exit code 2, never a traceback: the reader is a new contributor.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .model import slugify
from . import rules
from .schema_check import MESSAGE_KEYWORD

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = Path("checklists/shared/new-checklist.yml.template")
SCHEMA = Path("checklists/schema.json")
EXAMPLE_ID = "salary-negotiation"
USAGE = f"make checklist id=<id>, e.g. make checklist id={EXAMPLE_ID}"
EXIT_REFUSED = 2


class Refused(Exception):
    """The id cannot be used; the message says why and what to do instead, in one line."""


def read_id_rules(schema_path: Path) -> dict[str, Any]:
    """The JSON Schema of a checklist's `id` field (pattern, its message, maxLength, reserved names)."""
    return rules.id_rules(rules.read_checklist_schema(schema_path))


def reserved_ids(id_rules: dict[str, Any]) -> list[str]:
    return list(id_rules.get("not", {}).get("enum", []))


def validate_new_id(checklist_id: str, *, id_rules: dict[str, Any], folder: Path) -> None:
    """Raise Refused unless `checklist_id` is a valid, unreserved id with no file yet in `folder`."""
    if not checklist_id.strip():
        raise Refused(f"no checklist id given: run {USAGE}")
    errors = {error.validator: error for error in jsonschema.Draft202012Validator(id_rules).iter_errors(checklist_id)}
    if "pattern" in errors:
        suggestion = slugify(checklist_id)
        hint = f"did you mean {suggestion}?" if suggestion not in ("section", checklist_id) else f"e.g. {EXAMPLE_ID}"
        raise Refused(f"'{checklist_id}' {id_rules[MESSAGE_KEYWORD]}; {hint}")
    if "maxLength" in errors:
        raise Refused(f"'{checklist_id}' is too long for a checklist id: use at most {id_rules['maxLength']} "
                      f"characters (it has {len(checklist_id)})")
    if "not" in errors:
        raise Refused(f"'{checklist_id}' is reserved for a page the site makes itself "
                      f"({', '.join(reserved_ids(id_rules))}): choose another id")
    if errors:
        first = next(iter(errors.values()))
        raise Refused(f"'{checklist_id}' is not a valid checklist id: {first.message}")
    for existing in (folder / f"{checklist_id}.yml", folder / f"{checklist_id}.yaml"):
        if existing.exists():
            raise Refused(f"checklists/{existing.name} already exists: edit that file, or choose another id")


def _yaml_scalar(text: str) -> str:
    """`text` as a YAML value that reads back as the same string (`yes`, `1` or `null` alone would not)."""
    return text if yaml.safe_load(text) == text else json.dumps(text)


def title_from_id(checklist_id: str) -> str:
    """A first title to rewrite: 'salary-negotiation' -> 'Salary negotiation' (at least three characters)."""
    title = checklist_id.replace("-", " ").capitalize()
    return title if len(title) >= 3 else f"{title} checklist"


def page_url(root: Path, checklist_id: str) -> str:
    """Where `make serve` shows the new page: MkDocs serves the site under the path of site_url."""
    match = re.search(r"^site_url:\s*(\S+)", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    path = re.sub(r"^[a-z]+://[^/]+", "", match.group(1)) if match else "/"
    return f"http://127.0.0.1:8000{path.rstrip('/')}/checklists/{checklist_id}/"


def render_new_checklist(template: str, *, checklist_id: str, url: str) -> str:
    """The text of a new checklist file: the template with its `{{ id }}`, `{{ title }}` and `{{ url }}` filled."""
    text = (template.replace("{{ id }}", _yaml_scalar(checklist_id))
            .replace("{{ title }}", _yaml_scalar(title_from_id(checklist_id)))
            .replace("{{ url }}", url))
    leftover = re.search(r"\{\{.*?\}\}", text)
    if leftover:
        raise ValueError(f"{TEMPLATE}: unknown placeholder {leftover.group(0)}; use {{{{ id }}}}, {{{{ title }}}} "
                         "or {{ url }}")
    return text


def create_checklist(checklist_id: str, *, root: Path) -> Path:
    """Write checklists/<id>.yml from the template and return its path; raise Refused if the id cannot be used."""
    folder = root / "checklists"
    validate_new_id(checklist_id, id_rules=read_id_rules(root / SCHEMA), folder=folder)
    text = render_new_checklist((root / TEMPLATE).read_text(encoding="utf-8"), checklist_id=checklist_id,
                                url=page_url(root, checklist_id))
    path = folder / f"{checklist_id}.yml"
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite a file made meanwhile
            handle.write(text)
    except FileExistsError:
        raise Refused(f"checklists/{path.name} already exists: edit that file, or choose another id") from None
    return path


def main(argv: Sequence[str] | None = None, *, root: Path = REPO_ROOT) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if len(args) > 1:
            raise Refused(f"give one checklist id, not {len(args)}: {USAGE}")
        checklist_id = args[0] if args else ""
        path = create_checklist(checklist_id, root=root)
    except Refused as refusal:
        print(f"make checklist: {refusal}", file=sys.stderr)
        return EXIT_REFUSED
    relative = path.relative_to(root).as_posix()
    print(f"Created {relative}. Next:\n"
          f"  1. Run make serve and open {page_url(root, checklist_id)} to see it.\n"
          f"  2. Rewrite the title, summary, tags and items in your own words: 8 to 30 items.\n"
          f"  3. Set guide: to the guide it supports; that guide then links to it. To place its card\n"
          f"     somewhere in the guide, put this line there: <!-- checklist: {checklist_id} -->\n"
          f"  4. Run make test, then open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
