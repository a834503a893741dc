"""The theme's components, GOV.UK Frontend's way: each file of theme/templates/components defines Jinja
macros, and the YAML file beside it (status-tag.html, status-tag.yaml) documents each macro's parameters
(name, type, required, meaning) and gives named examples, each with what its rendering must show
(`expect`). tests/test_components.py renders every example with the build's own Jinja environment and
checks it; docs/components.md is written from the same files:

    .venv/bin/python -m konsulta.components           # writes docs/components.md
    .venv/bin/python -m konsulta.components --check   # exits 1 if it is out of date
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_OUTPUT = Path("docs") / "components.md"


def components_folder() -> Path:
    import konsulta_theme

    return Path(konsulta_theme.PATH) / "templates" / "components"


class Record(dict):
    """Example data as templates and plugin functions read the build's objects: ``item.doc.type`` in a
    template, ``article.save_as`` in Python (calendar_url, changes_url)."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _as_records(value):
    if isinstance(value, dict):
        return Record({key: _as_records(item) for key, item in value.items()})
    if isinstance(value, list):
        return [_as_records(item) for item in value]
    return value


class _ExampleLoader(yaml.SafeLoader):
    """YAML with the few build objects that are not plain data (a tag each)."""


def _footer_link(loader, node):
    from konsulta_content.appearance import FooterLink

    given = loader.construct_mapping(node, deep=True)
    return FooterLink(texts=given["text"], urls=given["url"])


_ExampleLoader.add_constructor("!footer_link", _footer_link)


@dataclass
class Example:
    name: str
    params: dict
    expect: dict
    lang: str = "en"


@dataclass
class Macro:
    name: str
    description: str
    params: dict  # name -> {type, required, description}, in the macro's order
    examples: list[Example] = field(default_factory=list)


@dataclass
class Component:
    template: str  # "components/status-tag.html"
    macros: list[Macro]

    @property
    def name(self) -> str:
        return Path(self.template).stem


def load(folder: Path | None = None) -> list[Component]:
    """Every component that has a YAML file, by file name."""
    folder = folder or components_folder()
    found = []
    for data_file in sorted(folder.glob("*.yaml")):
        data = yaml.load(data_file.read_text("utf-8"), Loader=_ExampleLoader) or {}
        macros = [
            Macro(name, spec.get("description", ""), spec.get("params") or {},
                  [Example(e["name"], _as_records(e.get("params") or {}), e.get("expect") or {}, e.get("lang", "en"))
                   for e in spec.get("examples") or ()])
            for name, spec in data.items()
        ]
        found.append(Component(f"components/{data_file.stem}.html", macros))
    return found


# --- rendering, with the build's environment

def theme_environment(settings: dict):
    """(the Jinja environment, the template context) of a build's generators with these settings, made
    by the build's own code: Pelican's Generator with every plugin registered, so the loader, the
    JINJA_ENVIRONMENT options and every plugin's template functions and filters (their generator_init
    hooks) are the build's. Reads and writes no file of the site."""
    from pelican.generators import Generator
    from pelican.plugins._utils import load_plugins

    from konsulta_content.build import BUILD_KEY, Build

    for plugin in load_plugins(settings):
        plugin.register()  # connects the plugin's signals (again, for a plugin already registered: no-op)
    settings = {**settings, BUILD_KEY: Build.start(settings, log_warnings=False)}
    generator = Generator(context=settings.copy(), settings=settings, path=settings["PATH"],
                          theme=settings["THEME"], output_path=settings["OUTPUT_PATH"])
    return generator.env, generator.context


def render(env, context: dict, component: Component, macro: Macro, example: Example):
    """The example's HTML: the macro imported with context, as the pages import it, in the example's language."""
    caller = env.from_string(
        f'{{% from "{component.template}" import {macro.name} with context %}}{{{{ {macro.name}(**params) }}}}')
    return caller.render({**context, "page_lang": example.lang, "params": example.params})


# --- docs/components.md

INTRO = """\
# Components

<!-- Written by `.venv/bin/python -m konsulta.components` from theme/templates/components/*.yaml:
change a component's YAML file, then run it again (tests/test_components.py checks). -->

The theme's pages are made of components: Jinja macros in `theme/templates/components/`, each
documented here from the YAML file beside it, with its parameters and named examples. Every example
is rendered and checked by `tests/test_components.py` (what it must show, and zero axe violations),
without building a site. A page calls a component by importing its macro:

```jinja
{% from "components/status-tag.html" import status_tag with context %}
{{ status_tag(article.consultation.status) }}
```

`with context` gives the macro the page's language (for its interface text), `SITEURL` and the
plugins' template functions. To change a component for one site, put a file of the same path in
`THEME_TEMPLATES_OVERRIDES` that defines the same macros with the same parameters
([customising](customising.md#templates-and-components)).
"""


def _value(value) -> str:
    from konsulta_content.appearance import FooterLink

    def plain(item):
        if isinstance(item, FooterLink):
            return {"text": item.texts, "url": item.urls}
        if isinstance(item, dict):
            return {key: plain(v) for key, v in item.items()}
        if isinstance(item, list):
            return [plain(v) for v in item]
        return item

    return yaml.safe_dump(plain(value), allow_unicode=True, sort_keys=False, default_flow_style=None, width=100).strip()


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(components: list[Component]) -> str:
    lines = [INTRO]
    lines.append("| component | macros |\n| --- | --- |")
    for component in components:
        macros = ", ".join(f"[`{m.name}`](#{component.name}-{m.name.replace('_', '-')})" for m in component.macros)
        lines.append(f"| `{component.template}` | {macros} |")
    lines.append("")
    for component in components:
        lines.append(f"## `{component.template}`\n")
        for macro in component.macros:
            signature = ", ".join(name if spec.get("required") else f"{name}=…" for name, spec in macro.params.items())
            lines.append(f'<a id="{component.name}-{macro.name.replace("_", "-")}"></a>\n')
            lines.append(f"### `{macro.name}({signature})`\n")
            lines.append(f"{macro.description}\n")
            if macro.params:
                lines.append("| parameter | type | required | meaning |\n| --- | --- | --- | --- |")
                for name, spec in macro.params.items():
                    lines.append(f"| `{name}` | {_cell(spec.get('type', ''))} | {'yes' if spec.get('required') else 'no'} "
                                 f"| {_cell(spec.get('description', ''))} |")
                lines.append("")
            for example in macro.examples:
                language = "" if example.lang == "en" else f" (page language `{example.lang}`)"
                lines.append(f"Example: **{example.name}**{language}\n")
                lines.append(f"```yaml\n{_value(dict(example.params)) if example.params else '{}'}\n```\n")
    return "\n".join(lines).rstrip() + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Writes docs/components.md from the components' YAML files.")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date, write nothing")
    args = parser.parse_args(argv)
    written = markdown(load())
    if args.check:
        current = args.output.read_text("utf-8") if args.output.exists() else ""
        if current != written:
            print(f"{args.output} is out of date: run .venv/bin/python -m konsulta.components", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(written, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
