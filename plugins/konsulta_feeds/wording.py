"""Interface text for files that are not pages (feeds): macros of a theme component, called in a given
language, so translators find every string in the theme and the catalogues cover it."""

from __future__ import annotations

import re

from markupsafe import Markup


class ThemeMacros:
    def __init__(self, template, **context):
        self.template = template
        self.context = context
        self.modules = {}
        self.said = {}  # a feed build asks for the same type names and titles thousands of times

    def __call__(self, lang: str, macro: str, *args) -> str:
        try:
            return self.said[(lang, macro, args)]
        except KeyError:
            pass
        except TypeError:  # unhashable arguments: not remembered
            return self._call(lang, macro, args)
        found = self.said[(lang, macro, args)] = self._call(lang, macro, args)
        return found

    def _call(self, lang: str, macro: str, args) -> str:
        if lang not in self.modules:
            # page_lang is how konsulta_i18n's gettext knows the language outside a page.
            self.modules[lang] = self.template.make_module({**self.context, "page_lang": lang})
        return plain(getattr(self.modules[lang], macro)(*args))


def plain(rendered) -> str:
    """Macro output as text: the theme autoescapes, XML escapes again, so "&amp;" must become "&";
    template line breaks are not part of the text (but no-break spaces, as in dates, are)."""
    text = rendered.unescape() if isinstance(rendered, Markup) else str(rendered)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()
