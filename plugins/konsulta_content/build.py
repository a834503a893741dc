"""One build, or one run of scripts/validate: its settings, the declarations of its plugins, its documents,
the one collector of its problems, and the steps that give documents what their pages show.

    read      KonsultaReader (Pelican) or scripts/validate: every document, its problems with it
    validate  Build.index: the Site, its documents' problems and the checks that need them all
    enrich    Build.run_steps: the plugins' steps (plugins.py), checking steps first, each plugin's
              after those of the plugins it needs or uses, whatever the order of PLUGINS
    write     Pelican's generators: pages, listings, feeds, search, calendars, open data
    publish   wiring.finish_output: the documents' files, then the staging folder becomes the output

Nothing of a build is module state. A Pelican run keeps its Build in its settings (``BUILD_KEY``),
which every signal of that run can reach (a generator's settings, a reader's, the Pelican object's)
and no other run shares; scripts/validate makes one of its own.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from .addresses import site_authority
from .config import ConfigError, KonsultaConfig, load_config
from .plugins import DOCUMENT, SITE, Plugin, Plugins, Step, load
from .problems import BuildProblems, Problem
from .site import Site
from .workers import Workers

logger = logging.getLogger(__name__)

BUILD_KEY = "KONSULTA_BUILD"


class StepMistake(RuntimeError):
    """A step did what its plugin's declaration does not say: a bug in that plugin, named."""


@dataclass(eq=False)
class Build:
    settings: dict
    config: KonsultaConfig
    plugins: Plugins
    workers: Workers
    problems: BuildProblems = field(default_factory=BuildProblems)
    warnings: list[str] = field(default_factory=list)
    # Pelican's context, shared by every generator and template (scripts/validate: a dict of its own).
    context: dict = field(default_factory=dict)
    site: Site | None = None
    log_warnings: bool = True  # a build logs each warning as it comes; scripts/validate prints them at the end
    read_ahead: dict = field(default_factory=dict)  # absolute path -> Document read before Pelican asks
    read_ahead_started: bool = False
    handler: logging.Handler | None = None  # PelicanErrorLog while Pelican reads (wiring.py)
    _plugin_state: dict = field(default_factory=dict)
    _running: tuple[Plugin, Step] | None = None

    @classmethod
    def start(cls, settings: dict, *, processes: int | None = None, log_warnings: bool = True) -> Build:
        """Checks the settings and the plugins' declarations: every problem stops here, before a file is read."""
        plugins = load(settings.get("PLUGINS"))
        mistakes = plugins.mistakes()  # first: a missing plugin also explains its settings being unknown
        try:
            config = load_config(settings)
        except ConfigError as error:
            raise ConfigError(mistakes + error.problems) from None
        if mistakes:
            raise ConfigError(mistakes)
        return cls(settings, config, plugins, Workers(processes or config.build_processes), log_warnings=log_warnings)

    def state_of(self, plugin: str) -> dict:
        """What one plugin keeps between the signals of this build (the pages written, for the sitemap)."""
        return self._plugin_state.setdefault(plugin, {})

    # --- problems and warnings: one collector per build

    def report(self, problems: Iterable[Problem]) -> None:
        if self._running is not None and not self._running[1].checks:
            plugin, step = self._running
            raise StepMistake(f"{plugin.name}: the step {step.run} reported a problem, but is not declared "
                              "checks=True (plugin.py): scripts/validate would not report it")
        self.problems.extend(problems)

    def warn(self, text: str) -> None:
        self.warnings.append(text)
        if self.log_warnings:
            logger.warning("%s", text)

    # --- validate and enrich

    def index(self, articles, context: dict | None = None, unread: Iterable[Problem] = ()) -> Site:
        """Every document read (Pelican's articles, or scripts/validate's entries): the site, in the context
        as ``site``, with every problem the documents have and the checks that need them all."""
        if context is not None:
            self.context = context
        site = Site.build(articles, self.config, reserved=self.plugins.language_folders(),
                          beside_documents=self.plugins.beside_documents())
        self.site = site
        self.context["site"] = site
        # The site's host, in the permanent ids of documents (feeds, JSON-LD, open data). Pages see SITEURL
        # made relative; ids need the site's own.
        self.context["tag_authority"] = site_authority(self.settings.get("SITEURL") or "")
        for warning in site.warnings():
            self.warn(warning)
        self.report(site.problems())
        self.report(site.check())
        self.report(unread)
        return site

    def run_steps(self, *, checks_only: bool = False) -> None:
        """The plugins' steps in their order (plugins.Plugins.steps). After each, what it set is checked
        against its declaration: data on documents and for the site that the step does not name is a bug."""
        for plugin, step in self.plugins.steps(checks_only=checks_only):
            function = _resolve(step.run)
            before_context = set(self.context)
            sizes = [len(vars(article)) for article in self.site.articles]
            self._running = (plugin, step)
            try:
                function(self)
            finally:
                self._running = None
            self._check_step(plugin, step, before_context, _added(self.site.articles, sizes))

    def _check_step(self, plugin: Plugin, step: Step, before_context: set, added: set) -> None:
        declared = {name: plugin.data(name) for name in step.provides}
        for name in sorted(set(self.context) - before_context):
            if declared.get(name) is None or declared[name].on != SITE:
                raise StepMistake(f"{plugin.name}: the step {step.run} set {name!r} for the site, which it does not "
                                  "declare (plugin.py: provides, and the step's provides)")
        for name in sorted(added):
            if declared.get(name) is None or declared[name].on != DOCUMENT:
                raise StepMistake(f"{plugin.name}: the step {step.run} set {name!r} on documents, which it does not "
                                  "declare (plugin.py: provides, and the step's provides)")
        for name, data in declared.items():
            if data is not None and data.on == SITE and name not in self.context:
                raise StepMistake(f"{plugin.name}: the step {step.run} did not set {name!r} for the site, which it "
                                  "declares it provides")


def of_settings(settings: dict) -> Build | None:
    """The Build of the Pelican run these settings belong to (None outside a build)."""
    return settings.get(BUILD_KEY)


def config_of(settings: dict) -> KonsultaConfig:
    """The checked settings: the build's, else (code used outside a build) checked now."""
    build = of_settings(settings)
    return build.config if build is not None else load_config(settings)


def _added(articles, sizes: list[int]) -> set[str]:
    """The public attribute names set on ``articles`` since they had ``sizes`` attributes each (an
    object's attributes keep the order they were set in, so the new ones are the last)."""
    found: set[str] = set()
    for article, size in zip(articles, sizes):
        names = vars(article)
        if len(names) != size:
            found.update(list(names)[size:])
    return {name for name in found if not name.startswith("_")}


def _resolve(run: str):
    module, _, name = run.partition(":")
    return getattr(importlib.import_module(module), name)
