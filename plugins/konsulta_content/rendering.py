"""Markdown to safe HTML: Python-Markdown reading GitHub's Markdown (konsulta_content.gfm), then an nh3
allow-list, whatever an editor pasted."""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3

from . import gfm, limits, links, markup, parity

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title", "class"},
    "a": {"href", "hreflang", "name"},  # name: an anchor written for GitHub, published as its id
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "scope", "headers"},
    "time": {"datetime"},
    "del": {"datetime", "cite"},
    "ins": {"datetime", "cite"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "cite"}
NO_TEXT_ALTERNATIVE = "has no text alternative"  # the allowed attributes that hold an address
PLAIN_ID = re.compile(r"[A-Za-z0-9][\w-]*")
EXTERNAL = re.compile(r"^(https?:)?//")
# Ids the theme gives elements around the body (the skip link's target, section headings, form fields).
THEME_ID = re.compile(r"^(main|.+-heading|search-.+|feeds-.+|quarter-\d+|.+-(title|desc))$")
# pymdownx.tasklist writes a disabled checkbox, and forms are never published: a task's state is shown
# as ☑ or ☐, text that screen readers read in the reader's own language ("ballot box with check").
TASK_CHECKBOX = re.compile(r'<input type="checkbox" disabled( checked)?/>')
TASK_STATES = {True: '<span class="task-list-state">\u2611</span>', False: '<span class="task-list-state">\u2610</span>'}


@lru_cache(maxsize=1 << 16)
def slugify_heading(text: str, separator: str = "-") -> str:
    """A heading id that keeps letters of every language readable: 'Görüş ve öneriler' -> 'gorus-ve-oneriler'."""
    text = text.replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^\w\s-]", "", text, flags=re.UNICODE)
    return re.sub(r"[\s_-]+", separator, text).strip(separator) or "section"


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Rendered:
    html: str
    headings: tuple[Heading, ...]
    problems: tuple[tuple[str, str], ...] = ()  # (image source, sentence)
    text: str = ""  # the body's plain text, for search and summaries
    # (line index in the text, or the text to find, sentence): what GitHub's preview shows otherwise
    warnings: tuple[tuple[int | str, str], ...] = ()
    # Every fragment a link from another page may end in: the ids of the body, and its headings' ids as
    # GitHub makes them (_link_targets)
    anchors: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One converter for the whole build (reset before each document): building one costs more than converting.
    The extensions are "extra", "sane_lists" and "toc", given as classes: by name, Markdown looks them up
    among the installed packages' entry points, which costs a fifth of validating the demo content."""
    from markdown.extensions import (abbr, attr_list, def_list, fenced_code, footnotes, md_in_html, sane_lists,
                                     tables, toc)
    from pymdownx import magiclink, saneheaders, tasklist, tilde

    return markdown.Markdown(
        extensions=[fenced_code.FencedCodeExtension(),
                    # "fn-1" and "fnref-1", not "fn:1": ids are published plain (PLAIN_ID), as GitHub's
                    # are; numbered in the order the text refers to them, as on GitHub
                    footnotes.FootnoteExtension(SEPARATOR="-", USE_DEFINITION_ORDER=False),
                    attr_list.AttrListExtension(),
                    def_list.DefListExtension(), tables.TableExtension(), abbr.AbbrExtension(),
                    md_in_html.MarkdownInHtmlExtension(), sane_lists.SaneListExtension(),
                    toc.TocExtension(slugify=slugify_heading, toc_depth="2-6"),
                    # What GitHub's preview does and Python-Markdown does not: list structure, alerts
                    # (konsulta_content.gfm), task lists, ~~deleted~~ (a single ~ stays a ~, as in prose),
                    # bare web and mail addresses as links, and "#" at the start of a line as text.
                    gfm.GitHubExtension(), tasklist.TasklistExtension(), tilde.DeleteSubExtension(subscript=False),
                    magiclink.MagiclinkExtension(), saneheaders.SaneHeadersExtension()],
        output_format="html",
    )


def render(text: str, resolve_link=None) -> Rendered:
    """``resolve_link(tag, attribute, address)`` returns (address to publish, verbatim) or raises
    links.LinkProblem: local files and link markers are resolved there (konsulta_content.links)."""
    too_costly = limits.problems(text)
    if too_costly:
        return Rendered("", (), tuple(too_costly))
    converter = _markdown().reset()
    try:
        raw_html = converter.convert(text)
    except (RecursionError, gfm.TooDeep):
        # Lists or quotes nested hundreds deep: Python-Markdown reads each level with a recursive call.
        # The converter is left mid-document (its block parser's state stack): the next document gets a
        # new one, or it would silently render nothing.
        _markdown.cache_clear()
        return Rendered("", (), (("", "lists or quotes are nested too deeply to publish: use fewer levels "
                                      "(a list inside a list inside a list is already hard to follow)"),))
    except BaseException:
        _markdown.cache_clear()  # whatever went wrong, the next document must not inherit a half-read one
        raise
    blocks = converter.preprocessors["github_blocks"]
    # Document titles are the page's h1: a '# heading' in the body becomes h2.
    raw_html = re.sub(r"<(/?)h1([ >])", r"<\1h2\2", raw_html)
    raw_html = TASK_CHECKBOX.sub(lambda match: TASK_STATES[bool(match.group(1))], raw_html)
    clean = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    problems = []
    targets = _link_targets(clean)

    def edit(match: re.Match) -> str:
        if match.group(1) or not match.group(3):
            return match.group(0)
        name = match.group(2).lower()
        attrs = markup.attributes(match.group(3))
        changed = False
        verbatim = ()
        if name == "img":
            if not attrs.get("src"):
                # The sanitiser removed a data: or script address; an <img> without src is invalid.
                problems.append((attrs.get("alt") or "<img", "an image was left out: its address is not a file "
                                 "(data: and script addresses are never published); save the image in the "
                                 "content folder and link it by its path"))
                return ""
            if attrs.get("alt") is None:
                problems.append((attrs["src"], f"image {attrs['src']!r} {NO_TEXT_ALTERNATIVE}: "
                                               "write ![what the image shows](file)"))
        if resolve_link is not None:
            for attribute in URL_ATTRIBUTES.intersection(attrs):
                try:
                    address, keep = resolve_link(name, attribute, attrs[attribute])
                except links.LinkProblem as problem:
                    problems.append((attrs[attribute], str(problem)))
                    address, keep = "#", False  # the build stops on the problem; the page never ships
                if address != attrs[attribute] or keep:
                    attrs[attribute], changed = address, True
                    verbatim = (*verbatim, attribute) if keep else verbatim
        if any("{" in value or "|" in value for value in attrs.values()):
            changed = True  # start_tag escapes them: Pelican would read them as its own link markers
        if "name" in attrs:
            # <a name> is obsolete HTML: the anchor becomes the element's id, and links to it follow.
            anchor = attrs.pop("name")
            attrs.setdefault("id", anchor)
            changed = True
        if "id" in attrs and attrs["id"] != published_id(attrs["id"]):
            attrs["id"], changed = published_id(attrs["id"]), True
        if name == "a" and attrs.get("href", "").startswith("#") and len(attrs["href"]) > 1:
            fragment = urllib.parse.unquote(attrs["href"][1:])
            target = targets.get(fragment, fragment)
            fragments.append((attrs["href"], target))
            if target != attrs["href"][1:]:
                attrs["href"], changed = "#" + target, True
        if name == "a" and EXTERNAL.match(attrs.get("href", "")):
            attrs["rel"], changed = "noopener", True
        if "id" in attrs:
            ids.append(attrs["id"])
        return markup.start_tag(name, attrs, verbatim=verbatim) if changed else match.group(0)

    ids: list[str] = []
    fragments: list[tuple[str, str]] = []  # (address as written, the id it points at) of links within the page
    html = markup.TAG.sub(edit, clean)
    for twice in sorted({i for i in ids if ids.count(i) > 1}) if len(ids) != len(set(ids)) else ():
        # Section comment links and search results point at ids: two sections with one id would file
        # comments on the second under the first.
        problems.append((f"#{twice}", f"the id {twice!r} is given to {ids.count(twice)} elements: give each "
                                      "section its own {#id}, or leave the id out to get one from the heading"))
    html = _scroll_regions(html, set(ids))
    headings = tuple(Heading(int(level[1]), attrs.get("id", ""), markup.text_of(inner))
                     for _, level, attrs, inner in markup.elements(html, "h[2-6]"))
    warnings = list(blocks.differences)
    warnings += parity.list_items_shown_as_text(text, html, blocks.item_lines)
    published = set(ids)
    warnings += [(written, f"the link {written!r} leads nowhere: no heading or anchor on this page has the id "
                           f"{target!r}: link to an id the page has (the contents list links to each heading's), "
                           f"or give the heading that id with {{#{target}}}")
                 for written, target in dict(fragments).items() if target not in published and not THEME_ID.match(target)]
    anchors = frozenset(published | set(targets))
    return Rendered(html, headings, tuple(problems), markup.plain_text(html), tuple(warnings), anchors)


_TABLE_OR_HEADING = re.compile(r"<(/?)(table|h[2-6])\b([^>]*)>")
_CAPTION_WITHOUT_ID = re.compile(r"(<table\b[^>]*>\s*<caption)(?![^>]*\bid=)")
_FIRST_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)


def _scroll_regions(html: str, ids: set[str]) -> str:
    """Each table of the body in a region that scrolls sideways on its own, so that a page never does on a
    phone (320 px): labelled by the table's caption, else by the heading before it, else by its first
    row; focusable, so a keyboard can scroll it (WCAG 2.1.1; axe's scrollable-region-focusable)."""
    numbers = iter(range(1, 1 << 30))

    def caption_id(match: re.Match) -> str:
        name = next(f"table-{n}-caption" for n in numbers if f"table-{n}-caption" not in ids)
        return f'{match.group(1)} id="{name}"'

    html = _CAPTION_WITHOUT_ID.sub(caption_id, html)
    out, position, depth, heading = [], 0, 0, None
    for match in _TABLE_OR_HEADING.finditer(html):
        closing, name = match.group(1), match.group(2)
        if name != "table":
            if not closing and depth == 0:
                heading = markup.attributes(match.group(3)).get("id")
            continue
        depth += -1 if closing else 1
        if closing and depth == 0:
            out.append(html[position:match.end()] + "</div>")
            position = match.end()
        elif not closing and depth == 1:
            out.append(html[position:match.start()])
            position = match.start()
            caption = re.match(r"\s*<caption\b([^>]*)>", html[match.end():])
            label = markup.attributes(caption.group(1)).get("id") if caption else heading
            if label:
                named = f' aria-labelledby="{markup.escape_attribute(label)}"'
            else:
                row = _FIRST_ROW.search(html, match.end())
                named = f' aria-label="{markup.escape_attribute(markup.text_of(row.group(1)) if row else "")}"'
            out.append(f'<div class="table-scroll" role="region"{named} tabindex="0">')
    out.append(html[position:])
    return "".join(out)


def published_id(value: str) -> str:
    """The id an element is published with: ids become URL fragments, so they are kept plain; and never
    one the theme gives an element around the body (two elements with one id break the skip link)."""
    value = value if PLAIN_ID.fullmatch(value) else slugify_heading(value)
    return value + "-text" if THEME_ID.match(value) else value


def _link_targets(html: str) -> dict[str, str]:
    """For each fragment a link in the body may be written with, the id it must point at once published:
    an id or <a name> as written, and a heading's id as GitHub makes it ('görüş-ve-öneriler' for
    '## Görüş ve öneriler', whose id here is 'gorus-ve-oneriler')."""
    headings = [(attrs.get("id"), markup.text_content(inner)) for _, _, attrs, inner in markup.elements(html, "h[2-6]")]
    targets = {github: published_id(id_) for github, (id_, _) in
               zip(gfm.github_heading_ids([text for _, text in headings]), headings) if id_}
    for match in markup.TAG.finditer(html):
        if match.group(3) and ("id=" in match.group(3) or "name=" in match.group(3)):
            attrs = markup.attributes(match.group(3))
            for written in (attrs.get("id"), attrs.get("name")):
                if written:
                    targets[written] = published_id(attrs.get("id") or written)
    return targets
