"""Exact edits to HTML that nh3 serialised, without parsing it into a tree again.

nh3 (html5ever) writes attributes as name="value" with `&` and `"` escaped, text with `&`, `<` and
`>` escaped, and no comments, so one regular expression finds every tag. Re-parsing each body with an
HTML parser cost more than converting its Markdown.
"""

from __future__ import annotations

import re
from html import unescape

ATTRIBUTES = r'(?:\s+[^\s"\'>/=]+(?:\s*=\s*"[^"]*")?)*'
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(" + ATTRIBUTES + r")\s*/?>")
ATTRIBUTE = re.compile(r'([^\s"\'>/=]+)(?:\s*=\s*"([^"]*)")?')


def attributes(raw: str) -> dict[str, str]:
    """The attributes of a tag's attribute text, values unescaped."""
    return {name.lower(): unescape(value or "") for name, value in ATTRIBUTE.findall(raw)}


def escape_attribute(value: str, *, link_markers: bool = True) -> str:
    """``link_markers``: also escape "{" and "|", which Pelican would otherwise read as the start of its
    link markers ({attach}, |static|...) anywhere in a tag, and copy the file they name."""
    value = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("{", "&#123;").replace("|", "&#124;") if link_markers else value


def escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def start_tag(name: str, attrs: dict[str, str], *, verbatim=()) -> str:
    """``verbatim``: attributes holding a link marker that was checked and must reach Pelican as written."""
    return "<" + name + "".join(f' {key}="{escape_attribute(value, link_markers=key not in verbatim)}"'
                                for key, value in attrs.items()) + ">"


def text_of(html: str) -> str:
    """Text of a fragment, pieces stripped and joined by one space (as a heading's accessible name)."""
    return " ".join(piece for piece in (unescape(p).strip() for p in TAG.sub("\x00", html).split("\x00")) if piece)


def text_content(html: str) -> str:
    """Text of a fragment as the browser's textContent reads it: the pieces joined as they are."""
    return unescape(TAG.sub("", html))


def plain_text(html: str) -> str:
    """All text of a fragment on one line: what search indexes and feeds summarise."""
    return " ".join(unescape(TAG.sub(" ", html or "")).split())


def elements(html: str, names: str):
    """(match, level-or-name, attributes, inner HTML) for each element named by the regex `names`
    (for example "h[2-6]"): elements that cannot nest in themselves only."""
    pattern = re.compile(r"<(" + names + r")(" + ATTRIBUTES + r")\s*>(.*?)</\1\s*>", re.DOTALL)
    for match in pattern.finditer(html):
        yield match, match.group(1), attributes(match.group(2)), match.group(3)
