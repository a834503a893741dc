"""Writes documents.json, documents.csv, their schema, robots.txt and an Open data page per language."""

from __future__ import annotations

from pelican.generators import Generator

from konsulta_content.addresses import is_absolute, link_from
from konsulta_content.build import config_of
from konsulta_content.pages import in_every_language, write_file, write_page

from . import urls
from .decisions import decision_records, decisions_csv, decisions_schema
from .exports import DataFile, csv_bytes, json_bytes
from .licence import csvw_metadata, metadata_path, with_licence
from .records import records
from .schema import documents_schema


class OpenDataGenerator(Generator):
    def generate_context(self):
        pass  # documents and the tag authority come from konsulta_content's index

    def data_files(self, site) -> list[DataFile]:
        config = config_of(self.settings)
        siteurl = self.settings.get("SITEURL") or ""
        authority = self.context["tag_authority"]
        found = records(site, link=lambda url: link_from(urls.DOCUMENTS_JSON, url, siteurl), authority=authority)
        schema_id = link_from(urls.DOCUMENTS_SCHEMA, urls.DOCUMENTS_SCHEMA, siteurl) if is_absolute(siteurl) else None
        return [
            DataFile(urls.DOCUMENTS_JSON, "JSON", "application/json",
                     json_bytes(with_licence({"documents": found}, config.licence))),
            DataFile(urls.DOCUMENTS_CSV, "CSV", "text/csv", csv_bytes(found, site.languages)),
            DataFile(urls.DOCUMENTS_SCHEMA, "JSON Schema", "application/schema+json",
                     json_bytes(documents_schema(config, schema_id))),
        ]

    def decision_files(self, site) -> list[DataFile]:
        """The decision register (decisions.py), as of the build's "now" (konsulta_consultations)."""
        config = config_of(self.settings)
        siteurl = self.settings.get("SITEURL") or ""
        found = decision_records(site, self.context["build_now"])
        schema_id = link_from(urls.DECISIONS_SCHEMA, urls.DECISIONS_SCHEMA, siteurl) if is_absolute(siteurl) else None
        return [
            DataFile(urls.DECISIONS_JSON, "JSON", "application/json",
                     json_bytes(with_licence({"decisions": found}, config.licence))),
            DataFile(urls.DECISIONS_CSV, "CSV", "text/csv", decisions_csv(found)),
            DataFile(urls.DECISIONS_SCHEMA, "JSON Schema", "application/schema+json",
                     json_bytes(decisions_schema(config, schema_id))),
        ]

    def generate_output(self, writer):
        site = self.context.get("site")
        if site is None:
            return
        files = self.data_files(site)
        decision_files = self.decision_files(site)
        for data_file in (*files, *decision_files):
            write_file(self.output_path, data_file.path, data_file.content)
        licence = config_of(self.settings).licence
        for data_file in (*files, *decision_files) if licence else ():
            if data_file.format == "CSV":
                metadata = csvw_metadata(data_file.name, data_file.name, licence)
                write_file(self.output_path, metadata_path(data_file.path), json_bytes(metadata))
        write_file(self.output_path, urls.ROBOTS, robots_txt(self.settings.get("SITEURL") or "").encode("utf-8"))
        every = in_every_language(site.languages, urls.open_data_url)
        for lang in site.languages:
            write_page(self, writer, urls.open_data_url(lang), "open-data", lang=lang, alternates=every,
                       data_files=files, decision_files=decision_files, sitemap_url=urls.SITEMAP,
                       licence=licence)


def robots_txt(siteurl: str) -> str:
    lines = ["# Every page may be indexed.", "User-agent: *", "Allow: /", ""]
    if is_absolute(siteurl):
        lines.append(f"Sitemap: {siteurl.rstrip('/')}/{urls.SITEMAP}")
    else:
        # A Sitemap line must be an absolute URL; a build without an absolute SITEURL has none to give.
        lines.append(f"# The sitemap is /{urls.SITEMAP}; builds with an absolute SITEURL name it here.")
    return "\n".join(lines) + "\n"
