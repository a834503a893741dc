"""Writes docs/settings.md from the settings the plugins declare (declare.py), so the documentation
says what the checks accept and what the defaults are. From the repository root:

    .venv/bin/python -m konsulta_content.settings_doc           # writes docs/settings.md
    .venv/bin/python -m konsulta_content.settings_doc --check   # exits 1 if it is out of date

The plugins are those of a settings file (the repository's pelicanconf.py: every Konsulta plugin).
tests/test_settings.py fails while the committed file differs from what this writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .declare import Declarations, PelicanSetting, Removed, Renamed, Setting, declarations
from .plugin import PELICAN_SETTINGS

DEFAULT_OUTPUT = Path("docs") / "settings.md"

INTRO = """\
# Settings

<!-- Written by `.venv/bin/python -m konsulta_content.settings_doc` from the settings each plugin
declares in its code: change a declaration, then run it again (tests/test_settings.py checks). -->

Konsulta reads the standard Pelican settings file (`pelicanconf.py` for local builds,
`publishconf.py` for deployment). Konsulta's own settings are one dict, `KONSULTA`; it is
checked when the build starts (and by `scripts/validate`), and every mistake in it stops the build,
all of them together, each with what to write instead:

```
Konsulta settings are not valid:
KONSULTA['languages']: 'xx' is not a language code such as 'tr' or 'sq'
KONSULTA['comment_host']: unknown setting (did you mean 'comment_hosts'?); known settings are …
```

How to change the look, the menu and the templates without forking Konsulta is in
[customising](customising.md).
"""

KONSULTA_LEAD = """\
## `KONSULTA`

Each plugin declares the keys it reads, with their type, default and meaning; this list is written
from those declarations. A key whose plugin is not in `PLUGINS` is an unknown setting.
"""

_EXAMPLE = Renamed("old_name", "new_name", "0.2")
RETIRED_LEAD = f"""\
## Renamed and removed settings

A key that Konsulta renamed or stopped reading is not silently ignored: the build stops and names its
replacement, e.g. `KONSULTA['{_EXAMPLE.old}']: {_EXAMPLE.message()}`. Each plugin lists
its own in its declaration (`plugin.py`), beside its settings.
"""

PELICAN_LEAD = """\
## Pelican settings a site sets

A site's `pelicanconf.py` starts with `from konsulta.defaults import *` and then sets these; its
`publishconf.py` starts with `from pelicanconf import *` and `from konsulta.publish import *`.
"""

RELIED_ON = """\
## Pelican settings Konsulta relies on

`konsulta.defaults` sets these for every site; a site changes them at its own risk.

| setting | value | why |
| --- | --- | --- |
| `PLUGINS` | {plugins} | Each concern is one plugin package, installed with Konsulta. |
| `THEME` | `konsulta_theme.PATH` | Templates, components, style sheet and gettext catalogues; a site replaces any of them with `THEME_TEMPLATES_OVERRIDES`. |
| `JINJA_ENVIRONMENT` | `jinja2.ext.i18n`, `autoescape: True`, `auto_reload: False`, `bytecode_cache` | Interface strings are translated per page; front matter text is always escaped. Each build (also under `make serve`) makes a new environment, so templates need not be checked for changes on every include. Pelican makes one environment per generator; they share each template's compiled code in memory (`konsulta_content.compiled_templates`), checked against the template's source. |
| `ARTICLE_TRANSLATION_ID` | `None` | Konsulta finds translations itself (the same slug in another language folder). Pelican's grouping expects one of them in `DEFAULT_LANG` and warns for every document published only in other languages. |
| `ARTICLE_URL`, `ARTICLE_SAVE_AS` (and `_LANG_` variants) | `{lang}/{slug}/` | Every document lives at its language and slug. |
| `READERS` | `rst` and `html` off | Documents are Markdown only. |
| Pelican feeds, tags, categories, authors, archives | off | Not part of the content model. |
"""

OUTRO = """\
## Build commands

```sh
make html                                   # content/ into output/
.venv/bin/pelican DIR -s pelicanconf.py -o OUT --fatal errors   # any content folder
```

`--fatal errors` makes any error Pelican itself logs fail the build too. Content problems fail the
build with or without it, all of them reported together.

## Consultation statuses and "now"

A draft is *upcoming* before 00:00 on `consultation.opens` (or on `date` when `opens` is absent),
*open* until 23:59:59 on `consultation.closes` (inclusive), then *closed*, and *concluded* once an
outcome that responds to it is published (its `date` has come). All in the site's `TIMEZONE`,
daylight saving included (the rule is `status_at` in `konsulta_consultations/lifecycle.py`). A built
page keeps the status of its build, and carries the moments after the build at which the status
changes, with the notice from each: a small script (`theme/static/js/consultation-status.js`) shows
the one whose moment has passed if the page outlives it, and a daily rebuild brings the listings up
to date. For byte-identical output, build with `KONSULTA_NOW` set.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(setting: Setting) -> str:
    if setting.default_doc is not None:
        return setting.default_doc
    value = list(setting.default) if isinstance(setting.default, tuple) else setting.default
    return f"`{value!r}`"


def _settings_table(settings: list[Setting]) -> list[str]:
    rows = ["| key | type | default | meaning |", "| --- | --- | --- | --- |"]
    for s in settings:
        rows.append(f"| `{s.name}` | {_cell(s.type_doc)} | {_cell(_default(s))} | {_cell(s.meaning)} |")
    return rows


def _retired_table(retired: dict[str, Renamed | Removed]) -> list[str]:
    if not retired:
        return ["None so far: every key Konsulta has had is still read."]
    rows = ["| key | since | instead |", "| --- | --- | --- |"]
    for old, item in retired.items():
        instead = f"`{item.new}`" if isinstance(item, Renamed) else item.advice
        rows.append(f"| `{old}` | {item.since} | {_cell(instead)} |")
    return rows


def _pelican_table(settings: tuple[PelicanSetting, ...]) -> list[str]:
    rows = ["| setting | in | example | meaning |", "| --- | --- | --- | --- |"]
    for s in settings:
        rows.append(f"| `{s.name}` | `{s.where}` | `{_cell(s.example)}` | {_cell(s.meaning)} |")
    return rows


def render(declared: Declarations, plugins, pelican: tuple[PelicanSetting, ...] = PELICAN_SETTINGS) -> str:
    """The whole of docs/settings.md; ``plugins``: the PLUGINS whose declarations ``declared`` holds."""
    parts = [INTRO, KONSULTA_LEAD]
    for owner, settings in declared.by_owner().items():
        parts.append("\n".join([f"### From `{owner}`", "", *_settings_table(settings), ""]))
    parts.append("\n".join([RETIRED_LEAD, *_retired_table(declared.retired), ""]))
    parts.append("\n".join([PELICAN_LEAD, *_pelican_table(pelican), ""]))
    parts.append(RELIED_ON.replace("{plugins}", ", ".join(f"`{p}`" for p in plugins)))
    parts.append(OUTRO)
    return "\n".join(parts)


def for_settings_file(settings_file: str) -> str:
    """docs/settings.md as the plugins of ``settings_file`` declare it."""
    from pelican.settings import read_settings

    settings = read_settings(settings_file)
    return render(declarations(settings["PLUGINS"]), settings["PLUGINS"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--settings", default="pelicanconf.py", help="whose PLUGINS to document (pelicanconf.py)")
    parser.add_argument("--output", default=str(DEFAULT_OUTPUT), help="the file to write (docs/settings.md)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the file differs")
    args = parser.parse_args(argv)
    text = for_settings_file(args.settings)
    output = Path(args.output)
    if args.check:
        current = output.read_text(encoding="utf-8") if output.is_file() else ""
        if current != text:
            print(f"{output} is out of date: run .venv/bin/python -m konsulta_content.settings_doc", file=sys.stderr)
            return 1
        return 0
    output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
