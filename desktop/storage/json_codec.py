"""Typed dataclasses to JSON and back, led by their annotations.

One codec for every file Parley keeps as JSON (settings with their providers, the
window's state). Reading is lenient field by field: a value of the wrong type falls back
to that field's default and its dotted name is reported; unknown keys are ignored; a bad
entry of a list is dropped alone. Tuples are JSON lists, except a tuple of pairs
(``tuple[tuple[str, str], ...]``, e.g. HTTP headers), which is a JSON object.
"""

from __future__ import annotations

import dataclasses
import types
from functools import cache
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

_T = TypeVar("_T")


def encode(value: Any) -> dict[str, Any]:
    """A dataclass instance as a JSON object."""
    return _encode(value, type(value))  # type: ignore[no-any-return]


def decode(kind: type[_T], raw: dict[str, Any], rejected: list[str], prefix: str = "") -> _T:
    """``kind`` from a JSON object, field by field: a bad value falls back to its default
    and its dotted name (after ``prefix``) goes to ``rejected``; unknown keys are ignored."""
    hints = _hints(cast(Any, kind))
    values: dict[str, Any] = {}
    for data_field in dataclasses.fields(kind):  # type: ignore[arg-type]
        name = data_field.name
        if name not in raw:
            continue
        if _conforms(raw[name], hints[name]):
            values[name] = _convert(raw[name], hints[name], f"{prefix}{name}", rejected)
        else:
            rejected.append(f"{prefix}{name}")
    return kind(**values)


@cache
def _hints(kind: Any) -> dict[str, Any]:
    return get_type_hints(kind)


def _pairs(annotation: Any) -> bool:
    """Whether ``annotation`` is ``tuple[tuple[str, str], ...]`` (kept as a JSON object)."""
    if get_origin(annotation) is not tuple:
        return False
    args = get_args(annotation)
    return len(args) == 2 and args[1] is Ellipsis and get_args(args[0]) == (str, str)


def _encode(value: Any, annotation: Any) -> Any:
    if dataclasses.is_dataclass(annotation):
        hints = _hints(annotation)  # type: ignore[arg-type]
        return {
            f.name: _encode(getattr(value, f.name), hints[f.name])
            for f in dataclasses.fields(annotation)
        }
    origin = get_origin(annotation)
    if _pairs(annotation):
        return {str(name): str(text) for name, text in value}
    if origin in (list, tuple):
        (item, *_) = get_args(annotation)
        return [_encode(element, item) for element in value]
    if origin is dict:
        _key, item = get_args(annotation)
        return {key: _encode(element, item) for key, element in value.items()}
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        options = [option for option in get_args(annotation) if option is not type(None)]
        return _encode(value, options[0]) if len(options) == 1 else value
    return value


def _conforms(value: object, annotation: Any) -> bool:
    """Whether a JSON value fits a field annotation (bool is not accepted as a number).

    A nested dataclass conforms when it is an object; its own fields are checked one by
    one when it is built (see :func:`decode`).
    """
    origin = get_origin(annotation)
    if annotation is type(None):
        return value is None
    if origin in (Union, types.UnionType):
        return any(_conforms(value, option) for option in get_args(annotation))
    if _pairs(annotation):
        return isinstance(value, dict) and all(
            isinstance(key, str) and isinstance(text, str) for key, text in value.items()
        )
    if origin in (list, tuple):
        (item, *_) = get_args(annotation)
        if dataclasses.is_dataclass(item):
            return isinstance(value, list)  # a bad entry is dropped alone, in _convert
        return isinstance(value, list) and all(_conforms(element, item) for element in value)
    if origin is dict:
        key_type, item = get_args(annotation)
        return isinstance(value, dict) and all(
            _conforms(key, key_type) and _conforms(element, item) for key, element in value.items()
        )
    if dataclasses.is_dataclass(annotation):
        return isinstance(value, dict)
    if annotation is bool or annotation is str:
        return isinstance(value, annotation)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if annotation is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    raise TypeError(f"the JSON codec cannot check a field of type {annotation!r}; teach it")


def _convert(value: Any, annotation: Any, name: str, rejected: list[str]) -> Any:
    """A conforming JSON value as the annotation's type (nested dataclasses are built)."""
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        return decode(annotation, value, rejected, f"{name}.")
    origin = get_origin(annotation)
    if _pairs(annotation):
        return tuple(value.items())
    if origin in (list, tuple):
        (item, *_) = get_args(annotation)
        kept: list[Any] = []
        for index, element in enumerate(value):
            if _conforms(element, item):
                kept.append(_convert(element, item, f"{name}[{index}]", rejected))
            else:
                rejected.append(f"{name}[{index}]")
        return kept if origin is list else tuple(kept)
    if origin is dict:
        return dict(value)
    if annotation is float:
        return float(value)
    return value
