"""The personal-data check of data/: every text of the data files, as hooks.data.library
reads them (a TextCheck), with the reviewed exceptions of data/privacy_exceptions.yaml and the
word lists of the data folder's privacy/."""
from __future__ import annotations

from pathlib import Path

from hooks.data.errors import DataError, field_path
from hooks.data.library import SCANNED, Scanned
from hooks.data.loader import Document
from hooks.privacy import rules, tagged
from hooks.privacy.checker import Exceptions, Finding, exceptions_from, scan


class PersonalDataCheck:
    """hooks.data.library.TextCheck: no personal data in the texts of data/."""

    def __init__(self, privacy_dir: Path | None = None) -> None:
        """privacy_dir: the word lists (<data folder>/privacy); None: those in use (the repository's)."""
        self._findings_of: dict[str, list[Finding]] = {}
        self._privacy_dir = privacy_dir
        self._ready: bool | None = None

    def prepare(self) -> bool:
        """Read the word lists and warm the tagger up; False if the lists cannot be read
        (hooks.data.library reports the files)."""
        if self._ready is None:
            if self._privacy_dir is not None:
                rules.use_word_lists(self._privacy_dir)
            try:
                rules.common_words()
                for name in rules.WORD_LISTS:
                    getattr(rules, name)
                self._ready = True
            except (OSError, UnicodeDecodeError):
                self._ready = False
            else:
                tagged.warm_up()
                tagged.load_stored()
        return self._ready

    def scan(self, document: Document) -> Scanned:
        if not self.prepare():
            return []
        found = _findings(document, self._findings_of)
        tagged.store_new()  # also in the forked reader, whose memory is gone when it ends
        return found

    def errors(self, documents: dict[str, list[Document]], scanned: dict[str, Scanned]) -> list[DataError]:
        if not self.prepare():
            return []
        errors = personal_data(documents, scanned)
        tagged.store_new()
        return errors


def personal_data(documents: dict[str, list[Document]],
                  scanned: dict[str, Scanned] | None = None) -> list[DataError]:
    """Every text that names a person, place or unit, unless a reviewed exception accepts it.
    scanned: the findings of documents already scanned (hooks.data.library.read_documents), by document path."""
    exceptions = Exceptions([entry for d in documents["privacy_exceptions"]
                                     for entry in exceptions_from(d.content).entries])
    errors = []
    findings_of: dict[str, list[Finding]] = {}
    for kind in SCANNED:
        for document in documents[kind]:
            found = (scanned or {}).get(document.path)
            for path, finding in _findings(document, findings_of) if found is None else found:
                if exceptions.accepts(finding, document.path):
                    continue
                errors.append(DataError(
                    document.path, document.line_of(path), field_path(path),
                    f"no personal data: write {finding.placeholder} instead of this {finding.category},"
                    " or accept it with a reason in data/privacy_exceptions.yaml",
                    f"«{finding.match}»"))
    return errors


def _findings(document: Document, findings_of: dict[str, list[Finding]]) -> list[tuple[tuple, Finding]]:
    """What privacy.scan finds in the document's texts, with their field paths, in document order.
    privacy.scan is pure, and ids, enum values, tags and stock phrases repeat across records
    (10,000 records: 119,000 texts, 28,000 different), so findings_of keeps each text's findings."""
    found = []
    for path, text in _texts(document.content, (), []):
        findings = findings_of.get(text)
        if findings is None:
            findings = findings_of[text] = scan(text)
        found.extend((path, finding) for finding in findings)
    return found


def _texts(value: object, path: tuple, found: list[tuple[tuple, str]]) -> list[tuple[tuple, str]]:
    """Every string inside a loaded YAML value, with its field path, in document order (appended
    to found: a list is cheaper than nested generators over 100,000 strings)."""
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            _texts(item, path + (key,), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _texts(item, path + (index,), found)
    return found
