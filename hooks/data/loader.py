"""Load YAML files into plain values that remember the line of every mapping key and list item.

A file is read as the maintainer's editor shows it: line numbers count the line breaks an editor
counts, characters one cannot see (or that YAML takes for line breaks and editors do not) are
refused and named by their code point, and YAML's own mistakes are explained in the terms of the
usual cause (a tab, a full-width colon, a value starting with a quote …). What YAML would make of
a file without a word is refused too: a value used again through an alias of a list or mapping
(a 1 KB file can stand for gigabytes), nesting deeper than anyone writes by hand (the C parser
would overflow its stack), a date where text is meant (read as text instead).
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from hooks.data.errors import DataError, DataErrors, code_point, field_path, show

try:  # the C loader is several times faster (MKDOCS-NOTES.md)
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class MarkedDict(dict):
    """A mapping that also knows the 1-based line of itself and of each key (and, for values YAML
    read as something other than text, the text as written: `raw`)."""

    line: int = 0
    key_lines: dict[str, int]
    raw: dict[str, str] | None = None


class MarkedList(list):
    """A sequence that also knows the 1-based line of itself and of each item."""

    line: int = 0
    item_lines: list[int]
    raw: dict[int, str] | None = None


class YamlDate:
    """A plain value YAML reads as a date (2025-12-25). No field is a date: it is kept as written,
    not converted (2025-02-30 would stop the load); not being text, the schema check asks for quotes."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, YamlDate) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)

    def __reduce__(self) -> tuple:
        return YamlDate, (self.text,)


_STR_TAG = "tag:yaml.org,2002:str"
# Read as text: the YAML 1.1 types PyYAML's safe loader cannot construct.
_AS_TEXT = {"tag:yaml.org,2002:value", "tag:yaml.org,2002:yaml"}
# What a plain value becomes instead of text, for messages that say to quote it.
_READ_AS = {"tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
            "tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:null": "nothing (null)",
            "tag:yaml.org,2002:timestamp": "a date"}


def read_as(value: object) -> str:
    """What YAML made of a plain value that is not text: 'a number', 'a date' …"""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, YamlDate):
        return "a date"
    return "a number" if isinstance(value, (int, float)) else type(value).__name__


class _MarkingLoader(_BaseLoader):
    """SafeLoader that keeps line numbers and refuses duplicate keys (PyYAML keeps the last one)
    and aliases of lists and mappings.

    Two shortcuts give the same values as PyYAML's generic code, faster (10,000 records: most
    scalars are Chinese text): a plain scalar whose first character starts no implicit type
    (null, bool, number …) or a quoted one is text without trying the resolvers' regular
    expressions; and a text node's value is the string itself.
    """

    def _value(self, node: yaml.Node) -> Any:
        if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
            return node.value
        if type(node) is not yaml.ScalarNode and (node in self.constructed_objects
                                                   or node in self.recursive_objects):
            raise yaml.constructor.ConstructorError(
                None, None, _ALIAS_PROBLEM, node.start_mark)
        try:
            return self.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError, KeyError, AttributeError, IndexError) as error:
            # an explicit tag its value does not fit: !!int abc, !!timestamp 2025-02-30, !!bool maybe
            raise yaml.constructor.ConstructorError(
                None, None, f"a value its tag {node.tag} cannot hold ({error})", node.start_mark) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> MarkedDict:  # type: ignore[override]
        self.flatten_mapping(node)
        mapping = MarkedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self._value(key_node)
            if not isinstance(key, str):
                read_as = _as_read(key_node)
                raise yaml.constructor.ConstructorError(
                    None, None, f"{_KEY_PROBLEM}{read_as} (put it in quotes: \"{key_node.value}\")" if read_as
                    else f"{_KEY_PROBLEM}{show(key)}", key_node.start_mark)
            if key in mapping:
                hint = " (each record starts with its own '- id:' line)" if key == "id" else ""
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping{hint}", key_node.start_mark)
            mapping[key] = self._value(value_node)
            mapping.key_lines[key] = key_node.start_mark.line + 1
            if value_node.tag != _STR_TAG and type(value_node) is yaml.ScalarNode:
                if mapping.raw is None:
                    mapping.raw = {}
                mapping.raw[key] = value_node.value
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> MarkedList:  # type: ignore[override]
        sequence = MarkedList(self._value(child) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        if any(child.tag != _STR_TAG for child in node.value):
            sequence.raw = {index: child.value for index, child in enumerate(node.value)
                            if child.tag != _STR_TAG and type(child) is yaml.ScalarNode}
        return sequence


_MarkingLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _AS_TEXT]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    if any(tag not in _AS_TEXT for tag, _ in resolvers)}
_MarkingLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: YamlDate(node.value))
_MarkingLoader.add_constructor("tag:yaml.org,2002:map", _MarkingLoader.construct_mapping)
_MarkingLoader.add_constructor("tag:yaml.org,2002:seq", _MarkingLoader.construct_sequence)
_ALIAS_PROBLEM = "an alias (*name) of a list or mapping"
_KEY_PROBLEM = "a field name that is not text: "

# First characters of plain scalars that may be something other than text (null, bool, int, float,
# merge …); the fast paths below hold only while the loader has no other resolvers.
_NOT_ONLY_TEXT_START = frozenset(key for key in _MarkingLoader.yaml_implicit_resolvers if key is not None)
_RESOLVED: dict[str, str] = {}  # tag of each plain scalar seen that starts like a non-text type
_FAST_PATHS = None not in _MarkingLoader.yaml_implicit_resolvers and not _MarkingLoader.yaml_path_resolvers

if _FAST_PATHS:
    def _resolve(self: _MarkingLoader, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if not implicit[0] or value[:1] not in _NOT_ONLY_TEXT_START:
                return _STR_TAG
            tag = _RESOLVED.get(value)  # keys such as title, text, tags repeat in every record
            if tag is None:
                tag = _BaseLoader.resolve(self, kind, value, implicit)
                if len(_RESOLVED) < 10_000:
                    _RESOLVED[value] = tag
            return tag
        return _BaseLoader.resolve(self, kind, value, implicit)

    _MarkingLoader.resolve = _resolve  # type: ignore[method-assign]


def _as_read(node: yaml.Node) -> str:
    """'yes (YAML reads it as true or false)' for a plain value YAML reads as other than text."""
    kind = _READ_AS.get(node.tag) if type(node) is yaml.ScalarNode and not node.style else None  # plain
    return f"{node.value or 'nothing'} (YAML reads it as {kind})" if kind else ""


@dataclass
class Document:
    """One loaded YAML file: its path as shown to maintainers and its content."""

    path: str
    content: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int | None:
        """The line of the deepest existing node on a field path like ('examples', 3, 'title')."""
        node = self.content
        line = getattr(node, "line", None)
        for step in path:
            if isinstance(node, MarkedDict) and step in node:
                line = node.key_lines.get(step, line)
                node = node[step]
            elif isinstance(node, MarkedList) and isinstance(step, int) and 0 <= step < len(node):
                line = node.item_lines[step]
                node = node[step]
            else:
                break
        return line

    def raw_of(self, path: tuple) -> str | None:
        """The text as written of a value YAML read as a number, true/false or null (else None)."""
        if not path:
            return None
        node = self.content
        for step in path[:-1]:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return None
        raw = getattr(node, "raw", None)
        return raw.get(path[-1]) if raw else None

    def path_at(self, line: int) -> tuple:
        """The field path of the deepest key or item that starts on or before `line`."""
        node, path = self.content, ()
        while isinstance(node, (MarkedDict, MarkedList)):
            starts = node.key_lines.items() if isinstance(node, MarkedDict) else enumerate(node.item_lines)
            last = None
            for step, start in starts:
                if start > line:
                    break
                last = step
            if last is None:
                break
            path, node = path + (last,), node[last]
        return path


# ---- characters ---------------------------------------------------------------------------------

# Refused anywhere in a data file, written as they are or as escapes ("\x0b"): control characters
# (Word's Shift+Enter pastes U+000B, lxml refuses them in the Word templates), what YAML takes for
# a line break and editors do not (U+0085, U+2028, U+2029: every later line number would be off),
# characters one cannot see (zero-width spaces, direction marks, soft hyphens, a byte-order mark
# inside the file: pasted from web pages; a name split by one escapes the personal-data check),
# non-characters (U+FFFE, U+FFFF) and lone surrogates. Tab and line breaks are allowed.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                      "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")
_WHY = {"\x0b": "Word's Shift+Enter line break", "\x0c": "a page break", "\x00": "a NUL byte",
        "\x85": "a line break to YAML, not to editors", "\u2028": "a line break to YAML, not to editors",
        "\u2029": "a line break to YAML, not to editors", "\ufeff": "a byte-order mark inside the file",
        "\ufffe": "Word files cannot hold it", "\uffff": "Word files cannot hold it"}


def _why(char: str) -> str:
    if char in _WHY:
        return _WHY[char]
    if "\ud800" <= char <= "\udfff":
        return "half of a character (a lone surrogate)"
    return "a control character" if ord(char) < 0xA0 else "an invisible character (pasted from a web page?)"


_REFUSED_EXPECTED = "text without control or invisible characters (delete it; retype the text around it if unsure)"


def editor_line(text: str, index: int) -> int:
    """The 1-based line of text[index] as editors count lines (\\r\\n, \\r and \\n each end one)."""
    before = text[:index]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _refused_in_text(text: str, shown: str) -> tuple[str, dict[int, DataError]]:
    """The text with refused characters made spaces (the line count stays the editor's), and an
    error for each line that had one."""
    found: dict[int, DataError] = {}
    line, counted = 1, 0
    for match in _REFUSED.finditer(text):
        line += editor_line(text[counted:match.start()], match.start() - counted) - 1  # breaks in between
        counted = match.start()
        if line not in found:
            column = match.start() - _line_start(text, match.start()) + 1
            found[line] = DataError(shown, line, "", _REFUSED_EXPECTED,
                                    f"{code_point(match[0])}, {_why(match[0])}, in column {column}")
    return (_REFUSED.sub(" ", text) if found else text), found


def refused_characters(text: str, shown: str) -> dict[int, DataError]:
    """An error for each line of text with a refused character, by line."""
    return _refused_in_text(text, shown)[1]


def _refused_in_values(value: object, path: tuple, document: Document, errors: list[DataError]) -> None:
    """Refused characters written as escapes in quoted values ("\\x0b", "\\uffff") or keys."""
    if isinstance(value, str):
        match = _REFUSED.search(value)
        if match:
            errors.append(DataError(document.path, document.line_of(path), field_path(path), _REFUSED_EXPECTED,
                                    f"{code_point(match[0])}, {_why(match[0])}"))
    elif isinstance(value, dict):
        for key, item in value.items():
            _refused_in_values(key, path, document, errors)
            _refused_in_values(item, path + (key,), document, errors)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refused_in_values(item, path + (index,), document, errors)


# A plain value, then " #": YAML drops the rest of the line as a comment. Text pasted with a
# hashtag (落实 #中央八项规定# 精神) would lose its end without a word.
_VALUE_THEN_COMMENT = re.compile(r"[ \t]*(?:- +)?+(?:[A-Za-z_][\w-]*: +)?+(?![\"'|>&*!\[{#%@`])(.*?\S)[ \t]+#(.*)")


def _lost_to_comments(text: str, document: Document) -> list[DataError]:
    """A text value whose line goes on after " #": the part YAML dropped (comments after ASCII
    values, `confirmed: false  # to check`, are comments)."""
    errors: list[DataError] = []
    lines_seen: set[int] = set()
    for hit in _hashes_after_space(text):
        start = _line_start(text, hit)
        if start in lines_seen:
            continue
        lines_seen.add(start)
        parts = _VALUE_THEN_COMMENT.fullmatch(_line_text(text, hit))
        if not parts or (parts[1].isascii() and parts[2][:1] in (" ", "")):
            continue
        line = editor_line(text, start)
        path = document.path_at(line)
        value = _at(document.content, path)
        if isinstance(value, str) and parts[2].strip() and parts[2].strip() not in value:
            errors.append(DataError(document.path, line, field_path(path),
                                    "a value without ' #' (YAML drops the rest of the line as a comment): put the"
                                    " value in quotes, or a comment on a line of its own",
                                    f"{show('#' + parts[2].rstrip())} dropped"))
    return errors


def _hashes_after_space(text: str) -> Iterator[int]:
    """Where " #" or a tab and # are (str.find: most files have none, and it is fast)."""
    for pair in (" #", "\t#"):
        index = text.find(pair)
        while index != -1:
            yield index
            index = text.find(pair, index + 2)


def _at(value: object, path: tuple) -> object:
    for step in path:
        try:
            value = value[step]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return value


# ---- nesting ------------------------------------------------------------------------------------

# Deeper than any data file written by hand (the outlines, the deepest, reach 10). libyaml's
# composer recurses in C: about 50,000 levels crash the process, and the checks after it
# recurse in Python.
MAX_DEPTH = 40
_BRACKET = re.compile(r"[\[\]{}]")
_OPENED_TWICE = re.compile(r"[\[{][^\]}]*[\[{]")  # a bracket opened before the last one closed


def _may_nest_deeper(text: str, limit: int) -> bool:
    """False if the text cannot nest deeper than limit, by a cheap upper bound: flow collections
    nest as deep as their brackets; a nested block collection starts further right than its
    parent (or, a list in a mapping, at the same column), within a line's leading run of spaces
    and - ? : indicators, so block nesting is at most twice that run's length, plus one."""
    flow = text.count("[") + text.count("{")
    if flow > limit // 2 and _OPENED_TWICE.search(text) is None:
        flow = 1  # many brackets (tags: [a, b] in every record), each closed before the next opens
    elif flow > limit // 2:  # how deep do they go?
        depth = flow = 0
        for char in _BRACKET.findall(text):
            depth = depth + 1 if char in "[{" else max(depth - 1, 0)
            flow = max(flow, depth)
        if flow > limit:
            return True
    longest_prefix = (limit - flow) // 2 - 1  # block depth ≤ 2 × (prefix + 1)
    if longest_prefix < 0:
        return True
    prefix = _long_prefix(longest_prefix + 1)  # after a line break; the first line by match
    return prefix.search(text) is not None or prefix.match("\n" + text[:longest_prefix + 1]) is not None


@lru_cache(maxsize=64)
def _long_prefix(length: int) -> re.Pattern[str]:
    return re.compile(f"[\\n\\r][ \\t?:-]{{{length}}}")


def _too_deep(text: str) -> yaml.Mark | None:
    """Where the nesting first goes deeper than MAX_DEPTH (libyaml's parser does not recurse, and
    stops here long before a deep document would cost time)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the load reports it
    return None


# ---- reading ------------------------------------------------------------------------------------

def read_text(path: Path, shown: str) -> tuple[str | None, list[DataError]]:
    """The file's text; or None and an error saying why it cannot be read or is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [DataError(shown, None, "(file)", "a file the check can read", unreadable(path, error))]
    return decode(data, shown)


def unreadable(path: Path, error: OSError) -> str:
    """Why a file or folder cannot be read, as a maintainer would put it."""
    if isinstance(error, IsADirectoryError):
        return "a folder with the name of a file"
    if isinstance(error, PermissionError):
        return "no permission to read it (ls -l; chmod u+r)"
    if error.errno == 40:  # ELOOP
        return "a link that leads back to itself"
    if isinstance(error, FileNotFoundError) and path.is_symlink():
        return "a link to a file that does not exist"
    return error.strerror or str(error)


def decode(data: bytes, shown: str) -> tuple[str | None, list[DataError]]:
    """UTF-8 text without its byte-order mark; or an error that names the encoding it looks like."""
    expected = "a text file saved as UTF-8 (in Notepad: Save as → Encoding: UTF-8)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or data[:200].count(b"\x00") > 10:
        return None, [DataError(shown, None, "(file)", expected, "a file saved as UTF-16 (Notepad's “Unicode”)")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        try:
            data.decode("gb18030")
            looks = ", as Windows saves “ANSI” text (GBK)"
        except UnicodeDecodeError:
            looks = ""
        return None, [DataError(shown, line, "(file)", expected,
                                f"byte 0x{data[error.start]:02X}, which is not UTF-8{looks}")]
    return text.removeprefix("\ufeff"), []


def read_document(path: Path, shown_as: str) -> tuple[Document | None, list[DataError]]:
    """Parse one YAML file: the document (None if it could not be parsed) and its errors, each
    with the line an editor shows."""
    text, errors = read_text(path, shown_as)
    if text is None:
        return None, errors
    return parse_document(text, shown_as)


def parse_document(text: str, shown_as: str) -> tuple[Document | None, list[DataError]]:
    cleaned, refused = _refused_in_text(text, shown_as)
    if _may_nest_deeper(cleaned, MAX_DEPTH):
        mark = _too_deep(cleaned)
        if mark is not None:
            error = DataError(shown_as, editor_line(cleaned, mark.index), "",
                              f"data nested at most {MAX_DEPTH} levels deep", "deeper nesting")
            return None, [*refused.values(), error]
    try:
        content = yaml.load(cleaned, Loader=_MarkingLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        if refused:  # the refused characters are the likelier cause: report them alone
            return None, list(refused.values())
        return None, [_yaml_error(error, cleaned, shown_as)]
    except yaml.YAMLError as error:  # pragma: no cover - ReaderError: refused characters are gone
        return None, [*refused.values(), DataError(shown_as, None, "", "well-formed YAML", str(error))]
    except RecursionError:  # pragma: no cover - kept from by MAX_DEPTH
        return None, [*refused.values(), DataError(shown_as, None, "", f"data nested at most {MAX_DEPTH} levels deep",
                                                   "deeper nesting")]
    document = Document(shown_as, content)
    errors = list(refused.values())
    if "\\" in text:  # escapes exist only in double-quoted values
        _refused_in_values(content, (), document, errors)
    errors += _lost_to_comments(cleaned, document)
    return document, errors


def load_document(path: Path, shown_as: str) -> Document:
    """Parse one YAML file; any error (syntax, encoding, characters) raises DataErrors with its line."""
    document, errors = read_document(path, shown_as)
    if errors or document is None:
        raise DataErrors(errors)
    return document


# ---- YAML's errors, explained ---------------------------------------------------------------------

def _yaml_error(error: yaml.MarkedYAMLError, text: str, shown: str) -> DataError:
    problem = " ".join(str(part) for part in (error.context, error.problem) if part)
    mark = error.problem_mark or error.context_mark
    index = min(mark.index, len(text)) if mark else None
    if index is None:
        return DataError(shown, None, "", "well-formed YAML", problem)
    line = editor_line(text, index)
    char = text[index] if index < len(text) else ""
    context = min(error.context_mark.index, len(text)) if error.context_mark else index
    context_line = editor_line(text, context)
    # The lines a cause may be on: YAML often notices it on the line after.
    lines = {n: _line_text(text, i) for n, i in ((context_line, context), (line, index))}
    if line > 1:
        lines.setdefault(line - 1, _line_text(text, _line_start(text, index) - 1))

    def found(expected: str, what: str, at: int = line) -> DataError:
        return DataError(shown, at, "", expected, what)

    def on_a_line(pattern: str) -> int | None:
        return next((n for n, body in sorted(lines.items()) if re.match(pattern, body)), None)

    if char == "\t" or "tab character" in problem:
        return found("spaces to indent (YAML does not allow tabs there)", "a tab (U+0009 TAB)")
    if (n := on_a_line(r"[ \t]*\u3000")) is not None:
        return found("spaces to indent (ASCII spaces: the input method in half-width mode)",
                     "a full-width space (U+3000 IDEOGRAPHIC SPACE) at the start of a line", n)
    if _KEY_PROBLEM in problem:
        return found("field names that are text: put this one in quotes", problem.split(_KEY_PROBLEM)[-1])
    if _ALIAS_PROBLEM in problem:
        return found("each list or mapping written out where it is used (no YAML anchors & and aliases *)",
                     "this list or mapping used again through an alias (*name)")
    if "alias" in problem:
        return found("a value that does not start with * (YAML takes *… for an alias): put the value in quotes",
                     "a value that starts with *")
    if char in ("@", "`") and "cannot start any token" in problem:
        return found(f"a value that does not start with {char} (YAML reserves it): put the value in quotes", problem)
    if "expected a single document" in problem:
        return found("one YAML document per file (two files joined? remove the --- line or split the file)",
                     "a second document")
    if "quoted scalar" in problem and ("escape" in problem or "hexdecimal" in problem):
        return found("a backslash in \"double quotes\" only before an escape such as \\n: use 'single quotes'"
                     " or write \\\\", "a backslash that starts no escape YAML knows")
    if "quoted scalar" in problem and "end of stream" in problem:
        return found("a closing quote for the quote that opens this value", "the end of the file", context_line)
    if (n := on_a_line(r"\s*(- )?[A-Za-z_]+\s*：")) is not None:
        return found("an ASCII colon and a space after the field name (title: …)", "a full-width colon ：", n)
    if (n := on_a_line(r"\s*(- )?[A-Za-z_]+:[\u00a0\u3000]")) is not None:
        return found("an ordinary space after the colon that ends a field name (title: …)",
                     "a no-break or full-width space after the colon (pasted?)", n)
    if (n := on_a_line(r"\s*(- )?[A-Za-z_]+:[^\s:]")) is not None and "simple key" in problem:
        return found("a space after the colon that ends a field name (title: …)", "a colon with no space after it", n)
    if "mapping values are not allowed" in problem and re.match(r"\s*(- )?[A-Za-z_]+: .*: ", lines[line]):
        return found("a value without ': ' inside it: put the value in quotes, or write the full-width colon ：",
                     "': ' inside a value")
    starts = re.match(r"\s*(- )?[A-Za-z_]+: *([\"'\[{])", lines[line])
    if starts and "expected" in problem:
        if starts[2] in "[{":
            return found(f"a value that starts with {starts[2]} to be a list or mapping: put a text that starts"
                         " with one in quotes", problem)
        quote, other = starts[2], "'" if starts[2] == '"' else '"'
        return found(f"a value that starts with {quote} to end with {quote}: to start a text with a quote, put the"
                     f" whole text in {other}…{other}, or use Chinese quotes “”", "text after the closing quote")
    if "'-' indicator" in problem or "mapping values are not allowed" in problem or "expected key" in problem:
        if re.match(r"\s*-[^\s-]", lines[line]):
            return found("a space after the - that starts a list item", "a - with no space after it")
        here, before = _indent(lines[line]), _indent(lines.get(line - 1, ""))
        if lines.get(line - 1, "").strip() and here != before:
            return found("the fields of one mapping indented alike, with spaces",
                         f"a field at column {here + 1} here and at column {before + 1} on the line before")
    return found("well-formed YAML", problem)


def _indent(line: str) -> int:
    """The column a line's field starts at (after its indentation and any "- ")."""
    return len(re.match(r"[ ]*(?:- +)*", line)[0])


def _line_start(text: str, index: int) -> int:
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def _line_text(text: str, index: int) -> str:
    start = _line_start(text, index)
    end = len(text)
    for stop in ("\n", "\r"):
        found = text.find(stop, index)
        if found != -1:
            end = min(end, found)
    return text[start:end]
