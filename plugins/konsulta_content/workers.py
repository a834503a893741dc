"""Sharing a build's work with another process, with the standard library's process pool.

Only pure functions are shared: they take plain data and return plain data (the documents read from
their files, the bytes of feeds and search indexes), so the output is the same whichever process ran
them. The pool's processes are spawned, not forked: they start as a fresh interpreter and copy
nothing of this one (no lock a thread of Pelican's holds, no open file), which is why Python 3.12's
warning about forking a process with threads does not arise.

Work is given as batches, in the order they should be taken (``Workers.share``). The other process
takes them from the first; when this process asks for the results it does the batches that process
has not started, from the last (a batch not yet started can be taken back: ``Future.cancel``), then
waits for the rest. So neither process waits long for the other, whatever the size of the site, and
while the other process is still starting, this one simply does more of the work.

A pool pays once a site has documents enough: starting a process costs about half a second of the
other CPU, and a small site is read before it is ready (``PARALLEL_FROM``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

# Measured on 2 CPUs (scripts/bench_build.py corpora): below this many documents the other process is
# not ready before this one has read them all, and starting it only costs CPU time.
PARALLEL_FROM = 200


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Workers:
    """The processes of one build besides this one: at most ``processes - 1``, started when first needed."""

    def __init__(self, processes: int):
        self.processes = max(1, min(processes, usable_cpus()))
        self._pool: ProcessPoolExecutor | None = None
        self.given = 0  # batches given to the pool (the tests check that a build shared its work)
        self.done_elsewhere = 0  # of those, the ones its processes did

    @property
    def started(self) -> bool:
        return self._pool is not None

    def start(self) -> None:
        """Starts the pool (nothing with one process). Its processes start when given work."""
        if self._pool is None and self.processes > 1:
            self._pool = ProcessPoolExecutor(self.processes - 1, mp_context=multiprocessing.get_context("spawn"))

    def share(self, function: Callable, batches: Sequence[tuple]) -> Shared:
        """``function(*batch)`` for every batch: started in the pool if there is one, done here otherwise
        (or when the pool cannot take it). ``function`` is a module-level function, and each batch's
        arguments and result can be pickled."""
        return Shared(function, list(batches), self)

    def close(self) -> None:
        """Stops the pool: work not started is dropped, the processes end. Idempotent."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


class Shared:
    """Batches of one function, some perhaps running in the pool; ``results`` gives every batch's result."""

    def __init__(self, function: Callable, batches: list[tuple], workers: Workers):
        self.function = function
        self.batches = batches
        self.workers = workers
        self.futures: list[Future | None] = [None] * len(batches)
        self.taken_back = 0  # batches this process did itself, though the pool had them
        pool = workers._pool
        if pool is not None:
            try:
                self.futures = [pool.submit(function, *batch) for batch in batches]
                workers.given += len(batches)
            except (BrokenProcessPool, RuntimeError):  # the pool is broken or shut down: all done here
                self.futures = [None] * len(batches)

    def results(self) -> list:
        """Every batch's result, in the order of the batches. An exception raised by ``function`` in the
        other process is raised here; a batch whose process died is done again here."""
        done: dict[int, object] = {}
        for number in reversed(range(len(self.batches))):
            future = self.futures[number]
            if future is not None and not future.cancel():
                break  # the pool has started it, so it has started every batch before it too
            if future is not None:
                self.taken_back += 1
            done[number] = self.function(*self.batches[number])
        for number, future in enumerate(self.futures):
            if number in done:
                continue
            try:
                done[number] = future.result()
                self.workers.done_elsewhere += 1
            except BrokenProcessPool:  # its process was killed (out of memory, say): do it here
                done[number] = self.function(*self.batches[number])
        return [done[number] for number in range(len(self.batches))]


def batches_of(items: Sequence, size: int) -> list[tuple]:
    """``items`` cut into consecutive lists of ``size`` (the last one shorter), each as a 1-tuple of arguments."""
    return [(list(items[start:start + size]),) for start in range(0, len(items), size)]
