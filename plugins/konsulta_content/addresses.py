"""Addresses in files that are not pages (feeds, calendars, open data, the sitemap), and the site's
name in permanent ids: one set of rules for every plugin that writes such files."""

from __future__ import annotations

from dataclasses import dataclass

# The authority of ids when SITEURL has no host (local builds); .invalid is reserved (RFC 2606).
NO_DOMAIN = "konsulta.invalid"


def is_absolute(siteurl: str) -> bool:
    return siteurl.startswith(("https://", "http://"))


def link_from(file_path: str, url: str, siteurl: str) -> str:
    """``url`` (from the output root) as written in the file at ``file_path``: absolute under an
    absolute SITEURL, else relative to the file's folder, as Pelican writes links in pages."""
    if is_absolute(siteurl):
        return f"{siteurl.rstrip('/')}/{url}"
    return "../" * file_path.count("/") + url


@dataclass(frozen=True)
class LinkFrom:
    """link_from for one file, as a value another process can use (konsulta_content.workers)."""

    file_path: str
    siteurl: str

    def __call__(self, url: str) -> str:
        return link_from(self.file_path, url, self.siteurl)


def site_authority(siteurl: str) -> str:
    """SITEURL's host, lowercased: the right-hand side of calendar UIDs and the authority of feed tag URIs."""
    if is_absolute(siteurl):
        host = siteurl.split("://", 1)[1].split("/", 1)[0].split("@")[-1].split(":")[0]
        if host:
            return host.lower()
    return NO_DOMAIN
