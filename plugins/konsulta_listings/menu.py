"""Which document types the menu and the home page's "Browse" list offer: a type appears in a language
once that language has a document of it (an entry that leads to an empty listing only costs readers a
click), or always where the site says so in KONSULTA['always_in_menu'] (plugin.py). The listing
pages themselves are written for every type, so addresses keep working when a type's last document goes."""

from __future__ import annotations

from jinja2 import pass_context


def listed_types(always: tuple[str, ...]):
    """A template function: ``listed_types(lang, types)`` keeps the types to offer in ``lang``, in order."""

    @pass_context
    def listed(context, lang: str, types) -> list[str]:
        site = context.get("site")
        return [t for t in types if t in always or (site is not None and site.in_lang(lang, t))]

    return listed
