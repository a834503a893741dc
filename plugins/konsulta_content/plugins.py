"""What each plugin is, declared once, in its module ``<plugin>/plugin.py`` as ``PLUGIN``: what it does,
the plugins and data it needs, the data it provides (on each document, for the whole site), the steps
that make that data, the files it writes, the problems it reports and its settings (declare.py).

    # konsulta_history/plugin.py
    PLUGIN = Plugin(
        "konsulta_history", "Last updated, revision history and word-level changes, from git; ...",
        needs=(Need("konsulta_content", "site"), Need("konsulta_i18n")),
        uses=(Need("konsulta_consultations", "consultation"),),
        provides=(on_documents("history", "..."), for_site("redirects", "...")),
        steps=(Step("konsulta_history.redirects:check_aliases", checks=True),
               Step("konsulta_history.steps:attach_history", provides=("history", "redirects"))),
        writes=("{lang}/{slug}/changes/", "_redirects"),
        reports="aliases that cannot lead to their document",
        settings=(Setting("repository", ...), ...),
    )

``needs``: plugins it cannot work without, and the data of theirs it reads; ``uses``: the same, read
only when that plugin is in PLUGINS. When the build starts, ``load`` reads the declaration of every
plugin in PLUGINS and ``Plugins.mistakes`` says, in one message per gap, which plugin to add (or which
declaration is wrong: data no plugin provides, a file two plugins write, needs that go round in a
circle). Data is made by steps, run by konsulta_content (build.py) once every document is read: each
plugin's steps after those of the plugins it needs or uses, ties by plugin name, so the order of
PLUGINS changes nothing. A step sets only the data its declaration names (build.py checks after every
step). Steps that report problems say ``checks=True`` and run first; scripts/validate runs exactly
those, so it reports what the build reports.

Data on documents is an attribute of each article it applies to (``article.consultation``), data for
the site a key of the template context (``consultations``): what templates and other plugins read.
"""

from __future__ import annotations

import graphlib
import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field

PLUGIN_MODULE = "plugin"  # a plugin declares itself in <plugin>.plugin, as PLUGIN
CONTENT = "konsulta_content"  # the plugin every other one builds on; always declared
DOCUMENT, SITE = "document", "site"
# How a declared output path names a language folder and a document's folder.
LANG, DOCUMENT_FOLDER = "{lang}", "{lang}/{slug}"


@dataclass(frozen=True)
class Data:
    """Something a plugin makes for others: on each ``DOCUMENT`` it applies to (an attribute of the
    article) or for the ``SITE`` (a key of the template context)."""

    name: str
    on: str
    meaning: str


def on_documents(name: str, meaning: str) -> Data:
    return Data(name, DOCUMENT, meaning)


def for_site(name: str, meaning: str) -> Data:
    return Data(name, SITE, meaning)


@dataclass(frozen=True)
class Need:
    """Another plugin, and the data of it that is read (none: its code or its template functions)."""

    plugin: str
    data: tuple[str, ...] = ()

    def __init__(self, plugin: str, *data: str):
        object.__setattr__(self, "plugin", plugin)
        object.__setattr__(self, "data", tuple(data))


@dataclass(frozen=True)
class Step:
    """``run``: "module:function", called with the Build (build.py) once the documents are read; imported
    only when it runs. ``provides``: the names of the data it sets. ``checks``: it reports problems (and
    may set data): such steps run before the others, and scripts/validate runs them too."""

    run: str
    provides: tuple[str, ...] = ()
    checks: bool = False


@dataclass(frozen=True)
class Plugin:
    name: str
    does: str
    needs: tuple[Need, ...] = ()
    uses: tuple[Need, ...] = ()
    provides: tuple[Data, ...] = ()
    steps: tuple[Step, ...] = ()
    # Paths it writes, from the output root: "consultations.ics", a folder "feeds/", "{lang}/search/" in
    # every language folder, "{lang}/{slug}/consultation.ics" beside a document's page.
    writes: tuple[str, ...] = ()
    reports: str | None = None  # the problems it reports, in words
    settings: tuple = field(default=(), repr=False)  # Setting, Renamed and Removed (declare.py)

    def data(self, name: str) -> Data | None:
        return next((d for d in self.provides if d.name == name), None)


def plugin_name(plugin) -> str:
    """The name of an entry of Pelican's PLUGINS: a module name, or a module."""
    return plugin if isinstance(plugin, str) else getattr(plugin, "__name__", str(plugin))


def declaration(name: str) -> Plugin | None:
    """<name>.plugin's PLUGIN; None for a plugin that has none (not a Konsulta plugin, or one Pelican
    cannot load: Pelican says so)."""
    module_name = f"{name}.{PLUGIN_MODULE}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as missing:
        if missing.name not in (module_name, name) and not module_name.startswith(f"{missing.name}."):
            raise  # the declaration imports something that is not there: a bug to see
        return None
    found = getattr(module, "PLUGIN", None)
    return found if isinstance(found, Plugin) else None


def load(plugins: Iterable | None) -> Plugins:
    """The declarations of konsulta_content and of every plugin in ``plugins`` (Pelican's PLUGINS)."""
    names = dict.fromkeys([CONTENT, *(plugin_name(p) for p in plugins or ())])
    found = {name: declaration(name) for name in names}
    return Plugins({name: plugin for name, plugin in found.items() if plugin is not None})


@dataclass(frozen=True)
class Plugins:
    """The declarations of the plugins of one build, by name."""

    declared: dict[str, Plugin]

    def __iter__(self):
        return iter(self.declared.values())

    def provider(self, data: str) -> Plugin | None:
        return next((p for p in self if p.data(data) is not None), None)

    # --- the start-up check

    def mistakes(self) -> list[str]:
        """Everything that stops the build before it reads a file: a plugin that needs one not in PLUGINS,
        and declarations that contradict each other (a bug in a plugin)."""
        found = []
        for plugin in self:
            for need in plugin.needs:
                other = self.declared.get(need.plugin)
                if other is None:
                    what = f" (for {_names(need.data)})" if need.data else ""
                    found.append(f"PLUGINS: {plugin.name} needs {need.plugin}{what}, which is not in PLUGINS: "
                                 f"add {need.plugin!r} to PLUGINS, or remove {plugin.name!r}")
            for need in (*plugin.needs, *plugin.uses):
                other = self.declared.get(need.plugin)
                for name in need.data if other is not None else ():
                    if other.data(name) is None:
                        found.append(f"{plugin.name} reads {name!r} of {need.plugin}, which {need.plugin} does not "
                                     "provide: a mistake in a plugin's declaration (plugin.py)")
            set_by_steps = {name for step in plugin.steps for name in step.provides}
            for step in plugin.steps:
                for name in step.provides:
                    if plugin.data(name) is None:
                        found.append(f"{plugin.name}: the step {step.run} sets {name!r}, which the plugin does not "
                                     "declare in 'provides': a mistake in its declaration (plugin.py)")
            for data in plugin.provides:
                if plugin.name != CONTENT and data.name not in set_by_steps:
                    found.append(f"{plugin.name} provides {data.name!r}, which none of its steps sets: a mistake in "
                                 "its declaration (plugin.py)")
        found += self._twice("provides", lambda p: [d.name for d in p.provides])
        found += self._twice("writes", lambda p: [_written(path) for path in p.writes])
        found += self._unready_checks()
        try:
            self.order()
        except graphlib.CycleError as cycle:
            circle = " → ".join(cycle.args[1])
            found.append(f"the plugins need each other in a circle ({circle}): a mistake in their declarations")
        return found

    def _twice(self, what: str, items) -> list[str]:
        owners: dict[str, list[str]] = {}
        for plugin in self:
            for item in dict.fromkeys(items(plugin)):
                owners.setdefault(item, []).append(plugin.name)
        return [f"{' and '.join(names)} both declare that they {what[:-1]} {item!r}: each has one owner"
                for item, names in sorted(owners.items()) if len(names) > 1]

    def _unready_checks(self) -> list[str]:
        """A checking step runs before every other step (and alone in scripts/validate), so what its
        plugin reads must come from checking steps too."""
        found = []
        for plugin in self:
            if not any(step.checks for step in plugin.steps):
                continue
            for need in (*plugin.needs, *plugin.uses):
                other = self.declared.get(need.plugin)
                for name in need.data if other is not None and other.name != CONTENT else ():
                    if not any(name in step.provides for step in other.steps if step.checks):
                        found.append(f"{plugin.name} reports problems before pages are made, but reads {name!r}, "
                                     f"which {other.name} makes only afterwards: a mistake in their declarations")
        return found

    # --- the order of steps

    def order(self) -> list[Plugin]:
        """Every plugin after the plugins it needs or uses; among those free to go, by name."""
        graph = {plugin.name: sorted({n.plugin for n in (*plugin.needs, *plugin.uses)} & set(self.declared))
                 for plugin in self}
        sorter = graphlib.TopologicalSorter(graph)
        sorter.prepare()
        ordered = []
        while sorter.is_active():
            ready = sorted(sorter.get_ready())
            ordered += ready
            sorter.done(*ready)
        return [self.declared[name] for name in ordered]

    def steps(self, *, checks_only: bool = False) -> list[tuple[Plugin, Step]]:
        """The steps in the order they run: every checking step, then (unless ``checks_only``) the rest,
        each group in plugin order."""
        ordered = self.order()
        checking = [(plugin, step) for plugin in ordered for step in plugin.steps if step.checks]
        rest = [(plugin, step) for plugin in ordered for step in plugin.steps if not step.checks]
        return checking if checks_only else checking + rest

    # --- what the declared files reserve

    def language_folders(self) -> tuple[str, ...]:
        """The first folders every language folder has for the site's own pages (listings, consultations,
        search...): slugs no document may take."""
        prefix = LANG + "/"
        found = {path[len(prefix):].split("/")[0] for plugin in self for path in plugin.writes
                 if path.startswith(prefix) and not path.startswith(DOCUMENT_FOLDER + "/")}
        return tuple(sorted(found - {""}))

    def beside_documents(self) -> tuple[str, ...]:
        """The names written in every document's folder besides its page (changes/, feeds, calendars,
        responses files): a link into a document's folder may lead to one of these."""
        prefix = DOCUMENT_FOLDER + "/"
        found = {path[len(prefix):].split("/")[0] for plugin in self for path in plugin.writes if path.startswith(prefix)}
        return tuple(sorted(found - {""}))

    def top_level(self) -> tuple[str, ...]:
        """The names the build writes at the root of the output besides the language folders."""
        return tuple(sorted({path.split("/")[0] for plugin in self for path in plugin.writes
                             if not path.startswith(LANG)}))


def _written(path: str) -> str:
    return path.rstrip("/")


def _names(names) -> str:
    return ", ".join(repr(name) for name in names)
