"""Turn pydantic's validation errors into located LOAD004 messages with "did you mean" hints."""

from __future__ import annotations

import dataclasses
import difflib
import re
import types
import typing
from collections.abc import Iterator

from pydantic import BaseModel, ValidationError

from expensecli.core.findings import Problem
from expensecli.core.locations import Path, path_text


def schema_problems(error: ValidationError, model: type[BaseModel]) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        path: Path = tuple(item["loc"])
        kind = item["type"]
        field = path[-1] if path else None
        where = _where(path)
        if kind in ("missing", "missing_argument"):
            yield Problem(f"missing required field '{field}'{_inside(path[:-1])}", path)
        elif kind in ("extra_forbidden", "unexpected_keyword_argument"):
            allowed = _fields_at(model, path[:-1])
            hint = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
            tail = f" (did you mean '{hint[0]}'?)" if hint else f"; allowed here: {', '.join(allowed)}"
            yield Problem(f"unknown field '{field}'{_inside(path[:-1])}{tail}", path, key=True)
        elif kind == "value":
            yield Problem(f"{where}: {item['msg']}", path)
        elif kind == "value_error":
            yield Problem(f"{where}: {item['msg'].removeprefix('Value error, ')}", path)
        elif kind == "enum":
            yield Problem(f"{where}: {_plain(item['msg'])}{_got(item)}{_closest(item)}", path)
        else:
            yield Problem(f"{where}: {_plain(item['msg'])}{_got(item)}", path)


def _where(path: Path) -> str:
    return path_text(path) or "top level"


def _inside(parent: Path) -> str:
    return f" in {path_text(parent)}" if parent else ""


def _plain(message: str) -> str:
    return message[0].lower() + message[1:] if message else message


def _got(item: dict) -> str:
    value = item.get("input")
    if isinstance(value, (dict, list)):
        return f", got a {'mapping' if isinstance(value, dict) else 'list'}"
    if value is None:
        return ", got nothing (null)"
    text = str(value) if not isinstance(value, bool) else str(value).lower()
    return f", got {text[:40]!r}"


def _closest(item: dict) -> str:
    """" (did you mean 'internal'?)" for a bad enum value close to one of the allowed ones."""
    value = item.get("input")
    allowed = re.findall(r"'([^']*)'", str((item.get("ctx") or {}).get("expected", "")))
    if not isinstance(value, str) or not allowed:
        return ""
    near = difflib.get_close_matches(value.strip().lower(), allowed, n=1, cutoff=0.6)
    return f" (did you mean '{near[0]}'?)" if near else ""


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
