"""The consultation checks a build makes before writing, shared with scripts/validate."""

from __future__ import annotations

import datetime as dt

from konsulta_content.config import ConfigError
from konsulta_content.documents import consultation_days
from konsulta_content.problems import display_path

from .comments import FormTemplateError, check_template
from .plugin import COMMENT_PLACEHOLDERS, INTEREST_PLACEHOLDERS


def check_site_form(config) -> None:
    """The site-wide form templates are settings: a mistake in one stops the build at once."""
    problems = []
    for name, placeholders in (("comment_form", COMMENT_PLACEHOLDERS), ("interest_form", INTEREST_PLACEHOLDERS)):
        template = getattr(config, name)
        if not template:
            continue
        try:
            check_template(template, config.comment_hosts, placeholders)
        except FormTemplateError as error:
            problems.append(f"[{name!r}]: {error}")
    if problems:
        raise ConfigError(problems)


def has_usable_period(doc) -> bool:
    """A draft whose consultation dates validated (otherwise validation has said what is wrong). Problems
    elsewhere in the draft do not matter: its comment form is checked in the same run as they are found."""
    return (consultation_days(doc) is not None
            and not any(doc.has_problem_at(name) for name in (("date",), ("consultation",))))


def form_template(doc, config):
    """(the draft's form template or None, a Problem or None)."""
    template = doc.fields["consultation"].get("form") or config.comment_form
    if not template:
        return None, None
    try:
        check_template(template, config.comment_hosts)
    except FormTemplateError as error:
        return None, doc.make_problem(str(error), path=("consultation", "form"))
    return template, None


def short_consultation_warning(doc, length_days: int, config) -> str | None:
    if length_days >= config.min_consultation_days:
        return None
    return (f"{display_path(doc.source_path)}: the consultation lasts {length_days} days, fewer than the minimum "
            f"of {config.min_consultation_days} (KONSULTA['min_consultation_days']): move 'consultation.closes' later")


def over_before_published_warning(doc) -> str | None:
    """A consultation that closed before the draft was published (its 'date'): nobody could have commented.
    Almost always a year typed wrong in 'opens' and 'closes' (copied from last year's draft). Compared with
    the draft's own date, not with the clock: a consultation held years ago, published on time, is simply
    closed, and an archive is never warned about."""
    closes, published = doc.fields["consultation"].get("closes"), doc.fields.get("date")
    if not (isinstance(closes, dt.date) and isinstance(published, dt.date) and closes < published):
        return None
    return str(doc.make_problem(
        f"the consultation closed on {closes.isoformat()}, before the draft was published on {published.isoformat()} "
        "('date'): nobody could comment; check the years of 'consultation.opens', 'consultation.closes' and 'date'",
        path=("consultation", "closes")))
