"""Validate data against a JSON Schema and turn each error into a Problem a contributor can act on."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import fastjsonschema
import jsonschema
from jsonschema.exceptions import ValidationError

from .hints import did_you_mean
from .problems import Problem, format_field_path
from .yaml_safe import LoadedYaml

# Our annotation beside a "pattern": the end of the sentence a contributor reads when a value does not match,
# e.g. "is not a valid id: use lowercase letters...". Validators ignore it; tests require one on every pattern.
MESSAGE_KEYWORD = "x-message"

_TYPE_NAMES = MappingProxyType({
    "string": "text", "array": "a list", "object": "a mapping of fields", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "nothing",
})


@dataclass(frozen=True)
class CompiledSchema:
    """A schema ready to check data: jsonschema's validator (the judge) and, when it applies, the fast check."""

    text: str
    validator: jsonschema.protocols.Validator
    fast_check: Callable[[Any], bool] | None

    def document(self) -> dict[str, Any]:
        """The schema as data, a new copy on each call (for reading rules; edit it freely)."""
        return json.loads(self.text)


def read_schema(path: Path) -> CompiledSchema:
    """The schema at `path`, compiled. Read on every call, so an edit shows on the next `mkdocs serve` build."""
    return compile_schema(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=16)
def compile_schema(text: str) -> CompiledSchema:
    """Compile schema text once per process. Keyed by the text itself, and nothing in the result is data from a
    build: validators only read the schema, so reusing one across `mkdocs serve` builds cannot leak state."""
    schema = json.loads(text)
    validator_class = jsonschema.validators.validator_for(schema)
    return CompiledSchema(text=text, validator=validator_class(schema), fast_check=compile_fast_check(schema))


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    return "a date" if hasattr(value, "isoformat") else type(value).__name__


def _shorten(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _messages_for(error: ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
    """(field path, message) pairs for one schema error; one error can name several unknown keys."""
    path = tuple(error.absolute_path)
    value = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        unknown = [key for key in value if key not in schema.get("properties", {})]
        results = []
        for key in unknown:
            hint = did_you_mean(key, allowed) or f" (allowed: {', '.join(allowed)})"
            results.append(((*path, key), f"'{key}' is not allowed{hint}"))
        return results
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [(path, f"missing required field '{missing}'")]
    if kind == "type":
        expected = error.validator_value
        names = [_TYPE_NAMES.get(t, t) for t in (expected if isinstance(expected, list) else [expected])]
        hint = " (put it in quotes)" if "text" in names and not isinstance(value, (list, dict)) else ""
        return [(path, f"expected {' or '.join(names)}, got {_describe_value(value)}{hint}")]
    if kind == "pattern":
        # The message sits beside the pattern in the schema (MESSAGE_KEYWORD), so the rule is stated once.
        message = schema.get(MESSAGE_KEYWORD) or f"does not match the expected form {schema.get('pattern')!r}"
        return [(path, f"{_shorten(value)} {message}")]
    if kind == "maxLength":
        return [(path, f"is too long: {len(value)} characters, at most {error.validator_value}")]
    if kind == "minLength":
        return [(path, f"is too short: {len(value)} characters, at least {error.validator_value}")]
    if kind == "maxItems":
        return [(path, f"has {len(value)} entries, at most {error.validator_value}")]
    if kind == "minItems":
        return [(path, f"has {len(value)} entries, at least {error.validator_value}")]
    if kind == "uniqueItems":
        return [(path, "lists the same value twice")]
    if kind == "not" and isinstance(error.validator_value, dict) and "enum" in error.validator_value:
        return [(path, f"{_shorten(value)} is reserved; choose another")]
    if kind == "oneOf" and MESSAGE_KEYWORD in schema:
        # "Exactly one of these fields": jsonschema's own text prints the whole value and every subschema.
        return [(path, schema[MESSAGE_KEYWORD])]
    if kind == "enum" and MESSAGE_KEYWORD in schema:
        return [(path, f"{_shorten(value)} {schema[MESSAGE_KEYWORD]}")]
    if kind == "enum":
        options = ", ".join(repr(option) for option in error.validator_value)
        return [(path, f"{_shorten(value)} is not one of {options}{did_you_mean(value, error.validator_value)}")]
    return [(path, error.message)]


# Keywords whose meaning is the same in draft-07 (what fastjsonschema implements) and in 2020-12 (what our
# schemas declare and jsonschema checks). A schema with any other keyword is checked by jsonschema alone.
FAST_KEYWORDS = frozenset({
    "$schema", "$id", "$ref", "$defs", "title", "description", "type", "properties", "required",
    "additionalProperties", "items", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern",
    "enum", "not", "minimum", "maximum",
    "oneOf",  # a path step names exactly one of guide, checklist or template (checklists/paths/schema.json)
})
_NAMED_CHILDREN = frozenset({"properties", "$defs"})  # their keys are names, not keywords


def schema_keywords(schema: Any) -> set[str]:
    """Every keyword used anywhere in `schema`."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key, value in schema.items():
            if not key.startswith("x-"):  # annotations (MESSAGE_KEYWORD) are read by us, never by a validator
                found.add(key)
            children = value.values() if key in _NAMED_CHILDREN and isinstance(value, dict) else [value]
            for child in children:
                found |= schema_keywords(child)
    elif isinstance(schema, list):
        for child in schema:
            found |= schema_keywords(child)
    return found


def compile_fast_check(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """A function that says whether data is valid, about ten times faster than jsonschema; None when the schema
    uses a keyword outside FAST_KEYWORDS. Any doubt (an error, an exception) counts as "not valid", so the
    data then goes to jsonschema, which is the judge."""
    if not schema_keywords(schema) <= FAST_KEYWORDS:
        return None
    try:
        # A deep copy: fastjsonschema rewrites every `$ref` it resolves in place, and `schema` is shared with the
        # jsonschema validator (and cached for the whole process).
        validate = fastjsonschema.compile({**copy.deepcopy(schema), "$schema": "http://json-schema.org/draft-07/schema#"})
    except Exception:  # noqa: BLE001 - a schema it cannot compile is jsonschema's alone to check (and report)
        return None

    def is_valid(data: Any) -> bool:
        try:
            validate(data)
        except Exception:  # noqa: BLE001 - invalid, or a case the fast check does not handle: ask jsonschema
            return False
        return True

    return is_valid


def check_against_schema(loaded: LoadedYaml, schema: CompiledSchema, *, file: str) -> list[Problem]:
    """Every schema error in `loaded`, as Problems with the line of the field at fault."""
    if schema.fast_check is not None and schema.fast_check(loaded.data):
        return []
    problems = []
    for error in schema.validator.iter_errors(loaded.data):
        for path, message in _messages_for(error):
            problems.append(Problem(file, loaded.line_of(path), format_field_path(path), message))
    return problems
