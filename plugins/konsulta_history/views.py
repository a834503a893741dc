"""What a document page shows of its history, and the comparisons behind its changes pages.

Comparisons are between published forms (konsulta_history.published), never raw Markdown: a history
page shows only what the current rules would publish. Each version is compared with the version it
was made from (the one before it on the branch, konsulta_history.gitlog), stepping over versions that
are withheld or redacted; a version whose published form is the same as that one's (a commit that only
reformatted the Markdown, say) changes nothing a reader can see: it is not listed, has no changes page,
and is not an update.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from konsulta_content.schema import CHANGE_NOTE

from .gitlog import Version
from .published import Published
from .worddiff import Piece, counts, word_diff

PUBLISHED, WITHHELD, REDACTED = "published", "withheld", "redacted"
# A long history lists this many revisions; the older ones fold away (<details>, without script).
FIRST_SHOWN = 10
# Fields a reader sees as the page's address, compared as the address itself: a `slug` that names the
# file's own name, or a `lang` that repeats its folder, changes nothing.
ADDRESS_FIELDS = ("slug", "lang")


@dataclass(frozen=True)
class FieldChange:
    """One front matter value that changed. ``path`` names it: ("title",), ("consultation", "closes"),
    ("responses", 0, "reason") for the first response's reason, ("address",) for the page's address.
    ``before`` or ``after`` is None where the field was not set."""

    path: tuple
    before: object
    after: object


@dataclass
class Comparison:
    """Two versions of one document: the word-level body diff and the front matter fields that changed."""

    older: Version | None
    newer: Version | None  # None: the text as it is in this build
    pieces: list[Piece]
    fields: list[FieldChange]

    @property
    def words(self) -> dict[str, int]:
        return counts(self.pieces)

    @property
    def text_changed(self) -> bool:
        return any(p.kind != "same" for p in self.pieces)

    @property
    def changed(self) -> bool:
        return bool(self.fields) or self.text_changed


@dataclass(frozen=True)
class Revision:
    """A version as the document's history lists it."""

    version: Version
    status: str  # PUBLISHED, WITHHELD (fails today's rules) or REDACTED (KONSULTA['history_redactions'])
    # What it changed, for a published version with a published one before it; None otherwise.
    comparison: Comparison | None
    # A change after the day of publication: it dates "Last updated" and is an entry of the feeds.
    update: bool
    # What the editors said this version changed, in the document's language (its front matter's
    # change_note, written in this version); None where they said nothing new: the commit message shows.
    note: str | None = None


@dataclass
class DocumentHistory:
    available: bool
    reason: str | None
    versions: list[Version] = field(default_factory=list)  # every version on the branch, newest first
    repository_path: str | None = None
    last_updated: dt.date | None = None
    after_consultation: Comparison | None = None
    statuses: dict[Version, str] = field(default_factory=dict)
    revisions: list[Revision] = field(default_factory=list)  # what the page lists, newest first

    def status(self, version: Version) -> str:
        """published, withheld (fails today's rules) or redacted (KONSULTA['history_redactions'])."""
        return self.statuses.get(version, WITHHELD)

    def changes_url(self, article, version: Version) -> str:
        return changes_url(article, version)

    @property
    def first_revisions(self) -> list[Revision]:
        return self.revisions[:FIRST_SHOWN]

    @property
    def older_revisions(self) -> list[Revision]:
        return self.revisions[FIRST_SHOWN:]

    @property
    def changes(self) -> list[Revision]:
        """Revisions with a changes page, newest first."""
        return [r for r in self.revisions if r.comparison is not None]

    @property
    def updates(self) -> list[Revision]:
        """Revisions the feeds announce: updates with a changes page to read, newest first."""
        return [r for r in self.changes if r.update]


def changes_url(article, version: Version) -> str:
    return f"{article.url}changes/{version.short}/"


def revisions(versions: list[Version], statuses: dict[Version, str], forms: dict, published_on) -> list[Revision]:
    """The revisions a history lists, newest first, from every version (newest first) and the published
    forms of those published. The first version is the document's publication; a later published version
    is compared with the nearest older one listed, and left out when it changes nothing a reader sees."""
    found = []
    base = None  # the newest published version listed so far (oldest first)
    for number, version in enumerate(reversed(versions)):
        status = statuses.get(version, WITHHELD)
        comparison = None
        if status == PUBLISHED and base is not None:
            comparison = compare(forms[base], forms[version], base, version)
            if not comparison.changed:
                continue
        note = None
        if status == PUBLISHED:
            written = forms[version].fields.get(CHANGE_NOTE)
            if written and (base is None or forms[base].fields.get(CHANGE_NOTE) != written):
                note = written  # a note left over from an earlier version says nothing of this one
            base = version
        # Withheld and redacted versions count as changes: what they changed cannot be shown, but they
        # were the site's text. Changes until the day of publication are part of the publication.
        update = number > 0 and (not isinstance(published_on, dt.date) or version.date.date() > published_on)
        found.append(Revision(version, status, comparison, update, note))
    return found[::-1]


def last_updated(modified: dt.date | None, found: list[Revision]) -> dt.date | None:
    """The document's "Last updated": `modified` when the front matter gives it (the editor's word),
    else the day of its latest update; None when it has not been updated since it was published."""
    if isinstance(modified, dt.date):
        return modified
    return max((r.version.date.date() for r in found if r.update), default=None)


def compare(older_form: Published, newer_form: Published, older: Version | None, newer: Version | None) -> Comparison:
    return Comparison(older, newer, word_diff(older_form.text, newer_form.text), field_changes(older_form, newer_form))


def field_changes(older: Published, newer: Published) -> list[FieldChange]:
    """The values that differ, in the newer version's order, then those it no longer has."""
    before = dict(_flat(older.fields))
    after = dict(_flat(newer.fields))
    before[("address",)], after[("address",)] = older.address, newer.address
    paths = [*after, *(path for path in before if path not in after)]
    return [FieldChange(path, before.get(path), after.get(path)) for path in paths if before.get(path) != after.get(path)]


def _flat(fields: dict):
    """(path, value) of every value a reader can tell apart: groups of fields (consultation, location)
    and lists of records (responses, attachments) are opened; lists of words (topics) and amounts of
    money are one value each."""

    def walk(value, path):
        if isinstance(value, dict) and not {"amount", "currency"} <= set(value):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))
        else:
            yield path, value

    for name, value in fields.items():
        if name not in ADDRESS_FIELDS and name != CHANGE_NOTE:  # a note about a change is not one
            yield from walk(value, (name,))
