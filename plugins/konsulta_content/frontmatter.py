"""YAML front matter that remembers the line each field came from.

Dates are kept as text here (no YAML timestamp guessing), so "2026-13-01" reaches
validation and gets a message about dates instead of a YAML traceback, and no YAML
tag can construct a Python object. Values no published file can hold (control
characters written as YAML escapes, NaN and infinity) are problems at their field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import yaml

from .text import describe_character, unusable_character, without_unusable_characters

FENCE = "---"


class FrontMatterError(Exception):
    def __init__(self, message: str, line: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field


class _TextDatesLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml's parser where PyYAML has it (its nodes carry line marks too), Python's otherwise."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass
class FrontMatter:
    data: dict
    body: str
    body_first_line: int
    lines: dict[tuple, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[tuple, int]] = field(default_factory=list)
    # (field path, line, message) of values no published file can hold; each is kept as safe text.
    unusable_values: list[tuple[tuple, int, str]] = field(default_factory=list)
    nodes: int = 0

    def line_of(self, path) -> int:
        return nearest_line(self.lines, path)


def nearest_line(lines: dict[tuple, int], path) -> int:
    """Line of the field at ``path`` or, failing that, of its nearest parent; 1 for the whole file."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1


def split(text: str) -> tuple[str, str, int]:
    """Returns (yaml text, body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != FENCE:
        raise FrontMatterError(
            "no front matter: start the file with a line '---', then the fields, then another '---'",
            line=1,
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise FrontMatterError("front matter is not closed: add a line '---' after the last field", line=1)


def parse(text: str) -> FrontMatter:
    """Front matter and body; the caller reports ``unusable_values`` (as every problem of a document)."""
    yaml_text, body, body_line = split(text)
    return parse_yaml(yaml_text, body=body, body_line=body_line, first_line=2, collect=True)


MAX_DEPTH = 50  # far above any real front matter (responses[0].reason is 3 deep); Python's stack ends near 500
NESTING = (f"is nested more than {MAX_DEPTH} levels deep (lists in lists, or fields in fields): "
           "write the value out flat")


def parse_yaml(yaml_text: str, *, body: str = "", body_line: int = 1, first_line: int = 1,
               collect: bool = False) -> FrontMatter:
    """YAML text whose first line is line ``first_line`` of its file (2 after a '---' fence).

    With ``collect``, unusable values are listed in ``unusable_values`` for the caller to report with
    every other problem; without, the first one is raised, so that no caller can publish one unawares."""
    offset = first_line
    loader = _TextDatesLoader(yaml_text)
    try:
        node = loader.get_single_node()
    except RecursionError:  # Python's own YAML parser, where libyaml is missing, recurses per level
        raise FrontMatterError(f"front matter {NESTING}", line=1) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + offset if mark else 1
        if "maximum nesting depth" in str(error.problem):  # libyaml's own limit (1000 levels)
            raise FrontMatterError(f"front matter {NESTING}", line=line) from None
        started = ""
        if error.context and error.context_mark and error.context_mark.line + offset != line:
            started = f", {error.context} that starts on line {error.context_mark.line + offset}"
        raise FrontMatterError(
            f"front matter is not valid YAML ({error.problem or error.context}{started}); "
            "check quotes, brackets, colons and indentation",
            line=line,
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"front matter is not valid YAML: {error}", line=1) from None
    finally:
        loader.dispose()
    if node is None:
        raise FrontMatterError("front matter is empty: add the fields between the '---' lines", line=1)
    matter = FrontMatter(data={}, body=body, body_first_line=body_line)
    matter.data = _build(node, (), matter, loader, offset)
    if not isinstance(matter.data, dict) and first_line == 2:
        raise FrontMatterError("front matter must be a list of 'field: value' lines", line=2)
    if matter.unusable_values and not collect:
        path, line, message = matter.unusable_values[0]
        raise FrontMatterError(message, line=line, field=_dotted(path) or None)
    return matter


MAX_NODES = 20_000  # far above any real front matter; YAML aliases can otherwise expand exponentially


def _build(node, path: tuple, matter: FrontMatter, loader, offset: int):
    def _line(node) -> int:
        return node.start_mark.line + offset  # YAML counts lines from 0

    matter.nodes += 1
    if matter.nodes > MAX_NODES:
        raise FrontMatterError(f"front matter expands to more than {MAX_NODES} values (repeated YAML aliases?): "
                               "write the values out", line=_line(node))
    if len(path) > MAX_DEPTH:
        top = path[0] if isinstance(path[0], str) else None  # the field it is in; None for a bare list
        raise FrontMatterError(f"{'the value' if top else 'front matter'} {NESTING}", line=_line(node), field=top)
    matter.lines.setdefault(path, _line(node))
    if node.tag not in _PLAIN_TAGS:
        raise FrontMatterError(
            f"YAML tag {node.tag!r} is not allowed: write plain text, numbers, lists and fields",
            line=_line(node),
            field=_dotted(path) or None,
        )
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise FrontMatterError("field names must be plain words", line=_line(key_node))
            key = key_node.value  # the text as written: field names are never constructed
            if unusable_character(key):
                safe_key = without_unusable_characters(key)
                _unusable_text(key, path + (safe_key,), _line(key_node), matter, "field name")
                key = safe_key
            if key in result:
                matter.duplicate_keys.append((path + (key,), _line(key_node)))
            matter.lines[path + (key,)] = _line(key_node)
            result[key] = _build(value_node, path + (key,), matter, loader, offset)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (index,), matter, loader, offset) for index, item in enumerate(node.value)]
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.YAMLError as error:
        raise FrontMatterError(f"value cannot be read: {error}", line=_line(node), field=_dotted(path)) from None
    except ValueError:  # Python refuses to read integers of more than 4300 digits
        matter.unusable_values.append((path, _line(node), f"the number has {len(node.value)} digits: "
                                       "write a number of usual size, or put quotes around it if it is text"))
        return node.value  # the digits as text in its place; the problem stops the build
    if isinstance(value, str) and unusable_character(value):
        _unusable_text(value, path, _line(node), matter, "text")
        return without_unusable_characters(value)
    if isinstance(value, float) and not math.isfinite(value):
        matter.unusable_values.append((path, _line(node), f"{node.value!r} is read as infinity or not-a-number, "
                                       "which no published file can hold: write the number in digits"))
        return node.value
    return value


def _unusable_text(text: str, path: tuple, line: int, matter: FrontMatter, what: str) -> None:
    char = unusable_character(text).group()
    matter.unusable_values.append((path, line, f"the {what} contains {describe_character(char)} (a YAML escape "
                                   "such as \\0, \\e or \\uFFFE in quotes writes one): remove it"))


def _dotted(path) -> str:
    """consultation.closes, responses[3].decision"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
