"""Where the site still shows a body otherwise than GitHub's preview: list items shown as text.

konsulta_content.gfm knows which lines GitHub shows as list items. An item Python-Markdown read as text
anyway shows in the HTML as a line of a paragraph that starts with its marker ("- ", "1. "): such a
line is matched back to its source line by its first letters and digits. A warning, not an error: the
page is still readable, and the editor can fix the list.
"""

from __future__ import annotations

import re
from html import unescape

from . import markup
from .gfm import ITEM

PREFORMATTED = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
# A line of the HTML outside <pre> that starts, after any tags, with a list marker and text.
MARKER_LINE = re.compile(r"^(?:[ \t]*<[^>\n]*>)*[ \t]*(?:[-+*]|\d{1,9}[.)]) +(\S.*)$", re.MULTILINE)
NON_WORD = re.compile(r"\W+")
MATCHED_LETTERS = 16  # enough to tell items apart, few enough to survive links and markup in the text
MIN_LETTERS = 4
QUOTE_AND_INDENT = re.compile(r"^(?: {0,3}> ?)*\s*")


def list_items_shown_as_text(text: str, html: str, item_lines: set[int]) -> list[tuple[int, str]]:
    """(line index in ``text``, sentence) for each of ``item_lines`` whose item the HTML shows as text."""
    shown = {_letters(unescape(markup.TAG.sub("", match.group(1))))
             for match in MARKER_LINE.finditer(PREFORMATTED.sub("", html))}
    shown.discard("")
    if not shown:
        return []
    # Two texts match when they start alike for as many letters as the shorter has, up to
    # MATCHED_LETTERS and at least MIN_LETTERS: looked up by prefix, so that a body of thousands of
    # such lines costs thousands of look-ups, not millions of comparisons.
    starts = {length: {letters[:length] for letters in shown if len(letters) >= length}
              for length in range(MIN_LETTERS, MATCHED_LETTERS + 1)}
    short = {letters for letters in shown if len(letters) < MATCHED_LETTERS}
    lines = text.split("\n")
    found = []
    for index in sorted(item_lines):
        item = ITEM.match(QUOTE_AND_INDENT.sub("", lines[index]))
        letters = _letters(item["text"]) if item else ""
        length = min(len(letters), MATCHED_LETTERS)
        if length >= MIN_LETTERS and (letters[:length] in starts[length]
                                      or any(letters[:n] in short for n in range(MIN_LETTERS, length))):
            found.append((index, "this line is a list item in GitHub's preview but the site shows it as text: "
                                 "put a blank line before the list, and indent a nested item under the text of "
                                 "the item it belongs to"))
    return found


def _letters(text: str) -> str:
    return NON_WORD.sub("", text)
