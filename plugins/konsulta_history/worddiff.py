"""Word-level differences between two texts, for pages that show what changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# A word or a punctuation mark with the spaces before it: half as many tokens as splitting spaces off.
TOKEN = re.compile(r"\s*\w+|\s*[^\w\s]|\s+", re.UNICODE)


@dataclass(frozen=True)
class Piece:
    kind: str  # "same", "inserted", "deleted"
    text: str


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """Lines first, then words inside changed lines: edits are local, and comparing whole
    documents word by word costs quadratic time on long texts."""
    before, after = old.splitlines(keepends=True), new.splitlines(keepends=True)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
        elif op == "replace":
            pieces.extend(_words("".join(before[a1:a2]), "".join(after[b1:b2])))
        elif op == "delete":
            pieces.append(Piece("deleted", "".join(before[a1:a2])))
        else:
            pieces.append(Piece("inserted", "".join(after[b1:b2])))
    return _merged(pieces)


def _merged(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].kind == piece.kind:
            merged[-1] = Piece(piece.kind, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def _words(old: str, new: str) -> list[Piece]:
    before, after = tokens(old), tokens(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("deleted", "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("inserted", "".join(after[b1:b2])))
    return pieces


def counts(pieces: list[Piece]) -> dict[str, int]:
    words = {"inserted": 0, "deleted": 0}
    for piece in pieces:
        if piece.kind in words:
            words[piece.kind] += len(re.findall(r"\w+", piece.text))
    return words
