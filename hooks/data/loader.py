"""Load YAML files into plain values that remember the line of every mapping key and list item."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from hooks.data.errors import DataError, DataErrors

try:  # the C loader is several times faster (MKDOCS-NOTES.md)
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class MarkedDict(dict):
    """A mapping that also knows the 1-based line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]


class MarkedList(list):
    """A sequence that also knows the 1-based line of itself and of each item."""

    line: int = 0
    item_lines: list[int]


_STR_TAG = "tag:yaml.org,2002:str"
# First characters of plain scalars that may be something other than text (null, bool, int, float,
# timestamp, merge …); the fast paths below hold only while the loader has no other resolvers.
_NOT_ONLY_TEXT_START = frozenset(key for key in _BaseLoader.yaml_implicit_resolvers if key is not None)
_RESOLVED: dict[str, str] = {}  # tag of each plain scalar seen that starts like a non-text type
_FAST_PATHS = None not in _BaseLoader.yaml_implicit_resolvers and not _BaseLoader.yaml_path_resolvers


class _MarkingLoader(_BaseLoader):
    """SafeLoader that keeps line numbers and refuses duplicate keys (PyYAML keeps the last one).

    Two shortcuts give the same values as PyYAML's generic code, faster (10,000 records: most
    scalars are Chinese text): a plain scalar whose first character starts no implicit type
    (null, bool, number, timestamp …) or a quoted one is text without trying the resolvers'
    regular expressions; and a text node's value is the string itself.
    """

    if _FAST_PATHS:
        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:  # type: ignore[override]
            if kind is yaml.ScalarNode:
                if not implicit[0] or value[:1] not in _NOT_ONLY_TEXT_START:
                    return _STR_TAG
                tag = _RESOLVED.get(value)  # keys such as title, text, tags repeat in every record
                if tag is None:
                    tag = super().resolve(kind, value, implicit)
                    if len(_RESOLVED) < 10_000:
                        _RESOLVED[value] = tag
                return tag
            return super().resolve(kind, value, implicit)

    def _value(self, node: yaml.Node) -> Any:
        if node.tag == _STR_TAG and type(node) is yaml.ScalarNode:
            return node.value
        return self.construct_object(node, deep=True)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> MarkedDict:  # type: ignore[override]
        self.flatten_mapping(node)
        mapping = MarkedDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self._value(key_node)
            if not isinstance(key, str):
                raise yaml.constructor.ConstructorError(
                    None, None, f"expected a text key, found {key!r}", key_node.start_mark)
            if key in mapping:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark)
            mapping[key] = self._value(value_node)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> MarkedList:  # type: ignore[override]
        sequence = MarkedList(self._value(child) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence


_MarkingLoader.add_constructor("tag:yaml.org,2002:map", _MarkingLoader.construct_mapping)
_MarkingLoader.add_constructor("tag:yaml.org,2002:seq", _MarkingLoader.construct_sequence)


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


def load_document(path: Path, shown_as: str) -> Document:
    """Parse one YAML file; a syntax error becomes a DataError with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise DataErrors([DataError(shown_as, None, "", "a UTF-8 text file", str(error))]) from None
    try:
        content = yaml.load(text, Loader=_MarkingLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise DataErrors([DataError(shown_as, line, "", "well-formed YAML", problem)]) from None
    return Document(shown_as, content)
