"""Dataclasses as JSON data and back, read by their type hints: how the bank is kept
between builds (``products``) without pickle, so a kept bank is data, never code.

``from_data(Bank, to_data(bank)) == bank`` for the model's types: dataclasses, lists,
tuples, dicts (JSON's string keys made ``int`` again where the hint says so), ``X | None``,
literals, strings, numbers and booleans.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Hashable
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_data(value: object) -> Any:
    """``value`` as lists, dicts and scalars, which ``json.dumps`` writes."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {key: to_data(item) for key, item in value.items()}
    return value


def from_data(kind: type[T], data: Any) -> T:
    """What ``to_data`` made of a ``kind``, as a ``kind`` again."""
    return typing.cast(T, _reader(typing.cast(Hashable, kind))(data))


Reader = Callable[[Any], Any]


@cache  # one reader per type: reading the hints for every value took longer than the build
def _reader(hint: Any) -> Reader:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_reader(hint)
    if origin in (typing.Union, types.UnionType):
        [kind] = [arg for arg in args if arg is not type(None)]
        read = _reader(kind)
        return lambda data: None if data is None else read(data)
    if origin is list or origin is tuple:  # tuple[X, ...]: the model's only kind of tuple
        item, made = _reader(args[0]), list if origin is list else tuple
        return lambda data: made(item(value) for value in data)
    if origin is dict:
        key, value = _reader(args[0]), _reader(args[1])
        return lambda data: {key(k): value(v) for k, v in data.items()}
    if hint is int:  # also a dict's key, which JSON writes as a string
        return lambda data: int(data) if isinstance(data, str) else data
    return lambda data: data  # str, bool, a literal


def _dataclass_reader(kind: type[Any]) -> Reader:
    hints = typing.get_type_hints(kind)
    fields = {f.name: _reader(hints[f.name]) for f in dataclasses.fields(kind)}
    return lambda data: kind(**{name: fields[name](value) for name, value in data.items()})
