"""What the data folder holds: one table of every file it may hold, and a survey that files every
file under data/ under its row of the table or reports it, saying where data files go. A file in
a misspelt folder, a subfolder, with an extension Windows hid or in capitals is never left
unread without a word."""
from __future__ import annotations

import difflib
import fnmatch
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hooks.data.errors import DataError
from hooks.data.loader import unreadable


@dataclass(frozen=True)
class DataFile:
    """One row of the table: a file, or the files of a folder, and who reads them."""

    pattern: str  # relative to data/: a name, or <folder>/*.<suffix>
    holds: str  # what it holds, for messages
    kind: str | None = None  # YAML checked here: the group hooks.data.library files it under
    schema: str | None = None  # ... and its schema: data/schema/<schema>.schema.yaml
    required: bool = False  # a single file that must be there (folders must be there, and may be empty)
    reader: str = "the data check"

    @property
    def folder(self) -> str | None:
        return self.pattern.split("/")[0] if "/" in self.pattern else None


DATA_FILES = (
    DataFile("sources.yaml", "every source a record or fact cites", "sources", "sources", True),
    DataFile("dimensions.yaml", "the cross-year dimensions", "dimensions", "dimensions", True),
    DataFile("privacy_exceptions.yaml", "the reviewed findings of the personal-data check",
             "privacy_exceptions", "privacy_exceptions", True),
    DataFile("review_rules.yaml", "自查's stock phrases and pseudo-criticism patterns", "review_rules", "review_rules", True),
    DataFile("meetings/*.yaml", "one meeting per file, named by its id", "meetings", "meeting"),
    DataFile("outlines/*.yaml", "one document type per file, named by its id", "outlines", "outline"),
    DataFile("examples/*.yaml", "example items, one file per source", "examples", "examples"),
    DataFile("cases/*.yaml", "anonymised cases", "cases", "cases"),
    DataFile("schema/*.schema.yaml", "the JSON Schemas of the files above"),
    DataFile("privacy/surnames.txt", "surnames", required=True, reader="the personal-data check"),
    DataFile("privacy/rare_surnames.txt", "surnames found only beside a title or label", required=True,
             reader="the personal-data check"),
    DataFile("privacy/public_names.txt", "names that are public", required=True, reader="the personal-data check"),
    DataFile("privacy/name_words.txt", "words that are names", required=True, reader="the personal-data check"),
    DataFile("privacy/common_words.txt", "common words", required=True, reader="the personal-data check"),
)
YAML_ROWS = tuple(row for row in DATA_FILES if row.kind)
TEXT_ROWS = tuple(row for row in DATA_FILES if row.pattern.endswith(".txt"))
SCHEMA_ROW = next(row for row in DATA_FILES if row.folder == "schema")
# Folders of files matched by a wildcard: they must exist (and may be empty).
FOLDERS = tuple(dict.fromkeys(row.folder for row in DATA_FILES if row.folder and "*" in row.pattern))
KNOWN_FOLDERS = tuple(dict.fromkeys(row.folder for row in DATA_FILES if row.folder))

_SYSTEM_FILES = {".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db", ".directory"}
_TEMPORARY = re.compile(r"(~|\.bak|\.orig|\.swp|\.swo|\.tmp|\.temp|#)$|^(\.#|#|~\$|\.~lock\.)", re.I)
# Files an editor keeps only while a data file is open (vim's .x.yaml.swp and its 4913 probe,
# Emacs' .#x.yaml lock, LibreOffice's .~lock.x.yaml#): skipped, so that `mkdocs serve` does not stop
# while a maintainer edits. They hold nothing the check should read; a leftover one stays on disk.
_OPEN_IN_EDITOR = re.compile(r"^\.[^/]+\.sw[a-p]$|^\.#[^/]+$|^\.~lock\.[^/]+#$|^4913$")
_MATERIALS = {".docx", ".doc", ".wps", ".pdf", ".txt", ".md", ".rtf", ".odt", ".html", ".htm"}
_MOST_FILES = 1000  # in an unknown folder: counted up to here, then summed up


@dataclass
class Survey:
    """Every file under data/: the files of each row (sorted by name), and errors for the rest."""

    found: dict[DataFile, list[Path]] = field(default_factory=lambda: {row: [] for row in DATA_FILES})
    errors: list[DataError] = field(default_factory=list)


def survey(data_dir: Path) -> Survey:
    """Every file under data_dir under its row, or an error saying where data files go; a folder or
    required file that is missing, or cannot be read, is an error too."""
    result = Survey()
    root = data_dir.parent

    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix()

    def error(path: Path, expected: str, found: str, what: str = "(file)") -> None:
        result.errors.append(DataError(shown(path) + ("/" if what == "(folder)" else ""), None, what, expected, found))

    if not data_dir.is_dir():
        error(data_dir, "the data folder (meetings/, outlines/, examples/, cases/, sources.yaml …)",
              "no such folder" if not data_dir.exists() else "a file, not a folder", "(folder)")
        return result
    entries = _entries(data_dir, error)
    present = set()
    for name, path, is_dir in entries:
        if is_dir and name in KNOWN_FOLDERS:
            present.add(name)
            for child, child_path, child_is_dir in _entries(path, error):
                if child_is_dir:
                    _report_tree(child_path, f"a folder inside {name}/: {name} files go directly in data/{name}/",
                                 _where(f"{name}/{child}"), error)
                else:
                    _file(f"{name}/{child}", child_path, result, error)
        elif is_dir:
            close = _close_folder(name)
            _report_tree(path, f"a folder the check does not read{close}", _where(""), error)
        else:
            _file(name, path, result, error)
    for folder in KNOWN_FOLDERS:
        if folder in present or any(e.file == shown(data_dir / folder) + "/" for e in result.errors):
            continue
        rows = [row for row in DATA_FILES if row.folder == folder]
        holds = "; ".join(dict.fromkeys(row.holds if "*" in row.pattern else row.pattern.split("/")[1]
                                        for row in rows))
        if folder in FOLDERS or any(row.required for row in rows):
            error(data_dir / folder, f"this folder ({holds})", "no such folder", "(folder)")
    for row in DATA_FILES:
        if row.required and not result.found[row] and (not row.folder or row.folder in present):
            error(data_dir / row.pattern, f"this file ({row.holds}, read by {row.reader})", "no such file")
    return result


def _entries(folder: Path, error) -> list[tuple[str, Path, bool]]:
    """(name, path, is a folder) of a folder's entries, sorted; an unreadable folder is reported."""
    try:
        with os.scandir(folder) as listing:
            found = [(entry.name, Path(entry.path), _is_dir(entry)) for entry in listing]
    except OSError as failure:
        error(folder, "a folder the check can read", unreadable(folder, failure), "(folder)")
        return []
    return sorted(found)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # a link to a folder counts as a folder
    except OSError:  # a link loop: reported as a file that cannot be read
        return False


def _file(relative: str, path: Path, result: Survey, error) -> None:
    if _OPEN_IN_EDITOR.match(relative.rpartition("/")[2]):
        return
    for row in DATA_FILES:
        if fnmatch.fnmatchcase(relative, row.pattern):
            result.found[row].append(path)
            return
    error(path, _where(relative), _why_not(relative))


def _report_tree(folder: Path, why: str, where: str, error) -> None:
    """Every file under a folder the check does not read (the first few named, then counted);
    the folder itself if it holds none (a folder named x.yaml, an empty misspelt folder)."""
    files = list(_walk(folder, error))
    if not files:
        error(folder, where, f"an empty {why.removeprefix('a ')}", "(folder)")
        return
    for path in files[:10]:
        error(path, where, f"a file in {why}")
    if len(files) > 10:
        more = f"{len(files) - 10}" + (" or more" if len(files) >= _MOST_FILES else "")
        error(folder, where, f"{more} more files in {why}", "(folder)")


def _walk(folder: Path, error) -> Iterator[Path]:
    count = 0

    def unreadable_folder(failure: OSError) -> None:
        error(Path(failure.filename), "a folder the check can read", unreadable(Path(failure.filename), failure),
              "(folder)")
    for top, folders, files in os.walk(folder, followlinks=False, onerror=unreadable_folder):
        for name in sorted(files) + sorted(f for f in folders if os.path.islink(os.path.join(top, f))):
            yield Path(top) / name
            count += 1
            if count >= _MOST_FILES:
                return
        folders.sort()


def _where(relative: str) -> str:
    """Where data files go (the place that fits the file's name, if one does)."""
    folder = relative.split("/")[0] if "/" in relative else None
    rows = [row for row in DATA_FILES if row.folder == folder and folder]
    if rows:
        return f"a file named like {', '.join(row.pattern for row in rows)}" + \
            (f" ({rows[0].holds})" if len(rows) == 1 else "")
    return f"a data file where the check reads it: {_PLACES}"


# Every place in the table, shortly: privacy/ (surnames.txt, …) for a folder of named files.
_PLACES = ", ".join(dict.fromkeys(
    row.pattern if not row.folder or "*" in row.pattern else
    f"{row.folder}/ ({', '.join(r.pattern.split('/')[1] for r in DATA_FILES if r.folder == row.folder)})"
    for row in DATA_FILES))


def _why_not(relative: str) -> str:
    """What the file looks like, and what to do with it."""
    folder, _, name = relative.rpartition("/")
    lower = name.lower()
    stem, suffix = os.path.splitext(name)
    if lower in _SYSTEM_FILES or name.startswith("._"):
        return "a file the system's file manager writes (macOS Finder, Windows Explorer): delete it"
    if _TEMPORARY.search(name):
        return "a backup or an editor's temporary file: delete it or move it out of data/"
    for row in DATA_FILES:
        target = fnmatch.fnmatchcase
        if target(relative.lower(), row.pattern) and not target(relative, row.pattern):
            return f"a name in capitals where the check reads lower case: rename it to {_lower_suffix(name)}"
    if re.search(r"\.ya?ml\.[a-z0-9]+$", lower):
        fixed = re.sub(r"(\.ya?ml)\.[a-z0-9]+$", ".yaml", name, flags=re.I)
        return (f"a YAML file with {suffix} added (Windows hides extensions): rename it to {fixed}")
    if lower.endswith(".yml"):
        return f"a .yml file: rename it to {stem}.yaml"
    if name.startswith(".") and lower.endswith(".yaml"):
        return f"a hidden file (its name starts with a dot): rename it to {name.lstrip('.')}"
    if suffix.lower() in _MATERIALS and folder in ("examples", "cases", ""):
        return ("a material, not data: import it with `python -m hooks.ingest FILE -o data/examples/NAME.yaml`,"
                " then move FILE out of data/")
    if folder == "schema":
        return "a file in schema/ whose name does not end in .schema.yaml"
    return "a file the check does not read"


def _lower_suffix(name: str) -> str:
    stem, suffix = os.path.splitext(name)
    return name.lower() if name.lower() in {row.pattern for row in DATA_FILES} else stem + suffix.lower()


def _close_folder(name: str) -> str:
    single = [row.pattern for row in DATA_FILES if row.pattern.split(".")[0] == name.lower()]
    if single:
        return f" (did you mean the file {single[0]}?)"
    close = difflib.get_close_matches(name.lower(), KNOWN_FOLDERS, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}/?)" if close else ""


def data_files(data_dir: Path) -> list[Path]:
    """The files read as YAML data (for sizing the job)."""
    found = survey(data_dir).found
    return [path for row in YAML_ROWS for path in found[row]]
