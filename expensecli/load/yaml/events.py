"""The event path: PyYAML's parser events walked without recursion into the document.

It reads any file the fast path leaves (deep, large, with anchors, tags or errors) and lets
`Tree` refuse the first problem at its own position. libyaml parses; when it gives up on a
limit of its own, PyYAML's pure-Python parser reads the text again (see below).
"""

from __future__ import annotations

from typing import Any

import yaml

from expensecli.core.i18n import mark, tr
from expensecli.core.locations import Mark, Path
from expensecli.load.textfiles import control_character, unprintable_at
from expensecli.load.yaml.tree import MAX_DEPTH, Document, Tree, YamlProblem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Limits libyaml enforces by itself in some versions (PyYAML 6.0.4's libyaml stops at 1 000
# nesting levels). The answer to a file must not depend on the libyaml installed, so when one
# of these is hit the text is read again by PyYAML's pure-Python parser, which has none of
# them and lets our own limits (MAX_DEPTH, MAX_VALUES) decide what and where.
_LIBYAML_OWN_LIMITS = ("maximum nesting depth",)


# What libyaml says most often of a broken file, translated for the run's language (the bokmål
# adds how to fix it); anything else it says is shown as it is.
_SYNTAX = frozenset((
    mark("mapping values are not allowed in this context"),
    mark("mapping values are not allowed here"),
    mark("did not find expected key"),
    mark("did not find expected ',' or ']'"),
    mark("did not find expected '-' indicator"),
    mark("could not find expected ':'"),
    mark("found character that cannot start any token"),
    mark("found unexpected end of stream"),
    mark("found unknown escape character"),
    mark("did not find expected node content"),
    mark("did not find expected comment or line break"),
    mark("did not find expected ',' or '}'"),
    mark("did not find expected <document start>"),
    mark("found a tab character that violates indentation"),
    mark("found a tab character where an indentation space is expected"),
    mark("block sequence entries are not allowed in this context"),
    mark("found unexpected document indicator"),
    mark("did not find expected alphabetic or numeric character"),
))


def syntax_reason(problem: str) -> str:
    """libyaml's reason for refusing a text, in the language of the run."""
    return tr(problem) if problem in _SYNTAX else problem


class _Frame:
    __slots__ = ("container", "path", "key")

    def __init__(self, container: Any, path: Path):
        self.container, self.path, self.key = container, path, None


def _event_mark(event: yaml.Event) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


def from_events(text: str, max_depth: int = MAX_DEPTH) -> Document:
    try:
        return _walk_events(text, max_depth, Loader)
    except _LibyamlLimit:
        return _walk_events(text, max_depth, yaml.SafeLoader)


class _LibyamlLimit(Exception):
    """libyaml gave up on a limit of its own before ours were reached."""


def _walk_events(text: str, max_depth: int, loader: type) -> Document:
    tree = Tree(max_depth)
    stack: list[_Frame] = []
    documents = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem("LOAD002", tr("more than one YAML document in the file (a second '---');"
                                                    " put one claim in each file"), _event_mark(event))
                continue
            if kind is yaml.AliasEvent:
                alias = "*" + event.anchor
                raise YamlProblem("LOAD002", tr("alias {alias} is not allowed; write the value out", alias=alias),
                                  _event_mark(event))
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                stack.pop()
                continue
            if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                continue
            mark = _event_mark(event)
            if event.anchor is not None:
                anchor = "&" + event.anchor
                raise YamlProblem("LOAD002", tr("anchor {anchor} is not allowed; write the value out", anchor=anchor),
                                  mark)
            frame = stack[-1] if stack else None
            tag = None if event.tag == "!" and kind is not yaml.ScalarEvent else event.tag
            if frame is not None and isinstance(frame.container, dict) and frame.key is None:
                frame.key = tree.key(frame.container, frame.path, kind is yaml.ScalarEvent, tag,
                                     getattr(event, "value", ""), mark)
                continue
            if frame is None:
                path: Path = ()
            elif frame.key is not None:
                path, frame.key = frame.key, None
            else:
                path = frame.path + (len(frame.container),)
            parent = frame.container if frame is not None else None
            if kind is yaml.ScalarEvent:
                plain = event.implicit[0] and event.style in (None, "") and event.tag in (None, "!")
                tree.place(parent, path, tree.scalar(None if plain else tag, plain, event.value, mark), mark)
                continue
            value = tree.collection(tag, kind is yaml.MappingStartEvent, len(stack), mark)
            tree.place(parent, path, value, mark)
            stack.append(_Frame(value, path))
    except yaml.reader.ReaderError as error:
        found = unprintable_at(text)
        character, where = found if found else (chr(error.character), (1, 1))
        raise YamlProblem("LOAD001", control_character(character, *where), where) from None
    except yaml.MarkedYAMLError as error:
        if loader is not yaml.SafeLoader and any(limit in (error.problem or "") for limit in _LIBYAML_OWN_LIMITS):
            raise _LibyamlLimit from None
        mark = error.problem_mark or error.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = syntax_reason(error.problem or error.context) if (error.problem or error.context) else \
            tr("invalid YAML")
        raise YamlProblem("LOAD002", tr("YAML syntax error: {reason}", reason=reason), where) from None
    except yaml.YAMLError as error:
        raise YamlProblem("LOAD002", tr("YAML error: {error}", error=error), (1, 1)) from None
    return tree.doc
