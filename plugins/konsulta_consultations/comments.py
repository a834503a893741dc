"""Links to the external comment form: one for the draft, one per section."""

from __future__ import annotations

import string
import urllib.parse

PLACEHOLDERS = ("slug", "lang", "title", "section", "version")


class FormTemplateError(ValueError):
    pass


def check_template(template: str, allowed_hosts) -> None:
    """Only https addresses on an allow-listed host, with known placeholders, may receive comments."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise FormTemplateError(f"{template!r} has a stray brace ({error}); placeholders look like {{slug}}") from None
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        raise FormTemplateError(f"unknown placeholder {{{unknown[0]}}}: use {', '.join('{' + p + '}' for p in PLACEHOLDERS)}")
    sample = urllib.parse.urlsplit(template.format(**{name: "x" for name in names}))
    if sample.scheme != "https":
        raise FormTemplateError(f"{template!r} is not an https:// address: comment forms must be sent over https")
    if sample.hostname not in allowed_hosts:
        hosts = ", ".join(allowed_hosts) or "none yet"
        raise FormTemplateError(f"{sample.hostname!r} is not an allowed comment form host ({hosts}): "
                                "add it to KONSULTA['comment_hosts'] or use an allowed form service")


def form_url(template: str, *, slug: str, lang: str, title: str, version: str, section: str = "") -> str:
    values = {"slug": slug, "lang": lang, "title": title, "section": section, "version": version}
    return template.format(**{k: urllib.parse.quote(v, safe="") for k, v in values.items()})
