"""Writing one page in one language: the context every Konsulta template relies on, in one place;
and writing the files that are not pages (feeds, calendars, data files)."""

from __future__ import annotations

from pathlib import Path


def save_as(url: str) -> str:
    """The file behind a page address: folders get index.html."""
    return f"{url}index.html" if url.endswith("/") or not url else url


def in_every_language(languages, make_url) -> list[tuple[str, str]]:
    """(language, address) of a page that exists in every site language, for hreflang and the switcher."""
    return [(lang, make_url(lang)) for lang in languages]


def write_page(generator, writer, url: str, template: str, *, lang: str, alternates, **context) -> None:
    """Renders ``template`` at ``url`` with page_lang, page_url and alternates, as base.html expects."""
    writer.write_file(
        save_as(url),
        generator.get_template(template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        page_lang=lang,
        page_url=url,
        alternates=alternates,
        **context,
    )


def write_file(output_path, path: str, content: bytes) -> None:
    """``content`` at ``path`` (from the output root), its folders made as needed."""
    target = Path(output_path) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
