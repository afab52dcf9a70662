"""The JSON Schemas of data/schema/, compiled once, and their errors turned into DataErrors."""
from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import fastjsonschema
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource

from hooks.data.errors import DataError, field_path, show
from hooks.data.loader import Document, read_as, read_document


@lru_cache(maxsize=4)
def _loaded(schema_dir: Path) -> tuple[dict[str, dict], tuple[DataError, ...]]:
    """Every data/schema/*.schema.yaml that reads as a valid JSON Schema, by file name; and an
    error for each that does not (the schemas are data a maintainer edits too)."""
    schemas: dict[str, dict] = {}
    errors: list[DataError] = []
    shown_dir = f"{schema_dir.parent.name}/{schema_dir.name}"
    for path in sorted(schema_dir.glob("*.schema.yaml")) if schema_dir.is_dir() else ():
        shown = f"{shown_dir}/{path.name}"
        document, problems = read_document(path, shown)
        if problems or document is None:
            errors += problems
            continue
        schema = document.content
        if not isinstance(schema, dict) or schema.get("$id") != path.name:
            errors.append(DataError(shown, document.line_of(("$id",)), "$id",
                                    f"the file's own name ({path.name!r})",
                                    show(schema.get("$id") if isinstance(schema, dict) else schema)))
            continue
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as error:
            where = tuple(error.absolute_path)
            errors.append(DataError(shown, document.line_of(where), field_path(where) or "(schema)",
                                    "a valid JSON Schema (Draft 2020-12)", error.message[:200]))
            continue
        schemas[path.name] = schema
    return schemas, tuple(errors)


def schema_problems(schema_dir: Path, names: Iterable[str]) -> tuple[set[str], list[DataError]]:
    """Which of the named schemas can check data (found, valid, every $ref resolved), and the
    errors of the schema files; a data file whose schema cannot is only parsed."""
    signature = _signature(schema_dir)
    if _seen.get(schema_dir, signature) != signature:  # edited during `mkdocs serve`: compile again
        for cached in (_loaded, validator, _fast_is_valid):
            cached.cache_clear()
    _seen[schema_dir] = signature
    schemas, errors = _loaded(schema_dir)
    problems = list(errors)
    usable: set[str] = set()
    shown_dir = f"{schema_dir.parent.name}/{schema_dir.name}"
    for name in sorted(set(names)):
        file = f"{name}.schema.yaml"
        if file not in schemas:
            # a missing folder is reported once, by hooks.data.layout
            if schema_dir.is_dir() and not any(error.file == f"{shown_dir}/{file}" for error in errors):
                problems.append(DataError(f"{shown_dir}/{file}", None, "(file)",
                                          "this file (the JSON Schema of a kind of data file)", "no such file"))
            continue
        try:
            _fast_is_valid(schema_dir, name)  # resolves every $ref
        except Exception as error:  # noqa: BLE001 - a $ref to nowhere, a schema fastjsonschema refuses
            if any(e.file.rsplit("/", 1)[-1] in str(error) for e in errors):
                continue  # a $ref into a schema file reported above
            problems.append(DataError(f"{shown_dir}/{file}", None, "(schema)",
                                      "every $ref naming a schema file and a definition that exist",
                                      f"{type(error).__name__}: {str(error)[:160]}"))
            continue
        usable.add(name)
    return usable, problems


_seen: dict[Path, tuple] = {}  # the schema files as last compiled, by folder


def _signature(schema_dir: Path) -> tuple:
    try:
        return tuple((path.name, path.stat().st_mtime_ns, path.stat().st_size)
                     for path in sorted(schema_dir.glob("*.schema.yaml")))
    except OSError:
        return ()


def _registry(schema_dir: Path) -> Registry:
    schemas, _ = _loaded(schema_dir)
    return Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())


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
    found = show(error.instance)
    if error.validator == "pattern" and isinstance(error.instance, str) and any(c in error.instance for c in "，、；"):
        expected += " (list items are separated by an ASCII comma: [a, b])"
    raw = document.raw_of(path)
    if raw is not None and not isinstance(error.instance, str):  # a plain value YAML read as another type
        found = f"{raw}, which YAML reads as {read_as(error.instance)}" if raw else "nothing (an empty value)"
        if raw and _wants_text(error):
            expected += f" (put it in quotes to keep it as text: \"{raw}\")"
    return [DataError(document.path, line, field_path(path), expected, found)]


def _wants_text(error: ValidationError) -> bool:
    """Whether a text would have been accepted where this error is."""
    if error.validator == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return "string" in types
    return any(_wants_text(sub) for sub in error.context or ())


_TYPE_NAMES = {"string": "a text", "integer": "a whole number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "null"}


def _expectation(error: ValidationError, schema: dict) -> str:
    kind = error.validator
    description = schema.get("description")
    if kind == "type":
        types = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        if "array" in types and isinstance(error.instance, str):
            return "a list: [first, second] on one line, or one '- ' line per item"
        return " or ".join(_TYPE_NAMES.get(t, t) for t in types)
    if kind == "enum":
        return "one of " + ", ".join(str(v) for v in error.validator_value)
    if kind == "minItems":
        return f"a list of at least {error.validator_value} item(s)"
    if kind == "maxItems":
        return f"a list of at most {error.validator_value} items"
    if kind in {"minimum", "maximum"}:
        sign = "≥" if kind == "minimum" else "≤"
        return f"a number {sign} {error.validator_value}"
    if kind == "oneOf" and "each" in str(error.validator_value):
        return "a section with either a title, or `each` (aspect or required_section) with title_format"
    if kind in {"oneOf", "anyOf"} and error.context:  # the branches' own expectations: a slug, or null
        branches = dict.fromkeys(_expectation(sub, sub.schema if isinstance(sub.schema, dict) else {})
                                 for sub in error.context if not sub.path)
        return description or (" or ".join(branches) if branches else error.message)
    if description:
        return description
    return error.message
