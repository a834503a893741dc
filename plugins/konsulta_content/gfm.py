"""GitHub's Markdown, read by Python-Markdown: editors see in their pull request what the site shows.

GitHub (CommonMark) and Python-Markdown disagree on the block structure of lists, and Python-Markdown
knows nothing of task lists and alerts. What the parsers disagree on is rewritten here, line by line,
before Python-Markdown reads the text (``GitHubBlocks``):

- a list, or a table, may follow a paragraph without a blank line;
- an item is nested under the item whose text it is indented under: 2 spaces under "- ", 3 under
  "1. ", 4 under "10. " (Python-Markdown counts levels in steps of 4 spaces, the lines are re-indented
  to those steps); a footnote holds a list indented by 4 spaces the same way;
- "1)" numbers a list as "1." does;
- lines in raw HTML are no list items, and <details>, <div> or <section> whose HTML block ends at a
  blank line hold Markdown (markdown="1").

Everything else passes through unchanged, so a body written for Python-Markdown (4-space nesting,
blank lines around lists) renders as before. Alerts come from pymdownx.quotes, restricted to what
GitHub takes for one (``GitHubAlerts``); footnotes the text never refers to are left out, as GitHub
does (``UnreferencedFootnotes``).

What the rewriting cannot express is kept in ``GitHubBlocks.differences`` as (line index in the
text, sentence), and the lines GitHub shows as list items in ``item_lines``: the build warns about
both (konsulta_content.rendering, konsulta_content.parity).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markdown import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from pymdownx.quotes import QuotesProcessor, QuotesTreeprocessor

# Python-Markdown's nesting step; tabs are already spaces when preprocessors run (NormalizeWhitespace).
STEP = 4
# Lists nested deeper are refused before Python-Markdown reads them: it reads each level with a
# recursive call over the whole rest of the list (800 levels took 20 s before it gave up).
MAX_DEPTH = 50
ITEM = re.compile(r"(?P<marker>[-+*]|(?P<number>\d{1,9})(?P<delimiter>[.)]))(?P<space> +|$)(?P<text>.*)")
THEMATIC_BREAK = re.compile(r"([-*_])(?: *\1){2,} *$")
FENCE = re.compile(r"(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING = re.compile(r"#{1,6}(?: |$)")
FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:")
FOOTNOTE_KIND = "footnote"
# An HTML block's first line that is only the opening tag of an element holding Markdown on GitHub.
MARKDOWN_HOLDER = re.compile(r"<(details|div|section)(?:\s[^>]*)?>\s*$", re.IGNORECASE)
QUOTE = re.compile(r"((?: {0,3}> ?)+)(.*)$")
TABLE_DELIMITER = re.compile(r"\|? *:?-+:? *(?:\| *:?-+:? *)*\|? *$")

_BLOCK_TAGS = ("address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|"
               "dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|"
               "iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|"
               "summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul")
# CommonMark's raw HTML blocks: (how one starts, how its last line ends; None: before a blank line).
HTML_BLOCKS = (
    (re.compile(r"<(?:pre|script|style|textarea)(?:\s|>|$)", re.I), re.compile(r"</(?:pre|script|style|textarea)>", re.I)),
    (re.compile(r"<!--"), re.compile(r"-->")),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
    (re.compile(r"</?(?:" + _BLOCK_TAGS + r")(?:\s|/?>|$)", re.I), None),
    (re.compile(r"(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*"
                r"\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"), None),
)

# What Python-Markdown cannot be made to show as GitHub does, and how to write it so that both agree.
FENCE_IN_ITEM = ("a fenced code block inside a list item shows as code on GitHub but as text on the site: "
                 "instead of the ``` lines, leave a blank line and indent the code 4 spaces more than the item's text")
HEADING_IN_ITEM = ("a heading right after a list item's text shows as a heading on GitHub but as text on the "
                   "site: leave a blank line before the heading")
MARKER_CHANGE = ("items marked {kind!r} right after items marked {before!r} make two lists on GitHub but one on "
                 "the site: mark all the items alike, or put a sentence between the two lists")


@dataclass
class _Item:
    column: int  # where the item's content starts in the source line
    kind: str  # "-", "*", "+", "." or ")": a different kind starts a new list on GitHub
    blank: bool = False  # a blank line was seen inside the item


@dataclass
class _Verbatim:
    """Lines passed on as they are, only re-indented into their list item: fenced code, raw HTML."""

    end: re.Pattern | None  # matches the block's last line; None: the block ends before a blank line
    strip: int  # source columns removed from each line of the block (its list item's content column)
    indent: int  # spaces put back


class TooDeep(Exception):
    """A list nested more than MAX_DEPTH levels deep."""


class GitHubBlocks(Preprocessor):
    """Rewrites GitHub's list and table structure into the form Python-Markdown reads (module docstring)."""

    def __init__(self, md=None):
        super().__init__(md)
        self.differences: list[tuple[int, str]] = []
        self.item_lines: set[int] = set()  # lines GitHub shows as list items, for konsulta_content.parity

    def run(self, lines: list[str]) -> list[str]:
        self.differences, self.item_lines = [], set()
        out: list[str] = []
        items: list[_Item] = []  # the list items open around the line, outermost first
        verbatim: _Verbatim | None = None
        depth = 0  # of block quotes: a list does not reach across the start or end of a quote
        paragraph = False  # the line before is text that a following line may continue
        blank = True
        for index, line in enumerate(lines):
            if verbatim is None and not items and not depth and line[:1].isalpha() and "|" not in line:
                # Most lines: prose outside lists, quotes and code, which nothing here rewrites.
                out.append(line)
                paragraph, blank = True, False
                continue
            quoted = QUOTE.match(line) if not items or _indent(line) < items[0].column else None
            prefix, content = (quoted.group(1), quoted.group(2)) if quoted else ("", line)
            if verbatim is not None and (verbatim.end or content.strip()):
                out.append(prefix + _reindent(content, verbatim.strip, verbatim.indent))
                if verbatim.end and verbatim.end.search(content):
                    verbatim, paragraph = None, False
                continue
            verbatim = None
            level = prefix.count(">")
            if level != depth and not (paragraph and level == 0):
                if items and not blank:
                    out.append("")  # Python-Markdown would read the quote as part of the list, or the reverse
                items, paragraph, depth = [], False, level
            if not content.strip():
                out.append(line)
                for item in items:
                    item.blank = True
                paragraph, blank = False, True
                continue
            indent = _indent(content)
            inside = sum(1 for item in items if item.column <= indent)  # the items the line is in
            base = items[inside - 1].column if inside else 0
            text = content[base:].lstrip(" ")
            relative = indent - base
            item = ITEM.match(text) if relative < STEP else None
            if item and (THEMATIC_BREAK.match(text) or (paragraph and _continues(item, items, inside))):
                item = None
            table = (paragraph and not items and index + 1 < len(lines)
                     and _table_starts(content, lines[index + 1], prefix))
            footnote = FOOTNOTE.match(text) if not inside and relative < STEP else None
            if item is None and paragraph and not (table or footnote or _starts_block(text)):
                out.append(line)  # a lazy continuation line: the paragraph goes on, however indented
                continue
            if item is None:
                if not blank and (table or (items and not inside)):
                    out.append(prefix.rstrip())  # a table right after a paragraph, a heading right after a list
                del items[inside:]
                # In an item, a step of indentation per level; but a quote right after the item's text is
                # read by Python-Markdown as part of that text, where it must not be indented. Spaces
                # beyond the item's content column matter from the fourth on (indented code).
                indent = 0 if blank is False and text.startswith(">") else STEP * inside
                out.append(prefix + " " * (indent + (relative if relative >= STEP or not inside else 0)) + text)
                fenced = FENCE.match(text)
                if fenced and not (fenced["fence"][0] == "`" and "`" in fenced["info"]):
                    closing = re.escape(fenced["fence"][0]) + "{%d,}" % len(fenced["fence"])
                    verbatim = _Verbatim(re.compile(r"^ *" + closing + r" *$"), base, indent)
                    if inside:
                        self.differences.append((index, FENCE_IN_ITEM))
                elif inside and not blank and HEADING.match(text):
                    self.differences.append((index, HEADING_IN_ITEM))
                elif footnote:
                    # A footnote holds blocks indented by 4 spaces, lists among them, as an item does.
                    items.append(_Item(indent + STEP, FOOTNOTE_KIND))
                else:
                    verbatim = _html_block(text, paragraph, base, indent)
                    if verbatim and not inside and _markdown_follows(text, lines[index + 1:]):
                        # GitHub reads Markdown again after the blank line that ends the tag's HTML block:
                        # <details><summary>Annex</summary>, a blank line, then a list. Python-Markdown
                        # does with markdown="1" (md_in_html).
                        out[-1] = out[-1][:out[-1].rindex(">")] + ' markdown="1">'
                paragraph = not (fenced or verbatim or HEADING.match(text) or THEMATIC_BREAK.match(text))
                blank = False
                continue
            kind = item["delimiter"] or item["marker"]
            closing = items[inside:]  # the items this one ends: its previous sibling and what that holds
            same_list = bool(closing) and closing[0].kind == kind
            if closing and not same_list and _family(closing[0].kind) == _family(kind):
                self.differences.append((index, MARKER_CHANGE.format(kind=kind, before=closing[0].kind)))
                same_list = True  # Python-Markdown goes on with the list: the difference is warned about
            top = inside == 0 or items[inside - 1].kind == FOOTNOTE_KIND
            if not blank and ((not same_list and (top or closing)) or (closing and closing[0].blank)):
                # Python-Markdown starts a list only after a blank line (in a list item, right after its
                # text too); and once a blank line was inside an item, only a blank line keeps the next
                # item out of that item's nested list.
                out.append(prefix.rstrip())
            del items[inside:]
            if inside >= MAX_DEPTH:
                raise TooDeep(index)
            space = len(item["space"])
            items.append(_Item(indent + len(item["marker"]) + (space if 0 < space <= STEP else 1), kind))
            self.item_lines.add(index)
            marker = item["number"] + "." if item["number"] else item["marker"]
            out.append(prefix + " " * (STEP * inside) + marker + " " + item["text"])
            paragraph, blank = bool(item["text"].strip()), False
        return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _reindent(line: str, strip: int, indent: int) -> str:
    """``line`` with up to ``strip`` leading spaces replaced by ``indent`` spaces."""
    return " " * indent + line[min(strip, _indent(line)):]


def _family(kind: str) -> str:
    return "ordered" if kind in ".)" else "bullet"


def _continues(item: re.Match, items: list[_Item], inside: int) -> bool:
    """Whether an item line right after a paragraph line is the paragraph's text instead: on GitHub the
    first item of a new list may interrupt a paragraph only if it has text and, numbered, is number 1.
    An item less indented than the paragraph's own item is never its text."""
    if inside < len(items):
        return False
    if not item["text"].strip():
        return True
    return item["number"] is not None and int(item["number"]) != 1


def _starts_block(text: str) -> bool:
    """Whether a line ends the paragraph before it (a heading, a quote, a fence, a break, HTML)."""
    return bool(HEADING.match(text) or text.startswith(">") or FENCE.match(text) or THEMATIC_BREAK.match(text)
                or (text.startswith("<") and any(start.match(text) for start, _ in HTML_BLOCKS[:-1])))


def _markdown_follows(text: str, following: list[str]) -> bool:
    """Whether ``text`` opens an element whose HTML block ends, at a blank line, before the element does."""
    holder = MARKDOWN_HOLDER.match(text)
    if not holder or "markdown=" in text:
        return False
    closing = re.compile(r"</" + holder.group(1) + r"\s*>", re.IGNORECASE)
    for line in following:
        if not line.strip():
            return True
        if closing.search(line):
            return False
    return False


def _html_block(text: str, paragraph: bool, strip: int, indent: int) -> _Verbatim | None:
    """The raw HTML block ``text`` starts, if any (CommonMark's seven kinds; the last cannot interrupt a
    paragraph). Its lines are no list items on GitHub, whatever they look like."""
    if not text.startswith("<"):
        return None
    for start, end in HTML_BLOCKS[:-1] if paragraph else HTML_BLOCKS:
        if start.match(text):
            if end is not None and end.search(text):
                return None  # the block ends on its first line
            return _Verbatim(end, strip, indent)
    return None


def _table_starts(line: str, following: str, prefix: str) -> bool:
    """Whether ``line`` is the header row of a table whose delimiter row is ``following``."""
    if "|" not in line:
        return False
    quoted = QUOTE.match(following)
    delimiter = (quoted.group(2) if quoted and quoted.group(1).count(">") == prefix.count(">") else following).strip()
    if "|" not in delimiter or not TABLE_DELIMITER.match(delimiter):
        return False
    return _cells(line) == _cells(delimiter)


def _cells(row: str) -> int:
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return len(re.split(r"(?<!\\)\|", row))


def github_heading_ids(texts: list[str]) -> list[str]:
    """The ids GitHub gives headings with these texts, in order (what links written for GitHub point at):
    lowercase, only letters, digits, "_", "-" and spaces kept, each space a "-"; a repeated id gets
    "-1", "-2"... (GitHub's github-slugger)."""
    seen: dict[str, int] = {}
    found = []
    for text in texts:
        slug = "".join(ch for ch in text.lower() if ch in "-_ " or ch.isalnum()
                       or unicodedata.category(ch).startswith("M")).replace(" ", "-")
        base, count = slug, seen.get(slug, 0)
        while slug in seen:
            count += 1
            slug = f"{base}-{count}"
        seen[base] = count
        seen.setdefault(slug, 0)
        found.append(slug)
    return found


class GitHubAlerts(QuotesProcessor):
    """A quote whose first line is only [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION], outside
    any list or quote, is an alert, as on GitHub; pymdownx.quotes would also take other kinds, titles
    after the kind and nested quotes, which GitHub shows as plain quotes."""

    RE_CALLOUT = re.compile(r"[ ]{0,3}> *\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]()()[ \t]*(?:\n|$)", re.IGNORECASE)

    def run(self, parent, blocks):
        self.callouts = parent is self.parser.root
        return super().run(parent, blocks)


class GitHubAlertTitles(QuotesTreeprocessor):
    """pymdownx.quotes turns the quote into <div class="admonition note"> with the title "Note", as GitHub
    shows it whatever the page's language: the title is marked as English for screen readers."""

    def run(self, root):
        super().run(root)
        for title in root.iter("p"):
            if title.get("class") == "admonition-title":
                title.set("lang", "en")


class UnreferencedFootnotes(Treeprocessor):
    """GitHub leaves out a footnote the text never refers to; Python-Markdown would list it, with a
    back-link to a reference that is not there."""

    def run(self, root):
        footnotes = next((e for e in self.md.registeredExtensions if isinstance(e, FootnoteExtension)), None)
        if footnotes is None or not footnotes.footnotes:
            return
        referred = set(footnotes.footnote_order)
        for parent in root.iter():
            for holder in parent.findall("div"):
                if holder.get("class") != "footnote":
                    continue
                listed = holder.find("ol")
                for footnote in list(listed if listed is not None else ()):
                    if footnote.get("id", "").split(footnotes.get_separator(), 1)[-1] not in referred:
                        listed.remove(footnote)
                if listed is not None and not len(listed):
                    parent.remove(holder)
                return


class GitHubExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        # After NormalizeWhitespace (30: tabs are spaces), before fenced code (25) and raw HTML (20).
        md.preprocessors.register(GitHubBlocks(md), "github_blocks", 29)
        md.parser.blockprocessors.register(GitHubAlerts(md.parser, {"callouts": True}), "quote", 20)
        md.treeprocessors.register(GitHubAlertTitles(md), "quotes", 19.99)
        # After the footnotes are listed (50), their references read (inline, 20) and ordered (19).
        md.treeprocessors.register(UnreferencedFootnotes(md), "unreferenced_footnotes", 18)
