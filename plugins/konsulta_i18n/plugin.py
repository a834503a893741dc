"""What konsulta_i18n is (konsulta_content.plugins)."""

from konsulta_content.plugins import Plugin

PLUGIN = Plugin(
    "konsulta_i18n",
    "Every page in its own language: the theme's interface strings from gettext catalogues compiled in "
    "memory, and dates, numbers, sizes and language names from Babel, as template functions and filters.",
)
