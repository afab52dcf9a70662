"""Load every file under data/, validate it, and build the Library model.

Data flow: YAML files → Documents (with line marks) → JSON Schema checks → cross-reference
checks → a text check given by the caller (the personal-data checker, hooks.check) →
dataclasses. Every problem found is collected; the caller gets a Library or one DataErrors
listing them all.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from hooks.data import crossref
from hooks.data.errors import DataError, DataErrors
from hooks.data.layout import TEXT_ROWS, YAML_ROWS, data_files, survey
from hooks.data.loader import Document, read_document, read_text, refused_characters
from hooks.data.model import (Aspect, Dimension, ExampleStep, Fact, Library, LocalAddition, Meeting, Outline,
                              OutlineExample, OutlineSection, Record, RequiredSection, Source, Theme)
from hooks.data.schemas import check, schema_problems, validator, warm_up

# Where each kind of data lives, and which schema checks it: hooks/data/layout.py's table.
SINGLE_FILES = {row.pattern: row.schema for row in YAML_ROWS if not row.folder}
FOLDERS = {row.folder: row.schema for row in YAML_ROWS if row.folder}
UNIT_ORDER = tuple(row.kind for row in YAML_ROWS)
# Text in these is scanned for personal data (the exceptions file itself quotes what it accepts).
SCANNED = ("sources", "dimensions", "meetings", "outlines", "examples", "cases")
# The schemas of the files of those kinds (read_documents scans them while reading).
SCANNED_SCHEMAS = {row.schema for row in YAML_ROWS if row.kind in SCANNED}

# What a text check finds in one document: (field path, finding) pairs, in document order.
Scanned = list[tuple[tuple, Any]]


class TextCheck(Protocol):
    """A check of every text in the data, given by the caller so that data/ depends on no
    checker: hooks.privacy's personal-data check. `scan` runs while files are read (in both
    processes when reading in two), `errors` once every file is read."""

    def prepare(self) -> None: ...  # load what scan needs before a fork, so the fork inherits it

    def scan(self, document: Document) -> Scanned: ...

    def errors(self, documents: dict[str, list[Document]], scanned: dict[str, Scanned]) -> list[DataError]: ...


def load_library(data_dir: Path, text_check: TextCheck | None = None) -> Library:
    """Read, check and model data/; raise DataErrors naming every problem."""
    # Loading makes many objects and few cycles; the collector's passes over them cost 0.5 s
    # at 10,000 records, so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        findings: dict[str, Scanned] = {}
        documents, errors = read_documents(data_dir, findings=findings,
                                           scan=text_check.scan if text_check else None,
                                           prepare=text_check.prepare if text_check else None)
        if not errors:
            errors += crossref.check(documents)
            if text_check is not None:
                errors += text_check.errors(documents, findings)
        if errors:
            raise DataErrors(errors)
        return build_library(documents)
    finally:
        if collecting:
            gc.enable()


def load_meetings(data_dir: Path) -> list[Meeting]:
    """Only the meetings (for tools such as the importer); schema errors raise DataErrors."""
    documents, errors = [], []
    row = next(row for row in YAML_ROWS if row.kind == "meetings")
    usable, errors = schema_problems(data_dir / "schema", [row.schema])
    for path in survey(data_dir).found[row]:
        document, problems = read_document(path, path.relative_to(data_dir.parent).as_posix())
        errors += problems
        if document is not None and row.schema in usable:
            errors += check(document, data_dir / "schema", row.schema)
            documents.append(document)
    if errors:
        raise DataErrors(errors)
    return sorted((_meeting(d) for d in documents), key=lambda m: (-m.year, -(m.batch or 0), m.id))


# A file to read: (its path, its path as shown, the schema folder, its schema or None if that
# schema cannot check it).
Job = tuple[Path, str, Path, "str | None"]


def read_documents(data_dir: Path, parallel: bool | None = None,
                   findings: dict[str, Scanned] | None = None,
                   scan: Callable[[Document], Scanned] | None = None,
                   prepare: Callable[[], None] | None = None,
                   ) -> tuple[dict[str, list[Document]], list[DataError]]:
    """Parse and schema-check every data file; group the documents by kind. Every other file under
    data_dir is checked as the text file it should be, or reported (hooks.data.layout).

    parallel (None: decide by the size of the data) reads half of the files in a forked process;
    the result is the same, in the same order, either way. When reading in two processes, each
    also runs scan (a TextCheck's) on the documents of the SCANNED kinds, into findings (by
    document path) if given; prepare runs once before the fork."""
    documents: dict[str, list[Document]] = {kind: [] for kind in UNIT_ORDER}
    root = data_dir.parent
    schema_dir = data_dir / "schema"
    found = survey(data_dir)
    errors: list[DataError] = list(found.errors)
    if not data_dir.is_dir():
        return documents, errors
    usable, problems = schema_problems(schema_dir, [row.schema for row in YAML_ROWS])
    errors += problems
    kinds: list[str] = []
    jobs: list[Job] = []
    for row in YAML_ROWS:
        for path in found.found[row]:
            kinds.append(row.kind)
            jobs.append((path, path.relative_to(root).as_posix(), schema_dir,
                         row.schema if row.schema in usable else None))
    if parallel is None:
        parallel = _is_large(job[0] for job in jobs)
    scan = scan if findings is not None else None
    results = iter(_read_in_two_processes(jobs, scan, prepare) if parallel and can_fork()
                   else ((*_read_one(job), None) for job in jobs))
    for kind in kinds:
        document, problems, scanned = next(results)
        errors.extend(problems)
        if scanned is not None and document is not None and findings is not None:
            findings[document.path] = scanned
        if document is not None and not problems:
            documents[kind].append(document)
    for row in TEXT_ROWS:
        for path in found.found[row]:
            errors += check_text_file(path, path.relative_to(root).as_posix())
    return documents, errors


def check_text_file(path: Path, shown: str) -> list[DataError]:
    """A text file other tools read (word lists): UTF-8, no control or invisible characters."""
    text, errors = read_text(path, shown)
    return errors if text is None else list(refused_characters(text, shown).values())


# Data size from which loading and schema checks run in two processes. Measured: data/ (~30
# files, 0.3 MB) and 1,000 records (0.7 MB) read 30-90 ms slower in two processes than in one,
# 10,000 records (6 MB) 0.5-1 s faster; the number of files says less than their size.
PARALLEL_FROM_BYTES = 2_000_000


def is_large(data_dir: Path) -> bool:
    """Whether data_dir is as large as read_documents reads in two processes."""
    return _is_large(data_files(data_dir))


def _is_large(paths: Iterable[Path]) -> bool:
    """Data this large is worth a second process for reading."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:  # read_documents reports it
            pass
    return total >= PARALLEL_FROM_BYTES


def _read_one(job: Job) -> tuple[Document | None, list[DataError]]:
    """Load and schema-check one file: (the document, or None if it does not parse; its errors)."""
    path, shown, schema_dir, schema = job
    try:
        document, errors = read_document(path, shown)
        if document is None or schema is None:
            return document, errors
        if document.content is None or isinstance(document.content, str):
            what = "an empty file (nothing but blank lines or comments)" if document.content is None else \
                "plain text, not fields (a material? import it: python -m hooks.ingest FILE)"
            return document, [*errors, DataError(shown, None, "(file)", f"the fields {_schema_file(schema)} lists",
                                                 what)]
        found = check(document, schema_dir, schema)
        if found and (elsewhere := _belongs_elsewhere(document, schema_dir, schema)):
            return document, [*errors, elsewhere]
        if errors:  # a character reported already is not reported again as not matching a pattern
            reported = {(error.line, error.field) for error in errors}
            found = [error for error in found if (error.line, error.field) not in reported]
        return document, errors + found
    except Exception as failure:  # noqa: BLE001 - a file the check did not foresee still names itself
        return None, [DataError(shown, None, "(file)", "a file the check can read",
                                f"{type(failure).__name__}: {str(failure)[:200]} (please report this)")]


def _schema_file(schema: str) -> str:
    return f"data/schema/{schema}.schema.yaml"


def _belongs_elsewhere(document: Document, schema_dir: Path, schema: str) -> DataError | None:
    """A file of another kind in the wrong place (a meeting among the examples …): one error that
    says where it goes, instead of one for every field that this place does not expect."""
    content = document.content
    if not isinstance(content, dict):
        return None
    for row in YAML_ROWS:
        if row.schema == schema:
            continue
        try:
            other = validator(schema_dir, row.schema).schema
        except Exception:  # noqa: BLE001 - that schema is broken: reported with the schemas
            continue
        required, known = other.get("required", []), other.get("properties", {})
        if required and all(key in content for key in required) and all(key in known for key in content):
            return DataError(document.path, None, "(file)", f"a file that {_schema_file(schema)} describes",
                             f"a file of data/{row.pattern} ({row.holds}): move it there")
    return None


# A read file: its document (or None), its errors, and its text check's findings (None: not scanned).
Read = tuple[Document | None, list[DataError], Scanned | None]


def _read_many(jobs: list[Job], scan: Callable[[Document], Scanned] | None) -> list[Read]:
    """Read the files; with scan, also scan the documents of the SCANNED kinds (wasted if the
    data has errors, but then done while the other process reads)."""
    results: list[Read] = []
    for job in jobs:
        document, errors = _read_one(job)
        scanned = None
        if scan is not None and document is not None and job[3] in SCANNED_SCHEMAS:
            scanned = scan(document)
        results.append((document, errors, scanned))
    return results


def can_fork() -> bool:
    """Two cores, fork available, and no other thread (forking a threaded process, such as
    `mkdocs serve` with its watcher, can copy a held lock)."""
    return ((os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def _read_in_two_processes(jobs: list[Job], scan: Callable[[Document], Scanned] | None,
                           prepare: Callable[[], None] | None) -> list[Read]:
    """The odd-numbered files in a forked process, the even ones here; results in job order.
    Documents come back pickled, line marks included (MarkedDict/MarkedList keep their __dict__)."""
    for schema_dir, schema in {(job[2], job[3]) for job in jobs if job[3]}:
        warm_up(schema_dir, schema)  # compiled once here, inherited by the fork
    if scan is not None and prepare is not None:
        prepare()  # loaded once here, inherited by the fork
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        odd = pool.submit(_read_many, jobs[1::2], scan)
        even = _read_many(jobs[0::2], scan)
        odd_results = odd.result()
    results: list[Read] = []
    for index in range(len(jobs)):
        results.append(even[index // 2] if index % 2 == 0 else odd_results[index // 2])
    return results


def build_library(documents: dict[str, list[Document]]) -> Library:
    """Turn checked documents into the model; assumes crossref.check found nothing."""
    sources = {s["id"]: _source(s) for d in documents["sources"] for s in d.content["sources"]}
    dimensions = {x["id"]: Dimension(x["id"], x["title"], x["description"])
                  for d in documents["dimensions"] for x in d.content["dimensions"]}
    meetings = sorted((_meeting(d) for d in documents["meetings"]),
                      key=lambda m: (-m.year, -(m.batch or 0), m.id))
    by_meeting = {m.id: m for m in meetings}
    outlines = sorted((_outline(d) for d in documents["outlines"]), key=lambda o: (o.order, o.id))
    records = list(_records(documents["examples"], "examples", "example", by_meeting))
    records += _records(documents["cases"], "cases", "case", by_meeting)
    meeting_rank = {m.id: i for i, m in enumerate(meetings)}
    records.sort(key=lambda r: (meeting_rank[r.meeting.id], r.aspect.position if r.aspect else 99,
                                r.type != "example"))
    return Library(sources, dimensions, meetings, outlines, records)


def _source(raw: dict) -> Source:
    return Source(raw["id"], raw["kind"], raw["title"], raw.get("file"), raw.get("description"),
                  raw.get("anonymisation"), raw.get("url"), raw.get("accessed"))


def _fact(raw: dict | None) -> Fact | None:
    return Fact(raw["text"], raw["confirmed"], raw["source"]) if raw else None


def _meeting(document: Document) -> Meeting:
    raw = document.content
    aspects = tuple(
        Aspect(a["id"], raw["id"], i, a["title"], a.get("short"), a.get("incomplete", False),
               tuple(a["dimensions"]), a["confirmed"], a["source"])
        for i, a in enumerate(raw["aspects"], start=1))
    return Meeting(
        id=raw["id"], year=raw["year"], kind=raw["kind"], title=raw["title"],
        themes=tuple(Theme(t["text"], t["scope"], t["confirmed"], t["source"]) for t in raw["themes"]),
        aspects=aspects, file=document.path, batch=raw.get("batch"), held=raw.get("held"),
        context=raw.get("context"), general_requirement=_fact(raw.get("general_requirement")),
        aspect_count=raw.get("aspect_count"),
        required_sections=tuple(RequiredSection(s["id"], s["title"], tuple(s.get("parts", ())),
                                                s["confirmed"], s["source"])
                                for s in raw.get("required_sections", ())),
        notes=tuple(_fact(n) for n in raw.get("notes", ())),
        local_additions=tuple(LocalAddition(x["text"], x["source"], x.get("tag"), x.get("note"))
                              for x in raw.get("local_additions", ())))


def _section(raw: dict) -> OutlineSection:
    return OutlineSection(
        title=raw.get("title"), each=raw.get("each"), title_format=raw.get("title_format"),
        numbered=raw.get("numbered", True), requires=raw.get("requires"),
        guidance=raw.get("guidance"), mistakes=tuple(raw.get("mistakes", ())),
        fields=tuple(raw.get("fields", ())),
        children=tuple(_section(c) for c in raw.get("children", ())))


def _outline(document: Document) -> Outline:
    raw = document.content
    example = raw.get("example")
    return Outline(raw["id"], raw["title"], raw["order"], raw["level"], raw["description"],
                   raw["source"], tuple(_section(s) for s in raw["sections"]), document.path,
                   raw.get("requires"), tuple(raw.get("columns", ())), raw.get("part"),
                   _example(example) if example else None)


def _example(raw: dict) -> OutlineExample:
    steps = tuple(ExampleStep(s["speaker"], s["text"], s.get("agenda"), s.get("criticised", False))
                  for s in raw["steps"])
    return OutlineExample(raw["title"], raw["source"], steps, raw.get("meeting"), raw.get("note"))


def _records(documents: Iterable[Document], key: str, kind: str,
             meetings: dict[str, Meeting]) -> Iterable[Record]:
    for document in documents:
        default_source = document.content["source"]
        for index, raw in enumerate(document.content[key]):
            meeting = meetings[raw["meeting"]]
            aspect = meeting.aspect(raw.get("aspect"))
            dimensions = tuple(raw.get("dimensions") or (aspect.dimensions if aspect else ()))
            yield Record(
                id=raw["id"], type=kind, meeting=meeting, aspect=aspect, dimensions=dimensions,
                level=raw["level"], unit=raw["unit"], part=raw.get("part", "案例"),
                title=raw["title"], source=raw.get("source", default_source), file=document.path,
                line=document.line_of((key, index)), text=raw.get("text"),
                instance=raw.get("instance"), situation=raw.get("situation"),
                analysis=raw.get("analysis"), lessons=raw.get("lessons"),
                tags=tuple(raw.get("tags", ())), draft=raw.get("draft", False),
                also_sources=tuple(raw.get("also_sources", ())), giver=raw.get("giver"),
                receiver=raw.get("receiver"))
