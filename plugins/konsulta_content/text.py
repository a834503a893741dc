"""What text a content file may hold: UTF-8, without characters no published file can carry.

Documents, plan files and front matter values are all checked here, so that each says the same.
"""

from __future__ import annotations

import re

# C0 and C1 control characters other than tab and line breaks (XML, and so feeds and sitemaps, refuses
# most of them; HTML calls them parse errors), and Unicode noncharacters (U+FDD0..U+FDEF and the last
# two code points of every plane), which no interchanged text may hold.
UNUSABLE_CHARACTER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
    + "]"
)


class UnusableText(Exception):
    """A file whose text cannot be used, with the line (counted from 1) that shows why."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def unusable_character(text: str) -> re.Match | None:
    """The first character of ``text`` that no published file may hold, if any."""
    return UNUSABLE_CHARACTER.search(text)


def describe_character(char: str) -> str:
    """'the control character U+001B' or 'the noncharacter U+FFFE'."""
    code = ord(char)
    return f"the {'control character' if code < 0xA0 else 'noncharacter'} U+{code:04X}"


def without_unusable_characters(text: str) -> str:
    """``text`` with U+FFFD (the replacement character) for each unusable character."""
    return UNUSABLE_CHARACTER.sub("\ufffd", text)


def position_of(text: str, index: int) -> tuple[int, int]:
    """(line, column) of ``text[index]``, both counted from 1."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(raw: bytes) -> str:
    """The text of a file's bytes; UnusableText when it is not UTF-8 or holds an unusable character."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnusableText("the file is not UTF-8 text: save it again with UTF-8 encoding",
                           raw[: error.start].count(b"\n") + 1) from None
    found = unusable_character(text)
    if found is not None:
        line, column = position_of(text, found.start())
        raise UnusableText(f"the file contains {describe_character(found.group())}: delete it (column {column})", line)
    return text
