"""YAML in and out: strict loading that remembers lines, and dumping that people can edit.

Every mapping read is a ``YamlMap``: a plain ``dict`` whose line numbers sit beside the
data (``.line`` for the mapping, ``.key_lines`` per key), so problems can be reported as
``file:line`` without bookkeeping keys inside the data.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import yaml

from .model import InputError, Problem


class YamlMap(dict[str, Any]):
    """A mapping read from YAML, with the line it starts on and the line of each key."""

    line: int = 1
    key_lines: dict[str, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser where PyYAML was built with it (ten times faster on the answer files);
# the constructors, and so the safety rules, are SafeLoader's either way.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[misc,valid-type]
    """A safe YAML loader that builds ``YamlMap`` mappings."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> YamlMap:
    mapping = YamlMap(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    for key_node, _ in node.value:
        mapping.key_lines[str(loader.construct_object(key_node))] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def line_of(value: object, default: int = 1) -> int:
    """The line a YAML value started on, where the loader knows it."""
    return value.line if isinstance(value, YamlMap) else default


def load_yaml(path: Path, display: str) -> Any:
    """Parse a YAML file; a missing file or a syntax error is an ``InputError`` at ``file:line``."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (safe loader subclass)
    except FileNotFoundError:
        raise InputError([Problem(display, 1, "file not found")]) from None
    except UnicodeDecodeError as err:
        raise InputError([Problem(display, 1, f"not UTF-8 text ({err.reason})")]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise InputError([Problem(display, line, f"invalid YAML: {err}")]) from None


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Texts that span lines (answers, translations) as ``|`` blocks, which people can edit."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style=style)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(YamlMap, _Dumper.represent_dict)


def dump_yaml(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def write_text_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: readers see the old file or the new one."""
    with _replacing(path, binary=False) as out:
        out.write(text)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: readers see the old file or the new one."""
    with _replacing(path, binary=True) as out:
        out.write(data)


@contextmanager
def _replacing(path: Path, binary: bool) -> Iterator[IO[Any]]:
    """A temporary file beside ``path`` that replaces it once written (removed if writing fails)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            yield out
        Path(temporary).chmod(0o644)  # mkstemp makes 0600; a web server (Pages) must read it
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
