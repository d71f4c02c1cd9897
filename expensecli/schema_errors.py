"""Turn pydantic's validation errors into located LOAD004 messages with "did you mean" hints."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator

from pydantic import BaseModel, ValidationError

from .findings import Problem, path_text
from .yamltree import Path


def schema_problems(error: ValidationError, model: type[BaseModel]) -> Iterator[Problem]:
    for item in error.errors(include_url=False):
        path: Path = tuple(item["loc"])
        kind = item["type"]
        field = path[-1] if path else None
        where = _where(path)
        if kind == "missing":
            yield Problem(f"missing required field '{field}'{_inside(path[:-1])}", path)
        elif kind == "extra_forbidden":
            allowed = _fields_at(model, path[:-1])
            hint = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
            tail = f" (did you mean '{hint[0]}'?)" if hint else f"; allowed here: {', '.join(allowed)}"
            yield Problem(f"unknown field '{field}'{_inside(path[:-1])}{tail}", path, key=True)
        elif kind == "value":
            yield Problem(f"{where}: {item['msg']}", path)
        else:
            yield Problem(f"{where}: {_plain(item['msg'])}{_got(item)}", path)


def _where(path: Path) -> str:
    return path_text(path) or "claim"


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


def _fields_at(model: type[BaseModel], path: Path) -> list[str]:
    """Names of the fields of the model found by following `path` from `model`."""
    current: object = model
    for part in path:
        current = _inner_model(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [field.alias or name for name, field in current.model_fields.items()]
    return []


def _inner_model(annotation: object, part: str | int) -> object:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if isinstance(part, int):
            return None
        for name, field in annotation.model_fields.items():
            if part in (name, field.alias):
                return _unwrap(field.annotation)
        return None
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
