"""Where plan pages live. "plan" sits beside document slugs in a language folder, so it is a
reserved slug (see konsulta_content.site)."""

from __future__ import annotations

PLAN_PATH = "plan"


def plan_url(lang: str, year: int | None = None) -> str:
    """The list of plans, or one year's plan: en/plan/, en/plan/2027/."""
    return f"{lang}/{PLAN_PATH}/{year}/" if year else f"{lang}/{PLAN_PATH}/"
