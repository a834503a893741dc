"""Module-level functions for tests/test_workers.py: the pool's spawned processes import them by name."""

from __future__ import annotations

import os


def where(number: int, main_pid: int, event=None, role: str = "") -> tuple[int, bool]:
    """(number, whether it ran in the test's own process). ``role``: "block" waits for ``event``,
    "release" sets it, "fail" raises, "exit" stops with a SystemExit, "die" ends a pool process outright."""
    here = os.getpid() == main_pid
    if role == "block":
        event.wait()
    elif role == "release":
        event.set()
    elif role == "fail":
        raise ValueError(f"batch {number}: feed entry without a date")
    elif role == "exit":
        raise SystemExit(f"Konsulta found 1 problem in the content:\nbatch {number}: broken")
    elif role == "die" and not here:
        os._exit(1)
    return number, here
