"""Pelican's generators each make a Jinja environment; Konsulta's settings give them one in-memory
bytecode cache, so each template is compiled once per process, and again only when its source changes."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader
from konsulta_content.compiled_templates import SharedCompiledTemplates


def counting_environment(folder, cache, compiled):
    class Counting(Environment):
        def _compile(self, source, filename):
            compiled.append(filename)
            return super()._compile(source, filename)

    return Counting(loader=FileSystemLoader(folder), bytecode_cache=cache, autoescape=True)


def test_environments_sharing_the_cache_compile_a_template_once_and_again_when_it_changes(tmp_path):
    (tmp_path / "page.html").write_text("{{ 1 + x }} {{ name }}", "utf-8")
    cache, compiled = SharedCompiledTemplates(), []
    first = counting_environment(tmp_path, cache, compiled)
    second = counting_environment(tmp_path, cache, compiled)
    assert first.get_template("page.html").render(x=1, name="<b>") == "2 &lt;b&gt;"
    assert second.get_template("page.html").render(x=2, name="a") == "3 a"
    assert len(compiled) == 1
    (tmp_path / "page.html").write_text("{{ 10 + x }}", "utf-8")  # an edit, as under `konsulta serve`
    assert counting_environment(tmp_path, cache, compiled).get_template("page.html").render(x=1) == "11"
    assert len(compiled) == 2


def test_every_site_shares_it_through_the_default_settings():
    from konsulta import defaults

    assert isinstance(defaults.JINJA_ENVIRONMENT["bytecode_cache"], SharedCompiledTemplates)
