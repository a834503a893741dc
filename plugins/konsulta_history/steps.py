"""What konsulta_history adds to the build once the documents are read (after its checking step,
redirects.check_aliases): each document's history from git and the redirects from its earlier addresses.

Only published forms are compared (konsulta_history.published): a version that fails today's rules is
withheld, a version of a commit in KONSULTA['history_redactions'] is redacted, and the comparisons step
over both.
"""

from __future__ import annotations

from pathlib import Path

from . import redirects
from .gitlog import Blobs, read_history
from .published import VersionReader, published
from .views import PUBLISHED, REDACTED, WITHHELD, DocumentHistory, compare, last_updated, revisions


def attach_history(build) -> None:
    """``history`` on every document, ``redirects`` for the site."""
    site, config, settings = build.site, build.config, build.settings
    content = Path(settings["PATH"])
    history = read_history(content, config.timezone)
    current = {}  # repository-relative path today -> (file, Document as the build read it)
    for article in site.articles:
        source = Path(article.doc.source_path)
        relative = history.relative(source)
        versions = history.versions.get(relative, []) if history.available and relative else []
        article.history = DocumentHistory(available=history.available, reason=history.reason,
                                          versions=versions, repository_path=relative)
        if relative:
            current[relative] = (source, article.doc)
    forms = {}
    if history.available:
        redacted = {v for article in site.articles for v in article.history.versions
                    if v.commit.startswith(config.history_redactions)}
        wanted = [v for article in site.articles for v in article.history.versions if v not in redacted]
        reader = VersionReader(Blobs(history.root), content, config, lambda doc: _address(settings, doc),
                               history.paths, workers=build.workers,
                               check_forms="konsulta_consultations" in build.plugins.declared)
        forms = reader.read(wanted, current)
        for article in site.articles:
            article.history.statuses = {
                v: REDACTED if v in redacted else PUBLISHED if forms.get(v) is not None else WITHHELD
                for v in article.history.versions}
    in_content = _in_content(content, history)
    earlier = {}
    for article in site.articles:
        found = revisions(article.history.versions, article.history.statuses, forms, article.doc.fields.get("date"))
        article.history.revisions = found
        article.history.last_updated = last_updated(article.doc.fields.get("modified"), found)
        article.history.after_consultation = _after_consultation(article, forms)
        earlier[article] = _earlier_addresses(article, forms, settings, config, in_content)
    found, warnings = redirects.plan(site, settings, earlier, build.plugins.top_level())
    build.context["redirects"] = found
    for warning in warnings:
        build.warn(warning)


def _address(settings, doc) -> str:
    return redirects.page_address(settings, doc.lang, doc.slug)


def _earlier_addresses(article, forms, settings, config, in_content) -> list:
    """(address, version) of the versions published at another address than the document's own.
    Versions that were not read (withheld, redacted) had the address their file name gives."""
    found = []
    for version in article.history.versions:
        form = forms.get(version)
        if form is not None:
            address = form.address
        else:
            address = redirects.address_from_path(settings, config.languages, in_content(version.path))
        if address and address != article.url:
            found.append((address, version))
    return found


def _in_content(content: Path, history):
    """repository path -> the same path from the content folder."""
    if not history.available:
        return lambda path: path
    folder = content.resolve().relative_to(history.root).as_posix()
    return lambda path: path if folder == "." else path.removeprefix(folder + "/")


def _consulted(article):
    """The version the public commented on: the last one committed by the consultation's closing moment."""
    consultation = getattr(article, "consultation", None)
    if consultation is None or not consultation.has_closed:
        return None
    return next((v for v in article.history.versions if v.date <= consultation.closes_at), None)


def _after_consultation(article, forms):
    """The text as consulted (last committed on or before the closing moment) against the text now.
    None when that version is withheld or redacted: no other version is what the public read."""
    consulted = _consulted(article)
    if consulted is None or forms.get(consulted) is None:
        return None
    comparison = compare(forms[consulted], published(article.doc, article.url), consulted, None)
    return comparison if comparison.changed else None
