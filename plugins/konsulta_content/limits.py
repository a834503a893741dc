"""Bounds on the work one document's Markdown can cause, checked before it is converted.

Python-Markdown looks for the end of a link from every "[" and for the end of a tag from every "<",
to the end of the paragraph when there is none: a paragraph of unclosed brackets costs the number
of brackets times its length (measured on 2 CPUs: 1,000 "[x" in 2 kB took 1.6 s, 80 kB of "[" took
minutes). The cost is estimated here as the characters those searches read, and a document over the
limit is a problem naming the paragraph, instead of a build that never ends.

The depth of lists is bounded where their structure is read, konsulta_content.gfm (MAX_DEPTH).
"""

from __future__ import annotations

import re

# Characters Python-Markdown's bracket and tag searches may read in one document: about 2-3 s at most
# (1,000,000 took 1.6 s). Real documents stay far below: 13,000 in the longest demo document.
MAX_SCAN = 2_000_000
# A footnote referred to many times gets a back-link per reference, found by a search through the
# ones before it: 2,000 references took 6.7 s, 500 took 0.36 s.
MAX_FOOTNOTE_REFERENCES = 1_000

_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_FENCE_LINE = re.compile(r"(^ {0,3}(?:`{3,}|~{3,}).*$)", re.MULTILINE)
_SEARCHED = re.compile(r"\\.|[\[\]<>]", re.DOTALL)
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\](?!:)")


def problems(text: str) -> list[tuple[str, str]]:
    """(the start of the offending text, sentence) for each bound the text exceeds."""
    found = []
    worst, worst_cost, total = "", 0, 0
    for block in _prose_blocks(text):
        cost = _search_cost(block)
        total += cost
        if cost > worst_cost:
            worst, worst_cost = block, cost
    if total > MAX_SCAN:
        found.append((worst.lstrip()[:40], "this text has too many opening brackets '[' or '<' without a closing "
                      "one for Markdown to read in reasonable time: close them, or write \\[ and &lt; for the "
                      "characters themselves"))
    references = len(_FOOTNOTE_REFERENCE.findall(text))
    if references > MAX_FOOTNOTE_REFERENCES:
        found.append(("[^", f"the text refers to footnotes {references} times; at most "
                      f"{MAX_FOOTNOTE_REFERENCES} are published: split the document"))
    return found


def _prose_blocks(text: str):
    """Paragraph-like blocks outside fenced code (inline Markdown is not read inside code)."""
    fenced = False
    for piece in _FENCE_LINE.split(text):
        if _FENCE.match(piece):
            fenced = not fenced
            continue
        if not fenced:
            yield from _BLANK_LINES.split(piece)


def _search_cost(block: str) -> int:
    """Characters read by searching, from each "[" to its "]" and from each "<" to the next ">"."""
    cost, brackets, tags = 0, [], []
    for match in _SEARCHED.finditer(block):
        mark, at = match.group(), match.start()
        if mark == "[":
            brackets.append(at)
        elif mark == "]" and brackets:
            cost += at - brackets.pop()
        elif mark == "<":
            tags.append(at)
        elif mark == ">" and tags:
            cost += sum(at - start for start in tags)
            tags.clear()
    end = len(block)
    return cost + sum(end - start for start in brackets) + sum(end - start for start in tags)
