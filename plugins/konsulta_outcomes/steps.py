"""What konsulta_outcomes checks once the documents are read (a checking step: its problems are the
build's and scripts/validate's alike): what every outcome's responses publish."""

from __future__ import annotations

from .checks import response_problems


def check_responses(build) -> None:
    build.report(response_problems(build.site, build.config, build.context["build_now"]))
