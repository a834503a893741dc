"""Writing the output in two processes on machines with more than one CPU.

Once every generator has its context, the generators whose output depends on that context alone
(they say so with ``parallel_output = True``: feeds, the search index, calendars, open data) write
in a forked process while this one writes the pages. Pelican itself writes on one CPU only; its
generators are independent by then, so the output is the same file for file (the quality gates
compare the trees byte for byte).

Their writing is cut into jobs: a generator's ``output_jobs(writer)`` (a list of functions; the feeds
and the search index give one per language), else its ``generate_output``. The forked process takes
the jobs one by one, the costliest first (a generator's ``output_cost``, its rough share of the
writing, 1 when not given, shared out among its jobs). When this process has written the pages and
the forked one is still busy, it takes the jobs left, from the cheapest: neither CPU waits for the
other for long, whatever the shape of the site.

Module state that the forked process fills and this one needs afterwards (the pages written, for
sitemap.xml) is brought back with ``bring_back``. An error in the forked process stops the build
here, with its message, when the output is joined.
"""

from __future__ import annotations

import atexit
import fcntl
import mmap
import os
import pickle
import sys
import tempfile
import threading
import traceback

_shared: dict = {}  # name -> (collect, merge)
_child: dict = {}  # "pid", "pipe", "jobs" and "claims" of the running output process
forks = {"count": 0}  # output processes started by this process (the tests check a build used one)
helped = {"jobs": 0}  # parallel jobs this process wrote itself, once its own pages were written


def bring_back(name: str, collect, merge) -> None:
    """``collect()`` runs in the forked process when it is done; ``merge(value)`` here, on join."""
    _shared[name] = (collect, merge)


def can_fork() -> bool:
    # fork() copies only the calling thread, with any lock another thread holds at that moment. The one
    # thread a Pelican build has is rich's status spinner, whose locks _console_locks() holds across
    # fork; with any other thread the build stays in one process.
    if not hasattr(os, "fork"):
        return False
    return all(t is threading.main_thread() or type(t).__module__.startswith("rich.") for t in threading.enumerate())


def _console_locks() -> list:
    """The locks of Pelican's rich console and its live status, in the order its refresh thread takes them."""
    log = sys.modules.get("pelican.log")
    console = getattr(log, "console", None)
    if console is None:
        return []
    lives = [getattr(live, "_lock", None) for live in getattr(console, "_live_stack", [])]
    return [lock for lock in [*lives, getattr(console, "_lock", None)] if lock is not None]


def fork() -> int:
    """os.fork() with the console's locks held across it, so that neither process inherits them taken."""
    sys.stdout.flush()
    sys.stderr.flush()
    locks = _console_locks()
    for lock in locks:
        lock.acquire()
    try:
        return os.fork()
    finally:
        for lock in reversed(locks):
            lock.release()  # in both processes (an RLock's owner is the same thread id in the child)


def split_output(generators, processes: int) -> bool:
    """Arranges for the parallel generators to write in a forked process, started when the first
    generator starts writing (after Pelican has refreshed every generator's links). True if arranged."""
    beside = [g for g in generators if getattr(g, "parallel_output", False) and hasattr(g, "generate_output")]
    writers = [g for g in generators if hasattr(g, "generate_output")]
    if processes < 2 or not beside or len(beside) == len(writers) or not can_fork():
        return False
    outputs = [(g, g.generate_output) for g in beside]
    for generator in beside:
        generator.generate_output = _nothing  # an instance attribute: Pelican's loop skips them here
    first = next(g for g in writers if g not in beside)
    first_output = first.generate_output

    def start_then_write(writer):
        _start(_jobs(outputs, writer))
        first_output(writer)

    first.generate_output = start_then_write
    return True


class _Claims:
    """Which of ``count`` jobs are taken, in memory shared by this process and the ones it forks. A POSIX
    record lock on a temporary file guards the marks: it belongs to one process at a time, and the
    system releases it if that process dies (a process killed while holding it cannot hang the other)."""

    def __init__(self, count: int):
        self.count = count
        self.taken = mmap.mmap(-1, max(count, 1))  # anonymous and MAP_SHARED: forks see each other's marks
        self._lock = tempfile.TemporaryFile()

    def _take(self, order) -> int | None:
        fcntl.lockf(self._lock, fcntl.LOCK_EX)
        try:
            for number in order:
                if not self.taken[number]:
                    self.taken[number] = 1
                    return number
            return None
        finally:
            fcntl.lockf(self._lock, fcntl.LOCK_UN)

    def first(self) -> int | None:
        return self._take(range(self.count))

    def last(self) -> int | None:
        return self._take(reversed(range(self.count)))

    def close(self) -> None:
        self._lock.close()
        self.taken.close()


def _jobs(outputs, writer) -> list:
    """Every parallel generator's jobs, costliest first (stable: ties keep PLUGINS order)."""
    costed = []
    for generator, output in outputs:
        jobs = generator.output_jobs(writer) if hasattr(generator, "output_jobs") else [lambda o=output: o(writer)]
        cost = getattr(generator, "output_cost", 1) / max(len(jobs), 1)
        costed += [(cost, job) for job in jobs]
    return [job for _, job in sorted(costed, key=lambda pair: -pair[0])]


def _nothing(writer):
    return None


def run_forked(work) -> tuple[int, int]:
    """Starts ``work()`` in a forked process; (pid, pipe) for ``outcome``. The forked process never
    returns to its caller: it sends back what work returned, or the error it raised, and exits."""
    read_end, write_end = os.pipe()
    pid = fork()
    if pid == 0:
        os.close(read_end)
        status = 0
        try:
            payload = ("done", work())
        except SystemExit as stop:
            status, payload = 1, ("exit", stop.code if isinstance(stop.code, (int, str)) else str(stop.code))
        except BaseException:  # noqa: BLE001 - reported by the process that waits, with its traceback
            status, payload = 1, ("error", traceback.format_exc())
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pickle.dump(payload, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def outcome(pid: int, pipe: int) -> tuple[str, object]:
    """Waits for a run_forked process: ("done", what work returned), ("exit", the SystemExit code) or
    ("error", a traceback)."""
    with os.fdopen(pipe, "rb") as stream:  # read before waiting: a full pipe would block the child
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    return pickle.loads(data) if data else ("error", f"the process ended with status {status}")


def _start(jobs) -> None:
    """Runs ``jobs`` in a forked process, which takes them from the first; ``join`` takes the last ones
    here if they are still waiting."""
    join()
    claims = _Claims(len(jobs))
    own = claims.first()  # the costliest job is the forked process's before it starts, whatever join does

    def write_then_collect():
        number = own
        while number is not None:
            jobs[number]()
            number = claims.first()
        return {name: collect() for name, (collect, _) in _shared.items()}

    pid, pipe = run_forked(write_then_collect)
    forks["count"] += 1
    _child.update(pid=pid, pipe=pipe, jobs=jobs, claims=claims)


def join(help_out: bool = True) -> None:
    """Writes what the output process has not started yet (unless ``help_out`` is false), waits for it,
    brings its state back, and re-raises its error. Idempotent."""
    if not _child:
        return
    jobs, claims = _child.pop("jobs"), _child.pop("claims")
    try:
        for number in iter(claims.last if help_out else lambda: None, None):
            jobs[number]()
            helped["jobs"] += 1
    finally:
        kind, value = outcome(_child.pop("pid"), _child.pop("pipe"))
        claims.close()
    if kind == "exit":
        raise SystemExit(value)
    if kind == "error":
        raise RuntimeError(f"writing feeds, search, calendars or open data failed:\n{value}")
    for name, state in value.items():
        _shared[name][1](state)


def _join_quietly() -> None:
    try:
        join(help_out=False)
    except BaseException:  # noqa: BLE001 - the build has already failed; only wait for the child
        pass


atexit.register(_join_quietly)
