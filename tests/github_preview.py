"""Compares Konsulta's rendering of Markdown with GitHub's, by structure.

GitHub's renderer is cmark-gfm (the cmarkgfm package wraps it). Its alerts (`> [!NOTE]`) are added by
github.com after cmark-gfm, so they are added here as GitHub documents them: a top-level quote whose
first line is only `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`.

Both renderings are reduced to a skeleton: the block and list structure (ordered lists with their
first number), the text, links, footnote references and back-links, table cells, task states and
alerts; ids, classes and markup that differ only in form (GitHub's <input> against Konsulta's ☐/☑,
<section> against <div> for footnotes) are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

ALERTS = ("note", "tip", "important", "warning", "caution")
ALERT_LINE = re.compile(r"(\[!\w+\])[ \t]*(?:\n|$)")
CONSTRUCT = re.compile(r"^<!-- construct: (.+?) -->\n", re.MULTILINE)
# Konsulta's own {#id} on a heading: GitHub would print it, and it is documented as Konsulta's extension.
HEADING_ID = re.compile(r"^(#{1,6} .*?) \{#[\w-]+\}$", re.MULTILINE)
KEPT = {"ul", "ol", "li", "p", "blockquote", "table", "tr", "th", "td", "pre", "code", "strong", "em",
        "del", "a", "sup", "br", "hr", "img"}
VOID = {"br", "hr", "img", "input"}
CHECKED, UNCHECKED = "☑", "☐"  # how the skeleton writes a task's state, GitHub's and Konsulta's alike


def github_html(markdown_text: str) -> str:
    """What GitHub's preview shows for ``markdown_text``, before its alerts (see skeleton)."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(
        HEADING_ID.sub(r"\1", markdown_text), options=Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES)


def constructs(markdown_text: str) -> list[tuple[str, str]]:
    """(name, Markdown) of each part of a fixture that starts with `<!-- construct: name -->`."""
    pieces = CONSTRUCT.split(markdown_text)
    return [(pieces[i].strip(), pieces[i + 1]) for i in range(1, len(pieces), 2)]


@dataclass
class Node:
    tag: str
    children: list = field(default_factory=list)

    def text(self) -> str:
        """The text of this node without its nested lists (a list item's own words)."""
        return " ".join(" ".join(c.split()) if isinstance(c, str) else c.text()
                        for c in self.children if isinstance(c, str) or c.tag.split()[0] not in ("ul", "ol")).strip()

    def __str__(self) -> str:
        inner = " ".join(str(c) if isinstance(c, Node) else repr(c) for c in self.children)
        return f"{self.tag}({inner})" if inner else self.tag


class _Skeleton(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("body")
        self.stack = [(self.root, True)]  # (node, whether the element is kept)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        parent = self.stack[-1][0]
        if tag == "input" and attrs.get("type") == "checkbox":
            parent.children.append(CHECKED if "checked" in attrs else UNCHECKED)
            return
        if parent.tag == "backref":
            self.stack.append((parent, False))  # GitHub numbers a second back-link: "↩<sup>2</sup>"
            if tag in VOID:
                self.stack.pop()
            return
        if tag in VOID and tag not in KEPT:
            return
        name = None
        if tag in KEPT:
            name = tag
        elif re.fullmatch(r"h[1-6]", tag):
            name = "h"  # a body's "#" heading is the page's second level: the level is not compared
        elif tag in ("section", "div") and ("footnotes" in classes or "footnote" in classes):
            name = "footnotes"
        elif tag == "div" and "admonition" in classes:
            name = "alert:" + next((c for c in classes if c in ALERTS), "?")
        if tag == "ol" and attrs.get("start", "1") != "1":
            name = f"ol start={attrs['start']}"
        if tag == "a":
            if "footnote-backref" in classes:
                name = "backref"
            elif "href" not in attrs:
                name = None  # an anchor: a target, not a link (fragments() checks those)
            elif attrs["href"].startswith("#"):
                name = "a#"  # a link within the page
        if tag == "p" and "admonition-title" in classes:
            name = "alert-title"
        if tag == "hr" and self.stack[-1][0].tag == "footnotes":
            return
        if name is None:
            self.stack.append((parent, False))
            if tag in VOID:
                self.stack.pop()
            return
        node = Node(name)
        parent.children.append(node)
        if tag not in VOID:
            self.stack.append((node, True))

    def handle_endtag(self, tag):
        if tag in VOID or len(self.stack) == 1:
            return
        self.stack.pop()

    def handle_data(self, data):
        node = self.stack[-1][0]
        if node.tag == "backref":
            return  # "↩", or "↩2" for a second reference: the link itself is compared
        alert = ALERT_LINE.match(data)
        if alert:  # kept apart, for _github_alerts: GitHub wants the kind alone on the quote's first line
            node.children.append(alert.group(1))
            data = data[alert.end():]
        text = " ".join(data.replace("\xa0", " ").split())
        if text:
            node.children.append(text)


def skeleton(html: str, *, github: bool = False) -> Node:
    """``github``: the HTML is cmark-gfm's, to which github.com adds its alerts."""
    parser = _Skeleton()
    parser.feed(html)
    parser.close()
    root = parser.root
    _drop_alert_titles(root)
    _unwrap_backrefs(root)
    if github:
        _github_alerts(root)
    _merge_text(root)
    return root


def _drop_alert_titles(node: Node) -> None:
    """Konsulta's alert title repeats the alert's kind, which the skeleton already names."""
    node.children = [c for c in node.children if not (isinstance(c, Node) and c.tag == "alert-title")]
    for child in node.children:
        if isinstance(child, Node):
            _drop_alert_titles(child)


def _unwrap_backrefs(node: Node) -> None:
    """A footnote that ends with a list: GitHub puts its back-link after the list, Python-Markdown in a
    paragraph after it; the same to a reader."""
    node.children = [c.children[0] if isinstance(c, Node) and c.tag == "p" and len(c.children) == 1
                     and isinstance(c.children[0], Node) and c.children[0].tag == "backref" else c
                     for c in node.children]
    for child in node.children:
        if isinstance(child, Node):
            _unwrap_backrefs(child)


def _github_alerts(root: Node) -> None:
    """github.com turns a top-level quote that starts with a line `[!KIND]` into an alert."""
    for child in root.children:
        if not (isinstance(child, Node) and child.tag == "blockquote" and child.children):
            continue
        first = child.children[0]
        if not (isinstance(first, Node) and first.tag == "p" and first.children and isinstance(first.children[0], str)):
            continue
        match = re.fullmatch(r"\[!(\w+)\]", first.children[0])
        if match and match.group(1).lower() in ALERTS:
            child.tag = "alert:" + match.group(1).lower()
            first.children.pop(0)
            if not first.children:
                child.children.pop(0)


def _merge_text(node: Node) -> None:
    merged = []
    for child in node.children:
        if isinstance(child, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + " " + child
        else:
            merged.append(child)
        if isinstance(child, Node):
            _merge_text(child)
    node.children = merged


def list_items(node: Node, path: tuple = ()) -> Counter:
    """Each list item as (its place: the lists it is in and its position in each, its own text)."""
    found = Counter()
    position = 0
    for child in node.children:
        if not isinstance(child, Node):
            continue
        if child.tag == "li":
            position += 1
            here = (*path, (node.tag, position))
            found[(here, child.text())] += 1
            found.update(list_items(child, here))
        else:
            found.update(list_items(child, path if child.tag.split()[0] not in ("ul", "ol") else path))
    return found


@dataclass(frozen=True)
class Agreement:
    name: str
    same: bool
    github: str
    konsulta: str
    items: int  # list items GitHub shows
    items_same: int  # of those, the ones Konsulta shows at the same place with the same text
    broken: tuple[str, ...]  # links to a place in the page (#x) that Konsulta's page does not have


def compare(name: str, markdown_text: str, konsulta_html: str) -> Agreement:
    theirs, ours = skeleton(github_html(markdown_text), github=True), skeleton(konsulta_html)
    github_items, our_items = list_items(theirs), list_items(ours)
    return Agreement(name, str(theirs) == str(ours), str(theirs), str(ours),
                     sum(github_items.values()), sum((github_items & our_items).values()),
                     unresolved_fragments(konsulta_html))


ID = re.compile(r'\sid="([^"]*)"')
FRAGMENT_LINK = re.compile(r'\shref="#([^"]*)"')


def unresolved_fragments(html: str) -> tuple[str, ...]:
    """Each "#x" a link in ``html`` points at for which no element of ``html`` has id="x"."""
    ids = set(ID.findall(html))
    return tuple(f"#{target}" for target in FRAGMENT_LINK.findall(html) if target not in ids)
