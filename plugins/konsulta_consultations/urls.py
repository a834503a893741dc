"""Where the consultation pages live. "consultations" sits beside document slugs in a language folder,
so it is a reserved slug (the plugin's declared files, plugin.py)."""

from __future__ import annotations

CONSULTATIONS_PATH = "consultations"


def consultations_url(lang: str, status: str | None = None) -> str:
    return f"{lang}/{CONSULTATIONS_PATH}/{status}/" if status else f"{lang}/{CONSULTATIONS_PATH}/"
