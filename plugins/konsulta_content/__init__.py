"""Konsulta content: the document model, its reader and validation, the build every other plugin builds on
(build.py: read, validate, enrich with the plugins' steps, write, publish), the declarations of plugins
(plugins.py) and settings (declare.py, config.py), and the site's look (appearance.py).

Importing a module of this package loads no build machinery: Pelican's signals are connected by
``register`` (wiring.py), which Pelican calls for a build. So scripts/validate and the processes that
share a build's work (workers.py) import only what reading documents needs.
"""


def register():
    from . import wiring

    wiring.register()
