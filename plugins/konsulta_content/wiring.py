"""How konsulta_content runs a Pelican build (build.py says what a build is), signal by signal:

    initialized                  start_build: settings and plugins checked, a Build kept in the settings,
                                 the output pointed at a staging folder (staging.py)
    generator_init               install_theme_globals: the site's look (appearance.py)
    readers_init                 use_konsulta_reader: Markdown files are read by KonsultaReader
    article_generator_preread    read_ahead (reader.py): a large site's documents read in two processes
    article_generator_finalized  index_documents: the Site, its problems, then every plugin's steps
    all_generators_finalized     stop_on_problems: every problem of the build at once, before anything is
                                 written; then the generators that share work start it (prepare_output)
    (Pelican's generators write the pages, feeds, search index, calendars and open data)
    finalized                    finish_output: the documents' files published, hooks.output_written,
                                 and the staging folder becomes the output
"""

from __future__ import annotations

import logging

from pelican import signals

from . import appearance, hooks, publishing, staging
from .build import BUILD_KEY, Build, of_settings
from .config import ConfigError
from .problems import ContentErrors, PelicanErrorLog
from .reader import KonsultaReader, read_ahead, unread_documents

PELICAN_LOG = "pelican"


def start_build(pelican):
    pelican_log = logging.getLogger(PELICAN_LOG)
    for stale in [h for h in pelican_log.handlers if isinstance(h, PelicanErrorLog)]:
        pelican_log.removeHandler(stale)  # left by a build in this process that crashed
    build = Build.start(pelican.settings)  # settings and plugins problems stop the build before any file is read
    staging.begin(pelican)
    pelican.settings[BUILD_KEY] = build
    build.handler = PelicanErrorLog(build.problems, pelican.settings["PATH"])
    pelican_log.addHandler(build.handler)


def install_theme_globals(generator):
    env = getattr(generator, "env", None)
    build = of_settings(generator.settings)
    if env is not None and build is not None:
        env.globals.update(appearance.template_globals(build.config, generator.settings))


def use_konsulta_reader(readers):
    for extension in KonsultaReader.file_extensions:
        readers.reader_classes[extension] = KonsultaReader


def index_documents(generator):
    build = of_settings(generator.settings)
    articles = generator.articles + generator.translations + generator.drafts
    for article in articles:
        # Pelican expands URL settings on every access of .url/.save_as (templates read them tens of
        # thousands of times); its override_ attributes keep the value once metadata is final.
        article.override_url = article.url
        article.override_save_as = article.save_as
    try:
        build.index(articles, generator.context, unread=unread_documents(generator))
        build.run_steps()
    except BaseException:  # a settings error a step found (the comment form), or a bug: nothing is written
        _abandon(build)
        raise


def stop_on_problems(generators):
    """Every generator has read its files: stop with every problem of the build, before anything is written."""
    context, settings = generators[0].context, generators[0].settings
    build = of_settings(settings)
    if build.handler is not None:
        logging.getLogger(PELICAN_LOG).removeHandler(build.handler)
        build.handler = None
    build.report(publishing.check_static_files(context, settings))
    if build.problems.problems:
        _abandon(build)
    build.problems.raise_if_any()
    publishing.clear_files_folder(settings["OUTPUT_PATH"])
    appearance.remove_stylesheet(settings["OUTPUT_PATH"], settings)
    for generator in generators:
        if hasattr(generator, "prepare_output"):
            generator.prepare_output(build)


def finish_output(pelican):
    build = of_settings(pelican.settings)
    build.workers.close()
    published = publishing.published_files(build.site) if build.site is not None else set()
    if build.config.logo:
        published.add(build.config.logo)  # checked with the settings: an image inside the content folder
    # Last, once every page, feed and data file is written: a published file that would replace one
    # of them is found, never overwrites it.
    try:
        publishing.publish_files(pelican.settings["PATH"], pelican.settings["OUTPUT_PATH"], published)
    except ContentErrors:
        _abandon(build)
        raise
    # After the theme's static files are copied, so a theme file of the same name is found, not replaced.
    problem = appearance.write_stylesheet(pelican.settings["OUTPUT_PATH"], pelican.settings, build.config.colours)
    if problem:
        _abandon(build)
        raise ConfigError([f"['colours']: {problem}"])
    hooks.output_written.send(pelican)
    staging.finish(pelican)


def _abandon(build: Build) -> None:
    build.workers.close()
    staging.abandon(build.settings)


def register():
    signals.initialized.connect(start_build)
    signals.generator_init.connect(install_theme_globals)
    signals.readers_init.connect(use_konsulta_reader)
    signals.article_generator_preread.connect(read_ahead)
    signals.article_generator_finalized.connect(index_documents)
    signals.all_generators_finalized.connect(stop_on_problems)
    signals.finalized.connect(finish_output)
