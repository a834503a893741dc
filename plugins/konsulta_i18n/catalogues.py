"""Interface strings: gettext catalogues (theme/translations/<lang>/LC_MESSAGES/messages.po).

Catalogues are compiled in memory when the build starts, so editors and translators
only ever touch .po text files and no compiled .mo file lives in the repository.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"


def catalogue_path(translations_dir: Path, lang: str) -> Path:
    return translations_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=32)
def _compiled(path: str, mtime_ns: int, lang: str) -> Translations:
    with open(path, "rb") as source:
        catalog = read_po(source, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def translations_for(translations_dir: Path, lang: str) -> NullTranslations:
    """The language's catalogue; English msgids stand in for a language that has none."""
    path = catalogue_path(translations_dir, lang)
    if not path.is_file():
        return NullTranslations()
    return _compiled(str(path), path.stat().st_mtime_ns, lang)


def theme_catalogue(generator, lang: str) -> NullTranslations:
    """The catalogue of ``generator``'s theme in ``lang``: for text a generator words outside a template."""
    return translations_for(Path(generator.theme) / "translations", lang)
