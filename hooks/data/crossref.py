"""Checks that span files: unique ids, and every meeting, aspect, dimension, source and
required-section reference pointing at something that exists."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from hooks.data.errors import DataError, field_path, show
from hooks.data.loader import Document
from hooks.data.names import FILE_NAME_BYTES, FIXED_PAGE_NAMES, docx_file_name, same_file_key


class _Ids:
    """Ids seen so far in one namespace, remembering where each was first defined."""

    def __init__(self, what: str):
        self.what = what
        self.first: dict[str, tuple[str, int | None]] = {}

    def add(self, value: str, document: Document, path: tuple, errors: list[DataError],
            page_segment: bool = False) -> None:
        if page_segment and value in FIXED_PAGE_NAMES:  # hooks/data/names.py says why
            errors.append(DataError(document.path, document.line_of(path), field_path(path),
                                    f"{_a(self.what)} id other than {' and '.join(sorted(FIXED_PAGE_NAMES))}"
                                    " (the site has pages of those names beside the ones named by ids)",
                                    show(value)))
        if value in self.first:
            file, line = self.first[value]
            errors.append(DataError(document.path, document.line_of(path), field_path(path),
                                    f"{_a(self.what)} id not used before",
                                    f"{value!r}, already defined at {file}:{line}"))
        else:
            self.first[value] = (document.path, document.line_of(path))



def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _known(value: str, known: set[str] | dict, what: str, document: Document, path: tuple,
           errors: list[DataError]) -> None:
    if value not in known:
        sample = ", ".join(sorted(known)[:12]) + (" …" if len(known) > 12 else "") if known else "there are none"
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
            dimensions.add(raw["id"], document, ("dimensions", i, "id"), errors, page_segment=True)
    source_ids, dimension_ids = set(sources.first), set(dimensions.first)

    meetings = _Ids("meeting")
    aspects_of: dict[str, set[str]] = {}
    section_ids: set[str] = set()
    for document in documents["meetings"]:
        raw = document.content
        meetings.add(raw["id"], document, ("id",), errors, page_segment=True)
        _matches_file_name(raw["id"], document, errors)
        _starts_with_year(raw, document, errors)
        aspect_ids = _Ids(f"aspect (in meeting {raw['id']})")
        for i, aspect in enumerate(raw["aspects"]):
            aspect_ids.add(aspect["id"], document, ("aspects", i, "id"), errors, page_segment=True)
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
        outlines.add(raw["id"], document, ("id",), errors, page_segment=True)
        _matches_file_name(raw["id"], document, errors)
        _known(raw["source"], source_ids, "source", document, ("source",), errors)
        if "requires" in raw:
            _known(raw["requires"], section_ids, "required section", document, ("requires",), errors)
        _check_sections(raw["sections"], ("sections",), section_ids, document, errors)

    _word_file_names(documents["meetings"], documents["outlines"], errors)

    records = _Ids("record")
    for kind in ("examples", "cases"):
        for document in documents[kind]:
            _known(document.content["source"], source_ids, "source", document, ("source",), errors)
            if _copy_of_another_file(document, kind, records, errors):
                continue
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


def _starts_with_year(raw: dict, document: Document, errors: list[DataError]) -> None:
    """An id that starts with a year names the meeting's year (a copied file whose year was left)."""
    prefix = raw["id"][:4]
    if prefix.isdigit() and raw["id"][4:5] in ("", "-") and int(prefix) != raw["year"]:
        errors.append(DataError(document.path, document.line_of(("year",)), "year",
                                f"the year the id starts with ({prefix})", show(raw["year"])))


def _word_file_names(meetings: list[Document], outlines: list[Document], errors: list[DataError]) -> None:
    """The Word templates are named <meeting title>-<document type>.docx (hooks.data.names): no two
    may share a name (Windows and macOS do not tell case apart), and each must fit in a file name."""
    titles = [(d, d.content["title"]) for d in outlines]
    first: dict[str, tuple[Document, str]] = {}  # file key → the meeting that names it, and the name
    clashes: dict[int, tuple[Document, Document, str]] = {}  # meeting → (it, the other, the name)
    for meeting in meetings:
        title = meeting.content["title"]
        for _, outline in titles:
            name = docx_file_name(title, outline)
            other, _ = first.setdefault(same_file_key(name), (meeting, name))
            if other is not meeting:  # both are told, each naming the other
                clashes.setdefault(id(meeting), (meeting, other, name))
                clashes.setdefault(id(other), (other, meeting, name))
        longest = max((len(docx_file_name(title, outline).encode()) for _, outline in titles), default=0)
        if longest > FILE_NAME_BYTES:
            over = longest - FILE_NAME_BYTES
            errors.append(DataError(meeting.path, meeting.line_of(("title",)), "title",
                                    f"a title short enough to name its Word templates (<title>-<document type>.docx"
                                    f" holds at most {FILE_NAME_BYTES} bytes; a Chinese character takes 3)",
                                    f"a title {len(title)} characters long, {over} bytes too long"
                                    f" (about {-(-over // 3)} Chinese characters)"))
    for meeting, other, name in clashes.values():
        errors.append(DataError(meeting.path, meeting.line_of(("title",)), "title",
                                "a title no other meeting has (it names the meeting's Word templates)",
                                f"{show(meeting.content['title'])}, which names the same file {name} as the title"
                                f" at {other.path}:{other.line_of(('title',))}"))
    for outline_document, outline in titles:
        if len(docx_file_name("", outline).encode()) > FILE_NAME_BYTES // 2:
            errors.append(DataError(outline_document.path, outline_document.line_of(("title",)), "title",
                                    "a document type short enough to name the Word templates",
                                    f"a title {len(outline)} characters long"))


def _copy_of_another_file(document: Document, kind: str, records: _Ids, errors: list[DataError]) -> bool:
    """A file whose every record is already defined in one other file (a copy left beside it,
    “seed-000 - 副本.yaml”): one error, not one per record."""
    ids = [raw["id"] for raw in document.content[kind]]
    earlier = {records.first[i][0] for i in ids if i in records.first}
    if len(ids) < 2 or len(earlier) != 1 or any(i not in records.first for i in ids):
        return False
    copy, original = document.path, earlier.pop()
    if _COPY_NAME.search(PurePosixPath(original).stem) and not _COPY_NAME.search(PurePosixPath(copy).stem):
        copy, original = original, copy  # the copy was read first: it sorts first
    errors.append(DataError(copy, None, "(file)", f"{kind} not already in another file",
                            f"the same {len(ids)} record ids as {original} (a copy? delete one of the two)"))
    return True


# How file managers name a copy: “x - 副本.yaml”, “x copy.yaml”, “x (2).yaml”, “复件 x.yaml”.
_COPY_NAME = re.compile(r"副本|复件|拷贝|copy|\(\d+\)$", re.I)
