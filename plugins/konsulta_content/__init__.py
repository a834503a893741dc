"""Konsulta content: the document model, its reader and validation; the settings every site has
(settings.py, the site's look in appearance.py) and the check of every plugin's settings (config.py,
declare.py).

Problems found anywhere in the content are gathered and reported together when
every generator has read its files, before anything is written.
"""

import logging

from pelican import signals

from . import appearance, fragments, hooks, parallel, publishing, staging
from .config import ConfigError, load_config
from .problems import BuildProblems, ContentErrors, PelicanErrorLog
from .reader import KonsultaReader, read_ahead, unread_documents
from .site import Site

logger = logging.getLogger(__name__)
_build = {"problems": BuildProblems(), "handler": None, "published": set()}


def report(problems):
    """Lets other Konsulta plugins add problems (e.g. in data files) to this build's report."""
    _build["problems"].extend(problems)


def start_build(pelican):
    load_config(pelican.settings)  # settings errors stop the build before any file is read
    staging.begin(pelican)
    _build["problems"] = BuildProblems()
    pelican_logger = logging.getLogger("pelican")
    if _build["handler"] is not None:
        pelican_logger.removeHandler(_build["handler"])
    _build["handler"] = PelicanErrorLog(_build["problems"], pelican.settings["PATH"])
    pelican_logger.addHandler(_build["handler"])


def install_theme_globals(generator):
    env = getattr(generator, "env", None)
    if env is not None:
        config = load_config(generator.settings)
        fragments.install(env, config.fragment_cache)
        env.globals.update(appearance.template_globals(config, generator.settings))


def use_konsulta_reader(readers):
    for extension in KonsultaReader.file_extensions:
        readers.reader_classes[extension] = KonsultaReader


def index_documents(generator):
    config = load_config(generator.settings)
    articles = generator.articles + generator.translations + generator.drafts
    for article in articles:
        # Pelican expands URL settings on every access of .url/.save_as (templates read them tens of
        # thousands of times); its override_ attributes keep the value once metadata is final.
        article.override_url = article.url
        article.override_save_as = article.save_as
    site = Site.build(articles, config)
    generator.context["site"] = site
    for warning in site.warnings():
        logger.warning("%s", warning)
    _build["problems"].extend(site.problems())
    _build["problems"].extend(site.check())
    _build["problems"].extend(unread_documents(generator))


def stop_on_problems(generators):
    """Every generator has read its files: stop with every problem of the build, before anything is written."""
    if _build["handler"] is not None:
        logging.getLogger("pelican").removeHandler(_build["handler"])
        _build["handler"] = None
    context, settings = generators[0].context, generators[0].settings
    _build["problems"].extend(publishing.check_static_files(context, settings))
    if _build["problems"].problems:
        staging.abandon(settings)
    _build["problems"].raise_if_any()
    site = context.get("site")
    config = load_config(settings)
    _build["published"] = publishing.published_files(site) if site is not None else set()
    if config.logo:
        _build["published"].add(config.logo)  # checked with the settings: an image inside the content folder
    publishing.clear_files_folder(settings["OUTPUT_PATH"])
    appearance.remove_stylesheet(settings["OUTPUT_PATH"], settings)
    parallel.split_output(generators, config.build_processes)


def finish_output(pelican):
    parallel.join()
    # Last, once every page, feed and data file is written: a published file that would replace one
    # of them is found, never overwrites it.
    try:
        publishing.publish_files(pelican.settings["PATH"], pelican.settings["OUTPUT_PATH"],
                                 _build.pop("published", set()))
    except ContentErrors:
        staging.abandon(pelican.settings)
        raise
    # After the theme's static files are copied, so a theme file of the same name is found, not replaced.
    problem = appearance.write_stylesheet(pelican.settings["OUTPUT_PATH"], pelican.settings,
                                          load_config(pelican.settings).colours)
    if problem:
        staging.abandon(pelican.settings)
        raise ConfigError([f"['colours']: {problem}"])
    hooks.output_written.send(pelican)
    staging.finish(pelican)


def register():
    signals.initialized.connect(start_build)
    signals.generator_init.connect(install_theme_globals)
    signals.readers_init.connect(use_konsulta_reader)
    signals.article_generator_preread.connect(read_ahead)
    signals.article_generator_finalized.connect(index_documents)
    signals.all_generators_finalized.connect(stop_on_problems)
    signals.finalized.connect(finish_output)
