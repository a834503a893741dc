"""When the nightly publishing runs: just after local midnight in the site's time zone, all year round.

GitHub's cron is UTC, and local midnight falls on a different UTC hour in summer and in winter. The
publish workflow is therefore scheduled at every UTC time that is local 00:MM on some day of the year
(Europe/Belgrade: 22:05 and 23:05 UTC), and each run publishes only when the local hour is 0, which is
true of exactly one of them on each day (``publishes_at``). `konsulta schedule ZONE` prints the lines.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
# Minutes past local midnight: scheduled runs at the top of the hour are the most delayed on GitHub.
MINUTE = 5
# Days looked at from the given day: two years see every rule a zone has in force now, and its next change.
SPAN_DAYS = 2 * 366


def run_times(zone: ZoneInfo, minute: int = MINUTE, start: dt.date | None = None) -> list[tuple[int, int]]:
    """Every (UTC hour, UTC minute) that is local 00:``minute`` on some day from ``start`` (today) on."""
    start = start or dt.datetime.now(zone).date()
    found = set()
    for day in range(SPAN_DAYS):
        local = dt.datetime.combine(start + dt.timedelta(days=day), dt.time(0, minute), tzinfo=zone)
        utc = local.astimezone(UTC)
        found.add((utc.hour, utc.minute))
    return sorted(found)


def cron_lines(zone: ZoneInfo, minute: int = MINUTE, start: dt.date | None = None) -> list[str]:
    """The cron expressions (UTC) of the nightly runs: one per UTC minute, listing its hours."""
    hours_by_minute: dict[int, list[int]] = {}
    for hour, at in run_times(zone, minute, start):
        hours_by_minute.setdefault(at, []).append(hour)
    return [f"{at} {','.join(map(str, hours))} * * *" for at, hours in sorted(hours_by_minute.items())]


def publishes_at(instant: dt.datetime, zone: ZoneInfo) -> bool:
    """Whether a scheduled run at ``instant`` publishes: the hour just after midnight in ``zone``.
    The workflow asks the same of the runner's clock: `TZ=ZONE date +%H` is 00."""
    return instant.astimezone(zone).hour == 0
