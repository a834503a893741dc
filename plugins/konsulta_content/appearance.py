"""A site's own look without forking the theme: a logo, a few colours and links in the footer.

They are KONSULTA settings, checked when the build starts like the others, and kept safe:

- the logo is an image inside the content folder, of a type that cannot carry script (the same check
  as every published file, konsulta_content.files), published with the documents' files;
- colours are hex values, each checked against the backgrounds it is used on for WCAG 2.2 AA text
  contrast (4.5:1), and go into a style sheet the build writes (the published Content-Security-Policy
  allows no inline style);
- footer link addresses are https://, mailto: or a path on the site, never script.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import files
from .declare import Custom, Invalid, Setting

# --- colours

# The theme's own backgrounds and the header's text colour (theme/static/css/konsulta.css).
PAGE_BACKGROUND = "#ffffff"
PANEL_BACKGROUND = "#f3f2f1"
HEADER_TEXT = "#ffffff"
AA_TEXT_CONTRAST = 4.5  # WCAG 2.2 success criterion 1.4.3, normal-size text


@dataclass(frozen=True)
class Colour:
    prop: str  # the custom property of konsulta.css it sets
    meaning: str
    # (the colour it is seen with, the pair in words with {colour} for the site's value)
    pairs: tuple[tuple[str, str], ...]


_ON_BACKGROUNDS = ((PAGE_BACKGROUND, f"{{colour}} on the page background ({PAGE_BACKGROUND})"),
                   (PANEL_BACKGROUND, f"{{colour}} on the footer and fact boxes ({PANEL_BACKGROUND})"))
COLOURS = {
    "accent": Colour("--brand", "the site header and menu, buttons, chart bars and rules",
                     ((HEADER_TEXT, "white text on {colour} (the site header, its menu and buttons)"),)),
    "link": Colour("--link", "links", _ON_BACKGROUNDS),
    "link_visited": Colour("--link-visited", "visited links", _ON_BACKGROUNDS),
}
# The menu bar under the header is a darker shade of the accent: white text on it has more contrast still.
MENU_SHADE = 0.7
# Written by the build where KONSULTA['colours'] is set, linked after the theme's style sheet.
STYLESHEET = "css/site-colours.css"  # inside THEME_STATIC_DIR

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of a #rrggbb colour (sRGB, as "contrast ratio" defines it)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: str, other: str) -> float:
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _ratio_text(ratio: float) -> str:
    """Cut, never rounded up: 4.47 must not read as the 4.5 it fails."""
    return f"{int(ratio * 100) / 100:.2f}:1"


def _hex(value) -> str:
    if not isinstance(value, str) or not _HEX.match(value):
        raise Invalid(f"{value!r} is not a hex colour such as '#1a4c8b'")
    digits = value[1:].lower()
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))


def _colours(value, basics) -> dict[str, str]:
    if not isinstance(value, dict):
        raise Invalid("give a dict from colour name to a hex colour, e.g. {'accent': '#0b3a53', 'link': '#1a4c8b'}")
    problems, clean = [], {}
    for name in sorted(value, key=str):
        if name not in COLOURS:
            problems.append(f"{name!r} is not a colour the theme lets a site set; give any of {', '.join(COLOURS)}")
            continue
        try:
            colour = _hex(value[name])
        except Invalid as invalid:
            problems.append(f"{name}: {invalid.messages[0]}")
            continue
        for other, pair in COLOURS[name].pairs:
            ratio = contrast_ratio(colour, other)
            if ratio < AA_TEXT_CONTRAST:
                away = "darker" if relative_luminance(other) > relative_luminance(colour) else "lighter"
                problems.append(f"{name}: {pair.format(colour=colour)} has a contrast of {_ratio_text(ratio)}; "
                                f"WCAG 2.2 AA needs at least {AA_TEXT_CONTRAST}:1 for text: choose a {away} colour")
        clean[name] = colour
    if problems:
        raise Invalid(*problems)
    return clean


def _shade(colour: str, factor: float) -> str:
    return "#" + "".join(f"{round(c * factor):02x}" for c in _rgb(colour))


def stylesheet(colours: dict[str, str]) -> str:
    """The CSS that sets the theme's custom properties to the site's colours."""
    lines = ["/* KONSULTA['colours'] of this site, written by the build (docs/customising.md). */", ":root {"]
    for name, colour in sorted(colours.items()):
        lines.append(f"  {COLOURS[name].prop}: {colour};")
        if name == "accent":
            lines.append(f"  --brand-dark: {_shade(colour, MENU_SHADE)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def stylesheet_path(settings) -> str:
    """Where the site's colours are written, from the output root (with the theme's static files)."""
    return f"{settings.get('THEME_STATIC_DIR', 'theme')}/{STYLESHEET}"


def remove_stylesheet(output_path, settings) -> None:
    """A previous build's colours go first (DELETE_OUTPUT_DIRECTORY may be off)."""
    target = Path(output_path) / stylesheet_path(settings)
    if target.is_file() or target.is_symlink():
        target.unlink()


def write_stylesheet(output_path, settings, colours: dict[str, str]) -> str | None:
    """Writes the site's colours, never over a file the theme brought (a problem message if it would)."""
    if not colours:
        return None
    relative = stylesheet_path(settings)
    target = Path(output_path) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except FileExistsError:
        return (f"the build writes these colours to {relative!r}, and the theme's static files have a file "
                "there already: rename that file in the theme")
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(stylesheet(colours))
    return None


# --- logo

def _logo(value, basics) -> str | None:
    if value is None:
        return None
    advice = "give the path of an image in the content folder, e.g. 'images/logo.png', or None"
    if not isinstance(value, str) or not value.strip():
        raise Invalid(advice)
    path = PurePosixPath(value)
    if path.is_absolute() or "\\" in value or ".." in path.parts or value.startswith("~"):
        raise Invalid(f"{value!r} is not a path inside the content folder: {advice}")
    relative = path.as_posix()
    if basics.content_path is None:
        return relative  # checked without a content folder (no build): the form is all there is to check
    content = Path(basics.content_path).resolve()
    source = Path(basics.content_path) / relative
    if not source.resolve().is_relative_to(content):
        raise Invalid(f"{value!r} leads outside the content folder (a link or a symlink): copy the image into it")
    if not source.is_file():
        raise Invalid(f"the content folder has no file {relative!r}: {advice}")
    problem = files.publishable_problem(source, image=True)
    if problem:
        raise Invalid(problem)
    return relative


def logo_url(logo: str | None) -> str | None:
    """The logo's address from the site root: it is published with the documents' files."""
    return files.published_url(logo) if logo else None


# --- footer links

@dataclass(frozen=True)
class FooterLink:
    texts: dict[str, str]  # language -> text
    urls: dict[str, str]  # language -> address

    def url(self, lang: str) -> str:
        return self.urls[lang]

    def text(self, lang: str) -> str:
        return self.texts[lang]


def _per_language(value, basics, what: str, check_one) -> tuple[dict[str, str], list[str]]:
    """A value for every language: one for all, or a dict with one per site language."""
    if isinstance(value, dict):
        problems = []
        missing = [lang for lang in basics.languages if lang not in value]
        extra = sorted((lang for lang in value if lang not in basics.languages), key=str)
        if missing:
            problems.append(f"{what} has no entry for {', '.join(missing)}: give one per site language, "
                            "or one text for all")
        if extra:
            problems.append(f"{what} is given for {', '.join(map(repr, extra))}, which is not a site language "
                            f"({', '.join(basics.languages)})")
        for lang in basics.languages:
            if lang in value:
                problems.extend(f"{what} ({lang}): {p}" for p in check_one(value[lang]))
        return {lang: value.get(lang) for lang in basics.languages}, problems
    return {lang: value for lang in basics.languages}, [f"{what}: {p}" for p in check_one(value)]


def _text_problems(text) -> list[str]:
    if not isinstance(text, str) or not text.strip():
        return [f"{text!r} is not a text to show"]
    return []


def _address_problems(address) -> list[str]:
    if not isinstance(address, str):
        return [f"{address!r} is not an address"]
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in address):
        return [f"{address!r} contains a space or a control character: encode it (%20)"]
    parts = urllib.parse.urlsplit(address)
    if (parts.scheme == "https" and parts.netloc) or (parts.scheme == "mailto" and parts.path):
        return []
    if address.startswith("/") and not address.startswith("//"):
        return []
    return [f"{address!r} is not an https:// address, a mailto: address or a path on this site starting with /"]


def _footer_links(value, basics) -> tuple[FooterLink, ...]:
    advice = ("give a list of links, each {'text': ..., 'url': ...}, where text (and url) is one for all "
              "languages or a dict with one per language")
    if not isinstance(value, (list, tuple)):
        raise Invalid(advice)
    problems, links = [], []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict) or set(item) != {"text", "url"}:
            problems.append(f"link {number}: {advice}")
            continue
        texts, found = _per_language(item["text"], basics, f"link {number} text", _text_problems)
        urls, more = _per_language(item["url"], basics, f"link {number} url", _address_problems)
        problems.extend(found + more)
        links.append(FooterLink(texts, urls))
    if problems:
        raise Invalid(*problems)
    return tuple(links)


def footer_href(url: str, siteurl: str) -> str:
    """A site path is written under SITEURL (relative on local builds); other addresses as given."""
    return f"{siteurl}{url}" if url.startswith("/") else url


SETTINGS = (
    Setting("logo", Custom(_logo, "path in the content folder, or `None`"), None,
            "An image shown before the site's name in the header, e.g. `images/logo.png` for "
            "`content/images/logo.png`. It is published with the documents' files (`files/images/logo.png`) "
            "and must be a PNG, JPEG, GIF, WebP or AVIF image whose content matches its extension: an SVG "
            "can carry script and is refused. It is decorative (`alt=\"\"`): the site's name beside it is "
            "the link's text. The header shows it 2.5rem high."),
    Setting("colours", Custom(_colours, "dict colour name → hex colour"), {},
            "The theme's colours this site changes: `accent` (" + COLOURS["accent"].meaning + "), `link` "
            "and `link_visited`, each a hex colour such as `#0b3a53`. Each is checked for WCAG 2.2 AA "
            "text contrast (4.5:1) where the theme uses it: white text on the accent; links on the page "
            "background (#ffffff) and on the footer and fact boxes (#f3f2f1). A colour that falls short "
            "is a settings error that names the ratio. The build writes them to "
            f"`theme/{STYLESHEET}`, linked after the theme's style sheet (no inline style: the published "
            "Content-Security-Policy forbids it). Example: `{\"accent\": \"#5a1f4a\", \"link\": \"#7a2862\"}`."),
    Setting("footer_links", Custom(_footer_links, "list of {text, url}"), (),
            "Links the footer shows on every page, after the feeds and open data. `text` is one text, "
            "or a dict with one per site language where it differs; so is `url`. An address is "
            "`https://…`, `mailto:…`, or a path on this site starting with `/` (written under `SITEURL`). "
            "Example, for a site in English and Turkish: "
            "`[{\"text\": {\"en\": \"Accessibility\", \"tr\": \"Erişilebilirlik\"}, "
            "\"url\": \"https://example.gov/accessibility\"}]`."),
)


def template_globals(config, settings) -> dict:
    """What templates read: ``site_logo`` (address from the site root, or None), ``footer_links``
    (FooterLinks), ``footer_href``, and ``site_stylesheet`` (None without colours)."""
    return {
        "site_logo": logo_url(config.logo),
        "footer_links": config.footer_links,
        "footer_href": footer_href,
        "site_stylesheet": stylesheet_path(settings) if config.colours else None,
    }
