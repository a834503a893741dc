"""The KONSULTA settings konsulta_search reads, declared once (konsulta_content.settings)."""

from konsulta_content.declare import Setting, Whole

KONSULTA_SETTINGS = (
    Setting("search_chunk_bytes",
            Whole("give a whole number of bytes, at least 500, e.g. 10000", minimum=500,
                  type_doc="whole number, at least 500"), 10_000,
            "Target gzip size of one search index chunk ([search](search.md)). Smaller chunks mean fewer bytes "
            "per query and more files; the tests use 1500 so the demo has several chunks per language."),
)
