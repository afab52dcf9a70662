"""Checks that span files: unique ids, and every meeting, aspect, dimension, source and
required-section reference pointing at something that exists."""
from __future__ import annotations

from pathlib import PurePosixPath

from hooks.data.errors import DataError, field_path, show
from hooks.data.loader import Document


class _Ids:
    """Ids seen so far in one namespace, remembering where each was first defined."""

    def __init__(self, what: str):
        self.what = what
        self.first: dict[str, tuple[str, int | None]] = {}

    def add(self, value: str, document: Document, path: tuple, errors: list[DataError]) -> None:
        if value in self.first:
            file, line = self.first[value]
            errors.append(DataError(document.path, document.line_of(path), field_path(path),
                                    f"a {self.what} id not used before",
                                    f"{value!r}, already defined at {file}:{line}"))
        else:
            self.first[value] = (document.path, document.line_of(path))



def _known(value: str, known: set[str] | dict, what: str, document: Document, path: tuple,
           errors: list[DataError]) -> None:
    if value not in known:
        sample = ", ".join(sorted(known)[:12]) + (" …" if len(known) > 12 else "")
        errors.append(DataError(document.path, document.line_of(path), field_path(path),
                                f"a known {what} id ({sample})", show(value)))


def check(documents: dict[str, list[Document]]) -> list[DataError]:
    errors: list[DataError] = []
    sources, dimensions = _Ids("source"), _Ids("dimension")
    for document in documents["sources"]:
        for i, raw in enumerate(document.content["sources"]):
            sources.add(raw["id"], document, ("sources", i, "id"), errors)
    for document in documents["dimensions"]:
        for i, raw in enumerate(document.content["dimensions"]):
            dimensions.add(raw["id"], document, ("dimensions", i, "id"), errors)
    source_ids, dimension_ids = set(sources.first), set(dimensions.first)

    meetings = _Ids("meeting")
    aspects_of: dict[str, set[str]] = {}
    section_ids: set[str] = set()
    for document in documents["meetings"]:
        raw = document.content
        meetings.add(raw["id"], document, ("id",), errors)
        _matches_file_name(raw["id"], document, errors)
        aspect_ids = _Ids(f"aspect (in meeting {raw['id']})")
        for i, aspect in enumerate(raw["aspects"]):
            aspect_ids.add(aspect["id"], document, ("aspects", i, "id"), errors)
            for j, dimension in enumerate(aspect["dimensions"]):
                _known(dimension, dimension_ids, "dimension", document, ("aspects", i, "dimensions", j), errors)
            _known(aspect["source"], source_ids, "source", document, ("aspects", i, "source"), errors)
        aspects_of[raw["id"]] = set(aspect_ids.first)
        count = raw.get("aspect_count")
        if count is not None and count < len(raw["aspects"]):
            errors.append(DataError(document.path, document.line_of(("aspect_count",)), "aspect_count",
                                    f"at least the {len(raw['aspects'])} aspects listed", str(count)))
        for key in ("themes", "notes", "required_sections"):
            for i, item in enumerate(raw.get(key, ())):
                _known(item["source"], source_ids, "source", document, (key, i, "source"), errors)
        if raw.get("general_requirement"):
            _known(raw["general_requirement"]["source"], source_ids, "source", document,
                   ("general_requirement", "source"), errors)
        sections = _Ids(f"required section (in meeting {raw['id']})")
        for i, section in enumerate(raw.get("required_sections", ())):
            sections.add(section["id"], document, ("required_sections", i, "id"), errors)
        section_ids |= set(sections.first)

    outlines = _Ids("outline")
    for document in documents["outlines"]:
        raw = document.content
        outlines.add(raw["id"], document, ("id",), errors)
        _matches_file_name(raw["id"], document, errors)
        _known(raw["source"], source_ids, "source", document, ("source",), errors)
        if "requires" in raw:
            _known(raw["requires"], section_ids, "required section", document, ("requires",), errors)
        _check_sections(raw["sections"], ("sections",), section_ids, document, errors)

    records = _Ids("record")
    for kind in ("examples", "cases"):
        for document in documents[kind]:
            _known(document.content["source"], source_ids, "source", document, ("source",), errors)
            for i, raw in enumerate(document.content[kind]):
                path = (kind, i)
                records.add(raw["id"], document, path + ("id",), errors)
                if raw["meeting"] not in aspects_of:
                    _known(raw["meeting"], aspects_of, "meeting", document, path + ("meeting",), errors)
                elif raw.get("aspect") is not None:
                    _known(raw["aspect"], aspects_of[raw["meeting"]], f"aspect of meeting {raw['meeting']}",
                           document, path + ("aspect",), errors)
                for j, dimension in enumerate(raw.get("dimensions", ())):
                    _known(dimension, dimension_ids, "dimension", document, path + ("dimensions", j), errors)
                if "source" in raw:
                    _known(raw["source"], source_ids, "source", document, path + ("source",), errors)
                for j, source in enumerate(raw.get("also_sources", ())):
                    _known(source, source_ids, "source", document, path + ("also_sources", j), errors)
    return errors


def _check_sections(sections: list, path: tuple, section_ids: set[str], document: Document,
                    errors: list[DataError]) -> None:
    for i, section in enumerate(sections):
        if "requires" in section:
            _known(section["requires"], section_ids, "required section", document,
                   path + (i, "requires"), errors)
        if section.get("title_format") and "{title}" not in section["title_format"]:
            errors.append(DataError(document.path, document.line_of(path + (i, "title_format")),
                                    field_path(path + (i, "title_format")),
                                    "a format containing {title}", show(section["title_format"])))
        _check_sections(section.get("children", ()), path + (i, "children"), section_ids, document, errors)


def _matches_file_name(value: str, document: Document, errors: list[DataError]) -> None:
    """One meeting or outline per file, named by its id, so maintainers find it by URL."""
    stem = PurePosixPath(document.path).stem
    if stem != value:
        errors.append(DataError(document.path, document.line_of(("id",)), "id",
                                f"the file name without .yaml ({stem!r})", show(value)))
