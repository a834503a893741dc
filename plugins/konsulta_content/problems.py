"""Problems found in content, gathered over a whole build and reported together."""

from __future__ import annotations

import logging
import os
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .doctypes import document_type


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one document: where it is, what is wrong, what to do."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class ContentErrors(SystemExit):
    """Ends the build with every problem listed and a non-zero exit status.

    A SystemExit, so the CLI prints the report without a traceback, while code
    that runs Pelican in-process can still catch it and read ``problems``.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.field or "", p.message))
        count = len(self.problems)
        heading = f"Konsulta found {count} problem{'s' if count != 1 else ''} in the content:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))


def display_path(path: str | Path) -> str:
    """A path as editors know it: relative to the working directory where possible, naming the file
    itself (not what a link points to). A name in decomposed Unicode says so, since it looks the same
    as its composed twin: 'café.md' and 'café.md (written with a combining accent: U+0301)'."""
    path = Path(path)
    try:
        shown = str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # outside the working directory, or a folder that is a loop of links
        shown = str(path)
    return shown + _decomposed_note(shown)


def _decomposed_note(text: str) -> str:
    if unicodedata.is_normalized("NFC", text):
        return ""
    marks = sorted({char for char in text if unicodedata.combining(char)})
    if marks:
        codes = ", ".join(f"U+{ord(mark):04X}" for mark in marks)
        return f" (written with a combining accent: {codes})"
    odd = sorted({char for char in text if not unicodedata.is_normalized("NFC", char)})
    return f" (written with the look-alike code point {', '.join(f'U+{ord(char):04X}' for char in odd)})"


def a_or_an(word: str) -> str:
    """'a body', 'an outcome', 'a news item': a document type (or field name) as a sentence names one."""
    kind = document_type(word)
    word = kind.noun if kind is not None else word
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


@dataclass
class BuildProblems:
    """Problems of the current build; Pelican's own error logs count as problems too."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, path, message, *, line=None, field=None):
        self.problems.append(Problem(display_path(path), line, field, message))

    def extend(self, problems):
        self.problems.extend(problems)

    def raise_if_any(self):
        if self.problems:
            raise ContentErrors(self.problems)


class PelicanErrorLog(logging.Handler):
    """Turns errors Pelican logs while reading (a file it could not process) into problems,
    so a document that cannot be read fails the build instead of going missing.

    Konsulta's reader does not raise, so these are other failures (another plugin's, or Pelican's).
    Pelican logs "Could not process en/x.md" without the exception unless DEBUG is set; the log call
    is made inside its ``except`` block, so the exception is still the one being handled here."""

    def __init__(self, sink: BuildProblems, content_root: str | Path = ""):
        super().__init__(level=logging.ERROR)
        self.sink = sink
        self.content_root = content_root

    def emit(self, record):
        if record.levelno >= logging.CRITICAL:
            return
        message = record.getMessage()
        args = record.args if isinstance(record.args, tuple) else ()
        named = [arg for arg in args if isinstance(arg, str) and os.path.lexists(os.path.join(self.content_root, arg))]
        error = record.exc_info[1] if record.exc_info and record.exc_info[1] is not None else sys.exc_info()[1]
        if error is not None:
            message = f"{message}: {type(error).__name__}" + (f": {error}" if str(error) else "")
        where = os.path.join(self.content_root, named[0]) if named else (self.content_root or "content")
        self.sink.add(where, message)
