"""``{% fragment "name", key, ... %}…{% endfragment %}``: a part of a page rendered once per key.

Every page repeats the site header and footer, which are the same for all documents in one language
and folder depth; rendering them a thousand times was a fifth of the time spent writing document
pages. The template names, in the key, everything the fragment shows: the first page with a key
renders it, later pages with the same key reuse that text. With ``KONSULTA['fragment_cache']`` off
every page renders every fragment (a quality gate compares the two outputs byte for byte).
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension


class FragmentCache(Extension):
    tags = {"fragment"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(fragment_cache_enabled=True, fragment_cache={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endfragment",), drop_needle=True)
        call = self.call_method("_render", [nodes.Tuple(key, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, key, caller):
        if not self.environment.fragment_cache_enabled:
            return caller()
        cache = self.environment.fragment_cache
        if key not in cache:
            cache[key] = caller()
        return cache[key]


def install(environment, enabled: bool) -> None:
    """Adds the ``fragment`` tag to a generator's environment (one cache per environment, per build)."""
    environment.add_extension(FragmentCache)
    environment.fragment_cache_enabled = enabled
