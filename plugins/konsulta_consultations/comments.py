"""Links to the external comment form: one for the draft, one per section."""

from __future__ import annotations

import re
import string
import urllib.parse

from .plugin import COMMENT_PLACEHOLDERS as PLACEHOLDERS


class FormTemplateError(ValueError):
    pass


# Characters browsers read differently from Python's urllib, or drop silently: a backslash is a slash
# to a browser ("https://evil.example\@forms.example.org/" goes to evil.example), "@" starts userinfo,
# and tabs, line breaks and other controls are removed before parsing (WHATWG URL Standard).
UNSAFE_IN_ADDRESS = re.compile(r"[\\\s\x00-\x1f\x7f-\x9f]")
AUTHORITY = re.compile(r"^[^:/?#]*://([^/?#]*)")


def check_template(template: str, allowed_hosts, placeholders: tuple[str, ...] = PLACEHOLDERS) -> None:
    """Only https addresses on an allow-listed host, with known placeholders, may receive comments.

    The host is read as a browser would read it, or the address is refused: no backslash, no "@"
    (userinfo), no white space or control character, and no placeholder before the path, so that the
    values filled in can never change where the browser goes."""
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None]
    except ValueError as error:
        raise FormTemplateError(f"{template!r} has a stray brace ({error}); placeholders look like {{slug}}") from None
    for name, spec, conversion in fields:
        if name not in placeholders:
            raise FormTemplateError(f"unknown placeholder {{{name}}}: use "
                                    f"{', '.join('{' + p + '}' for p in placeholders)}")
        if spec or conversion:
            # A format spec such as {slug:>300000000} pads a value to any length (a 300 MB page).
            raise FormTemplateError(f"placeholders take no format: write {{{name}}}, not "
                                    f"{{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}}")
    authority = AUTHORITY.match(template)
    unsafe = UNSAFE_IN_ADDRESS.search(template) or (re.search("@", authority.group(1)) if authority else None)
    if unsafe is not None:
        shown = {"\\": "a backslash", "@": "an @"}.get(unsafe.group(), f"the character U+{ord(unsafe.group()):04X}")
        raise FormTemplateError(f"{template!r} contains {shown}: browsers read that part of an address differently "
                                "from this check; write the form's address without it")
    names = {name for name, _, _ in fields}
    one = urllib.parse.urlsplit(template.format(**{name: "x" for name in names}))
    other = urllib.parse.urlsplit(template.format(**{name: "y" for name in names}))
    if one.scheme != "https":
        raise FormTemplateError(f"{template!r} is not an https:// address: comment forms must be sent over https")
    if one.netloc != other.netloc:
        raise FormTemplateError(f"{template!r} has a placeholder in its host: put placeholders in the path or "
                                "the query, after the host")
    if one.hostname not in allowed_hosts or one.netloc.lower() != one.hostname:
        hosts = ", ".join(allowed_hosts) or "none yet"
        raise FormTemplateError(f"{one.netloc!r} is not an allowed comment form host ({hosts}): "
                                "add it to KONSULTA['comment_hosts'] or use an allowed form service")


def form_url(template: str, *, slug: str, lang: str, title: str, version: str, section: str = "") -> str:
    values = {"slug": slug, "lang": lang, "title": title, "section": section, "version": version}
    return template.format(**{k: urllib.parse.quote(v, safe="") for k, v in values.items()})
