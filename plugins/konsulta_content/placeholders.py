"""The placeholders `konsulta new` (scripts/new) writes where only the editor has the words: one marker,
written here and read both by the scaffold writer and by the check that stops a document still holding it.

An untouched scaffold would otherwise publish: a draft open for comments, with an empty text and a
summary that tells the reader to replace it. The marker is plain ASCII text, the same in every language,
that no document has a reason to contain: `[REPLACE: what to write]`.
"""

from __future__ import annotations

MARKER = "[REPLACE:"
END = "]"


def placeholder(hint: str) -> str:
    """The text scripts/new writes where the editor must write: '[REPLACE: one or two sentences ...]'."""
    return f"{MARKER} {hint}{END}"


def holds_placeholder(text) -> bool:
    return isinstance(text, str) and MARKER in text


def shown_placeholder(text: str) -> str:
    """The placeholder in ``text``, as a problem line quotes it."""
    start = text.index(MARKER)
    end = text.find(END, start)
    return text[start:end + 1] if end >= 0 else text[start:]


def placeholder_fields(value, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(field path, placeholder) for every text in the front matter ``value`` that still holds one."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in placeholder_fields(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in placeholder_fields(item, (*path, index))]
    return [(path, shown_placeholder(value))] if holds_placeholder(value) else []


def placeholder_message(written: str, what: str) -> str:
    return (f"still holds the placeholder {written!r} that `konsulta new` (scripts/new) wrote: "
            f"replace it with {what}")
