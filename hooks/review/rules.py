"""data/review_rules.yaml: read, checked against its schema, and every pattern checked to mean
the same in Python and in the browser (errors name the file, the line and the field)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hooks.data.errors import DataError, DataErrors, field_path
from hooks.data.loader import Document, load_document
from hooks.data.schemas import check
from hooks.text.patterns import js_subset_problem

FILE = "review_rules.yaml"
SCHEMA = "review_rules"


def load_rules(data_dir: Path) -> dict[str, Any]:
    """The rules of data_dir/review_rules.yaml as plain data; DataErrors if any is wrong."""
    path = data_dir / FILE
    shown = path.relative_to(data_dir.parent).as_posix() if path.is_absolute() else path.as_posix()
    if not path.exists():
        raise DataErrors([DataError(shown, None, "", "this file to exist", "no such file")])
    document = load_document(path, shown)
    errors = check(document, data_dir / "schema", SCHEMA) or pattern_errors(document)
    if errors:
        raise DataErrors(errors)
    return document.content


def pattern_errors(document: Document) -> list[DataError]:
    """Every pattern that does not compile, or would not mean the same in the browser."""
    content = document.content
    found: list[tuple[tuple, str]] = []
    for key in ("stock_phrases", "concrete", "pseudo_criticism"):
        for index, entry in enumerate(content[key]):
            found += [((key, index, field), entry[field]) for field in ("pattern", "unless") if field in entry]
    found += [(("types", field), value) for field, value in content["types"].items() if isinstance(value, str)]
    found.append((("meeting", "year"), content["meeting"]["year"]))
    errors = []
    for path, source in found:
        problem = js_subset_problem(source)
        if problem is None and path == ("meeting", "year") and re.compile(source).groups < 1:
            problem = "no group: the year is read from the first group"
        if problem:
            errors.append(DataError(document.path, document.line_of(path), field_path(path),
                                    "a regular expression in the subset Python and the browser read alike",
                                    f"{source!r}: {problem}"))
    return errors
