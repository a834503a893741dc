"""What konsulta_plan adds to the build once the documents are read (a checking step: its problems are
the build's and scripts/validate's alike): the annual plans, checked against the site's documents."""

from __future__ import annotations

from pathlib import Path

from .plans import load_plans


def read_plans(build) -> None:
    plans, problems = load_plans(Path(build.settings["PATH"]), build.site)
    build.report(problems)
    build.context["consultation_plans"] = plans
