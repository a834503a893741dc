"""Counts of an outcome's responses by decision and by submitter category, in a fixed order."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from konsulta_content.schema import DECISIONS


@dataclass(frozen=True)
class Count:
    key: str
    count: int
    scale: float  # this count as a share of the largest in its group, 0 to 1: a bar's length

    @property
    def bar_percent(self) -> str:
        """The bar's width as a percentage of the chart, as SVG wants it; the rest holds the count."""
        return f"{self.scale * 80:.1f}"


@dataclass(frozen=True)
class ResponseCounts:
    total: int
    by_decision: tuple[Count, ...]
    by_submitter: tuple[Count, ...]


def count_responses(responses, submitter_categories) -> ResponseCounts:
    return ResponseCounts(
        total=len(responses),
        # Before an outcome is published a response may wait for its decision: counted in total only.
        by_decision=_ordered(DECISIONS, Counter(r["decision"] for r in responses if r["decision"])),
        by_submitter=_ordered(submitter_categories, Counter(r["submitter"] for r in responses)),
    )


def _ordered(keys, counter: Counter) -> tuple[Count, ...]:
    # Every category is listed even at zero: "no business responded" is a finding. Validation keeps
    # values to the known keys; anything else would still be counted, after them, never dropped.
    keys = list(keys) + sorted(set(counter) - set(keys))
    largest = max(counter.values(), default=0)
    return tuple(Count(key, counter[key], counter[key] / largest if largest else 0.0) for key in keys)
