""""Register your interest" links: on an issuing body's page and with each entry of a consultation plan,
to the form set by KONSULTA['interest_form'], carrying the body and the planned item (in Kosovo the
public registers interest per unit and per proposal, every year)."""

from __future__ import annotations

import urllib.parse


def interest_url(template: str | None, *, body: str, lang: str, year: int | str = "", item: str = "") -> str | None:
    """The form's address for ``body`` (a body's slug), and a plan entry's ``year`` and ``item`` (its title
    in the site's default language) when the link is a plan entry's; None without an interest form.
    The template was checked when the build started (checks.check_site_form)."""
    if not template:
        return None
    values = {"body": body, "lang": lang, "year": str(year), "item": item}
    return template.format(**{k: urllib.parse.quote(v, safe="") for k, v in values.items()})
