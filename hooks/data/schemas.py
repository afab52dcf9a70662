"""The JSON Schemas of data/schema/, compiled once, and their errors turned into DataErrors."""
from __future__ import annotations

import difflib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import fastjsonschema
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from hooks.data.errors import DataError, field_path, show
from hooks.data.loader import Document


@lru_cache(maxsize=4)
def _registry(schema_dir: Path) -> Registry:
    resources = []
    for path in sorted(schema_dir.glob("*.schema.yaml")):
        schema = yaml.safe_load(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=32)
def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    """The validator for `<name>.schema.yaml`, with the other schemas resolvable by $id."""
    registry = _registry(schema_dir)
    schema = registry.contents(f"{name}.schema.yaml")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


@lru_cache(maxsize=32)
def _fast_is_valid(schema_dir: Path, name: str) -> Callable[[object], bool]:
    """A yes/no check compiled to Python by fastjsonschema from the schema with its $refs copied
    in (10,000 records: jsonschema on the inlined schema ~4 s, this ~0.3 s). Used only to say
    "valid"; otherwise `validator` runs, so messages stay exactly those of the schema as written.
    tests/test_schema_agreement.py fuzzes both on mutated data: fast-valid must mean valid."""
    registry = _registry(schema_dir)
    base = f"{name}.schema.yaml"
    # _inline builds new dicts: fastjsonschema rewrites $refs in place. No defaults filled in, no
    # formats checked (jsonschema treats `format` as an annotation by default).
    validate = fastjsonschema.compile(_inline(registry.contents(base), registry, base, ()),
                                      use_default=False, use_formats=False, detailed_exceptions=False)

    def is_valid(instance: object) -> bool:
        try:
            validate(instance)
        except Exception:  # noqa: BLE001 - any doubt goes to the full validator, which decides
            return False
        return True

    return is_valid


def warm_up(schema_dir: Path, name: str) -> None:
    """Compile the fast check now (before forking, so that the child process inherits it)."""
    _fast_is_valid(schema_dir, name)


def _inline(node: object, registry: Registry, base: str, expanding: tuple[str, ...]) -> object:
    if isinstance(node, list):
        return [_inline(item, registry, base, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str) and "allOf" not in node:
        target = urljoin(base, node["$ref"])
        rest = {k: _inline(v, registry, base, expanding) for k, v in node.items() if k != "$ref"}
        if target in expanding:  # recursive: keep the reference, made absolute for the new place
            return {**rest, "$ref": target}
        resolved = registry.resolver(base).lookup(node["$ref"])
        copied = _inline(resolved.contents, registry, target.partition("#")[0], (*expanding, target))
        return {**rest, "allOf": [copied]} if rest else copied
    return {key: _inline(value, registry, base, expanding) for key, value in node.items()}


def check(document: Document, schema_dir: Path, name: str) -> list[DataError]:
    """Validate a document against a schema; one DataError per problem, with file and line."""
    if _fast_is_valid(schema_dir, name)(document.content):
        return []
    errors: list[DataError] = []
    for error in validator(schema_dir, name).iter_errors(document.content):
        errors.extend(_describe(document, error))
    return errors



def _describe(document: Document, error: ValidationError) -> list[DataError]:
    path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    line = document.line_of(path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [DataError(document.path, line, field_path(path + (missing,)),
                          "a value: this field is required", "nothing")]
    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        extras = [key for key in error.instance if key not in known]
        result = []
        for key in extras:
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            result.append(DataError(document.path, document.line_of(path + (key,)), field_path(path + (key,)),
                                    f"one of the known fields {', '.join(known)}{hint}",
                                    f"unknown field {key!r}"))
        return result
    expected = _expectation(error, schema)
    return [DataError(document.path, line, field_path(path), expected, show(error.instance))]


_TYPE_NAMES = {"string": "a text", "integer": "a whole number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "null"}


def _expectation(error: ValidationError, schema: dict) -> str:
    kind = error.validator
    description = schema.get("description")
    if kind == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return " or ".join(_TYPE_NAMES.get(t, t) for t in types)
    if kind == "enum":
        return "one of " + ", ".join(str(v) for v in error.validator_value)
    if kind == "minItems":
        return f"a list of at least {error.validator_value} item(s)"
    if kind in {"minimum", "maximum"}:
        sign = "≥" if kind == "minimum" else "≤"
        return f"a number {sign} {error.validator_value}"
    if kind == "oneOf" and "each" in str(error.validator_value):
        return "a section with either a title, or `each` (aspect or required_section) with title_format"
    if description:
        return description
    return error.message
