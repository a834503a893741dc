"""Markdown to safe HTML: Python-Markdown, then an nh3 allow-list, whatever an editor pasted."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3

from . import limits, links, markup

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "time", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "lang", "dir", "title", "class"},
    "a": {"href", "hreflang"},
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


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One converter for the whole build (reset before each document): building one costs more than converting.
    The extensions are "extra", "sane_lists" and "toc", given as classes: by name, Markdown looks them up
    among the installed packages' entry points, which costs a fifth of validating the demo content."""
    from markdown.extensions import (abbr, attr_list, def_list, fenced_code, footnotes, md_in_html, sane_lists,
                                     tables, toc)

    return markdown.Markdown(
        extensions=[fenced_code.FencedCodeExtension(), footnotes.FootnoteExtension(), attr_list.AttrListExtension(),
                    def_list.DefListExtension(), tables.TableExtension(), abbr.AbbrExtension(),
                    md_in_html.MarkdownInHtmlExtension(), sane_lists.SaneListExtension(),
                    toc.TocExtension(slugify=slugify_heading, toc_depth="2-6")],
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
    except RecursionError:
        # Lists or quotes nested hundreds deep: Python-Markdown reads each level with a recursive call.
        # The converter is left mid-document (its block parser's state stack): the next document gets a
        # new one, or it would silently render nothing.
        _markdown.cache_clear()
        return Rendered("", (), (("", "lists or quotes are nested too deeply to publish: use fewer levels "
                                      "(a list inside a list inside a list is already hard to follow)"),))
    except BaseException:
        _markdown.cache_clear()  # whatever went wrong, the next document must not inherit a half-read one
        raise
    # Document titles are the page's h1: a '# heading' in the body becomes h2.
    raw_html = re.sub(r"<(/?)h1([ >])", r"<\1h2\2", raw_html)
    clean = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    problems = []

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
        if "id" in attrs and not PLAIN_ID.fullmatch(attrs["id"]):
            attrs["id"], changed = slugify_heading(attrs["id"]), True  # ids become URL fragments: keep them plain
        if "id" in attrs and THEME_ID.match(attrs["id"]):
            attrs["id"], changed = attrs["id"] + "-text", True  # two elements with one id: the skip link would break
        if name == "a" and EXTERNAL.match(attrs.get("href", "")):
            attrs["rel"], changed = "noopener", True
        if "id" in attrs:
            ids.append(attrs["id"])
        return markup.start_tag(name, attrs, verbatim=verbatim) if changed else match.group(0)

    ids: list[str] = []
    html = markup.TAG.sub(edit, clean)
    for twice in sorted({i for i in ids if ids.count(i) > 1}) if len(ids) != len(set(ids)) else ():
        # Section comment links and search results point at ids: two sections with one id would file
        # comments on the second under the first.
        problems.append((f"#{twice}", f"the id {twice!r} is given to {ids.count(twice)} elements: give each "
                                      "section its own {#id}, or leave the id out to get one from the heading"))
    headings = tuple(Heading(int(level[1]), attrs.get("id", ""), markup.text_of(inner))
                     for _, level, attrs, inner in markup.elements(html, "h[2-6]"))
    return Rendered(html, headings, tuple(problems), markup.plain_text(html))
