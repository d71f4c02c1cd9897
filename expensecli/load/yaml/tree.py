"""The document both YAML paths build, and every refusal, worded and placed in one place.

The tree is built from the parser's events or libyaml's nodes rather than from PyYAML's
constructor, so that: nothing is ever constructed from a tag (no code can run), anchors and
aliases are refused before anything is expanded (no "billion laughs"), duplicate keys are
caught, nesting depth (MAX_DEPTH) and the number of values (MAX_VALUES) are bounded without
recursion, and scalars follow YAML 1.2: only true/false are booleans, so `country: NO` is
the text "NO". Every scalar other than null and booleans stays text; the models read
numbers and dates from that text exactly.
"""

from __future__ import annotations

from typing import Any

from expensecli.core.i18n import tr
from expensecli.core.locations import Mark, Path
from expensecli.core.values import PlainScalar

MAX_DEPTH = 64
MAX_VALUES = 100_000  # a real claim has a few hundred; this bounds time and memory per file
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
STR_TAGS = {"tag:yaml.org,2002:str", "!"}
COLLECTION_TAGS = {"!"}  # the non-specific tag only: `!!map`, `!!seq` and the rest are refused like any tag


class YamlProblem(Exception):
    """A file that is not acceptable YAML; `code` is LOAD002 or LOAD003 (LOAD001: unprintable text)."""

    def __init__(self, code: str, message: str, mark: Mark):
        super().__init__(message)
        self.code, self.message, self.mark = code, message, mark


class Document:
    """The plain data of a file plus the position of each value and each mapping key."""

    def __init__(self, data: Any = None, values: dict[Path, Mark] | None = None,
                 keys: dict[Path, Mark] | None = None):
        self.data = data
        self.values: dict[Path, Mark] = {} if values is None else values
        self.keys: dict[Path, Mark] = {} if keys is None else keys

    def locate(self, path: Path) -> Mark:
        """Position of `path`, or of its nearest ancestor present in the file."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)

    def locate_key(self, path: Path) -> Mark:
        return self.keys.get(path) or self.locate(path)


class Tree:
    """The document being built and every refusal; both paths call it in document order."""

    def __init__(self, max_depth: int):
        self.doc = Document(data=None)
        self.max_depth = max_depth
        self.count = 0

    def key(self, mapping: dict, path: Path, scalar: bool, tag: str | None, name: str, mark: Mark) -> Path:
        if not scalar or tag not in (None, *STR_TAGS):
            raise YamlProblem("LOAD002", tr("a mapping key must be plain text"), mark)
        here = path + (name,)
        if name in mapping:
            line, column = self.doc.keys[here]
            raise YamlProblem("LOAD003", tr("key '{name}' appears twice (first at line {line}, column {column});"
                                            " the later value would silently replace the first",
                                            name=name, line=line, column=column), mark)
        mapping[name] = None
        self.doc.keys[here] = mark
        return here

    def scalar(self, tag: str | None, plain: bool, text: str, mark: Mark) -> Any:
        if tag not in (None, *STR_TAGS):
            raise YamlProblem("LOAD002", tr("tag {tag} is not allowed; remove it", tag=tag), mark)
        return plain_value(text) if plain else text

    def collection(self, tag: str | None, mapping: bool, depth: int, mark: Mark) -> dict | list:
        if tag not in (None, *COLLECTION_TAGS):
            raise YamlProblem("LOAD002", tr("tag {tag} is not allowed; remove it", tag=tag), mark)
        if depth >= self.max_depth:
            raise YamlProblem("LOAD002", tr("nesting deeper than {depth} levels", depth=self.max_depth), mark)
        return {} if mapping else []

    def place(self, parent: dict | list | None, path: Path, value: Any, mark: Mark) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _too_many(mark)
        self.doc.values[path] = mark
        if parent is None:
            self.doc.data = value
        elif isinstance(parent, list):
            parent.append(value)
        else:
            parent[path[-1]] = value


def _too_many(mark: Mark) -> YamlProblem:
    return YamlProblem("LOAD002", tr("more than {count} values in one file; a claim has far fewer", count=MAX_VALUES),
                       mark)


def plain_value(text: str) -> Any:
    """YAML 1.2 core schema for an unquoted scalar: null, true/false, else text."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    return PlainScalar(text)
