"""The build's "now": the clock, unless frozen for tests and reproducible builds."""

from __future__ import annotations

import datetime as dt
import os

ENVIRONMENT_VARIABLE = "KONSULTA_NOW"


class ClockError(SystemExit):
    pass


def build_now(config) -> dt.datetime:
    """KONSULTA_NOW from the environment, else KONSULTA['now'], else the clock; always in the site's zone."""
    frozen = os.environ.get(ENVIRONMENT_VARIABLE) or config.now
    if not frozen:
        return dt.datetime.now(config.timezone).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(frozen)
    except ValueError:
        source = ENVIRONMENT_VARIABLE if os.environ.get(ENVIRONMENT_VARIABLE) else "KONSULTA['now']"
        raise ClockError(f"{source}: {frozen!r} is not a date and time such as 2026-12-15T10:30:00 "
                         "(a time zone offset is optional; without one the site's TIMEZONE is used)") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=config.timezone)
    return moment.astimezone(config.timezone)
