"""Each theme template compiled once per process, not once per generator.

Pelican gives every generator its own Jinja environment, and each compiles the templates it uses: with
about ten generators, base.html and every component were compiled about ten times per build (a tenth of
a 1,000-document build). Jinja's public bytecode cache, shared through the JINJA_ENVIRONMENT setting that
all the environments are made from, lets the first compilation serve the others. A template is found by
its name and file and checked against its source, so an edited template (``konsulta serve``) is compiled
again; nothing is written to disk.
"""

from __future__ import annotations

from jinja2 import BytecodeCache


class SharedCompiledTemplates(BytecodeCache):
    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)  # Jinja drops it if the source's checksum differs

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
