"""Konsulta: a static site generator for transparency publishing and public consultation, on Pelican.

This package holds what a site needs besides the plugins (the ``konsulta_*`` packages) and the theme
(``konsulta_theme``): the packaged settings every site starts from (``konsulta.defaults`` and
``konsulta.publish``) and the ``konsulta`` command (``konsulta.cli``).
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("konsulta")
except metadata.PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
