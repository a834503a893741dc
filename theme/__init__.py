"""Konsulta's theme (templates, static files, interface translations), installed as the package
``konsulta_theme`` so that a site finds it wherever Konsulta was installed: THEME = konsulta_theme.PATH."""

from pathlib import Path

PATH = str(Path(__file__).resolve().parent)
