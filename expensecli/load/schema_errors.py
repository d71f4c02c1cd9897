"""Turn pydantic's validation errors into located LOAD004 messages with "did you mean" hints.

pydantic itself is imported only to name the fields of a model, when an unknown field is met."""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Iterator
from typing import TYPE_CHECKING

from expensecli.core.findings import Problem
from expensecli.core.i18n import language, mark, ntr, tr
from expensecli.core.locations import Path, path_text

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import ValidationError


def schema_problems(error: ValidationError, model: type[BaseModel]) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        path: Path = tuple(item["loc"])
        kind = item["type"]
        field = path[-1] if path else None
        where = _where(path)
        if kind in ("missing", "missing_argument"):
            if path[:-1]:
                yield Problem(tr("missing required field '{field}' in {parent}", field=field,
                                 parent=path_text(path[:-1])), path)
            else:
                yield Problem(tr("missing required field '{field}'", field=field), path)
        elif kind in ("extra_forbidden", "unexpected_keyword_argument"):
            allowed = _fields_at(model, path[:-1])
            hint = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
            yield Problem(unknown_field(field, path[:-1], near=hint[0] if hint else None, allowed=allowed),
                          path, key=True)
        elif kind == "value":
            yield Problem(f"{where}: {item['msg']}", path)
        elif kind == "value_error":
            yield Problem(f"{where}: {item['msg'].removeprefix('Value error, ')}", path)
        elif kind == "enum":
            yield Problem(f"{where}: {_closest(item, _got(item, _reason(item)))}", path)
        else:
            yield Problem(f"{where}: {_got(item, _reason(item))}", path)


def unknown_field(field: object, parent: Path, near: str | None = None, allowed: tuple | list = ()) -> str:
    """"unknown field 'x' in trip (did you mean 'end'?)", or with the fields allowed there."""
    inside = path_text(parent)
    if near is not None and inside:
        return tr("unknown field '{field}' in {parent} (did you mean '{near}'?)", field=field, parent=inside,
                  near=near)
    if near is not None:
        return tr("unknown field '{field}' (did you mean '{near}'?)", field=field, near=near)
    if inside:
        return tr("unknown field '{field}' in {parent}; allowed here: {allowed}", field=field, parent=inside,
                  allowed=", ".join(allowed))
    return tr("unknown field '{field}'; allowed here: {allowed}", field=field, allowed=", ".join(allowed))


def _where(path: Path) -> str:
    return path_text(path) or tr("top level")


# pydantic's own messages (by error type), for the languages other than English, in which they are
# written from these sentences and the error's context; in English pydantic's words are shown.
_PYDANTIC = {
    "string_type": mark("input should be a valid string"),
    "bool_type": mark("input should be a valid boolean"),
    "list_type": mark("input should be a valid list"),
    "dict_type": mark("input should be a valid dictionary"),
    "model_type": mark("input should be a valid dictionary"),
    "dataclass_type": mark("input should be a valid dictionary"),
    "model_attributes_type": mark("input should be a valid dictionary"),
    "string_pattern_mismatch": mark("string should match pattern '{pattern}'"),
    "less_than_equal": mark("input should be less than or equal to {le}"),
    "greater_than_equal": mark("input should be greater than or equal to {ge}"),
    "enum": mark("input should be {expected}"),
}


def _reason(item: dict) -> str:
    """pydantic's message in the language of the run, its first letter in lower case."""
    kind, context = item["type"], item.get("ctx") or {}
    if language() != "en":
        if kind in _PYDANTIC:
            try:
                return tr(_PYDANTIC[kind], **{**context, "expected": _either(context.get("expected", ""))})
            except (KeyError, IndexError):  # a context of another pydantic version: its own words
                return _plain(item["msg"])
        if kind == "string_too_short":
            return ntr("string should have at least {count} character", "string should have at least {count}"
                       " characters", context.get("min_length", 1))
        if kind == "too_short":
            return ntr("list should have at least {count} item, not {actual}", "list should have at least {count}"
                       " items, not {actual}", context.get("min_length", 1), actual=context.get("actual_length", 0))
    return _plain(item["msg"])


def _either(expected: object) -> str:
    """pydantic's "'a', 'b' or 'c'" in the language of the run."""
    choices = re.findall(r"'[^']*'", str(expected))
    if len(choices) < 2:
        return str(expected)
    return tr("{items} or {last}", items=", ".join(choices[:-1]), last=choices[-1])


def _plain(message: str) -> str:
    return message[0].lower() + message[1:] if message else message


def _got(item: dict, reason: str) -> str:
    value = item.get("input")
    if isinstance(value, dict):
        return tr("{reason}, got a mapping", reason=reason)
    if isinstance(value, list):
        return tr("{reason}, got a list", reason=reason)
    if value is None:
        return tr("{reason}, got nothing (null)", reason=reason)
    text = str(value) if not isinstance(value, bool) else str(value).lower()
    return tr("{reason}, got {value}", reason=reason, value=repr(text[:40]))


def _closest(item: dict, message: str) -> str:
    """`message` (did you mean 'internal'?) for a bad enum value close to one of the allowed ones."""
    value = item.get("input")
    allowed = re.findall(r"'([^']*)'", str((item.get("ctx") or {}).get("expected", "")))
    if not isinstance(value, str) or not allowed:
        return message
    near = difflib.get_close_matches(value.strip().lower(), allowed, n=1, cutoff=0.6)
    return tr("{message} (did you mean '{near}'?)", message=message, near=near[0]) if near else message


def _fields_at(model: type, path: Path) -> list[str]:
    """Names of the fields of the model found by following `path` from `model`."""
    current: object = model
    for part in path:
        current = _inner_model(current, part)
        if current is None:
            return []
    return list(_fields(current))


def _fields(model: object) -> dict[str, object]:
    """File key -> annotation, for a pydantic model or a dataclass (aliases as written in files)."""
    from pydantic import BaseModel

    if isinstance(model, type) and issubclass(model, BaseModel):
        return {field.alias or name: field.annotation for name, field in model.model_fields.items()}
    if isinstance(model, type) and dataclasses.is_dataclass(model):
        alias = getattr(model, "__pydantic_config__", {}).get("alias_generator") or (lambda name: name)
        hints = typing.get_type_hints(model, include_extras=True)
        return {alias(f.name): hints[f.name] for f in dataclasses.fields(model)}
    return {}


def _inner_model(annotation: object, part: str | int) -> object:
    annotation = _unwrap(annotation)
    fields = _fields(annotation)
    if fields:
        return None if isinstance(part, int) else _unwrap(fields.get(part))
    origin = typing.get_origin(annotation)
    if origin in (list, tuple) and isinstance(part, int):
        return _unwrap(typing.get_args(annotation)[0])
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    return None


def _unwrap(annotation: object) -> object:
    """Optional[X] / X | None / Annotated[X, ...] -> X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation
