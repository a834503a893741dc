"""Markdown to safe HTML: Python-Markdown, then an nh3 allow-list, whatever an editor pasted."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import markdown
import nh3
from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

# HTML5 void elements (<img>, not <img/>) with &, < and > escaped everywhere, attributes included.
HTML_OUTPUT = HTMLFormatter(entity_substitution=EntitySubstitution.substitute_xml,
                            void_element_close_prefix=None, empty_attributes_are_booleans=True)

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


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One converter for the whole build (reset before each document): building one costs more than converting."""
    return markdown.Markdown(
        extensions=["extra", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": slugify_heading, "toc_depth": "2-6"}},
        output_format="html",
    )


def render(text: str, image_source=None) -> Rendered:
    """``image_source(src)`` may rewrite each image's address (local files are published elsewhere)."""
    converter = _markdown().reset()
    raw_html = converter.convert(text)
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
    soup = BeautifulSoup(clean, "html.parser")
    for img in soup.find_all("img"):
        if not img.get("src"):
            img.decompose()  # the sanitiser removed a data: or script address; an <img> without src is invalid
    for tag in soup.find_all(id=True):
        if not re.fullmatch(r"[A-Za-z0-9][\w-]*", tag["id"]):
            tag["id"] = slugify_heading(tag["id"])  # ids become URL fragments: keep them plain
    for link in soup.find_all("a", href=True):
        if re.match(r"^(https?:)?//", link["href"]):
            link["rel"] = "noopener"
    if image_source is not None:
        for img in soup.find_all("img", src=True):
            img["src"] = image_source(img["src"])
    headings = tuple(
        Heading(int(tag.name[1]), tag.get("id", ""), tag.get_text(" ", strip=True))
        for tag in soup.find_all(re.compile(r"^h[2-6]$"))
    )
    problems = tuple(
        (img.get("src", ""), f"image {img.get('src', '')!r} has no text alternative: write ![what the image shows](file)")
        for img in soup.find_all("img")
        if img.get("alt") is None
    )
    return Rendered(soup.decode(formatter=HTML_OUTPUT), headings, problems)
