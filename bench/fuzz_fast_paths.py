"""Check that the two speed-ups in hooks/nfp give exactly what the slow paths give, on mutated real data.

    .venv/bin/python bench/fuzz_fast_paths.py [iterations] [seed]

- yaml_safe: libyaml fast path vs the pure-Python loader (same data, same lines, same problems);
- inline_markdown: plain-text fast path vs Python-Markdown;
- schema_check: fastjsonschema's yes/no vs jsonschema on every mutated file that still reads as YAML.
Exit status 1 on any difference. Takes about a minute with the default 20,000 iterations.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

import yaml  # noqa: E402

import json  # noqa: E402

import jsonschema  # noqa: E402

from nfp import inline_markdown, schema_check, yaml_safe  # noqa: E402

SNIPPETS = ["\ufeff", "\u2028", "\x85", "\r\n", "\r", "#x", " #", "\\", "\\n", '"a\\', "? ", "?", "|#", ">#", "|-",
            ">+", "- - ", "{a: ", "[a, ", ": |", ": >", "\n- ", "---", "...", "'", '""', "%YAML 1.1\n", "!!binary ",
            "0o7", "0x1F", ".inf", "null", "= ", "&a ", "*a", "[", "]", "{", "}", ":", ": ", "- ", "\t", '"', "#", "!!str ",
            "!x ", "\n  ", "\n", "|", ">", "%", "@", "`", ",", "\x07", "yes", "1e3", "2026-02-30", "~", "<<: ", "\u00a0"]
INLINE_ALPHABET = list("abcXYZ019 #-+.)(\"':;=|~^%$@{}/\t\n\u00a0\u2028é😀,?") + [
    "\\", "`", "*", "_", "[", "]", "!", "<", ">", "&", "\x02", "1.", "2)", "---", "    ", "  \n", "&amp;",
    "http://a.b", "<http://a.b>", "[l](p.md)", "**b**", "`c`"]


# One renderer for every line, as one build uses one (creating a Markdown instance costs more than a line).
_RENDERER = inline_markdown.InlineRenderer()


def _slow_yaml(text: str):
    saved = yaml_safe._CLoader
    yaml_safe._CLoader = None
    try:
        return yaml_safe.parse_yaml_text(text, file="f.yml")
    finally:
        yaml_safe._CLoader = saved


def _key(result):
    loaded, problems = result
    return (None if loaded is None else (loaded.data, loaded.lines), [str(p) for p in problems])


def _slow_inline(text: str) -> str:
    saved = inline_markdown._MARKUP_CHARS
    inline_markdown._MARKUP_CHARS = re.compile(r"^")  # matches every line: always use Markdown
    try:
        return _RENDERER.render(text, _resolve)
    finally:
        inline_markdown._MARKUP_CHARS = saved


def _resolve(target: str) -> str | None:
    return None if target.startswith("bad") else f"/x/{target}"


def _call(function, *args):
    try:
        return function(*args)
    except Exception as error:  # noqa: BLE001 - compare failures too
        return ("exception", type(error).__name__)


def main() -> int:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    files = sorted((REPO / "checklists").glob("**/*.yml")) + sorted((REPO / "tests" / "fixtures").glob("**/*.yml"))
    base = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    texts = list(base)
    for _ in range(iterations):
        text = rnd.choice(base)
        for _ in range(rnd.randint(1, 3)):
            i = rnd.randrange(len(text) + 1)
            if rnd.random() < 0.3 and len(text) > 10:
                text = text[:i] + text[min(len(text), i + rnd.randint(1, 20)):]
            else:
                text = text[:i] + rnd.choice(SNIPPETS) + text[i:]
        texts.append(text)
    yaml_diffs = fast = 0
    for text in texts:
        fast += yaml_safe._parse_fast(text, "f.yml") is not None
        a = _call(lambda t: _key(yaml_safe.parse_yaml_text(t, file="f.yml")), text)
        b = _call(lambda t: _key(_slow_yaml(t)), text)
        if a != b:
            yaml_diffs += 1
            if yaml_diffs <= 5:
                print("YAML DIFFERENCE", repr(text[:200]), "\n  fast:", str(a)[:300], "\n  slow:", str(b)[:300])
    print(f"yaml_safe: {len(texts)} texts, {fast} through libyaml, {yaml_diffs} differences")

    schema = json.loads((REPO / "checklists" / "schema.json").read_text(encoding="utf-8"))
    fast_check = schema_check.compile_fast_check(schema)
    judge = jsonschema.validators.validator_for(schema)(schema)
    schema_diffs = checked = valid = 0
    for text in texts:
        loaded, _ = yaml_safe.parse_yaml_text(text, file="f.yml")
        if loaded is None:
            continue
        checked += 1
        says_valid = judge.is_valid(loaded.data)
        valid += says_valid
        if fast_check(loaded.data) != says_valid:
            schema_diffs += 1
            if schema_diffs <= 5:
                print("SCHEMA DIFFERENCE", repr(text[:200]), "\n  jsonschema valid:", says_valid)
    print(f"schema_check: {checked} documents ({valid} valid), {schema_diffs} differences")

    lines: list[str] = []
    for text in base:
        data = _call(lambda t: yaml.safe_load(t), text)
        if isinstance(data, dict):
            for section in data.get("sections") or []:
                for item in section.get("items") or []:
                    lines += [str(item.get(k)) for k in ("text", "details", "when") if item.get(k)]
    for _ in range(iterations * 5):
        lines.append("".join(rnd.choice(INLINE_ALPHABET) for _ in range(rnd.randint(0, 12))))
    inline_diffs = 0
    for line in lines:
        a = _call(_RENDERER.render, line, _resolve)
        b = _call(_slow_inline, line)
        if a != b:
            inline_diffs += 1
            if inline_diffs <= 5:
                print("INLINE DIFFERENCE", repr(line), "\n  fast:", repr(a), "\n  slow:", repr(b))
    print(f"inline_markdown: {len(lines)} texts, {inline_diffs} differences")
    return 1 if yaml_diffs or inline_diffs or schema_diffs else 0


if __name__ == "__main__":
    sys.exit(main())
